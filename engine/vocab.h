/*
 * vocab.h: the domain's fixed vocabularies, defined once: the tiers (一级 highest), the
 * warning dispositions from mild to severe, and the statuses of a warning's life.  The
 * database holds the same lists (enum_* tables of schemas/001); these are for C code that
 * ranks or checks them.  Depends on nothing.
 */
#ifndef RG_VOCAB_H
#define RG_VOCAB_H

#include <string.h>

#define VOCAB_TIERS 3
#define VOCAB_DISPOSITIONS 3
#define VOCAB_STATUSES 4

/* The tiers, highest risk first: index 0 is 一级. */
static const char *const vocab_tier[VOCAB_TIERS] = {"一级", "二级", "三级"};

/* The dispositions of a warning, mild to severe (DOMAIN.md §6): escalation moves right. */
static const char *const vocab_disposition[VOCAB_DISPOSITIONS] = {"风险提示", "诫勉谈话",
								  "责令纠错"};

/* A warning's statuses in the order of its life: issued, signed for, answered, released. */
static const char *const vocab_status[VOCAB_STATUSES] = {"发布", "签收", "反馈", "解除"};

/* vocab_index: the index of s in set[0..n-1], or -1 when s (which may be NULL) is not in
 * it. */
static inline int vocab_index(const char *const *set, int n, const char *s)
{
	for (int i = 0; s != NULL && i < n; i++)
		if (strcmp(set[i], s) == 0)
			return i;
	return -1;
}

#endif

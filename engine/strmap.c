/*
 * strmap.c: open addressing with linear probing over a power-of-two table, FNV-1a
 * hashes kept beside the keys, the table doubled when it is half full.  Keys are never
 * removed.
 * Depends on the C library only.
 */
#include "strmap.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
	char *key;     /* a copy of the key; NULL: the slot is free */
	uint64_t hash; /* hash(key) */
	void *value;   /* what the key is mapped to */
} slot;

struct strmap {
	slot *slots; /* cap slots */
	long cap;    /* a power of two */
	long count;  /* slots in use */
};

static uint64_t hash(const char *s)
{
	uint64_t h = 14695981039346656037u;

	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211u;
	return h;
}

/* The slot holding key (hash h), or the free slot where it belongs. */
static slot *find(slot *slots, long cap, const char *key, uint64_t h)
{
	for (long i = (long)(h & (uint64_t)(cap - 1));; i = (i + 1) & (cap - 1))
		if (slots[i].key == NULL || (slots[i].hash == h && strcmp(slots[i].key, key) == 0))
			return &slots[i];
}

strmap *strmap_new(void)
{
	strmap *m = calloc(1, sizeof *m);

	if (m == NULL)
		return NULL;
	m->cap = 16;
	if ((m->slots = calloc((size_t)m->cap, sizeof *m->slots)) == NULL) {
		free(m);
		return NULL;
	}
	return m;
}

void strmap_free(strmap *m)
{
	if (m == NULL)
		return;
	for (long i = 0; i < m->cap; i++)
		free(m->slots[i].key);
	free(m->slots);
	free(m);
}

static bool grow(strmap *m)
{
	long cap = m->cap * 2;
	slot *slots = calloc((size_t)cap, sizeof *slots);

	if (slots == NULL)
		return false;
	for (long i = 0; i < m->cap; i++)
		if (m->slots[i].key != NULL)
			*find(slots, cap, m->slots[i].key, m->slots[i].hash) = m->slots[i];
	free(m->slots);
	m->slots = slots;
	m->cap = cap;
	return true;
}

bool strmap_put(strmap *m, const char *key, void *value)
{
	uint64_t h = hash(key);
	slot *s;

	if ((m->count + 1) * 2 > m->cap && !grow(m))
		return false;
	s = find(m->slots, m->cap, key, h);
	if (s->key == NULL) {
		if ((s->key = strdup(key)) == NULL)
			return false;
		s->hash = h;
		m->count++;
	}
	s->value = value;
	return true;
}

void *strmap_get(const strmap *m, const char *key)
{
	if (key == NULL)
		return NULL;
	return find(m->slots, m->cap, key, hash(key))->value;
}

long strmap_count(const strmap *m)
{
	return m->count;
}

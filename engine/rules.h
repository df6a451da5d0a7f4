/*
 * rules.h: the rule layer.  Loads a Lua 5.4 rule pack into a sandbox, hands it one risk
 * point's facts at a time and checks what it returns.  The only module that sees Lua; the
 * engine holds no weights, thresholds or domain rules — they all live in the pack.
 * Depends on Lua, db.h (rows become Lua tables), date.h, sha.h, status.h.
 */
#ifndef RG_RULES_H
#define RG_RULES_H

#include "db.h"
#include "sha.h"
#include "status.h"

#define RULES_MAX_REASONS 64
#define RULES_MAX_FLAGS 32
#define RULES_MAX_WARNINGS 16

typedef struct rules rules;

/* A re-grading flag proposed by the pack. */
typedef struct {
	const char *code;     /* stable reason code, e.g. "under_graded" */
	const char *label;    /* the users' term for it, e.g. "定级偏低" */
	const char *evidence; /* what shows it: the law change, the signal, the measure */
} rule_flag;

/* A warning proposed by the pack. */
typedef struct {
	const char *reason;      /* why (预警事由) */
	const char *disposition; /* 风险提示 | 诫勉谈话 | 责令纠错 */
	const char *responsible; /* person code, or NULL when nobody holds the role */
	const char *due;         /* YYYY-MM-DD */
	const char *text;        /* what must be done */
} rule_warning;

/* What the pack returned for one point.  Strings belong to the Lua state and stay valid
 * until the next rules_begin_point() or rules_close(). */
typedef struct {
	int importance, discretion, likelihood, harm; /* the four factors, 1-5 */
	double score;                                 /* the combined score */
	const char *tier;                             /* 一级 | 二级 | 三级 (checked by caller) */
	const char *reasons[RULES_MAX_REASONS];       /* why, one sentence each */
	int nreasons;
	rule_flag flags[RULES_MAX_FLAGS];
	int nflags;
	rule_warning warnings[RULES_MAX_WARNINGS];
	int nwarnings;
} rule_result;

/*
 * rules_open: create a sandboxed Lua state and load the pack dir/default.lua, which must
 * return a table with a function grade(point, ctx).  as_of (YYYY-MM-DD) is handed to the
 * pack as ctx.as_of.  On success *out must be freed with rules_close().  RG_RULE with the
 * pack's file:line on a syntax or load error, RG_IO if the file cannot be read.
 */
rg_status rules_open(const char *dir, const char *as_of, rules **out, rg_err *e);

/* rules_close: free the Lua state and everything it returned.  NULL is allowed. */
void rules_close(rules *r);

/* rules_pack_path / rules_pack_sha256: the pack file loaded and the SHA-256 of its
 * content, for the run record. */
const char *rules_pack_path(const rules *r);
const char *rules_pack_sha256(const rules *r);

/*
 * rules_begin_point: start the facts of a new point from the current row of s: each column
 * becomes a field.  A column named "a.b" goes into sub-table a (created only when a value
 * is not NULL); a name ending in "?" is a boolean (0 false, anything else true).
 */
void rules_begin_point(rules *r, db_stmt *s);

/* rules_add_fields: add the columns of the current row of s to the current point, as
 * rules_begin_point() does. */
void rules_add_fields(rules *r, db_stmt *s);

/*
 * rules_add_list: step s to its end and set field key of the current point to an array of
 * its rows, each a table built as in rules_begin_point().  RG_DB on a database failure.
 */
rg_status rules_add_list(rules *r, const char *key, db_stmt *s, rg_err *e);

/*
 * rules_grade: call the pack's grade(point, ctx) in protected mode and check its result
 * into *res.  code names the point in messages.  RG_RULE on a Lua error (message: the
 * pack's file:line, the error, the point's code and a traceback) or a malformed result
 * (naming the field and what was expected).
 */
rg_status rules_grade(rules *r, const char *code, rule_result *res, rg_err *e);

#endif

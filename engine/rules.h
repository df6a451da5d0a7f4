/*
 * rules.h: the rule layer.  Loads a Lua 5.4 rule pack into a sandbox, hands it one risk
 * point's facts at a time and checks what it returns.  The only module that sees Lua; the
 * engine holds no weights, thresholds or domain rules — they all live in the pack.
 * Depends on Lua, db.h (rows become Lua tables), date.h, sha.h, status.h.
 */
#ifndef RG_RULES_H
#define RG_RULES_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "db.h"
#include "sha.h"
#include "status.h"

#define RULES_MAX_REASONS 64
#define RULES_MAX_FLAGS 32
#define RULES_MAX_WARNINGS 16

typedef struct rules rules;

/* A pack the state has loaded: an agency's (rules/agencies/CODE.lua) or the default. */
typedef struct {
	char name[64];        /* "default" or an agency code */
	char path[4096 + 128]; /* the file it came from */
	char sha[SHA_HEX];    /* SHA-256 of the file's content */
	const char *parent;   /* the pack it inherits from, or NULL */
} rule_pack;

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
	const char *pack;                             /* name of the pack that graded it */
	int importance, discretion, likelihood, harm; /* the four factors, 1-5 */
	double score;                                 /* the combined score */
	const char *tier;                             /* 一级 | 二级 | 三级 (checked by caller) */
	const char *reasons[RULES_MAX_REASONS];       /* why, one sentence each */
	const char *trace[RULES_MAX_REASONS];         /* where each came from (file:line), or
						       * NULL; only when tracing */
	int nreasons;
	rule_flag flags[RULES_MAX_FLAGS];
	int nflags;
	rule_warning warnings[RULES_MAX_WARNINGS];
	int nwarnings;
} rule_result;

/*
 * rules_open: create a sandboxed Lua state for the packs of dir; as_of (YYYY-MM-DD) is
 * handed to the packs as ctx.as_of.  No pack is loaded yet (see rules_use).  On success
 * *out must be freed with rules_close().
 */
rg_status rules_open(const char *dir, const char *as_of, rules **out, rg_err *e);

/* rules_close: free the Lua state and everything it returned.  NULL is allowed. */
void rules_close(rules *r);

/* rules_pack_file: whether dir has its own pack for this agency code (a file
 * dir/agencies/CODE.lua). */
bool rules_pack_file(const char *dir, const char *agency);

/*
 * rules_use: grade the points of agency with pack name ("default" or an agency code),
 * loading it, and the packs it inherits from, if they are not loaded yet.  RG_RULE with
 * the pack's file:line on a syntax or load error or an inheritance cycle, RG_IO if a file
 * cannot be read.
 */
rg_status rules_use(rules *r, const char *agency, const char *name, rg_err *e);

/*
 * rules_test: load pack name in this state and run the cases it carries (its own CASES
 * table), printing to out each failure as expected/actual lines, a summary, the tiers no
 * case expects, and the lines of the pack's own functions that no case ran.  Use a fresh
 * state per pack, so coverage counts that pack's cases only.  *failures is set to the
 * number of failing cases.  RG_RULE or RG_IO if the pack cannot be loaded.
 */
rg_status rules_test(rules *r, const char *name, FILE *out, int *failures, rg_err *e);

/*
 * rules_lint: load pack name and print to out its static problems, one per line: tier
 * thresholds out of order or leaving low scores without a tier, a tier missing from TIERS,
 * WEIGHTS that do not add up to the pack's WEIGHT_TOTAL, references to point facts that
 * do not exist (p.name in its text), tiers no case expects.  *findings is set to their
 * number.  RG_RULE or RG_IO if the pack cannot be loaded.
 */
rg_status rules_lint(rules *r, const char *name, FILE *out, int *findings, rg_err *e);

/*
 * rules_pack_numbers: read the numbers a command needs from a pack's own data, e.g.
 * pack.CALIBRATION = { min_points = 5, ... } for `riskgrade calibrate`.  Loads pack name
 * ("default" or an agency code, and what it inherits) if it is not loaded yet; an agency
 * pack sees its base's table unless it assigns its own.  keys is NULL-terminated; out[i]
 * receives the value of table.keys[i] (integers converted to double).  RG_RULE naming the
 * pack's file and the field when the table is missing or not a table, when a key is
 * missing or not a number (a string such as "5" is refused), or not finite; RG_RULE or
 * RG_IO when the pack cannot be loaded (as rules_use()).  Out is unspecified on failure.
 */
rg_status rules_pack_numbers(rules *r, const char *name, const char *table,
			     const char *const keys[], double out[], rg_err *e);

/* rules_pack_count / rules_pack_at: the packs loaded so far, in the order their files
 * were read (a pack before the packs it inherits from). */
int rules_pack_count(const rules *r);
const rule_pack *rules_pack_at(rules *r, int i);

/* rules_pack_path: the file of the loaded pack name (name itself if none is loaded),
 * for messages. */
const char *rules_pack_path(const rules *r, const char *name);

/* rules_set_trace: whether packs' here() answers (with "file:line") and results'
 * trace lists are read; off by default, because it costs. */
void rules_set_trace(rules *r, bool on);

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
 * rules_grade: call pack:grade(point, ctx) in protected mode, with the pack given to
 * agency by rules_use(), and check its result into *res.  code names the point in
 * messages.  RG_RULE on a Lua error (message: the pack's file:line, the error, the
 * point's code and a traceback) or a malformed result (naming the field and what was
 * expected).
 */
rg_status rules_grade(rules *r, const char *code, const char *agency, rule_result *res,
		      rg_err *e);

/* ---- a point's facts as plain data ---------------------------------------------------
 * For a caller that reads the facts itself, away from the rule state (the batch run
 * streams them, and may grade them in another thread), instead of handing over
 * statements: each value is one column as rules_begin_point() reads it. */

/* What a value is: RULE_NIL for an SQL NULL (no field is set), RULE_BOOL for a column
 * whose name ends in "?". */
typedef enum { RULE_NIL, RULE_BOOL, RULE_INT, RULE_REAL, RULE_TEXT } rule_type;

/* One field. */
typedef struct {
	const char *table; /* the sub-table it goes in ("power" for a column "power.code"),
			    * or NULL for the row itself */
	const char *name;  /* the field's name: "code" for "power.code", "major" for
			    * "power.major?" */
	rule_type type;
	union {
		int64_t i;     /* RULE_BOOL (0 false, anything else true), RULE_INT */
		double d;      /* RULE_REAL */
		const char *s; /* RULE_TEXT */
	} v;
} rule_value;

/* A list of rows, as rules_add_list() makes it from a statement's rows. */
typedef struct {
	const char *key;        /* the point's field that holds it ("ratings") */
	const rule_value *rows; /* nrows rows of ncols values, one row after the other */
	int nrows;
	int ncols;
} rule_list;

/* Everything about one point. */
typedef struct {
	const rule_value *fields; /* the point's own fields, set in order */
	int nfields;
	int size;                 /* how many fields its table is made for at first (as
				   * rules_begin_point: the point statement's columns) */
	const rule_list *lists;   /* then its lists, set in order */
	int nlists;
} rule_facts;

/*
 * rules_set_point: start a new point from f, field by field and list by list, making the
 * same table rules_begin_point(), rules_add_fields() and rules_add_list() make from the
 * same values read by statements.  Nothing of f is kept: it may be freed on return.
 */
void rules_set_point(rules *r, const rule_facts *f);

#endif

/*
 * rules.h: the rule layer's grading API.  Loads Lua 5.4 rule packs into a sandbox, hands
 * a pack one risk point's facts at a time and checks what it returns.  Callers see no Lua;
 * the engine holds no weights, thresholds or domain rules — they all live in the pack.
 * Depends on db.h (rows become Lua tables), pack.h, sha.h, status.h.
 */
#ifndef RG_RULES_H
#define RG_RULES_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "db.h"
#include "pack.h"
#include "sha.h"
#include "status.h"

#define RULES_MAX_REASONS 64
#define RULES_MAX_FLAGS 32
#define RULES_MAX_WARNINGS 16
#define RULES_MAX_FACTORS 16 /* the method's own factors */

typedef struct rules rules;

/* A pack the state has loaded: an agency's (rules/agencies/CODE.lua) or the default. */
typedef struct {
	char name[PACK_NAME_MAX]; /* "default" or an agency code */
	char path[PACK_PATH_MAX]; /* the file it came from */
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

/* A factor of the method's own (not one of the national four), as the pack names it. */
typedef struct {
	const char *name; /* e.g. "L（可能性）": one line, at most 32 characters */
	double value;     /* a finite number */
} rule_factor;

/* What the pack returned for one point, checked (see rules/README.md for the limits on
 * each text).  The strings are copies owned by the rule state (none points into Lua):
 * valid until the next rules_begin_point() or rules_close(). */
typedef struct {
	const char *pack;                             /* name of the pack that graded it */
	int importance, discretion, likelihood, harm; /* the four national factors, 1-5, or 0
						       * for one the method does not use */
	rule_factor factors[RULES_MAX_FACTORS];       /* the method's own factors, by name
						       * (bytewise order) */
	int nfactors;
	double score;                                 /* the combined score */
	const char *tier;                             /* 一级 | 二级 | 三级 */
	const char *level;                            /* the method's own name for the grade
						       * (e.g. 重大, 极其危险), or NULL */
	const char *reasons[RULES_MAX_REASONS];       /* why, one sentence each */
	const char *reasons_text;                     /* the reasons one per line, as
						       * grades.reasons holds them ("" for
						       * none) */
	const char *trace[RULES_MAX_REASONS];         /* where each came from (file:line), or
						       * NULL; only when tracing */
	int nreasons;
	rule_flag flags[RULES_MAX_FLAGS];
	int nflags;
	rule_warning warnings[RULES_MAX_WARNINGS];
	int nwarnings;
	const char *recheck_on;                       /* YYYY-MM-DD: the first as-of date on
						       * which the result may differ for the
						       * same facts (a later run reuses it
						       * before then), or NULL: none promised */
} rule_result;

/*
 * rules_open: create a sandboxed Lua state for the packs of dir; as_of (YYYY-MM-DD) is
 * handed to the packs as ctx.as_of.  No pack is loaded yet (see rules_use).  On success
 * *out must be freed with rules_close().
 */
rg_status rules_open(const char *dir, const char *as_of, rules **out, rg_err *e);

/* rules_close: free the Lua state and everything it returned.  NULL is allowed. */
void rules_close(rules *r);

/*
 * rules_use: grade the points of agency with pack name ("default" or an agency code),
 * loading it, and the packs it inherits from, if they are not loaded yet.  RG_RULE with
 * the pack's file:line on a syntax or load error or an inheritance cycle, RG_IO if a file
 * cannot be read.
 */
rg_status rules_use(rules *r, const char *agency, const char *name, rg_err *e);

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

/*
 * rules_pack_has: whether pack name (loaded if it is not yet, with what it inherits) has
 * field, i.e. self.field is not nil (read through inheritance), into *has.  RG_RULE or
 * RG_IO when the pack cannot be loaded, RG_RULE when reading it raises an error.
 */
rg_status rules_pack_has(rules *r, const char *name, const char *field, bool *has,
			 rg_err *e);

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
 * is not NULL); a name ending in "?" is a boolean (0 false, anything else true).  The
 * column "code" names the point in messages.  If the state cannot hold the facts (a pack
 * filled its memory), the failure is kept and returned, RG_RULE, by the next
 * rules_add_list() or rules_grade() for this point.
 */
void rules_begin_point(rules *r, db_stmt *s);

/* rules_add_fields: add the columns of the current row of s to the current point, as
 * rules_begin_point() does (and failing as it does). */
void rules_add_fields(rules *r, db_stmt *s);

/*
 * rules_add_list: step s to its end and set field key of the current point to an array of
 * its rows, each a table built as in rules_begin_point().  RG_DB on a database failure;
 * RG_RULE naming the point if the facts of the point could not be built.
 */
rg_status rules_add_list(rules *r, const char *key, db_stmt *s, rg_err *e);

/*
 * rules_grade: call pack:grade(point, ctx) in protected mode, with the pack given to
 * agency by rules_use(), and check its result into *res.  Looking up grade, the call and
 * reading the result (which may run the pack's metamethods) all run under the CPU limit
 * and the memory cap.  code names the point in messages.  RG_RULE on a Lua error
 * (message: the pack's file:line, the error, the point's code and a traceback), or a
 * malformed result (the pack's file, the point and the field, and what was expected: a
 * score that is not a finite number, a text over its length or with a control
 * character, a list over its length...).
 */
rg_status rules_grade(rules *r, const char *code, const char *agency, rule_result *res,
		      rg_err *e);

/*
 * For the pack test harness (harness.c), the other module of this layer that sees Lua:
 * rules_lua, the sandboxed state of r (owned by r; its stack holds the message handler
 * at SBX_MSGH between calls; call into it only through sbx_call); rules_push_loader,
 * push the prelude's require_pack(name), which loads a pack as rules_use() does and
 * returns its table, then the table of the texts of the packs loaded (name -> the bytes
 * that were hashed and run), then check_result(result), which raises the message
 * rules_grade() would fail with (from "result...", without pack or point) when result is
 * malformed, so that the cases of a pack meet the contract a run does; no push
 * allocates.  rules_load_failure, why the last
 * load failed (RG_IO for a file that cannot be read, else RG_RULE).
 */
struct lua_State;
struct lua_State *rules_lua(rules *r);
void rules_push_loader(rules *r);
rg_status rules_load_failure(const rules *r);

/* ---- a point's facts as plain data ---------------------------------------------------
 * For a caller that reads the facts itself, away from the rule state (the batch run
 * streams them, and may grade them in another thread), instead of handing over
 * statements: each value is one column as rules_begin_point() reads it. */

/* What a value is: RULE_NIL for an SQL NULL (no field is set), RULE_BOOL for a column
 * whose name ends in "?", RULE_TABLE for a field that is a table (empty, unless an
 * earlier value made it already): p.facts is one even for a point without facts. */
typedef enum { RULE_NIL, RULE_BOOL, RULE_INT, RULE_REAL, RULE_TEXT, RULE_TABLE } rule_type;

/* One field. */
typedef struct {
	const char *table; /* the sub-table it goes in ("power" for a column "power.code"; a
			    * path, "power.facts", for a table in a sub-table), made on its
			    * first value; or NULL for the row itself */
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
 * same values read by statements.  Nothing of f is kept: it may be freed on return.  Runs
 * protected: a failure (the memory cap) is kept and reported by the next rules_grade(),
 * naming the point, as for rules_begin_point().
 */
void rules_set_point(rules *r, const rule_facts *f);

#endif

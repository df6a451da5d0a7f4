/*
 * factdef.h: the facts an agency declares itself (schemas/007_declared_facts.sql): their
 * definitions, what a cell of a declared column must hold, whether the values already
 * stored still fit a definition, and removing a definition nothing uses.  The importer
 * uses it for the sheets of points, powers and posts and for fact_definitions itself,
 * `riskgrade facts` to list and remove, lint to know the names packs may read.
 * Depends on db.h, date.h, status.h.
 */
#ifndef RG_FACTDEF_H
#define RG_FACTDEF_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "db.h"
#include "status.h"

/* At most this many facts may be declared for one sheet. */
#define FACTDEF_MAX 32

/* What a declared fact holds (enum_fact_type). */
typedef enum {
	FACT_INT,    /* 整数: a whole number */
	FACT_NUMBER, /* 数值: a finite number */
	FACT_TEXT,   /* 文本 */
	FACT_DATE,   /* 日期: YYYY-MM-DD */
	FACT_BOOL,   /* 是否: 是/否 or 1/0, stored 1/0, a boolean for packs */
	FACT_CHOICE, /* 枚举: one of the definition's choices */
} fact_type;

/* One definition, as fact_definitions holds it. */
typedef struct {
	char name[72];       /* what packs read: p.facts.NAME */
	char *label;         /* the column's header in the sheet, whole (malloc'd) */
	char sheet[16];      /* 所属: 风险点, 职权 or 岗位 */
	char table[16];      /* the sheet's table: points, powers or posts */
	char store[16];      /* the table of its values: point_facts, power_facts, post_facts */
	char owner[8];       /* the column of the store naming the row: point, power, post */
	fact_type type;
	char type_name[16];  /* 整数, 数值, 文本, 日期, 是否 or 枚举 */
	bool has_min, has_max;
	double min, max;     /* the bounds of a 整数 or 数值, when given */
	char *choices;       /* an 枚举's values, separated by 、, as defined, whole; "" for
				the other types (malloc'd) */
} fact_def;

/* The definitions loaded: n of them in v (malloc'd, and so are each one's label and
 * choices, as long as the user wrote them; free them all with factdef_free). */
typedef struct {
	fact_def *v;
	int n;
} fact_defs;

/* A cell of a declared column, parsed for storing: DB_INT (整数, 是否), DB_REAL (数值) or
 * DB_TEXT (文本, 日期, 枚举; text points into the cell given to factdef_parse). */
typedef struct {
	db_type type;
	int64_t i;
	double r;
	const char *text;
} fact_value;

/*
 * factdef_load: the definitions of the facts of table (points, powers or posts), or of
 * every sheet when table is NULL, in the order of their sheet (风险点, 职权, 岗位) and
 * then by name, into *out (empty, not NULL-checked, when there are none or the table
 * has no declared facts).  Free with factdef_free().  RG_DB on failure or when out of
 * memory.
 */
rg_status factdef_load(db *d, const char *table, fact_defs *out, rg_err *e);

/* factdef_free: free what factdef_load() allocated; *defs is left empty. */
void factdef_free(fact_defs *defs);

/* factdef_find: the definition called name in defs, or NULL. */
const fact_def *factdef_find(const fact_defs *defs, const char *name);

/*
 * factdef_expected: what a cell of f must hold, for messages: "a whole number 0-9", "a
 * number of at least 0", "a date YYYY-MM-DD", "是 or 否 (1 or 0)", "one of 低、中、高".
 * Written into buf (n bytes, cut after a whole character if need be: a message only,
 * factdef_parse decides on the whole list); returns buf.
 */
const char *factdef_expected(const fact_def *f, char *buf, size_t n);

/*
 * factdef_parse: the non-empty, trimmed cell text as a value of f into *v (v->text
 * points into text); false when it is not one (factdef_expected says what is).
 */
bool factdef_parse(const fact_def *f, const char *text, fact_value *v);

/*
 * factdef_check_definition: check one row of fact_definitions beyond what its columns'
 * constraints check: that name and label name no column of the sheet's table (by name or
 * label) and no other definition of that sheet, so that a header names one column; and
 * that an 枚举's choices are values separated by 、, none empty, none twice.  sheet and
 * type are valid enum values (the importer checked them); choices may be NULL.  When the
 * row is fine *column is NULL; else *column is the field at fault ("name", "label" or
 * "choices") and expected (n bytes) what it must be, for "column …: expected …, got …".
 * RG_DB on failure.
 */
rg_status factdef_check_definition(db *d, const char *name, const char *label,
				   const char *sheet, const char *choices, const char **column,
				   char *expected, size_t n, rg_err *e);

/*
 * factdef_misfits: the values already stored that the definitions, as they are now, no
 * longer admit (another type, a narrower range, fewer choices, another sheet), for each
 * definition that has any: found(ctx, def, count, examples) is called with how many there
 * are and up to three of them ("A1: 12, A3: 10"), definitions in the order of
 * factdef_load().  A value of a fact that is no longer defined cannot be (foreign key).
 * RG_DB on failure.
 */
rg_status factdef_misfits(db *d, void (*found)(void *ctx, const fact_def *def, long count,
					       const char *examples),
			  void *ctx, rg_err *e);

/*
 * factdef_uses: how many values fact name has (in the store of its sheet) into *count,
 * and up to three of the codes holding one into examples (n bytes: "A1, A2, A3").
 * RG_INPUT when no fact is declared by that name, RG_DB on failure.
 */
rg_status factdef_uses(db *d, const char *name, long *count, char *examples, size_t n,
		       rg_err *e);

/*
 * factdef_remove: delete the definition of fact name, which no value may use: RG_INPUT
 * saying how many values of which sheet still use it, with up to three codes, when any
 * does (nothing is deleted), or when no fact is declared by that name.  The label of the
 * removed fact, whole, goes to *label (malloc'd: free it; NULL unless RG_OK).  Call it
 * inside the caller's transaction.  RG_DB on failure or when out of memory.
 */
rg_status factdef_remove(db *d, const char *name, char **label, rg_err *e);

#endif

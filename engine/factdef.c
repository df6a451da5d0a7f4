/*
 * factdef.c: the facts an agency declares (see factdef.h): definitions read from
 * fact_definitions and enum_fact_sheet, cells checked against them, the values stored
 * checked again when a definition changes.  Depends on db.h, date.h, status.h, i18n.h.
 */
#include "factdef.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "date.h"
#include "i18n.h"

/* The separator of an 枚举's choices (顿号). */
#define SEP "、"

static const struct {
	const char *name;
	fact_type type;
} types[] = {
	{"整数", FACT_INT}, {"数值", FACT_NUMBER}, {"文本", FACT_TEXT},
	{"日期", FACT_DATE}, {"是否", FACT_BOOL},  {"枚举", FACT_CHOICE},
};

static void copy(char *dst, size_t n, const char *src)
{
	snprintf(dst, n, "%s", src ? src : "");
}

/* A whole copy of src ("" for NULL) into *dst, for the texts a user writes as long as
 * they like: false when out of memory. */
static bool dup(char **dst, const char *src)
{
	*dst = strdup(src ? src : "");
	return *dst != NULL;
}

rg_status factdef_load(db *d, const char *table, fact_defs *out, rg_err *e)
{
	db_stmt *s = NULL;
	bool row;
	rg_status st;

	out->v = NULL;
	out->n = 0;
	st = db_prepare(d, "SELECT f.name, f.label, f.belongs_to, s.tbl, s.store, f.type, f.min,"
			" f.max, f.choices FROM fact_definitions f"
			" JOIN enum_fact_sheet s ON s.name = f.belongs_to"
			" WHERE ?1 IS NULL OR s.tbl = ?1 ORDER BY s.ord, f.name", &s, e);
	if (st != RG_OK)
		return st;
	if (table != NULL)
		db_bind_text(s, 1, table);
	while ((st = db_step(s, &row, e)) == RG_OK && row) {
		fact_def *grown = realloc(out->v, (size_t)(out->n + 1) * sizeof *grown), *f;
		if (grown == NULL) {
			st = err_set(e, RG_DB, "out of memory reading the declared facts");
			break;
		}
		out->v = grown;
		f = &out->v[out->n++];
		memset(f, 0, sizeof *f);
		if (!dup(&f->label, db_col_text(s, 1)) || !dup(&f->choices, db_col_text(s, 8))) {
			st = err_set(e, RG_DB, "out of memory reading the declared facts");
			break;
		}
		copy(f->name, sizeof f->name, db_col_text(s, 0));
		copy(f->sheet, sizeof f->sheet, db_col_text(s, 2));
		copy(f->table, sizeof f->table, db_col_text(s, 3));
		copy(f->store, sizeof f->store, db_col_text(s, 4));
		/* point_facts -> point: the store names its row by the sheet's singular. */
		snprintf(f->owner, sizeof f->owner, "%.*s",
			 (int)(strlen(f->store) - strlen("_facts")), f->store);
		copy(f->type_name, sizeof f->type_name, db_col_text(s, 5));
		f->type = FACT_TEXT;
		for (size_t k = 0; k < sizeof types / sizeof types[0]; k++)
			if (strcmp(types[k].name, f->type_name) == 0)
				f->type = types[k].type;
		f->has_min = db_col_type(s, 6) != DB_NULL;
		f->min = db_col_double(s, 6);
		f->has_max = db_col_type(s, 7) != DB_NULL;
		f->max = db_col_double(s, 7);
	}
	db_finalize(s);
	if (st != RG_OK)
		factdef_free(out);
	return st;
}

void factdef_free(fact_defs *defs)
{
	for (int i = 0; i < defs->n; i++) {
		free(defs->v[i].label);
		free(defs->v[i].choices);
	}
	free(defs->v);
	defs->v = NULL;
	defs->n = 0;
}

const fact_def *factdef_find(const fact_defs *defs, const char *name)
{
	for (int i = 0; i < defs->n; i++)
		if (strcmp(defs->v[i].name, name) == 0)
			return &defs->v[i];
	return NULL;
}

/* A bound as a person writes it: 9, 0.5, 1e+06. */
static void number(double x, char *buf, size_t n)
{
	snprintf(buf, n, "%.15g", x);
}

/* " 0-9", " of at least 0", " of at most 9" or "", for a 整数 or 数值. */
static void range(const fact_def *f, char *buf, size_t n)
{
	char lo[32], hi[32];

	number(f->min, lo, sizeof lo);
	number(f->max, hi, sizeof hi);
	if (f->has_min && f->has_max)
		snprintf(buf, n, " %s-%s", lo, hi);
	else if (f->has_min)
		snprintf(buf, n, _(" of at least %s"), lo);
	else if (f->has_max)
		snprintf(buf, n, _(" of at most %s"), hi);
	else
		buf[0] = '\0';
}

const char *factdef_expected(const fact_def *f, char *buf, size_t n)
{
	char r[80];
	int w = 0;

	range(f, r, sizeof r);
	switch (f->type) {
	/* TRANSLATORS: what a declared fact's value must be, after "expected"; %s is a range
	 * such as " 0-9" or " of at least 0", or nothing. */
	case FACT_INT:    snprintf(buf, n, _("a whole number%s"), r); break;
	case FACT_NUMBER: snprintf(buf, n, _("a number%s"), r); break;
	case FACT_DATE:   snprintf(buf, n, "%s", _("a date YYYY-MM-DD")); break;
	case FACT_BOOL:   snprintf(buf, n, "%s", _("是 or 否 (1 or 0)")); break;
	case FACT_CHOICE: w = snprintf(buf, n, _("one of %s"), f->choices); break;
	default:          snprintf(buf, n, "%s", _("a text")); break;
	}
	/* A list of choices too long for buf: cut after a whole character, then "…". */
	if (w > 0 && (size_t)w >= n && n > sizeof "…") {
		size_t len = n - sizeof "…";
		while (len > 0 && ((unsigned char)buf[len] & 0xC0) == 0x80)
			len--;
		memcpy(buf + len, "…", sizeof "…");
	}
	return buf;
}

/* Whether x is within f's bounds. */
static bool in_range(const fact_def *f, double x)
{
	return (!f->has_min || x >= f->min) && (!f->has_max || x <= f->max);
}

/* Whether text is one of f's choices (each trimmed of blanks, as they were checked). */
static bool is_choice(const fact_def *f, const char *text)
{
	size_t len = strlen(text);

	for (const char *c = f->choices; *c != '\0';) {
		const char *end = strstr(c, SEP);
		size_t n = end ? (size_t)(end - c) : strlen(c);
		while (n > 0 && *c == ' ') {
			c++;
			n--;
		}
		while (n > 0 && c[n - 1] == ' ')
			n--;
		if (n == len && memcmp(c, text, n) == 0)
			return true;
		if (end == NULL)
			break;
		c = end + strlen(SEP);
	}
	return false;
}

bool factdef_parse(const fact_def *f, const char *text, fact_value *v)
{
	char *end;
	long days;

	switch (f->type) {
	case FACT_INT: {
		errno = 0;
		long long n = strtoll(text, &end, 10);
		if (errno != 0 || *end != '\0' || end == text || !in_range(f, (double)n))
			return false;
		*v = (fact_value){DB_INT, n, 0, NULL};
		return true;
	}
	case FACT_NUMBER: {
		errno = 0;
		double x = strtod(text, &end);
		if (errno != 0 || *end != '\0' || end == text || !isfinite(x) || !in_range(f, x))
			return false;
		*v = (fact_value){DB_REAL, 0, x, NULL};
		return true;
	}
	case FACT_BOOL:
		if (strcmp(text, "是") == 0 || strcmp(text, "1") == 0)
			*v = (fact_value){DB_INT, 1, 0, NULL};
		else if (strcmp(text, "否") == 0 || strcmp(text, "0") == 0)
			*v = (fact_value){DB_INT, 0, 0, NULL};
		else
			return false;
		return true;
	case FACT_DATE:
		if (!date_parse(text, &days))
			return false;
		break;
	case FACT_CHOICE:
		if (!is_choice(f, text))
			return false;
		break;
	default:
		break;
	}
	*v = (fact_value){DB_TEXT, 0, 0, text};
	return true;
}

/* Whether the value in column col of s, as stored, is one f admits. */
static bool fits(const fact_def *f, db_stmt *s, int col)
{
	db_type t = db_col_type(s, col);
	long days;

	switch (f->type) {
	case FACT_INT:
		return t == DB_INT && in_range(f, (double)db_col_int(s, col));
	case FACT_NUMBER:
		return (t == DB_INT || t == DB_REAL) && in_range(f, db_col_double(s, col));
	case FACT_BOOL:
		return t == DB_INT && (db_col_int(s, col) == 0 || db_col_int(s, col) == 1);
	case FACT_DATE:
		return t == DB_TEXT && date_parse(db_col_text(s, col), &days);
	case FACT_CHOICE:
		return t == DB_TEXT && is_choice(f, db_col_text(s, col));
	default:
		return t == DB_TEXT;
	}
}

/* Whether text names a column of table, by name or label (the labels table), or another
 * definition of sheet than name, by name or label: *clash is set accordingly. */
static rg_status header_taken(db *d, const char *table, const char *sheet, const char *name,
			      const char *text, bool *clash, rg_err *e)
{
	db_stmt *s = NULL;
	rg_status st;

	*clash = false;
	st = db_prepare(d, "SELECT EXISTS (SELECT 1 FROM pragma_table_info(?1) WHERE name = ?3)"
			" OR EXISTS (SELECT 1 FROM labels WHERE tbl = ?1 AND label = ?3)"
			" OR EXISTS (SELECT 1 FROM fact_definitions WHERE belongs_to = ?2"
			"   AND name <> ?4 AND (name = ?3 OR label = ?3))", &s, e);
	if (st != RG_OK)
		return st;
	db_bind_text(s, 1, table);
	db_bind_text(s, 2, sheet);
	db_bind_text(s, 3, text);
	db_bind_text(s, 4, name);
	if ((st = db_step(s, clash, e)) == RG_OK)
		*clash = db_col_int(s, 0) != 0;
	db_finalize(s);
	return st;
}

/* Check an 枚举's choices: false with what is wrong in expected. */
static bool choices_ok(const char *choices, char *expected, size_t n)
{
	int count = 0;

	for (const char *c = choices; c != NULL; count++) {
		const char *end = strstr(c, SEP);
		size_t len = end ? (size_t)(end - c) : strlen(c);
		while (len > 0 && *c == ' ') {
			c++;
			len--;
		}
		while (len > 0 && c[len - 1] == ' ')
			len--;
		if (len == 0) {
			snprintf(expected, n, _("the values of an 枚举 separated by %s, none empty"),
				 SEP);
			return false;
		}
		/* The same value earlier in the list? */
		for (const char *p = choices; p < c;) {
			const char *pend = strstr(p, SEP);
			size_t plen = (size_t)(pend - p);
			while (plen > 0 && *p == ' ') {
				p++;
				plen--;
			}
			while (plen > 0 && p[plen - 1] == ' ')
				plen--;
			if (plen == len && memcmp(p, c, len) == 0) {
				snprintf(expected, n, _("the values of an 枚举 separated by %s, each "
							"once (%.*s is there twice)"), SEP, (int)len,
					 c);
				return false;
			}
			p = pend + strlen(SEP);
		}
		c = end ? end + strlen(SEP) : NULL;
	}
	if (count > 64) {
		snprintf(expected, n, _("at most 64 values, got %d"), count);
		return false;
	}
	return true;
}

rg_status factdef_check_definition(db *d, const char *name, const char *label,
				   const char *sheet, const char *choices, const char **column,
				   char *expected, size_t n, rg_err *e)
{
	char table[16] = "";
	db_stmt *s = NULL;
	bool row, clash;
	rg_status st;

	*column = NULL;
	if ((st = db_prepare(d, "SELECT tbl FROM enum_fact_sheet WHERE name = ?1", &s, e)) !=
	    RG_OK)
		return st;
	db_bind_text(s, 1, sheet);
	if ((st = db_step(s, &row, e)) == RG_OK && row)
		copy(table, sizeof table, db_col_text(s, 0));
	db_finalize(s);
	if (st != RG_OK)
		return st;
	if ((st = header_taken(d, table, sheet, name, name, &clash, e)) != RG_OK)
		return st;
	if (clash) {
		*column = "name";
		snprintf(expected, n, _("a name that no column of %s (%s) has, by name or label, "
					"and no other fact declared for it"), table, sheet);
		return RG_OK;
	}
	if ((st = header_taken(d, table, sheet, name, label, &clash, e)) != RG_OK)
		return st;
	if (clash) {
		*column = "label";
		snprintf(expected, n, _("a label that no column of %s (%s) has, by name or "
					"label, and no other fact declared for it"), table, sheet);
		return RG_OK;
	}
	if (choices != NULL && !choices_ok(choices, expected, n))
		*column = "choices";
	return RG_OK;
}

/* The misfits of the store of sheet table, for factdef_misfits: each row's value is
 * checked against its definition; counted per definition into counts, with examples. */
static rg_status store_misfits(db *d, const fact_defs *defs, const char *store,
			       long *counts, char (*examples)[256], rg_err *e)
{
	char sql[160];
	db_stmt *s = NULL;
	bool row;
	rg_status st;

	/* store is one of enum_fact_sheet's, never the user's. */
	snprintf(sql, sizeof sql, "SELECT fact, %.*s, value FROM %s ORDER BY fact, 2",
		 (int)(strlen(store) - strlen("_facts")), store, store);
	if ((st = db_prepare(d, sql, &s, e)) != RG_OK)
		return st;
	while ((st = db_step(s, &row, e)) == RG_OK && row) {
		const fact_def *f = factdef_find(defs, db_col_text(s, 0));
		int i;
		if (f == NULL)
			continue; /* the foreign key keeps it from happening */
		i = (int)(f - defs->v);
		if (strcmp(f->store, store) == 0 && fits(f, s, 2))
			continue;
		if (counts[i]++ < 3) {
			size_t used = strlen(examples[i]);
			snprintf(examples[i] + used, sizeof examples[i] - used, "%s%s: %s",
				 used ? ", " : "", db_col_text(s, 1), db_col_text(s, 2));
		}
	}
	db_finalize(s);
	return st;
}

rg_status factdef_misfits(db *d, void (*found)(void *ctx, const fact_def *def, long count,
					       const char *examples),
			  void *ctx, rg_err *e)
{
	static const char *const stores[] = {"point_facts", "power_facts", "post_facts"};
	fact_defs defs;
	long *counts = NULL;
	char (*examples)[256] = NULL;
	rg_status st;

	if ((st = factdef_load(d, NULL, &defs, e)) != RG_OK)
		return st;
	if (defs.n == 0)
		goto out;
	counts = calloc((size_t)defs.n, sizeof *counts);
	examples = calloc((size_t)defs.n, sizeof *examples);
	if (counts == NULL || examples == NULL) {
		st = err_set(e, RG_DB, "out of memory checking the declared facts");
		goto out;
	}
	for (size_t k = 0; k < sizeof stores / sizeof stores[0] && st == RG_OK; k++)
		st = store_misfits(d, &defs, stores[k], counts, examples, e);
	for (int i = 0; st == RG_OK && i < defs.n; i++)
		if (counts[i] > 0)
			found(ctx, &defs.v[i], counts[i], examples[i]);
out:
	free(counts);
	free(examples);
	factdef_free(&defs);
	return st;
}

rg_status factdef_uses(db *d, const char *name, long *count, char *examples, size_t n,
		       rg_err *e)
{
	fact_defs defs;
	const fact_def *f;
	char sql[256];
	db_stmt *s = NULL;
	bool row;
	size_t used = 0;
	rg_status st;

	*count = 0;
	examples[0] = '\0';
	if ((st = factdef_load(d, NULL, &defs, e)) != RG_OK)
		return st;
	if ((f = factdef_find(&defs, name)) == NULL) {
		st = err_set(e, RG_INPUT, "no fact is declared by the name \"%s\"", name);
		goto out;
	}
	snprintf(sql, sizeof sql, "SELECT %s, count(*) OVER () FROM %s WHERE fact = ?1"
		 " ORDER BY 1", f->owner, f->store);
	if ((st = db_prepare(d, sql, &s, e)) != RG_OK)
		goto out;
	db_bind_text(s, 1, name);
	for (int k = 0; (st = db_step(s, &row, e)) == RG_OK && row; k++) {
		*count = (long)db_col_int(s, 1);
		if (k < 3 && used < n)
			used += (size_t)snprintf(examples + used, n - used, "%s%s", k ? ", " : "",
						 db_col_text(s, 0));
	}
out:
	db_finalize(s);
	factdef_free(&defs);
	return st;
}

rg_status factdef_remove(db *d, const char *name, char **label, rg_err *e)
{
	fact_defs defs;
	const fact_def *f;
	char examples[256];
	db_stmt *s = NULL;
	long count;
	bool row;
	rg_status st;

	*label = NULL;
	if ((st = factdef_uses(d, name, &count, examples, sizeof examples, e)) != RG_OK ||
	    (st = factdef_load(d, NULL, &defs, e)) != RG_OK)
		return st;
	f = factdef_find(&defs, name);
	if (count > 0) {
		st = err_set(e, RG_INPUT,
			     ngettext("fact \"%s\" (%s) still has %ld value in %s (%s%s): import "
				      "those cells empty first (column %s of the %s sheet), then "
				      "remove it",
				      "fact \"%s\" (%s) still has %ld values in %s (%s%s): import "
				      "those cells empty first (column %s of the %s sheet), then "
				      "remove it", count),
			     name, f->label, count, f->table, examples, count > 3 ? ", …" : "",
			     f->label, f->sheet);
		goto out;
	}
	if ((st = db_prepare(d, "DELETE FROM fact_definitions WHERE name = ?1", &s, e)) == RG_OK) {
		db_bind_text(s, 1, name);
		st = db_step(s, &row, e);
	}
	if (st == RG_OK && !dup(label, f->label))
		st = err_set(e, RG_DB, "out of memory removing fact \"%s\"", name);
out:
	db_finalize(s);
	factdef_free(&defs);
	return st;
}

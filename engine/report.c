/*
 * report.c: the queries behind the review meeting's report, and the counts over a whole
 * run, made in one pass over each of its grades, flags and warnings.  Every query binds
 * its parameters in fixed places: ?1 the agency (NULL: all), ?2 the run, ?3 the as-of
 * date, ?4 the previous run; the top risks' list also ?5 to ?14, its points' codes.
 * Depends on db.h, lookup.h, strmap.h, vocab.h, i18n.h.
 */
#include "report.h"

#include <assert.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "lookup.h"
#include "strmap.h"

/* The grades of run ?2 whose point is in scope, with the point's agency and post:
 * GRADED_FROM, then any further joins, then GRADED_WHERE.  g.version is the run whose
 * rows hold them (schemas/006): a point's flags in run ?2 are those of f.run = g.version. */
#define GRADED_FROM                                                            \
	" FROM run_grades g JOIN points p ON p.code = g.point"                 \
	" JOIN agencies a ON a.code = p.agency"                                \
	" LEFT JOIN posts po ON po.code = p.post"
#define GRADED_WHERE " WHERE g.run = ?2 AND p.agency IN scope"
#define GRADED GRADED_FROM GRADED_WHERE

/* Warnings of this run and the ones before it: a warning is one case followed across
 * runs, so a run's report covers every warning issued up to it. */
#define WARNED                                                                 \
	" FROM warnings w JOIN points p ON p.code = w.point"                   \
	" JOIN agencies a ON a.code = p.agency"                                \
	" WHERE w.run <= ?2 AND p.agency IN scope"

/* ---- the totals --------------------------------------------------------------------- */

/* The run's grades in scope, one row a point, for the counts of report_totals: whether
 * the point has an open flag is asked as the flagged list asks it, so the header's count
 * is the number of points that list shows (the flags of run_flags, counted apart, are
 * those same rows on any database riskgrade wrote: schemas/README.md). */
static const char grade_counts_sql[] =
	AGENCY_SCOPE "SELECT p.agency, a.name, g.tier, g.likelihood, g.harm, g.level,"
	"  EXISTS (SELECT 1 FROM flags f WHERE f.run = g.version AND f.point = p.code"
	"   AND f.cleared_by IS NULL), p.code, g.score"
	" FROM run_grades g JOIN points p ON p.code = g.point"
	" JOIN agencies a ON a.code = p.agency" GRADED_WHERE;

/* The flags of run ?2 whose point is in scope. */
#define FLAGGED                                                                \
	" FROM run_flags f JOIN points p ON p.code = f.point"                  \
	" WHERE f.run = ?2 AND p.agency IN scope"

/* The run's flags by reason, open (not cleared by an approval) and cleared apart. */
static const char flag_counts_sql[] =
	AGENCY_SCOPE "SELECT f.code, f.label, f.cleared_by IS NULL, count(*)" FLAGGED
	" GROUP BY 1, 2, 3";

/* The warnings up to the run by status, and of them the overdue ones. */
static const char warning_counts_sql[] =
	AGENCY_SCOPE "SELECT w.status, count(*),"
	"  coalesce(sum(w.status IN ('发布', '签收') AND w.due < ?3), 0)" WARNED
	" GROUP BY w.status";

static const char prev_sql[] =
	"SELECT r.id, r.as_of FROM runs r WHERE r.id = (SELECT max(id) FROM runs WHERE id < ?2)";

/* ---- the lists ---------------------------------------------------------------------- */

/* The run, the agency it was limited to, and the name of the report's own agency. */
static const char run_sql[] =
	"SELECT r.as_of, r.created_at, r.actor, r.scope, sa.name,"
	"  (SELECT name FROM agencies WHERE code = ?1)"
	" FROM runs r LEFT JOIN agencies sa ON sa.code = r.scope WHERE r.id = ?2";

static const char packs_sql[] =
	"SELECT pack, path, parent, sha256 FROM run_packs WHERE run = ?2 ORDER BY pack";

/* The flagged points with their open flags' labels, in the order of the flag codes. */
static const char flagged_sql[] =
	AGENCY_SCOPE "SELECT p.code, a.name, po.name, g.tier, g.score,"
	"  (SELECT group_concat(label, '；') FROM (SELECT label FROM flags"
	"    WHERE run = g.version AND point = p.code AND cleared_by IS NULL ORDER BY code))"
	GRADED
	" AND EXISTS (SELECT 1 FROM flags f WHERE f.run = g.version AND f.point = p.code"
	"   AND f.cleared_by IS NULL)"
	" ORDER BY p.code";

static const char overdue_sql[] =
	AGENCY_SCOPE "SELECT w.id, w.point, a.name, w.reason, w.disposition,"
	"  coalesce(pe.name, '（未指定）'), w.due, w.status,"
	"  CAST(julianday(?3) - julianday(w.due) AS INTEGER)"
	" FROM warnings w JOIN points p ON p.code = w.point"
	" JOIN agencies a ON a.code = p.agency"
	" LEFT JOIN persons pe ON pe.code = w.responsible"
	" WHERE w.run <= ?2 AND p.agency IN scope"
	"  AND w.status IN ('发布', '签收') AND w.due < ?3"
	" ORDER BY w.due, w.id";

/* Points graded in both runs whose tier differs; 升 when the tier is now higher
 * (一级 is the highest: a smaller ord). */
static const char changed_sql[] =
	AGENCY_SCOPE "SELECT p.code, a.name, po.name, g0.tier, g.tier, g0.score, g.score,"
	"  CASE WHEN t.ord < t0.ord THEN '升' ELSE '降' END AS dir"
	GRADED_FROM
	" JOIN run_grades g0 ON g0.point = g.point AND g0.run = ?4"
	" JOIN enum_tier t ON t.name = g.tier JOIN enum_tier t0 ON t0.name = g0.tier"
	GRADED_WHERE " AND g0.tier <> g.tier"
	" ORDER BY dir, p.code";

/* A point's declared facts, its power's and its post's: "label value；…" in the order of
 * their sheets, then names (a 是否 as 是/否, a 数值 as %g). */
#define DECLARED_FACTS                                                                 \
	"(SELECT group_concat(x, '；') FROM (SELECT f.label || ' ' ||"                   \
	"  CASE WHEN f.type = '是否' THEN"                                                \
	"    CASE CAST(v.value AS TEXT) WHEN '1' THEN '是' ELSE '否' END"                  \
	"   WHEN f.type = '数值' THEN printf('%g', CAST(v.value AS REAL))"                 \
	"   ELSE v.value END AS x"                                                         \
	"  FROM fact_definitions f JOIN enum_fact_sheet s ON s.name = f.belongs_to"        \
	"  JOIN (SELECT 'point_facts' AS store, point AS owner, fact, value FROM point_facts" \
	"   UNION ALL SELECT 'power_facts', power, fact, value FROM power_facts"          \
	"   UNION ALL SELECT 'post_facts', post, fact, value FROM post_facts) v"           \
	"   ON v.fact = f.name AND v.store = s.store AND v.owner = CASE s.store"           \
	"    WHEN 'point_facts' THEN p.code WHEN 'power_facts' THEN p.power ELSE p.post END" \
	"  ORDER BY s.ord, f.name))"

/* The points ?5 to ?14 (report_totals.top, found by the counting pass: the query used to
 * sort the whole run for them, declared facts included) with their details. */
static const char top_sql[] =
	AGENCY_SCOPE "SELECT p.code, a.name, po.name, g.tier, g.score, p.manifestation, g.level,"
	"  " DECLARED_FACTS
	GRADED " AND p.code IN (?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)"
	" ORDER BY g.score DESC, p.code";
_Static_assert(REPORT_TOP_N == 10, "top_sql has a parameter for each of the top points");

/* Each list: its query, how many of the fixed parameters it uses, and what it reads,
 * for messages (marked with N_(), as every what of the functions below). */
static const struct {
	const char *sql;
	int nparams;
	const char *what;
} lists[] = {
	[REPORT_RUN] = {run_sql, 2, N_("the run")},
	[REPORT_PACKS] = {packs_sql, 2, N_("the rule packs")},
	[REPORT_FLAGGED] = {flagged_sql, 2, N_("the flagged points")},
	[REPORT_OVERDUE] = {overdue_sql, 3, N_("the overdue warnings")},
	[REPORT_CHANGES] = {changed_sql, 4, N_("the changed points")},
	[REPORT_TOP] = {top_sql, 2, N_("the top risks")},
};

/* ---- running a query ---------------------------------------------------------------- */

/* query: prepare sql into *s and bind r's parameters in their fixed places: the first
 * nparams of them (sql must not use a higher number of these four; top_sql's ?5 to ?14
 * are report_open_top's).  RG_DB naming what is read. */
static rg_status query(const report *r, const char *sql, int nparams, const char *what,
		       db_stmt **s, rg_err *e)
{
	rg_status st = db_prepare(r->d, sql, s, e);

	if (st != RG_OK)
		/* TRANSLATORS: what the report was reading when the database failed. */
		return err_wrap(e, st, "report: %s", _(what));
	if (nparams >= 1)
		db_bind_text(*s, 1, r->agency); /* NULL binds NULL */
	if (nparams >= 2)
		db_bind_int(*s, 2, r->run);
	if (nparams >= 3)
		db_bind_text(*s, 3, r->as_of);
	if (nparams >= 4)
		db_bind_int(*s, 4, r->prev);
	return RG_OK;
}

/* step: db_step with what is read named in the message. */
static rg_status step(db_stmt *s, bool *row, const char *what, rg_err *e)
{
	rg_status st = db_step(s, row, e);

	return st == RG_OK ? RG_OK : err_wrap(e, st, "report: %s", _(what));
}

/* no_memory: RG_IO, memory having run out while what was read. */
static rg_status no_memory(const char *what, rg_err *e)
{
	err_set(e, RG_IO, "out of memory");
	return err_wrap(e, RG_IO, "report: %s", _(what));
}

/* one_row: run the query of one row, sql, and leave it in *s on that row (*row false
 * when there is none).  *s is the caller's to finalize, whatever the result. */
static rg_status one_row(const report *r, const char *sql, int nparams, const char *what,
			 db_stmt **s, bool *row, rg_err *e)
{
	rg_status st = query(r, sql, nparams, what, s, e);

	return st != RG_OK ? st : step(*s, row, what, e);
}

/* The counting of report_totals_read: the totals, and maps from an agency's code and, for
 * each tier, from a level to their index + 1 in the totals' arrays. */
typedef struct {
	report_totals *t;
	strmap *agency;              /* code -> index + 1 in t->agencies */
	strmap *level[VOCAB_TIERS];  /* a tier's level -> index + 1 in t->levels */
	long agency_cap, level_cap;
} counting;

/* grow: v (an array of n elements of size bytes, room for *cap) with room for one more:
 * v itself or a larger copy; NULL when out of memory (v is then as it was). */
static void *grow(void *v, long n, long *cap, size_t size)
{
	if (n < *cap)
		return v;
	void *w = realloc(v, (size_t)(*cap * 2 + 16) * size);
	if (w != NULL)
		*cap = *cap * 2 + 16;
	return w;
}

/* agency_of: the counts of the agency code (named name), added when new; NULL when out
 * of memory. */
static report_agency *agency_of(counting *c, const char *code, const char *name)
{
	report_totals *t = c->t;
	long i = (long)(intptr_t)strmap_get(c->agency, code);

	if (i > 0)
		return &t->agencies[i - 1];
	report_agency *v = grow(t->agencies, t->nagencies, &c->agency_cap, sizeof *v);
	if (v == NULL)
		return NULL;
	t->agencies = v;
	report_agency *a = &t->agencies[t->nagencies];
	*a = (report_agency){.code = strdup(code), .name = strdup(name != NULL ? name : "")};
	if (a->code == NULL || a->name == NULL ||
	    !strmap_put(c->agency, code, (void *)(intptr_t)(t->nagencies + 1))) {
		free(a->code);
		free(a->name);
		return NULL;
	}
	t->nagencies++;
	return a;
}

/* keep_top: the point code of score into t->top when it is among the REPORT_TOP_N
 * highest so far (by score descending, then code, as the list is shown); false when out
 * of memory. */
static bool keep_top(report_totals *t, const char *code, double score)
{
	int i = t->ntop;
	char *copy;

	while (i > 0 && (score > t->top_score[i - 1] ||
			 (score == t->top_score[i - 1] && strcmp(code, t->top[i - 1]) < 0)))
		i--;
	if (i == REPORT_TOP_N)
		return true;
	if ((copy = strdup(code)) == NULL)
		return false;
	if (t->ntop == REPORT_TOP_N)
		free(t->top[--t->ntop]);
	memmove(&t->top[i + 1], &t->top[i], (size_t)(t->ntop - i) * sizeof *t->top);
	memmove(&t->top_score[i + 1], &t->top_score[i],
		(size_t)(t->ntop - i) * sizeof *t->top_score);
	t->top[i] = copy;
	t->top_score[i] = score;
	t->ntop++;
	return true;
}

/* count_level: one more point of tier (an index of vocab_tier) with level; false when out
 * of memory. */
static bool count_level(counting *c, int tier, const char *level)
{
	report_totals *t = c->t;
	long i = (long)(intptr_t)strmap_get(c->level[tier], level);
	report_level *v;

	if (i > 0) {
		t->levels[i - 1].count++;
		return true;
	}
	if ((v = grow(t->levels, t->nlevels, &c->level_cap, sizeof *v)) == NULL)
		return false;
	t->levels = v;
	v[t->nlevels] = (report_level){.tier = tier, .level = strdup(level), .count = 1};
	if (v[t->nlevels].level == NULL ||
	    !strmap_put(c->level[tier], level, (void *)(intptr_t)(t->nlevels + 1))) {
		free(v[t->nlevels].level);
		return false;
	}
	t->nlevels++;
	return true;
}

/* count_grade: the row of grade_counts_sql that s is on, counted; false when out of
 * memory. */
static bool count_grade(counting *c, db_stmt *s)
{
	report_totals *t = c->t;
	const char *code = db_col_text(s, 0), *level = db_col_text(s, 5);
	int tier = vocab_index(vocab_tier, VOCAB_TIERS, db_col_text(s, 2));
	int64_t l = db_col_int(s, 3), h = db_col_int(s, 4);
	report_agency *a = agency_of(c, code != NULL ? code : "", db_col_text(s, 1));

	if (a == NULL)
		return false;
	t->points++;
	a->total++;
	if (tier >= 0) {
		t->tier[tier]++;
		a->tier[tier]++;
		if (level != NULL && !count_level(c, tier, level))
			return false;
	}
	/* the schema's CHECK keeps factors in 1-5; NULL (no factors) counts in no cell */
	if (l >= 1 && l <= REPORT_SCALE && h >= 1 && h <= REPORT_SCALE)
		t->cell[(l - 1) * REPORT_SCALE + h - 1]++;
	if (db_col_int(s, 6) != 0)
		t->flagged++;
	return keep_top(t, db_col_text(s, 7) != NULL ? db_col_text(s, 7) : "",
			db_col_double(s, 8));
}

/* The orders the queries gave with ORDER BY: strcmp compares bytes, as SQLite's BINARY
 * collation and the C collation riskgrade's PostgreSQL databases have (db_pg.c).  Each
 * key is unique, so the order is the same whatever qsort does with ties. */

/* sort: qsort v[0..n-1], each size bytes; nothing for fewer than two (qsort must not
 * be given a NULL array, even of none). */
static void sort(void *v, long n, size_t size, int (*cmp)(const void *, const void *))
{
	if (n > 1)
		qsort(v, (size_t)n, size, cmp);
}

/* agencies by code */
static int by_code(const void *a, const void *b)
{
	return strcmp(((const report_agency *)a)->code, ((const report_agency *)b)->code);
}

/* levels tier by tier (vocab_tier's order, enum_tier's), the most frequent first */
static int by_tier_count_level(const void *a, const void *b)
{
	const report_level *x = a, *y = b;

	if (x->tier != y->tier)
		return x->tier < y->tier ? -1 : 1;
	if (x->count != y->count)
		return x->count > y->count ? -1 : 1;
	return strcmp(x->level, y->level);
}

/* reasons the most frequent first, then by code and label */
static int by_count_code_label(const void *a, const void *b)
{
	const report_reason *x = a, *y = b;
	int c;

	if (x->count != y->count)
		return x->count > y->count ? -1 : 1;
	return (c = strcmp(x->code, y->code)) != 0 ? c : strcmp(x->label, y->label);
}

/* read_grades: the counts over the run's grades into c->t, in one pass. */
static rg_status read_grades(const report *r, counting *c, rg_err *e)
{
	static const char what[] = N_("the counts per tier");
	db_stmt *s = NULL;
	bool row;
	rg_status st = query(r, grade_counts_sql, 2, what, &s, e);

	while (st == RG_OK && (st = step(s, &row, what, e)) == RG_OK && row)
		if (!count_grade(c, s))
			st = no_memory(what, e);
	db_finalize(s);
	if (st == RG_OK) {
		sort(c->t->agencies, c->t->nagencies, sizeof *c->t->agencies, by_code);
		sort(c->t->levels, c->t->nlevels, sizeof *c->t->levels, by_tier_count_level);
	}
	return st;
}

/* read_flags: the run's flags, open and cleared, and the open ones by reason. */
static rg_status read_flags(const report *r, report_totals *t, rg_err *e)
{
	static const char what[] = N_("the flags by reason");
	db_stmt *s = NULL;
	long cap = 0;
	bool row;
	rg_status st = query(r, flag_counts_sql, 2, what, &s, e);

	while (st == RG_OK && (st = step(s, &row, what, e)) == RG_OK && row) {
		long n = (long)db_col_int(s, 3);
		if (db_col_int(s, 2) == 0) {
			t->flags_cleared += n;
			continue;
		}
		t->flags_open += n;
		const char *code = db_col_text(s, 0), *label = db_col_text(s, 1);
		report_reason *v = grow(t->reasons, t->nreasons, &cap, sizeof *v);
		if (v == NULL) {
			st = no_memory(what, e);
			break;
		}
		t->reasons = v;
		report_reason *k = &t->reasons[t->nreasons];
		*k = (report_reason){.code = strdup(code != NULL ? code : ""),
				     .label = strdup(label != NULL ? label : ""), .count = n};
		t->nreasons++; /* freed with the totals even when a copy failed */
		if (k->code == NULL || k->label == NULL)
			st = no_memory(what, e);
	}
	db_finalize(s);
	if (st == RG_OK)
		sort(t->reasons, t->nreasons, sizeof *t->reasons, by_count_code_label);
	return st;
}

/* read_warnings: the warnings up to the run by status, and the overdue ones. */
static rg_status read_warnings(const report *r, report_totals *t, rg_err *e)
{
	static const char what[] = N_("the warnings by status");
	db_stmt *s = NULL;
	bool row;
	rg_status st = query(r, warning_counts_sql, 3, what, &s, e);

	while (st == RG_OK && (st = step(s, &row, what, e)) == RG_OK && row) {
		int i = vocab_index(vocab_status, VOCAB_STATUSES, db_col_text(s, 0));
		if (i >= 0) /* the schema keeps statuses to enum_warning_status, vocab_status */
			t->warnings[i] = (long)db_col_int(s, 1);
		t->overdue += (long)db_col_int(s, 2);
	}
	db_finalize(s);
	return st;
}

rg_status report_totals_read(const report *r, report_totals *t, rg_err *e)
{
	counting c = {.t = t, .agency = strmap_new()};
	bool maps = c.agency != NULL;
	rg_status st;

	*t = (report_totals){0};
	for (int i = 0; i < VOCAB_TIERS; i++)
		maps = (c.level[i] = strmap_new()) != NULL && maps;
	if (!maps)
		st = no_memory(N_("the counts per tier"), e);
	else if ((st = read_grades(r, &c, e)) == RG_OK && (st = read_flags(r, t, e)) == RG_OK)
		st = read_warnings(r, t, e);
	strmap_free(c.agency);
	for (int i = 0; i < VOCAB_TIERS; i++)
		strmap_free(c.level[i]);
	return st;
}

void report_totals_free(report_totals *t)
{
	for (long i = 0; i < t->nagencies; i++) {
		free(t->agencies[i].code);
		free(t->agencies[i].name);
	}
	for (long i = 0; i < t->nlevels; i++)
		free(t->levels[i].level);
	for (long i = 0; i < t->nreasons; i++) {
		free(t->reasons[i].code);
		free(t->reasons[i].label);
	}
	for (int i = 0; i < t->ntop; i++)
		free(t->top[i]);
	free(t->agencies);
	free(t->levels);
	free(t->reasons);
	*t = (report_totals){0};
}

rg_status report_has_facts(const report *r, bool *has, rg_err *e)
{
	db_stmt *s = NULL;
	rg_status st = query(r, "SELECT EXISTS (SELECT 1 FROM fact_definitions)", 0,
			     N_("the declared facts"), &s, e);

	*has = false;
	if (st == RG_OK && (st = step(s, has, N_("the declared facts"), e)) == RG_OK && *has)
		*has = db_col_int(s, 0) != 0;
	db_finalize(s);
	return st;
}

rg_status report_prev(report *r, bool *found, char as_of[DATE_BUF], rg_err *e)
{
	db_stmt *s = NULL;
	rg_status st;

	r->prev = 0;
	as_of[0] = '\0';
	if ((st = one_row(r, prev_sql, 2, N_("the previous run"), &s, found, e)) != RG_OK ||
	    !*found)
		goto out;
	r->prev = (long)db_col_int(s, 0);
	snprintf(as_of, DATE_BUF, "%s", db_col_text(s, 1) != NULL ? db_col_text(s, 1) : "");
out:
	db_finalize(s);
	return st;
}

/* ---- reading the lists -------------------------------------------------------------- */

/* open_list: start reading the list kind of r into l, its fixed parameters bound. */
static rg_status open_list(const report *r, report_kind kind, report_list *l, rg_err *e)
{
	l->kind = kind;
	l->s = NULL;
	return query(r, lists[kind].sql, lists[kind].nparams, lists[kind].what, &l->s, e);
}

rg_status report_open(const report *r, report_kind kind, report_list *l, rg_err *e)
{
	assert(kind != REPORT_TOP); /* report_open_top: it needs the points */
	return open_list(r, kind, l, e);
}

rg_status report_open_top(const report *r, const report_totals *t, report_list *l,
			  rg_err *e)
{
	rg_status st = open_list(r, REPORT_TOP, l, e);

	/* NULL for the places of fewer points: p.code IN (..., NULL) matches none. */
	for (int i = 0; st == RG_OK && i < REPORT_TOP_N; i++)
		db_bind_text(l->s, 5 + i, i < t->ntop ? t->top[i] : NULL);
	return st;
}

void report_close(report_list *l)
{
	db_finalize(l->s);
	l->s = NULL;
}

/* next: step l to its next row, *got telling whether there is one; l must be one of the
 * kinds a and b (the same kind twice for a row type of one list). */
static rg_status next(report_list *l, report_kind a, report_kind b, bool *got, rg_err *e)
{
	assert(l->s != NULL && (l->kind == a || l->kind == b));
	(void)a;
	(void)b;
	return step(l->s, got, lists[l->kind].what, e);
}

rg_status report_next_run(report_list *l, report_run_row *row, bool *got, rg_err *e)
{
	rg_status st = next(l, REPORT_RUN, REPORT_RUN, got, e);

	if (st != RG_OK || !*got)
		return st;
	row->as_of = db_col_text(l->s, 0);
	row->created_at = db_col_text(l->s, 1);
	row->actor = db_col_text(l->s, 2);
	row->scope = db_col_text(l->s, 3);
	row->scope_name = db_col_text(l->s, 4);
	row->agency_name = db_col_text(l->s, 5);
	return RG_OK;
}

rg_status report_next_pack(report_list *l, report_pack_row *row, bool *got, rg_err *e)
{
	rg_status st = next(l, REPORT_PACKS, REPORT_PACKS, got, e);

	if (st != RG_OK || !*got)
		return st;
	row->pack = db_col_text(l->s, 0);
	row->path = db_col_text(l->s, 1);
	row->parent = db_col_text(l->s, 2);
	row->sha256 = db_col_text(l->s, 3);
	return RG_OK;
}

rg_status report_next_point(report_list *l, report_point_row *row, bool *got, rg_err *e)
{
	rg_status st = next(l, REPORT_FLAGGED, REPORT_TOP, got, e);

	if (st != RG_OK || !*got)
		return st;
	row->point = db_col_text(l->s, 0);
	row->agency = db_col_text(l->s, 1);
	row->post = db_col_text(l->s, 2);
	row->tier = db_col_text(l->s, 3);
	row->score = db_col_double(l->s, 4);
	row->note = db_col_text(l->s, 5);
	row->level = l->kind == REPORT_TOP ? db_col_text(l->s, 6) : NULL;
	row->facts = l->kind == REPORT_TOP ? db_col_text(l->s, 7) : NULL;
	return RG_OK;
}

rg_status report_next_overdue(report_list *l, report_overdue_row *row, bool *got, rg_err *e)
{
	rg_status st = next(l, REPORT_OVERDUE, REPORT_OVERDUE, got, e);

	if (st != RG_OK || !*got)
		return st;
	row->id = (long)db_col_int(l->s, 0);
	row->point = db_col_text(l->s, 1);
	row->agency = db_col_text(l->s, 2);
	row->reason = db_col_text(l->s, 3);
	row->disposition = db_col_text(l->s, 4);
	row->responsible = db_col_text(l->s, 5);
	row->due = db_col_text(l->s, 6);
	row->status = db_col_text(l->s, 7);
	row->days_late = (long)db_col_int(l->s, 8);
	return RG_OK;
}

rg_status report_next_change(report_list *l, report_change_row *row, bool *got, rg_err *e)
{
	rg_status st = next(l, REPORT_CHANGES, REPORT_CHANGES, got, e);

	if (st != RG_OK || !*got)
		return st;
	row->point = db_col_text(l->s, 0);
	row->agency = db_col_text(l->s, 1);
	row->post = db_col_text(l->s, 2);
	row->from = db_col_text(l->s, 3);
	row->to = db_col_text(l->s, 4);
	row->from_score = db_col_double(l->s, 5);
	row->to_score = db_col_double(l->s, 6);
	row->up = strcmp(db_col_text(l->s, 7), "升") == 0;
	return RG_OK;
}

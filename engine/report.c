/*
 * report.c: the queries behind the review meeting's report.  Every query binds the same
 * parameters in fixed places: ?1 the agency (NULL: all), ?2 the run, ?3 the as-of date,
 * ?4 the previous run.  Depends on db.h, date.h, lookup.h, status.h, vocab.h, i18n.h.
 */
#include "report.h"

#include <assert.h>
#include <stdio.h>
#include <string.h>

#include "i18n.h"
#include "lookup.h"

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

/* ---- the totals and the matrix ------------------------------------------------------ */

static const char totals_sql[] =
	AGENCY_SCOPE "SELECT count(*), coalesce(sum(g.tier = '一级'), 0),"
	"  coalesce(sum(g.tier = '二级'), 0), coalesce(sum(g.tier = '三级'), 0)" GRADED;

/* The flags of run ?2 whose point is in scope. */
#define FLAGGED                                                                \
	" FROM run_flags f JOIN points p ON p.code = f.point"                  \
	" WHERE f.run = ?2 AND p.agency IN scope"

/* Open flags (not cleared by an approval), the points they concern, and the cleared ones. */
static const char flag_totals_sql[] =
	AGENCY_SCOPE "SELECT coalesce(sum(f.cleared_by IS NULL), 0),"
	"  count(DISTINCT CASE WHEN f.cleared_by IS NULL THEN f.point END),"
	"  coalesce(sum(f.cleared_by IS NOT NULL), 0)" FLAGGED;

static const char overdue_count_sql[] =
	AGENCY_SCOPE "SELECT count(*)" WARNED " AND w.status IN ('发布', '签收') AND w.due < ?3";

static const char matrix_sql[] =
	AGENCY_SCOPE "SELECT g.likelihood, g.harm, count(*)" GRADED " GROUP BY 1, 2";

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

static const char per_agency_sql[] =
	AGENCY_SCOPE "SELECT a.code, a.name, sum(g.tier = '一级'), sum(g.tier = '二级'),"
	"  sum(g.tier = '三级'), count(*)" GRADED
	" GROUP BY a.code ORDER BY a.code";

static const char flag_counts_sql[] =
	AGENCY_SCOPE "SELECT f.code, f.label, count(*)" FLAGGED " AND f.cleared_by IS NULL"
	" GROUP BY f.code, f.label ORDER BY count(*) DESC, f.code, f.label";

/* The flagged points with their open flags' labels, in the order of the flag codes. */
static const char flagged_sql[] =
	AGENCY_SCOPE "SELECT p.code, a.name, po.name, g.tier, g.score,"
	"  (SELECT group_concat(label, '；') FROM (SELECT label FROM flags"
	"    WHERE run = g.version AND point = p.code AND cleared_by IS NULL ORDER BY code))"
	GRADED
	" AND EXISTS (SELECT 1 FROM flags f WHERE f.run = g.version AND f.point = p.code"
	"   AND f.cleared_by IS NULL)"
	" ORDER BY p.code";

/* The levels a method gave within each tier, tier by tier (as enum_tier orders them),
 * the most frequent first. */
static const char levels_sql[] =
	AGENCY_SCOPE "SELECT g.tier, g.level, count(*)" GRADED_FROM
	" JOIN enum_tier t ON t.name = g.tier" GRADED_WHERE " AND g.level IS NOT NULL"
	" GROUP BY g.tier, g.level ORDER BY min(t.ord), count(*) DESC, g.level";

/* Every status, those no warning has with 0: the warnings counted in one pass, not one
 * pass a status (a fifth of the report's time at 100,000 points). */
static const char warning_counts_sql[] =
	AGENCY_SCOPE ", counted AS (SELECT w.status, count(*) AS n" WARNED " GROUP BY w.status)"
	" SELECT ws.name, NULL, coalesce(c.n, 0)"
	" FROM enum_warning_status ws LEFT JOIN counted c ON c.status = ws.name ORDER BY ws.ord";

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

static const char top_sql[] =
	AGENCY_SCOPE "SELECT p.code, a.name, po.name, g.tier, g.score, p.manifestation, g.level,"
	"  " DECLARED_FACTS
	GRADED
	" ORDER BY g.score DESC, p.code LIMIT 10";

/* Each list: its query, how many of the fixed parameters it uses, and what it reads,
 * for messages (marked with N_(), as every what of the functions below). */
static const struct {
	const char *sql;
	int nparams;
	const char *what;
} lists[] = {
	[REPORT_RUN] = {run_sql, 2, N_("the run")},
	[REPORT_PACKS] = {packs_sql, 2, N_("the rule packs")},
	[REPORT_AGENCIES] = {per_agency_sql, 2, N_("the tiers per agency")},
	[REPORT_FLAG_COUNTS] = {flag_counts_sql, 2, N_("the flags by reason")},
	[REPORT_FLAGGED] = {flagged_sql, 2, N_("the flagged points")},
	[REPORT_WARNING_COUNTS] = {warning_counts_sql, 2, N_("the warnings by status")},
	[REPORT_OVERDUE] = {overdue_sql, 3, N_("the overdue warnings")},
	[REPORT_CHANGES] = {changed_sql, 4, N_("the changed points")},
	[REPORT_TOP] = {top_sql, 2, N_("the top risks")},
	[REPORT_LEVELS] = {levels_sql, 2, N_("the levels within each tier")},
};

/* ---- running a query ---------------------------------------------------------------- */

/* query: prepare sql into *s and bind r's parameters in their fixed places: the first
 * nparams of them (sql must not use a higher number).  RG_DB naming what is read. */
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

/* one_row: run the query of one row, sql, and leave it in *s on that row (*row false
 * when there is none).  *s is the caller's to finalize, whatever the result. */
static rg_status one_row(const report *r, const char *sql, int nparams, const char *what,
			 db_stmt **s, bool *row, rg_err *e)
{
	rg_status st = query(r, sql, nparams, what, s, e);

	return st != RG_OK ? st : step(*s, row, what, e);
}

rg_status report_totals_read(const report *r, report_totals *t, rg_err *e)
{
	db_stmt *s = NULL;
	bool row;
	rg_status st;

	if ((st = one_row(r, totals_sql, 2, N_("the counts per tier"), &s, &row, e)) != RG_OK)
		goto out;
	t->points = (long)db_col_int(s, 0);
	for (int i = 0; i < VOCAB_TIERS; i++)
		t->tier[i] = (long)db_col_int(s, 1 + i);
	db_finalize(s);
	s = NULL;
	if ((st = one_row(r, flag_totals_sql, 2, N_("the flags"), &s, &row, e)) != RG_OK)
		goto out;
	t->flags_open = (long)db_col_int(s, 0);
	t->flagged = (long)db_col_int(s, 1);
	t->flags_cleared = (long)db_col_int(s, 2);
	db_finalize(s);
	s = NULL;
	if ((st = one_row(r, overdue_count_sql, 3, N_("the overdue warnings"), &s, &row,
			  e)) != RG_OK)
		goto out;
	t->overdue = (long)db_col_int(s, 0);
out:
	db_finalize(s);
	return st;
}

rg_status report_matrix(const report *r, long cell[REPORT_SCALE * REPORT_SCALE], rg_err *e)
{
	db_stmt *s = NULL;
	bool row;
	rg_status st;

	memset(cell, 0, REPORT_SCALE * REPORT_SCALE * sizeof cell[0]);
	if ((st = query(r, matrix_sql, 2, N_("the risk matrix"), &s, e)) != RG_OK)
		goto out;
	for (;;) {
		if ((st = step(s, &row, N_("the risk matrix"), e)) != RG_OK)
			goto out;
		if (!row)
			break;
		int64_t l = db_col_int(s, 0), h = db_col_int(s, 1);
		if (l < 1 || l > REPORT_SCALE || h < 1 || h > REPORT_SCALE)
			continue; /* the schema's CHECK keeps factors in 1-5 */
		cell[(l - 1) * REPORT_SCALE + h - 1] = (long)db_col_int(s, 2);
	}
out:
	db_finalize(s);
	return st;
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

rg_status report_open(const report *r, report_kind kind, report_list *l, rg_err *e)
{
	l->kind = kind;
	l->s = NULL;
	return query(r, lists[kind].sql, lists[kind].nparams, lists[kind].what, &l->s, e);
}

void report_rewind(report_list *l)
{
	db_reset(l->s);
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

rg_status report_next_agency(report_list *l, report_agency_row *row, bool *got, rg_err *e)
{
	rg_status st = next(l, REPORT_AGENCIES, REPORT_AGENCIES, got, e);

	if (st != RG_OK || !*got)
		return st;
	row->code = db_col_text(l->s, 0);
	row->name = db_col_text(l->s, 1);
	for (int i = 0; i < VOCAB_TIERS; i++)
		row->tier[i] = (long)db_col_int(l->s, 2 + i);
	row->total = (long)db_col_int(l->s, 2 + VOCAB_TIERS);
	return RG_OK;
}

rg_status report_next_count(report_list *l, report_count_row *row, bool *got, rg_err *e)
{
	rg_status st = next(l, REPORT_FLAG_COUNTS, REPORT_WARNING_COUNTS, got, e);

	if (st != RG_OK || !*got)
		return st;
	row->key = db_col_text(l->s, 0);
	row->label = db_col_text(l->s, 1);
	row->count = (long)db_col_int(l->s, 2);
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

rg_status report_next_level(report_list *l, report_level_row *row, bool *got, rg_err *e)
{
	rg_status st = next(l, REPORT_LEVELS, REPORT_LEVELS, got, e);

	if (st != RG_OK || !*got)
		return st;
	row->tier = db_col_text(l->s, 0);
	row->level = db_col_text(l->s, 1);
	row->count = (long)db_col_int(l->s, 2);
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

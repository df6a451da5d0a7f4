/*
 * results.c: a run's results compared with the stored ones by a merge join, as facts.c
 * reads the facts: each point's latest stored grades row, its flags and (in a traced run)
 * its traces come from one forward cursor each, in code order, consumed up to the point
 * being stored.  Rows about points before it (already stored, or compared no further)
 * are passed over.
 * Depends on db.h, cursor.h, arena.h, rules.h (types), lookup.h (AGENCY_SCOPE), status.h.
 */
#include "results.h"

#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "cursor.h"
#include "lookup.h"

/* The run of the latest grades row of point p.code, and the points in scope (?1). */
#define LATEST "(SELECT max(x.run) FROM grades x WHERE x.point = p.code)"
#define IN_SCOPE " WHERE ?1 IS NULL OR p.agency IN scope"
/* The stored rows of table t about the points in scope (?1). */
#define STORED_IN_SCOPE(t) \
	" WHERE ?1 IS NULL OR " t ".point IN (SELECT code FROM points WHERE agency IN scope)"

/*
 * Every stored grades row, each point's latest first: cursor_seek() stops on it, and the
 * next seek passes over the point's older rows.  With it, whether the run that stored it was
 * traced, the agency of the point's latest coverage row (NULL: none, or not graded
 * since), the row's level, own factors and run.  Read from grades rather than point by
 * point from points: a first run finds nothing to read, and a later one steps along the
 * (point, run) key instead of searching it for each point.
 */
static const char latest_sql[] =
	AGENCY_SCOPE
	"SELECT g.point, g.pack, ifnull(g.importance, 0), ifnull(g.discretion, 0),"
	"  ifnull(g.likelihood, 0), ifnull(g.harm, 0), g.score, g.tier, g.reasons, r.traced,"
	"  (SELECT c.agency FROM coverage c WHERE c.point = g.point"
	"   ORDER BY c.run DESC LIMIT 1), g.level, ifnull(g.method_factors, ''), g.run"
	" FROM grades g JOIN runs r ON r.id = g.run" STORED_IN_SCOPE("g")
	" ORDER BY g.point, g.run DESC";

/* (A national factor the method left out reads 0, as rule_result holds it.) */
enum { L_PACK = 1, L_IMPORTANCE, L_DISCRETION, L_LIKELIHOOD, L_HARM, L_SCORE, L_TIER,
       L_REASONS, L_TRACED, L_AGENCY, L_LEVEL, L_FACTORS, L_RUN };

/* Every stored flag, by point, the latest run's first, then by code: the flags of a
 * point's latest grades row are the first group when their run is that row's (a run
 * stores a point's flags with its grades row, so no later run has any). */
static const char flags_sql[] =
	AGENCY_SCOPE
	"SELECT f.point, f.code, f.label, f.evidence, f.cleared_by IS NOT NULL, f.run"
	" FROM flags f" STORED_IN_SCOPE("f") " ORDER BY f.point, f.run DESC, f.code";

/* The traces of the latest grades rows, by seq (only in a traced run, which is rare). */
static const char traces_sql[] =
	AGENCY_SCOPE
	"SELECT p.code, t.seq, t.reason, t.source"
	" FROM points p JOIN traces t ON t.run = " LATEST " AND t.point = p.code" IN_SCOPE
	" ORDER BY p.code, t.seq";

/* The agencies of the run's scope (?1 the scope, ?2 the run). */
static const char scope_sql[] =
	AGENCY_SCOPE "INSERT INTO run_scopes (run, agency) SELECT ?2, code FROM scope";

static const char coverage_sql[] =
	"INSERT INTO coverage (point, run, agency) VALUES (?1, ?2, ?3)";

/* The points whose latest coverage row names an agency of run ?1's scope while their
 * agency is not in it: not graded from run ?1 on. */
static const char left_sql[] =
	"INSERT INTO coverage (point, run, agency)"
	" SELECT c.point, ?1, NULL FROM coverage c JOIN points p ON p.code = c.point"
	" WHERE c.agency IN (SELECT agency FROM run_scopes WHERE run = ?1)"
	"  AND c.run = (SELECT max(x.run) FROM coverage x WHERE x.point = c.point)"
	"  AND p.agency NOT IN (SELECT agency FROM run_scopes WHERE run = ?1)";

struct results {
	db *d;               /* the database, in the run's transaction */
	long run;            /* the run being stored */
	bool scoped;         /* the run grades one agency and the units under it */
	bool trace;          /* the run is made with --trace: traces are compared too */
	cursor latest;       /* latest_sql */
	cursor flags;        /* flags_sql */
	cursor traces;       /* traces_sql; only when tracing */
	db_stmt *coverage;   /* coverage_sql */
	db_stmt *left;       /* left_sql */
	arena texts;         /* a stored result taken (results_take), until the next */
};

/* *to: a copy of the text s (NULL stays NULL) in r->texts; false when out of memory. */
static bool keep(results *r, const char *s, const char **to)
{
	return (*to = s == NULL ? NULL : arena_strdup(&r->texts, s)) != NULL || s == NULL;
}

static rg_status cover(results *r, const char *code, const char *agency, bool at, rg_err *e);

/* Whether texts a and b are the same, NULL being the same only as NULL. */
static bool same_text(const char *a, const char *b)
{
	return a == NULL ? b == NULL : b != NULL && strcmp(a, b) == 0;
}

/* Whether the grade on the current row of r->latest is res's, reasons and factors
 * joined. */
static bool same_grade(results *r, const rule_result *res, const char *reasons,
		       const char *factors)
{
	db_stmt *s = r->latest.s;

	return same_text(db_col_text(s, L_PACK), res->pack) &&
	       same_text(db_col_text(s, L_LEVEL), res->level) &&
	       same_text(db_col_text(s, L_FACTORS), factors) &&
	       db_col_int(s, L_IMPORTANCE) == res->importance &&
	       db_col_int(s, L_DISCRETION) == res->discretion &&
	       db_col_int(s, L_LIKELIHOOD) == res->likelihood &&
	       db_col_int(s, L_HARM) == res->harm && db_col_double(s, L_SCORE) == res->score &&
	       same_text(db_col_text(s, L_TIER), res->tier) &&
	       same_text(db_col_text(s, L_REASONS), reasons);
}

/*
 * *same: whether the stored flags of point code are res's, none of them cleared.  The
 * stored ones come by code; res's are put in that order (codes compare as SQLite's
 * BINARY collation does).  A result that repeats a code never equals what is stored, so
 * it is stored, and refused there.
 */
static rg_status same_flags(results *r, const char *code, const rule_result *res, bool *same,
			    rg_err *e)
{
	int order[RULES_MAX_FLAGS];
	int n = 0;
	bool at;
	rg_status st;

	for (int i = 0; i < res->nflags; i++) {
		int j = i;
		while (j > 0 && strcmp(res->flags[order[j - 1]].code, res->flags[i].code) > 0) {
			order[j] = order[j - 1];
			j--;
		}
		order[j] = i;
	}
	*same = false;
	for (;;) {
		if ((st = cursor_seek(&r->flags, code, &at, e)) != RG_OK)
			return st;
		db_stmt *s = r->flags.s;
		if (!at || db_col_int(s, 5) != db_col_int(r->latest.s, L_RUN))
			break; /* an older run's flags: the next seek passes over them */
		const rule_flag *f = n < res->nflags ? &res->flags[order[n]] : NULL;
		if (f == NULL || db_col_int(s, 4) != 0 || !same_text(db_col_text(s, 1), f->code) ||
		    !same_text(db_col_text(s, 2), f->label) ||
		    !same_text(db_col_text(s, 3), f->evidence))
			return RG_OK;
		n++;
		r->flags.ready = false;
	}
	*same = n == res->nflags;
	return RG_OK;
}

/*
 * *same: whether point code's traces count as the same: always in an untraced run (it
 * shows no traces it did not store), and in a traced one when the row it would reuse was
 * stored by a traced run with res's reasons and sources (a result without reasons has no
 * traces either way).
 */
static rg_status same_traces(results *r, const char *code, const rule_result *res,
			     bool *same, rg_err *e)
{
	int n = 0;
	bool at;
	rg_status st;

	*same = !r->trace || res->nreasons == 0;
	if (*same || db_col_int(r->latest.s, L_TRACED) == 0)
		return RG_OK;
	for (;;) {
		if ((st = cursor_seek(&r->traces, code, &at, e)) != RG_OK)
			return st;
		if (!at)
			break;
		db_stmt *s = r->traces.s;
		if (n >= res->nreasons || db_col_int(s, 1) != n + 1 ||
		    !same_text(db_col_text(s, 2), res->reasons[n]) ||
		    !same_text(db_col_text(s, 3), res->trace[n]))
			return RG_OK;
		n++;
		r->traces.ready = false;
	}
	*same = n == res->nreasons;
	return RG_OK;
}

rg_status results_open(db *d, long run, const char *scope, bool trace, results **out,
		       rg_err *e)
{
	results *r = calloc(1, sizeof *r);
	db_stmt *s = NULL;
	bool row;
	rg_status st;

	if (r == NULL)
		return err_set(e, RG_DB, "out of memory comparing the run's results");
	r->d = d;
	r->run = run;
	r->scoped = scope != NULL;
	r->trace = trace;
	if ((st = db_prepare(d, latest_sql, &r->latest.s, e)) != RG_OK ||
	    (st = db_prepare(d, flags_sql, &r->flags.s, e)) != RG_OK ||
	    (trace && (st = db_prepare(d, traces_sql, &r->traces.s, e)) != RG_OK) ||
	    (st = db_prepare(d, coverage_sql, &r->coverage, e)) != RG_OK ||
	    (st = db_prepare(d, left_sql, &r->left, e)) != RG_OK ||
	    (st = db_prepare(d, scope_sql, &s, e)) != RG_OK)
		goto out;
	/* The stored results, read alongside the points: as many rows as points; and the
	 * coverage rows, written together. */
	db_batch(r->coverage);
	db_stream(r->latest.s);
	db_stream(r->flags.s);
	if (trace)
		db_stream(r->traces.s);
	db_bind_text(s, 1, scope);
	db_bind_int(s, 2, run);
	if ((st = db_step(s, &row, e)) != RG_OK) {
		st = err_wrap(e, st, "cannot store the run's scope");
		goto out;
	}
	db_bind_text(r->latest.s, 1, scope);
	db_bind_text(r->flags.s, 1, scope);
	if (trace)
		db_bind_text(r->traces.s, 1, scope);
	r->traces.done = !trace;
	*out = r;
	r = NULL;
out:
	db_finalize(s);
	results_close(r);
	return st;
}

void results_close(results *r)
{
	if (r == NULL)
		return;
	db_finalize(r->latest.s);
	db_finalize(r->flags.s);
	db_finalize(r->traces.s);
	db_finalize(r->coverage);
	db_finalize(r->left);
	arena_free(&r->texts);
	free(r);
}

rg_status results_changed(results *r, const char *code, const char *agency,
			  const rule_result *res, const char *reasons, const char *factors,
			  bool *changed, long *version, rg_err *e)
{
	bool at, same = false;
	rg_status st;

	if ((st = cursor_seek(&r->latest, code, &at, e)) != RG_OK ||
	    (at && (same = same_grade(r, res, reasons, factors)) &&
	     (st = same_flags(r, code, res, &same, e)) != RG_OK) ||
	    (same && (st = same_traces(r, code, res, &same, e)) != RG_OK))
		return err_wrap(e, st, "point %s: cannot read its stored result", code);
	*changed = !same;
	*version = same ? (long)db_col_int(r->latest.s, L_RUN) : r->run;
	return cover(r, code, agency, at, e);
}

rg_status results_take(results *r, const char *code, const char *agency, long version,
		       rule_result *res, const char **reasons, const char **factors, rg_err *e)
{
	db_stmt *s = r->latest.s;
	bool at;
	rg_status st;

	memset(res, 0, sizeof *res);
	arena_reset(&r->texts);
	if ((st = cursor_seek(&r->latest, code, &at, e)) != RG_OK)
		return err_wrap(e, st, "point %s: cannot read its stored result", code);
	if (!at || db_col_int(s, L_RUN) != version)
		return err_set(e, RG_DB, "point %s: its stored result is not the one run %ld "
			       "promised holds (table reuse): grade with --regrade-all", code,
			       version);
	res->importance = (int)db_col_int(s, L_IMPORTANCE);
	res->discretion = (int)db_col_int(s, L_DISCRETION);
	res->likelihood = (int)db_col_int(s, L_LIKELIHOOD);
	res->harm = (int)db_col_int(s, L_HARM);
	res->score = db_col_double(s, L_SCORE);
	/* The grade's texts stay on r->latest's row, which no statement moves before the next
	 * point; the flags' are copied, as their cursor moves on. */
	res->pack = db_col_text(s, L_PACK);
	res->tier = db_col_text(s, L_TIER);
	res->level = db_col_text(s, L_LEVEL);
	*reasons = db_col_text(s, L_REASONS);
	*factors = db_col_text(s, L_FACTORS);
	for (;;) {
		if ((st = cursor_seek(&r->flags, code, &at, e)) != RG_OK)
			return err_wrap(e, st, "point %s: cannot read its stored result", code);
		db_stmt *f = r->flags.s;
		if (!at || db_col_int(f, 5) != version)
			break;
		if (db_col_int(f, 4) != 0)
			return err_set(e, RG_DB, "point %s: its stored result is not the one run %ld "
				       "promised holds (table reuse): grade with --regrade-all", code,
				       version);
		if (res->nflags == RULES_MAX_FLAGS)
			return err_set(e, RG_DB, "point %s: more than %d flags stored", code,
				       RULES_MAX_FLAGS);
		rule_flag *fl = &res->flags[res->nflags++];
		if (!keep(r, db_col_text(f, 1), &fl->code) || !keep(r, db_col_text(f, 2), &fl->label) ||
		    !keep(r, db_col_text(f, 3), &fl->evidence))
			goto no_memory;
		r->flags.ready = false;
	}
	return cover(r, code, agency, true, e);
no_memory:
	return err_set(e, RG_DB, "point %s: out of memory reading its stored result", code);
}

/* Record that point code is graded in agency from this run on, unless the runs last saw
 * it there (at: it has a stored result, on r->latest's row). */
static rg_status cover(results *r, const char *code, const char *agency, bool at, rg_err *e)
{
	bool row;
	rg_status st;

	if (at && same_text(db_col_text(r->latest.s, L_AGENCY), agency))
		return RG_OK;
	db_reset(r->coverage);
	db_bind_text(r->coverage, 1, code);
	db_bind_int(r->coverage, 2, r->run);
	db_bind_text(r->coverage, 3, agency);
	if ((st = db_step(r->coverage, &row, e)) != RG_OK)
		return err_wrap(e, st, "point %s: cannot store where it is graded", code);
	return RG_OK;
}

rg_status results_finish(results *r, rg_err *e)
{
	bool row;
	rg_status st;

	/* A run of every agency grades every point: none can have left its scope. */
	if (!r->scoped)
		return RG_OK;
	db_bind_int(r->left, 1, r->run);
	if ((st = db_step(r->left, &row, e)) != RG_OK)
		return err_wrap(e, st, "cannot store which points left the run's scope");
	return RG_OK;
}

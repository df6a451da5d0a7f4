/*
 * grade.c: the batch run.  Reads the points in scope in code order with their facts
 * (facts.h: streamed, not looked up), hands each point's facts to its rule pack, checks
 * and stores what the pack returns, follows the warnings (warn.h), and records the run
 * and its packs in runs, run_packs and the audit log, all in one transaction: a failure
 * anywhere rolls the whole run back.  A point's result is stored only when it differs
 * from its latest stored one (results.h); a point whose stored result its pack promised
 * still holds, for the same facts and packs, is not graded: that result is taken
 * (reuse.h).  Every statement is prepared once per run; the
 * summary per agency is counted as the points are graded.  With opt->jobs above 1 the
 * packs run in that many threads (pool.h), each with a rule state of its own given the
 * same packs, while this thread reads the facts and stores every result in point order,
 * so the database is the same whatever the number of threads.
 * Depends on db.h, facts.h, results.h, reuse.h, rules.h, pool.h, warn.h, pack.h, lookup.h
 * (AGENCY_SCOPE), audit.h, progress.h, sha.h, strmap.h, vocab.h, status.h.
 */
#include "grade.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "audit.h"
#include "facts.h"
#include "lookup.h"
#include "pack.h"
#include "pool.h"
#include "progress.h"
#include "results.h"
#include "reuse.h"
#include "rules.h"
#include "sha.h"
#include "strmap.h"
#include "warn.h"

/* A pack given to an agency, as pack_resolve() chose it. */
typedef struct {
	char *agency; /* the agency's code */
	char *name;   /* the pack's name */
} pack_use;

/* Everything one run needs, prepared once. */
typedef struct {
	db *d;                    /* the database, in the run's transaction while grading */
	const grade_options *opt; /* what was asked: packs, as-of date, scope, actor, trace */
	grade_results *res;       /* the run's id and what it has done so far */
	rules *r;                 /* the rule state, with a pack for every agency in scope */
	pack_use *uses;           /* the pack given to each agency in scope, in the order they
				   * were given, so other states can be given the same */
	int nuses;                /* how many */
	warn_book *warnings;      /* the warnings' life: issued, followed, escalated */
	facts_reader *facts;      /* the points in scope and their facts, in code order */
	facts_point point;        /* the point being graded */
	results *stored;          /* the latest stored results, compared with the new ones */
	reuse *reuse;             /* which stored results still hold, and until when */
	reuse_point check;        /* what reuse knows of rs->point */
	char packs[SHA_HEX];      /* the digest of the run's packs and engine (reuse.h) */
	strmap *pack_of;          /* agency code -> the name of the pack given to it */
	audit_results *digest;    /* the run's results hashed for its audit log entry as they
				   * are stored; NULL with --trace (read back at the end) and in
				   * a dry run (no entry) */
	strmap *agencies;         /* agency code -> its grade_agency in res->agencies */
	db_stmt *count;           /* how many points are in scope, for the progress bar */
	db_stmt *ins_run;         /* the run's record, counts 0 */
	db_stmt *upd_run;         /* the run's counts, at its end */
	db_stmt *ins_pack;        /* a pack the run used */
	db_stmt *ins_grade;       /* a point's grade */
	db_stmt *ins_flag;        /* a flag on a point */
	db_stmt *ins_trace;       /* where a reason came from; only with opt->trace */
} run_state;

/* How many points are in scope (?1: agency or NULL), for the progress bar. */
static const char count_sql[] =
	AGENCY_SCOPE
	"SELECT count(*) FROM points p WHERE ?1 IS NULL OR p.agency IN scope";

static const char ins_run_sql[] =
	"INSERT INTO runs (as_of, scope, traced, engine_version, rules_dir, points,"
	" tier1, tier2, tier3, flags, warnings, created_at, actor)"
	" VALUES (?1, ?2, ?5, ?3, ?4, 0, 0, 0, 0, 0, 0, ?6, ?7)";

static const char upd_run_sql[] =
	"UPDATE runs SET points = ?2, tier1 = ?3, tier2 = ?4, tier3 = ?5,"
	" flags = ?6, warnings = ?7, warnings_new = ?8, warnings_escalated = ?9"
	" WHERE id = ?1";

static const char ins_pack_sql[] =
	"INSERT INTO run_packs (run, pack, path, parent, sha256) VALUES (?1, ?2, ?3, ?4, ?5)";

static const char ins_grade_sql[] =
	"INSERT INTO grades (run, point, pack, importance, discretion, likelihood, harm, score,"
	" tier, reasons, level, method_factors)"
	" VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)";

static const char ins_flag_sql[] =
	"INSERT INTO flags (run, point, code, label, evidence) VALUES (?1, ?2, ?3, ?4, ?5)";

static const char ins_trace_sql[] =
	"INSERT INTO traces (run, point, seq, reason, source) VALUES (?1, ?2, ?3, ?4, ?5)";

/* Prepare every statement of the run, once. */
static rg_status prepare(run_state *rs, rg_err *e)
{
	const struct {
		db_stmt **slot;
		const char *sql;
	} all[] = {
		{&rs->count, count_sql},         {&rs->ins_run, ins_run_sql},
		{&rs->upd_run, upd_run_sql},     {&rs->ins_pack, ins_pack_sql},
		{&rs->ins_grade, ins_grade_sql}, {&rs->ins_flag, ins_flag_sql},
		{rs->opt->trace ? &rs->ins_trace : NULL, ins_trace_sql},
	};
	rg_status st;

	for (size_t i = 0; i < sizeof all / sizeof all[0]; i++)
		if (all[i].slot != NULL && (st = db_prepare(rs->d, all[i].sql, all[i].slot, e)) !=
		    RG_OK)
			return st;
	/* The results, many rows nobody reads back during the run: written together.  What
	 * the tables could refuse in them, rules.c has refused already. */
	db_batch(rs->ins_grade);
	db_batch(rs->ins_flag);
	if (rs->ins_trace != NULL)
		db_batch(rs->ins_trace);
	/* A dry run is rolled back with its audit log entry unwritten (audit_run is not
	 * called): its results are not hashed for one. */
	if ((rs->agencies = strmap_new()) == NULL ||
	    (!rs->opt->trace && !rs->opt->dry_run &&
	     (rs->digest = audit_results_open()) == NULL))
		return err_set(e, RG_DB, "out of memory preparing the run");
	if ((st = warn_open(rs->d, &rs->warnings, e)) != RG_OK)
		return st;
	warn_batch_events(rs->warnings);
	if (rs->opt->dry_run)
		warn_dry_run(rs->warnings);
	return RG_OK;
}

static void finalize(run_state *rs)
{
	db_stmt *all[] = {rs->count, rs->ins_run, rs->upd_run, rs->ins_pack, rs->ins_grade,
			  rs->ins_flag, rs->ins_trace};

	for (size_t i = 0; i < sizeof all / sizeof all[0]; i++)
		db_finalize(all[i]);
	audit_results_close(rs->digest);
	warn_close(rs->warnings);
	facts_close(rs->facts);
	facts_point_free(&rs->point);
	results_close(rs->stored);
	reuse_close(rs->reuse);
	strmap_free(rs->agencies);
	strmap_free(rs->pack_of);
	for (int i = 0; i < rs->nuses; i++) {
		free(rs->uses[i].agency);
		free(rs->uses[i].name);
	}
	free(rs->uses);
}

/* Run s, a write, to completion; a failure names what could not be stored for point code
 * ("-" for the run itself). */
static rg_status exec(db_stmt *s, const char *what, const char *code, rg_err *e)
{
	bool row;
	rg_status st = db_step(s, &row, e);

	if (st != RG_OK)
		return err_wrap(e, st, "point %s: cannot store the %s", code, what);
	return RG_OK;
}

/* The method's own factors of res as grades.method_factors holds them: a JSON object,
 * names in the order rules.c sorted them, each number in the fewest digits that read back
 * as the same double; "" when there are none (stored as NULL).  Names are one line of
 * text (rules.c), so only " and \ need escaping. */
static void join_factors(const rule_result *res, char *out, size_t size)
{
	size_t used = 0;

	out[0] = '\0';
	for (int i = 0; i < res->nfactors && used + 1 < size; i++) {
		char num[32];
		for (int digits = 15; digits <= 17; digits++) {
			snprintf(num, sizeof num, "%.*g", digits, res->factors[i].value);
			if (strtod(num, NULL) == res->factors[i].value)
				break;
		}
		used += (size_t)snprintf(out + used, size - used, "%s\"", i ? "," : "{");
		for (const char *c = res->factors[i].name; *c && used + 3 < size; c++) {
			if (*c == '"' || *c == '\\')
				out[used++] = '\\';
			out[used++] = *c;
		}
		if (used < size)
			used += (size_t)snprintf(out + used, size - used, "\":%s", num);
	}
	if (res->nfactors > 0 && used + 1 < size)
		snprintf(out + used, size - used, "}");
}

/* A national factor as stored: NULL when the method does not use it (0). */
static void bind_factor(db_stmt *s, int i, int value)
{
	if (value == 0)
		db_bind_null(s, i);
	else
		db_bind_int(s, i, value);
}

/* Store the grade of point code (its tier already checked), with its reasons joined. */
static rg_status store_grade(run_state *rs, const char *code, const rule_result *res,
			     const char *reasons, const char *factors, rg_err *e)
{
	db_reset(rs->ins_grade);
	db_bind_int(rs->ins_grade, 1, rs->res->run);
	db_bind_text(rs->ins_grade, 2, code);
	db_bind_text(rs->ins_grade, 3, res->pack);
	bind_factor(rs->ins_grade, 4, res->importance);
	bind_factor(rs->ins_grade, 5, res->discretion);
	bind_factor(rs->ins_grade, 6, res->likelihood);
	bind_factor(rs->ins_grade, 7, res->harm);
	db_bind_double(rs->ins_grade, 8, res->score);
	db_bind_text(rs->ins_grade, 9, res->tier);
	db_bind_text(rs->ins_grade, 10, reasons);
	db_bind_text(rs->ins_grade, 11, res->level);
	db_bind_text(rs->ins_grade, 12, factors[0] ? factors : NULL);
	return exec(rs->ins_grade, "grade", code, e);
}

/* With --trace, store where each reason of point code came from. */
static rg_status store_traces(run_state *rs, const char *code, const rule_result *res,
			      rg_err *e)
{
	rg_status st;

	for (int i = 0; rs->opt->trace && i < res->nreasons; i++) {
		db_reset(rs->ins_trace);
		db_bind_int(rs->ins_trace, 1, rs->res->run);
		db_bind_text(rs->ins_trace, 2, code);
		db_bind_int(rs->ins_trace, 3, i + 1);
		db_bind_text(rs->ins_trace, 4, res->reasons[i]);
		db_bind_text(rs->ins_trace, 5, res->trace[i]);
		if ((st = exec(rs->ins_trace, "trace", code, e)) != RG_OK)
			return st;
	}
	return RG_OK;
}

/*
 * Store the flags of point code.  A flag code the table refuses as empty or repeated for
 * the point is the pack's mistake (RG_RULE naming the pack, point and flag); any other
 * failure, a trigger's included, stays a storage failure (RG_DB).
 */
static rg_status store_flags(run_state *rs, const char *code, const rule_result *res,
			     rg_err *e)
{
	bool row;
	rg_status st;

	for (int i = 0; i < res->nflags; i++) {
		const rule_flag *f = &res->flags[i];
		db_reset(rs->ins_flag);
		db_bind_int(rs->ins_flag, 1, rs->res->run);
		db_bind_text(rs->ins_flag, 2, code);
		db_bind_text(rs->ins_flag, 3, f->code);
		db_bind_text(rs->ins_flag, 4, f->label);
		db_bind_text(rs->ins_flag, 5, f->evidence);
		if ((st = db_step(rs->ins_flag, &row, e)) == RG_OK)
			continue;
		switch (db_constraint_kind(rs->ins_flag)) {
		case DB_CONSTRAINT_UNIQUE:
		case DB_CONSTRAINT_CHECK:
			return err_wrap(e, RG_RULE, "%s: grade() for point %s: flags[%d]: code \"%s\" "
					"must be non-empty and given once per point",
					rules_pack_path(rs->r, res->pack), code, i + 1, f->code);
		default:
			return err_wrap(e, st, "point %s: cannot store the flag", code);
		}
	}
	return RG_OK;
}

/* Follow the warnings the pack asks for on point code (warn_follow): a disposition that
 * does not exist, or data the warnings table refuses, is the pack's mistake (RG_RULE). */
static rg_status store_warnings(run_state *rs, const char *code, const rule_result *res,
				rg_err *e)
{
	warn_outcome done;
	rg_status st;

	for (int i = 0; i < res->nwarnings; i++) {
		const rule_warning *w = &res->warnings[i];
		const warn_notice n = {.reason = w->reason, .disposition = w->disposition,
				       .responsible = w->responsible, .due = w->due,
				       .text = w->text};
		if (vocab_index(vocab_disposition, VOCAB_DISPOSITIONS, w->disposition) < 0)
			return err_set(e, RG_RULE, "%s: grade() for point %s: warnings[%d]."
				       "disposition: expected 风险提示, 诫勉谈话 or 责令纠错, got \"%s\"",
				       rules_pack_path(rs->r, res->pack), code, i + 1,
				       w->disposition);
		st = warn_follow(rs->warnings, rs->res->run, rs->opt->as_of, code, &n, &done, e);
		if (st == RG_INPUT)
			return err_wrap(e, RG_RULE, "%s: grade() for point %s: warnings[%d]",
					rules_pack_path(rs->r, res->pack), code, i + 1);
		if (st != RG_OK)
			return st;
		rs->res->warnings_new += done == WARN_ISSUED;
		rs->res->escalated += done == WARN_ESCALATED;
	}
	rs->res->warnings += res->nwarnings;
	return RG_OK;
}

/* The summary row of agency code, made on its first point; NULL when out of memory.
 * rs->agencies maps a code to its index in res->agencies plus one. */
static grade_agency *agency_row(run_state *rs, const char *code)
{
	grade_results *r = rs->res;
	intptr_t at = (intptr_t)strmap_get(rs->agencies, code);
	grade_agency *grown;

	if (at > 0)
		return &r->agencies[at - 1];
	if ((grown = realloc(r->agencies, (size_t)(r->nagencies + 1) * sizeof *grown)) == NULL)
		return NULL;
	r->agencies = grown;
	grown = &r->agencies[r->nagencies];
	memset(grown, 0, sizeof *grown);
	if ((grown->code = strdup(code)) == NULL)
		return NULL;
	r->nagencies++;
	if (!strmap_put(rs->agencies, code, (void *)(intptr_t)r->nagencies))
		return NULL;
	return grown;
}

/* How many warnings res asks for on its point: each reason once, since a point has one
 * open warning per reason (warn_follow). */
static long distinct_warnings(const rule_result *res)
{
	long n = 0;

	for (int i = 0; i < res->nwarnings; i++) {
		int j = 0;
		while (j < i && strcmp(res->warnings[j].reason, res->warnings[i].reason) != 0)
			j++;
		n += j == i;
	}
	return n;
}

_Static_assert(RULES_MAX_FLAGS <= AUDIT_POINT_FLAGS, "a point's flags fit audit_results");

/* Hash the result res of point code, stored or equal to the stored one it reuses, for the
 * run's audit log entry, as the stored rows give it (store_grade, store_flags). */
static void digest_point(run_state *rs, const char *code, const rule_result *res,
			 const char *reasons, const char *factors)
{
	audit_flag flags[RULES_MAX_FLAGS];
	const audit_grade g = {.point = code, .pack = res->pack, .importance = res->importance,
			       .discretion = res->discretion, .likelihood = res->likelihood,
			       .harm = res->harm, .score = res->score, .tier = res->tier,
			       .reasons = reasons, .level = res->level,
			       .method_factors = factors[0] ? factors : NULL};

	if (rs->digest == NULL)
		return;
	for (int i = 0; i < res->nflags; i++)
		flags[i] = (audit_flag){res->flags[i].code, res->flags[i].label,
					res->flags[i].evidence};
	audit_results_point(rs->digest, &g, flags, res->nflags);
}

/* Count point code of agency, of tier (an index of vocab_tier), with nflags flags and
 * warned warnings (each reason once), in the run's counts and its agency's. */
static rg_status count(run_state *rs, const char *code, const char *agency, int tier,
		       int nflags, long warned, rg_err *e)
{
	grade_agency *row;

	if (tier < 0) /* only a stored tier could be: the schema's CHECK refuses any other */
		return err_set(e, RG_DB, "point %s: its stored tier is not 一级, 二级 or 三级",
			       code);
	rs->res->tiers[tier]++;
	rs->res->flags += nflags;
	rs->res->flagged += nflags > 0;
	if ((row = agency_row(rs, agency)) == NULL)
		return err_set(e, RG_DB, "point %s: out of memory counting the run", code);
	row->tiers[tier]++;
	row->points++;
	row->flagged += nflags > 0;
	row->warnings += warned;
	return RG_OK;
}

/* Check what the pack returned for point code of agency, store it when it differs from
 * the point's latest stored result, follow its warnings, keep until when it holds (u:
 * what reuse knew of the point), and count it. */
static rg_status store(run_state *rs, const char *code, const char *agency,
		       const reuse_point *u, const rule_result *res, rg_err *e)
{
	int tier = vocab_index(vocab_tier, VOCAB_TIERS, res->tier);
	const char *reasons = res->reasons_text;
	char factors[RULES_MAX_FACTORS * 160];
	bool changed;
	long version, warned;
	rg_status st;

	if (tier < 0)
		return err_set(e, RG_RULE, "%s: grade() for point %s: result.tier: expected "
			       "一级, 二级 or 三级, got \"%s\"", rules_pack_path(rs->r, res->pack),
			       code, res->tier);
	join_factors(res, factors, sizeof factors);
	warned = distinct_warnings(res);
	if ((st = results_changed(rs->stored, code, agency, res, reasons, factors, &changed,
				  &version, e)) != RG_OK ||
	    (changed && ((st = store_grade(rs, code, res, reasons, factors, e)) != RG_OK ||
			 (st = store_traces(rs, code, res, e)) != RG_OK ||
			 (st = store_flags(rs, code, res, e)) != RG_OK)) ||
	    (st = store_warnings(rs, code, res, e)) != RG_OK ||
	    (!rs->opt->dry_run &&
	     (st = reuse_keep(rs->reuse, code, u, version, res, res->nwarnings, warned, e)) !=
		     RG_OK))
		return st;
	digest_point(rs, code, res, reasons, factors);
	return count(rs, code, agency, tier, res->nflags, warned, e);
}

/* Take point code's stored result, which still holds (u), as its result in this run, and
 * count it, as store() does for a point graded; its warnings are seen again at the end of
 * the run (warn_seen_taken). */
static rg_status take(run_state *rs, const char *code, const char *agency,
		      const reuse_point *u, rg_err *e)
{
	rule_result res;
	const char *reasons, *factors;
	rg_status st;

	if ((st = results_take(rs->stored, code, agency, u->version, &res, &reasons, &factors,
			       e)) != RG_OK)
		return st;
	digest_point(rs, code, &res, reasons, factors);
	rs->res->warnings += u->warnings;
	return count(rs, code, agency, vocab_index(vocab_tier, VOCAB_TIERS, res.tier),
		     res.nflags, u->warned, e);
}

/* Record the run, its counts still 0, and set rs->res->run to its id. */
static rg_status start_run(run_state *rs, rg_err *e)
{
	rg_status st;

	db_bind_text(rs->ins_run, 1, rs->opt->as_of);
	db_bind_text(rs->ins_run, 2, rs->opt->scope);
	db_bind_text(rs->ins_run, 3, RG_VERSION);
	db_bind_text(rs->ins_run, 4, rs->opt->dir);
	db_bind_int(rs->ins_run, 5, rs->opt->trace);
	db_bind_text(rs->ins_run, 6, rs->opt->now);
	db_bind_text(rs->ins_run, 7, rs->opt->actor);
	if ((st = exec(rs->ins_run, "run", "-", e)) != RG_OK)
		return st;
	rs->res->run = (long)db_last_rowid(rs->d);
	return RG_OK;
}

/* Store the result res of point code of agency and count it, or take its stored result
 * when res is NULL (u->hit): where every point goes, in point order, whichever thread
 * graded it. */
static rg_status store_point(void *ctx, const char *code, const char *agency,
			     const void *note, const rule_result *res, rg_err *e)
{
	run_state *rs = ctx;
	const reuse_point *u = note;
	rg_status st = res == NULL ? take(rs, code, agency, u, e) :
				     store(rs, code, agency, u, res, e);

	if (st != RG_OK)
		return st;
	rs->res->points++;
	progress_tick(1);
	return RG_OK;
}

/* What reuse knows of the point in rs->point, into rs->check. */
static rg_status check_point(run_state *rs, rg_err *e)
{
	const facts_point *p = &rs->point;

	return reuse_check(rs->reuse, p->code, p->agency, strmap_get(rs->pack_of, p->agency),
			   &p->facts, &rs->check, e);
}

/* Grade the point in rs->point in this thread, or take its stored result, and store it. */
static rg_status grade_point(run_state *rs, rg_err *e)
{
	const facts_point *p = &rs->point;
	rule_result res;
	rg_status st;

	if ((st = check_point(rs, e)) != RG_OK)
		return st;
	if (rs->check.hit)
		return store_point(rs, p->code, p->agency, &rs->check, NULL, e);
	rules_set_point(rs->r, &p->facts);
	if ((st = rules_grade(rs->r, p->code, p->agency, &res, e)) != RG_OK)
		return st;
	return store_point(rs, p->code, p->agency, &rs->check, &res, e);
}

/* Read the next point in scope into rs->point, for the grading threads: with what reuse
 * knows of it, and not to be graded when its stored result holds. */
static rg_status next_point(void *ctx, pool_point *p, bool *got, rg_err *e)
{
	run_state *rs = ctx;
	rg_status st = facts_next(rs->facts, &rs->point, got, e);

	if (st == RG_OK && *got && (st = check_point(rs, e)) == RG_OK)
		*p = (pool_point){rs->point.code, rs->point.agency, &rs->point.facts, &rs->check,
				  sizeof rs->check, rs->check.hit};
	return st;
}

/* Whether the packs state w loaded are those of the run's state, byte for byte: w read
 * them from their files again, and a file changed in between would grade some points with
 * other rules than the run records. */
static rg_status same_packs(run_state *rs, rules *w, rg_err *e)
{
	int n = rules_pack_count(rs->r);

	for (int i = 0; i < n; i++) {
		const rule_pack *pk = rules_pack_at(rs->r, i);
		if (i >= rules_pack_count(w) || strcmp(rules_pack_at(w, i)->sha, pk->sha) != 0)
			return err_set(e, RG_IO, "%s: changed while the run was starting (sha256 "
				       "%.12s when first read): grade again", pk->path, pk->sha);
	}
	if (rules_pack_count(w) != n)
		return err_set(e, RG_IO, "%s: the packs changed while the run was starting: "
			       "grade again", rs->opt->dir);
	return RG_OK;
}

/* A rule state for a grading thread into *out: the same packs given to the same agencies
 * as the run's own state, with the same as-of date and tracing. */
static rg_status open_worker(run_state *rs, rules **out, rg_err *e)
{
	rules *w = NULL;
	rg_status st;

	if ((st = rules_open(rs->opt->dir, rs->opt->as_of, &w, e)) != RG_OK)
		goto out;
	rules_set_trace(w, rs->opt->trace);
	for (int i = 0; i < rs->nuses && st == RG_OK; i++)
		st = rules_use(w, rs->uses[i].agency, rs->uses[i].name, e);
	if (st == RG_OK)
		st = same_packs(rs, w, e);
out:
	if (st != RG_OK) {
		rules_close(w);
		w = NULL;
	}
	*out = w;
	return st;
}

/* Grade the points, about expected of them, in n threads, storing each result here in
 * point order; every thread is joined and every state closed on return. */
static rg_status grade_in_threads(run_state *rs, int n, long expected, rg_err *e)
{
	rules **states = calloc((size_t)n, sizeof *states);
	pool *p = NULL;
	rg_status st = RG_OK;

	if (states == NULL) {
		st = err_set(e, RG_IO, "out of memory starting %d grading threads", n);
		goto out;
	}
	for (int i = 0; i < n && st == RG_OK; i++)
		st = open_worker(rs, &states[i], e);
	if (st == RG_OK && (st = pool_open(states, n, &p, e)) == RG_OK)
		st = pool_run(p, expected, next_point, store_point, rs, e);
out:
	pool_close(p);
	for (int i = 0; states != NULL && i < n; i++)
		rules_close(states[i]);
	free(states);
	return st;
}

/* Grade every point in scope, in code order, with a progress bar: in this thread, or
 * with opt->jobs grading threads. */
static rg_status grade_points(run_state *rs, rg_err *e)
{
	bool row;
	long expected;
	rg_status st;

	db_bind_text(rs->count, 1, rs->opt->scope);
	if ((st = db_step(rs->count, &row, e)) != RG_OK)
		return st;
	expected = (long)db_col_int(rs->count, 0);
	progress_start(expected, "grading");
	if ((st = facts_open(rs->d, rs->opt->scope, &rs->facts, e)) != RG_OK ||
	    (st = results_open(rs->d, rs->res->run, rs->opt->scope, rs->opt->trace, &rs->stored,
			       e)) != RG_OK ||
	    (st = reuse_open(rs->d, rs->res->run, rs->opt->scope, rs->opt->as_of, rs->packs,
			     !rs->opt->trace && !rs->opt->regrade_all, &rs->reuse, e)) != RG_OK)
		goto out;
	/* A thread for each point at most: more would only load the packs for nothing. */
	if (rs->opt->jobs > 1 && expected > 1)
		st = grade_in_threads(rs, expected < rs->opt->jobs ? (int)expected : rs->opt->jobs,
				      expected, e);
	else
		while ((st = facts_next(rs->facts, &rs->point, &row, e)) == RG_OK && row)
			if ((st = grade_point(rs, e)) != RG_OK)
				break;
	if (st == RG_OK)
		st = results_finish(rs->stored, e);
	if (st == RG_OK)
		st = warn_seen_taken(rs->warnings, rs->res->run, rs->opt->scope, e);
out:
	progress_end();
	return st;
}

static int by_code(const void *a, const void *b)
{
	return strcmp(((const grade_agency *)a)->code, ((const grade_agency *)b)->code);
}

/* Store the run's counts and the packs it used. */
static rg_status finish_run(run_state *rs, rg_err *e)
{
	const grade_results *r = rs->res;
	rg_status st;

	db_bind_int(rs->upd_run, 1, r->run);
	db_bind_int(rs->upd_run, 2, r->points);
	db_bind_int(rs->upd_run, 3, r->tiers[0]);
	db_bind_int(rs->upd_run, 4, r->tiers[1]);
	db_bind_int(rs->upd_run, 5, r->tiers[2]);
	db_bind_int(rs->upd_run, 6, r->flags);
	db_bind_int(rs->upd_run, 7, r->warnings);
	db_bind_int(rs->upd_run, 8, r->warnings_new);
	db_bind_int(rs->upd_run, 9, r->escalated);
	if ((st = exec(rs->upd_run, "run", "-", e)) != RG_OK)
		return st;
	for (int i = 0; i < rules_pack_count(rs->r); i++) {
		const rule_pack *pk = rules_pack_at(rs->r, i);
		db_reset(rs->ins_pack);
		db_bind_int(rs->ins_pack, 1, r->run);
		db_bind_text(rs->ins_pack, 2, pk->name);
		db_bind_text(rs->ins_pack, 3, pk->path);
		db_bind_text(rs->ins_pack, 4, pk->parent);
		db_bind_text(rs->ins_pack, 5, pk->sha);
		if ((st = exec(rs->ins_pack, "pack", "-", e)) != RG_OK)
			return st;
	}
	return RG_OK;
}

/* Append the run to the audit log. */
static rg_status audit_run(run_state *rs, rg_err *e)
{
	const grade_results *r = rs->res;
	char subject[64], *detail;
	rg_status st;

	snprintf(subject, sizeof subject, "run:%ld", r->run);
	if ((detail = audit_format("as-of %s, scope %s, rules %s: %ld points (一级 %ld, 二级 %ld,"
				   " 三级 %ld), %ld flags, %ld warnings (%ld new, %ld escalated)",
				   rs->opt->as_of, rs->opt->scope ? rs->opt->scope : "all",
				   rs->opt->dir, r->points, r->tiers[0], r->tiers[1], r->tiers[2],
				   r->flags, r->warnings, r->warnings_new, r->escalated)) == NULL)
		return err_set(e, RG_DB, "run %ld: out of memory recording it", r->run);
	if (rs->digest != NULL)
		st = audit_append_run(rs->d, rs->opt->now, rs->opt->actor, subject, detail,
				      rs->digest, e);
	else
		st = audit_append(rs->d, rs->opt->now, rs->opt->actor, "grade", subject, detail,
				  e);
	free(detail);
	return st;
}

/* Give agency pack name in the run's state, and note it for the grading threads' states. */
static rg_status use_pack(void *ctx, const char *agency, const char *name, rg_err *e)
{
	run_state *rs = ctx;
	pack_use u, *grown;
	rg_status st = rules_use(rs->r, agency, name, e);

	if (st != RG_OK)
		return st;
	u = (pack_use){strdup(agency), strdup(name)};
	if (u.agency == NULL || u.name == NULL ||
	    (grown = realloc(rs->uses, (size_t)(rs->nuses + 1) * sizeof *grown)) == NULL) {
		free(u.agency);
		free(u.name);
		return err_set(e, RG_IO, "out of memory giving agency %s its pack", agency);
	}
	rs->uses = grown;
	rs->uses[rs->nuses++] = u;
	if (!strmap_put(rs->pack_of, u.agency, u.name))
		return err_set(e, RG_IO, "out of memory giving agency %s its pack", agency);
	return RG_OK;
}

static int by_name(const void *a, const void *b)
{
	return strcmp((*(const rule_pack *const *)a)->name, (*(const rule_pack *const *)b)->name);
}

/* The digest of the run's packs (each one's name and content, by name) and engine into
 * rs->packs: a stored result holds only for the packs and engine that computed it. */
static rg_status digest_packs(run_state *rs, rg_err *e)
{
	int n = rules_pack_count(rs->r);
	const rule_pack **packs = calloc((size_t)n + 1, sizeof *packs);
	sha_stream *h = sha_open();

	if (packs == NULL || h == NULL) {
		free(packs);
		if (h != NULL)
			sha_close(h, rs->packs);
		return err_set(e, RG_IO, "out of memory reading the packs");
	}
	for (int i = 0; i < n; i++)
		packs[i] = rules_pack_at(rs->r, i);
	qsort(packs, (size_t)n, sizeof *packs, by_name);
	sha_update(h, RG_VERSION, sizeof RG_VERSION);
	for (int i = 0; i < n; i++) {
		sha_update(h, packs[i]->name, strlen(packs[i]->name) + 1);
		sha_update(h, packs[i]->sha, strlen(packs[i]->sha) + 1);
	}
	sha_close(h, rs->packs);
	free(packs);
	return RG_OK;
}

rg_status grade_run(db *d, const grade_options *opt, grade_results *res, rg_err *e)
{
	run_state rs = {.d = d, .opt = opt, .res = res};
	bool in_tx = false;
	rg_status st;

	memset(res, 0, sizeof *res);
	if ((rs.pack_of = strmap_new()) == NULL) {
		st = err_set(e, RG_IO, "out of memory reading the packs");
		goto out;
	}
	if ((st = rules_open(opt->dir, opt->as_of, &rs.r, e)) != RG_OK)
		goto out;
	rules_set_trace(rs.r, opt->trace);
	if ((st = pack_resolve(d, opt->dir, opt->scope, use_pack, &rs, e)) != RG_OK ||
	    (st = digest_packs(&rs, e)) != RG_OK || (st = prepare(&rs, e)) != RG_OK ||
	    (st = db_begin(d, e)) != RG_OK)
		goto out;
	in_tx = true;
	if ((st = start_run(&rs, e)) != RG_OK || (st = grade_points(&rs, e)) != RG_OK ||
	    (st = warn_escalate_overdue(rs.warnings, res->run, opt->as_of, opt->scope,
					&res->escalated, e)) != RG_OK ||
	    (st = finish_run(&rs, e)) != RG_OK ||
	    (!opt->dry_run && ((st = audit_run(&rs, e)) != RG_OK ||
			       (st = db_commit(d, e)) != RG_OK)))
		goto out;
	in_tx = false;
	/* The summary in code order, as the agencies are listed everywhere. */
	if (res->nagencies > 1)
		qsort(res->agencies, (size_t)res->nagencies, sizeof *res->agencies, by_code);
out:
	finalize(&rs);
	if (in_tx)
		db_rollback(d);
	rules_close(rs.r);
	return st;
}

void grade_results_free(grade_results *res)
{
	for (int i = 0; i < res->nagencies; i++)
		free((char *)res->agencies[i].code);
	free(res->agencies);
	res->agencies = NULL;
	res->nagencies = 0;
}

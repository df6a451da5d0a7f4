/*
 * cmd_grade.c: `riskgrade grade`, a thin driver over the batch run (grade.h): parses the
 * arguments, runs the grading (for --dry-run, in a transaction it then rolls back), and
 * prints the run's summary or what it would change against the latest run.
 * Depends on args.h, audit.h, date.h, db.h, grade.h, lookup.h, out.h, pack.h, run.h.
 */
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "args.h"
#include "audit.h"
#include "cmd.h"
#include "i18n.h"
#include "date.h"
#include "db.h"
#include "grade.h"
#include "lookup.h"
#include "out.h"
#include "pack.h"
#include "run.h"

static const char usage[] =
	"riskgrade grade DB [--rules DIR] [--as-of YYYY-MM-DD] [--agency CODE] [--trace]"
	" [--dry-run] [--by NAME] [--jobs N] [--regrade-all]";

static const char help[] =
	N_("usage: riskgrade grade DB [--rules DIR] [--as-of YYYY-MM-DD] [--agency CODE] [--trace]\n"
	"                          [--dry-run] [--by NAME] [--jobs N] [--regrade-all]\n"
	"\n"
	"Grade every risk point in scope with the rule pack DIR/default.lua and record the\n"
	"result as a run: each point's factors, score, tier (一级/二级/三级) and reasons, the\n"
	"points to re-grade (flags) and the warnings to follow up.  The run is one transaction:\n"
	"if a rule fails, nothing is written.  Prints the tier distribution per agency.\n"
	"\n"
	"Warnings are followed across runs: a warning still open (not 解除) for the same point\n"
	"and reason is not issued again; if the pack now asks for a severer disposition the\n"
	"open warning is escalated to it (加重升级); an open warning not yet acknowledged or\n"
	"answered (发布, 签收) whose due date is before the as-of date is escalated one step,\n"
	"风险提示 → 诫勉谈话 → 责令纠错, with a new due date the same number of days after the\n"
	"as-of date as it had (逾期升级).  The run is recorded in the audit log.\n"
	"\n"
	"A pack may say until when its result holds for the same facts (recheck_on): a later\n"
	"run before that date takes a point's stored result instead of running the pack, when\n"
	"the point's facts and agency, the packs and riskgrade are the same as when it was\n"
	"graded, its flags are not cleared and none of its warnings released since.  The run\n"
	"records the same results either way.\n"
	"\n"
	"  --rules DIR     rule pack directory (default: ./rules if it has default.lua,\n"
	"                  else the packs installed with riskgrade, PREFIX/share/riskgrade/\n"
	"                  rules; the run names the folder it used, and a note says so when\n"
	"                  ./rules hides installed packs)\n"
	"  --as-of DATE    the date the grading is as of (default: today); the same data,\n"
	"                  rules and date give the same results\n"
	"  --agency CODE   grade only this agency and the units under it\n"
	"  --trace         also record the rule pack line each reason came from, for explain\n"
	"                  (costs time and space: off by default)\n"
	"  --dry-run       grade, print what would change against the latest run (see\n"
	"                  riskgrade diff), then undo it all: DB is left as it was, byte for\n"
	"                  byte.  With --rules, this shows what a rule change would do\n"
	"  --by NAME       who runs the grading, for the audit log (default: $USER)\n"
	"  --jobs N        run the rule packs in N threads, 1 to 64 (default: the cores\n"
	"                  online; 1: one thread).  The database, and the message of a\n"
	"                  failing run (its first failing point), are the same whatever N\n"
	"                  for packs whose grade() depends only on the point and ctx; lines\n"
	"                  a pack prints may come in another order\n"
	"  --regrade-all   run the pack on every point, taking no stored result (--trace\n"
	"                  does too)\n"
	"\n"
	"On a terminal, standard error shows a progress bar while grading; nothing when it is\n"
	"redirected.\n");

/* --jobs N into *jobs; when not given, the number of cores online. */
static rg_status parse_jobs(const char *arg, int *jobs, rg_err *e)
{
	char *end;
	long n;

	if (arg == NULL) {
		n = sysconf(_SC_NPROCESSORS_ONLN);
		*jobs = n < 1 ? 1 : n > GRADE_JOBS_MAX ? GRADE_JOBS_MAX : (int)n;
		return RG_OK;
	}
	n = strtol(arg, &end, 10);
	if (end == arg || *end != '\0' || n < 1 || n > GRADE_JOBS_MAX)
		return err_set(e, RG_USAGE, "--jobs: expected a whole number 1-%d, got \"%s\"",
			       GRADE_JOBS_MAX, arg);
	*jobs = (int)n;
	return RG_OK;
}

/* The counts of run r, graded with the packs of dir: a line, the packs, a line. */
static rg_status print_counts(db *d, const char *dir, const char *as_of,
			      const grade_results *r, rg_err *e)
{
	char flags[64], points[64], warnings[64];
	db_stmt *s = NULL;
	bool row;
	rg_status st;

	printf(ngettext("run %ld as of %s: %ld point graded with the packs of %s/\n",
			"run %ld as of %s: %ld points graded with the packs of %s/\n", r->points),
	       r->run, as_of, r->points, dir);
	st = db_prepare(d, "SELECT pack, path, sha256 FROM run_packs WHERE run = ?1"
			" ORDER BY rowid", &s, e);
	if (st != RG_OK)
		return st;
	db_bind_int(s, 1, r->run);
	while ((st = db_step(s, &row, e)) == RG_OK && row)
		printf("  %s (%s, sha256 %.12s)\n", db_col_text(s, 0), db_col_text(s, 1),
		       db_col_text(s, 2));
	db_finalize(s);
	if (st != RG_OK)
		return st;
	snprintf(flags, sizeof flags, ngettext("%ld flag", "%ld flags", r->flags), r->flags);
	snprintf(points, sizeof points, ngettext("%ld point", "%ld points", r->flagged),
		 r->flagged);
	snprintf(warnings, sizeof warnings, ngettext("%ld warning", "%ld warnings", r->warnings),
		 r->warnings);
	/* TRANSLATORS: the points per tier; "3 flags on 2 points; 4 warnings (1 new, 0
	 * escalated)". */
	printf(_("一级 %ld, 二级 %ld, 三级 %ld; %s on %s; %s (%ld new, %ld escalated)\n\n"),
	       r->tiers[0], r->tiers[1], r->tiers[2], flags, points, warnings, r->warnings_new,
	       r->escalated);
	return RG_OK;
}

/* Run sql, a statement without rows, through a statement of its own. */
static rg_status run_sql(db *d, const char *sql, rg_err *e)
{
	db_stmt *s = NULL;
	bool row;
	rg_status st = db_prepare(d, sql, &s, e);

	if (st == RG_OK)
		st = db_step(s, &row, e);
	db_finalize(s);
	return st;
}

/* The run's counts per agency into the temporary table grade_summary, so the table can be
 * printed as every other listing is, without reading the run's grades back. */
static rg_status store_summary(db *d, const grade_results *r, rg_err *e)
{
	db_stmt *s = NULL;
	bool row;
	rg_status st;

	if ((st = run_sql(d, "CREATE TEMP TABLE grade_summary (agency TEXT PRIMARY KEY,"
			  " tier1 INTEGER, tier2 INTEGER, tier3 INTEGER, points INTEGER,"
			  " flagged INTEGER, warnings INTEGER)", e)) != RG_OK ||
	    (st = db_prepare(d, "INSERT INTO temp.grade_summary VALUES (?1, ?2, ?3, ?4, ?5, ?6,"
			     " ?7)", &s, e)) != RG_OK)
		return st;
	for (int i = 0; i < r->nagencies && st == RG_OK; i++) {
		const grade_agency *a = &r->agencies[i];
		db_reset(s);
		db_bind_text(s, 1, a->code);
		db_bind_int(s, 2, a->tiers[0]);
		db_bind_int(s, 3, a->tiers[1]);
		db_bind_int(s, 4, a->tiers[2]);
		db_bind_int(s, 5, a->points);
		db_bind_int(s, 6, a->flagged);
		db_bind_int(s, 7, a->warnings);
		st = db_step(s, &row, e);
	}
	db_finalize(s);
	return st;
}

/* Print the summary of run r: its counts, then the tier distribution per agency with a
 * total row. */
static rg_status print_summary(db *d, const char *dir, const char *as_of,
			       const grade_results *r, rg_err *e)
{
	static const out_col cols[] = {
		{"单位代码", "agency"}, {"单位名称", "agency_name"}, {"一级", "tier1"},
		{"二级", "tier2"}, {"三级", "tier3"}, {"合计", "points"},
		{"需重新评定", "flagged"}, {"预警", "warnings"},
	};
	db_stmt *s = NULL;
	rg_status st;

	if ((st = print_counts(d, dir, as_of, r, e)) != RG_OK ||
	    (st = store_summary(d, r, e)) != RG_OK)
		goto out;
	st = db_prepare(d,
			"WITH per AS (SELECT g.agency AS code, a.name, g.tier1 AS t1, g.tier2 AS t2,"
			"  g.tier3 AS t3, g.points AS n, g.flagged AS fl, g.warnings AS wn"
			"  FROM temp.grade_summary g JOIN agencies a ON a.code = g.agency)"
			" SELECT * FROM (SELECT * FROM per ORDER BY code)"
			" UNION ALL SELECT '合计', '', sum(t1), sum(t2), sum(t3), sum(n), sum(fl), sum(wn)"
			" FROM per",
			&s, e);
	if (st != RG_OK)
		goto out;
	st = out_print(stdout, OUT_TABLE, cols, 8, s, NULL, e);
out:
	db_finalize(s);
	if (st == RG_OK)
		st = run_sql(d, "DROP TABLE IF EXISTS temp.grade_summary", e);
	return st;
}

rg_status cmd_grade(int argc, char **argv, rg_err *e)
{
	const char *pos[1], *by = NULL, *jobs = NULL;
	char now[STAMP_BUF], today[DATE_BUF];
	grade_options opt = {0};
	bool helped, dry_run = false;
	arg_opt opts[] = {
		{"--rules", &opt.dir, NULL}, {"--as-of", &opt.as_of, NULL},
		{"--agency", &opt.scope, NULL}, {"--trace", NULL, &opt.trace},
		{"--dry-run", NULL, &dry_run}, {"--by", &by, NULL}, {"--jobs", &jobs, NULL},
		{"--regrade-all", NULL, &opt.regrade_all}, {NULL, NULL, NULL},
	};
	int npos;
	long days, previous = 0;
	grade_results res = {0};
	db *d = NULL;
	rg_status st;

	st = args_parse(argc, argv, opts, pos, 1, 1, &npos, &helped, usage, help, e);
	if (st != RG_OK || helped)
		return st;
	if ((st = date_now(now, today, e)) != RG_OK)
		return st;
	if (opt.as_of == NULL)
		opt.as_of = today;
	if ((st = parse_jobs(jobs, &opt.jobs, e)) != RG_OK)
		return st;
	if (!date_parse(opt.as_of, &days))
		return err_set(e, RG_USAGE, "--as-of: expected a date YYYY-MM-DD, got \"%s\"",
			       opt.as_of);
	if (opt.dir == NULL) {
		opt.dir = pack_default_dir();
		if (pack_default_shadows())
			fprintf(stderr, _("riskgrade: note: the packs of ./rules in the current "
					  "folder are used, not the installed ones in %s (--rules DIR "
					  "chooses)\n"), pack_installed_dir());
	}
	/* A dry run records nothing, so it needs nobody named: its run, rolled back, says
	 * （试算）, and it makes no audit log entry (grade.c). */
	opt.actor = dry_run && audit_actor(by) == NULL ? "（试算）" : audit_actor(by);
	if (!dry_run && (st = audit_require_actor(by, &opt.actor, e)) != RG_OK)
		return st;
	opt.now = now;
	opt.dry_run = dry_run;

	if ((st = db_open(pos[0], &d, e)) != RG_OK)
		goto out;
	if ((dry_run && (st = run_latest(d, &previous, e)) != RG_OK) ||
	    (opt.scope != NULL && (st = lookup_agency(d, "--agency", opt.scope, e)) != RG_OK) ||
	    (st = grade_run(d, &opt, &res, e)) != RG_OK)
		goto out;
	if (!dry_run) {
		st = print_summary(d, opt.dir, opt.as_of, &res, e);
	} else if (previous == 0) {
		printf(_("dry run: nothing written to %s; there is no earlier run to compare "
			 "with.\n"), pos[0]);
		st = print_summary(d, opt.dir, opt.as_of, &res, e);
	} else {
		printf(_("dry run: nothing written to %s.  Run %ld below is what grading now "
			 "would record; it is compared with run %ld, the latest.\n\n"), pos[0],
		       res.run, previous);
		st = run_diff_print(d, previous, res.run, e);
	}
out:
	/* A dry run's transaction is still open: undo the run it recorded. */
	if (d != NULL)
		db_rollback(d);
	grade_results_free(&res);
	db_close(d);
	return st;
}

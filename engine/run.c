/*
 * run.c: the run history: run numbers as users give them, the latest run, and what
 * changed between two runs (for `riskgrade diff` and `riskgrade grade --dry-run`).
 * Depends on db.h, out.h, status.h, i18n.h.
 */
#include "run.h"

#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>

#include "i18n.h"

rg_status run_number(const char *what, const char *text, long *run, rg_err *e)
{
	char *end;

	errno = 0;
	*run = strtol(text, &end, 10);
	if (errno != 0 || *end != '\0' || end == text || *run <= 0)
		return err_set(e, RG_USAGE, "%s: expected a run number, got \"%s\"", what, text);
	return RG_OK;
}

rg_status run_resolve(db *d, const char *text, long *run, rg_err *e)
{
	db_stmt *s = NULL;
	bool row = false;
	long id = 0;
	rg_status st;

	if (text != NULL && (st = run_number("--run", text, &id, e)) != RG_OK)
		return st;
	st = db_prepare(d, "SELECT max(id) FROM runs WHERE ?1 IS NULL OR id = ?1",
			&s, e);
	if (st != RG_OK)
		return st;
	if (text != NULL)
		db_bind_int(s, 1, id);
	else
		db_bind_null(s, 1);
	st = db_step(s, &row, e);
	if (st == RG_OK && (!row || db_col_type(s, 0) == DB_NULL))
		st = text ? err_set(e, RG_INPUT, "--run: no run %ld", id)
			  : err_set(e, RG_INPUT, "no run yet: grade first (riskgrade grade DB)");
	else if (st == RG_OK)
		*run = (long)db_col_int(s, 0);
	db_finalize(s);
	return st;
}

rg_status run_exists(db *d, const char *what, const char *text, long *run, rg_err *e)
{
	db_stmt *s = NULL;
	bool row = false;
	rg_status st;

	if ((st = run_number(what, text, run, e)) != RG_OK ||
	    (st = db_prepare(d, "SELECT 1 FROM runs WHERE id = ?1", &s, e)) != RG_OK)
		return st;
	db_bind_int(s, 1, *run);
	st = db_step(s, &row, e);
	db_finalize(s);
	if (st == RG_OK && !row)
		st = err_set(e, RG_INPUT, "%s: no run %ld (riskgrade runs DB lists them)", what,
			     *run);
	return st;
}


rg_status run_latest(db *d, long *run, rg_err *e)
{
	db_stmt *s = NULL;
	bool row;
	rg_status st = db_prepare(d, "SELECT coalesce(max(id), 0) FROM runs", &s, e);

	if (st == RG_OK && (st = db_step(s, &row, e)) == RG_OK)
		*run = (long)db_col_int(s, 0);
	db_finalize(s);
	return st;
}

rg_status run_as_of(db *d, long run, char out[DATE_BUF], rg_err *e)
{
	char stamp[STAMP_BUF];
	db_stmt *s = NULL;
	bool row = false;
	rg_status st = db_prepare(d, "SELECT as_of FROM runs WHERE id = CASE ?1 WHEN 0 THEN "
				     "(SELECT max(id) FROM runs) ELSE ?1 END", &s, e);

	if (st == RG_OK) {
		db_bind_int(s, 1, run);
		st = db_step(s, &row, e);
	}
	if (st == RG_OK && row)
		snprintf(out, DATE_BUF, "%s", db_col_text(s, 0));
	else if (st == RG_OK)
		st = date_now(stamp, out, e);
	db_finalize(s);
	return st;
}

/*
 * The points that changed from run ?1 to run ?2: tier, flags (labels in code order) and
 * reasons on each side, and the direction.  Tier rank: enum_tier.ord, 1 = 一级 (highest).
 * A tier is shown with the method's own level beside it, "一级（极其危险）", when the
 * method gives one.  Each point's grades row in each run is the one run_grades
 * (schemas/006) reads it from (its version), and its flags those of that row.  A point
 * both runs read from the same row has the same result in both, so only the others are
 * compared.  The versions are found point by point, in code order, and only the rows of
 * the points whose versions differ are read: nothing the size of the register is kept
 * aside (two runs' grades with their reasons were, in SQLite's temporary files: 200 MiB
 * at 100,000 points, for a dry run's diff too).
 */
#define VERSION(run) \
	"(SELECT v.version FROM run_grades v WHERE v.run = " run " AND v.point = p.code)"
#define SHOWN(side) side ".tier || coalesce('（' || " side ".level || '）', '')"
#define LABELS(side) \
	"(SELECT group_concat(label, '、') FROM (SELECT f.label FROM flags f" \
	"  WHERE f.run = " side ".run AND f.point = " side ".point ORDER BY f.code))"
#define CHANGED_SQL \
	"WITH versions AS (SELECT p.code AS point, " VERSION("?1") " AS va, " VERSION("?2") \
	"  AS vb FROM points p)," \
	" pairs AS (SELECT x.point, ga.tier AS tier_a, ta.ord AS ord_a, " SHOWN("ga") \
	"   AS shown_a, ga.reasons AS reasons_a, gb.tier AS tier_b, tb.ord AS ord_b, " \
	    SHOWN("gb") " AS shown_b, gb.reasons AS reasons_b, " LABELS("ga") " AS flags_a, " \
	    LABELS("gb") " AS flags_b" \
	"  FROM versions x LEFT JOIN grades ga ON ga.point = x.point AND ga.run = x.va" \
	"  LEFT JOIN enum_tier ta ON ta.name = ga.tier" \
	"  LEFT JOIN grades gb ON gb.point = x.point AND gb.run = x.vb" \
	"  LEFT JOIN enum_tier tb ON tb.name = gb.tier" \
	"  WHERE x.va IS NOT x.vb)," \
	" changed AS (SELECT x.point, p.agency, a.name AS agency_name," \
	"   x.shown_a AS tier_a, x.shown_b AS tier_b," \
	"   CASE WHEN x.tier_a IS NULL THEN '新增' WHEN x.tier_b IS NULL THEN '移出'" \
	"     WHEN x.ord_b < x.ord_a THEN '等级升高' WHEN x.ord_b > x.ord_a THEN '等级降低'" \
	"     ELSE '仅标记变化' END AS direction," \
	"   x.flags_a, x.flags_b, x.reasons_a, x.reasons_b" \
	"  FROM pairs x JOIN points p ON p.code = x.point JOIN agencies a ON a.code = p.agency" \
	"  WHERE x.tier_a IS NOT x.tier_b OR x.flags_a IS NOT x.flags_b)"

static const out_col changed_cols[] = {
	{"风险点编号", "point"}, {"单位", "agency"}, {"原等级", "tier_a"},
	{"新等级", "tier_b"},    {"变化", "direction"}, {"原标记", "flags_a"},
	{"新标记", "flags_b"},   {"原理由", "reasons_a"}, {"新理由", "reasons_b"},
};

/* Bind the two runs of CHANGED_SQL. */
static void bind_runs(db_stmt *s, long a, long b)
{
	db_bind_int(s, 1, a);
	db_bind_int(s, 2, b);
}

rg_status run_diff_write(db *d, long a, long b, const out_target *t, rg_err *e)
{
	char note[64];
	db_stmt *s = NULL;
	rg_status st;

	st = db_prepare(d, CHANGED_SQL " SELECT point, agency_name, tier_a, tier_b, direction,"
			" flags_a, flags_b, reasons_a, reasons_b FROM changed ORDER BY point",
			&s, e);
	if (st != RG_OK)
		return st;
	bind_runs(s, a, b);
	snprintf(note, sizeof note, _(" (run %ld → run %ld)"), a, b);
	st = out_write(t, &(out_list){"等级变化", note, changed_cols, 9}, s, NULL, e);
	db_finalize(s);
	return st;
}

/*
 * run_diff_print lists the changed points three times (the table, the reasons, the counts
 * by agency), and CHANGED_SQL reads every result of both runs: it runs once, into this
 * temporary table, which the three listings read.  Every value is a text (the counts
 * are made by the listings).
 */
#define KEPT "temp.diff_changed"
static const char keep_create_sql[] =
	"CREATE TEMP TABLE diff_changed (point TEXT, agency TEXT, agency_name TEXT, tier_a TEXT,"
	" tier_b TEXT, direction TEXT, flags_a TEXT, flags_b TEXT, reasons_a TEXT,"
	" reasons_b TEXT)";
static const char keep_sql[] =
	"INSERT INTO " KEPT " " CHANGED_SQL " SELECT point, agency, agency_name, tier_a, tier_b,"
	" direction, flags_a, flags_b, reasons_a, reasons_b FROM changed";

/* Print each changed point's reasons in both runs, one reason a line. */
static rg_status print_reasons(db *d, long a, long b, rg_err *e)
{
	db_stmt *s = NULL;
	bool row;
	rg_status st = db_prepare(d, "SELECT point, reasons_a, reasons_b FROM " KEPT
				  " ORDER BY point", &s, e);

	if (st != RG_OK)
		return st;
	printf("\n理由\n");
	while ((st = db_step(s, &row, e)) == RG_OK && row) {
		printf("%s\n", db_col_text(s, 0));
		for (int side = 1; side <= 2; side++) {
			const char *reasons = db_col_text(s, side);
			printf(_("  run %ld:\n"), side == 1 ? a : b);
			if (reasons == NULL) {
				printf("    （未评定）\n");
				continue;
			}
			for (const char *line = reasons; *line != '\0';) {
				int len = 0;
				while (line[len] != '\0' && line[len] != '\n')
					len++;
				printf("    %.*s\n", len, line);
				line += len + (line[len] == '\n');
			}
		}
	}
	db_finalize(s);
	return st;
}

/* Print the changed points kept in KEPT: the table, the reasons, the counts by agency. */
static rg_status print_kept(db *d, long a, long b, rg_err *e)
{
	static const out_col sum_cols[] = {
		{"单位代码", "agency"}, {"单位名称", "agency_name"}, {"等级升高", "up"},
		{"等级降低", "down"}, {"仅标记变化", "flags_only"}, {"新增", "added"},
		{"移出", "removed"}, {"合计", "total"},
	};
	db_stmt *s = NULL;
	long n = 0;
	rg_status st;

	st = db_prepare(d, "SELECT point, agency_name, tier_a, tier_b, direction, flags_a,"
			" flags_b FROM " KEPT " ORDER BY point", &s, e);
	if (st != RG_OK)
		return st;
	printf(_("run %ld → run %ld: points whose tier or flags changed\n"), a, b);
	st = out_print(stdout, OUT_TABLE, changed_cols, 7, s, &n, e);
	db_finalize(s);
	if (st != RG_OK)
		return st;
	if (n == 0) {
		printf(_("no point changed its tier or flags\n"));
		return RG_OK;
	}
	if ((st = print_reasons(d, a, b, e)) != RG_OK)
		return st;
	st = db_prepare(d, "WITH per AS (SELECT agency, agency_name,"
			"  sum(direction = '等级升高') AS up, sum(direction = '等级降低') AS down,"
			"  sum(direction = '仅标记变化') AS flags_only, sum(direction = '新增') AS added,"
			"  sum(direction = '移出') AS removed, count(*) AS total"
			"  FROM " KEPT " GROUP BY agency, agency_name)"
			" SELECT * FROM (SELECT * FROM per ORDER BY agency)"
			" UNION ALL SELECT '合计', '', sum(up), sum(down), sum(flags_only), sum(added),"
			" sum(removed), sum(total) FROM per", &s, e);
	if (st != RG_OK)
		return st;
	printf("\n按单位汇总\n");
	st = out_print(stdout, OUT_TABLE, sum_cols, 8, s, NULL, e);
	db_finalize(s);
	return st;
}

rg_status run_diff_print(db *d, long a, long b, rg_err *e)
{
	db_stmt *s = NULL;
	bool row;
	rg_status st, dropped;

	if ((st = db_exec(d, keep_create_sql, e)) != RG_OK)
		return err_wrap(e, st, "cannot compare run %ld with run %ld", a, b);
	if ((st = db_prepare(d, keep_sql, &s, e)) == RG_OK) {
		bind_runs(s, a, b);
		st = db_step(s, &row, e);
	}
	db_finalize(s);
	if (st == RG_OK)
		st = print_kept(d, a, b, e);
	/* Dropped after a failure too: a dry run's connection goes on, to roll back. */
	dropped = db_exec(d, "DROP TABLE " KEPT, st == RG_OK ? e : NULL);
	return st == RG_OK ? dropped : st;
}

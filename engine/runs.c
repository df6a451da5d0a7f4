/*
 * runs.c: `riskgrade runs` (the run history) and `riskgrade diff` (what changed between
 * two runs).  Depends on db.h, table.h, args.h, runref.h, runs.h.
 */
#include "runs.h"

#include <stdio.h>

#include "args.h"
#include "cmd.h"
#include "runref.h"

rg_status runs_latest(db *d, long *run, rg_err *e)
{
	db_stmt *s = NULL;
	bool row;
	rg_status st = db_prepare(d, "SELECT coalesce(max(id), 0) FROM runs", &s, e);

	if (st == RG_OK && (st = db_step(s, &row, e)) == RG_OK)
		*run = (long)db_col_int(s, 0);
	db_finalize(s);
	return st;
}

/*
 * The points that changed from run ?1 to run ?2: tier, flags (labels in code order) and
 * reasons on each side, and the direction.  Tier rank: enum_tier.ord, 1 = 一级 (highest).
 */
#define CHANGED_SQL \
	"WITH ga AS (SELECT g.point, g.tier, t.ord, g.reasons FROM grades g" \
	"   JOIN enum_tier t ON t.name = g.tier WHERE g.run = ?1)," \
	" gb AS (SELECT g.point, g.tier, t.ord, g.reasons FROM grades g" \
	"   JOIN enum_tier t ON t.name = g.tier WHERE g.run = ?2)," \
	" fa AS (SELECT point, group_concat(label, '、') AS labels FROM" \
	"   (SELECT point, label FROM flags WHERE run = ?1 ORDER BY point, code) GROUP BY point)," \
	" fb AS (SELECT point, group_concat(label, '、') AS labels FROM" \
	"   (SELECT point, label FROM flags WHERE run = ?2 ORDER BY point, code) GROUP BY point)," \
	" pts AS (SELECT point FROM ga UNION SELECT point FROM gb)," \
	" changed AS (SELECT pts.point, p.agency, a.name AS agency_name," \
	"   ga.tier AS tier_a, gb.tier AS tier_b," \
	"   CASE WHEN ga.tier IS NULL THEN '新增' WHEN gb.tier IS NULL THEN '移出'" \
	"     WHEN gb.ord < ga.ord THEN '等级升高' WHEN gb.ord > ga.ord THEN '等级降低'" \
	"     ELSE '仅标记变化' END AS direction," \
	"   fa.labels AS flags_a, fb.labels AS flags_b, ga.reasons AS reasons_a," \
	"   gb.reasons AS reasons_b" \
	"  FROM pts JOIN points p ON p.code = pts.point JOIN agencies a ON a.code = p.agency" \
	"  LEFT JOIN ga ON ga.point = pts.point LEFT JOIN gb ON gb.point = pts.point" \
	"  LEFT JOIN fa ON fa.point = pts.point LEFT JOIN fb ON fb.point = pts.point" \
	"  WHERE ga.tier IS NOT gb.tier OR fa.labels IS NOT fb.labels)"

static const out_col changed_cols[] = {
	{"风险点编号", "point"}, {"单位", "agency"}, {"原等级", "tier_a"},
	{"新等级", "tier_b"},    {"变化", "direction"}, {"原标记", "flags_a"},
	{"新标记", "flags_b"},   {"原理由", "reasons_a"}, {"新理由", "reasons_b"},
};

/* Print each changed point's reasons in both runs, one reason a line. */
static rg_status print_reasons(db *d, long a, long b, rg_err *e)
{
	db_stmt *s = NULL;
	bool row;
	rg_status st = db_prepare(d, CHANGED_SQL " SELECT point, reasons_a, reasons_b"
				  " FROM changed ORDER BY point", &s, e);

	if (st != RG_OK)
		return st;
	db_bind_int(s, 1, a);
	db_bind_int(s, 2, b);
	printf("\n理由\n");
	while ((st = db_step(s, &row, e)) == RG_OK && row) {
		printf("%s\n", db_col_text(s, 0));
		for (int side = 1; side <= 2; side++) {
			const char *reasons = db_col_text(s, side);
			printf("  run %ld:\n", side == 1 ? a : b);
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

rg_status runs_diff_print(db *d, long a, long b, out_format fmt, rg_err *e)
{
	static const out_col sum_cols[] = {
		{"单位代码", "agency"}, {"单位名称", "agency_name"}, {"等级升高", "up"},
		{"等级降低", "down"}, {"仅标记变化", "flags_only"}, {"新增", "added"},
		{"移出", "removed"}, {"合计", "total"},
	};
	db_stmt *s = NULL;
	long n = 0;
	rg_status st;

	st = db_prepare(d, fmt == FMT_TABLE
			? CHANGED_SQL " SELECT point, agency_name, tier_a, tier_b, direction,"
			  " flags_a, flags_b FROM changed ORDER BY point"
			: CHANGED_SQL " SELECT point, agency_name, tier_a, tier_b, direction,"
			  " flags_a, flags_b, reasons_a, reasons_b FROM changed ORDER BY point",
			&s, e);
	if (st != RG_OK)
		return st;
	db_bind_int(s, 1, a);
	db_bind_int(s, 2, b);
	if (fmt != FMT_TABLE) {
		st = table_print(stdout, fmt, changed_cols, 9, s, NULL, e);
		db_finalize(s);
		return st;
	}
	printf("run %ld → run %ld: points whose tier or flags changed\n", a, b);
	st = table_print(stdout, fmt, changed_cols, 7, s, &n, e);
	db_finalize(s);
	if (st != RG_OK)
		return st;
	if (n == 0) {
		printf("no point changed its tier or flags\n");
		return RG_OK;
	}
	if ((st = print_reasons(d, a, b, e)) != RG_OK)
		return st;
	st = db_prepare(d, CHANGED_SQL ", per AS (SELECT agency, agency_name,"
			"  sum(direction = '等级升高') AS up, sum(direction = '等级降低') AS down,"
			"  sum(direction = '仅标记变化') AS flags_only, sum(direction = '新增') AS added,"
			"  sum(direction = '移出') AS removed, count(*) AS total"
			"  FROM changed GROUP BY agency)"
			" SELECT * FROM (SELECT * FROM per ORDER BY agency)"
			" UNION ALL SELECT '合计', '', sum(up), sum(down), sum(flags_only), sum(added),"
			" sum(removed), sum(total) FROM per", &s, e);
	if (st != RG_OK)
		return st;
	db_bind_int(s, 1, a);
	db_bind_int(s, 2, b);
	printf("\n按单位汇总\n");
	st = table_print(stdout, fmt, sum_cols, 8, s, NULL, e);
	db_finalize(s);
	return st;
}

/* Parse the run number text (argument what) and check that the run exists. */
static rg_status run_arg(db *d, const char *what, const char *text, long *run, rg_err *e)
{
	db_stmt *s = NULL;
	bool row = false;
	rg_status st;

	if ((st = runref_number(what, text, run, e)) != RG_OK ||
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

static const char diff_usage[] = "riskgrade diff DB RUN_A RUN_B [--format table|csv|json]";

static const char diff_help[] =
	"usage: riskgrade diff DB RUN_A RUN_B [--format table|csv|json]\n"
	"\n"
	"List the points whose tier or re-grading flags differ between run RUN_A and run\n"
	"RUN_B, or that only one of them graded, with the direction (等级升高: to a higher\n"
	"tier, 等级降低, 仅标记变化: same tier, other flags, 新增: only in RUN_B, 移出: only in\n"
	"RUN_A), then the reasons each run gave, then the counts by agency and direction.\n"
	"CSV and JSON give the list alone, reasons included (one per line); JSON keys: point,\n"
	"agency, tier_a, tier_b, direction, flags_a, flags_b, reasons_a, reasons_b.\n";

rg_status cmd_diff(int argc, char **argv, rg_err *e)
{
	const char *pos[3], *format = "table";
	arg_opt opts[] = {{"--format", &format, NULL}, {NULL, NULL, NULL}};
	out_format fmt;
	bool helped;
	int npos;
	long a, b;
	db *d = NULL;
	rg_status st;

	st = args_parse(argc, argv, opts, pos, 3, 3, &npos, &helped, diff_usage, e);
	if (st != RG_OK || helped) {
		if (helped)
			fputs(diff_help, stdout);
		return st;
	}
	if ((st = table_format_parse(format, &fmt, e)) != RG_OK)
		return st;
	if ((st = db_open(pos[0], &d, e)) != RG_OK)
		return st;
	if ((st = run_arg(d, "RUN_A", pos[1], &a, e)) == RG_OK &&
	    (st = run_arg(d, "RUN_B", pos[2], &b, e)) == RG_OK)
		st = runs_diff_print(d, a, b, fmt, e);
	db_close(d);
	return st;
}

static const char runs_usage[] = "riskgrade runs DB [--format table|csv|json]";

static const char runs_help[] =
	"usage: riskgrade runs DB [--format table|csv|json]\n"
	"\n"
	"List the grading runs, oldest first: when each was recorded (UTC) and by whom, the\n"
	"as-of date, the scope (an agency and the units under it, or all), the points graded\n"
	"per tier, the flags, the warnings the packs raised (and how many of them were new or\n"
	"escalated), and every rule pack with the first 12 digits of its SHA-256.  JSON keys:\n"
	"run, created_at, actor, as_of, scope, points, tier1, tier2, tier3, flags, warnings,\n"
	"warnings_new, warnings_escalated, packs.\n";

rg_status cmd_runs(int argc, char **argv, rg_err *e)
{
	static const out_col cols[] = {
		{"运行", "run"},          {"记录时间", "created_at"}, {"操作人", "actor"},
		{"基准日", "as_of"},      {"范围", "scope"},          {"风险点", "points"},
		{"一级", "tier1"},        {"二级", "tier2"},          {"三级", "tier3"},
		{"标记", "flags"},        {"预警", "warnings"},       {"新发", "warnings_new"},
		{"升级", "warnings_escalated"}, {"规则包", "packs"},
	};
	const char *pos[1], *format = "table";
	arg_opt opts[] = {{"--format", &format, NULL}, {NULL, NULL, NULL}};
	out_format fmt;
	bool helped;
	int npos;
	long n = 0;
	db *d = NULL;
	db_stmt *s = NULL;
	rg_status st;

	st = args_parse(argc, argv, opts, pos, 1, 1, &npos, &helped, runs_usage, e);
	if (st != RG_OK || helped) {
		if (helped)
			fputs(runs_help, stdout);
		return st;
	}
	if ((st = table_format_parse(format, &fmt, e)) != RG_OK)
		return st;
	if ((st = db_open(pos[0], &d, e)) != RG_OK)
		return st;
	st = db_prepare(d,
			"SELECT r.id, r.created_at, r.actor, r.as_of,"
			"  CASE WHEN r.scope IS NULL THEN '全部' ELSE r.scope END, r.points,"
			"  r.tier1, r.tier2, r.tier3, r.flags, r.warnings, r.warnings_new,"
			"  r.warnings_escalated,"
			"  (SELECT group_concat(pack || ' ' || substr(sha256, 1, 12), '; ') FROM"
			"    (SELECT pack, sha256 FROM run_packs WHERE run = r.id ORDER BY pack))"
			" FROM runs r ORDER BY r.id", &s, e);
	if (st == RG_OK)
		st = table_print(stdout, fmt, cols, 14, s, &n, e);
	if (st == RG_OK && fmt == FMT_TABLE)
		printf("%ld run%s\n", n, n == 1 ? "" : "s");
	db_finalize(s);
	db_close(d);
	return st;
}

/*
 * cmd_runs.c: `riskgrade runs`, the run history: when, by whom, as of which date, with
 * which packs, and the counts each run recorded.  Depends on db.h, out.h, args.h.
 */
#include <stdio.h>

#include "args.h"
#include "cmd.h"
#include "i18n.h"
#include "db.h"
#include "out.h"

static const char runs_usage[] = "riskgrade runs DB [--format table|csv|json|xlsx] [-o FILE]";

static const char runs_help[] =
	N_("usage: riskgrade runs DB [--format table|csv|json|xlsx] [-o FILE]\n"
	"\n"
	"List the grading runs, oldest first: when each was recorded (UTC) and by whom, the\n"
	"as-of date, the scope (an agency and the units under it, or all), the points graded\n"
	"per tier, the flags, the warnings the packs raised (and how many of them were new or\n"
	"escalated), and every rule pack with the first 12 digits of its SHA-256.  JSON keys:\n"
	"run, created_at, actor, as_of, scope, points, tier1, tier2, tier3, flags, warnings,\n"
	"warnings_new, warnings_escalated, packs.  The XLSX sheet is 运行记录.\n"
	"\n") OUT_HELP;

rg_status cmd_runs(int argc, char **argv, rg_err *e)
{
	static const out_col cols[] = {
		{"运行", "run"},          {"记录时间", "created_at"}, {"操作人", "actor"},
		{"基准日", "as_of"},      {"范围", "scope"},          {"风险点", "points"},
		{"一级", "tier1"},        {"二级", "tier2"},          {"三级", "tier3"},
		{"标记", "flags"},        {"预警", "warnings"},       {"新发", "warnings_new"},
		{"升级", "warnings_escalated"}, {"规则包", "packs"},
	};
	const char *pos[1], *format = NULL, *output = NULL;
	arg_opt opts[] = {{"--format", &format, NULL}, {"-o", &output, NULL},
			  {"--output", &output, NULL}, {NULL, NULL, NULL}};
	out_target t;
	bool helped;
	int npos;
	long n = 0;
	db *d = NULL;
	db_stmt *s = NULL;
	rg_status st;

	st = args_parse(argc, argv, opts, pos, 1, 1, &npos, &helped, runs_usage, runs_help, e);
	if (st != RG_OK || helped)
		return st;
	if ((st = out_choose("runs", format, output, pos[0], OUT_ALL, &t, e)) != RG_OK)
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
		st = out_write(&t, &(out_list){"运行记录", NULL, cols, 14}, s, &n, e);
	if (st == RG_OK && t.fmt == OUT_TABLE)
		printf(ngettext("%ld run\n", "%ld runs\n", n), n);
	db_finalize(s);
	db_close(d);
	return st;
}

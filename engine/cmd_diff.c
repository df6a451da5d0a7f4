/*
 * cmd_diff.c: `riskgrade diff`, what changed between two runs (the run service's diff).
 * Depends on run.h, db.h, out.h, args.h.
 */
#include <stdio.h>

#include "args.h"
#include "cmd.h"
#include "i18n.h"
#include "db.h"
#include "out.h"
#include "run.h"

static const char diff_usage[] =
	"riskgrade diff DB RUN_A RUN_B [--format table|csv|json|xlsx] [-o FILE]";

static const char diff_help[] =
	N_("usage: riskgrade diff DB RUN_A RUN_B [--format table|csv|json|xlsx] [-o FILE]\n"
	"\n"
	"List the points whose tier or re-grading flags differ between run RUN_A and run\n"
	"RUN_B, or that only one of them graded, with the direction (等级升高: to a higher\n"
	"tier, 等级降低, 仅标记变化: same tier, other flags, 新增: only in RUN_B, 移出: only in\n"
	"RUN_A), then the reasons each run gave, then the counts by agency and direction.\n"
	"A tier is shown with the method's own level beside it when the rule pack gives one:\n"
	"一级（极其危险）.\n"
	"CSV, JSON and XLSX give the list alone, reasons included (one per line), without\n"
	"the counts (XLSX: one sheet, 等级变化); JSON keys: point, agency, tier_a, tier_b,\n"
	"direction, flags_a, flags_b, reasons_a, reasons_b.\n"
	"\n") OUT_HELP;

rg_status cmd_diff(int argc, char **argv, rg_err *e)
{
	const char *pos[3], *format = NULL, *output = NULL;
	arg_opt opts[] = {{"--format", &format, NULL}, {"-o", &output, NULL},
			  {"--output", &output, NULL}, {NULL, NULL, NULL}};
	out_target t;
	bool helped;
	int npos;
	long a, b;
	db *d = NULL;
	rg_status st;

	st = args_parse(argc, argv, opts, pos, 3, 3, &npos, &helped, diff_usage, diff_help, e);
	if (st != RG_OK || helped)
		return st;
	if ((st = out_choose("diff", format, output, pos[0], OUT_ALL, &t, e)) != RG_OK)
		return st;
	if ((st = db_open_reader(pos[0], &d, e)) != RG_OK)
		return st;
	if ((st = run_exists(d, "RUN_A", pos[1], &a, e)) == RG_OK &&
	    (st = run_exists(d, "RUN_B", pos[2], &b, e)) == RG_OK)
		st = t.fmt == OUT_TABLE ? run_diff_print(d, a, b, e) : run_diff_write(d, a, b, &t, e);
	db_close(d);
	return st;
}

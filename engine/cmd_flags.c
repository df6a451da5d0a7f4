/*
 * cmd_flags.c: `riskgrade flags`, the open re-grading flags (需重新评定): each point's
 * flags in the latest run that graded it, less those a collective approval cleared.
 * Depends on db.h, out.h, args.h, lookup.h.
 */
#include <stdio.h>

#include "args.h"
#include "cmd.h"
#include "i18n.h"
#include "db.h"
#include "lookup.h"
#include "out.h"

static const char flags_usage[] =
	"riskgrade flags DB [--agency CODE] [--code FLAG] [--format table|csv|json|xlsx]"
	" [-o FILE]";

static const char flags_help[] =
	N_("usage: riskgrade flags DB [--agency CODE] [--code FLAG] [--format table|csv|json|xlsx]\n"
	"                          [-o FILE]\n"
	"\n"
	"List the open re-grading flags (需重新评定): the flags each point got in the latest\n"
	"run that graded it, less those a collective approval (riskgrade approve) has cleared\n"
	"since.  For each: the point, its agency and post, the computed and the approved tier,\n"
	"the reason code and label, and the evidence (which law change, which signal, which\n"
	"measure).  Under-grading (under_graded, 定级偏低) and over-grading (over_graded,\n"
	"定级偏高) are separate codes.\n"
	"\n"
	"  --agency CODE   only this agency and the units under it\n"
	"  --code FLAG     only this reason code (e.g. under_graded, law_changed)\n")
	OUT_HELP
	N_("\n"
	"JSON keys: point, agency, post, tier, approved_tier, code, label, evidence, run.\n"
	"The XLSX sheet is 需重新评定清单.\n");

rg_status cmd_flags(int argc, char **argv, rg_err *e)
{
	static const out_col cols[] = {
		{"风险点编号", "point"}, {"单位", "agency"},       {"岗位", "post"},
		{"计算等级", "tier"},    {"审定等级", "approved_tier"}, {"标记代码", "code"},
		{"需重新评定", "label"}, {"依据", "evidence"},     {"运行", "run"},
	};
	const char *pos[1], *agency = NULL, *code = NULL, *format = NULL, *output = NULL;
	arg_opt opts[] = {{"--agency", &agency, NULL}, {"--code", &code, NULL},
			  {"--format", &format, NULL}, {"-o", &output, NULL},
			  {"--output", &output, NULL}, {NULL, NULL, NULL}};
	out_target t;
	bool helped;
	int npos;
	long n = 0;
	db *d = NULL;
	db_stmt *s = NULL;
	rg_status st;

	st = args_parse(argc, argv, opts, pos, 1, 1, &npos, &helped, flags_usage, flags_help, e);
	if (st != RG_OK || helped)
		return st;
	if ((st = out_choose("flags", format, output, pos[0], OUT_ALL, &t, e)) != RG_OK)
		return st;
	if ((st = db_open_reader(pos[0], &d, e)) != RG_OK)
		return st;
	/* A point's latest grades row holds its result in the latest run that graded it;
	 * which run that is, point_latest says (schemas/006), for the flagged points only.
	 * Read point by point in code order, each point's latest row by the (point, run)
	 * key, so that nothing is sorted: a province's open flags, sorted, took SQLite's
	 * temporary files 70 MiB at 100,000 points. */
	st = db_prepare(d, AGENCY_SCOPE
			"SELECT f.point, a.name, po.name, g.tier, p.approved_tier, f.code, f.label,"
			"  f.evidence, (SELECT run FROM point_latest WHERE point = f.point)"
			" FROM points p"
			" JOIN grades g ON g.point = p.code"
			"  AND g.run = (SELECT max(x.run) FROM grades x WHERE x.point = p.code)"
			" JOIN flags f ON f.run = g.run AND f.point = p.code"
			" JOIN agencies a ON a.code = p.agency"
			" LEFT JOIN posts po ON po.code = p.post"
			" WHERE f.cleared_by IS NULL AND (?1 IS NULL OR p.agency IN scope)"
			"  AND (?2 IS NULL OR f.code = ?2)"
			" ORDER BY p.code, f.code", &s, e);
	if (st != RG_OK)
		goto out;
	db_bind_text(s, 1, agency);
	db_bind_text(s, 2, code);
	st = out_write(&t, &(out_list){"需重新评定清单", NULL, cols, 9}, s, &n, e);
	if (st == RG_OK && t.fmt == OUT_TABLE)
		printf(ngettext("%ld open flag\n", "%ld open flags\n", n), n);
out:
	db_finalize(s);
	db_close(d);
	return st;
}

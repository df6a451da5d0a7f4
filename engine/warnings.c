/*
 * warnings.c: `riskgrade warnings`, the warning list of a run: who must act, on what,
 * how, by when, and where it stands.  Depends on db.h, table.h, runref.h, args.h.
 */
#include <stdio.h>
#include <string.h>

#include "args.h"
#include "cmd.h"
#include "db.h"
#include "runref.h"
#include "table.h"

static const char usage[] = "riskgrade warnings DB [--run N] [--format table|csv|json]";

static const char help[] =
	"usage: riskgrade warnings DB [--run N] [--format table|csv|json]\n"
	"\n"
	"List the warnings (预警) of run N (default: the latest run), soonest due first:\n"
	"the point, its agency and post, its tier, the reason, the disposition (风险提示,\n"
	"诫勉谈话, 责令纠错), the responsible person, the due date and the status.\n"
	"CSV has Chinese headers; JSON is an array of objects with the keys\n"
	"id, point, agency, post, tier, reason, disposition, responsible, responsible_code,\n"
	"due, status, text.\n";

/* The columns and the source of the list; the table leaves out the long text. */
#define LIST_COLS \
	"SELECT w.id, w.point, a.name, po.name, g.tier, w.reason, w.disposition," \
	"  CASE WHEN w.responsible IS NULL AND ?2 THEN '（未指定）' ELSE pe.name END," \
	"  w.responsible, w.due, w.status"
#define LIST_FROM \
	" FROM warnings w" \
	" JOIN points p ON p.code = w.point" \
	" JOIN agencies a ON a.code = p.agency" \
	" JOIN grades g ON g.run = w.run AND g.point = w.point" \
	" LEFT JOIN posts po ON po.code = p.post" \
	" LEFT JOIN persons pe ON pe.code = w.responsible" \
	" WHERE w.run = ?1 ORDER BY w.due, w.point, w.id"

static const char table_sql[] = LIST_COLS LIST_FROM;
static const char full_sql[] = LIST_COLS ", w.text" LIST_FROM;

static const out_col cols[] = {
	{"预警编号", "id"},          {"风险点编号", "point"},  {"单位", "agency"},
	{"岗位", "post"},            {"风险等级", "tier"},     {"预警事由", "reason"},
	{"处置方式", "disposition"}, {"责任人", "responsible"},
	{"人员代码", "responsible_code"}, {"完成时限", "due"}, {"状态", "status"},
	{"处置要求", "text"},
};

rg_status cmd_warnings(int argc, char **argv, rg_err *e)
{
	const char *pos[1], *run_text = NULL, *format = "table";
	arg_opt opts[] = {{"--run", &run_text, NULL}, {"--format", &format, NULL},
			  {NULL, NULL, NULL}};
	out_format fmt;
	bool helped;
	int npos;
	long run, n = 0;
	db *d = NULL;
	db_stmt *s = NULL;
	rg_status st;

	st = args_parse(argc, argv, opts, pos, 1, 1, &npos, &helped, usage, e);
	if (st != RG_OK || helped) {
		if (helped)
			fputs(help, stdout);
		return st;
	}
	if ((st = table_format_parse(format, &fmt, e)) != RG_OK)
		return st;
	if ((st = db_open(pos[0], &d, e)) != RG_OK)
		goto out;
	if ((st = runref_resolve(d, run_text, &run, e)) != RG_OK)
		goto out;
	if ((st = db_prepare(d, fmt == FMT_TABLE ? table_sql : full_sql, &s, e)) != RG_OK)
		goto out;
	db_bind_int(s, 1, run);
	db_bind_int(s, 2, fmt != FMT_JSON); /* JSON says null; people read （未指定） */
	if (fmt == FMT_TABLE)
		printf("预警清单 — run %ld\n", run);
	st = table_print(stdout, fmt, cols, fmt == FMT_TABLE ? 11 : 12, s, &n, e);
	if (st == RG_OK && fmt == FMT_TABLE)
		printf("%ld warning%s\n", n, n == 1 ? "" : "s");
out:
	db_finalize(s);
	db_close(d);
	return st;
}

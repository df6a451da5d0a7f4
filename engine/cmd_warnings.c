/*
 * cmd_warnings.c: `riskgrade warnings`, the warning list (预警清单): who must act, on what,
 * how, by when, and where it stands, grouped by the responsible person and filtered by
 * status, tier, agency and overdue.  Depends on db.h, out.h, args.h, date.h,
 * lookup.h, run.h.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "args.h"
#include "cmd.h"
#include "i18n.h"
#include "date.h"
#include "db.h"
#include "lookup.h"
#include "out.h"
#include "run.h"

static const char usage[] =
	"riskgrade warnings DB [--status S] [--tier T] [--agency CODE] [--overdue]"
	" [--as-of DATE] [--run N] [--format table|csv|json|xlsx] [-o FILE]";

static const char help[] =
	N_("usage: riskgrade warnings DB [--status S] [--tier T] [--agency CODE] [--overdue]\n"
	"                             [--as-of DATE] [--run N]\n"
	"                             [--format table|csv|json|xlsx] [-o FILE]\n"
	"\n"
	"List the warnings (预警) grouped by the responsible person, soonest due first: the\n"
	"point, its agency and post, its tier, the reason, the disposition (风险提示, 诫勉谈话,\n"
	"责令纠错), the due date, the status (发布, 签收, 反馈, 解除) and whether it is overdue\n"
	"(逾期: still 发布 or 签收 after its due date).  By default the open ones (not 解除).\n"
	"\n"
	"  --status S     发布, 签收, 反馈 or 解除 (comma-separated for several), open (default)\n"
	"                 or all\n"
	"  --tier T       only points of tier T (一级, 二级, 三级) in the run that last raised it\n"
	"  --agency CODE  only this agency and the units under it\n"
	"  --overdue      only the overdue ones\n"
	"  --as-of DATE   the date overdue is judged on (default: the as-of date of the run\n"
	"                 given by --run, or of the latest run)\n"
	"  --run N        only the warnings run N raised (issued or raised again)\n")
	OUT_HELP
	N_("\n"
	"The table has one group per person; CSV, JSON and XLSX are one flat list, sorted by\n"
	"person, then due date.  CSV and XLSX have Chinese headers (the sheet is 预警清单);\n"
	"JSON is an array of objects with the keys responsible, responsible_code, id, point,\n"
	"agency, post, tier, reason, disposition, due, status, overdue (1 or 0), issued_on,\n"
	"run, text.  XLSX is dated --as-of.\n");

/* Still 发布 or 签收 after its due date (?5, the as-of date). */
#define OVERDUE "(w.status IN ('发布', '签收') AND w.due < ?5)"

/* ?1 agency, ?2 status list ("|"-wrapped, or NULL for open), ?3 tier, ?4 overdue only,
 * ?5 as-of, ?6 run, ?7 person code (one group) or NULL, ?8 1 for people's text. */
#define LIST_FROM \
	" FROM warnings w" \
	" JOIN points p ON p.code = w.point" \
	" JOIN agencies a ON a.code = p.agency" \
	" JOIN run_grades g ON g.run = coalesce(w.seen_run, w.run) AND g.point = w.point" \
	" LEFT JOIN posts po ON po.code = p.post" \
	" LEFT JOIN persons pe ON pe.code = w.responsible" \
	" WHERE p.agency IN scope" \
	"  AND (CASE WHEN ?2 IS NULL THEN w.status <> '解除'" \
	"       ELSE instr(?2, '|' || w.status || '|') > 0 END)" \
	"  AND (?3 IS NULL OR g.tier = ?3)" \
	"  AND (NOT ?4 OR " OVERDUE ")" \
	"  AND (?6 IS NULL OR w.run = ?6 OR w.seen_run = ?6)"

/* The flat list, for CSV and JSON: sorted by person, then due date; overdue says whether
 * the warning is overdue (是/否 for people, 1/0 in JSON). */
#define FLAT_SQL(overdue) \
	AGENCY_SCOPE \
	" SELECT CASE WHEN w.responsible IS NULL AND ?8 THEN '（未指定）' ELSE pe.name END," \
	"  w.responsible, w.id, w.point, a.name, po.name, g.tier, w.reason, w.disposition," \
	"  w.due, w.status, " overdue ", w.issued_on, w.run, w.text" \
	LIST_FROM " ORDER BY w.responsible IS NULL, w.responsible, w.due, w.point, w.id"
static const char flat_sql[] = FLAT_SQL("CASE WHEN " OVERDUE " THEN '是' ELSE '否' END");
static const char flat_json_sql[] = FLAT_SQL(OVERDUE);

/* The groups: each responsible person with counts (the NULL person last). */
static const char groups_sql[] =
	AGENCY_SCOPE
	" SELECT w.responsible, coalesce(pe.name, '（未指定）'), count(*),"
	"  sum(" OVERDUE ")"
	LIST_FROM " GROUP BY w.responsible, pe.name ORDER BY w.responsible IS NULL, w.responsible";

/* One group's rows, for the table. */
static const char group_sql[] =
	AGENCY_SCOPE
	" SELECT w.id, w.point, a.name, po.name, g.tier, w.reason, w.disposition, w.due,"
	"  w.status, CASE WHEN " OVERDUE " THEN '逾期' ELSE '' END"
	LIST_FROM " AND w.responsible IS ?7 ORDER BY w.due, w.point, w.id";

static const out_col flat_cols[] = {
	{"责任人", "responsible"}, {"人员代码", "responsible_code"}, {"预警编号", "id"},
	{"风险点编号", "point"},   {"单位", "agency"},      {"岗位", "post"},
	{"风险等级", "tier"},      {"预警事由", "reason"},  {"处置方式", "disposition"},
	{"完成时限", "due"},       {"状态", "status"},      {"是否逾期", "overdue"},
	{"发布日期", "issued_on"}, {"发布运行", "run"},     {"处置要求", "text"},
};

static const out_col group_cols[] = {
	{"预警编号", "id"},     {"风险点编号", "point"}, {"单位", "agency"},
	{"岗位", "post"},       {"风险等级", "tier"},    {"预警事由", "reason"},
	{"处置方式", "disposition"}, {"完成时限", "due"}, {"状态", "status"},
	{"逾期", "overdue"},
};

/* The filters, bound the same way on every statement. */
typedef struct {
	const char *agency, *tier, *as_of;
	char statuses[128]; /* "|"-wrapped list, or "" for the open ones */
	bool overdue;
	long run;           /* 0: any */
} filters;

/* Bind ?1-?6 (see LIST_FROM); ?7 and ?8 are bound only by the statements that have them. */
static void bind_filters(db_stmt *s, const filters *f)
{
	db_bind_text(s, 1, f->agency);
	db_bind_text(s, 2, f->statuses[0] ? f->statuses : NULL);
	db_bind_text(s, 3, f->tier);
	db_bind_int(s, 4, f->overdue);
	db_bind_text(s, 5, f->as_of);
	if (f->run)
		db_bind_int(s, 6, f->run);
	else
		db_bind_null(s, 6);
}

/* parse_statuses: "open", "all" or a comma-separated list of statuses into f. */
static rg_status parse_statuses(const char *text, filters *f, rg_err *e)
{
	static const char *const known[] = {"发布", "签收", "反馈", "解除"};
	const char *p = text;

	f->statuses[0] = '\0';
	if (text == NULL || strcmp(text, "open") == 0)
		return RG_OK;
	if (strcmp(text, "all") == 0)
		text = p = "发布,签收,反馈,解除";
	snprintf(f->statuses, sizeof f->statuses, "|");
	while (*p != '\0') {
		size_t len = strcspn(p, ",");
		bool ok = false;
		for (size_t i = 0; i < sizeof known / sizeof known[0]; i++)
			ok |= strlen(known[i]) == len && strncmp(known[i], p, len) == 0;
		if (!ok || strlen(f->statuses) + len + 2 > sizeof f->statuses)
			return err_set(e, RG_USAGE, "--status: expected 发布, 签收, 反馈, 解除 "
				       "(comma-separated), open or all, got \"%s\"", text);
		strncat(f->statuses, p, len);
		strcat(f->statuses, "|");
		p += len + (p[len] == ',');
	}
	return RG_OK;
}

/* Print one table per responsible person. */
static rg_status print_groups(db *d, const filters *f, rg_err *e)
{
	db_stmt *groups = NULL, *rows = NULL;
	long total = 0, overdue = 0, people = 0;
	bool row;
	rg_status st;

	if ((st = db_prepare(d, groups_sql, &groups, e)) != RG_OK ||
	    (st = db_prepare(d, group_sql, &rows, e)) != RG_OK)
		goto out;
	bind_filters(groups, f);
	bind_filters(rows, f);
	while ((st = db_step(groups, &row, e)) == RG_OK && row) {
		const char *code = db_col_text(groups, 0);
		long n = (long)db_col_int(groups, 2), late = (long)db_col_int(groups, 3);
		if (people)
			putchar('\n');
		if (code) {
			/* TRANSLATORS: the heading of one person's warnings: name, code, count. */
			printf(_("责任人：%s（%s） — %ld 条"), db_col_text(groups, 1), code, n);
		} else {
			printf(_("责任人：%s — %ld 条"), db_col_text(groups, 1), n);
		}
		if (late)
			printf(_("，逾期 %ld 条"), late);
		putchar('\n');
		db_reset(rows);
		db_bind_text(rows, 7, code);
		if ((st = out_print(stdout, OUT_TABLE, group_cols, 10, rows, NULL, e)) != RG_OK)
			goto out;
		total += n;
		overdue += late;
		people++;
	}
	if (st == RG_OK) {
		char warnings[64], persons[64];
		snprintf(warnings, sizeof warnings, ngettext("%ld warning", "%ld warnings", total),
			 total);
		snprintf(persons, sizeof persons, ngettext("%ld responsible person",
							   "%ld responsible persons", people),
			 people);
		if (people)
			putchar('\n');
		/* TRANSLATORS: "3 warnings, 1 overdue, 2 responsible persons". */
		printf(_("%s, %ld overdue, %s\n"), warnings, overdue, persons);
	}
out:
	db_finalize(rows);
	db_finalize(groups);
	return st;
}

rg_status cmd_warnings(int argc, char **argv, rg_err *e)
{
	const char *pos[1], *status = NULL, *run_text = NULL, *format = NULL, *output = NULL;
	filters f = {0};
	arg_opt opts[] = {{"--status", &status, NULL}, {"--tier", &f.tier, NULL},
			  {"--agency", &f.agency, NULL}, {"--overdue", NULL, &f.overdue},
			  {"--as-of", &f.as_of, NULL}, {"--run", &run_text, NULL},
			  {"--format", &format, NULL}, {"-o", &output, NULL},
			  {"--output", &output, NULL}, {NULL, NULL, NULL}};
	char as_of[DATE_BUF], note[64];
	out_target t;
	bool helped;
	int npos;
	long days;
	db *d = NULL;
	db_stmt *s = NULL;
	rg_status st;

	st = args_parse(argc, argv, opts, pos, 1, 1, &npos, &helped, usage, help, e);
	if (st != RG_OK || helped)
		return st;
	if ((st = out_choose("warnings", format, output, pos[0], OUT_ALL, &t, e)) != RG_OK ||
	    (st = parse_statuses(status, &f, e)) != RG_OK)
		return st;
	if (f.tier != NULL && strcmp(f.tier, "一级") != 0 && strcmp(f.tier, "二级") != 0 &&
	    strcmp(f.tier, "三级") != 0)
		return err_set(e, RG_USAGE, "--tier: expected 一级, 二级 or 三级, got \"%s\"", f.tier);
	if (f.as_of != NULL && !date_parse(f.as_of, &days))
		return err_set(e, RG_USAGE, "--as-of: expected a date YYYY-MM-DD, got \"%s\"",
			       f.as_of);
	if ((st = db_open_reader(pos[0], &d, e)) != RG_OK)
		goto out;
	/* No run at all means nothing was graded yet: run_resolve says so rather than
	 * list nothing.  Without --run the list is not limited to the latest run. */
	if ((st = run_resolve(d, run_text, &f.run, e)) != RG_OK)
		goto out;
	if (f.as_of == NULL) {
		if ((st = run_as_of(d, f.run, as_of, e)) != RG_OK)
			goto out;
		f.as_of = as_of;
	}
	if (run_text == NULL)
		f.run = 0;
	if (f.agency != NULL && (st = lookup_agency(d, "--agency", f.agency, e)) != RG_OK)
		goto out;
	if (t.fmt == OUT_TABLE) {
		/* TRANSLATORS: the title of the warning list: which warnings (逾期 overdue,
		 * 未解除 not released, or the statuses asked for), and the date that decides
		 * which are overdue. */
		printf(_("预警清单（%s，判断逾期的日期 %s）\n\n"),
		       f.overdue ? _("逾期") : status == NULL ? _("未解除") : status, f.as_of);
		st = print_groups(d, &f, e);
		goto out;
	}
	if ((st = db_prepare(d, t.fmt == OUT_JSON ? flat_json_sql : flat_sql, &s, e)) != RG_OK)
		goto out;
	bind_filters(s, &f);
	db_bind_null(s, 7);
	db_bind_int(s, 8, t.fmt != OUT_JSON); /* JSON says null; people read （未指定） */
	t.as_of = f.as_of;
	snprintf(note, sizeof note, _(" (as of %s)"), f.as_of);
	st = out_write(&t, &(out_list){"预警清单", note, flat_cols, 15}, s, NULL, e);
out:
	db_finalize(s);
	db_close(d);
	return st;
}

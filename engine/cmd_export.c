/*
 * cmd_export.c: `riskgrade export`, the lists the seed documents name — 岗位风险等级清单 (tier
 * list), 廉政风险防控措施台账 (measures ledger), 预警清单 (warnings) and 职权目录 (power
 * catalogue) — written by the output layer as CSV (with a BOM, for Excel), JSON or XLSX,
 * always through a temporary file renamed over the target.  What is the command's own:
 * the lists, their queries and columns, and which options apply to which.
 * Depends on db.h, out.h, date.h, run.h, args.h, factdef.h (the tier list's columns of
 * declared facts).
 */
#include <stdio.h>
#include <string.h>

#include "args.h"
#include "cmd.h"
#include "i18n.h"
#include "date.h"
#include "db.h"
#include "factdef.h"
#include "out.h"
#include "run.h"

static const char usage[] =
	"riskgrade export DB KIND -o FILE [--format csv|json|xlsx] [--run N] [--as-of DATE]";

static const char help[] =
	N_("usage: riskgrade export DB KIND -o FILE [--format csv|json|xlsx] [--run N] [--as-of DATE]\n"
	"\n"
	"Write one of the lists of 廉政风险防控 to FILE, by way of a temporary file beside it\n"
	"that replaces FILE only once everything is written: a failed export leaves FILE as\n"
	"it was.  KIND, by its English or Chinese name:\n"
	"  tiers     岗位风险等级清单      every point graded in run N (default: the latest\n"
	"                                 run): its factors, score, tier, the approved tier\n"
	"                                 and the re-grading flags not cleared by approval;\n"
	"                                 the facts the agency declared (a column each) and\n"
	"                                 the method's own level (方法等级), when there are\n"
	"  measures  廉政风险防控措施台账  every control measure, with its point's tier in its\n"
	"                                 latest grade (up to run N when --run is given)\n"
	"  warnings  预警清单              every warning of every run, open or released, with\n"
	"                                 its point's tier in the last run that proposed it\n"
	"  powers    职权目录              the power catalogue\n"
	"\n"
	"  --format F      csv: UTF-8 with a BOM, CRLF, Chinese headers (Excel opens it as is);\n"
	"                  json: one array of objects; xlsx: one sheet named after the list,\n"
	"                  header frozen, autofilter, tiers coloured.  Default: FILE's\n"
	"                  extension (.csv, .json, .xlsx).\n"
	"  -o, --output FILE  where to write; \"-\" is standard output (csv and json only)\n"
	"  --run N         the run of the tier list and of the ledger's tiers\n"
	"  --as-of DATE    the list's date (default: the as-of date of the run given by --run,\n"
	"                  or of the latest run; today before any run): a warning still 发布 or 签收\n"
	"                  whose due date is before it is 逾期; XLSX files carry it as their\n"
	"                  creation date, so the same data and date give the same bytes\n"
	"\n"
	"JSON keys, in this order (null where a value is missing; numbers are numbers):\n"
	"  tiers     point, agency, department, post, level, category, manifestation, power,\n"
	"            then each declared fact by its name (a 是否 \"是\"/\"否\"), importance,\n"
	"            discretion, likelihood, harm (null where the method does not use one),\n"
	"            score, tier, then method_level if the run's method gives levels,\n"
	"            approved_tier, flags (labels joined by \"；\")\n"
	"  measures  point, agency, post, tier, measure, responsible, due, status\n"
	"  warnings  id, point, agency, post, tier, reason, disposition, responsible, due,\n"
	"            status, overdue (\"是\"/\"否\"), text\n"
	"  powers    code, agency, name, kind, content, legal_basis, department, post,\n"
	"            major (\"是\"/\"否\"), funds (万元)\n"
	"A warning nobody answers for has responsible null in JSON, （未指定） in CSV and XLSX.\n"
	"Writing a file prints one line: the file, the list, its run or date, the rows.\n");

/* A whole REAL as an integer, so 36.0 prints as 36 in every format. */
#define WHOLE(x) "CASE WHEN " x " = CAST(" x " AS INTEGER) THEN CAST(" x " AS INTEGER)" \
	" ELSE " x " END"

/* 岗位风险等级清单: ?1 is the run.  tiers_list() puts the columns of declared facts
 * after the point's own (TIERS_FACTS), and 方法等级 after 风险等级 (TIERS_LEVEL), when
 * there are any. */
#define TIERS_FACTS 8
#define TIERS_LEVEL 14
static const char tiers_head_sql[] =
	"SELECT p.code, a.name, d.name, po.name, p.level, p.category, p.manifestation,"
	"  pw.name";
static const char tiers_grade_sql[] =
	", g.importance, g.discretion, g.likelihood, g.harm, " WHOLE("g.score") ", g.tier";
static const char tiers_tail_sql[] =
	", p.approved_tier,"
	"  (SELECT group_concat(label, '；') FROM (SELECT f.label FROM flags f"
	"    WHERE f.run = g.version AND f.point = g.point AND f.cleared_by IS NULL"
	"    ORDER BY f.code))"
	" FROM run_grades g"
	" JOIN points p ON p.code = g.point"
	" JOIN agencies a ON a.code = p.agency"
	" LEFT JOIN posts po ON po.code = p.post"
	" LEFT JOIN departments d ON d.code = coalesce(p.department, po.department)"
	" LEFT JOIN powers pw ON pw.code = p.power"
	" WHERE g.run = ?1 ORDER BY p.code";

static const out_col tiers_cols[] = {
	{"风险点编号", "point"},      {"单位", "agency"},        {"科室", "department"},
	{"岗位", "post"},             {"层级", "level"},         {"风险类别", "category"},
	{"表现形式", "manifestation"}, {"职权", "power"},         {"权力重要程度", "importance"},
	{"自由裁量权", "discretion"},  {"发生概率", "likelihood"}, {"危害程度", "harm"},
	{"得分", "score"},            {"风险等级", "tier"},      {"审定等级", "approved_tier"},
	{"需重新评定", "flags"},
};

/* 廉政风险防控措施台账: ?1 is the last run to take tiers from (NULL: any).  A point's latest
 * grades row up to a run is its grade in the latest run up to it that graded it: rows are
 * written only by runs that grade their point (schemas/006). */
static const char measures_sql[] =
	"SELECT m.point, a.name, po.name,"
	"  (SELECT g.tier FROM grades g WHERE g.point = m.point AND (?1 IS NULL OR g.run <= ?1)"
	"    ORDER BY g.run DESC LIMIT 1),"
	"  m.text, pe.name, m.due, m.status"
	" FROM measures m"
	" JOIN points p ON p.code = m.point"
	" JOIN agencies a ON a.code = p.agency"
	" LEFT JOIN posts po ON po.code = p.post"
	" LEFT JOIN persons pe ON pe.code = m.responsible"
	" ORDER BY m.point, m.id";

static const out_col measures_cols[] = {
	{"风险点编号", "point"}, {"单位", "agency"},  {"岗位", "post"},
	{"风险等级", "tier"},    {"防控措施", "measure"}, {"责任人", "responsible"},
	{"完成时限", "due"},     {"落实情况", "status"},
};

/* 预警清单: ?1 is the as-of date, ?2 whether to write （未指定） for nobody (not in JSON).
 * The tier is the point's in the last run that proposed the warning (seen_run), looked
 * up warning by warning: joined, run_grades was kept whole in SQLite's temporary files
 * (100 MiB at 100,000 points). */
static const char warnings_sql[] =
	"SELECT w.id, w.point, a.name, po.name,"
	"  (SELECT g.tier FROM run_grades g"
	"   WHERE g.run = coalesce(w.seen_run, w.run) AND g.point = w.point),"
	"  w.reason, w.disposition,"
	"  CASE WHEN w.responsible IS NULL AND ?2 THEN '（未指定）' ELSE pe.name END,"
	"  w.due, w.status,"
	"  CASE WHEN w.status IN ('发布', '签收') AND w.due < ?1 THEN '是' ELSE '否' END,"
	"  w.text"
	" FROM warnings w"
	" JOIN points p ON p.code = w.point"
	" JOIN agencies a ON a.code = p.agency"
	" LEFT JOIN posts po ON po.code = p.post"
	" LEFT JOIN persons pe ON pe.code = w.responsible"
	" ORDER BY w.id";

static const out_col warnings_cols[] = {
	{"预警编号", "id"},          {"风险点编号", "point"}, {"单位", "agency"},
	{"岗位", "post"},            {"风险等级", "tier"},    {"预警事由", "reason"},
	{"处置方式", "disposition"}, {"责任人", "responsible"}, {"完成时限", "due"},
	{"状态", "status"},          {"是否逾期", "overdue"}, {"处置要求", "text"},
};

/* 职权目录. */
static const char powers_sql[] =
	"SELECT pw.code, a.name, pw.name, pw.kind, pw.content, pw.legal_basis, d.name, po.name,"
	"  CASE pw.major WHEN 1 THEN '是' ELSE '否' END, " WHOLE("pw.funds")
	" FROM powers pw"
	" JOIN agencies a ON a.code = pw.agency"
	" LEFT JOIN departments d ON d.code = pw.department"
	" LEFT JOIN posts po ON po.code = pw.post"
	" ORDER BY pw.code";

static const out_col powers_cols[] = {
	{"职权编码", "code"},        {"单位", "agency"},         {"职权名称", "name"},
	{"职权类别", "kind"},        {"职权内容", "content"},    {"法律依据", "legal_basis"},
	{"行使科室", "department"},  {"行使岗位", "post"},       {"三重一大", "major"},
	{"涉及资金(万元)", "funds"},
};

typedef enum { K_TIERS, K_MEASURES, K_WARNINGS, K_POWERS } kind_id;

#define NCOLS(a) ((int)(sizeof a / sizeof a[0]))

/* One list the command can write. */
typedef struct {
	kind_id id;
	const char *name;    /* on the command line, in English */
	const char *title;   /* its Chinese name: also accepted, and the XLSX sheet's name */
	const char *sql;     /* the rows, in a stable order (the tier list's: tiers_list) */
	const out_col *cols; /* one per column of sql */
	int ncols;
} export_kind;

static const export_kind kinds[] = {
	{K_TIERS, "tiers", "岗位风险等级清单", NULL, tiers_cols, NCOLS(tiers_cols)},
	{K_MEASURES, "measures", "廉政风险防控措施台账", measures_sql, measures_cols,
	 NCOLS(measures_cols)},
	{K_WARNINGS, "warnings", "预警清单", warnings_sql, warnings_cols, NCOLS(warnings_cols)},
	{K_POWERS, "powers", "职权目录", powers_sql, powers_cols, NCOLS(powers_cols)},
};

/* ---- choosing ------------------------------------------------------------------------ */

static rg_status kind_parse(const char *s, const export_kind **out, rg_err *e)
{
	for (size_t i = 0; i < sizeof kinds / sizeof kinds[0]; i++) {
		if (strcmp(s, kinds[i].name) == 0 || strcmp(s, kinds[i].title) == 0) {
			*out = &kinds[i];
			return RG_OK;
		}
	}
	return err_set(e, RG_USAGE,
		       "export: unknown list \"%s\": expected tiers (岗位风险等级清单), measures "
		       "(廉政风险防控措施台账), warnings (预警清单) or powers (职权目录)", s);
}

/* ---- the tier list: the facts declared and the method's level -------------------------- */

/* The value of declared fact f of the point p of the tier list, as a column: a 是否 as
 * 是/否, a 数值 without a needless .0, the others as stored. */
static void fact_column(const fact_def *f, int param, char *out, size_t n)
{
	const char *of = strcmp(f->owner, "point") == 0 ? "p.code"
			 : strcmp(f->owner, "power") == 0 ? "p.power" : "p.post";

	snprintf(out, n, ", (SELECT %s FROM %s v WHERE v.%s = %s AND v.fact = ?%d)",
		 f->type == FACT_BOOL ? "CASE CAST(v.value AS TEXT) WHEN '1' THEN '是' ELSE '否' END"
		 : f->type == FACT_NUMBER ? WHOLE("CAST(v.value AS REAL)")
		 : f->type == FACT_INT ? "CAST(v.value AS INTEGER)" : "v.value",
		 f->store, f->owner, of, param);
}

/* Whether run gives any point a level of the method's own. */
static rg_status run_has_levels(db *d, long run, bool *has, rg_err *e)
{
	db_stmt *s = NULL;
	bool row;
	rg_status st = db_prepare(d, "SELECT EXISTS (SELECT 1 FROM run_grades WHERE run = ?1"
				  " AND level IS NOT NULL)", &s, e);

	if (st == RG_OK) {
		db_bind_int(s, 1, run);
		st = db_step(s, &row, e);
		*has = st == RG_OK && db_col_int(s, 0) != 0;
	}
	db_finalize(s);
	return st;
}

/* The tier list of run: its query (into sql, size n) and columns (into cols, at most
 * max), with a column for each fact declared (defs) and 方法等级 when the run has levels. */
static rg_status tiers_list(db *d, long run, const fact_defs *defs, char *sql, size_t n,
			    out_col *cols, int max, int *ncols, rg_err *e)
{
	static const out_col level = {"方法等级", "method_level"};
	size_t used;
	bool levels;
	int k = 0;
	rg_status st;

	if ((st = run_has_levels(d, run, &levels, e)) != RG_OK)
		return st;
	if (NCOLS(tiers_cols) + 1 + defs->n > max)
		return err_set(e, RG_DB, "export: too many declared facts for the tier list");
	used = (size_t)snprintf(sql, n, "%s", tiers_head_sql);
	for (int i = 0; i < TIERS_FACTS; i++)
		cols[k++] = tiers_cols[i];
	for (int i = 0; i < defs->n && used < n; i++) {
		fact_column(&defs->v[i], i + 2, sql + used, n - used);
		used += strlen(sql + used);
		cols[k++] = (out_col){defs->v[i].label, defs->v[i].name};
	}
	used += (size_t)snprintf(sql + used, used < n ? n - used : 0, "%s%s%s", tiers_grade_sql,
				 levels ? ", g.level" : "", tiers_tail_sql);
	for (int i = TIERS_FACTS; i < TIERS_LEVEL; i++)
		cols[k++] = tiers_cols[i];
	if (levels)
		cols[k++] = level;
	for (int i = TIERS_LEVEL; i < NCOLS(tiers_cols); i++)
		cols[k++] = tiers_cols[i];
	if (used >= n)
		return err_set(e, RG_DB, "export: the tier list's query is too long");
	*ncols = k;
	return RG_OK;
}

/* ---- the command ----------------------------------------------------------------------- */

rg_status cmd_export(int argc, char **argv, rg_err *e)
{
	const char *pos[2], *format = NULL, *output = NULL, *run_text = NULL, *as_of = NULL;
	arg_opt opts[] = {{"--format", &format, NULL}, {"-o", &output, NULL},
			  {"--output", &output, NULL}, {"--run", &run_text, NULL},
			  {"--as-of", &as_of, NULL}, {NULL, NULL, NULL}};
	const export_kind *k = NULL;
	fact_defs defs = {NULL, 0};
	out_col cols[NCOLS(tiers_cols) + 1 + 3 * FACTDEF_MAX];
	char sql[16384];
	int ncols = 0;
	out_target t;
	char run_date[DATE_BUF], note[64] = "";
	long run = 0, days;
	bool helped;
	int npos;
	db *d = NULL;
	db_stmt *s = NULL;
	rg_status st;

	st = args_parse(argc, argv, opts, pos, 2, 2, &npos, &helped, usage, help, e);
	if (st != RG_OK || helped)
		return st;
	if ((st = kind_parse(pos[1], &k, e)) != RG_OK)
		return st;
	if (output == NULL)
		return err_set(e, RG_USAGE, "export: -o FILE is needed (\"-o -\" writes csv or "
			       "json to standard output)\nusage: %s", usage);
	if ((st = out_choose("export", format, output, pos[0], OUT_FILES, &t, e)) != RG_OK)
		return st;
	if (run_text != NULL && (k->id == K_WARNINGS || k->id == K_POWERS))
		return err_set(e, RG_USAGE, "export: --run does not apply to %s (%s), which %s",
			       k->name, k->title,
			       k->id == K_WARNINGS ? _("holds the warnings of every run")
						   : _("does not depend on a run"));
	if (as_of != NULL && !date_parse(as_of, &days))
		return err_set(e, RG_USAGE, "--as-of: expected a date YYYY-MM-DD, got \"%s\"",
			       as_of);

	if ((st = db_open(pos[0], &d, e)) != RG_OK)
		goto out;
	/* The tier list needs a run; the ledger takes the tiers of one when it is named. */
	if (k->id == K_TIERS || (k->id == K_MEASURES && run_text != NULL)) {
		if ((st = run_resolve(d, run_text, &run, e)) != RG_OK)
			goto out;
		snprintf(note, sizeof note, _(" (run %ld)"), run);
	}
	if (as_of == NULL) {
		if ((st = run_as_of(d, run, run_date, e)) != RG_OK)
			goto out;
		as_of = run_date;
	}
	t.as_of = as_of; /* the XLSX's date: the same data and date give the same bytes */
	if (k->id == K_WARNINGS) {
		snprintf(note, sizeof note, _(" (as of %s)"), as_of);
	}
	if (k->id == K_TIERS &&
	    ((st = factdef_load(d, NULL, &defs, e)) != RG_OK ||
	     (st = tiers_list(d, run, &defs, sql, sizeof sql, cols, NCOLS(cols), &ncols, e)) !=
		     RG_OK))
		goto out;
	if ((st = db_prepare(d, k->id == K_TIERS ? sql : k->sql, &s, e)) != RG_OK)
		goto out;
	switch (k->id) {
	case K_TIERS:
		db_bind_int(s, 1, run);
		for (int i = 0; i < defs.n; i++)
			db_bind_text(s, i + 2, defs.v[i].name);
		break;
	case K_MEASURES:
		if (run_text != NULL)
			db_bind_int(s, 1, run);
		else
			db_bind_null(s, 1);
		break;
	case K_WARNINGS:
		db_bind_text(s, 1, as_of);
		db_bind_int(s, 2, t.fmt != OUT_JSON); /* JSON says null; people read （未指定） */
		break;
	case K_POWERS: break;
	}
	if (k->id == K_TIERS)
		st = out_write(&t, &(out_list){k->title, note, cols, ncols}, s, NULL, e);
	else
		st = out_write(&t, &(out_list){k->title, note, k->cols, k->ncols}, s, NULL, e);
out:
	db_finalize(s);
	db_close(d);
	factdef_free(&defs);
	return st;
}

/*
 * cmd_explain.c: `riskgrade explain`, everything needed to defend one point's grade: its
 * facts (the agency's declared ones too), the factor values (the national four a method
 * uses, blank when it does not, and its own), score, tier, the method's own level,
 * reasons, flags and warnings of its latest grade.
 * The queries name their columns in the users' Chinese terms; this file only lays them
 * out.  Depends on db.h, out.h, text.h, args.h.
 */
#include <stdio.h>
#include <string.h>

#include "args.h"
#include "cmd.h"
#include "i18n.h"
#include "db.h"
#include "out.h"
#include "text.h"

static const char usage[] = "riskgrade explain DB POINT";

static const char help[] =
	N_("usage: riskgrade explain DB POINT\n"
	"\n"
	"Show the risk point POINT (its code, e.g. FX-001): its facts (power, post, the facts\n"
	"the agency declared, ratings, measures, signals, changes) and its latest grade — the\n"
	"four factors (blank for one the method does not use) and the method's own, the score,\n"
	"the tier and the method's own level, the reasons the rule pack gave, the re-grading\n"
	"flags and the warnings.\n");

/* The point and what it hangs on; ?1 is the point's code. */
static const char point_sql[] =
	"SELECT p.code AS 风险点编号, a.name || '（' || a.code || '）' AS 单位,"
	"  p.level AS 层级, p.category AS 风险类别, p.risk_type AS 风险类型,"
	"  p.consequence AS 可能后果, p.manifestation AS 表现形式,"
	"  pw.code || ' ' || pw.name || '（' || pw.kind || '，' || k.scope || '）' AS 职权,"
	"  pw.legal_basis AS 法律依据,"
	"  CASE pw.major WHEN 1 THEN '是' WHEN 0 THEN '否' END AS 三重一大,"
	"  CASE WHEN pw.code IS NOT NULL THEN printf('%g', pw.funds) END AS \"涉及资金(万元)\","
	"  d.name || '（' || d.code || '）' AS 科室, po.name || '（' || po.code || '）' AS 岗位,"
	"  p.approved_tier || '（' || p.approved_on || '）' AS 审定等级,"
	"  p.last_graded AS 上次评定日期"
	" FROM points p JOIN agencies a ON a.code = p.agency"
	" LEFT JOIN powers pw ON pw.code = p.power"
	" LEFT JOIN enum_power_kind k ON k.name = pw.kind"
	" LEFT JOIN posts po ON po.code = p.post"
	" LEFT JOIN departments d ON d.code = coalesce(p.department, po.department)"
	" WHERE p.code = ?1";

/* The facts declared for the point's sheets (its own; its power's and post's when it has
 * them), each with the value it has, blank when none: ?1 is the point's code. */
#define FACT_VALUE(store, owner, code) \
	"(SELECT CASE WHEN f.type = '是否' THEN" \
	"   CASE CAST(v.value AS TEXT) WHEN '1' THEN '是' ELSE '否' END" \
	"  WHEN f.type = '数值' THEN printf('%g', CAST(v.value AS REAL)) ELSE v.value END" \
	" FROM " store " v WHERE v." owner " = " code " AND v.fact = f.name)"
static const char declared_sql[] =
	"SELECT f.belongs_to AS 所属, f.label || '（' || f.name || '）' AS 事实,"
	"  CASE f.belongs_to"
	"   WHEN '风险点' THEN " FACT_VALUE("point_facts", "point", "p.code")
	"   WHEN '职权' THEN " FACT_VALUE("power_facts", "power", "p.power")
	"   ELSE " FACT_VALUE("post_facts", "post", "p.post") " END AS 值"
	" FROM fact_definitions f JOIN enum_fact_sheet s ON s.name = f.belongs_to"
	" JOIN points p ON p.code = ?1"
	" WHERE f.belongs_to = '风险点' OR (f.belongs_to = '职权' AND p.power IS NOT NULL)"
	"  OR (f.belongs_to = '岗位' AND p.post IS NOT NULL)"
	" ORDER BY s.ord, f.name";

static const char ratings_sql[] =
	"SELECT rated_on AS 评议日期, source AS 评议主体, factor AS 评定因素, value AS 分值"
	" FROM ratings WHERE point = ?1 ORDER BY rated_on, id";

static const char measures_sql[] =
	"SELECT m.text AS 防控措施, coalesce(pe.name, '') AS 责任人, m.due AS 完成时限,"
	"  m.status AS 落实情况"
	" FROM measures m LEFT JOIN persons pe ON pe.code = m.responsible"
	" WHERE m.point = ?1 ORDER BY m.id";

/* The complainant of a 信访举报 is confidential and never selected. */
static const char signals_sql[] =
	"SELECT s.received_on AS 收到日期, s.source AS 信息来源, s.severity AS 严重程度,"
	"  CASE s.substantiated WHEN 1 THEN '属实' ELSE '未查实' END AS 是否属实,"
	"  CASE WHEN s.point IS NULL THEN '岗位' ELSE '风险点' END AS 涉及, s.text AS 内容摘要"
	" FROM signals s JOIN points p ON p.code = ?1"
	" WHERE s.point = p.code OR s.post = p.post ORDER BY s.received_on, s.id";

static const char changes_sql[] =
	"SELECT c.changed_on AS 变更日期, c.kind AS 变更类别, c.text AS 变更内容"
	" FROM changes c JOIN points p ON p.code = ?1"
	" WHERE c.power = p.power OR c.post = p.post ORDER BY c.changed_on, c.id";

/* The point's grade in the latest run that graded it (point_latest, schemas/006), with
 * the pack that run loaded under the grade's pack name. */
static const char grade_sql[] =
	"SELECT l.run, r.as_of, coalesce(rp.path, g.pack), rp.sha256, g.importance,"
	"  g.discretion, g.likelihood, g.harm, g.score, g.tier, g.reasons, g.level,"
	"  g.method_factors"
	" FROM point_latest l JOIN runs r ON r.id = l.run"
	" JOIN grades g ON g.point = l.point AND g.run = l.version"
	" LEFT JOIN run_packs rp ON rp.run = l.run AND rp.pack = g.pack"
	" WHERE l.point = ?1";

static const char flags_sql[] =
	"SELECT code AS 代码, label AS 事由, evidence AS 依据,"
	"  CASE WHEN cleared_by IS NULL THEN '未处理'"
	"   ELSE '已由集体审定清除（审定' || cleared_by || '）' END AS 状态 FROM run_flags"
	" WHERE run = ?1 AND point = ?2 ORDER BY code";

static const char warnings_sql[] =
	"SELECT w.id AS 预警编号, w.disposition AS 处置方式, w.reason AS 预警事由,"
	"  coalesce(pe.name, '（未指定）') AS 责任人, w.due AS 完成时限, w.status AS 状态"
	" FROM warnings w LEFT JOIN persons pe ON pe.code = w.responsible"
	" WHERE w.point = ?2 AND (w.run = ?1 OR w.seen_run = ?1 OR w.status <> '解除')"
	" ORDER BY w.id";

/* Print the columns of the current row as aligned "label  value" lines, skipping NULLs. */
static void print_record(db_stmt *s)
{
	int n = db_col_count(s), width = 0;

	for (int i = 0; i < n; i++) {
		int w = text_width(db_col_name(s, i));
		if (w > width)
			width = w;
	}
	for (int i = 0; i < n; i++) {
		if (db_col_type(s, i) == DB_NULL)
			continue;
		fputs("  ", stdout);
		text_pad(stdout, db_col_name(s, i), width, false);
		printf("  %s\n", db_col_text(s, i));
	}
}

/* Print a titled list from query sql bound to (?1 = a, ?2 = b), as an indented table. */
static rg_status print_list(db *d, const char *title, const char *sql, const char *a,
			    long b, rg_err *e)
{
	out_col cols[16];
	db_stmt *s = NULL;
	rg_status st = db_prepare(d, sql, &s, e);
	long n = 0;

	if (st != RG_OK)
		return st;
	int ncols = db_col_count(s);
	for (int i = 0; i < ncols && i < 16; i++) {
		cols[i].title = db_col_name(s, i);
		cols[i].key = cols[i].title;
	}
	if (b > 0) {
		db_bind_int(s, 1, b);
		db_bind_text(s, 2, a);
	} else {
		db_bind_text(s, 1, a);
	}
	/* Count first so an empty list is one line, not a bare header. */
	bool row;
	while ((st = db_step(s, &row, e)) == RG_OK && row)
		n++;
	db_reset(s);
	/* TRANSLATORS: a section of explain: its title and how many rows it has. */
	printf(_("\n%s（%ld）\n"), title, n);
	if (st == RG_OK && n > 0)
		st = out_print(stdout, OUT_TABLE, cols, ncols, s, NULL, e);
	db_finalize(s);
	return st;
}

/* The reasons of the grade, each with the pack line it came from when the run was made
 * with grade --trace. */
static rg_status print_reasons(db *d, const char *code, long run, const char *reasons,
			       rg_err *e)
{
	db_stmt *s = NULL;
	bool row;
	rg_status st = db_prepare(d, "SELECT reason, source FROM run_traces"
				     " WHERE run = ?1 AND point = ?2 ORDER BY seq", &s, e);

	if (st != RG_OK)
		return st;
	db_bind_int(s, 1, run);
	db_bind_text(s, 2, code);
	if ((st = db_step(s, &row, e)) != RG_OK)
		goto out;
	if (row) {
		printf(_("  理由（规则包与行号）\n"));
		do {
			printf("    - %s", db_col_text(s, 0));
			if (db_col_type(s, 1) != DB_NULL)
				printf("  〔%s〕", db_col_text(s, 1));
			putchar('\n');
		} while ((st = db_step(s, &row, e)) == RG_OK && row);
		goto out;
	}
	printf(_("  理由\n"));
	while (reasons != NULL && *reasons) {
		const char *nl = strchr(reasons, '\n');
		int len = nl ? (int)(nl - reasons) : (int)strlen(reasons);
		printf("    - %.*s\n", len, reasons);
		reasons = nl ? nl + 1 : NULL;
	}
out:
	db_finalize(s);
	return st;
}

/* One line "  label  value" of the grade, the label padded to width; a NULL value (a
 * national factor the method does not use) leaves the line blank after the label. */
static void grade_line(const char *label, const char *value, int width)
{
	fputs("  ", stdout);
	if (value == NULL) {
		printf("%s\n", label);
		return;
	}
	text_pad(stdout, label, width, false);
	printf("  %s\n", value);
}

/* The factors of the grade on the current row of s: the national four (blank where the
 * method does not use one) and the method's own (column 12, listed from its JSON by
 * json_each, in the order stored); the labels' width, which the lines after them share,
 * goes to *width. */
static rg_status print_factors(db *d, db_stmt *s, int *width, rg_err *e)
{
	static const char *const national[] = {"权力重要程度", "自由裁量权", "发生概率",
					       "危害程度"};
	db_stmt *own = NULL;
	bool row;
	rg_status st;

	if ((st = db_prepare(d, "SELECT key, CASE WHEN type = 'real' THEN printf('%g', value)"
			     " ELSE value END FROM json_each(?1)", &own, e)) != RG_OK)
		return st;
	*width = text_width("权力重要程度");
	db_bind_text(own, 1, db_col_text(s, 12));
	while ((st = db_step(own, &row, e)) == RG_OK && row)
		if (text_width(db_col_text(own, 0)) > *width)
			*width = text_width(db_col_text(own, 0));
	db_reset(own);
	for (int i = 0; st == RG_OK && i < 4; i++)
		grade_line(national[i], db_col_text(s, 4 + i), *width);
	while (st == RG_OK && (st = db_step(own, &row, e)) == RG_OK && row)
		grade_line(db_col_text(own, 0), db_col_text(own, 1), *width);
	db_finalize(own);
	return st;
}

static rg_status print_grade(db *d, const char *code, rg_err *e)
{
	db_stmt *s = NULL;
	bool row;
	rg_status st = db_prepare(d, grade_sql, &s, e);
	char score[32];
	int width;
	long run;

	if (st != RG_OK)
		return st;
	db_bind_text(s, 1, code);
	if ((st = db_step(s, &row, e)) != RG_OK)
		goto out;
	if (!row) {
		printf(_("\n评定结果\n  not graded yet: run riskgrade grade\n"));
		goto out;
	}
	run = (long)db_col_int(s, 0);
	/* TRANSLATORS: the grade's heading: the run, its as-of date, the pack and its hash. */
	printf(_("\n评定结果 — run %ld as of %s, %s (sha256 %.12s)\n"), run, db_col_text(s, 1),
	       db_col_text(s, 2), db_col_type(s, 3) == DB_NULL ? "?" : db_col_text(s, 3));
	if ((st = print_factors(d, s, &width, e)) != RG_OK)
		goto out;
	snprintf(score, sizeof score, "%g", db_col_double(s, 8));
	grade_line("得分", score, width);
	grade_line("风险等级", db_col_text(s, 9), width);
	if (db_col_type(s, 11) != DB_NULL)
		grade_line("方法等级", db_col_text(s, 11), width);
	if ((st = print_reasons(d, code, run, db_col_text(s, 10), e)) != RG_OK)
		goto out;
	if ((st = print_list(d, _("需重新评定"), flags_sql, code, run, e)) != RG_OK)
		goto out;
	st = print_list(d, _("预警"), warnings_sql, code, run, e);
out:
	db_finalize(s);
	return st;
}

/* The facts the agency declared for the point's sheets, when it declared any. */
static rg_status print_declared(db *d, const char *code, rg_err *e)
{
	db_stmt *s = NULL;
	bool row;
	rg_status st = db_prepare(d, "SELECT count(*) FROM fact_definitions", &s, e);

	if (st == RG_OK)
		st = db_step(s, &row, e);
	if (st == RG_OK && db_col_int(s, 0) > 0)
		st = print_list(d, _("自定义事实"), declared_sql, code, 0, e);
	db_finalize(s);
	return st;
}

rg_status cmd_explain(int argc, char **argv, rg_err *e)
{
	const char *pos[2];
	arg_opt opts[] = {{NULL, NULL, NULL}};
	bool helped, row;
	int npos;
	db *d = NULL;
	db_stmt *s = NULL;
	rg_status st;

	st = args_parse(argc, argv, opts, pos, 2, 2, &npos, &helped, usage, help, e);
	if (st != RG_OK || helped)
		return st;
	if ((st = db_open(pos[0], &d, e)) != RG_OK)
		goto out;
	if ((st = db_prepare(d, point_sql, &s, e)) != RG_OK)
		goto out;
	db_bind_text(s, 1, pos[1]);
	if ((st = db_step(s, &row, e)) != RG_OK)
		goto out;
	if (!row) {
		st = err_set(e, RG_INPUT, "%s: no risk point with code \"%s\"", pos[0], pos[1]);
		goto out;
	}
	printf(_("风险点 %s\n"), pos[1]);
	print_record(s);
	if ((st = print_declared(d, pos[1], e)) != RG_OK ||
	    (st = print_list(d, _("四评一审"), ratings_sql, pos[1], 0, e)) != RG_OK ||
	    (st = print_list(d, _("防控措施"), measures_sql, pos[1], 0, e)) != RG_OK ||
	    (st = print_list(d, _("风险信息"), signals_sql, pos[1], 0, e)) != RG_OK ||
	    (st = print_list(d, _("变更"), changes_sql, pos[1], 0, e)) != RG_OK)
		goto out;
	st = print_grade(d, pos[1], e);
out:
	db_finalize(s);
	db_close(d);
	return st;
}

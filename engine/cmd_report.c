/*
 * cmd_report.c: `riskgrade report`, the review meeting's report on one run as one
 * self-contained HTML file: the tiers per agency (an inline SVG chart and a table), the
 * likelihood × harm matrix, the open re-grading flags, the warnings and the overdue ones,
 * what changed since the previous run, and the top risks.  The charts are SVG written
 * here: no script, no font or file from the network, the same bytes for the same data.
 * Depends on db.h, run.h, lookup.h, date.h, text.h, args.h, atomic.h.
 */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "args.h"
#include "atomic.h"
#include "cmd.h"
#include "date.h"
#include "db.h"
#include "lookup.h"
#include "run.h"
#include "text.h"

static const char usage[] =
	"riskgrade report DB -o FILE [--run N] [--as-of YYYY-MM-DD] [--agency CODE]";

static const char help[] =
	"usage: riskgrade report DB -o FILE [--run N] [--as-of YYYY-MM-DD] [--agency CODE]\n"
	"\n"
	"Write the report of run N for the review meeting as one self-contained HTML file\n"
	"(no script, nothing fetched from the network; prints on A4): the run, its rule packs\n"
	"and SHA-256; the tiers per agency (chart and table); the likelihood × harm matrix\n"
	"(风险矩阵); the open re-grading flags and the points they concern (需重新评定); the\n"
	"warnings by status and the overdue ones (预警); the points whose tier changed since\n"
	"the previous run (与上次评定相比); and the ten highest scores (重点风险).\n"
	"The same database and --as-of give the same bytes.\n"
	"\n"
	"  -o FILE         where to write the report (required; - for standard output).  The\n"
	"                  file is replaced only once the report is complete\n"
	"  --run N         the run to report on (default: the latest)\n"
	"  --as-of DATE    the date overdue warnings are judged against: a warning still 发布\n"
	"                  or 签收 whose due date is before it is overdue (default: today)\n"
	"  --agency CODE   only this agency and the units under it\n";

/* Everything the sections need, set up once by cmd_report. */
typedef struct {
	db *d;              /* the database (only read) */
	FILE *out;          /* the HTML being written */
	const char *agency; /* --agency: the unit whose subtree is reported, or NULL: all */
	long run;           /* the run reported on */
	long prev;          /* the run before it (the highest id below run), 0 if none */
	const char *as_of;  /* YYYY-MM-DD: open warnings due before it are overdue */
	long npoints;       /* points of the run in scope, counted by the header */
	long flags_open;    /* open flags (not cleared by an approval), by the header */
	long flagged;       /* the points they concern, by the header */
	long flags_cleared; /* flags of the run cleared by an approval, by the header */
	long overdue;       /* overdue warnings up to the run, by the header */
} report;

/* The tiers, their colours in the chart and matrix, and the keys of the figures. */
static const char *const tier_name[3] = {"一级", "二级", "三级"};
static const char *const tier_key[3] = {"tier1", "tier2", "tier3"};
static const char *const tier_fill[3] = {"#c62828", "#f9a825", "#1565c0"};
static const char *const tier_ink[3] = {"#ffffff", "#222222", "#ffffff"};

/* The grades of run ?2 whose point is in scope, with the point's agency and post:
 * GRADED_FROM, then any further joins, then GRADED_WHERE. */
#define GRADED_FROM                                                            \
	" FROM grades g JOIN points p ON p.code = g.point"                     \
	" JOIN agencies a ON a.code = p.agency"                                \
	" LEFT JOIN posts po ON po.code = p.post"
#define GRADED_WHERE " WHERE g.run = ?2 AND p.agency IN scope"
#define GRADED GRADED_FROM GRADED_WHERE

/* ---- writing HTML ------------------------------------------------------------------ */

/* esc: write s (may be NULL: nothing) to f with the five HTML-special characters
 * escaped, so text from the database can go into element content and quoted
 * attribute values alike. */
static void esc(FILE *f, const char *s)
{
	for (; s != NULL && *s != '\0'; s++) {
		switch (*s) {
		case '&': fputs("&amp;", f); break;
		case '<': fputs("&lt;", f); break;
		case '>': fputs("&gt;", f); break;
		case '"': fputs("&quot;", f); break;
		case '\'': fputs("&#39;", f); break;
		default: fputc(*s, f);
		}
	}
}

/* put_score: a score as the pack gave it: whole numbers without decimals, others with
 * two (the default pack's scores are whole). */
static void put_score(FILE *f, double v)
{
	if (v == (double)(long long)v)
		fprintf(f, "%lld", (long long)v);
	else
		fprintf(f, "%.2f", v);
}

/* failed: st, with what the report was reading put before the message in e. */
static rg_status failed(rg_status st, const char *what, rg_err *e)
{
	char msg[sizeof e->msg];

	snprintf(msg, sizeof msg, "%s", e->msg);
	return err_set(e, st, "report: %s: %s", what, msg);
}

/* query: prepare sql into *s and bind the report's parameters in their fixed places,
 * ?1 agency, ?2 run, ?3 as-of, ?4 previous run: the first nparams of them (sql must not
 * use a higher number).  RG_DB naming the failing statement's purpose via what. */
static rg_status query(report *r, const char *sql, int nparams, const char *what,
		       db_stmt **s, rg_err *e)
{
	rg_status st = db_prepare(r->d, sql, s, e);

	if (st != RG_OK)
		return failed(st, what, e);
	if (r->agency != NULL)
		db_bind_text(*s, 1, r->agency);
	else
		db_bind_null(*s, 1);
	if (nparams >= 2)
		db_bind_int(*s, 2, r->run);
	if (nparams >= 3)
		db_bind_text(*s, 3, r->as_of);
	if (nparams >= 4)
		db_bind_int(*s, 4, r->prev);
	return RG_OK;
}

/* step: db_step with the section named in the message. */
static rg_status step(db_stmt *s, bool *row, const char *what, rg_err *e)
{
	rg_status st = db_step(s, row, e);

	return st == RG_OK ? RG_OK : failed(st, what, e);
}

/* ---- the page ---------------------------------------------------------------------- */

static const char page_head[] =
	"<!DOCTYPE html>\n"
	"<html lang=\"zh-CN\">\n"
	"<head>\n"
	"<meta charset=\"utf-8\">\n"
	"<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
	"<meta name=\"generator\" content=\"riskgrade " RG_VERSION "\">\n"
	"<title>廉政风险防控评定报告</title>\n"
	"<style>\n"
	"@page { size: A4; margin: 15mm }\n"
	"* { -webkit-print-color-adjust: exact; print-color-adjust: exact; box-sizing: border-box }\n"
	"body { font-family: \"Noto Sans CJK SC\", \"Source Han Sans SC\", \"Microsoft YaHei\","
	" \"PingFang SC\", sans-serif; font-size: 10.5pt; line-height: 1.5; color: #222;"
	" max-width: 180mm; margin: 0 auto; padding: 6mm 0 }\n"
	"@media print { body { max-width: none; padding: 0 } }\n"
	"h1 { font-size: 20pt; text-align: center; margin: 0 0 4mm }\n"
	"h2 { font-size: 13.5pt; border-bottom: 2px solid #8b0000; padding-bottom: 1mm;"
	" margin: 7mm 0 3mm; break-after: avoid; page-break-after: avoid }\n"
	"h3 { font-size: 11pt; margin: 4mm 0 2mm; break-after: avoid; page-break-after: avoid }\n"
	"p { margin: 2mm 0 }\n"
	"table { border-collapse: collapse; margin: 2mm 0 4mm }\n"
	"th, td { border: 1px solid #999; padding: 1mm 2mm; vertical-align: top }\n"
	"th { background: #f0f0f0; font-weight: bold; text-align: left }\n"
	"thead { display: table-header-group }\n"
	"tr { break-inside: avoid; page-break-inside: avoid }\n"
	"td.n, th.n { text-align: right; font-variant-numeric: tabular-nums }\n"
	"table.list { width: 100%; font-size: 9.5pt }\n"
	"table.list th, table.list td { white-space: nowrap }\n"
	"table.list td.w { white-space: normal }\n"
	"table.grid { font-size: 9.5pt }\n"
	"table.grid td.n { min-width: 16mm }\n"
	"table.meta th { width: 28mm }\n"
	"table.meta, table.summary, figure, .keep { break-inside: avoid; page-break-inside: avoid }\n"
	"table.summary td { font-size: 14pt; font-weight: bold; text-align: center; min-width: 22mm }\n"
	"table.summary th { text-align: center }\n"
	"figure { margin: 2mm 0 }\n"
	"figure svg { display: block; width: 100%; height: auto }\n"
	"figcaption { font-size: 9pt; color: #555 }\n"
	"code { font-family: \"Noto Sans Mono CJK SC\", \"DejaVu Sans Mono\", monospace;"
	" font-size: 9pt }\n"
	".t1 { color: #c62828; font-weight: bold }\n"
	".t2 { color: #8d6e00; font-weight: bold }\n"
	".t3 { color: #1565c0 }\n"
	".up { color: #c62828; font-weight: bold }\n"
	".down { color: #2e7d32; font-weight: bold }\n"
	".none { color: #555 }\n"
	"table.matrix td { width: 20mm; height: 11mm; text-align: center; vertical-align: middle;"
	" font-size: 12pt; font-weight: bold }\n"
	"table.matrix th { text-align: center; vertical-align: middle }\n"
	"table.matrix .h0 { background: #ffffff; color: #aaaaaa; font-weight: normal }\n"
	"table.matrix .h1 { background: #fee5d9 }\n"
	"table.matrix .h2 { background: #fcae91 }\n"
	"table.matrix .h3 { background: #fb6a4a }\n"
	"table.matrix .h4 { background: #de2d26; color: #fff }\n"
	"table.matrix .h5 { background: #a50f15; color: #fff }\n"
	"footer { margin-top: 8mm; font-size: 8.5pt; color: #777; text-align: center }\n"
	"</style>\n"
	"</head>\n"
	"<body>\n";

/* tier_class: the CSS class of a tier's name (t1..t3), "" for anything else. */
static const char *tier_class(const char *tier)
{
	for (int i = 0; i < 3; i++)
		if (tier != NULL && strcmp(tier, tier_name[i]) == 0)
			return i == 0 ? "t1" : i == 1 ? "t2" : "t3";
	return "";
}

/* put_tier: a tier in its colour. */
static void put_tier(FILE *f, const char *tier)
{
	fprintf(f, "<span class=\"%s\">", tier_class(tier));
	esc(f, tier);
	fputs("</span>", f);
}

static const char run_sql[] =
	"SELECT r.as_of, r.created_at, r.actor, r.scope, sa.name, r.engine_version, r.rules_dir"
	" FROM runs r LEFT JOIN agencies sa ON sa.code = r.scope WHERE r.id = ?2";

static const char agency_sql[] =
	"SELECT name FROM agencies WHERE code = ?1";

static const char packs_sql[] =
	"SELECT pack, path, parent, sha256 FROM run_packs WHERE run = ?2 ORDER BY pack";

static const char totals_sql[] =
	AGENCY_SCOPE "SELECT count(*), coalesce(sum(g.tier = '一级'), 0),"
	"  coalesce(sum(g.tier = '二级'), 0), coalesce(sum(g.tier = '三级'), 0)" GRADED;

/* Open flags (not cleared by an approval) and the points they concern. */
static const char flag_totals_sql[] =
	AGENCY_SCOPE "SELECT count(*), count(DISTINCT f.point),"
	"  (SELECT count(*) FROM flags c JOIN points cp ON cp.code = c.point"
	"   WHERE c.run = ?2 AND c.cleared_by IS NOT NULL AND cp.agency IN scope)"
	" FROM flags f JOIN points p ON p.code = f.point"
	" WHERE f.run = ?2 AND f.cleared_by IS NULL AND p.agency IN scope";

/* Warnings of this run and the ones before it: a warning is one case followed across
 * runs, so a run's report covers every warning issued up to it. */
#define WARNED                                                                 \
	" FROM warnings w JOIN points p ON p.code = w.point"                   \
	" JOIN agencies a ON a.code = p.agency"                                \
	" WHERE w.run <= ?2 AND p.agency IN scope"

static const char overdue_count_sql[] =
	AGENCY_SCOPE "SELECT count(*)" WARNED " AND w.status IN ('发布', '签收') AND w.due < ?3";

/* section_header: the title, the run and its packs, and the counts per tier. */
static rg_status section_header(report *r, rg_err *e)
{
	FILE *f = r->out;
	db_stmt *s = NULL;
	bool row;
	long t[4];
	rg_status st;

	fputs(page_head, f);
	fputs("<header>\n<h1>廉政风险防控评定报告</h1>\n<table class=\"meta\">\n", f);
	if ((st = query(r, run_sql, 2, "the run", &s, e)) != RG_OK ||
	    (st = step(s, &row, "the run", e)) != RG_OK)
		goto out;
	if (!row) {
		st = err_set(e, RG_INPUT, "--run: no run %ld", r->run);
		goto out;
	}
	fprintf(f, "<tr><th>评定批次</th><td>第 <span data-figure=\"run\">%ld</span> 次评定"
		   "（run %ld）</td></tr>\n", r->run, r->run);
	fputs("<tr><th>评定基准日</th><td data-figure=\"run-as-of\">", f);
	esc(f, db_col_text(s, 0));
	fputs("</td></tr>\n<tr><th>逾期判断日</th><td><span data-figure=\"as-of\">", f);
	esc(f, r->as_of);
	fputs("</span>（完成时限早于此日而仍为发布、签收的预警为逾期）</td></tr>\n", f);
	fputs("<tr><th>评定记录时间</th><td data-figure=\"created-at\">", f);
	esc(f, db_col_text(s, 1) != NULL ? db_col_text(s, 1) : "未记录");
	fputs("</td></tr>\n<tr><th>执行人</th><td>", f);
	esc(f, db_col_text(s, 2) != NULL ? db_col_text(s, 2) : "未记录");
	fputs("</td></tr>\n<tr><th>评定范围</th><td data-figure=\"run-scope\">", f);
	if (db_col_text(s, 3) == NULL) {
		fputs("全部单位", f);
	} else {
		esc(f, db_col_text(s, 4));
		fputs("（", f);
		esc(f, db_col_text(s, 3));
		fputs("）及下属单位", f);
	}
	fputs("</td></tr>\n<tr><th>本报告范围</th><td data-figure=\"scope\">", f);
	db_finalize(s);
	s = NULL;
	if (r->agency == NULL) {
		fputs("全部单位", f);
	} else {
		if ((st = query(r, agency_sql, 1, "the agency", &s, e)) != RG_OK ||
		    (st = step(s, &row, "the agency", e)) != RG_OK)
			goto out;
		esc(f, row ? db_col_text(s, 0) : "");
		fputs("（", f);
		esc(f, r->agency);
		fputs("）及下属单位", f);
		db_finalize(s);
		s = NULL;
	}
	fputs("</td></tr>\n</table>\n", f);

	fputs("<h3>规则包</h3>\n<table class=\"list keep\">\n<thead><tr><th>规则包</th>"
	      "<th>文件</th><th>继承自</th><th>SHA-256</th></tr></thead>\n<tbody>\n", f);
	if ((st = query(r, packs_sql, 2, "the rule packs", &s, e)) != RG_OK)
		goto out;
	for (;;) {
		if ((st = step(s, &row, "the rule packs", e)) != RG_OK)
			goto out;
		if (!row)
			break;
		const char *sha = db_col_text(s, 3);
		fputs("<tr><td>", f);
		esc(f, db_col_text(s, 0));
		fputs("</td><td class=\"w\"><code>", f);
		esc(f, db_col_text(s, 1));
		fputs("</code></td><td>", f);
		esc(f, db_col_text(s, 2) != NULL ? db_col_text(s, 2) : "—");
		fputs("</td><td><code data-figure=\"pack:", f);
		esc(f, db_col_text(s, 0));
		fputs("\" data-sha256=\"", f);
		esc(f, sha);
		fputs("\" title=\"", f);
		esc(f, sha);
		fprintf(f, "\">%.12s</code></td></tr>\n", sha != NULL ? sha : "");
	}
	fputs("</tbody>\n</table>\n", f);
	db_finalize(s);
	s = NULL;

	if ((st = query(r, totals_sql, 2, "the counts per tier", &s, e)) != RG_OK ||
	    (st = step(s, &row, "the counts per tier", e)) != RG_OK)
		goto out;
	for (int i = 0; i < 4; i++)
		t[i] = (long)db_col_int(s, i);
	r->npoints = t[0];
	db_finalize(s);
	s = NULL;
	if ((st = query(r, flag_totals_sql, 2, "the flags", &s, e)) != RG_OK ||
	    (st = step(s, &row, "the flags", e)) != RG_OK)
		goto out;
	r->flags_open = (long)db_col_int(s, 0);
	r->flagged = (long)db_col_int(s, 1);
	r->flags_cleared = (long)db_col_int(s, 2);
	db_finalize(s);
	s = NULL;
	if ((st = query(r, overdue_count_sql, 3, "the overdue warnings", &s, e)) != RG_OK ||
	    (st = step(s, &row, "the overdue warnings", e)) != RG_OK)
		goto out;
	r->overdue = (long)db_col_int(s, 0);

	fputs("<h3>评定结果</h3>\n<table class=\"summary\">\n<tr><th>风险点</th>", f);
	for (int i = 0; i < 3; i++)
		fprintf(f, "<th class=\"t%d\">%s</th>", i + 1, tier_name[i]);
	fputs("<th>需重新评定</th><th>逾期预警</th></tr>\n<tr>", f);
	fprintf(f, "<td data-figure=\"points\">%ld</td>", t[0]);
	for (int i = 0; i < 3; i++)
		fprintf(f, "<td class=\"t%d\" data-figure=\"%s\">%ld</td>", i + 1, tier_key[i],
			t[i + 1]);
	fprintf(f, "<td data-figure=\"flagged-points-total\">%ld</td>"
		   "<td data-figure=\"overdue-total\">%ld</td></tr>\n</table>\n", r->flagged,
		r->overdue);
	fprintf(f, "<p>本次评定风险点 %ld 个：一级 %ld 个，二级 %ld 个，三级 %ld 个；"
		   "需重新评定的风险点 %ld 个；逾期预警 %ld 条。</p>\n</header>\n",
		t[0], t[1], t[2], t[3], r->flagged, r->overdue);
out:
	db_finalize(s);
	return st;
}

/* ---- 一、各单位风险等级分布 -------------------------------------------------------- */

static const char per_agency_sql[] =
	AGENCY_SCOPE "SELECT a.code, a.name, sum(g.tier = '一级'), sum(g.tier = '二级'),"
	"  sum(g.tier = '三级'), count(*)" GRADED
	" GROUP BY a.code ORDER BY a.code";

/* The chart's geometry, in SVG user units (the figure is scaled to the page width). */
enum { CHART_W = 680, CHART_TOP = 30, ROW_H = 24, BAR_H = 16, TOTAL_W = 44 };

/* chart: the stacked bar chart of the tiers per agency: one bar per agency, a segment
 * per tier with its count written in it when it is wide enough to hold it, the total
 * after the bar.  s is per_agency_sql, already run once to find n, max and label. */
static rg_status chart(report *r, db_stmt *s, long n, long max, int label, rg_err *e)
{
	FILE *f = r->out;
	int left = label, bar_w = CHART_W - TOTAL_W - label;
	long height = CHART_TOP + n * ROW_H + 6;
	bool row;
	rg_status st;

	fprintf(f, "<figure id=\"tier-chart\">\n<svg xmlns=\"http://www.w3.org/2000/svg\""
		   " viewBox=\"0 0 %d %ld\" width=\"%d\" height=\"%ld\" role=\"img\""
		   " aria-label=\"各单位风险等级分布\" font-size=\"12\">\n",
		CHART_W, height, CHART_W, height);
	for (int i = 0; i < 3; i++)
		fprintf(f, "<rect x=\"%d\" y=\"6\" width=\"12\" height=\"12\" fill=\"%s\"/>"
			   "<text x=\"%d\" y=\"16\">%s</text>\n",
			left + i * 64, tier_fill[i], left + i * 64 + 16, tier_name[i]);
	db_reset(s);
	for (long i = 0;; i++) {
		if ((st = step(s, &row, "the tiers per agency", e)) != RG_OK)
			return st;
		if (!row)
			break;
		const char *code = db_col_text(s, 0);
		long y = CHART_TOP + i * ROW_H, cum = 0, total = (long)db_col_int(s, 5);
		fprintf(f, "<text x=\"%d\" y=\"%ld\" text-anchor=\"end\"", left - 6, y + 12);
		/* a name too long for the label column is squeezed, not cut off */
		if (text_width(db_col_text(s, 1)) * 13 / 2 > left - 12)
			fprintf(f, " textLength=\"%d\" lengthAdjust=\"spacingAndGlyphs\"", left - 12);
		fputs(">", f);
		esc(f, db_col_text(s, 1));
		fputs("</text>\n", f);
		for (int t = 0; t < 3; t++) {
			long c = (long)db_col_int(s, 2 + t);
			/* positions in tenths of a unit, from the running sum, so the segments
			 * meet exactly and the bytes do not depend on floating point */
			long x0 = left * 10L + cum * bar_w * 10L / max;
			long x1 = left * 10L + (cum + c) * bar_w * 10L / max;
			cum += c;
			if (c == 0)
				continue;
			fprintf(f, "<rect x=\"%ld.%ld\" y=\"%ld\" width=\"%ld.%ld\" height=\"%d\""
				   " fill=\"%s\" data-figure=\"bar:%s:", x0 / 10, x0 % 10, y,
				(x1 - x0) / 10, (x1 - x0) % 10, BAR_H, tier_fill[t], tier_key[t]);
			esc(f, code);
			fprintf(f, "\" data-count=\"%ld\"><title>", c);
			esc(f, db_col_text(s, 1));
			fprintf(f, " %s %ld</title></rect>\n", tier_name[t], c);
			/* a digit is about 7 units wide at this size */
			if (x1 - x0 >= 10L * (7 * (c >= 100 ? 3 : c >= 10 ? 2 : 1) + 4)) {
				long mid = (x0 + x1) / 2;
				fprintf(f, "<text x=\"%ld.%ld\" y=\"%ld\" text-anchor=\"middle\""
					   " fill=\"%s\">%ld</text>\n",
					mid / 10, mid % 10, y + 12, tier_ink[t], c);
			}
		}
		long xe = left * 10L + total * bar_w * 10L / max + 40;
		fprintf(f, "<text x=\"%ld.%ld\" y=\"%ld\" fill=\"#444\">%ld</text>\n", xe / 10,
			xe % 10, y + 12, total);
	}
	fputs("</svg>\n<figcaption>每条为一个单位本次评定的风险点，按等级分段，段内为个数，"
	      "条后为合计；数字见下表。</figcaption>\n</figure>\n", f);
	return RG_OK;
}

/* section_agencies: 一、 the chart and the table of tiers per agency. */
static rg_status section_agencies(report *r, rg_err *e)
{
	FILE *f = r->out;
	db_stmt *s = NULL;
	long n = 0, max = 0, sum[4] = {0, 0, 0, 0};
	int label = 0;
	bool row;
	rg_status st;

	fputs("<section id=\"agencies\">\n<h2>一、各单位风险等级分布</h2>\n", f);
	if ((st = query(r, per_agency_sql, 2, "the tiers per agency", &s, e)) != RG_OK)
		goto out;
	for (;;) {
		if ((st = step(s, &row, "the tiers per agency", e)) != RG_OK)
			goto out;
		if (!row)
			break;
		int w = text_width(db_col_text(s, 1));
		n++;
		if (db_col_int(s, 5) > max)
			max = (long)db_col_int(s, 5);
		if (w > label)
			label = w;
	}
	if (n == 0) {
		fputs("<p class=\"none\" data-figure=\"no-grades\">本次评定在本报告范围内没有"
		      "风险点。</p>\n</section>\n", f);
		goto out;
	}
	/* a wide (Chinese) character is about 12 units at this size, a narrow one 6.5 */
	label = 12 + label * 13 / 2;
	if (label < 60)
		label = 60;
	if (label > 260)
		label = 260;
	if ((st = chart(r, s, n, max, label, e)) != RG_OK)
		goto out;

	fputs("<table class=\"list\" id=\"tier-table\">\n<thead><tr><th>单位代码</th>"
	      "<th>单位名称</th>", f);
	for (int i = 0; i < 3; i++)
		fprintf(f, "<th class=\"n\">%s</th>", tier_name[i]);
	fputs("<th class=\"n\">合计</th></tr></thead>\n<tbody>\n", f);
	db_reset(s);
	for (;;) {
		if ((st = step(s, &row, "the tiers per agency", e)) != RG_OK)
			goto out;
		if (!row)
			break;
		const char *code = db_col_text(s, 0);
		fputs("<tr data-agency=\"", f);
		esc(f, code);
		fputs("\"><td>", f);
		esc(f, code);
		fputs("</td><td>", f);
		esc(f, db_col_text(s, 1));
		fputs("</td>", f);
		for (int i = 0; i < 4; i++) {
			long c = (long)db_col_int(s, 2 + i);
			sum[i] += c;
			fprintf(f, "<td class=\"n\" data-figure=\"%s:", i < 3 ? tier_key[i] : "total");
			esc(f, code);
			fprintf(f, "\">%ld</td>", c);
		}
		fputs("</tr>\n", f);
	}
	fputs("</tbody>\n<tfoot><tr><th colspan=\"2\">合计</th>", f);
	for (int i = 0; i < 4; i++)
		fprintf(f, "<th class=\"n\" data-figure=\"sum:%s\">%ld</th>",
			i < 3 ? tier_key[i] : "total", sum[i]);
	fputs("</tr></tfoot>\n</table>\n</section>\n", f);
out:
	db_finalize(s);
	return st;
}

/* ---- 二、风险矩阵 ------------------------------------------------------------------ */

static const char matrix_sql[] =
	AGENCY_SCOPE "SELECT g.likelihood, g.harm, count(*)" GRADED " GROUP BY 1, 2";

/* section_matrix: 二、 likelihood (rows, 5 at the top) × harm (columns): the number of
 * points in each cell, shaded by that number. */
static rg_status section_matrix(report *r, rg_err *e)
{
	FILE *f = r->out;
	db_stmt *s = NULL;
	long cell[6][6] = {{0}}, max = 0;
	bool row;
	rg_status st;

	if ((st = query(r, matrix_sql, 2, "the risk matrix", &s, e)) != RG_OK)
		goto out;
	for (;;) {
		if ((st = step(s, &row, "the risk matrix", e)) != RG_OK)
			goto out;
		if (!row)
			break;
		int64_t l = db_col_int(s, 0), h = db_col_int(s, 1);
		if (l < 1 || l > 5 || h < 1 || h > 5)
			continue; /* the schema's CHECK keeps factors in 1-5 */
		cell[l][h] = (long)db_col_int(s, 2);
		if (cell[l][h] > max)
			max = cell[l][h];
	}
	fputs("<section id=\"matrix\" class=\"keep\">\n<h2>二、风险矩阵</h2>\n"
	      "<p>本次评定各风险点按发生概率（行，5 最高）与危害程度（列，5 最高）分布，"
	      "格中为风险点个数，颜色越深个数越多；右上方为发生概率高且危害大的风险点。</p>\n"
	      "<table class=\"matrix\" id=\"risk-matrix\">\n"
	      "<thead><tr><th rowspan=\"2\">发生概率</th><th colspan=\"5\">危害程度</th></tr>\n<tr>",
	      f);
	for (int h = 1; h <= 5; h++)
		fprintf(f, "<th>%d</th>", h);
	fputs("</tr></thead>\n<tbody>\n", f);
	for (int l = 5; l >= 1; l--) {
		fprintf(f, "<tr><th>%d</th>", l);
		for (int h = 1; h <= 5; h++) {
			long c = cell[l][h];
			int shade = c == 0 ? 0 : (int)(1 + (c - 1) * 5 / max);
			fprintf(f, "<td class=\"h%d\" data-figure=\"matrix:%d:%d\">%ld</td>", shade, l,
				h, c);
		}
		fputs("</tr>\n", f);
	}
	fputs("</tbody>\n</table>\n</section>\n", f);
out:
	db_finalize(s);
	return st;
}

/* ---- 三、需重新评定 ---------------------------------------------------------------- */

static const char flag_counts_sql[] =
	AGENCY_SCOPE "SELECT f.code, f.label, count(*)"
	" FROM flags f JOIN points p ON p.code = f.point"
	" WHERE f.run = ?2 AND f.cleared_by IS NULL AND p.agency IN scope"
	" GROUP BY f.code, f.label ORDER BY count(*) DESC, f.code, f.label";

/* The flagged points with their open flags' labels, in the order of the flag codes. */
static const char flagged_sql[] =
	AGENCY_SCOPE "SELECT p.code, a.name, po.name, g.tier, g.score,"
	"  (SELECT group_concat(label, '；') FROM (SELECT label FROM flags"
	"    WHERE run = ?2 AND point = p.code AND cleared_by IS NULL ORDER BY code))"
	GRADED
	" AND EXISTS (SELECT 1 FROM flags f WHERE f.run = ?2 AND f.point = p.code"
	"   AND f.cleared_by IS NULL)"
	" ORDER BY p.code";

/* section_flags: 三、 open flags by reason, and the points they concern. */
static rg_status section_flags(report *r, rg_err *e)
{
	FILE *f = r->out;
	db_stmt *s = NULL;
	bool row;
	rg_status st = RG_OK;

	fputs("<section id=\"flags\">\n<h2>三、需重新评定</h2>\n", f);
	fprintf(f, "<p>本次评定提出重新评定事由 <span data-figure=\"flags-open\">%ld</span> 条，"
		   "涉及风险点 <span data-figure=\"flagged-points\">%ld</span> 个"
		   "（另有 <span data-figure=\"flags-cleared\">%ld</span> 条已经集体审定清除，"
		   "不计在内）。</p>\n", r->flags_open, r->flagged, r->flags_cleared);
	if (r->flags_open == 0) {
		fputs("<p class=\"none\">没有待处理的重新评定事由。</p>\n</section>\n", f);
		goto out;
	}
	fputs("<table class=\"grid keep\" id=\"flag-counts\">\n<thead><tr><th>代码</th>"
	      "<th>事由</th><th class=\"n\">条数</th></tr></thead>\n<tbody>\n", f);
	if ((st = query(r, flag_counts_sql, 2, "the flags by reason", &s, e)) != RG_OK)
		goto out;
	for (;;) {
		if ((st = step(s, &row, "the flags by reason", e)) != RG_OK)
			goto out;
		if (!row)
			break;
		fputs("<tr><td><code>", f);
		esc(f, db_col_text(s, 0));
		fputs("</code></td><td>", f);
		esc(f, db_col_text(s, 1));
		fputs("</td><td class=\"n\" data-figure=\"flag:", f);
		esc(f, db_col_text(s, 0));
		fprintf(f, "\">%ld</td></tr>\n", (long)db_col_int(s, 2));
	}
	fputs("</tbody>\n</table>\n", f);
	db_finalize(s);
	s = NULL;

	fputs("<h3>需重新评定的风险点</h3>\n<table class=\"list\" id=\"flagged\">\n<thead><tr>"
	      "<th>风险点编号</th><th>单位</th><th>岗位</th><th>风险等级</th>"
	      "<th class=\"n\">得分</th><th>事由</th></tr></thead>\n<tbody>\n", f);
	if ((st = query(r, flagged_sql, 2, "the flagged points", &s, e)) != RG_OK)
		goto out;
	for (;;) {
		if ((st = step(s, &row, "the flagged points", e)) != RG_OK)
			goto out;
		if (!row)
			break;
		fputs("<tr data-figure=\"flagged\" data-point=\"", f);
		esc(f, db_col_text(s, 0));
		fputs("\"><td>", f);
		esc(f, db_col_text(s, 0));
		fputs("</td><td class=\"w\">", f);
		esc(f, db_col_text(s, 1));
		fputs("</td><td class=\"w\">", f);
		esc(f, db_col_text(s, 2));
		fputs("</td><td>", f);
		put_tier(f, db_col_text(s, 3));
		fputs("</td><td class=\"n\">", f);
		put_score(f, db_col_double(s, 4));
		fputs("</td><td class=\"w\">", f);
		esc(f, db_col_text(s, 5));
		fputs("</td></tr>\n", f);
	}
	fputs("</tbody>\n</table>\n</section>\n", f);
out:
	db_finalize(s);
	return st;
}

/* ---- 四、预警 ---------------------------------------------------------------------- */

static const char warning_counts_sql[] =
	AGENCY_SCOPE "SELECT ws.name, (SELECT count(*)" WARNED " AND w.status = ws.name)"
	" FROM enum_warning_status ws ORDER BY ws.ord";

static const char overdue_sql[] =
	AGENCY_SCOPE "SELECT w.id, w.point, a.name, w.reason, w.disposition,"
	"  coalesce(pe.name, '（未指定）'), w.due, w.status,"
	"  CAST(julianday(?3) - julianday(w.due) AS INTEGER)"
	" FROM warnings w JOIN points p ON p.code = w.point"
	" JOIN agencies a ON a.code = p.agency"
	" LEFT JOIN persons pe ON pe.code = w.responsible"
	" WHERE w.run <= ?2 AND p.agency IN scope"
	"  AND w.status IN ('发布', '签收') AND w.due < ?3"
	" ORDER BY w.due, w.id";

/* section_warnings: 四、 the warnings up to this run by status, and the overdue ones. */
static rg_status section_warnings(report *r, rg_err *e)
{
	FILE *f = r->out;
	db_stmt *s = NULL;
	long total = 0;
	bool row;
	rg_status st;

	fprintf(f, "<section id=\"warnings\">\n<h2>四、预警</h2>\n<p>截至第 %ld 次评定发出的"
		   "预警（预警跨批次跟踪，状态为当前状态），按状态：</p>\n"
		   "<table class=\"grid keep\" id=\"warning-counts\">\n<thead><tr>", r->run);
	if ((st = query(r, warning_counts_sql, 2, "the warnings by status", &s, e)) != RG_OK)
		goto out;
	for (;;) {
		if ((st = step(s, &row, "the warnings by status", e)) != RG_OK)
			goto out;
		if (!row)
			break;
		fputs("<th class=\"n\">", f);
		esc(f, db_col_text(s, 0));
		fputs("</th>", f);
	}
	fputs("<th class=\"n\">合计</th></tr></thead>\n<tbody><tr>", f);
	db_reset(s);
	for (;;) {
		if ((st = step(s, &row, "the warnings by status", e)) != RG_OK)
			goto out;
		if (!row)
			break;
		long c = (long)db_col_int(s, 1);
		total += c;
		fputs("<td class=\"n\" data-figure=\"warn:", f);
		esc(f, db_col_text(s, 0));
		fprintf(f, "\">%ld</td>", c);
	}
	fprintf(f, "<td class=\"n\" data-figure=\"warn-total\">%ld</td></tr></tbody>\n</table>\n",
		total);
	db_finalize(s);
	s = NULL;

	fputs("<h3>逾期预警</h3>\n<p>状态为发布或签收、完成时限早于 ", f);
	esc(f, r->as_of);
	fprintf(f, " 的预警 <span data-figure=\"overdue\">%ld</span> 条。</p>\n", r->overdue);
	if (r->overdue == 0) {
		fputs("</section>\n", f);
		goto out;
	}
	fputs("<table class=\"list\" id=\"overdue\">\n<thead><tr><th class=\"n\">预警编号</th>"
	      "<th>风险点编号</th><th>单位</th><th>预警事由</th><th>处置方式</th>"
	      "<th>责任人</th><th>完成时限</th><th>状态</th><th class=\"n\">逾期天数</th>"
	      "</tr></thead>\n<tbody>\n", f);
	if ((st = query(r, overdue_sql, 3, "the overdue warnings", &s, e)) != RG_OK)
		goto out;
	for (;;) {
		if ((st = step(s, &row, "the overdue warnings", e)) != RG_OK)
			goto out;
		if (!row)
			break;
		fprintf(f, "<tr data-figure=\"overdue-row\" data-warning=\"%ld\" data-point=\"",
			(long)db_col_int(s, 0));
		esc(f, db_col_text(s, 1));
		fprintf(f, "\"><td class=\"n\">%ld</td>", (long)db_col_int(s, 0));
		for (int i = 1; i <= 7; i++) {
			fputs(i == 2 || i == 3 ? "<td class=\"w\">" : "<td>", f);
			esc(f, db_col_text(s, i));
			fputs("</td>", f);
		}
		fprintf(f, "<td class=\"n\">%ld</td></tr>\n", (long)db_col_int(s, 8));
	}
	fputs("</tbody>\n</table>\n</section>\n", f);
out:
	db_finalize(s);
	return st;
}

/* ---- 五、与上次评定相比 ------------------------------------------------------------ */

static const char prev_sql[] =
	"SELECT r.id, r.as_of FROM runs r WHERE r.id = (SELECT max(id) FROM runs WHERE id < ?2)";

/* Points graded in both runs whose tier differs; 升 when the tier is now higher
 * (一级 is the highest: a smaller ord). */
static const char changed_sql[] =
	AGENCY_SCOPE "SELECT p.code, a.name, po.name, g0.tier, g.tier, g0.score, g.score,"
	"  CASE WHEN t.ord < t0.ord THEN '升' ELSE '降' END AS dir"
	GRADED_FROM
	" JOIN grades g0 ON g0.point = g.point AND g0.run = ?4"
	" JOIN enum_tier t ON t.name = g.tier JOIN enum_tier t0 ON t0.name = g0.tier"
	GRADED_WHERE " AND g0.tier <> g.tier"
	" ORDER BY dir, p.code";

/* section_changes: 五、 the points whose tier changed since the previous run. */
static rg_status section_changes(report *r, rg_err *e)
{
	FILE *f = r->out;
	db_stmt *s = NULL;
	long up = 0, down = 0;
	char prev_as_of[DATE_BUF] = "";
	bool row;
	rg_status st;

	fputs("<section id=\"changes\">\n<h2>五、与上次评定相比</h2>\n", f);
	if ((st = query(r, prev_sql, 2, "the previous run", &s, e)) != RG_OK ||
	    (st = step(s, &row, "the previous run", e)) != RG_OK)
		goto out;
	if (!row) {
		fputs("<p data-figure=\"first-run\">首次评定：此前没有评定记录，无从比较。</p>\n"
		      "</section>\n", f);
		goto out;
	}
	r->prev = (long)db_col_int(s, 0);
	snprintf(prev_as_of, sizeof prev_as_of, "%s",
		 db_col_text(s, 1) != NULL ? db_col_text(s, 1) : "");
	db_finalize(s);
	s = NULL;

	/* count first, so the summary can come before the list */
	if ((st = query(r, changed_sql, 4, "the changed points", &s, e)) != RG_OK)
		goto out;
	for (;;) {
		if ((st = step(s, &row, "the changed points", e)) != RG_OK)
			goto out;
		if (!row)
			break;
		if (strcmp(db_col_text(s, 7), "升") == 0)
			up++;
		else
			down++;
	}
	fprintf(f, "<p>与第 <span data-figure=\"prev-run\">%ld</span> 次评定（基准日 ", r->prev);
	esc(f, prev_as_of);
	fprintf(f, "）相比，两次都评定的风险点中等级变化的 "
		   "<span data-figure=\"change-total\">%ld</span> 个：等级升高 "
		   "<span data-figure=\"change:升\">%ld</span> 个，等级降低 "
		   "<span data-figure=\"change:降\">%ld</span> 个。</p>\n", up + down, up, down);
	if (up + down == 0) {
		fputs("<p class=\"none\">各风险点等级与上次相同。</p>\n</section>\n", f);
		goto out;
	}
	fputs("<table class=\"list\" id=\"changed\">\n<thead><tr><th>变化</th><th>风险点编号</th>"
	      "<th>单位</th><th>岗位</th><th>上次等级</th><th>本次等级</th>"
	      "<th class=\"n\">上次得分</th><th class=\"n\">本次得分</th></tr></thead>\n<tbody>\n",
	      f);
	db_reset(s);
	for (;;) {
		if ((st = step(s, &row, "the changed points", e)) != RG_OK)
			goto out;
		if (!row)
			break;
		bool is_up = strcmp(db_col_text(s, 7), "升") == 0;
		fputs("<tr data-figure=\"changed\" data-point=\"", f);
		esc(f, db_col_text(s, 0));
		fputs("\" data-from=\"", f);
		esc(f, db_col_text(s, 3));
		fputs("\" data-to=\"", f);
		esc(f, db_col_text(s, 4));
		fprintf(f, "\" data-change=\"%s\"><td class=\"%s\">%s</td><td>",
			is_up ? "升" : "降", is_up ? "up" : "down", is_up ? "升 ▲" : "降 ▼");
		esc(f, db_col_text(s, 0));
		fputs("</td><td class=\"w\">", f);
		esc(f, db_col_text(s, 1));
		fputs("</td><td class=\"w\">", f);
		esc(f, db_col_text(s, 2));
		fputs("</td><td>", f);
		put_tier(f, db_col_text(s, 3));
		fputs("</td><td>", f);
		put_tier(f, db_col_text(s, 4));
		fputs("</td><td class=\"n\">", f);
		put_score(f, db_col_double(s, 5));
		fputs("</td><td class=\"n\">", f);
		put_score(f, db_col_double(s, 6));
		fputs("</td></tr>\n", f);
	}
	fputs("</tbody>\n</table>\n</section>\n", f);
out:
	db_finalize(s);
	return st;
}

/* ---- 六、重点风险 ------------------------------------------------------------------ */

static const char top_sql[] =
	AGENCY_SCOPE "SELECT p.code, a.name, po.name, g.tier, g.score, p.manifestation"
	GRADED
	" ORDER BY g.score DESC, p.code LIMIT 10";

/* section_top: 六、 the ten highest scores of the run (ties by point code). */
static rg_status section_top(report *r, rg_err *e)
{
	FILE *f = r->out;
	db_stmt *s = NULL;
	bool row;
	rg_status st;

	fputs("<section id=\"top\">\n<h2>六、重点风险</h2>\n<p>本次评定得分最高的风险点"
	      "（至多 10 个，同分按编号）：</p>\n"
	      "<table class=\"list\" id=\"top-risks\">\n<thead><tr><th class=\"n\">序号</th>"
	      "<th>风险点编号</th><th>单位</th><th>岗位</th><th>风险等级</th>"
	      "<th class=\"n\">得分</th><th>表现形式</th></tr></thead>\n<tbody>\n", f);
	if ((st = query(r, top_sql, 2, "the top risks", &s, e)) != RG_OK)
		goto out;
	for (int i = 1;; i++) {
		if ((st = step(s, &row, "the top risks", e)) != RG_OK)
			goto out;
		if (!row)
			break;
		fprintf(f, "<tr data-figure=\"top\" data-rank=\"%d\" data-point=\"", i);
		esc(f, db_col_text(s, 0));
		fputs("\" data-score=\"", f);
		put_score(f, db_col_double(s, 4));
		fprintf(f, "\"><td class=\"n\">%d</td><td>", i);
		esc(f, db_col_text(s, 0));
		fputs("</td><td class=\"w\">", f);
		esc(f, db_col_text(s, 1));
		fputs("</td><td class=\"w\">", f);
		esc(f, db_col_text(s, 2));
		fputs("</td><td>", f);
		put_tier(f, db_col_text(s, 3));
		fputs("</td><td class=\"n\">", f);
		put_score(f, db_col_double(s, 4));
		fputs("</td><td class=\"w\">", f);
		esc(f, db_col_text(s, 5));
		fputs("</td></tr>\n", f);
	}
	fputs("</tbody>\n</table>\n</section>\n", f);
out:
	db_finalize(s);
	return st;
}

/* write_report: the whole page to r->out.  Write errors are found by the caller from
 * the stream's error flag. */
static rg_status write_report(report *r, rg_err *e)
{
	rg_status st;

	if ((st = section_header(r, e)) != RG_OK || (st = section_agencies(r, e)) != RG_OK ||
	    (st = section_matrix(r, e)) != RG_OK || (st = section_flags(r, e)) != RG_OK ||
	    (st = section_warnings(r, e)) != RG_OK || (st = section_changes(r, e)) != RG_OK ||
	    (st = section_top(r, e)) != RG_OK)
		return st;
	fprintf(r->out, "<footer>riskgrade %s 生成 · 第 %ld 次评定 · 逾期判断日 ", RG_VERSION,
		r->run);
	esc(r->out, r->as_of);
	fputs("</footer>\n</body>\n</html>\n", r->out);
	return RG_OK;
}

/* ---- the command ------------------------------------------------------------------- */

rg_status cmd_report(int argc, char **argv, rg_err *e)
{
	const char *pos[1], *run_text = NULL, *as_of = NULL, *agency = NULL, *path = NULL;
	arg_opt opts[] = {{"-o", &path, NULL},
			  {"--run", &run_text, NULL},
			  {"--as-of", &as_of, NULL},
			  {"--agency", &agency, NULL},
			  {NULL, NULL, NULL}};
	char stamp[STAMP_BUF], today[DATE_BUF];
	report r = {0};
	atomic_file af = {0};
	bool helped, to_stdout;
	int npos, err;
	long days;
	rg_status st;

	st = args_parse(argc, argv, opts, pos, 1, 1, &npos, &helped, usage, help, e);
	if (st != RG_OK || helped)
		return st;
	if (path == NULL || *path == '\0')
		return err_set(e, RG_USAGE, "report: -o FILE is required (- for standard output)"
				"\nusage: %s", usage);
	if (as_of != NULL && !date_parse(as_of, &days))
		return err_set(e, RG_USAGE, "--as-of: expected a date YYYY-MM-DD, got \"%s\"",
			       as_of);
	if (as_of == NULL) {
		if ((st = date_now(stamp, today, e)) != RG_OK)
			return st;
		as_of = today;
	}
	to_stdout = strcmp(path, "-") == 0;
	r.as_of = as_of;
	r.agency = agency;

	if ((st = db_open(pos[0], &r.d, e)) != RG_OK)
		goto out;
	if ((st = run_resolve(r.d, run_text, &r.run, e)) != RG_OK)
		goto out;
	if (agency != NULL && (st = lookup_agency(r.d, "--agency", agency, e)) != RG_OK)
		goto out;
	if (to_stdout) {
		r.out = stdout;
	} else if ((err = atomic_begin(&af, path, true)) != 0) {
		st = err_set(e, RG_IO, "%s: cannot write: %s", path, strerror(err));
		goto out;
	} else {
		r.out = af.f;
	}

	if ((st = write_report(&r, e)) != RG_OK)
		goto out;
	if (to_stdout) {
		if (fflush(stdout) != 0 || ferror(stdout))
			st = err_set(e, RG_IO, "cannot write to standard output");
	} else if ((err = atomic_sync(&af)) != 0 || (err = atomic_rename(&af)) != 0) {
		st = err_set(e, RG_IO, "%s: cannot write: %s", path, strerror(err));
	} else {
		printf("%s: report of run %ld written (%ld point%s)\n", path, r.run, r.npoints,
		       r.npoints == 1 ? "" : "s");
	}
out:
	atomic_abort(&af);
	db_close(r.d);
	return st;
}

/*
 * page.c: the report's HTML page, section by section in the order of the review meeting:
 * the header (the run, its rule packs, the totals), 一、 the tiers per agency, 二、 the
 * risk matrix, 三、 the re-grading flags, 四、 the warnings, 五、 the changes since the
 * previous run, 六、 the top risks.  The figures over the whole run are counted once,
 * with the header (report_totals_read); each list is read as its section is written.
 * Depends on report.h (the figures), chart.h, html.h, vocab.h, status.h.
 */
#include "page.h"

#include <errno.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "chart.h"
#include "html.h"
#include "vocab.h"

/* What the sections share while the page is written. */
typedef struct {
	report *r;       /* what is reported on */
	FILE *f;         /* the HTML being written */
	report_totals t; /* the figures over the whole run, counted with the header */
} page;

/* The report's own stylesheet, after the one every page shares (html.h): its headings,
 * lists, grids, summary, charts, the tiers' colours t1..t3 and the heat map's shades
 * h0..h5, which chart.c names. */
static const char page_css[] =
	"h2 { font-size: 13.5pt; border-bottom: 2px solid #8b0000; padding-bottom: 1mm;"
	" margin: 7mm 0 3mm; break-after: avoid; page-break-after: avoid }\n"
	"h3 { font-size: 11pt; margin: 4mm 0 2mm; break-after: avoid; page-break-after: avoid }\n"
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
	"footer { margin-top: 8mm; font-size: 8.5pt; color: #777; text-align: center }\n";

/* ---- pieces of rows ----------------------------------------------------------------- */

/* td_tier: a cell with a tier in its colour (class t1..t3; "" for anything else). */
static void td_tier(FILE *f, const char *tier)
{
	int i = vocab_index(vocab_tier, VOCAB_TIERS, tier);

	if (i < 0)
		fputs("<td><span class=\"\">", f);
	else
		fprintf(f, "<td><span class=\"t%d\">", i + 1);
	html_text(f, tier);
	fputs("</span></td>", f);
}

/* td_tier_level: a tier's cell with the method's own level beside it, when it gave one. */
static void td_tier_level(FILE *f, const char *tier, const char *level)
{
	if (level == NULL) {
		td_tier(f, tier);
		return;
	}
	int i = vocab_index(vocab_tier, VOCAB_TIERS, tier);
	fprintf(f, "<td><span class=\"t%d\">", i < 0 ? 0 : i + 1);
	html_text(f, tier);
	fputs("</span> ", f);
	html_text(f, level);
	fputs("</td>", f);
}

/* point_cells: the cells of a point that the flagged points and the top risks share,
 * from its code to its note (then its declared facts, when facts), and the end of the
 * row. */
static void point_cells(FILE *f, const report_point_row *p, bool facts)
{
	html_td(f, NULL, p->point);
	html_td(f, "w", p->agency);
	html_td(f, "w", p->post);
	td_tier_level(f, p->tier, p->level);
	html_td_number(f, p->score);
	html_td(f, "w", p->note);
	if (facts)
		html_td(f, "w", p->facts);
	fputs("</tr>\n", f);
}

/* ---- the header --------------------------------------------------------------------- */

/* header_run: the table of the run: its number and dates, who ran it, its scope and the
 * report's.  RG_INPUT if the run does not exist. */
static rg_status header_run(page *p, rg_err *e)
{
	FILE *f = p->f;
	report_list l = {0};
	report_run_row run;
	bool got;
	rg_status st;

	fputs("<header>\n<h1>廉政风险防控评定报告</h1>\n<table class=\"meta\">\n", f);
	if ((st = report_open(p->r, REPORT_RUN, &l, e)) != RG_OK ||
	    (st = report_next_run(&l, &run, &got, e)) != RG_OK)
		goto out;
	if (!got) {
		st = err_set(e, RG_INPUT, "--run: no run %ld", p->r->run);
		goto out;
	}
	fprintf(f, "<tr><th>评定批次</th><td>第 <span data-figure=\"run\">%ld</span> 次评定"
		   "</td></tr>\n", p->r->run);
	fputs("<tr><th>评定基准日</th><td data-figure=\"run-as-of\">", f);
	html_text(f, run.as_of);
	fputs("</td></tr>\n<tr><th>逾期判断日</th><td><span data-figure=\"as-of\">", f);
	html_text(f, p->r->as_of);
	fputs("</span>（完成时限早于此日而仍为发布、签收的预警为逾期）</td></tr>\n", f);
	fputs("<tr><th>评定记录时间</th><td data-figure=\"created-at\">", f);
	if (run.created_at != NULL)
		html_time(f, run.created_at);
	else
		fputs("未记录", f);
	fputs("</td></tr>\n<tr><th>执行人</th><td>", f);
	html_text(f, run.actor != NULL ? run.actor : "未记录");
	fputs("</td></tr>\n<tr><th>评定范围</th><td data-figure=\"run-scope\">", f);
	if (run.scope == NULL) {
		fputs("全部单位", f);
	} else {
		html_text(f, run.scope_name);
		fputs("（", f);
		html_text(f, run.scope);
		fputs("）及下属单位", f);
	}
	fputs("</td></tr>\n<tr><th>本报告范围</th><td data-figure=\"scope\">", f);
	if (p->r->agency == NULL) {
		fputs("全部单位", f);
	} else {
		html_text(f, run.agency_name);
		fputs("（", f);
		html_text(f, p->r->agency);
		fputs("）及下属单位", f);
	}
	fputs("</td></tr>\n</table>\n", f);
out:
	report_close(&l);
	return st;
}

/* header_packs: the rule packs of the run, each with the SHA-256 of its file. */
static rg_status header_packs(page *p, rg_err *e)
{
	static const html_col cols[] = {
		{"规则包", false}, {"文件", false}, {"继承自", false}, {"SHA-256", false}};
	FILE *f = p->f;
	report_list l = {0};
	report_pack_row k;
	bool got;
	rg_status st;

	fputs("<h3>规则包</h3>\n", f);
	html_table_begin(f, "list keep", NULL, cols, 4);
	if ((st = report_open(p->r, REPORT_PACKS, &l, e)) != RG_OK)
		goto out;
	while ((st = report_next_pack(&l, &k, &got, e)) == RG_OK && got) {
		fputs("<tr>", f);
		html_td(f, NULL, k.pack);
		fputs("<td class=\"w\"><code>", f);
		html_text(f, k.path);
		fputs("</code></td>", f);
		html_td(f, NULL, k.parent != NULL ? k.parent : "—");
		fputs("<td><code data-figure=\"pack:", f);
		html_text(f, k.pack);
		fputc('"', f);
		html_attr(f, "data-sha256", k.sha256);
		html_attr(f, "title", k.sha256);
		/* the first twelve hex digits are enough to compare by eye */
		fprintf(f, ">%.12s</code></td></tr>\n", k.sha256 != NULL ? k.sha256 : "");
	}
	if (st == RG_OK)
		html_table_end(f);
out:
	report_close(&l);
	return st;
}

/* header_summary: the totals, as a table of big numbers and as a sentence. */
static void header_summary(page *p)
{
	FILE *f = p->f;
	const report_totals *t = &p->t;

	fputs("<h3>评定结果</h3>\n<table class=\"summary\">\n<tr><th>风险点</th>", f);
	for (int i = 0; i < VOCAB_TIERS; i++)
		fprintf(f, "<th class=\"t%d\">%s</th>", i + 1, vocab_tier[i]);
	fputs("<th>需重新评定</th><th>逾期预警</th></tr>\n<tr>", f);
	fprintf(f, "<td data-figure=\"points\">%ld</td>", t->points);
	for (int i = 0; i < VOCAB_TIERS; i++)
		fprintf(f, "<td class=\"t%d\" data-figure=\"tier%d\">%ld</td>", i + 1, i + 1,
			t->tier[i]);
	fprintf(f, "<td data-figure=\"flagged-points-total\">%ld</td>"
		   "<td data-figure=\"overdue-total\">%ld</td></tr>\n</table>\n", t->flagged,
		t->overdue);
	fprintf(f, "<p>本次评定风险点 %ld 个：", t->points);
	for (int i = 0; i < VOCAB_TIERS; i++)
		fprintf(f, "%s%s %ld 个", i > 0 ? "，" : "", vocab_tier[i], t->tier[i]);
	fprintf(f, "；需重新评定的风险点 %ld 个；逾期预警 %ld 条。</p>\n</header>\n", t->flagged,
		t->overdue);
}

/* section_header: the page's head, the title, the run and its packs, and the totals
 * (kept in p->t for the sections after it). */
static rg_status section_header(page *p, rg_err *e)
{
	rg_status st;

	html_page_begin(p->f, "廉政风险防控评定报告", page_css);
	if ((st = header_run(p, e)) != RG_OK || (st = header_packs(p, e)) != RG_OK ||
	    (st = report_totals_read(p->r, &p->t, e)) != RG_OK)
		return st;
	header_summary(p);
	return RG_OK;
}

/* ---- 一、各单位风险等级分布 -------------------------------------------------------- */

/* bars: the tiers per agency of t as the chart's bars (malloc'd; the strings are t's),
 * or NULL when out of memory. */
static chart_bar *bars(const report_totals *t)
{
	chart_bar *v = malloc((size_t)(t->nagencies > 0 ? t->nagencies : 1) * sizeof *v);

	for (long i = 0; v != NULL && i < t->nagencies; i++) {
		const report_agency *a = &t->agencies[i];
		v[i] = (chart_bar){.code = a->code, .name = a->name, .total = a->total};
		memcpy(v[i].count, a->tier, sizeof v[i].count);
	}
	return v;
}

/* agency_table: the table of the tiers per agency, with the sums at the foot. */
static void agency_table(FILE *f, const chart_bar *bars, long n)
{
	html_col cols[2 + VOCAB_TIERS + 1] = {{"单位代码", false}, {"单位名称", false}};
	long sum[VOCAB_TIERS + 1] = {0};
	char key[16];

	for (int i = 0; i < VOCAB_TIERS; i++)
		cols[2 + i] = (html_col){vocab_tier[i], true};
	cols[2 + VOCAB_TIERS] = (html_col){"合计", true};
	html_table_begin(f, "list", "tier-table", cols, 2 + VOCAB_TIERS + 1);
	for (long r = 0; r < n; r++) {
		fputs("<tr", f);
		html_attr(f, "data-agency", bars[r].code);
		fputs(">", f);
		html_td(f, NULL, bars[r].code);
		html_td(f, NULL, bars[r].name);
		for (int i = 0; i < VOCAB_TIERS; i++) {
			snprintf(key, sizeof key, "tier%d", i + 1);
			html_td_figure(f, key, bars[r].code, bars[r].count[i]);
			sum[i] += bars[r].count[i];
		}
		html_td_figure(f, "total", bars[r].code, bars[r].total);
		sum[VOCAB_TIERS] += bars[r].total;
		fputs("</tr>\n", f);
	}
	fputs("</tbody>\n<tfoot><tr><th colspan=\"2\">合计</th>", f);
	for (int i = 0; i < VOCAB_TIERS; i++)
		fprintf(f, "<th class=\"n\" data-figure=\"sum:tier%d\">%ld</th>", i + 1, sum[i]);
	fprintf(f, "<th class=\"n\" data-figure=\"sum:total\">%ld</th>", sum[VOCAB_TIERS]);
	fputs("</tr></tfoot>\n</table>\n", f);
}

/* level_table: when the run's method gives levels of its own, the table of them beside
 * each tier: 风险等级, 方法等级, 风险点. */
static void level_table(page *p)
{
	static const html_col cols[] = {{"风险等级", false}, {"方法等级", false}, {"风险点", true}};
	FILE *f = p->f;

	if (p->t.nlevels == 0)
		return;
	fputs("<p>本次评定所用方法给出的等级（方法等级），按风险等级分组：</p>\n", f);
	html_table_begin(f, "list", "level-table", cols, 3);
	for (long i = 0; i < p->t.nlevels; i++) {
		const report_level *lv = &p->t.levels[i];
		fputs("<tr>", f);
		td_tier(f, vocab_tier[lv->tier]);
		html_td(f, NULL, lv->level);
		html_td_number(f, (double)lv->count);
		fputs("</tr>\n", f);
	}
	html_table_end(f);
}

/* section_agencies: 一、 the chart and the table of tiers per agency. */
static rg_status section_agencies(page *p, rg_err *e)
{
	FILE *f = p->f;
	long n = p->t.nagencies;

	fputs("<section id=\"agencies\">\n<h2>一、各单位风险等级分布</h2>\n", f);
	if (n == 0) {
		fputs("<p class=\"none\" data-figure=\"no-grades\">本次评定在本报告范围内没有"
		      "风险点。</p>\n</section>\n", f);
		return RG_OK;
	}
	chart_bar *v = bars(&p->t);
	if (v == NULL)
		return err_set(e, RG_IO, "report: the tiers per agency: out of memory");
	fputs("<figure id=\"tier-chart\">\n", f);
	chart_tiers(f, "各单位风险等级分布", v, n);
	fputs("<figcaption>每条为一个单位本次评定的风险点，按等级分段，段内为个数，"
	      "条后为合计；数字见下表。</figcaption>\n</figure>\n", f);
	agency_table(f, v, n);
	free(v);
	level_table(p);
	fputs("</section>\n", f);
	return RG_OK;
}

/* ---- 二、风险矩阵 ------------------------------------------------------------------ */

/* section_matrix: 二、 likelihood (rows, 5 at the top) × harm (columns): the number of
 * points in each cell, shaded by that number. */
static void section_matrix(page *p)
{
	fputs("<section id=\"matrix\" class=\"keep\">\n<h2>二、风险矩阵</h2>\n"
	      "<p>本次评定各风险点按发生概率（行，5 最高）与危害程度（列，5 最高）分布，"
	      "格中为风险点个数，颜色越深个数越多；右上方为发生概率高且危害大的风险点。</p>\n",
	      p->f);
	chart_heatmap(p->f, "risk-matrix", "发生概率", "危害程度", p->t.cell, REPORT_SCALE);
	fputs("</section>\n", p->f);
}

/* ---- 三、需重新评定 ---------------------------------------------------------------- */

/* flag_counts: the table of the open flags by reason, each named by its Chinese label
 * (its code, measure_failed and the like, only in the figure's key). */
static void flag_counts(page *p)
{
	static const html_col cols[] = {{"事由", false}, {"条数", true}};
	FILE *f = p->f;

	html_table_begin(f, "grid keep", "flag-counts", cols, 2);
	for (long i = 0; i < p->t.nreasons; i++) {
		const report_reason *k = &p->t.reasons[i];
		fputs("<tr>", f);
		html_td(f, NULL, k->label);
		html_td_figure(f, "flag", k->code, k->count);
		fputs("</tr>\n", f);
	}
	html_table_end(f);
}

/* section_flags: 三、 open flags by reason, and the points they concern. */
static rg_status section_flags(page *p, rg_err *e)
{
	static const html_col cols[] = {{"风险点编号", false}, {"单位", false},
					{"岗位", false},       {"风险等级", false},
					{"得分", true},        {"事由", false}};
	FILE *f = p->f;
	report_list l = {0};
	report_point_row pt;
	bool got;
	rg_status st = RG_OK;

	fputs("<section id=\"flags\">\n<h2>三、需重新评定</h2>\n", f);
	fprintf(f, "<p>本次评定提出重新评定事由 <span data-figure=\"flags-open\">%ld</span> 条，"
		   "涉及风险点 <span data-figure=\"flagged-points\">%ld</span> 个"
		   "（另有 <span data-figure=\"flags-cleared\">%ld</span> 条已经集体审定清除，"
		   "不计在内）。</p>\n", p->t.flags_open, p->t.flagged, p->t.flags_cleared);
	if (p->t.flags_open == 0) {
		fputs("<p class=\"none\">没有待处理的重新评定事由。</p>\n</section>\n", f);
		goto out;
	}
	flag_counts(p);
	fputs("<h3>需重新评定的风险点</h3>\n", f);
	html_table_begin(f, "list", "flagged", cols, 6);
	if ((st = report_open(p->r, REPORT_FLAGGED, &l, e)) != RG_OK)
		goto out;
	while ((st = report_next_point(&l, &pt, &got, e)) == RG_OK && got) {
		fputs("<tr data-figure=\"flagged\"", f);
		html_attr(f, "data-point", pt.point);
		fputs(">", f);
		point_cells(f, &pt, false);
	}
	if (st == RG_OK) {
		html_table_end(f);
		fputs("</section>\n", f);
	}
out:
	report_close(&l);
	return st;
}

/* ---- 四、预警 ---------------------------------------------------------------------- */

/* warning_counts: the table of the warnings up to the run, a column per status. */
static void warning_counts(page *p)
{
	FILE *f = p->f;
	long total = 0;

	fputs("<table class=\"grid keep\" id=\"warning-counts\">\n<thead><tr>", f);
	for (int i = 0; i < VOCAB_STATUSES; i++)
		html_th_row(f, &(html_col){vocab_status[i], true}, 1);
	fputs("<th class=\"n\">合计</th></tr></thead>\n<tbody><tr>", f);
	for (int i = 0; i < VOCAB_STATUSES; i++) {
		total += p->t.warnings[i];
		html_td_figure(f, "warn", vocab_status[i], p->t.warnings[i]);
	}
	fprintf(f, "<td class=\"n\" data-figure=\"warn-total\">%ld</td></tr></tbody>\n</table>\n",
		total);
}

/* section_warnings: 四、 the warnings up to this run by status, and the overdue ones. */
static rg_status section_warnings(page *p, rg_err *e)
{
	static const html_col cols[] = {
		{"预警编号", true}, {"风险点编号", false}, {"单位", false},
		{"预警事由", false}, {"处置方式", false},   {"责任人", false},
		{"完成时限", false}, {"状态", false},       {"逾期天数", true}};
	FILE *f = p->f;
	report_list l = {0};
	report_overdue_row w;
	bool got;
	rg_status st = RG_OK;

	fprintf(f, "<section id=\"warnings\">\n<h2>四、预警</h2>\n<p>截至第 %ld 次评定发出的"
		   "预警（预警跨批次跟踪，状态为当前状态），按状态：</p>\n", p->r->run);
	warning_counts(p);
	fputs("<h3>逾期预警</h3>\n<p>状态为发布或签收、完成时限早于 ", f);
	html_text(f, p->r->as_of);
	fprintf(f, " 的预警 <span data-figure=\"overdue\">%ld</span> 条。</p>\n", p->t.overdue);
	if (p->t.overdue == 0) {
		fputs("</section>\n", f);
		goto out;
	}
	html_table_begin(f, "list", "overdue", cols, 9);
	if ((st = report_open(p->r, REPORT_OVERDUE, &l, e)) != RG_OK)
		goto out;
	while ((st = report_next_overdue(&l, &w, &got, e)) == RG_OK && got) {
		fprintf(f, "<tr data-figure=\"overdue-row\" data-warning=\"%ld\"", w.id);
		html_attr(f, "data-point", w.point);
		fprintf(f, "><td class=\"n\">%ld</td>", w.id);
		html_td(f, NULL, w.point);
		html_td(f, "w", w.agency);
		html_td(f, "w", w.reason);
		html_td(f, NULL, w.disposition);
		html_td(f, NULL, w.responsible);
		html_td(f, NULL, w.due);
		html_td(f, NULL, w.status);
		fprintf(f, "<td class=\"n\">%ld</td></tr>\n", w.days_late);
	}
	if (st == RG_OK) {
		html_table_end(f);
		fputs("</section>\n", f);
	}
out:
	report_close(&l);
	return st;
}

/* ---- 五、与上次评定相比 ------------------------------------------------------------ */

/* change_rows: the rows of the changed points, from l, into f (NULL: only counted),
 * counting those whose tier rose into *up and the others into *down. */
static rg_status change_rows(FILE *f, report_list *l, long *up, long *down, rg_err *e)
{
	report_change_row c;
	bool got;
	rg_status st;

	while ((st = report_next_change(l, &c, &got, e)) == RG_OK && got) {
		(*(c.up ? up : down))++;
		if (f == NULL)
			continue;
		fputs("<tr data-figure=\"changed\"", f);
		html_attr(f, "data-point", c.point);
		html_attr(f, "data-from", c.from);
		html_attr(f, "data-to", c.to);
		fprintf(f, " data-change=\"%s\"><td class=\"%s\">%s</td>", c.up ? "升" : "降",
			c.up ? "up" : "down", c.up ? "升 ▲" : "降 ▼");
		html_td(f, NULL, c.point);
		html_td(f, "w", c.agency);
		html_td(f, "w", c.post);
		td_tier(f, c.from);
		td_tier(f, c.to);
		html_td_number(f, c.from_score);
		html_td_number(f, c.to_score);
		fputs("</tr>\n", f);
	}
	return st;
}

/* temp_file: a temporary file in $TMPDIR (or /tmp), open for writing and reading and
 * already unlinked (it goes when closed), its name into path[size]; NULL when none can
 * be made. */
static FILE *temp_file(char *path, size_t size)
{
	const char *dir = getenv("TMPDIR");
	FILE *f = NULL;
	int fd, n;

	if (dir == NULL || *dir == '\0')
		dir = "/tmp";
	n = snprintf(path, size, "%s/riskgrade-report-XXXXXX", dir);
	if (n < 0 || (size_t)n >= size || (fd = mkstemp(path)) < 0)
		return NULL;
	unlink(path);
	if ((f = fdopen(fd, "w+")) == NULL)
		close(fd);
	return f;
}

/* ready: whether what was written to the temporary file f is all there, and f is back at
 * its start to be read. */
static bool ready(FILE *f)
{
	return !ferror(f) && fflush(f) == 0 && fseek(f, 0, SEEK_SET) == 0;
}

/* copy: the bytes of from (the temporary file path, at its start) to the end of to, whose
 * write errors its owner sees. */
static rg_status copy(FILE *from, const char *path, FILE *to, rg_err *e)
{
	char buf[65536];
	size_t n;

	while ((n = fread(buf, 1, sizeof buf, from)) > 0)
		fwrite(buf, 1, n, to);
	if (ferror(from))
		return err_set(e, RG_IO, "%s: cannot read %s: %s", "report", path, strerror(errno));
	return RG_OK;
}

/* section_changes: 五、 the points whose tier changed since the previous run.  The
 * summary, which counts them, comes before their list: the rows are written to a
 * temporary file as they are counted, in one pass, then copied after it.  Without a
 * temporary file (none can be made, or writing it failed) the rows are read again. */
static rg_status section_changes(page *p, rg_err *e)
{
	static const html_col cols[] = {
		{"变化", false},     {"风险点编号", false}, {"单位", false},
		{"岗位", false},     {"上次等级", false},   {"本次等级", false},
		{"上次得分", true}, {"本次得分", true}};
	FILE *f = p->f, *rows = NULL;
	report_list l = {0};
	long up = 0, down = 0, again = 0;
	char prev_as_of[DATE_BUF], path[512];
	bool got;
	rg_status st;

	fputs("<section id=\"changes\">\n<h2>五、与上次评定相比</h2>\n", f);
	if ((st = report_prev(p->r, &got, prev_as_of, e)) != RG_OK)
		goto out;
	if (!got) {
		fputs("<p data-figure=\"first-run\">首次评定：此前没有评定记录，无从比较。</p>\n"
		      "</section>\n", f);
		goto out;
	}
	rows = temp_file(path, sizeof path);
	if ((st = report_open(p->r, REPORT_CHANGES, &l, e)) != RG_OK ||
	    (st = change_rows(rows, &l, &up, &down, e)) != RG_OK)
		goto out;
	if (rows != NULL && !ready(rows)) {
		fclose(rows);
		rows = NULL;
	}
	fprintf(f, "<p>与第 <span data-figure=\"prev-run\">%ld</span> 次评定（基准日 ",
		p->r->prev);
	html_text(f, prev_as_of);
	fprintf(f, "）相比，两次都评定的风险点中等级变化的 "
		   "<span data-figure=\"change-total\">%ld</span> 个：等级升高 "
		   "<span data-figure=\"change:升\">%ld</span> 个，等级降低 "
		   "<span data-figure=\"change:降\">%ld</span> 个。</p>\n", up + down, up, down);
	if (up + down == 0) {
		fputs("<p class=\"none\">各风险点等级与上次相同。</p>\n</section>\n", f);
		goto out;
	}
	html_table_begin(f, "list", "changed", cols, 8);
	if (rows != NULL) {
		st = copy(rows, path, f, e);
	} else {
		report_close(&l);
		if ((st = report_open(p->r, REPORT_CHANGES, &l, e)) == RG_OK)
			st = change_rows(f, &l, &again, &again, e);
	}
	if (st != RG_OK)
		goto out;
	html_table_end(f);
	fputs("</section>\n", f);
out:
	report_close(&l);
	if (rows != NULL)
		fclose(rows);
	return st;
}

/* ---- 六、重点风险 ------------------------------------------------------------------ */

/* section_top: 六、 the ten highest scores of the run (ties by point code). */
static rg_status section_top(page *p, rg_err *e)
{
	static const html_col cols[] = {
		{"序号", true},     {"风险点编号", false}, {"单位", false}, {"岗位", false},
		{"风险等级", false}, {"得分", true},        {"表现形式", false},
		{"自定义事实", false}};
	FILE *f = p->f;
	report_list l = {0};
	report_point_row pt;
	bool got, facts;
	rg_status st;

	/* The facts the agency declared, a column beside the manifestation, when there are. */
	if ((st = report_has_facts(p->r, &facts, e)) != RG_OK)
		return st;
	fputs("<section id=\"top\">\n<h2>六、重点风险</h2>\n<p>本次评定得分最高的风险点"
	      "（至多 10 个，同分按编号）：</p>\n", f);
	html_table_begin(f, "list", "top-risks", cols, facts ? 8 : 7);
	if ((st = report_open_top(p->r, &p->t, &l, e)) != RG_OK)
		goto out;
	for (int i = 1; (st = report_next_point(&l, &pt, &got, e)) == RG_OK && got; i++) {
		fprintf(f, "<tr data-figure=\"top\" data-rank=\"%d\"", i);
		html_attr(f, "data-point", pt.point);
		fputs(" data-score=\"", f);
		html_number(f, pt.score);
		fprintf(f, "\"><td class=\"n\">%d</td>", i);
		point_cells(f, &pt, facts);
	}
	if (st == RG_OK) {
		html_table_end(f);
		fputs("</section>\n", f);
	}
out:
	report_close(&l);
	return st;
}

/* ---- the page ----------------------------------------------------------------------- */

rg_status page_write(report *r, FILE *out, long *npoints, rg_err *e)
{
	page p = {.r = r, .f = out};
	rg_status st;

	*npoints = 0;
	if ((st = section_header(&p, e)) != RG_OK || (st = section_agencies(&p, e)) != RG_OK)
		goto out;
	section_matrix(&p);
	if ((st = section_flags(&p, e)) != RG_OK || (st = section_warnings(&p, e)) != RG_OK ||
	    (st = section_changes(&p, e)) != RG_OK || (st = section_top(&p, e)) != RG_OK)
		goto out;
	fprintf(out, "<footer>riskgrade %s 生成 · 第 %ld 次评定 · 逾期判断日 ", RG_VERSION,
		r->run);
	html_text(out, r->as_of);
	fputs("</footer>\n</body>\n</html>\n", out);
	*npoints = p.t.points;
out:
	report_totals_free(&p.t);
	return st;
}

/*
 * chart.c: drawing the report's figures from numbers, in SVG and HTML.  Positions are
 * computed in tenths of a unit with integers so the bytes never depend on floating point.
 * Depends on html.h (escaping), text.h (the width of a name), vocab.h (the tiers).
 */
#include "chart.h"

#include "html.h"
#include "text.h"

/* The tiers' colours in the chart, and the colour of a count written on each. */
static const char *const tier_fill[VOCAB_TIERS] = {"#c62828", "#f9a825", "#1565c0"};
static const char *const tier_ink[VOCAB_TIERS] = {"#ffffff", "#222222", "#ffffff"};

/* The chart's geometry, in SVG user units (the figure is scaled to the page width). */
enum { CHART_W = 680, CHART_TOP = 30, ROW_H = 24, BAR_H = 16, TOTAL_W = 44 };

/* label_width: the width of the label column, enough for the widest name of bars. */
static int label_width(const chart_bar *bars, long n)
{
	int widest = 0, label;

	for (long i = 0; i < n; i++) {
		int w = text_width(bars[i].name);
		if (w > widest)
			widest = w;
	}
	/* a wide (Chinese) character is about 12 units at this size, a narrow one 6.5 */
	label = 12 + widest * 13 / 2;
	if (label < 60)
		label = 60;
	if (label > 260)
		label = 260;
	return label;
}

/* bar: one agency's row at the top y: its label, a segment per tier, its total.  x
 * positions in tenths of a unit: the bar area starts at left and bar_w units stand for
 * max points. */
static void bar(FILE *f, const chart_bar *b, long y, int left, int bar_w, long max)
{
	long cum = 0;

	fprintf(f, "<text x=\"%d\" y=\"%ld\" text-anchor=\"end\"", left - 6, y + 12);
	/* a name too long for the label column is squeezed, not cut off */
	if (text_width(b->name) * 13 / 2 > left - 12)
		fprintf(f, " textLength=\"%d\" lengthAdjust=\"spacingAndGlyphs\"", left - 12);
	fputs(">", f);
	html_text(f, b->name);
	fputs("</text>\n", f);
	for (int t = 0; t < VOCAB_TIERS; t++) {
		long c = b->count[t];
		/* from the running sum, so the segments meet exactly */
		long x0 = left * 10L + cum * bar_w * 10L / max;
		long x1 = left * 10L + (cum + c) * bar_w * 10L / max;
		cum += c;
		if (c == 0)
			continue;
		fprintf(f, "<rect x=\"%ld.%ld\" y=\"%ld\" width=\"%ld.%ld\" height=\"%d\""
			   " fill=\"%s\" data-figure=\"bar:tier%d:", x0 / 10, x0 % 10, y,
			(x1 - x0) / 10, (x1 - x0) % 10, BAR_H, tier_fill[t], t + 1);
		html_text(f, b->code);
		fprintf(f, "\" data-count=\"%ld\"><title>", c);
		html_text(f, b->name);
		fprintf(f, " %s %ld</title></rect>\n", vocab_tier[t], c);
		/* a digit is about 7 units wide at this size */
		if (x1 - x0 >= 10L * (7 * (c >= 100 ? 3 : c >= 10 ? 2 : 1) + 4)) {
			long mid = (x0 + x1) / 2;
			fprintf(f, "<text x=\"%ld.%ld\" y=\"%ld\" text-anchor=\"middle\""
				   " fill=\"%s\">%ld</text>\n",
				mid / 10, mid % 10, y + 12, tier_ink[t], c);
		}
	}
	long xe = left * 10L + b->total * bar_w * 10L / max + 40;
	fprintf(f, "<text x=\"%ld.%ld\" y=\"%ld\" fill=\"#444\">%ld</text>\n", xe / 10, xe % 10,
		y + 12, b->total);
}

void chart_tiers(FILE *f, const char *title, const chart_bar *bars, long n)
{
	int left = label_width(bars, n), bar_w = CHART_W - TOTAL_W - left;
	long height = CHART_TOP + n * ROW_H + 6, max = 1;

	for (long i = 0; i < n; i++)
		if (bars[i].total > max)
			max = bars[i].total;
	fprintf(f, "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 %d %ld\""
		   " width=\"%d\" height=\"%ld\" role=\"img\"", CHART_W, height, CHART_W, height);
	html_attr(f, "aria-label", title);
	fputs(" font-size=\"12\">\n", f);
	for (int i = 0; i < VOCAB_TIERS; i++)
		fprintf(f, "<rect x=\"%d\" y=\"6\" width=\"12\" height=\"12\" fill=\"%s\"/>"
			   "<text x=\"%d\" y=\"16\">%s</text>\n",
			left + i * 64, tier_fill[i], left + i * 64 + 16, vocab_tier[i]);
	for (long i = 0; i < n; i++)
		bar(f, &bars[i], CHART_TOP + i * ROW_H, left, bar_w, max);
	fputs("</svg>\n", f);
}

void chart_heatmap(FILE *f, const char *id, const char *row_title, const char *col_title,
		   const long *cell, int n)
{
	long max = 0;

	for (int i = 0; i < n * n; i++)
		if (cell[i] > max)
			max = cell[i];
	fputs("<table class=\"matrix\"", f);
	html_attr(f, "id", id);
	fputs(">\n<thead><tr><th rowspan=\"2\">", f);
	html_text(f, row_title);
	fprintf(f, "</th><th colspan=\"%d\">", n);
	html_text(f, col_title);
	fputs("</th></tr>\n<tr>", f);
	for (int c = 1; c <= n; c++)
		fprintf(f, "<th>%d</th>", c);
	fputs("</tr></thead>\n<tbody>\n", f);
	for (int r = n; r >= 1; r--) {
		fprintf(f, "<tr><th>%d</th>", r);
		for (int c = 1; c <= n; c++) {
			long k = cell[(r - 1) * n + c - 1];
			int shade = k == 0 ? 0 : (int)(1 + (k - 1) * 5 / max);
			fprintf(f, "<td class=\"h%d\" data-figure=\"matrix:%d:%d\">%ld</td>", shade,
				r, c, k);
		}
		fputs("</tr>\n", f);
	}
	fputs("</tbody>\n</table>\n", f);
}

/*
 * test_chart.c: unit tests of engine/chart.c: the tier chart's geometry and the heat
 * map's shades.  The bars are horizontal, so what is checked is their lengths (and
 * where each starts); every coordinate below was worked out by hand from the rules the
 * header states (a 680-unit wide chart, totals column 44, label column 60 to 260, the
 * longest total filling the bar area, positions truncated to tenths of a unit).
 * Depends on cmocka and chart.h.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "chart.h"
#include "memout.h"

/* tiers: what chart_tiers writes for bars[0..n-1] titled title (the caller frees it). */
static char *tiers(const char *title, const chart_bar *bars, long n)
{
	memout m;

	memout_open(&m);
	chart_tiers(m.f, title, bars, n);
	return memout_close(&m);
}

/* heatmap: what chart_heatmap writes for the n × n cells (the caller frees it). */
static char *heatmap(const char *row_title, const char *col_title, const long *cell, int n)
{
	memout m;

	memout_open(&m);
	chart_heatmap(m.f, "m", row_title, col_title, cell, n);
	return memout_close(&m);
}

/* ---- the tier chart ----------------------------------------------------------------- */

/*
 * Two agencies.  The widest name, 甲局, is 4 columns: 12 + 4 * 13 / 2 = 38 units, less
 * than the least label column, so left = 60 and the bar area is 680 - 44 - 60 = 576
 * units.  The longest total is 7, so a point is 5760 / 7 = 822.857 tenths of a unit.
 * Height: 30 + 2 rows * 24 + 6 = 84.
 *
 * 甲局 (row y 30): 一级 1 from 600 to 600 + 5760 * 1 / 7 = 1422 tenths (60.0, length
 * 82.2), its count at the middle (600 + 1422) / 2 = 1011 (101.1); 二级 2 from 1422 to
 * 600 + 5760 * 3 / 7 = 600 + 2468 = 3068 (142.2, length 164.6), middle 2245 (224.5);
 * no 三级; total 3 at 3068 + 40 = 3108 (310.8).
 * 乙 (row y 54): only 三级 7, from 600 to 600 + 5760 = 6360 (60.0, length 576.0),
 * middle 3480 (348.0); total 7 at 6400 (640.0).  Its code B&C is escaped in the key.
 */
static const char two_bars[] =
	"<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 680 84\" width=\"680\""
	" height=\"84\" role=\"img\" aria-label=\"各单位\" font-size=\"12\">\n"
	"<rect x=\"60\" y=\"6\" width=\"12\" height=\"12\" fill=\"#c62828\"/>"
	"<text x=\"76\" y=\"16\">一级</text>\n"
	"<rect x=\"124\" y=\"6\" width=\"12\" height=\"12\" fill=\"#f9a825\"/>"
	"<text x=\"140\" y=\"16\">二级</text>\n"
	"<rect x=\"188\" y=\"6\" width=\"12\" height=\"12\" fill=\"#1565c0\"/>"
	"<text x=\"204\" y=\"16\">三级</text>\n"
	"<text x=\"54\" y=\"42\" text-anchor=\"end\">甲局</text>\n"
	"<rect x=\"60.0\" y=\"30\" width=\"82.2\" height=\"16\" fill=\"#c62828\""
	" data-figure=\"bar:tier1:A\" data-count=\"1\"><title>甲局 一级 1</title></rect>\n"
	"<text x=\"101.1\" y=\"42\" text-anchor=\"middle\" fill=\"#ffffff\">1</text>\n"
	"<rect x=\"142.2\" y=\"30\" width=\"164.6\" height=\"16\" fill=\"#f9a825\""
	" data-figure=\"bar:tier2:A\" data-count=\"2\"><title>甲局 二级 2</title></rect>\n"
	"<text x=\"224.5\" y=\"42\" text-anchor=\"middle\" fill=\"#222222\">2</text>\n"
	"<text x=\"310.8\" y=\"42\" fill=\"#444\">3</text>\n"
	"<text x=\"54\" y=\"66\" text-anchor=\"end\">乙</text>\n"
	"<rect x=\"60.0\" y=\"54\" width=\"576.0\" height=\"16\" fill=\"#1565c0\""
	" data-figure=\"bar:tier3:B&amp;C\" data-count=\"7\"><title>乙 三级 7</title></rect>\n"
	"<text x=\"348.0\" y=\"66\" text-anchor=\"middle\" fill=\"#ffffff\">7</text>\n"
	"<text x=\"640.0\" y=\"66\" fill=\"#444\">7</text>\n"
	"</svg>\n";

static void test_two_bars(void **state)
{
	static const chart_bar bars[] = {{"A", "甲局", {1, 2, 0}, 3}, {"B&C", "乙", {0, 0, 7}, 7}};
	char *got;

	(void)state;
	got = tiers("各单位", bars, 2);
	assert_string_equal(got, two_bars);
	free(got);
}

/* Where a number fits: a count of one digit needs 7 + 4 = 11 units, of two 18, of three
 * 25.  With totals up to 576 a point is exactly one unit wide. */
static void test_counts_that_fit(void **state)
{
	static const chart_bar bars[] = {
		{"X", "X", {10, 18, 548}, 576}, /* 10 in 10 units: none; 18 in 18: written */
		{"Y", "Y", {11, 0, 24}, 35},    /* 11 in 11: no (needs 18); 24 in 24: written */
		{"Z", "Z", {100, 0, 0}, 100},   /* 100 in 100 units: written */
	};
	char *got;

	(void)state;
	got = tiers("t", bars, 3);
	/* X: 一级 60.0 to 70.0, 二级 70.0 to 88.0 (middle 79.0), 三级 88.0 to 636.0 (362.0) */
	assert_null(strstr(got, ">10</text>"));
	assert_non_null(strstr(got, "<text x=\"79.0\" y=\"42\" text-anchor=\"middle\""
				    " fill=\"#222222\">18</text>"));
	assert_non_null(strstr(got, "<text x=\"362.0\" y=\"42\" text-anchor=\"middle\""
				    " fill=\"#ffffff\">548</text>"));
	/* Y: 一级 60.0 to 71.0, 三级 71.0 to 95.0 (middle 83.0) */
	assert_null(strstr(got, ">11</text>"));
	assert_non_null(strstr(got, "<text x=\"83.0\" y=\"66\" text-anchor=\"middle\""
				    " fill=\"#ffffff\">24</text>"));
	/* Z: 60.0 to 160.0, middle 110.0 */
	assert_non_null(strstr(got, "<text x=\"110.0\" y=\"90\" text-anchor=\"middle\""
				    " fill=\"#ffffff\">100</text>"));
	/* the total of X at 636.0 + 4.0 */
	assert_non_null(strstr(got, "<text x=\"640.0\" y=\"42\" fill=\"#444\">576</text>"));
	free(got);
}

/* A long name: 40 Chinese characters are 80 columns, 12 + 520 units, so the label column
 * stops at 260 and the name is squeezed into 260 - 12 = 248; the bar area is
 * 680 - 44 - 260 = 376 units.  A short name beside it is not squeezed. */
static void test_long_name(void **state)
{
	static const char long_name[] = "一二三四五六七八九十一二三四五六七八九十"
					"一二三四五六七八九十一二三四五六七八九十";
	const chart_bar bars[] = {{"L", long_name, {0, 0, 2}, 2}, {"S", "短", {0, 1, 0}, 1}};
	char *got;

	(void)state;
	got = tiers("t", bars, 2);
	assert_non_null(strstr(got, "<rect x=\"260\" y=\"6\""));
	assert_non_null(strstr(got, "<text x=\"254\" y=\"42\" text-anchor=\"end\""
				    " textLength=\"248\" lengthAdjust=\"spacingAndGlyphs\">一二"));
	assert_non_null(strstr(got, "<text x=\"254\" y=\"66\" text-anchor=\"end\">短</text>"));
	/* L fills the bar area: 260.0, length 376.0; S is half of it: 188.0 */
	assert_non_null(strstr(got, "<rect x=\"260.0\" y=\"30\" width=\"376.0\""));
	assert_non_null(strstr(got, "<rect x=\"260.0\" y=\"54\" width=\"188.0\""));
	free(got);
}

/* ---- the heat map ------------------------------------------------------------------- */

/* 2 × 2 counts, row 1 {0, 1}, row 2 {3, 10}; max 10: shades 0, 1 + 0 = 1,
 * 1 + 2 * 5 / 10 = 2, 1 + 9 * 5 / 10 = 5.  Row 2 comes first (the top). */
static void test_heatmap(void **state)
{
	static const long cell[] = {0, 1, 3, 10};
	char *got;

	(void)state;
	got = heatmap("行", "列<", cell, 2);
	assert_string_equal(got,
			    "<table class=\"matrix\" id=\"m\">\n"
			    "<thead><tr><th rowspan=\"2\">行</th><th colspan=\"2\">列&lt;</th></tr>\n"
			    "<tr><th>1</th><th>2</th></tr></thead>\n<tbody>\n"
			    "<tr><th>2</th><td class=\"h2\" data-figure=\"matrix:2:1\">3</td>"
			    "<td class=\"h5\" data-figure=\"matrix:2:2\">10</td></tr>\n"
			    "<tr><th>1</th><td class=\"h0\" data-figure=\"matrix:1:1\">0</td>"
			    "<td class=\"h1\" data-figure=\"matrix:1:2\">1</td></tr>\n"
			    "</tbody>\n</table>\n");
	free(got);
}

/* The shade of a count against the fullest cell: 1 + (count - 1) * 5 / max, truncated. */
static void test_shades(void **state)
{
	static const struct {
		long count, max;
		int shade;
	} cases[] = {
		{0, 25, 0},  {1, 25, 1},  {5, 25, 1},  {6, 25, 2}, {20, 25, 4},
		{21, 25, 5}, {25, 25, 5}, {1, 1, 1},   {2, 2, 3},  {3, 3, 4},
		{4, 4, 4},   {5, 5, 5},   {0, 0, 0},
	};

	(void)state;
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		/* the count in row 1 column 1, the fullest cell in row 1 column 2 */
		long cell[4] = {cases[i].count, cases[i].max, 0, 0};
		char want[64];
		char *got = heatmap("r", "c", cell, 2);
		snprintf(want, sizeof want, "<td class=\"h%d\" data-figure=\"matrix:1:1\">%ld<",
			 cases[i].shade, cases[i].count);
		if (strstr(got, want) == NULL)
			fail_msg("count %ld of %ld: no %s in\n%s", cases[i].count, cases[i].max,
				 want, got);
		free(got);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_two_bars), cmocka_unit_test(test_counts_that_fit),
		cmocka_unit_test(test_long_name), cmocka_unit_test(test_heatmap),
		cmocka_unit_test(test_shades),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}

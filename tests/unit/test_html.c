/*
 * test_html.c: unit tests of engine/html.c: escaping of the five HTML-special characters
 * (& < > " '), attributes, numbers as scores are shown, cells and table frames, UTC
 * times shown in the zone of TZ (POSIX zone strings, so no zone database is needed), the
 * page's head.  The
 * expected HTML was written by hand from the HTML rules, not read back from the code.
 * Depends on cmocka and html.h.
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

#include "html.h"
#include "memout.h"

/* ---- html_text ---------------------------------------------------------------------- */

typedef struct {
	const char *what;
	const char *in;
	const char *out;
} text_case;

static const text_case text_cases[] = {
	{"NULL writes nothing", NULL, ""},
	{"empty", "", ""},
	{"plain ASCII", "SJ-01 score 12", "SJ-01 score 12"},
	{"Chinese is left as it is", "廉政风险点", "廉政风险点"},
	{"ampersand", "A&B", "A&amp;B"},
	{"less than", "a<b", "a&lt;b"},
	{"greater than", "a>b", "a&gt;b"},
	{"double quote", "say \"hi\"", "say &quot;hi&quot;"},
	{"single quote", "it's", "it&#39;s"},
	{"all five in a row", "&<>\"'", "&amp;&lt;&gt;&quot;&#39;"},
	{"a tag", "<script>document.title=\"x\"</script>",
	 "&lt;script&gt;document.title=&quot;x&quot;&lt;/script&gt;"},
	{"an entity is escaped again", "&amp;", "&amp;amp;"},
	{"mixed with Chinese", "司法局<i>&\"'</i>",
	 "司法局&lt;i&gt;&amp;&quot;&#39;&lt;/i&gt;"},
	{"newline and tab pass", "a\nb\tc", "a\nb\tc"},
};

static void test_text(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof text_cases / sizeof text_cases[0]; i++) {
		const text_case *c = &text_cases[i];
		memout s;
		memout_open(&s);
		html_text(s.f, c->in);
		char *got = memout_close(&s);
		if (strcmp(got, c->out) != 0)
			fail_msg("%s: expected \"%s\", got \"%s\"", c->what, c->out, got);
		free(got);
	}
}

/* ---- attributes and numbers --------------------------------------------------------- */

static void test_attr(void **state)
{
	memout s;
	char *got;

	(void)state;
	memout_open(&s);
	html_attr(s.f, "data-point", "P\"1'<&>");
	html_attr(s.f, "title", NULL);
	got = memout_close(&s);
	assert_string_equal(got, " data-point=\"P&quot;1&#39;&lt;&amp;&gt;\" title=\"\"");
	free(got);
}

typedef struct {
	double v;
	const char *out;
} number_case;

static const number_case number_cases[] = {
	{0, "0"},         {12, "12"},       {-3, "-3"},          {100000, "100000"},
	{12.5, "12.50"},  {0.25, "0.25"},   {-0.5, "-0.50"},     {7.126, "7.13"},
	{2.004, "2.00"}, /* not whole: two decimals even when they round to zero */
};

static void test_number(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof number_cases / sizeof number_cases[0]; i++) {
		memout s;
		memout_open(&s);
		html_number(s.f, number_cases[i].v);
		char *got = memout_close(&s);
		if (strcmp(got, number_cases[i].out) != 0)
			fail_msg("%g: expected \"%s\", got \"%s\"", number_cases[i].v,
				 number_cases[i].out, got);
		free(got);
	}
}

/* ---- cells and tables --------------------------------------------------------------- */

/* ---- html_time ---------------------------------------------------------------------- */

typedef struct {
	const char *what;
	const char *tz;  /* TZ for the case */
	const char *in;  /* the stored UTC time */
	const char *out; /* worked out by hand from the offset */
} time_case;

#define T(utc, local) "<time datetime=\"" utc "\">" local "</time>"

static const time_case time_cases[] = {
	{"China, +8", "CST-8", "2026-11-30T04:23:10Z",
	 T("2026-11-30T04:23:10Z", "2026-11-30 12:23:10 CST (UTC+08:00)")},
	{"China, the next day and year", "CST-8", "2026-12-31T18:30:00Z",
	 T("2026-12-31T18:30:00Z", "2027-01-01 02:30:00 CST (UTC+08:00)")},
	{"UTC", "UTC0", "2026-11-30T04:23:10Z",
	 T("2026-11-30T04:23:10Z", "2026-11-30 04:23:10 UTC (UTC+00:00)")},
	{"west of Greenwich, the day before", "EST5EDT,M3.2.0,M11.1.0", "2026-12-01T03:00:00Z",
	 T("2026-12-01T03:00:00Z", "2026-11-30 22:00:00 EST (UTC-05:00)")},
	{"summer time", "EST5EDT,M3.2.0,M11.1.0", "2026-07-01T12:00:00Z",
	 T("2026-07-01T12:00:00Z", "2026-07-01 08:00:00 EDT (UTC-04:00)")},
	{"half an hour, no name", "<+0530>-5:30", "2026-11-30T04:23:10Z",
	 T("2026-11-30T04:23:10Z", "2026-11-30 09:53:10 (UTC+05:30)")},
	{"not a UTC stamp: as text", "CST-8", "2026-11-30 04:23:10", "2026-11-30 04:23:10"},
	{"no Z", "CST-8", "2026-11-30T04:23:10+", "2026-11-30T04:23:10+"},
	{"no such day", "CST-8", "2026-02-30T04:23:10Z", "2026-02-30T04:23:10Z"},
	{"no such hour", "CST-8", "2026-11-30T24:00:00Z", "2026-11-30T24:00:00Z"},
	{"escaped when text", "CST-8", "<b>", "&lt;b&gt;"},
	{"NULL writes nothing", "CST-8", NULL, ""},
};

static void test_time(void **state)
{
	const char *tz = getenv("TZ");
	char *saved = tz != NULL ? strdup(tz) : NULL;

	(void)state;
	for (size_t i = 0; i < sizeof time_cases / sizeof time_cases[0]; i++) {
		const time_case *c = &time_cases[i];
		memout s;
		setenv("TZ", c->tz, 1);
		memout_open(&s);
		html_time(s.f, c->in);
		char *got = memout_close(&s);
		if (strcmp(got, c->out) != 0)
			fail_msg("%s: expected \"%s\", got \"%s\"", c->what, c->out, got);
		free(got);
	}
	if (saved != NULL)
		setenv("TZ", saved, 1);
	else
		unsetenv("TZ");
	free(saved);
}

/* ---- html_page_begin ------------------------------------------------------------------ */

static void test_page_begin(void **state)
{
	memout s;

	(void)state;
	memout_open(&s);
	html_page_begin(s.f, "报告<1>", "h2 { color: red }\n");
	char *got = memout_close(&s);
	/* the title escaped; the page's own rules after the shared ones; the body opened */
	assert_non_null(strstr(got, "<title>报告&lt;1&gt;</title>\n<style>\n@page { size: A4;"));
	assert_non_null(strstr(got, "thead { display: table-header-group }\n"));
	/* a tfoot is not repeated on every page, and is kept with the last rows */
	assert_non_null(strstr(got, "tfoot { display: table-row-group; break-before: avoid;"));
	size_t n = strlen(got), tail = strlen("h2 { color: red }\n</style>\n</head>\n<body>\n");
	assert_true(n > tail);
	assert_string_equal(got + n - tail, "h2 { color: red }\n</style>\n</head>\n<body>\n");
	static const char start[] = "<!DOCTYPE html>\n<html lang=\"zh-CN\">\n";
	assert_int_equal(strncmp(got, start, sizeof start - 1), 0);
	free(got);
}

static void test_cells(void **state)
{
	memout s;
	char *got;

	(void)state;
	memout_open(&s);
	html_td(s.f, NULL, "a<b");
	html_td(s.f, "w", NULL);
	html_td_number(s.f, 36);
	html_td_number(s.f, 4.5);
	html_td_figure(s.f, "flag", "F<1>", 3);
	got = memout_close(&s);
	assert_string_equal(got, "<td>a&lt;b</td>"
				 "<td class=\"w\"></td>"
				 "<td class=\"n\">36</td>"
				 "<td class=\"n\">4.50</td>"
				 "<td class=\"n\" data-figure=\"flag:F&lt;1&gt;\">3</td>");
	free(got);
}

static void test_table(void **state)
{
	static const html_col cols[] = {{"代码", false}, {"A&B", false}, {"条数", true}};
	memout s;
	char *got;

	(void)state;
	memout_open(&s);
	html_table_begin(s.f, "grid keep", "flag-counts", cols, 3);
	html_table_end(s.f);
	html_table_begin(s.f, "list", NULL, cols, 1);
	html_th_row(s.f, cols + 2, 1);
	got = memout_close(&s);
	assert_string_equal(got,
			    "<table class=\"grid keep\" id=\"flag-counts\">\n"
			    "<thead><tr><th>代码</th><th>A&amp;B</th><th class=\"n\">条数</th>"
			    "</tr></thead>\n<tbody>\n"
			    "</tbody>\n</table>\n"
			    "<table class=\"list\">\n<thead><tr><th>代码</th></tr></thead>\n<tbody>\n"
			    "<th class=\"n\">条数</th>");
	free(got);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_text),  cmocka_unit_test(test_attr),
		cmocka_unit_test(test_number), cmocka_unit_test(test_cells),
		cmocka_unit_test(test_table), cmocka_unit_test(test_time),
		cmocka_unit_test(test_page_begin),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}

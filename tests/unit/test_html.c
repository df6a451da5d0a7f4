/*
 * test_html.c: unit tests of engine/html.c: escaping of the five HTML-special characters
 * (& < > " '), attributes, numbers as scores are shown, cells and table frames.  The
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
		cmocka_unit_test(test_table),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}

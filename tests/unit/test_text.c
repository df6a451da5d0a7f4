/*
 * test_text.c: unit tests of engine/text.c (text_width, text_pad).  Expected widths come
 * from Unicode's East Asian Width property (W and F count 2) and general category (Mn,
 * combining, counts 0), checked against Python's unicodedata (Unicode 14), not against
 * the code under test.  Depends on cmocka and text.h.
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

#include "text.h"

typedef struct {
	const char *what;
	const char *s;
	int width;
} width_case;

static const width_case width_cases[] = {
	{"empty", "", 0},
	{"ASCII", "abc", 3},
	{"ASCII with spaces", "a b ", 4},
	{"中文: two ideographs (W)", "中文", 4},
	{"廉政风险", "廉政风险", 8},
	{"mixed", "a中b", 4},
	{"code and name", "P001 岗位职责", 13}, /* 5 ASCII + 4 ideographs */
	{"fullwidth comma U+FF0C (F)", "\xEF\xBC\x8C", 2},
	{"fullwidth A U+FF21 (F)", "\xEF\xBC\xA1", 2},
	{"fullwidth yuan sign U+FFE5 (F)", "\xEF\xBF\xA5", 2},
	{"ideographic space U+3000 (F)", "\xE3\x80\x80", 2},
	{"ideographic full stop U+3002 (W)", "。", 2},
	{"book title marks 《》 U+300A/B (W)", "《》", 4},
	{"CJK extension A U+3400 (W)", "\xE3\x90\x80", 2},
	{"CJK compatibility U+F900 (W)", "\xEF\xA4\x80", 2},
	{"CJK extension B U+20000 (W)", "\xF0\xA0\x80\x80", 2},
	{"hiragana あ U+3042 (W)", "あ", 2},
	{"hangul 한 U+D55C (W)", "한", 2},
	{"hangul jamo U+1100 (W)", "\xE1\x84\x80", 2},
	{"bopomofo U+3105 (W)", "\xE3\x84\x85", 2},
	{"vertical comma U+FE10 (W)", "\xEF\xB8\x90", 2},
	{"emoji U+1F600 (W)", "\xF0\x9F\x98\x80", 2},
	{"halfwidth katakana U+FF71 (H)", "\xEF\xBD\xB1", 1},
	{"halfwidth full stop U+FF61 (H)", "\xEF\xBD\xA1", 1},
	{"é precomposed U+00E9 (A)", "\xC3\xA9", 1},
	{"euro sign U+20AC (A)", "\xE2\x82\xAC", 1},
	{"middle dot U+00B7 (A)", "\xC2\xB7", 1},
	{"em dash U+2014 (A)", "\xE2\x80\x94", 1},
	{"Greek U+0370 (N)", "\xCD\xB0", 1},
	{"U+303F half fill space (N)", "\xE3\x80\xBF", 1},
	{"e + combining acute U+0301", "e\xCC\x81", 1},
	{"combining U+036F", "x\xCD\xAF", 1},
	{"zero width space U+200B", "a\xE2\x80\x8B" "b", 2},
	{"variation selector 16 U+FE0F", "\xE2\x9C\x94\xEF\xB8\x8F", 1}, /* U+2714 (N) + VS16 */
	/* Malformed bytes count 1 each. */
	{"lone 0xFF", "\xFF", 1},
	{"0xFF between ASCII", "a\xFF" "b", 3},
	{"lone continuation bytes", "\x80\x80", 2},
	{"truncated 中 (2 of 3 bytes)", "\xE4\xB8", 2},
	{"truncated 中 then ASCII", "\xE4\xB8" "a", 3},
	{"GBK 中文", "\xD6\xD0\xCE\xC4", 4},
};

/*
 * Characters whose width the header promises (W/F count 2, combining marks 0, malformed
 * bytes 1 each) but that fall outside engine/text.c's table or pass its decoder.  These
 * fail with the current engine; see the report.
 */
static const width_case width_gaps[] = {
	{"check mark ✅ U+2705 (W)", "\xE2\x9C\x85", 2},
	{"star ⭐ U+2B50 (W)", "\xE2\xAD\x90", 2},
	{"rocket U+1F680 (W)", "\xF0\x9F\x9A\x80", 2},
	{"thermometer U+1F321 (N)", "\xF0\x9F\x8C\xA1", 1},
	{"combining right arrow above U+20D7 (Mn)", "x\xE2\x83\x97", 1},
	/* Not UTF-8, so malformed bytes, 1 each, but decoded as one character of width 1. */
	{"overlong C0 80", "\xC0\x80", 2},
	{"surrogate ED A0 80", "\xED\xA0\x80", 3},
};

static void check_widths(const width_case *cases, size_t n)
{
	int failures = 0;

	for (size_t i = 0; i < n; i++) {
		int w = text_width(cases[i].s);
		if (w != cases[i].width) {
			print_error("text_width(%s): expected %d, got %d\n", cases[i].what,
				    cases[i].width, w);
			failures++;
		}
	}
	assert_int_equal(failures, 0);
}

static void test_width(void **state)
{
	(void)state;
	check_widths(width_cases, sizeof width_cases / sizeof width_cases[0]);
}

static void test_width_outside_table(void **state)
{
	(void)state;
	check_widths(width_gaps, sizeof width_gaps / sizeof width_gaps[0]);
}

static const struct {
	const char *s;
	int width;
	bool right;
	const char *out;
} pad_cases[] = {
	{"abc", 5, false, "abc  "},
	{"abc", 5, true, "  abc"},
	{"abc", 3, false, "abc"},
	{"abc", 3, true, "abc"},
	{"abcdef", 3, false, "abcdef"}, /* wider than width: whole, no padding */
	{"abcdef", 3, true, "abcdef"},
	{"", 3, false, "   "},
	{"", 0, true, ""},
	{"x", 0, false, "x"},
	{"x", -4, true, "x"},
	{"中文", 6, false, "中文  "}, /* width 4: two spaces */
	{"中文", 6, true, "  中文"},
	{"中文", 4, false, "中文"},
	{"中文", 3, false, "中文"},
	{"a中", 4, true, " a中"}, /* width 3 */
	{"编号", 5, false, "编号 "},
	{"e\xCC\x81", 3, false, "e\xCC\x81  "}, /* width 1 */
	{"42", 6, true, "    42"},
};

static void test_pad(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof pad_cases / sizeof pad_cases[0]; i++) {
		char *got = NULL;
		size_t len = 0;
		FILE *f = open_memstream(&got, &len);
		assert_non_null(f);
		fputc('|', f);
		text_pad(f, pad_cases[i].s, pad_cases[i].width, pad_cases[i].right);
		fputc('|', f);
		assert_int_equal(fclose(f), 0);
		char want[64];
		snprintf(want, sizeof want, "|%s|", pad_cases[i].out);
		if (strcmp(got, want) != 0)
			fail_msg("text_pad(\"%s\", %d, %s): expected \"%s\", got \"%s\"",
				 pad_cases[i].s, pad_cases[i].width,
				 pad_cases[i].right ? "right" : "left", want, got);
		free(got);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_width),
		cmocka_unit_test(test_width_outside_table),
		cmocka_unit_test(test_pad),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

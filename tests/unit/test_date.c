/*
 * test_date.c: unit tests of engine/date.c (date_parse, date_parse_cell, date_format).
 * Every day number below was counted by hand from 1970-01-01 = 0, not read back from the
 * code.
 * Depends on cmocka and date.h.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "date.h"

/*
 * Valid dates and their day numbers.  How the numbers were derived:
 *   1970 -> 2000: 30 years, 7 leap days (1972..1996) = 10957; 2000-01-01 = 10957.
 *   2000-03-01: 10957 + 31 (Jan) + 29 (Feb, 2000 is a leap year) = 11017.
 *   2024-01-01: 54 years, 13 leap days (1972..2020) = 19723; +31 +28 = 19782 (Feb 29).
 *   2026-01-01: 56 years, 14 leap days (1972..2024) = 20454; 2026-12-31 = 20454 + 364.
 *   1900-01-01: 70 years back, 17 leap days (1904..1968): -(70 * 365 + 17) = -25567.
 *   0001-01-01: Python's date(1970,1,1).toordinal() is 719163 and 0001-01-01 is
 *     ordinal 1, so -719162.  9999-12-31 is ordinal 3652059 (date.max): 2932896.
 *   1600-02-29: 1600 is divisible by 400, so leap.  1600-01-01 is 370 years before 1970,
 *     with leap days 1600..1968 = 93 - 3 (1700, 1800, 1900) = 90:
 *     -(370 * 365 + 90) = -135140; +31 +28 = -135081.
 */
static const struct {
	const char *s;
	long days;
} valid[] = {
	{"1970-01-01", 0},
	{"1970-01-02", 1},
	{"1969-12-31", -1},
	{"1970-12-31", 364},
	{"1971-01-01", 365},
	{"2000-01-01", 10957},
	{"2000-02-29", 11016},
	{"2000-03-01", 11017},
	{"2024-01-01", 19723},
	{"2024-02-29", 19782},
	{"2024-03-01", 19783},
	{"2026-01-01", 20454},
	{"2026-12-31", 20818},
	{"1900-01-01", -25567},
	{"1600-02-29", -135081},
	{"0001-01-01", -719162},
	{"9999-12-31", 2932896},
};

/* Strings date_parse must refuse, each for the reason in its comment. */
static const char *const invalid[] = {
	"2026-02-29",  /* 2026 is not a leap year */
	"2024-02-30",  /* February has at most 29 days */
	"1900-02-29",  /* divisible by 100, not by 400: not leap */
	"2100-02-29",  /* likewise */
	"2026-04-31",  /* April has 30 days */
	"2026-01-32",
	"2026-01-00",  /* no day 0 */
	"2026-00-10",  /* no month 0 */
	"2026-13-01",  /* no month 13 */
	"0000-01-01",  /* years start at 0001 */
	"2026-1-01",   /* month needs two digits */
	"2026-01-1",   /* day needs two digits */
	"26-01-01",
	"2026-01-01x", /* trailing characters */
	"2026-01-01 ",
	"2026-01-01T00:00",
	" 2026-01-01", /* leading space */
	"",
	"2026",
	"2026-01",
	"2026/01/01",
	"20260101",
	"+026-01-01",
	"2026-0a-01",
	"２０２６-01-01", /* fullwidth digits */
};

static void test_parse_valid(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof valid / sizeof valid[0]; i++) {
		long days = 123456789;
		if (!date_parse(valid[i].s, &days))
			fail_msg("date_parse(\"%s\") refused a valid date", valid[i].s);
		if (days != valid[i].days)
			fail_msg("date_parse(\"%s\"): expected %ld, got %ld", valid[i].s,
				 valid[i].days, days);
	}
}

static void test_parse_invalid(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof invalid / sizeof invalid[0]; i++) {
		long days = 123456789; /* must be left untouched */
		if (date_parse(invalid[i], &days))
			fail_msg("date_parse(\"%s\") accepted an invalid date (%ld)", invalid[i],
				 days);
		if (days != 123456789)
			fail_msg("date_parse(\"%s\") changed *days on failure", invalid[i]);
	}
}

/*
 * Cells date_parse_cell accepts, in the 1900 date system unless date1904.  Day numbers:
 *   2026-07-21: 2026-01-01 is 20454 (above); Jan-Jun are 31+28+31+30+31+30 = 181 days,
 *     and 20 more: 20655.  2026-12-01: 20454 + 334 (Jan-Nov) = 20788.
 *   Excel's serial of 1970-01-01 is 25569 (the Unix epoch in Excel's documentation), so
 *     2026-07-21 is 25569 + 20655 = 46224; in the 1904 system 1462 less (Microsoft's
 *     offset between the two): 44762.
 *   Serial 1 is 1900-01-01 (-25567, above); 59 is 58 days later, 1900-02-28 = -25509;
 *     61 is 1900-03-01 = -25508 (Excel's 60 is the 1900-02-29 that never was).
 *   Serial 2026 is what Excel shows as 1905-07-18: 1905-01-01 is 5 years and one leap day
 *     (1904) after 1900-01-01, -25567 + 1826 = -23741, + 181 + 17 = -23543.
 *   1904 system: 0 is 1904-01-01: 66 years and 17 leap days (1904..1968) before 1970,
 *     -(66 * 365 + 17) = -24107; 60 is 1904-03-01 (1904 is leap: 31 + 29 = 60): -24047.
 *   The last serials are 9999-12-31, 2932896 (above).
 */
static const struct {
	const char *s;
	bool date1904;
	long days;
} cells[] = {
	{"2026-07-21", false, 20655},
	{"2026-7-21", false, 20655},
	{"2026/7/21", false, 20655},
	{"2026/07/21", false, 20655},
	{"2026.7.21", false, 20655},
	{"2026年7月21日", false, 20655},
	{"2026年07月21日", false, 20655},
	{"2026/12/1", false, 20788},
	{"2024/2/29", false, 19782},
	{"46224", false, 20655},
	{"46224.0", false, 20655},
	{"46224.000", false, 20655},
	{"1", false, -25567},
	{"59", false, -25509},
	{"61", false, -25508},
	{"2026", false, -23543},
	{"2958465", false, 2932896},
	{"44762", true, 20655},
	{"0", true, -24107},
	{"60", true, -24047},
	{"2957003", true, 2932896},
	{"2026-07-21", true, 20655},
};

#define RANGE_1900 "past Excel's day numbers, which go from 1, 1900-01-01, to 2958465, " \
	"9999-12-31"
#define RANGE_1904 "past Excel's day numbers, which in the 1904 date system go from 0, " \
	"1904-01-01, to 2957003, 9999-12-31"

/* Cells it refuses, with the reason it gives (NULL: none, the cell is no number). */
static const struct {
	const char *s;
	bool date1904;
	const char *why;
} not_cells[] = {
	{"2026/2/29", false, NULL},       /* 2026 is not leap */
	{"2026-7/21", false, NULL},       /* two separators */
	{"2026/7-21", false, NULL},
	{"2026年7月21", false, NULL},     /* no 日 */
	{"2026年7-21日", false, NULL},
	{"2026/7/21日", false, NULL},
	{"26/7/21", false, NULL},         /* the year in four digits */
	{"7/21/2026", false, NULL},       /* month first: ambiguous, refused */
	{"2026/123/1", false, NULL},
	{"2026/7/211", false, NULL},
	{"2026//21", false, NULL},
	{"2026/7/21 0:00", false, NULL},
	{" 2026/7/21", false, NULL},      /* the importer trims; the parser does not */
	{"２０２６/7/21", false, NULL},
	{"0000/1/1", false, NULL},
	{"", false, NULL},
	{"-1", false, NULL},
	{"46224.", false, NULL},
	{"46224x", false, NULL},
	{"1e5", false, NULL},
	{"60", false, "Excel's day number 60 is 1900-02-29, a day that never was"},
	{"0", false, RANGE_1900},
	{"2958466", false, RANGE_1900},
	{"2957004", true, RANGE_1904},
	{"46224.5", false, "a day number with a time of day: give the date alone"},
	{"1234567890", false, NULL},      /* more digits than any day number */
};

static void test_parse_cell(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof cells / sizeof cells[0]; i++) {
		long days = 123456789;
		const char *why = "unset";
		if (!date_parse_cell(cells[i].s, cells[i].date1904, &days, &why))
			fail_msg("date_parse_cell(\"%s\", %d) refused it (%s)", cells[i].s,
				 cells[i].date1904, why ? why : "no reason");
		if (days != cells[i].days)
			fail_msg("date_parse_cell(\"%s\", %d): expected %ld, got %ld", cells[i].s,
				 cells[i].date1904, cells[i].days, days);
	}
	for (size_t i = 0; i < sizeof not_cells / sizeof not_cells[0]; i++) {
		long days = 123456789;
		const char *why = "unset";
		if (date_parse_cell(not_cells[i].s, not_cells[i].date1904, &days, &why))
			fail_msg("date_parse_cell(\"%s\") accepted it (%ld)", not_cells[i].s, days);
		assert_int_equal(days, 123456789);
		if (not_cells[i].why == NULL ? why != NULL
		    : why == NULL || strcmp(why, not_cells[i].why) != 0)
			fail_msg("date_parse_cell(\"%s\"): reason \"%s\", expected \"%s\"",
				 not_cells[i].s, why ? why : "(none)",
				 not_cells[i].why ? not_cells[i].why : "(none)");
	}
	/* The reason may be left out. */
	assert_false(date_parse_cell("60", false, NULL, NULL));
}

static void test_format(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof valid / sizeof valid[0]; i++) {
		char out[DATE_BUF + 4];
		memset(out, 'Z', sizeof out);
		date_format(valid[i].days, out);
		if (strcmp(out, valid[i].s) != 0)
			fail_msg("date_format(%ld): expected \"%s\", got \"%.*s\"", valid[i].days,
				 valid[i].s, DATE_BUF, out);
		/* Nothing written past DATE_BUF. */
		for (size_t k = DATE_BUF; k < sizeof out; k++)
			assert_int_equal(out[k], 'Z');
	}
}

/* The last and first days date_parse accepts are formatted; a day past either end is
 * refused with an empty string, never a cut "10000-01-3" (day numbers from Python's
 * datetime: 9999-12-31 is 2932896, 0001-01-01 is -719162). */
static void test_format_range(void **state)
{
	char out[DATE_BUF];

	(void)state;
	assert_true(date_format(2932896, out));
	assert_string_equal(out, "9999-12-31");
	assert_false(date_format(2932897, out));
	assert_string_equal(out, "");
	assert_true(date_format(-719162, out));
	assert_string_equal(out, "0001-01-01");
	assert_false(date_format(-719163, out));
	assert_string_equal(out, "");
}

/* Every day of 1999-2001 (includes the leap day of 2000) survives format then parse,
 * and consecutive day numbers give consecutive dates: 1999-01-01 is 10957 - 365 = 10592,
 * 2001-12-31 is 10957 + 366 + 365 - 1 = 11687. */
static void test_roundtrip(void **state)
{
	(void)state;
	char prev[DATE_BUF] = "1998-12-31";
	for (long d = 10592; d <= 11687; d++) {
		char out[DATE_BUF];
		long back = 0;
		date_format(d, out);
		assert_true(strcmp(out, prev) > 0);
		assert_true(date_parse(out, &back));
		assert_int_equal(back, d);
		memcpy(prev, out, DATE_BUF);
	}
	assert_string_equal(prev, "2001-12-31");
}

/* date_now with a fixed RISKGRADE_NOW in timezone tz (a POSIX TZ string, so no tzdata
 * is needed): the stamp is the instant in UTC, today the calendar date in tz. */
static void now_in(const char *fixed, const char *tz, char stamp[STAMP_BUF],
		   char today[DATE_BUF], rg_status *st)
{
	rg_err e;

	setenv("RISKGRADE_NOW", fixed, 1);
	setenv("TZ", tz, 1);
	tzset();
	*st = date_now(stamp, today, &e);
	unsetenv("RISKGRADE_NOW");
	unsetenv("TZ");
	tzset();
}

static void test_now_fixed(void **state)
{
	char stamp[STAMP_BUF] = "", today[DATE_BUF] = "";
	rg_status st;

	(void)state;
	/* 20:00 UTC on 1 December is 04:00 on 2 December in Beijing (UTC+8), 15:00 on
	 * 1 December in New York (UTC-5). */
	now_in("2026-12-01T20:00:00Z", "UTC0", stamp, today, &st);
	assert_int_equal(st, RG_OK);
	assert_string_equal(stamp, "2026-12-01T20:00:00Z");
	assert_string_equal(today, "2026-12-01");
	now_in("2026-12-01T20:00:00Z", "CST-8", stamp, today, &st);
	assert_string_equal(stamp, "2026-12-01T20:00:00Z");
	assert_string_equal(today, "2026-12-02");
	now_in("2026-12-31T23:59:59Z", "CST-8", stamp, today, &st);
	assert_string_equal(today, "2027-01-01");
	now_in("2026-12-01T03:00:00Z", "EST5", stamp, today, &st);
	assert_string_equal(today, "2026-11-30");
}

static void test_now_malformed(void **state)
{
	static const char *const bad[] = {
		"2026-12-01", "2026-12-01 20:00:00Z", "2026-12-01T24:00:00Z",
		"2026-02-30T10:00:00Z", "2026-12-01T20:00:00+08", "2026-12-01T2:00:00Z",
	};
	char stamp[STAMP_BUF] = "unchanged", today[DATE_BUF] = "same";
	rg_status st;

	(void)state;
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		now_in(bad[i], "UTC0", stamp, today, &st);
		assert_int_equal(st, RG_USAGE);
		assert_string_equal(stamp, "unchanged");
		assert_string_equal(today, "same");
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_parse_valid),
		cmocka_unit_test(test_parse_invalid),
		cmocka_unit_test(test_parse_cell),
		cmocka_unit_test(test_format),
		cmocka_unit_test(test_format_range),
		cmocka_unit_test(test_roundtrip),
		cmocka_unit_test(test_now_fixed),
		cmocka_unit_test(test_now_malformed),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

/*
 * date.c: conversion between civil dates and day numbers, after Howard Hinnant's
 * "chrono-compatible low-level date algorithms" (public domain).
 * Depends on the C library, status.h and i18n.h (N_, the words on why a cell is no date).
 */
#include "date.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "i18n.h"

static long days_from_civil(long y, unsigned m, unsigned d)
{
	y -= m <= 2;
	long era = (y >= 0 ? y : y - 399) / 400;
	unsigned yoe = (unsigned)(y - era * 400);
	unsigned doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
	unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + (long)doe - 719468;
}

static void civil_from_days(long z, long *y, unsigned *m, unsigned *d)
{
	z += 719468;
	long era = (z >= 0 ? z : z - 146096) / 146097;
	unsigned doe = (unsigned)(z - era * 146097);
	unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	unsigned mp = (5 * doy + 2) / 153;
	*d = doy - (153 * mp + 2) / 5 + 1;
	*m = mp < 10 ? mp + 3 : mp - 9;
	*y = (long)yoe + era * 400 + (*m <= 2);
}

static bool leap(long y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

/* Whether y-m-d is a day of the proleptic Gregorian calendar in the years 0001-9999; its
 * day number into *days if so. */
static bool civil_days(long y, unsigned m, unsigned d, long *days)
{
	static const unsigned mdays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};

	if (y < 1 || y > 9999 || m < 1 || m > 12 || d < 1)
		return false;
	if (d > mdays[m - 1] + (m == 2 && leap(y)))
		return false;
	*days = days_from_civil(y, m, d);
	return true;
}

bool date_parse(const char *s, long *days)
{
	int n[8];

	for (int i = 0, k = 0; i < 10; i++) {
		if (i == 4 || i == 7) {
			if (s[i] != '-')
				return false;
			continue;
		}
		if (s[i] < '0' || s[i] > '9')
			return false;
		n[k++] = s[i] - '0';
	}
	if (s[10] != '\0')
		return false;
	return civil_days(n[0] * 1000 + n[1] * 100 + n[2] * 10 + n[3],
			  (unsigned)(n[4] * 10 + n[5]), (unsigned)(n[6] * 10 + n[7]), days);
}

/* Read min..max ASCII digits at *p into *v, moving *p past them; false if there are
 * fewer or more. */
static bool digits(const char **p, int min, int max, long *v)
{
	int k = 0;

	*v = 0;
	while (**p >= '0' && **p <= '9') {
		if (++k > max)
			return false;
		*v = *v * 10 + (**p - '0');
		(*p)++;
	}
	return k >= min;
}

/* Skip the text lit at *p, returning whether it was there. */
static bool literal(const char **p, const char *lit)
{
	size_t n = strlen(lit);

	if (strncmp(*p, lit, n) != 0)
		return false;
	*p += n;
	return true;
}

/* A written date: YYYY, one separator (-, / or .) or 年, M or MM, the same separator or
 * 月, D or DD, and 日 after 年 and 月. */
static bool parse_written(const char *s, long *days)
{
	const char *p = s;
	long y, m, d;
	char sep[4] = "";

	if (!digits(&p, 4, 4, &y))
		return false;
	if (*p == '-' || *p == '/' || *p == '.') {
		sep[0] = *p++;
	} else if (!literal(&p, "年")) {
		return false;
	}
	if (!digits(&p, 1, 2, &m))
		return false;
	if (!literal(&p, sep[0] != '\0' ? sep : "月") || !digits(&p, 1, 2, &d))
		return false;
	if (sep[0] == '\0' && !literal(&p, "日"))
		return false;
	return *p == '\0' && civil_days(y, (unsigned)m, (unsigned)d, days);
}

/* An Excel day number, whole (digits, then perhaps '.' and zeros): true with *days, or
 * false with *why when s is a number but no day, or NULL when s is no number. */
static bool parse_serial(const char *s, bool date1904, long *days, const char **why)
{
	const char *p = s;
	long serial;

	if (!digits(&p, 1, 9, &serial))
		return false;
	if (*p == '.') {
		const char *frac = ++p;
		while (*p == '0')
			p++;
		if (*p >= '1' && *p <= '9') {
			while (*p >= '0' && *p <= '9')
				p++;
			if (*p == '\0')
				*why = N_("a day number with a time of day: give the date alone");
			return false;
		}
		if (p == frac)
			return false;
	}
	if (*p != '\0')
		return false;
	if (date1904) {
		if (serial > DATE_SERIAL_MAX_1904) {
			*why = N_("past Excel's day numbers, which in the 1904 date system go "
				  "from 0, 1904-01-01, to 2957003, 9999-12-31");
			return false;
		}
		*days = serial - 24107; /* 1904-01-01 is 24107 days before 1970-01-01 */
		return true;
	}
	if (serial == 60) {
		*why = N_("Excel's day number 60 is 1900-02-29, a day that never was");
		return false;
	}
	if (serial < 1 || serial > DATE_SERIAL_MAX) {
		*why = N_("past Excel's day numbers, which go from 1, 1900-01-01, to "
			  "2958465, 9999-12-31");
		return false;
	}
	/* 1 is 1900-01-01, 25567 days before 1970-01-01; from 61 on, one less for the 60th. */
	*days = serial < 60 ? serial - 25568 : serial - 25569;
	return true;
}

bool date_parse_cell(const char *s, bool date1904, long *days, const char **why)
{
	const char *ignored;

	if (why == NULL)
		why = &ignored;
	*why = NULL;
	return date_parse(s, days) || parse_written(s, days) ||
	       parse_serial(s, date1904, days, why);
}

bool date_format(long days, char out[DATE_BUF])
{
	long y;
	unsigned m, d;

	civil_from_days(days, &y, &m, &d);
	if (y < 1 || y > 9999) {
		out[0] = '\0';
		return false;
	}
	/* m and d are in range, but the compiler cannot know it: mask them to two digits. */
	snprintf(out, DATE_BUF, "%04ld-%02u-%02u", y, m % 100u, d % 100u);
	return true;
}

static rg_status bad_now(const char *fixed, rg_err *e)
{
	return err_set(e, RG_USAGE, "RISKGRADE_NOW: expected a UTC time YYYY-MM-DDTHH:MM:SSZ, "
		       "got \"%s\"", fixed);
}

rg_status date_now(char out[STAMP_BUF], char today[DATE_BUF], rg_err *e)
{
	const char *fixed = getenv("RISKGRADE_NOW");
	time_t t;
	struct tm tm;

	if (fixed != NULL) {
		char day[DATE_BUF];
		unsigned h, mi, s;
		char z;
		int used = 0;
		long days;
		if (strlen(fixed) != STAMP_BUF - 1 || fixed[10] != 'T')
			return bad_now(fixed, e);
		memcpy(day, fixed, DATE_BUF - 1);
		day[DATE_BUF - 1] = '\0';
		if (!date_parse(day, &days) ||
		    sscanf(fixed + 11, "%2u:%2u:%2u%c%n", &h, &mi, &s, &z, &used) != 4 ||
		    used != 9 || z != 'Z' || h > 23 || mi > 59 || s > 59)
			return bad_now(fixed, e);
		t = (time_t)days * 86400 + (time_t)(h * 3600 + mi * 60 + s);
	} else {
		t = time(NULL);
	}
	gmtime_r(&t, &tm);
	strftime(out, STAMP_BUF, "%Y-%m-%dT%H:%M:%SZ", &tm);
	if (today != NULL) {
		localtime_r(&t, &tm);
		strftime(today, DATE_BUF, "%Y-%m-%d", &tm);
	}
	return RG_OK;
}

/*
 * date.c: conversion between civil dates and day numbers, after Howard Hinnant's
 * "chrono-compatible low-level date algorithms" (public domain).
 * Depends on the C library and status.h.
 */
#include "date.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

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

bool date_parse(const char *s, long *days)
{
	static const unsigned mdays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
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
	long y = n[0] * 1000 + n[1] * 100 + n[2] * 10 + n[3];
	unsigned m = (unsigned)(n[4] * 10 + n[5]);
	unsigned d = (unsigned)(n[6] * 10 + n[7]);
	if (y < 1 || m < 1 || m > 12 || d < 1)
		return false;
	if (d > mdays[m - 1] + (m == 2 && leap(y)))
		return false;
	*days = days_from_civil(y, m, d);
	return true;
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

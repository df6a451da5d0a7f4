/*
 * date.h: calendar dates as day numbers, for the as-of date and the date arithmetic rule
 * packs need (days between, add days).  Proleptic Gregorian, ISO 8601 'YYYY-MM-DD' only.
 * Depends on the C library and status.h.
 */
#ifndef RG_DATE_H
#define RG_DATE_H

#include <stdbool.h>

#include "status.h"

/* Length of a formatted date plus its terminating NUL. */
#define DATE_BUF 11

/*
 * date_parse: parse s, which must be exactly 'YYYY-MM-DD' (years 0001-9999) naming a
 * real calendar day, into *days (days since 1970-01-01, negative before).  Returns false,
 * leaving *days untouched, for anything else.
 */
bool date_parse(const char *s, long *days);

/* date_format: write the day number days as 'YYYY-MM-DD' into out[DATE_BUF].  Returns
 * false, with out empty, when the day is outside the years 0001-9999 (which date_parse
 * accepts), so that date arithmetic never writes a cut or five-digit year. */
bool date_format(long days, char out[DATE_BUF]);

/* Length of a UTC timestamp 'YYYY-MM-DDTHH:MM:SSZ' plus its terminating NUL. */
#define STAMP_BUF 21

/*
 * date_now: the current UTC time as 'YYYY-MM-DDTHH:MM:SSZ' into out[STAMP_BUF], and
 * today's date where the user is (the local calendar date of the same instant, TZ) into
 * today[DATE_BUF] when today is not NULL: the one "today" every command defaults to.  The environment
 * variable RISKGRADE_NOW, when set to such a timestamp, is used instead of the clock, so
 * that records of when things were done can be reproduced (tests, re-enacted reviews).
 * RG_USAGE, writing nothing, when RISKGRADE_NOW is set but malformed.
 */
rg_status date_now(char out[STAMP_BUF], char today[DATE_BUF], rg_err *e);

#endif

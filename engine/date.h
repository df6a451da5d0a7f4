/*
 * date.h: calendar dates as day numbers, for the as-of date and the date arithmetic rule
 * packs need (days between, add days).  Proleptic Gregorian, ISO 8601 'YYYY-MM-DD'; and
 * the other ways a spreadsheet cell holds a date (2026/7/21, 2026年7月21日, Excel's day
 * numbers), read by imports.  Depends on the C library and status.h.
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

/*
 * Excel's day numbers ("date serials") date_parse_cell accepts.  In the 1900 date system,
 * 1 is 1900-01-01 and DATE_SERIAL_MAX 9999-12-31; Excel counts a 1900-02-29 that never
 * was (its serial 60, refused), so 61 is 1900-03-01.  In the 1904 system (a workbook
 * saved with "use 1904 date system") 0 is 1904-01-01, DATE_SERIAL_MAX_1904 9999-12-31.
 */
#define DATE_SERIAL_MAX 2958465L
#define DATE_SERIAL_MAX_1904 2957003L

/*
 * date_parse_cell: parse s, a spreadsheet cell meant as a date, into *days (as
 * date_parse).  Accepted: 'YYYY-MM-DD'; the year in four digits and the month and day in
 * one or two, separated by '-', '/' or '.' (the same both times: 2026-7-21, 2026/12/1,
 * 2026.7.21) or written 2026年7月21日; or a whole number (digits, optionally ".0…") taken
 * as Excel's day number in the 1900 date system, or in the 1904 one when date1904 (ranges
 * above).  Returns false, leaving *days untouched, for anything else or a day that does
 * not exist; then *why (when why is not NULL) is NULL, or for a number a few words on why
 * it is no date ("Excel's day number 60 is 1900-02-29, a day that never was"), static,
 * in English and marked for the catalog: translate it with _() where it is shown.
 */
bool date_parse_cell(const char *s, bool date1904, long *days, const char **why);

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

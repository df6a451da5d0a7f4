/*
 * status.h: the one status enum of riskgrade, its exit codes, and the error record that
 * carries a message from where a failure is found up to main.c, which prints it.
 * Depends on nothing but the C library.
 */
#ifndef RG_STATUS_H
#define RG_STATUS_H

#include <stddef.h>

/* Every fallible function returns one of these.  Exit codes are documented in README.md
 * and mapped in exactly one place, status_exit_code(). */
typedef enum {
	RG_OK = 0,    /* success */
	RG_FAILED,    /* the command ran and found failures it reports (e.g. a failing check) */
	RG_USAGE,     /* bad command line */
	RG_INPUT,     /* bad input data: CSV, unknown point, bad value */
	RG_DB,        /* database missing, wrong version, or an SQLite error */
	RG_RULE,      /* a rule pack failed to load or raised an error */
	RG_IO         /* a file could not be read or written */
} rg_status;

/* The message of the failure being returned, written once where the failure is found. */
typedef struct {
	char msg[2048];
} rg_err;

/*
 * err_set: record a failure and return its status, so callers can write
 * `return err_set(e, RG_INPUT, "%s:%d: ...", ...)`.  e may be NULL (message dropped).
 * The message is printf-formatted, its format translated first (i18n.h: the format is
 * the catalog's key), and truncated to fit.  Returns status.
 */
rg_status err_set(rg_err *e, rg_status status, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/*
 * err_wrap: put context before the message already in e, keeping the status of the
 * failure (a storage failure stays RG_DB, a rule failure RG_RULE), so callers can write
 * `return err_wrap(e, st, "point %s", code)` -> "point FX-1: <original message>".  The
 * context is printf-formatted (its format translated, as err_set's); ": " separates it
 * from the original.  e may be NULL.
 * Returns status.
 */
rg_status err_wrap(rg_err *e, rg_status status, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* status_exit_code: the process exit code for status (see README, "Exit codes"). */
int status_exit_code(rg_status status);

#endif

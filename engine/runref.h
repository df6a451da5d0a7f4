/*
 * runref.h: finding a run: the latest one, or the one the user named with --run (or a
 * run number given another way).
 * Depends on db.h, status.h.
 */
#ifndef RG_RUNREF_H
#define RG_RUNREF_H

#include "db.h"
#include "status.h"

/*
 * runref_number: parse text as a run number (a positive integer) into *run, without
 * looking it up.  RG_USAGE naming what (the option or argument: "--run", "RUN_A")
 * otherwise.
 */
rg_status runref_number(const char *what, const char *text, long *run, rg_err *e);

/*
 * runref_resolve: set *run to the id given in text (from --run), or to the latest run
 * when text is NULL.  RG_USAGE if text is not a number, RG_INPUT if there is no such run
 * or no run at all, RG_DB on a database failure.
 */
rg_status runref_resolve(db *d, const char *text, long *run, rg_err *e);

#endif

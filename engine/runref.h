/*
 * runref.h: finding a run: the latest one, or the one the user named with --run.
 * Depends on db.h, status.h.
 */
#ifndef RG_RUNREF_H
#define RG_RUNREF_H

#include "db.h"
#include "status.h"

/*
 * runref_resolve: set *run to the id given in text (from --run), or to the latest run
 * when text is NULL.  RG_USAGE if text is not a number, RG_INPUT if there is no such run
 * or no run at all, RG_DB on a database failure.
 */
rg_status runref_resolve(db *d, const char *text, long *run, rg_err *e);

#endif

/*
 * run.h: the run history: run numbers as users give them, the latest run, and what
 * changed between two runs (shared by `riskgrade diff` and `riskgrade grade --dry-run`).
 * Depends on db.h, out.h, status.h.
 */
#ifndef RG_RUN_H
#define RG_RUN_H

#include "date.h"
#include "db.h"
#include "out.h"
#include "status.h"

/*
 * run_number: parse text as a run number (a positive integer) into *run, without
 * looking it up.  RG_USAGE naming what (the option or argument: "--run", "RUN_A")
 * otherwise.
 */
rg_status run_number(const char *what, const char *text, long *run, rg_err *e);

/*
 * run_resolve: set *run to the id given in text (from --run), or to the latest run
 * when text is NULL.  RG_USAGE if text is not a number, RG_INPUT if there is no such run
 * or no run at all, RG_DB on a database failure.
 */
rg_status run_resolve(db *d, const char *text, long *run, rg_err *e);

/*
 * run_exists: parse text as a run number (the argument called what, e.g. "RUN_A") into
 * *run and check that the run exists.  RG_USAGE if it is not a number, RG_INPUT naming
 * the run if there is no such run, RG_DB on a database failure.
 */
rg_status run_exists(db *d, const char *what, const char *text, long *run, rg_err *e);

/* run_latest: the id of the latest run into *run, 0 when there is none.  RG_DB. */
rg_status run_latest(db *d, long *run, rg_err *e);

/*
 * run_as_of: the date a command judges overdue warnings on when no --as-of is given,
 * into out[DATE_BUF]: the as-of date of run (the latest run when run is 0), so that a
 * list agrees with the run it follows; today (date_now) when nothing was graded yet.
 * The one rule of report, warnings and export.  RG_DB, RG_USAGE (see date_now).
 */
rg_status run_as_of(db *d, long run, char out[DATE_BUF], rg_err *e);

/*
 * run_diff_print: print to stdout, as tables, the points whose tier or flags differ
 * between run a and run b (or that only one of them graded), then the reasons each run
 * gave, then the counts by agency and direction (等级升高, 等级降低, 仅标记变化, 新增,
 * 移出).  The comparison is kept meanwhile in the temporary table diff_changed of d,
 * dropped before it returns.  RG_DB, RG_IO.
 */
rg_status run_diff_print(db *d, long a, long b, rg_err *e);

/*
 * run_diff_write: write the same list of points as one list, reasons included, to t
 * (CSV, JSON or XLSX; see out_write), without the counts.  RG_DB, RG_IO.
 */
rg_status run_diff_write(db *d, long a, long b, const out_target *t, rg_err *e);

#endif

/*
 * runs.h: the run history: which run is the latest, and what changed between two runs
 * (shared by `riskgrade diff` and `riskgrade grade --dry-run`).
 * Depends on db.h, table.h, status.h.
 */
#ifndef RG_RUNS_H
#define RG_RUNS_H

#include "db.h"
#include "status.h"
#include "table.h"

/* runs_latest: the id of the latest run into *run, 0 when there is none.  RG_DB. */
rg_status runs_latest(db *d, long *run, rg_err *e);

/*
 * runs_diff_print: print to stdout the points whose tier or flags differ between run a
 * and run b (or that only one of them graded), with the reasons each run gave, then the
 * counts by agency and direction (等级升高, 等级降低, 仅标记变化, 新增, 移出).  In fmt
 * csv or json only the list of points is printed, reasons included.  RG_DB, RG_IO.
 */
rg_status runs_diff_print(db *d, long a, long b, out_format fmt, rg_err *e);

#endif

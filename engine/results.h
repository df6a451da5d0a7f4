/*
 * results.h: what a batch run stores of its points' results: only what differs from each
 * point's latest stored result (schemas/README.md).  The latest stored results of the
 * points in scope are read by forward cursors in code order, the order the run grades
 * the points in, and compared with the new ones; the run's scope (run_scopes) and where
 * the runs saw each point (coverage) are kept here too.  Writing a result's rows is the
 * run's (grade.c).
 * Depends on db.h, rules.h (rule_result only), status.h.
 */
#ifndef RG_RESULTS_H
#define RG_RESULTS_H

#include <stdbool.h>

#include "db.h"
#include "rules.h"
#include "status.h"

typedef struct results results;

/*
 * results_open: get ready to compare the results of run `run` (already in runs) with the
 * stored ones, for the points of agency scope and the units under it (every agency when
 * scope is NULL), and record the run's scope in run_scopes.  trace: the run is made with
 * --trace, so a point's traces are part of its result.  d must stay in the run's
 * transaction while *out is used; free it with results_close().  RG_DB with SQLite's
 * message, or when out of memory.
 */
rg_status results_open(db *d, long run, const char *scope, bool trace, results **out,
		       rg_err *e);

/* results_close: finalize the statements of r.  NULL is allowed. */
void results_close(results *r);

/*
 * results_changed: set *changed to whether point code's new result res (its reasons
 * joined one per line as reasons, and its own factors as factors, "" for none, the way
 * they are stored) must be stored: when it differs in its grade (factors, the national
 * ones absent or not, level, score, tier), reasons or flags from the point's latest
 * stored result, or in
 * its traces when the run is traced, or when the point has none, or its flags were
 * cleared by an approval.  Also records, when the point is graded in another agency than
 * the runs last saw it in (or for the first time), that it is in agency from this run
 * on.  *version: the run whose rows will hold the result (this one when changed).
 * Points must come in code order, each once, before their new rows are written.
 * RG_DB with SQLite's message and the point's code.
 */
rg_status results_changed(results *r, const char *code, const char *agency,
			  const rule_result *res, const char *reasons, const char *factors,
			  bool *changed, long *version, rg_err *e);

/*
 * results_take: point code's result is the one stored by run version, which promised it
 * holds (reuse.h): read it into *res, with its reasons joined and its own factors ("" for
 * none) as stored into *reasons and *factors (all valid until the next call; res has no
 * warnings, traces or factor list), and record where the point is graded as
 * results_changed() does.  Points come in code order with those results_changed() sees.
 * RG_DB with SQLite's message and the point's code, or when the point's latest stored
 * result is not version's.
 */
rg_status results_take(results *r, const char *code, const char *agency, long version,
		       rule_result *res, const char **reasons, const char **factors, rg_err *e);

/*
 * results_finish: after the last point, record that the points the runs last saw in an
 * agency of this run's scope, which it did not grade (they have moved out of it), are not
 * graded from this run on.  RG_DB with SQLite's message.
 */
rg_status results_finish(results *r, rg_err *e);

#endif

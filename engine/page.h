/*
 * page.h: the review meeting's report as one self-contained HTML page: its stylesheet
 * (A4 print), the header (the run, its rule packs, the totals) and the six sections, laid
 * out from the figures of report.h with the charts of chart.h.  No script, nothing from
 * the network, the same bytes for the same database and as-of date.
 * Depends on report.h, status.h.
 */
#ifndef RG_PAGE_H
#define RG_PAGE_H

#include <stdio.h>

#include "report.h"
#include "status.h"

/*
 * page_write: write the whole report of r (its run, agency and as-of date set; r->prev is
 * set here) to out, and the number of points it covers into *npoints.  Write errors are
 * not checked here: the caller finds them from out's error flag (or when it closes out).
 * RG_DB naming the figure being read ("report: the rule packs: ..."), or RG_INPUT when
 * r->run does not exist; the page is then incomplete and must be discarded.
 */
rg_status page_write(report *r, FILE *out, long *npoints, rg_err *e);

#endif

/*
 * cmd_report.c: `riskgrade report`, the review meeting's report on one run as one
 * self-contained HTML file.  Only the command: it checks the arguments, opens the
 * database and the output, and has page.c write the page from report.c's figures.
 * Depends on args.h, html.h (the output file), date.h, db.h, lookup.h, run.h, page.h,
 * report.h.
 */
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "args.h"
#include "cmd.h"
#include "i18n.h"
#include "date.h"
#include "db.h"
#include "html.h"
#include "lookup.h"
#include "page.h"
#include "report.h"
#include "run.h"

static const char usage[] =
	"riskgrade report DB -o FILE [--run N] [--as-of YYYY-MM-DD] [--agency CODE]";

static const char help[] =
	N_("usage: riskgrade report DB -o FILE [--run N] [--as-of YYYY-MM-DD] [--agency CODE]\n"
	"\n"
	"Write the report of run N for the review meeting as one self-contained HTML file\n"
	"(no script, nothing fetched from the network; prints on A4): the run, its rule packs\n"
	"and SHA-256; the tiers per agency (chart and table); the likelihood × harm matrix\n"
	"(风险矩阵); the open re-grading flags and the points they concern (需重新评定); the\n"
	"warnings by status and the overdue ones (预警); the points whose tier changed since\n"
	"the previous run (与上次评定相比); and the ten highest scores (重点风险).\n"
	"The same database and --as-of give the same bytes.\n"
	"\n"
	"  -o FILE         where to write the report (required; - for standard output).  The\n"
	"                  file is replaced only once the report is complete\n"
	"  --run N         the run to report on (default: the latest)\n"
	"  --as-of DATE    the date overdue warnings are judged against: a warning still 发布\n"
	"                  or 签收 whose due date is before it is overdue (default: the run's own\n"
	"                  as-of date)\n"
	"  --agency CODE   only this agency and the units under it\n");

rg_status cmd_report(int argc, char **argv, rg_err *e)
{
	const char *pos[1], *run_text = NULL, *as_of = NULL, *agency = NULL, *path = NULL;
	arg_opt opts[] = {{"-o", &path, NULL},
			  {"--run", &run_text, NULL},
			  {"--as-of", &as_of, NULL},
			  {"--agency", &agency, NULL},
			  {NULL, NULL, NULL}};
	char run_date[DATE_BUF];
	report r = {0};
	html_file hf = {0};
	bool helped;
	int npos;
	long days, npoints = 0;
	rg_status st;

	st = args_parse(argc, argv, opts, pos, 1, 1, &npos, &helped, usage, help, e);
	if (st != RG_OK || helped)
		return st;
	if (path == NULL || *path == '\0')
		return err_set(e, RG_USAGE, "report: -o FILE is required (- for standard output)"
				"\nusage: %s", usage);
	if (as_of != NULL && !date_parse(as_of, &days))
		return err_set(e, RG_USAGE, "--as-of: expected a date YYYY-MM-DD, got \"%s\"",
			       as_of);
	r.as_of = as_of;
	r.agency = agency;

	if ((st = db_open_reader(pos[0], &r.d, e)) != RG_OK)
		goto out;
	if ((st = run_resolve(r.d, run_text, &r.run, e)) != RG_OK)
		goto out;
	if (as_of == NULL) {
		if ((st = run_as_of(r.d, r.run, run_date, e)) != RG_OK)
			goto out;
		r.as_of = run_date;
	}
	if (agency != NULL && (st = lookup_agency(r.d, "--agency", agency, e)) != RG_OK)
		goto out;
	if ((st = html_file_open(&hf, path, e)) != RG_OK)
		goto out;

	if ((st = page_write(&r, hf.f, &npoints, e)) != RG_OK)
		goto out;
	if ((st = html_file_commit(&hf, e)) != RG_OK)
		goto out;
	if (strcmp(path, "-") != 0)
		printf(ngettext("%s: report of run %ld written (%ld point)\n",
				"%s: report of run %ld written (%ld points)\n", npoints), path,
		       r.run, npoints);
out:
	html_file_abort(&hf);
	db_close(r.d);
	return st;
}

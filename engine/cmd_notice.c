/*
 * cmd_notice.c: `riskgrade notice`, the printable notices of the warnings (预警通知书),
 * one per A4 page in one self-contained HTML file.  Only the command: it checks the
 * arguments and that what they name exists, opens the output, and has notice.c write.
 * Depends on args.h, html.h (the output file), db.h, lookup.h, notice.h, run.h, i18n.h.
 */
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "args.h"
#include "cmd.h"
#include "db.h"
#include "html.h"
#include "i18n.h"
#include "lookup.h"
#include "notice.h"
#include "run.h"

static const char usage[] =
	"riskgrade notice DB -o FILE [--warning ID | --person CODE | --run N] [--issuer NAME]";

static const char help[] =
	N_("usage: riskgrade notice DB -o FILE [--warning ID | --person CODE | --run N]\n"
	"                                   [--issuer NAME]\n"
	"\n"
	"Write the notice of each warning (廉政风险预警通知书; 监察整改建议书 for 风险提示,\n"
	"监察整改通知书 for 诫勉谈话 and 责令纠错) as one self-contained HTML file, one notice\n"
	"per A4 page, to print and hand to the person who must act: the agency, the point and\n"
	"its tier, the reason (预警事由) and its evidence (事实依据), the disposition and what\n"
	"it requires (整改要求), the due date, the issuing body, and lines to sign and date\n"
	"for 签收 and 反馈.  No complainant is named.  The same database gives the same bytes.\n"
	"By default, every warning awaiting an answer (status 发布 or 签收), by number.\n"
	"\n"
	"  -o FILE         where to write the notices (required; - for standard output).  The\n"
	"                  file is replaced only once it is complete\n"
	"  --warning ID    only warning ID (预警编号, see riskgrade warnings), whatever its status\n"
	"  --person CODE   only the warnings of this responsible person awaiting an answer\n"
	"  --run N         only the warnings run N issued or escalated, awaiting an answer\n"
	"  --issuer NAME   the issuing body (发文单位) printed on each notice (default: a blank\n"
	"                  line to fill in by hand)\n"
	"At most one of --warning, --person and --run.  Print with\n"
	"  chromium --headless --no-pdf-header-footer --print-to-pdf=FILE.pdf FILE\n");

/* choose: the warnings the options name into n->by and its value; at most one of them.
 * RG_USAGE for two, or for an ID that is not a warning number. */
static rg_status choose(notice *n, const char *warning, const char *person,
			const char *run_text, rg_err *e)
{
	char *end;

	if ((warning != NULL) + (person != NULL) + (run_text != NULL) > 1)
		return err_set(e, RG_USAGE, "notice: give at most one of --warning, --person and "
			       "--run\nusage: %s", usage);
	n->by = warning != NULL ? NOTICE_WARNING : person != NULL ? NOTICE_PERSON
		: run_text != NULL ? NOTICE_RUN : NOTICE_OPEN;
	n->person = person;
	if (warning != NULL) {
		errno = 0;
		n->warning = strtol(warning, &end, 10);
		if (errno != 0 || *end != '\0' || end == warning || n->warning <= 0)
			return err_set(e, RG_USAGE, "--warning: expected a warning number, got "
				       "\"%s\"", warning);
	}
	return RG_OK;
}

rg_status cmd_notice(int argc, char **argv, rg_err *e)
{
	const char *pos[1], *path = NULL, *warning = NULL, *person = NULL, *run_text = NULL;
	notice n = {0};
	arg_opt opts[] = {{"-o", &path, NULL},
			  {"--warning", &warning, NULL},
			  {"--person", &person, NULL},
			  {"--run", &run_text, NULL},
			  {"--issuer", &n.issuer, NULL},
			  {NULL, NULL, NULL}};
	html_file hf = {0};
	bool helped;
	int npos;
	long count = 0;
	rg_status st;

	st = args_parse(argc, argv, opts, pos, 1, 1, &npos, &helped, usage, help, e);
	if (st != RG_OK || helped)
		return st;
	if (path == NULL || *path == '\0')
		return err_set(e, RG_USAGE, "notice: -o FILE is required (- for standard output)"
			       "\nusage: %s", usage);
	if ((st = choose(&n, warning, person, run_text, e)) != RG_OK)
		return st;

	if ((st = db_open(pos[0], &n.d, e)) != RG_OK)
		goto out;
	if (person != NULL && (st = lookup_person(n.d, "--person", person, NULL, 0, e)) != RG_OK)
		goto out;
	if (run_text != NULL && (st = run_exists(n.d, "--run", run_text, &n.run, e)) != RG_OK)
		goto out;
	if ((st = html_file_open(&hf, path, e)) != RG_OK)
		goto out;

	if ((st = notice_write(&n, hf.f, &count, e)) != RG_OK)
		goto out;
	if ((st = html_file_commit(&hf, e)) != RG_OK)
		goto out;
	if (strcmp(path, "-") != 0)
		printf(ngettext("%s: %ld notice written, one page each\n",
				"%s: %ld notices written, one page each\n", count), path, count);
out:
	html_file_abort(&hf);
	db_close(n.d);
	return st;
}

/*
 * args.c: shared option parsing for the subcommands, and the options every one of them
 * has (--help, --wait), and help texts printed in the user's language.
 * Depends on status.h, i18n.h, out.h (the output options' help) and db.h (where --wait
 * goes).
 */
#include "args.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db.h"
#include "i18n.h"
#include "out.h"

/* --wait SECONDS: how long to wait for another riskgrade that holds the database. */
static rg_status set_wait(const char *cmd, const char *value, const char *usage, rg_err *e)
{
	char *end;
	double s;

	errno = 0;
	s = strtod(value, &end);
	if (value[0] == '\0' || *end != '\0' || errno != 0 || !isfinite(s) || s < 0 ||
	    s > DB_WAIT_MAX)
		return err_set(e, RG_USAGE, "%s: option --wait: expected a number of seconds from "
			       "0 to %g, got \"%s\"\nusage: %s", cmd, DB_WAIT_MAX, value, usage);
	db_set_wait(s);
	return RG_OK;
}

/* Print help_text translated.  A help holding the output options (OUT_HELP) is up to three
 * entries of the catalog: the command's own text before them, the options every list
 * shares, and the command's text after them. */
static void print_help(const char *help_text)
{
	const char *at = strstr(help_text, OUT_HELP);
	char part[8192];
	size_t n;

	if (at == NULL || (size_t)(at - help_text) >= sizeof part) {
		fputs(_(help_text), stdout);
		return;
	}
	n = (size_t)(at - help_text);
	memcpy(part, help_text, n);
	part[n] = '\0';
	fputs(_(part), stdout);
	fputs(_(OUT_HELP), stdout);
	if (at[strlen(OUT_HELP)] != '\0')
		fputs(_(at + strlen(OUT_HELP)), stdout);
}

rg_status args_parse(int argc, char **argv, const arg_opt *opts, const char **pos,
		     int minpos, int maxpos, int *npos, bool *help, const char *usage,
		     const char *help_text, rg_err *e)
{
	bool options_done = false;

	*npos = 0;
	*help = false;
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i];
		if (!options_done && (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0)) {
			*help = true;
			print_help(help_text);
			return RG_OK;
		}
		if (!options_done && strcmp(a, "--") == 0) {
			options_done = true;
			continue;
		}
		if (options_done || a[0] != '-' || a[1] == '\0') {
			if (*npos == maxpos)
				return err_set(e, RG_USAGE, "%s: unexpected argument \"%s\"\nusage: %s",
					       argv[0], a, usage);
			pos[(*npos)++] = a;
			continue;
		}
		const arg_opt *o = opts;
		const char *eq = strchr(a, '=');
		size_t len = eq ? (size_t)(eq - a) : strlen(a);
		if (len == strlen("--wait") && strncmp(a, "--wait", len) == 0) {
			rg_status st;
			if (eq == NULL && i + 1 == argc)
				return err_set(e, RG_USAGE, "%s: option --wait needs a value\nusage: %s",
					       argv[0], usage);
			st = set_wait(argv[0], eq ? eq + 1 : argv[++i], usage, e);
			if (st != RG_OK)
				return st;
			continue;
		}
		for (; o->name != NULL; o++)
			if (strlen(o->name) == len && strncmp(o->name, a, len) == 0)
				break;
		if (o->name == NULL)
			return err_set(e, RG_USAGE, "%s: unknown option \"%.*s\"\nusage: %s", argv[0],
				       (int)len, a, usage);
		if (o->flag != NULL) {
			if (eq != NULL)
				return err_set(e, RG_USAGE, "%s: option %s takes no value\nusage: %s",
					       argv[0], o->name, usage);
			*o->flag = true;
		} else if (eq != NULL) {
			*o->value = eq + 1;
		} else if (i + 1 < argc) {
			*o->value = argv[++i];
		} else {
			return err_set(e, RG_USAGE, "%s: option %s needs a value\nusage: %s", argv[0],
				       o->name, usage);
		}
	}
	if (*npos < minpos)
		return err_set(e, RG_USAGE, "%s: missing arguments\nusage: %s", argv[0], usage);
	return RG_OK;
}

/*
 * main.c: riskgrade's entry point.  Finds the subcommand, runs it, prints its error and
 * maps its status to the exit code, in the user's language.  Only this file exits.
 * Depends on cmd.h, status.h, i18n.h.
 */
#include <stdio.h>
#include <string.h>

#include "cmd.h"
#include "i18n.h"
#include "status.h"

static const struct {
	const char *name;
	rg_status (*run)(int argc, char **argv, rg_err *e);
	const char *summary;
} commands[] = {
	{"init", cmd_init, N_("create a database or bring its schema up to date")},
	{"import", cmd_import, N_("import a CSV, XLSX or XLS file into a table")},
	{"facts", cmd_facts, N_("list or remove the facts an agency declared for its method")},
	{"grade", cmd_grade, N_("grade every risk point and record the run")},
	{"warnings", cmd_warnings, N_("list the warnings of a run")},
	{"list", cmd_list, N_("list agencies, departments, posts, persons, powers or points")},
	{"explain", cmd_explain, N_("show a point's facts and why it got its grade")},
	{"runs", cmd_runs, N_("list the grading runs: when, as-of, packs, counts")},
	{"diff", cmd_diff, N_("show the points whose tier or flags changed between two runs")},
	{"flags", cmd_flags, N_("list the open re-grading flags")},
	{"approve", cmd_approve, N_("record a collectively approved tier (集体审定)")},
	{"warning", cmd_warning, N_("ack, feedback, release or escalate one warning")},
	{"calibrate", cmd_calibrate, N_("compare tier distributions across agencies (避高就低)")},
	{"audit", cmd_audit, N_("verify or list the hash-chained audit log")},
	{"export", cmd_export, N_("write a list as CSV, JSON or XLSX")},
	{"report", cmd_report, N_("write the review meeting's HTML report")},
	{"notice", cmd_notice, N_("write the printable notice of each warning (预警通知书)")},
	{"rules", cmd_rules, N_("show which rule pack each agency uses")},
	{"test", cmd_test, N_("run the test cases rule packs carry")},
	{"lint", cmd_lint, N_("check rule packs for mistakes before a review")},
};

static void usage(FILE *f)
{
	fputs(_("usage: riskgrade COMMAND [ARGS]   (riskgrade COMMAND --help for more)\n\n"
		"Grade 廉政风险 points with Lua rule packs over a SQLite database.\n"
		"DB is an SQLite file, or a PostgreSQL database: a postgresql:// URI or a\n"
		"connection string (host=... dbname=...).\n\n"
		"commands:\n"), f);
	for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
		fprintf(f, "  %-10s %s\n", commands[i].name, _(commands[i].summary));
	fputs(_("\ncommon options: --help       what the command does, and its options\n"
		"                --wait SECS  how long to wait while another riskgrade writes the\n"
		"                             database (default 30; 0: not at all), then exit 4\n"
		"\nexit codes: 0 ok, 1 failures found, 2 usage, 3 bad input, 4 database,\n"
		"            5 rule pack, 6 file i/o\n"), f);
}

int main(int argc, char **argv)
{
	rg_err e = {{0}};
	rg_status st;

	i18n_init();
	if (argc < 2) {
		usage(stderr);
		return status_exit_code(RG_USAGE);
	}
	if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0 ||
	    strcmp(argv[1], "help") == 0) {
		usage(stdout);
		return fclose(stdout) == 0 ? 0 : status_exit_code(RG_IO);
	}
	if (strcmp(argv[1], "--version") == 0) {
		printf("riskgrade %s\n", RG_VERSION);
		return fclose(stdout) == 0 ? 0 : status_exit_code(RG_IO);
	}
	for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++) {
		if (strcmp(argv[1], commands[i].name) != 0)
			continue;
		st = commands[i].run(argc - 1, argv + 1, &e);
		if (fclose(stdout) != 0 && st == RG_OK)
			st = err_set(&e, RG_IO, "cannot write to standard output");
		if (st != RG_OK)
			fprintf(stderr, "riskgrade: %s\n", e.msg);
		return status_exit_code(st);
	}
	fprintf(stderr, _("riskgrade: unknown command \"%s\"\n"), argv[1]);
	usage(stderr);
	return status_exit_code(RG_USAGE);
}

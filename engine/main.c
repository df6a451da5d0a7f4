/*
 * main.c: riskgrade's entry point.  Finds the subcommand, runs it, prints its error and
 * maps its status to the exit code.  Only this file exits.
 * Depends on cmd.h, status.h.
 */
#include <stdio.h>
#include <string.h>

#include "cmd.h"
#include "status.h"

static const struct {
	const char *name;
	rg_status (*run)(int argc, char **argv, rg_err *e);
	const char *summary;
} commands[] = {
	{"init", cmd_init, "create a database or bring its schema up to date"},
	{"import", cmd_import, "import a CSV file into a table"},
	{"facts", cmd_facts, "list or remove the facts an agency declared for its method"},
	{"grade", cmd_grade, "grade every risk point and record the run"},
	{"warnings", cmd_warnings, "list the warnings of a run"},
	{"list", cmd_list, "list agencies, departments, posts, persons, powers or points"},
	{"explain", cmd_explain, "show a point's facts and why it got its grade"},
	{"runs", cmd_runs, "list the grading runs: when, as-of, packs, counts"},
	{"diff", cmd_diff, "show the points whose tier or flags changed between two runs"},
	{"flags", cmd_flags, "list the open re-grading flags"},
	{"approve", cmd_approve, "record a collectively approved tier (集体审定)"},
	{"warning", cmd_warning, "ack, feedback, release or escalate one warning"},
	{"calibrate", cmd_calibrate, "compare tier distributions across agencies (避高就低)"},
	{"audit", cmd_audit, "verify or list the hash-chained audit log"},
	{"export", cmd_export, "write a list as CSV, JSON or XLSX"},
	{"report", cmd_report, "write the review meeting's HTML report"},
	{"notice", cmd_notice, "write the printable notice of each warning (预警通知书)"},
	{"rules", cmd_rules, "show which rule pack each agency uses"},
	{"test", cmd_test, "run the test cases rule packs carry"},
	{"lint", cmd_lint, "check rule packs for mistakes before a review"},
};

static void usage(FILE *f)
{
	fputs("usage: riskgrade COMMAND [ARGS]   (riskgrade COMMAND --help for more)\n\n"
	      "Grade 廉政风险 points with Lua rule packs over a SQLite database.\n\n"
	      "commands:\n", f);
	for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
		fprintf(f, "  %-10s %s\n", commands[i].name, commands[i].summary);
	fputs("\ncommon options: --help       what the command does, and its options\n"
	      "                --wait SECS  how long to wait while another riskgrade writes the\n"
	      "                             database (default 30; 0: not at all), then exit 4\n"
	      "\nexit codes: 0 ok, 1 failures found, 2 usage, 3 bad input, 4 database,\n"
	      "            5 rule pack, 6 file i/o\n", f);
}

int main(int argc, char **argv)
{
	rg_err e = {{0}};
	rg_status st;

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
	fprintf(stderr, "riskgrade: unknown command \"%s\"\n", argv[1]);
	usage(stderr);
	return status_exit_code(RG_USAGE);
}

/*
 * test_args.c: unit tests of engine/args.c (args_parse): options before and after
 * positionals, --opt VALUE and --opt=VALUE, "--", --help/-h, --wait, and every usage
 * error.  Depends on cmocka, args.h, db.h (where --wait goes) and status.h.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "args.h"
#include "db.h"
#include "status.h"

#define USAGE "riskgrade grade DB [--as-of DATE] [--format F] [--dry-run]"
#define MAXARGS 8
#define SENTINEL "(unset)"

/*
 * One command line, parsed against --as-of VALUE, --format VALUE and the flag --dry-run.
 * pos is the positionals joined with '|'; as_of and format are NULL when not given.
 * msg is the whole message for an error.
 */
typedef struct {
	const char *argv[MAXARGS]; /* NULL-terminated; argv[0] is the subcommand */
	int minpos, maxpos;
	rg_status st;
	bool help;
	const char *pos;
	const char *as_of;
	const char *format;
	bool dry_run;
	const char *msg;
} args_case;

static const args_case cases[] = {
	/* ---- accepted ---- */
	{{"grade", "db"}, 1, 2, RG_OK, false, "db", NULL, NULL, false, NULL},
	{{"grade", "db", "--as-of", "2026-12-01"}, 1, 2, RG_OK, false, "db", "2026-12-01", NULL,
	 false, NULL},
	{{"grade", "--as-of=2026-12-01", "db"}, 1, 2, RG_OK, false, "db", "2026-12-01", NULL,
	 false, NULL},
	{{"grade", "--as-of", "2026-12-01", "db"}, 1, 2, RG_OK, false, "db", "2026-12-01", NULL,
	 false, NULL},
	{{"grade", "db", "--dry-run", "--format", "json", "extra"}, 1, 2, RG_OK, false,
	 "db|extra", NULL, "json", true, NULL},
	{{"grade", "--as-of=", "db"}, 1, 2, RG_OK, false, "db", "", NULL, false, NULL},
	{{"grade", "--as-of=a=b", "db"}, 1, 2, RG_OK, false, "db", "a=b", NULL, false, NULL},
	/* The word after --opt is its value, even when it starts with a dash. */
	{{"grade", "db", "--as-of", "-1"}, 1, 2, RG_OK, false, "db", "-1", NULL, false, NULL},
	{{"grade", "--format", "--dry-run", "db"}, 1, 2, RG_OK, false, "db", NULL, "--dry-run",
	 false, NULL},
	/* The last of a repeated option wins. */
	{{"grade", "db", "--format", "csv", "--format=json"}, 1, 2, RG_OK, false, "db", NULL,
	 "json", false, NULL},
	/* "-" alone (stdin by convention) is a positional. */
	{{"grade", "-"}, 1, 2, RG_OK, false, "-", NULL, NULL, false, NULL},
	/* "--" ends the options; later dashes are positionals. */
	{{"grade", "--", "--dry-run"}, 1, 2, RG_OK, false, "--dry-run", NULL, NULL, false, NULL},
	{{"grade", "db", "--", "-x"}, 1, 2, RG_OK, false, "db|-x", NULL, NULL, false, NULL},
	{{"grade", "--", "--"}, 1, 2, RG_OK, false, "--", NULL, NULL, false, NULL},
	{{"grade", "--", "--help"}, 1, 2, RG_OK, false, "--help", NULL, NULL, false, NULL},
	{{"grade", "--dry-run", "--", "db"}, 1, 2, RG_OK, false, "db", NULL, NULL, true, NULL},
	/* No positionals at all. */
	{{"grade"}, 0, 0, RG_OK, false, "", NULL, NULL, false, NULL},
	{{"grade", "--dry-run"}, 0, 0, RG_OK, false, "", NULL, NULL, true, NULL},
	/* --help and -h stop at once: missing positionals and later errors do not matter. */
	{{"grade", "--help"}, 1, 2, RG_OK, true, "", NULL, NULL, false, NULL},
	{{"grade", "-h"}, 1, 2, RG_OK, true, "", NULL, NULL, false, NULL},
	{{"grade", "db", "-h"}, 1, 2, RG_OK, true, NULL, NULL, NULL, false, NULL},
	{{"grade", "--help", "--bogus", "a", "b", "c"}, 1, 2, RG_OK, true, "", NULL, NULL, false,
	 NULL},

	/* ---- usage errors ---- */
	{{"grade", "db", "--bogus"}, 1, 2, RG_USAGE, false, NULL, NULL, NULL, false,
	 "grade: unknown option \"--bogus\"\nusage: " USAGE},
	{{"grade", "--bogus=1", "db"}, 1, 2, RG_USAGE, false, NULL, NULL, NULL, false,
	 "grade: unknown option \"--bogus\"\nusage: " USAGE},
	{{"grade", "-x", "db"}, 1, 2, RG_USAGE, false, NULL, NULL, NULL, false,
	 "grade: unknown option \"-x\"\nusage: " USAGE},
	/* No abbreviations, no longer names. */
	{{"grade", "--as", "2026-01-01", "db"}, 1, 2, RG_USAGE, false, NULL, NULL, NULL, false,
	 "grade: unknown option \"--as\"\nusage: " USAGE},
	{{"grade", "--as-of-date=x", "db"}, 1, 2, RG_USAGE, false, NULL, NULL, NULL, false,
	 "grade: unknown option \"--as-of-date\"\nusage: " USAGE},
	{{"grade", "--help=1"}, 1, 2, RG_USAGE, false, NULL, NULL, NULL, false,
	 "grade: unknown option \"--help\"\nusage: " USAGE},
	{{"grade", "db", "--as-of"}, 1, 2, RG_USAGE, false, NULL, NULL, NULL, false,
	 "grade: option --as-of needs a value\nusage: " USAGE},
	{{"grade", "--dry-run=yes", "db"}, 1, 2, RG_USAGE, false, NULL, NULL, NULL, false,
	 "grade: option --dry-run takes no value\nusage: " USAGE},
	{{"grade", "a", "b", "c"}, 1, 2, RG_USAGE, false, NULL, NULL, NULL, false,
	 "grade: unexpected argument \"c\"\nusage: " USAGE},
	{{"grade", "a", "b", "--", "c"}, 1, 2, RG_USAGE, false, NULL, NULL, NULL, false,
	 "grade: unexpected argument \"c\"\nusage: " USAGE},
	{{"grade", "db"}, 0, 0, RG_USAGE, false, NULL, NULL, NULL, false,
	 "grade: unexpected argument \"db\"\nusage: " USAGE},
	{{"grade"}, 1, 2, RG_USAGE, false, NULL, NULL, NULL, false,
	 "grade: missing arguments\nusage: " USAGE},
	{{"grade", "--dry-run", "--as-of", "2026-01-01"}, 1, 2, RG_USAGE, false, NULL, NULL, NULL,
	 false, "grade: missing arguments\nusage: " USAGE},
	{{"grade", "a"}, 2, 2, RG_USAGE, false, NULL, NULL, NULL, false,
	 "grade: missing arguments\nusage: " USAGE},
	{{"grade", "--"}, 1, 1, RG_USAGE, false, NULL, NULL, NULL, false,
	 "grade: missing arguments\nusage: " USAGE},
};

/* "a|b|c" from pos[0..n-1]. */
static void join(const char **pos, int n, char *out, size_t size)
{
	size_t len = 0;

	out[0] = '\0';
	for (int i = 0; i < n; i++)
		len += (size_t)snprintf(out + len, size - len, "%s%s", i ? "|" : "", pos[i]);
}

static void check_opt(size_t k, const char *name, const char *want, const char *got)
{
	if (want == NULL ? got != NULL : got == NULL || strcmp(want, got) != 0)
		fail_msg("case %zu: %s: expected %s, got %s", k, name, want ? want : "(unset)",
			 got ? got : "(unset)");
}

static void test_cases(void **state)
{
	(void)state;
	for (size_t k = 0; k < sizeof cases / sizeof cases[0]; k++) {
		const args_case *t = &cases[k];
		char *argv[MAXARGS];
		int argc = 0;
		const char *as_of = NULL, *format = NULL;
		bool dry_run = false;
		const arg_opt opts[] = {
			{"--as-of", &as_of, NULL},
			{"--format", &format, NULL},
			{"--dry-run", NULL, &dry_run},
			{NULL, NULL, NULL},
		};
		const char *pos[MAXARGS];
		int npos = -1;
		bool help = true;
		rg_err e = {{0}};
		char joined[256];

		while (t->argv[argc] != NULL) {
			argv[argc] = (char *)t->argv[argc];
			argc++;
		}
		argv[argc] = NULL;
		for (int i = 0; i < MAXARGS; i++)
			pos[i] = SENTINEL;

		rg_status st = args_parse(argc, argv, opts, pos, t->minpos, t->maxpos, &npos, &help,
					  USAGE, "", &e);
		if (st != t->st)
			fail_msg("case %zu (%s ...): expected status %d, got %d: %s", k, t->argv[1],
				 t->st, st, e.msg);
		/* Never more than maxpos positionals stored. */
		for (int i = t->maxpos; i < MAXARGS; i++)
			assert_string_equal(pos[i], SENTINEL);
		if (st != RG_OK) {
			if (strcmp(e.msg, t->msg) != 0)
				fail_msg("case %zu: message\nexpected: %s\ngot:      %s", k, t->msg,
					 e.msg);
			continue;
		}
		if (help != t->help)
			fail_msg("case %zu: help expected %d, got %d", k, t->help, help);
		if (t->pos != NULL) {
			join(pos, npos, joined, sizeof joined);
			if (strcmp(joined, t->pos) != 0)
				fail_msg("case %zu: positionals expected \"%s\", got \"%s\"", k, t->pos,
					 joined);
		}
		check_opt(k, "--as-of", t->as_of, as_of);
		check_opt(k, "--format", t->format, format);
		if (dry_run != t->dry_run)
			fail_msg("case %zu: --dry-run expected %d, got %d", k, t->dry_run, dry_run);
	}
}

/* A NULL error record is allowed: the status still comes back. */
static void test_null_err(void **state)
{
	char a0[] = "grade", a1[] = "--nope";
	char *argv[] = {a0, a1, NULL};
	const arg_opt opts[] = {{NULL, NULL, NULL}};
	const char *pos[1];
	int npos;
	bool help;

	(void)state;
	assert_int_equal(args_parse(2, argv, opts, pos, 0, 1, &npos, &help, USAGE, "", NULL),
			 RG_USAGE);
}

/* --help prints the help text it is given, whole, to standard output, and nothing else. */
static void test_help_printed(void **state)
{
	static const char text[] = "usage: riskgrade grade DB\n\nGrade every point.\n";
	char a0[] = "grade", a1[] = "DB", a2[] = "--help";
	char *argv[] = {a0, a1, a2, NULL};
	const arg_opt opts[] = {{NULL, NULL, NULL}};
	const char *pos[1];
	char got[256];
	int npos, saved;
	bool help = false;
	size_t n;
	FILE *f = tmpfile();

	(void)state;
	assert_non_null(f);
	fflush(stdout);
	saved = dup(STDOUT_FILENO);
	assert_true(saved >= 0);
	assert_true(dup2(fileno(f), STDOUT_FILENO) >= 0);
	assert_int_equal(args_parse(3, argv, opts, pos, 1, 1, &npos, &help, USAGE, text, NULL),
			 RG_OK);
	fflush(stdout);
	assert_true(dup2(saved, STDOUT_FILENO) >= 0);
	close(saved);
	assert_true(help);
	rewind(f);
	n = fread(got, 1, sizeof got - 1, f);
	got[n] = '\0';
	fclose(f);
	assert_string_equal(got, text);
}

/* --wait SECONDS, which every command takes without declaring it, sets db_wait(). */
static void test_wait(void **state)
{
	static const struct {
		const char *argv[5];
		rg_status st;
		double wait;     /* db_wait() afterwards, for RG_OK */
		const char *pos; /* the positionals, for RG_OK; the message otherwise */
	} waits[] = {
		{{"runs", "db", "--wait", "10"}, RG_OK, 10, "db"},
		{{"runs", "--wait=0.2", "db"}, RG_OK, 0.2, "db"},
		{{"runs", "--wait", "0", "db"}, RG_OK, 0, "db"},
		{{"runs", "db", "--wait", "86400"}, RG_OK, 86400, "db"},
		{{"runs", "--", "--wait", "5"}, RG_OK, DB_WAIT_DEFAULT, "--wait|5"},
		{{"runs", "db", "--wait"}, RG_USAGE, 0,
		 "runs: option --wait needs a value\nusage: " USAGE},
		{{"runs", "db", "--wait", "86401"}, RG_USAGE, 0,
		 "runs: option --wait: expected a number of seconds from 0 to 86400, got "
		 "\"86401\"\nusage: " USAGE},
		{{"runs", "db", "--wait=-1"}, RG_USAGE, 0,
		 "runs: option --wait: expected a number of seconds from 0 to 86400, got \"-1\""
		 "\nusage: " USAGE},
		{{"runs", "db", "--wait=", "x"}, RG_USAGE, 0,
		 "runs: option --wait: expected a number of seconds from 0 to 86400, got \"\""
		 "\nusage: " USAGE},
		{{"runs", "db", "--wait", "5s"}, RG_USAGE, 0,
		 "runs: option --wait: expected a number of seconds from 0 to 86400, got \"5s\""
		 "\nusage: " USAGE},
		{{"runs", "db", "--wait", "nan"}, RG_USAGE, 0,
		 "runs: option --wait: expected a number of seconds from 0 to 86400, got \"nan\""
		 "\nusage: " USAGE},
		/* No abbreviation of it either. */
		{{"runs", "db", "--wai", "5"}, RG_USAGE, 0,
		 "runs: unknown option \"--wai\"\nusage: " USAGE},
	};

	(void)state;
	for (size_t k = 0; k < sizeof waits / sizeof waits[0]; k++) {
		char *argv[5];
		const char *pos[2];
		const arg_opt opts[] = {{NULL, NULL, NULL}};
		int argc = 0, npos;
		bool help;
		rg_err e = {{0}};
		char joined[64];

		db_set_wait(DB_WAIT_DEFAULT);
		while (argc < 5 && waits[k].argv[argc] != NULL) {
			argv[argc] = (char *)waits[k].argv[argc];
			argc++;
		}
		rg_status st = args_parse(argc, argv, opts, pos, 1, 2, &npos, &help, USAGE, "", &e);
		if (st != waits[k].st)
			fail_msg("case %zu: expected status %d, got %d: %s", k, waits[k].st, st, e.msg);
		if (st != RG_OK) {
			if (strcmp(e.msg, waits[k].pos) != 0)
				fail_msg("case %zu: message\nexpected: %s\ngot:      %s", k,
					 waits[k].pos, e.msg);
			if (db_wait() != DB_WAIT_DEFAULT)
				fail_msg("case %zu: a refused --wait changed the wait", k);
			continue;
		}
		join(pos, npos, joined, sizeof joined);
		if (strcmp(joined, waits[k].pos) != 0)
			fail_msg("case %zu: positionals expected \"%s\", got \"%s\"", k,
				 waits[k].pos, joined);
		if (db_wait() != waits[k].wait)
			fail_msg("case %zu: wait %g, expected %g", k, db_wait(), waits[k].wait);
	}
	db_set_wait(DB_WAIT_DEFAULT);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_cases),
		cmocka_unit_test(test_help_printed),
		cmocka_unit_test(test_null_err),
		cmocka_unit_test(test_wait),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

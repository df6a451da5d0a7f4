/*
 * packtest.c: `riskgrade test` and `riskgrade lint`: run the cases rule packs carry, and
 * check packs statically, so a pack can be gated in CI before it grades anything.  Neither
 * needs a database.  Depends on rules.h, grade.h, args.h.
 */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "args.h"
#include "cmd.h"
#include "grade.h"
#include "rules.h"

static const char usage[] = "riskgrade test [--rules DIR] [PACK...]";

static const char help[] =
	"usage: riskgrade test [--rules DIR] [PACK...]\n"
	"\n"
	"Run the test cases each rule pack carries (its CASES table: facts in, expected tier,\n"
	"flags and warnings out) and print every failure as expected/actual, the tiers no case\n"
	"expects, and the lines of the pack's own functions that no case ran (coverage).\n"
	"PACK is \"default\" or an agency code; without PACK, the default and every pack in\n"
	"DIR/agencies/.  Exits 1 if any case fails, so a pack can be gated in CI.\n"
	"\n"
	"  --rules DIR   rule pack directory (default: as for grade)\n";

#define MAX_PACKS 256

static int by_name(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* The default and every DIR/agencies/CODE.lua, sorted; names are malloc'd. */
static int all_packs(const char *dir, char *names[], int max)
{
	char path[4096];
	DIR *d;
	struct dirent *ent;
	int n = 0;

	names[n++] = strdup("default");
	snprintf(path, sizeof path, "%s/agencies", dir);
	d = opendir(path);
	if (d == NULL)
		return n;
	while ((ent = readdir(d)) != NULL && n < max) {
		size_t len = strlen(ent->d_name);
		if (len > 4 && strcmp(ent->d_name + len - 4, ".lua") == 0)
			names[n++] = strndup(ent->d_name, len - 4);
	}
	closedir(d);
	qsort(names + 1, (size_t)(n - 1), sizeof names[0], by_name);
	return n;
}

/* Run check (rules_test or rules_lint) on each pack named in argv, or on all of them. */
static rg_status each_pack(int argc, char **argv, const char *synopsis, const char *text,
			   rg_status (*check)(rules *, const char *, FILE *, int *, rg_err *),
			   const char *what, rg_err *e)
{
	const char *pos[MAX_PACKS], *dir = NULL;
	arg_opt opts[] = {{"--rules", &dir, NULL}, {NULL, NULL, NULL}};
	char *names[MAX_PACKS];
	bool helped;
	int npos, n = 0, bad = 0;
	rg_status st;

	st = args_parse(argc, argv, opts, pos, 0, MAX_PACKS, &npos, &helped, synopsis, e);
	if (st != RG_OK || helped) {
		if (helped)
			fputs(text, stdout);
		return st;
	}
	if (dir == NULL)
		dir = grade_default_rules_dir();
	if (npos == 0)
		n = all_packs(dir, names, MAX_PACKS);
	else
		for (n = 0; n < npos; n++)
			names[n] = strdup(pos[n]);
	for (int i = 0; i < n && st == RG_OK; i++) {
		rules *r = NULL;
		int count = 0;
		/* A fresh state per pack: its coverage counts its own cases only. */
		if ((st = rules_open(dir, "1970-01-01", &r, e)) == RG_OK)
			st = check(r, names[i], stdout, &count, e);
		rules_close(r);
		bad += count;
	}
	for (int i = 0; i < n; i++)
		free(names[i]);
	if (st == RG_OK && bad > 0)
		st = err_set(e, RG_FAILED, "%d %s%s", bad, what, bad == 1 ? "" : "s");
	return st;
}

rg_status cmd_test(int argc, char **argv, rg_err *e)
{
	return each_pack(argc, argv, usage, help, rules_test, "failing case", e);
}

static const char lint_usage[] = "riskgrade lint [--rules DIR] [PACK...]";

static const char lint_help[] =
	"usage: riskgrade lint [--rules DIR] [PACK...]\n"
	"\n"
	"Check rule packs before a review: tier thresholds (TIERS) out of order or leaving low\n"
	"scores without a tier, a tier missing from TIERS, WEIGHTS that do not add up to the\n"
	"pack's WEIGHT_TOTAL, references to facts a point does not have (p.name in the pack's\n"
	"text), and tiers that no case expects.  PACK is \"default\" or an agency code;\n"
	"without PACK, all packs.  Exits 1 if anything is found.\n"
	"\n"
	"  --rules DIR   rule pack directory (default: as for grade)\n";

rg_status cmd_lint(int argc, char **argv, rg_err *e)
{
	return each_pack(argc, argv, lint_usage, lint_help, rules_lint, "finding", e);
}

/*
 * pack.c: where rule packs live and which one each agency uses: the default folder, the
 * resolution of an agency to its own pack, its nearest ancestor's or the default, and the
 * driver that runs a check (cases or lint) over each pack in a fresh rule state.
 * Depends on db.h, rules.h, args.h, status.h.
 */
#include "pack.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "args.h"
#include "lookup.h"

const char *pack_default_dir(void)
{
	struct stat sb;

	return stat("rules/default.lua", &sb) == 0 ? "rules" : RG_DATADIR "/rules";
}

/* Each agency in scope with its ancestors, nearest first (?1: scope or NULL). */
static const char chain_sql[] =
	AGENCY_SCOPE
	", chain(agency, ancestor, depth) AS ("
	"  SELECT code, code, 0 FROM agencies WHERE ?1 IS NULL OR code IN scope"
	"  UNION ALL SELECT c.agency, a.parent, c.depth + 1 FROM chain c"
	"  JOIN agencies a ON a.code = c.ancestor WHERE a.parent IS NOT NULL AND c.depth < 64)"
	"SELECT agency, ancestor FROM chain ORDER BY agency, depth";

rg_status pack_resolve(db *d, const char *dir, const char *scope,
		       rg_status (*found)(void *ctx, const char *agency, const char *name,
					  rg_err *e),
		       void *ctx, rg_err *e)
{
	db_stmt *s = NULL;
	char agency[256] = "";
	bool row, done = true;
	rg_status st = db_prepare(d, chain_sql, &s, e);

	if (st != RG_OK)
		return st;
	db_bind_text(s, 1, scope);
	while ((st = db_step(s, &row, e)) == RG_OK && row) {
		const char *a = db_col_text(s, 0), *ancestor = db_col_text(s, 1);
		if (strcmp(a, agency) != 0) {
			if (!done && (st = found(ctx, agency, "default", e)) != RG_OK)
				break;
			snprintf(agency, sizeof agency, "%s", a);
			done = false;
		}
		if (!done && rules_pack_file(dir, ancestor)) {
			if ((st = found(ctx, agency, ancestor, e)) != RG_OK)
				break;
			done = true;
		}
	}
	if (st == RG_OK && !done)
		st = found(ctx, agency, "default", e);
	db_finalize(s);
	return st;
}

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

rg_status pack_check_command(int argc, char **argv, const char *usage, const char *help,
			     rg_status (*check)(rules *, const char *, FILE *, int *, rg_err *),
			     const char *what, rg_err *e)
{
	const char *pos[MAX_PACKS], *dir = NULL;
	arg_opt opts[] = {{"--rules", &dir, NULL}, {NULL, NULL, NULL}};
	char *names[MAX_PACKS];
	bool helped;
	int npos, n = 0, bad = 0;
	rg_status st;

	st = args_parse(argc, argv, opts, pos, 0, MAX_PACKS, &npos, &helped, usage, help, e);
	if (st != RG_OK || helped)
		return st;
	if (dir == NULL)
		dir = pack_default_dir();
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

/*
 * cmd_rules.c: `riskgrade rules`, which rule pack each agency resolves to, what that pack
 * inherits from, and the SHA-256 of each file — so a supervisor can check what a run
 * will use before running it.  Loading the packs also checks that they load.
 * Depends on db.h, rules.h, pack.h, text.h, arena.h, args.h.
 */
#include <stdio.h>
#include <string.h>

#include "args.h"
#include "arena.h"
#include "cmd.h"
#include "i18n.h"
#include "db.h"
#include "pack.h"
#include "rules.h"
#include "text.h"

static const char usage[] = "riskgrade rules DB [--rules DIR] [--agency CODE]";

static const char help[] =
	N_("usage: riskgrade rules DB [--rules DIR] [--agency CODE]\n"
	"\n"
	"Show which rule pack grades each agency: its own (DIR/agencies/CODE.lua), else the\n"
	"nearest parent agency's, else the national default (DIR/default.lua); then each pack\n"
	"that loads, what it inherits from, and the SHA-256 a run will record for it.\n"
	"\n"
	"  --rules DIR     rule pack directory (default: as for grade)\n"
	"  --agency CODE   only this agency and the units under it\n");

/* The agencies and their packs, collected to be printed aligned. */
typedef struct {
	rules *r;
	db *d;
	db_stmt *name;        /* the agency's name */
	arena mem;            /* the agencies' codes and names, whole */
	int n;
	const char *agency[256];
	const char *agency_name[256];
	char pack[256][PACK_NAME_MAX];
} listing;

static rg_status found(void *ctx, const char *agency, const char *name, rg_err *e)
{
	listing *l = ctx;
	bool row;
	rg_status st;

	if (l->n == 256)
		return RG_OK; /* the list is for reading; more agencies than this are not shown */
	if ((st = rules_use(l->r, agency, name, e)) != RG_OK)
		return st;
	snprintf(l->pack[l->n], sizeof l->pack[0], "%s", name);
	db_reset(l->name);
	db_bind_text(l->name, 1, agency);
	if ((st = db_step(l->name, &row, e)) != RG_OK)
		return st;
	l->agency[l->n] = arena_strdup(&l->mem, agency);
	l->agency_name[l->n] = arena_strdup(&l->mem, row ? db_col_text(l->name, 0) : "");
	if (l->agency[l->n] == NULL || l->agency_name[l->n] == NULL)
		return err_set(e, RG_IO, "out of memory listing agency %s", agency);
	l->n++;
	return RG_OK;
}

static void print_row(const char *const cells[], const int width[], int n)
{
	for (int i = 0; i < n; i++) {
		text_pad(stdout, cells[i], i + 1 < n ? width[i] : 0, false);
		fputs(i + 1 < n ? "  " : "\n", stdout);
	}
}

static void print_listing(listing *l)
{
	const char *head[] = {"单位代码", "单位名称", "规则包"};
	int width[3];

	for (int i = 0; i < 3; i++)
		width[i] = text_width(head[i]);
	for (int k = 0; k < l->n; k++) {
		const char *cells[] = {l->agency[k], l->agency_name[k], l->pack[k]};
		for (int i = 0; i < 3; i++)
			if (text_width(cells[i]) > width[i])
				width[i] = text_width(cells[i]);
	}
	print_row(head, width, 3);
	for (int k = 0; k < l->n; k++) {
		const char *cells[] = {l->agency[k], l->agency_name[k], l->pack[k]};
		print_row(cells, width, 3);
	}
	/* TRANSLATORS: the heading of the list of rule packs, after the agencies. */
	printf(_("\n规则包\n"));
	for (int i = 0; i < rules_pack_count(l->r); i++) {
		const rule_pack *pk = rules_pack_at(l->r, i);
		if (pk->parent)
			printf(_("  %s  %s  sha256 %s  inherits %s\n"), pk->name, pk->path, pk->sha,
			       pk->parent);
		else
			printf("  %s  %s  sha256 %s\n", pk->name, pk->path, pk->sha);
	}
}

rg_status cmd_rules(int argc, char **argv, rg_err *e)
{
	const char *pos[1], *dir = NULL, *agency = NULL;
	arg_opt opts[] = {{"--rules", &dir, NULL}, {"--agency", &agency, NULL},
			  {NULL, NULL, NULL}};
	bool helped;
	int npos;
	static listing l;
	rg_status st;

	st = args_parse(argc, argv, opts, pos, 1, 1, &npos, &helped, usage, help, e);
	if (st != RG_OK || helped)
		return st;
	memset(&l, 0, sizeof l);
	if (dir == NULL)
		dir = pack_default_dir();
	if ((st = db_open(pos[0], &l.d, e)) != RG_OK)
		goto out;
	if ((st = db_prepare(l.d, "SELECT name FROM agencies WHERE code = ?1", &l.name, e)) !=
	    RG_OK)
		goto out;
	if ((st = rules_open(dir, "1970-01-01", &l.r, e)) != RG_OK)
		goto out;
	if ((st = pack_resolve(l.d, dir, agency, found, &l, e)) != RG_OK)
		goto out;
	print_listing(&l);
out:
	rules_close(l.r);
	db_finalize(l.name);
	db_close(l.d);
	arena_free(&l.mem);
	return st;
}

/*
 * cmd_facts.c: `riskgrade facts`, the facts an agency declared (fact_definitions,
 * imported like any sheet): the list, with how many values each has, and the removal
 * of a definition no value uses.  Depends on factdef.h, db.h, audit.h, out.h, args.h,
 * date.h.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "args.h"
#include "audit.h"
#include "cmd.h"
#include "i18n.h"
#include "date.h"
#include "db.h"
#include "factdef.h"
#include "out.h"

static const char usage[] =
	"riskgrade facts DB [--format table|csv|json|xlsx] [-o FILE] | facts DB remove NAME "
	"[--by NAME]";

static const char help[] =
	N_("usage: riskgrade facts DB [--format table|csv|json|xlsx] [-o FILE]\n"
	"       riskgrade facts DB remove NAME [--by NAME]\n"
	"\n"
	"List the facts the agency declared for its own method (imported with riskgrade\n"
	"import DB fact_definitions FILE.csv): name (what packs read, p.facts.NAME), label\n"
	"(the column's header), the sheet it belongs to (风险点, 职权 or 岗位), type, range or\n"
	"allowed values, note, and how many values the register holds.  JSON keys: name,\n"
	"label, belongs_to, type, allowed, note, values.  The XLSX sheet is 自定义事实.\n"
	"\n"
	"remove NAME deletes a definition that no value uses; one still used is refused,\n"
	"saying how many values use it: import those cells empty first.  The removal is\n"
	"recorded in the audit log, as the latest state of the table fact_definitions.\n"
	"\n"
	"  --by NAME          who removes it, for the audit log (default: $USER)\n") OUT_HELP;

/* A bound of a 整数 or 数值 as text: 9, not 9.0. */
#define BOUND(x) "CASE WHEN " x " = CAST(" x " AS INTEGER) THEN CAST(" x " AS INTEGER)" \
		 " ELSE " x " END"

/* `riskgrade facts DB`: the list. */
static rg_status list(const char *path, const char *format, const char *output, rg_err *e)
{
	static const out_col cols[] = {
		{"事实名称", "name"}, {"中文名称", "label"},   {"所属", "belongs_to"},
		{"类型", "type"},     {"范围或可选值", "allowed"}, {"说明", "note"},
		{"已填", "values"},
	};
	out_target t;
	long n = 0;
	db *d = NULL;
	db_stmt *s = NULL;
	rg_status st;

	if ((st = out_choose("facts", format, output, path, OUT_ALL, &t, e)) != RG_OK ||
	    (st = db_open(path, &d, e)) != RG_OK)
		return st;
	st = db_prepare(d,
			"SELECT f.name, f.label, f.belongs_to, f.type,"
			"  CASE WHEN f.type = '枚举' THEN f.choices"
			"    WHEN f.min IS NOT NULL AND f.max IS NOT NULL"
			"      THEN " BOUND("f.min") " || '-' || " BOUND("f.max")
			"    WHEN f.min IS NOT NULL THEN '≥ ' || " BOUND("f.min")
			"    WHEN f.max IS NOT NULL THEN '≤ ' || " BOUND("f.max") " END,"
			"  f.note,"
			"  CASE s.store"
			"    WHEN 'point_facts' THEN (SELECT count(*) FROM point_facts WHERE fact = f.name)"
			"    WHEN 'power_facts' THEN (SELECT count(*) FROM power_facts WHERE fact = f.name)"
			"    ELSE (SELECT count(*) FROM post_facts WHERE fact = f.name) END"
			" FROM fact_definitions f JOIN enum_fact_sheet s ON s.name = f.belongs_to"
			" ORDER BY s.ord, f.name", &s, e);
	if (st == RG_OK)
		st = out_write(&t, &(out_list){"自定义事实", NULL, cols, 7}, s, &n, e);
	if (st == RG_OK && t.fmt == OUT_TABLE)
		printf(ngettext("%ld declared fact\n", "%ld declared facts\n", n), n);
	db_finalize(s);
	db_close(d);
	return st;
}

/* `riskgrade facts DB remove NAME`: one transaction, with its audit entry. */
static rg_status remove_fact(const char *path, const char *name, const char *by, rg_err *e)
{
	char now[STAMP_BUF], *label = NULL, *detail = NULL;
	const char *actor;
	bool in_tx = false;
	db *d = NULL;
	rg_status st;

	if ((st = audit_require_actor(by, &actor, e)) != RG_OK ||
	    (st = date_now(now, NULL, e)) != RG_OK || (st = db_open(path, &d, e)) != RG_OK)
		return st;
	if ((st = db_begin(d, e)) != RG_OK)
		goto out;
	in_tx = true;
	if ((st = factdef_remove(d, name, &label, e)) != RG_OK)
		goto out;
	/* An import's entry, so that the log's state of the table is this one; the label
	 * whole, however long. */
	if ((detail = audit_format("removed fact %s (%s) with riskgrade facts remove", name,
				   label)) == NULL) {
		st = err_set(e, RG_DB, "out of memory recording the removal of fact \"%s\"", name);
		goto out;
	}
	if ((st = audit_append(d, now, actor, "import", "table:fact_definitions", detail, e)) !=
	    RG_OK || (st = db_commit(d, e)) != RG_OK)
		goto out;
	in_tx = false;
	printf(_("removed fact %s (%s)\n"), name, label);
out:
	if (in_tx)
		db_rollback(d);
	db_close(d);
	free(detail);
	free(label);
	return st;
}

rg_status cmd_facts(int argc, char **argv, rg_err *e)
{
	const char *pos[3], *format = NULL, *output = NULL, *by = NULL;
	arg_opt opts[] = {{"--format", &format, NULL}, {"-o", &output, NULL},
			  {"--output", &output, NULL}, {"--by", &by, NULL},
			  {NULL, NULL, NULL}};
	bool helped;
	int npos;
	rg_status st;

	st = args_parse(argc, argv, opts, pos, 1, 3, &npos, &helped, usage, help, e);
	if (st != RG_OK || helped)
		return st;
	if (npos == 1)
		return by != NULL ? err_set(e, RG_USAGE, "--by is for facts DB remove NAME; usage: "
					    "%s", usage)
				  : list(pos[0], format, output, e);
	if (npos != 3 || strcmp(pos[1], "remove") != 0)
		return err_set(e, RG_USAGE, "expected facts DB, or facts DB remove NAME; usage: %s",
			       usage);
	if (format != NULL || output != NULL)
		return err_set(e, RG_USAGE, "--format and -o are for the list; usage: %s", usage);
	return remove_fact(pos[0], pos[2], by, e);
}

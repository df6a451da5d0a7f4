/*
 * cmd_init.c: `riskgrade init`, create a database or bring its schema up to date.
 * Depends on db.h, args.h, status.h.
 */
#include <stdio.h>

#include "args.h"
#include "cmd.h"
#include "i18n.h"
#include "db.h"

static const char usage[] = "riskgrade init DB";

static const char help[] =
	N_("usage: riskgrade init DB\n"
	"\n"
	"Create the SQLite database DB with the riskgrade schema, or apply the migrations an\n"
	"older DB lacks.  Running it on an up-to-date database changes nothing.  An SQLite\n"
	"file of another program (no riskgrade schema version, but tables of its own) is\n"
	"refused and left as it is.\n"
	"\n"
	"DB may be a PostgreSQL database (a postgresql:// URI or a connection string): init\n"
	"creates it when it does not exist and the user may (UTF-8, byte-order collation),\n"
	"applies the schema to it if it is empty, and creates the roles riskgrade_province,\n"
	"riskgrade_agency and riskgrade_petition if missing (which needs CREATEROLE).\n");

rg_status cmd_init(int argc, char **argv, rg_err *e)
{
	const char *pos[1];
	arg_opt opts[] = {{NULL, NULL, NULL}};
	bool helped;
	int npos, applied;
	rg_status st;

	st = args_parse(argc, argv, opts, pos, 1, 1, &npos, &helped, usage, help, e);
	if (st != RG_OK || helped)
		return st;
	st = db_init(pos[0], &applied, e);
	if (st != RG_OK)
		return st;
	if (applied == 0)
		printf(_("%s: schema version %d, already up to date\n"), pos[0], db_schema_version());
	else
		printf(ngettext("%s: schema version %d (%d migration applied)\n",
				"%s: schema version %d (%d migrations applied)\n", applied),
		       pos[0], db_schema_version(), applied);
	return RG_OK;
}

/*
 * pack.h: where rule packs live and which one each agency uses, shared by grade, rules,
 * test, lint and calibrate.  Depends on db.h, rules.h, status.h.
 */
#ifndef RG_PACK_H
#define RG_PACK_H

#include <stdio.h>

#include "db.h"
#include "rules.h"
#include "status.h"

/* pack_default_dir: ./rules if it has default.lua, else the installed packs. */
const char *pack_default_dir(void);

/*
 * pack_resolve: give every agency in scope (scope and the units under it, or all when
 * scope is NULL) its pack: its own (dir/agencies/CODE.lua), else its nearest ancestor's,
 * else "default".  Calls found(ctx, agency, pack name, e) once per agency, in code order,
 * and stops at the first status it returns other than RG_OK.  RG_DB on a database
 * failure.
 */
rg_status pack_resolve(db *d, const char *dir, const char *scope,
		       rg_status (*found)(void *ctx, const char *agency, const char *name,
					  rg_err *e),
		       void *ctx, rg_err *e);

/*
 * pack_check_command: the body of `riskgrade test` and `riskgrade lint`: parse argv
 * ([--rules DIR] [PACK...], usage and help as for args_parse), then run check on each
 * pack named, or on the default and every DIR/agencies/CODE.lua, each in a fresh rule
 * state so its coverage counts its own cases only.  check prints to stdout and counts
 * what it found; RG_FAILED with "N <what>s" when the total is not zero, else the first
 * failing status (RG_RULE, RG_IO when a pack cannot be loaded).
 */
rg_status pack_check_command(int argc, char **argv, const char *usage, const char *help,
			     rg_status (*check)(rules *, const char *, FILE *, int *, rg_err *),
			     const char *what, rg_err *e);

#endif

/*
 * grade.h: what grade.c shares with the other commands: where the rule packs are by
 * default and which pack each agency uses.  Depends on db.h, status.h.
 */
#ifndef RG_GRADE_H
#define RG_GRADE_H

#include "db.h"
#include "status.h"

/* grade_default_rules_dir: ./rules if it has default.lua, else the installed packs. */
const char *grade_default_rules_dir(void);

/*
 * grade_resolve_packs: give every agency in scope (scope and the units under it, or all
 * when scope is NULL) its pack: its own (dir/agencies/CODE.lua), else its nearest
 * ancestor's, else "default".  Calls found(ctx, agency, pack name, e) once per agency, in
 * code order, and stops at the first status it returns other than RG_OK.  RG_DB on a
 * database failure.
 */
rg_status grade_resolve_packs(db *d, const char *dir, const char *scope,
			      rg_status (*found)(void *ctx, const char *agency, const char *name,
						 rg_err *e),
			      void *ctx, rg_err *e);

#endif

/*
 * pack.h: rule pack files on disk and which one each agency uses, shared by grade, rules,
 * test, lint and calibrate: the valid names, the file of each name, reading a file,
 * listing the packs of a folder.  Knows nothing of Lua.  Depends on db.h, status.h.
 */
#ifndef RG_PACK_H
#define RG_PACK_H

#include <stdbool.h>
#include <stddef.h>

#include "db.h"
#include "status.h"

/* Room for a pack name ("default" or an agency code) and its terminating zero. */
#define PACK_NAME_MAX 64
/* Room for the path of a pack file: the folder (PATH_MAX) and agencies/CODE.lua. */
#define PACK_PATH_MAX (4096 + 128)

/* pack_default_dir: ./rules if it has default.lua, else the installed packs
 * (pack_installed_dir). */
const char *pack_default_dir(void);

/* pack_installed_dir: the folder `make install` put the packs in, PREFIX/share/riskgrade/rules
 * of the PREFIX this binary was built for. */
const char *pack_installed_dir(void);

/* pack_default_shadows: true when pack_default_dir chose ./rules although the installed
 * folder, another folder, has packs too (so the user may not get the packs they think). */
bool pack_default_shadows(void);

/*
 * pack_resolve: give every agency in scope (scope and the units under it, or all when
 * scope is NULL) its pack: its own (dir/agencies/CODE.lua), else its nearest ancestor's,
 * else "default".  Calls found(ctx, agency, pack name, e) once per agency, in code order,
 * with the agency's whole code (valid only during the call), and stops at the first
 * status it returns other than RG_OK.  RG_DB on a database failure, RG_IO when memory
 * runs out.
 */
rg_status pack_resolve(db *d, const char *dir, const char *scope,
		       rg_status (*found)(void *ctx, const char *agency, const char *name,
					  rg_err *e),
		       void *ctx, rg_err *e);

/* pack_valid_name: whether name is "default" or an agency code: 1 to PACK_NAME_MAX - 1
 * letters, digits, '-' and '_', so it cannot name a file outside the rules folder. */
bool pack_valid_name(const char *name);

/* pack_path: write to out (n bytes) the file of pack name in dir: dir/default.lua for
 * "default", dir/agencies/NAME.lua otherwise.  name should be valid (pack_valid_name). */
void pack_path(const char *dir, const char *name, char *out, size_t n);

/* pack_exists: whether dir has its own pack for this agency code (a readable file
 * dir/agencies/CODE.lua), or a default.lua when agency is "default". */
bool pack_exists(const char *dir, const char *agency);

/*
 * pack_read: read the whole file at path into *buf (malloc'd, not zero-terminated; the
 * caller frees it) and its length into *len.  RG_IO naming the path when the file cannot
 * be opened or read or memory runs out; *buf is untouched then.
 */
rg_status pack_read(const char *path, char **buf, size_t *len, rg_err *e);

/*
 * pack_list: the packs of dir: "default" first, then the name of every
 * dir/agencies/NAME.lua in byte order, at most max in all.  Writes malloc'd names (the
 * caller frees each) to names and returns their number (at least 1: "default", which
 * may not exist; a missing agencies folder is no error).
 */
int pack_list(const char *dir, char *names[], int max);

#endif

/*
 * pack.c: rule pack files on disk and which one each agency uses: the default folder, the
 * file of each pack name, reading it, listing a folder's packs, and the resolution of an
 * agency to its own pack, its nearest ancestor's or the default.
 * Depends on db.h, lookup.h (the agency scope), status.h.
 */
#include "pack.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "lookup.h"

const char *pack_installed_dir(void)
{
	return RG_DATADIR "/rules";
}

const char *pack_default_dir(void)
{
	struct stat sb;

	return stat("rules/default.lua", &sb) == 0 ? "rules" : pack_installed_dir();
}

bool pack_default_shadows(void)
{
	struct stat here, installed;

	/* The same file reached by two paths (run from the installed folder's parent) is no
	 * shadow: compare the files, not the names. */
	return stat("rules/default.lua", &here) == 0 &&
	       stat(RG_DATADIR "/rules/default.lua", &installed) == 0 &&
	       (here.st_dev != installed.st_dev || here.st_ino != installed.st_ino);
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
	char *agency = NULL; /* the agency of the rows being read, whole: codes have no
			      * length limit, and its row's text is gone at the next step */
	bool row, done = true;
	rg_status st = db_prepare(d, chain_sql, &s, e);

	if (st != RG_OK)
		return st;
	db_bind_text(s, 1, scope);
	while ((st = db_step(s, &row, e)) == RG_OK && row) {
		const char *a = db_col_text(s, 0), *ancestor = db_col_text(s, 1);
		if (agency == NULL || strcmp(a, agency) != 0) {
			if (!done && (st = found(ctx, agency, "default", e)) != RG_OK)
				break;
			free(agency);
			if ((agency = strdup(a)) == NULL) {
				st = err_set(e, RG_IO, "out of memory finding the rule pack of agency %s",
					     a);
				break;
			}
			done = false;
		}
		if (!done && pack_exists(dir, ancestor)) {
			if ((st = found(ctx, agency, ancestor, e)) != RG_OK)
				break;
			done = true;
		}
	}
	if (st == RG_OK && !done)
		st = found(ctx, agency, "default", e);
	free(agency);
	db_finalize(s);
	return st;
}

bool pack_valid_name(const char *name)
{
	if (name[0] == '\0' || strlen(name) >= PACK_NAME_MAX)
		return false;
	for (const char *c = name; *c; c++)
		if (!((*c >= 'A' && *c <= 'Z') || (*c >= 'a' && *c <= 'z') ||
		      (*c >= '0' && *c <= '9') || *c == '-' || *c == '_'))
			return false;
	return true;
}

void pack_path(const char *dir, const char *name, char *out, size_t n)
{
	if (strcmp(name, "default") == 0)
		snprintf(out, n, "%s/default.lua", dir);
	else
		snprintf(out, n, "%s/agencies/%s.lua", dir, name);
}

bool pack_exists(const char *dir, const char *agency)
{
	char path[PACK_PATH_MAX];
	FILE *f;

	if (!pack_valid_name(agency))
		return false;
	pack_path(dir, agency, path, sizeof path);
	f = fopen(path, "rb");
	if (f == NULL)
		return false;
	fclose(f);
	return true;
}

rg_status pack_read(const char *path, char **buf, size_t *len, rg_err *e)
{
	FILE *f = fopen(path, "rb");
	char *p = NULL;
	size_t cap = 0, n = 0;
	rg_status st = RG_OK;

	if (f == NULL)
		return err_set(e, RG_IO, "%s: cannot open the rule pack: %s", path, strerror(errno));
	for (;;) {
		if (n == cap) {
			cap = cap ? cap * 2 : 65536;
			char *q = realloc(p, cap);
			if (q == NULL) {
				st = err_set(e, RG_IO, "%s: out of memory", path);
				goto out;
			}
			p = q;
		}
		size_t got = fread(p + n, 1, cap - n, f);
		n += got;
		if (got == 0)
			break;
	}
	if (ferror(f))
		st = err_set(e, RG_IO, "%s: read error", path);
out:
	fclose(f);
	if (st != RG_OK) {
		free(p);
		return st;
	}
	*buf = p;
	*len = n;
	return RG_OK;
}

static int by_name(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

int pack_list(const char *dir, char *names[], int max)
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

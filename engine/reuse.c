/*
 * reuse.c: the promises of the points' latest results (reuse.h), read by a forward cursor
 * merged with the points, as results.c reads the stored results.  A point's digest is a
 * SHA-256 of everything its pack is handed, written out unambiguously (each text with its
 * length, each number in its 8 bytes) into one buffer, so hashing it is one call.
 * Depends on db.h, cursor.h, rules.h, sha.h, lookup.h (AGENCY_SCOPE), status.h.
 */
#include "reuse.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "cursor.h"
#include "lookup.h"
#include "sha.h"

/*
 * Every promise about the points in scope (?1), by point, with whether it holds as of ?2:
 * made as of a date up to ?2 for a date after it, for what is still the point's latest
 * result, and with every warning the grading run followed still there and open.  What
 * changes these outside a run, by riskgrade or by hand in the database, is seen here: an
 * approval clears the flags of the latest result or copies its rows to a later run; a
 * warning released (or deleted) would be issued again by the pack.  The warnings the
 * grading run (graded) followed, and only those, have a seen_run from it on (the runs
 * that take the result mark them seen, none other touches the point's).
 */
static const char promises_sql[] =
	AGENCY_SCOPE
	"SELECT u.point, u.digest, u.version, u.warnings, u.warned,"
	"  u.as_of <= ?2 AND u.recheck_on > ?2"
	"  AND u.version = (SELECT max(g.run) FROM grades g WHERE g.point = u.point)"
	"  AND NOT EXISTS (SELECT 1 FROM flags f WHERE f.run = u.version AND f.point = u.point"
	"   AND f.cleared_by IS NOT NULL)"
	"  AND u.warned = (SELECT count(*) FROM warnings w WHERE w.point = u.point"
	"   AND w.seen_run >= u.graded AND w.status <> '解除')"
	" FROM reuse u"
	" WHERE ?1 IS NULL OR u.point IN (SELECT code FROM points WHERE agency IN scope)"
	" ORDER BY u.point";

enum { P_DIGEST = 1, P_VERSION, P_WARNINGS, P_WARNED, P_HOLDS };

static const char keep_sql[] =
	"INSERT INTO reuse (point, graded, version, as_of, recheck_on, digest, warnings, warned)"
	" VALUES (?1, ?8, ?2, ?3, ?4, ?5, ?6, ?7)"
	" ON CONFLICT (point) DO UPDATE SET graded = excluded.graded,"
	"  version = excluded.version, as_of = excluded.as_of,"
	"  recheck_on = excluded.recheck_on, digest = excluded.digest,"
	"  warnings = excluded.warnings, warned = excluded.warned";

static const char forget_sql[] = "DELETE FROM reuse WHERE point = ?1";

struct reuse {
	long run;           /* the run */
	const char *as_of;  /* its date */
	const char *packs;  /* the digest of its packs and engine */
	bool take;          /* stored results may be taken */
	cursor promises;    /* promises_sql */
	db_stmt *keep;      /* keep_sql */
	db_stmt *forget;    /* forget_sql */
	unsigned char *buf; /* a point written out for its digest */
	size_t used, size;
	bool nomem;         /* buf could not grow */
};

rg_status reuse_open(db *d, long run, const char *scope, const char *as_of,
		     const char *packs, bool take, reuse **out, rg_err *e)
{
	reuse *u = calloc(1, sizeof *u);
	rg_status st;

	*out = NULL;
	if (u == NULL)
		return err_set(e, RG_DB, "out of memory reading which results still hold");
	u->run = run;
	u->as_of = as_of;
	u->packs = packs;
	u->take = take;
	if ((st = db_prepare(d, promises_sql, &u->promises.s, e)) != RG_OK ||
	    (st = db_prepare(d, keep_sql, &u->keep, e)) != RG_OK ||
	    (st = db_prepare(d, forget_sql, &u->forget, e)) != RG_OK) {
		reuse_close(u);
		return st;
	}
	/* As many rows as points, read alongside them. */
	db_stream(u->promises.s);
	db_bind_text(u->promises.s, 1, scope);
	db_bind_text(u->promises.s, 2, as_of);
	*out = u;
	return RG_OK;
}

void reuse_close(reuse *u)
{
	if (u == NULL)
		return;
	db_finalize(u->promises.s);
	db_finalize(u->keep);
	db_finalize(u->forget);
	free(u->buf);
	free(u);
}

/* ---- the digest --------------------------------------------------------------------- */

/* Append the n bytes at p to u->buf. */
static void put(reuse *u, const void *p, size_t n)
{
	if (n == 0) /* p may be NULL then */
		return;
	if (u->used + n > u->size) {
		size_t size = u->size ? u->size : 4096;
		while (size < u->used + n)
			size *= 2;
		unsigned char *grown = realloc(u->buf, size);
		if (grown == NULL) {
			u->nomem = true;
			return;
		}
		u->buf = grown;
		u->size = size;
	}
	memcpy(u->buf + u->used, p, n);
	u->used += n;
}

static void put_u64(reuse *u, uint64_t v)
{
	put(u, &v, sizeof v);
}

/* A text (NULL apart from "") with its length first. */
static void put_text(reuse *u, const char *s)
{
	size_t n = s == NULL ? 0 : strlen(s);

	put_u64(u, s == NULL ? UINT64_MAX : (uint64_t)n);
	put(u, s, n);
}

static void put_value(reuse *u, const rule_value *v)
{
	unsigned char type = (unsigned char)v->type;

	put_text(u, v->table);
	put_text(u, v->name);
	put(u, &type, 1);
	switch (v->type) {
	case RULE_BOOL:
	case RULE_INT:
		put_u64(u, (uint64_t)v->v.i);
		break;
	case RULE_REAL:
		put(u, &v->v.d, sizeof v->v.d);
		break;
	case RULE_TEXT:
		put_text(u, v->v.s);
		break;
	case RULE_NIL:
	case RULE_TABLE:
		break;
	}
}

/* The digest of everything point code's pack is handed, into out. */
static bool digest(reuse *u, const char *code, const char *agency, const char *pack,
		   const rule_facts *f, char out[REUSE_DIGEST])
{
	char hex[SHA_HEX];

	u->used = 0;
	u->nomem = false;
	put_text(u, u->packs);
	put_text(u, pack);
	put_text(u, agency);
	put_text(u, code);
	put_u64(u, (uint64_t)f->nfields);
	for (int i = 0; i < f->nfields; i++)
		put_value(u, &f->fields[i]);
	put_u64(u, (uint64_t)f->nlists);
	for (int k = 0; k < f->nlists; k++) {
		const rule_list *l = &f->lists[k];
		put_text(u, l->key);
		put_u64(u, (uint64_t)l->nrows);
		put_u64(u, (uint64_t)l->ncols);
		for (int i = 0; i < l->nrows * l->ncols; i++)
			put_value(u, &l->rows[i]);
	}
	if (u->nomem)
		return false;
	sha256_hex(u->buf, u->used, hex);
	memcpy(out, hex, REUSE_DIGEST - 1);
	out[REUSE_DIGEST - 1] = '\0';
	return true;
}

/* ---- the promises ------------------------------------------------------------------- */

rg_status reuse_check(reuse *u, const char *code, const char *agency, const char *pack,
		      const rule_facts *f, reuse_point *p, rg_err *e)
{
	db_stmt *s = u->promises.s;
	bool at;
	rg_status st;

	memset(p, 0, sizeof *p);
	if (!digest(u, code, agency, pack, f, p->digest))
		return err_set(e, RG_DB, "point %s: out of memory reading its facts", code);
	if ((st = cursor_seek(&u->promises, code, &at, e)) != RG_OK)
		return err_wrap(e, st, "point %s: cannot read whether its result still holds", code);
	if (!at)
		return RG_OK;
	p->promised = true;
	p->hit = u->take && db_col_int(s, P_HOLDS) != 0 &&
		 strcmp(db_col_text(s, P_DIGEST), p->digest) == 0;
	p->version = (long)db_col_int(s, P_VERSION);
	p->warnings = (int)db_col_int(s, P_WARNINGS);
	p->warned = (int)db_col_int(s, P_WARNED);
	u->promises.ready = false;
	return RG_OK;
}

rg_status reuse_keep(reuse *u, const char *code, const reuse_point *p, long version,
		     const rule_result *res, int warnings, int warned, rg_err *e)
{
	bool row;
	rg_status st;

	if (res->recheck_on == NULL || strcmp(res->recheck_on, u->as_of) <= 0) {
		if (!p->promised)
			return RG_OK;
		db_reset(u->forget);
		db_bind_text(u->forget, 1, code);
		st = db_step(u->forget, &row, e);
	} else {
		db_reset(u->keep);
		db_bind_text(u->keep, 1, code);
		db_bind_int(u->keep, 2, version);
		db_bind_text(u->keep, 3, u->as_of);
		db_bind_text(u->keep, 4, res->recheck_on);
		db_bind_text(u->keep, 5, p->digest);
		db_bind_int(u->keep, 6, warnings);
		db_bind_int(u->keep, 7, warned);
		db_bind_int(u->keep, 8, u->run);
		st = db_step(u->keep, &row, e);
	}
	if (st != RG_OK)
		return err_wrap(e, st, "point %s: cannot store until when its result holds", code);
	return RG_OK;
}

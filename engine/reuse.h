/*
 * reuse.h: which points a batch run need not grade.  A pack may promise that its result
 * holds, for the same facts, until a date (result.recheck_on, rules/README.md); the run
 * keeps that promise for each point's latest stored result in the table reuse
 * (schemas/009_reuse.sql), with a digest of what the result was computed from: the
 * point's facts and agency, the packs, the engine.  A later run as of a date before the
 * promised one, whose digest of the point is the same, takes the stored result instead
 * of running the pack.  The rows are read by one forward cursor in code order, the order
 * the run reads the points in.
 * Depends on db.h, rules.h (rule_facts, rule_result), status.h.
 */
#ifndef RG_REUSE_H
#define RG_REUSE_H

#include <stdbool.h>

#include "db.h"
#include "rules.h"
#include "status.h"

/* Hex digits of a digest plus the terminating NUL: 128 bits of a SHA-256. */
#define REUSE_DIGEST 33

/* What the run knows of a point before grading it. */
typedef struct {
	char digest[REUSE_DIGEST]; /* of its facts and agency, the run's packs and engine */
	bool promised; /* the point has a promise, holding or not */
	bool hit;     /* its stored result holds as of the run's date: take it, do not grade */
	long version; /* when hit: the run whose grades row holds it */
	int warnings; /* when hit: how many warnings the pack asked for */
	int warned;   /* of them, each reason once: the point's open warnings it saw again */
} reuse_point;

typedef struct reuse reuse;

/*
 * reuse_open: get ready to look up and keep the promises of the points of agency scope
 * and the units under it (every agency when NULL), for run `run` as of as_of (YYYY-MM-DD)
 * whose packs and engine are digested in packs (any text that changes with them).  take:
 * whether stored results may be taken at all (not with --trace or --regrade-all: every
 * point is graded, and its promise kept all the same).  d must stay in the run's
 * transaction while *out is used; free it with reuse_close().  RG_DB with SQLite's
 * message, or when out of memory.
 */
rg_status reuse_open(db *d, long run, const char *scope, const char *as_of,
		     const char *packs, bool take, reuse **out, rg_err *e);

/* reuse_close: finalize the statements of u.  NULL is allowed. */
void reuse_close(reuse *u);

/*
 * reuse_check: fill *p for point code of agency, graded by pack `pack` from facts f:
 * its digest, and whether its stored result holds: the point has a promise made as of a
 * date up to the run's, for a date after the run's, with the same digest, for what is
 * still its latest result (no approval has cleared its flags or copied its rows since),
 * and every warning the grading run followed is still open.  Points must come in code
 * order, each once.  RG_DB with SQLite's message, or when out of memory.
 */
rg_status reuse_check(reuse *u, const char *code, const char *agency, const char *pack,
		      const rule_facts *f, reuse_point *p, rg_err *e);

/*
 * reuse_keep: after point code was graded (not taken), keep the promise of its result
 * res, made by this run and held by the grades row of run version: the pack's recheck_on, if it promised a
 * date after the run's, with p's digest and how many warnings res asked for (warnings,
 * warned: each reason once); else forget any promise the point had.  RG_DB with SQLite's
 * message and the point's code.
 */
rg_status reuse_keep(reuse *u, const char *code, const reuse_point *p, long version,
		     const rule_result *res, int warnings, int warned, rg_err *e);

#endif

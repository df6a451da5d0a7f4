/*
 * pool.h: grading in worker threads.  Each worker grades with a rule state of its own; the
 * caller's thread reads the points, hands them to the workers in batches, and gets every
 * point's result back in point order, to store itself: the results come out as one thread
 * grading them all would give them, whatever the number of workers.
 * Depends on rules.h, status.h.
 */
#ifndef RG_POOL_H
#define RG_POOL_H

#include <stdbool.h>

#include "rules.h"
#include "status.h"

typedef struct pool pool;

/* A point to grade, as the reader hands it over. */
typedef struct {
	const char *code;        /* the point's code, for messages */
	const char *agency;      /* the agency whose pack grades it (rules_grade) */
	const rule_facts *facts; /* its facts (rules_set_point); unused when skip */
	const void *note;        /* note_size bytes the caller's store() gets back with the
				  * point, or NULL */
	size_t note_size;
	bool skip;               /* not to be graded: store() gets it without a result */
} pool_point;

/*
 * pool_next_fn: read the next point into *p, or set *got to false when there is none
 * left.  What p points to need stay valid only until the next call, except the names in
 * the facts (each rule_value's table and name, each rule_list's key): those must stay
 * valid until pool_run() returns.  A failure is returned with its message in e.
 */
typedef rg_status (*pool_next_fn)(void *ctx, pool_point *p, bool *got, rg_err *e);

/*
 * pool_store_fn: take the result res of point code of agency, in point order, with a copy
 * of the note next() gave with it (NULL if none); res is NULL for a point to skip.  res,
 * the note and their texts are valid only during the call.  A failure stops the run:
 * returned with its message in e.
 */
typedef rg_status (*pool_store_fn)(void *ctx, const char *code, const char *agency,
				   const void *note, const rule_result *res, rg_err *e);

/*
 * pool_open: start one worker thread per state of states[0..n-1] (n at least 1), each
 * state set up as the caller needs (packs given to every agency, tracing) and from now
 * on used only by its worker: neither the caller nor anyone else may touch a state until
 * pool_close() returns, and each must outlive the pool (the caller closes them after).
 * On success *out is freed with pool_close().  RG_IO naming the thread that could not be
 * started, or when out of memory; nothing is left running then.
 */
rg_status pool_open(rules *const states[], int n, pool **out, rg_err *e);

/*
 * pool_run: grade every point next() reads and hand each result to store(), in the order
 * the points were read; ctx is passed to both.  Runs next() and store() in the calling
 * thread only, while the workers grade.  expected is about how many points next() will
 * read (0 if unknown): batches are made small enough that every worker gets some.
 * Stops at the first failure in point order: the point that could not be read, graded
 * (rules_grade()'s RG_RULE: the pack's file:line and the point's code) or stored,
 * whichever comes first among the points, so a run with the same data fails with the same
 * message whatever the number of workers; every point before it has been stored, none
 * after it.  Call once per pool.
 */
rg_status pool_run(pool *p, long expected, pool_next_fn next, pool_store_fn store, void *ctx,
		   rg_err *e);

/* pool_close: stop the workers (a batch being graded stops at its next point), wait for
 * them to end and free the pool.  The states are the caller's again.  NULL is allowed. */
void pool_close(pool *p);

#endif

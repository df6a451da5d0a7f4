/*
 * pool.c: worker threads that grade batches of points, each with its own rule state (a
 * Lua state is used by one thread only), fed and drained by the caller's thread.
 *
 * A ring of batches goes round: the caller fills a free batch with copies of the next
 * points' facts (a batch owns what it holds: the reader reuses its storage for the next
 * point), queues it, and, when every batch is out or the points are all read, waits for
 * the oldest batch and stores its results before refilling it.  A worker takes the oldest
 * queued batch, grades its points in order and copies each result's texts into the batch
 * (a rule state keeps them only until its next point, rules.h), so the worker can go on
 * with the next batch while the caller stores this one.  Storing oldest first keeps the
 * point order; a worker stops a batch at its first failing point, and the caller, going
 * in point order, meets the first failure of all.
 *
 * The caller's thread is the one the run waits on (it alone stores, in point order), so
 * the workers run at a lower priority (POOL_NICE): on a machine with as many cores as
 * workers, that thread gets a core whenever it can run, and the workers share what is
 * left.  Linux gives each thread a nice value of its own.
 * Depends on rules.h, arena.h, status.h, POSIX threads, Linux (gettid).
 */
#define _GNU_SOURCE /* gettid(): the thread whose priority setpriority() lowers */
#include "pool.h"

#include <errno.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <unistd.h>

#include "arena.h"

/* Points in a batch, at most: enough that taking and handing back a batch costs nothing
 * beside grading it, few enough that a batch's copies stay in one or two arena blocks. */
#define BATCH_MAX 128
/* Batches per worker: one it grades, one waiting for it, one being stored or filled. */
#define BATCHES_PER_WORKER 3
/* How much lower the workers' priority is than the caller's thread (a nice value): a
 * first run of 100,000 points took 0.93 of the wall clock with it, a run on the day
 * after 0.95 (2 cores, 2 workers); 10 measured the same within the noise. */
#define POOL_NICE 5

/* A point of a batch, with its result once graded. */
typedef struct {
	const char *code;   /* copies, in the batch's facts arena */
	const char *agency;
	rule_facts facts;   /* its facts, copied (values and texts) into the facts arena;
			     * none when skip */
	const void *note;   /* the caller's note, copied there too, or NULL */
	bool skip;          /* not graded: stored without a result */
	rule_result res;    /* its result, texts copied into the texts arena */
} item;

/* Where a batch is; changed only with the pool's lock held. */
typedef enum {
	BATCH_IDLE,    /* not handed out: the caller's */
	BATCH_QUEUED,  /* waiting for a worker */
	BATCH_GRADING, /* a worker's */
	BATCH_DONE     /* graded (or stopped): the caller's again */
} batch_state;

typedef struct {
	batch_state state;
	int n;          /* points in it */
	int graded;     /* of them, graded: the results of items[0..graded-1] */
	rg_status st;   /* RG_OK, or why items[graded] failed */
	rg_err err;     /* its message */
	item *items;    /* BATCH_MAX of them */
	arena facts;    /* the points' copies */
	arena texts;    /* the results' texts */
} batch;

/* A worker thread and its state. */
typedef struct {
	pool *p;
	rules *r;         /* its rule state, the caller's, used by this thread only */
	pthread_t thread;
} worker;

struct pool {
	pthread_mutex_t lock;  /* guards the batches' state, take, nqueued and closing */
	pthread_cond_t queued; /* a batch was queued, or the pool is closing */
	pthread_cond_t done;   /* a batch was graded */
	worker *workers;       /* nworkers, of which started are running */
	int nworkers;
	int started;
	batch *batches;        /* the ring, nbatches long */
	int nbatches;
	int take;              /* the batch the next idle worker takes */
	int nqueued;           /* batches queued and not yet taken */
	bool closing;          /* pool_close: the workers end */
	atomic_bool stop;      /* the run has failed: grade nothing more */
};

/* ---- copies ------------------------------------------------------------------------- */

/* A copy of the n values at from, texts included, into a; false when out of memory. */
static bool copy_values(arena *a, const rule_value *from, int n, const rule_value **out)
{
	rule_value *v = NULL;

	if (n > 0 && (v = arena_alloc(a, (size_t)n * sizeof *v)) == NULL)
		return false;
	for (int i = 0; i < n; i++) {
		v[i] = from[i];
		if (v[i].type == RULE_TEXT && (v[i].v.s = arena_strdup(a, from[i].v.s)) == NULL)
			return false;
	}
	*out = v;
	return true;
}

/* The point from, copied into *to and a; false when out of memory.  The names of its
 * fields and lists are not copied: they outlive the run (pool_next_fn). */
static bool copy_point(arena *a, const pool_point *from, item *to)
{
	const rule_facts *f = from->facts;
	rule_list *lists = NULL;

	void *note = NULL;

	to->skip = from->skip;
	if (from->note != NULL && (note = arena_alloc(a, from->note_size)) != NULL)
		memcpy(note, from->note, from->note_size);
	to->note = note;
	if ((to->code = arena_strdup(a, from->code)) == NULL ||
	    (to->agency = arena_strdup(a, from->agency)) == NULL ||
	    (from->note != NULL && note == NULL))
		return false;
	if (to->skip) {
		to->facts = (rule_facts){0};
		return true;
	}
	if (!copy_values(a, f->fields, f->nfields, &to->facts.fields))
		return false;
	if (f->nlists > 0 && (lists = arena_alloc(a, (size_t)f->nlists * sizeof *lists)) == NULL)
		return false;
	for (int k = 0; k < f->nlists; k++) {
		lists[k] = f->lists[k];
		if (!copy_values(a, f->lists[k].rows, f->lists[k].nrows * f->lists[k].ncols,
				 &lists[k].rows))
			return false;
	}
	to->facts.nfields = f->nfields;
	to->facts.size = f->size;
	to->facts.lists = lists;
	to->facts.nlists = f->nlists;
	return true;
}

/* *s, unless NULL, replaced by its copy in a; false when out of memory. */
static bool keep(arena *a, const char **s)
{
	return *s == NULL || (*s = arena_strdup(a, *s)) != NULL;
}

/* The result from, with every text copied into a (out of the rule state, which reuses
 * them at its next point), into *to; false when out of memory. */
static bool keep_result(arena *a, const rule_result *from, rule_result *to)
{
	bool ok;

	*to = *from;
	ok = keep(a, &to->pack) && keep(a, &to->tier) && keep(a, &to->level) &&
	     keep(a, &to->reasons_text) && keep(a, &to->recheck_on);
	for (int i = 0; ok && i < to->nfactors; i++)
		ok = keep(a, &to->factors[i].name);
	for (int i = 0; ok && i < to->nreasons; i++)
		ok = keep(a, &to->reasons[i]) && keep(a, &to->trace[i]);
	for (int i = 0; ok && i < to->nflags; i++) {
		rule_flag *f = &to->flags[i];
		ok = keep(a, &f->code) && keep(a, &f->label) && keep(a, &f->evidence);
	}
	for (int i = 0; ok && i < to->nwarnings; i++) {
		rule_warning *w = &to->warnings[i];
		ok = keep(a, &w->reason) && keep(a, &w->disposition) && keep(a, &w->responsible) &&
		     keep(a, &w->due) && keep(a, &w->text);
	}
	return ok;
}

/* ---- the workers -------------------------------------------------------------------- */

/* Grade the points of b in order with r, until the first that fails or the run stops. */
static void grade_batch(pool *p, rules *r, batch *b)
{
	rule_result res;

	for (int i = 0; i < b->n; i++) {
		item *it = &b->items[i];
		if (atomic_load_explicit(&p->stop, memory_order_relaxed))
			return;
		if (it->skip) {
			b->graded++;
			continue;
		}
		rules_set_point(r, &it->facts);
		if ((b->st = rules_grade(r, it->code, it->agency, &res, &b->err)) != RG_OK)
			return;
		if (!keep_result(&b->texts, &res, &it->res)) {
			b->st = err_set(&b->err, RG_DB, "point %s: out of memory keeping its result",
					it->code);
			return;
		}
		b->graded++;
	}
}

/* Lower this thread's priority POOL_NICE steps below the one it was started with (the
 * caller's: a thread inherits it), as far as 19: only ever lowered, which needs no
 * privilege.  If it fails, the run goes on as before. */
static void lower_priority(void)
{
	id_t me = (id_t)gettid();
	int now;

	errno = 0; /* -1 is a nice value too */
	now = getpriority(PRIO_PROCESS, me);
	if (errno == 0)
		(void)setpriority(PRIO_PROCESS, me, now + POOL_NICE < 19 ? now + POOL_NICE : 19);
}

/* A worker's thread: grade the oldest queued batch, hand it back, until the pool closes. */
static void *work(void *arg)
{
	worker *w = arg;
	pool *p = w->p;

	lower_priority();
	pthread_mutex_lock(&p->lock);
	for (;;) {
		while (!p->closing && p->nqueued == 0)
			pthread_cond_wait(&p->queued, &p->lock);
		if (p->closing)
			break;
		batch *b = &p->batches[p->take];
		p->take = (p->take + 1) % p->nbatches;
		p->nqueued--;
		b->state = BATCH_GRADING;
		pthread_mutex_unlock(&p->lock);
		grade_batch(p, w->r, b);
		pthread_mutex_lock(&p->lock);
		b->state = BATCH_DONE;
		pthread_cond_signal(&p->done); /* only the caller waits for it */
	}
	pthread_mutex_unlock(&p->lock);
	return NULL;
}

rg_status pool_open(rules *const states[], int n, pool **out, rg_err *e)
{
	pool *p = calloc(1, sizeof *p);
	int rc;

	if (p == NULL)
		return err_set(e, RG_IO, "out of memory starting %d grading threads", n);
	pthread_mutex_init(&p->lock, NULL);
	pthread_cond_init(&p->queued, NULL);
	pthread_cond_init(&p->done, NULL);
	atomic_init(&p->stop, false);
	p->nworkers = n;
	p->nbatches = n * BATCHES_PER_WORKER;
	p->workers = calloc((size_t)n, sizeof *p->workers);
	p->batches = calloc((size_t)p->nbatches, sizeof *p->batches);
	for (int i = 0; p->batches != NULL && i < p->nbatches; i++)
		if ((p->batches[i].items = malloc(BATCH_MAX * sizeof(item))) == NULL)
			goto no_memory;
	if (p->workers == NULL || p->batches == NULL)
		goto no_memory;
	for (int i = 0; i < n; i++) {
		p->workers[i].p = p;
		p->workers[i].r = states[i];
		if ((rc = pthread_create(&p->workers[i].thread, NULL, work, &p->workers[i])) != 0) {
			pool_close(p);
			return err_set(e, RG_IO, "cannot start grading thread %d of %d: %s", i + 1, n,
				       strerror(rc));
		}
		p->started++;
	}
	*out = p;
	return RG_OK;
no_memory:
	pool_close(p);
	return err_set(e, RG_IO, "out of memory starting %d grading threads", n);
}

void pool_close(pool *p)
{
	if (p == NULL)
		return;
	atomic_store(&p->stop, true);
	pthread_mutex_lock(&p->lock);
	p->closing = true;
	pthread_cond_broadcast(&p->queued);
	pthread_mutex_unlock(&p->lock);
	for (int i = 0; i < p->started; i++)
		pthread_join(p->workers[i].thread, NULL);
	for (int i = 0; p->batches != NULL && i < p->nbatches; i++) {
		free(p->batches[i].items);
		arena_free(&p->batches[i].facts);
		arena_free(&p->batches[i].texts);
	}
	free(p->batches);
	free(p->workers);
	pthread_cond_destroy(&p->done);
	pthread_cond_destroy(&p->queued);
	pthread_mutex_destroy(&p->lock);
	free(p);
}

/* ---- the caller's side -------------------------------------------------------------- */

/* Empty b and fill it with up to size points read by next(); *more is set to false when
 * there are none left.  A point that cannot be read or copied ends the filling with its
 * failure; the points read before it stay in b. */
static rg_status fill_batch(batch *b, int size, pool_next_fn next, void *ctx, bool *more,
			    rg_err *e)
{
	pool_point pt;
	bool got;
	rg_status st;

	arena_reset(&b->facts);
	arena_reset(&b->texts);
	b->n = 0;
	b->graded = 0;
	b->st = RG_OK;
	while (b->n < size) {
		if ((st = next(ctx, &pt, &got, e)) != RG_OK)
			return st;
		if (!got) {
			*more = false;
			break;
		}
		if (!copy_point(&b->facts, &pt, &b->items[b->n]))
			return err_set(e, RG_DB, "point %s: out of memory handing it to a grading "
				       "thread", pt.code);
		b->n++;
	}
	return RG_OK;
}

/* Hand b to the workers. */
static void queue(pool *p, batch *b)
{
	pthread_mutex_lock(&p->lock);
	b->state = BATCH_QUEUED;
	p->nqueued++;
	pthread_cond_signal(&p->queued);
	pthread_mutex_unlock(&p->lock);
}

/* Wait until the workers have graded b. */
static void wait_graded(pool *p, batch *b)
{
	pthread_mutex_lock(&p->lock);
	while (b->state != BATCH_DONE)
		pthread_cond_wait(&p->done, &p->lock);
	b->state = BATCH_IDLE;
	pthread_mutex_unlock(&p->lock);
}

/* Store the results of b in order, then report the failure that ended it, if any. */
static rg_status store_batch(const batch *b, pool_store_fn store, void *ctx, rg_err *e)
{
	rg_status st;

	for (int i = 0; i < b->graded; i++) {
		const item *it = &b->items[i];
		if ((st = store(ctx, it->code, it->agency, it->note, it->skip ? NULL : &it->res,
				e)) != RG_OK)
			return st;
	}
	if (b->st != RG_OK && e != NULL)
		*e = b->err;
	return b->st;
}

/* Points per batch for about expected points: every worker gets several batches (so
 * that even a small run is graded by all of them), up to BATCH_MAX. */
static int batch_size(const pool *p, long expected)
{
	long size = expected / ((long)p->nworkers * BATCHES_PER_WORKER);

	if (expected <= 0 || size > BATCH_MAX)
		return BATCH_MAX;
	return size < 1 ? 1 : (int)size;
}

rg_status pool_run(pool *p, long expected, pool_next_fn next, pool_store_fn store, void *ctx,
		   rg_err *e)
{
	const int size = batch_size(p, expected);
	int head = 0, fill = 0, out = 0; /* the oldest batch out, the next to fill, how many out */
	bool more = true;
	rg_status st = RG_OK, read_st = RG_OK;
	rg_err read_err = {""};

	while (st == RG_OK && (more || out > 0)) {
		if (more && out < p->nbatches) {
			batch *b = &p->batches[fill];
			/* A point that cannot be read is reported after the points before it are
			 * graded and stored, as it comes after them. */
			if ((read_st = fill_batch(b, size, next, ctx, &more, &read_err)) != RG_OK)
				more = false;
			if (b->n > 0) {
				queue(p, b);
				fill = (fill + 1) % p->nbatches;
				out++;
			}
			continue;
		}
		batch *b = &p->batches[head];
		wait_graded(p, b);
		st = store_batch(b, store, ctx, e);
		head = (head + 1) % p->nbatches;
		out--;
	}
	if (st == RG_OK && read_st != RG_OK) {
		st = read_st;
		if (e != NULL)
			*e = read_err;
	}
	if (st != RG_OK)
		atomic_store(&p->stop, true);
	return st;
}

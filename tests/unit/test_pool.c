/*
 * test_pool.c: engine/pool.c with real rule states and packs: every result comes back in
 * the order the points were read, from facts the reader reuses as soon as it is called
 * again; the first failure in point order wins, whether the pack fails (an error, a loop
 * the CPU limit stops), storing fails or reading fails; nothing is stored after it; the
 * workers yield to the caller's thread.
 */
#define _GNU_SOURCE /* gettid(): which thread is the caller's */
#include <dirent.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>
#include <unistd.h>

#include <cmocka.h>

#include "pool.h"
#include "rules.h"
#include "watchdog.h"

#define MAX_WORKERS 3

/* The points the reader makes: P0000, P0001, ... with the fields code and n (the point's
 * number) and a list xs of n % 5 rows {v = 1}, {v = 2}, ... */
typedef struct {
	long count;             /* points to read */
	long read;              /* read so far */
	long fail_read_at;      /* the point whose reading fails, or -1 */
	long stored;            /* results stored so far */
	long fail_store_at;     /* the point whose storing fails, or -1 */
	char wrong[256];        /* the first result stored that is not what was expected */
	long note;              /* the note of the point read last: its number */
	/* The reader's storage, overwritten at every point as facts.c does. */
	char code[16];
	rule_value fields[2];
	rule_value rows[4];
	rule_list list;
	rule_facts facts;
} points;

static rg_status next(void *ctx, pool_point *p, bool *got, rg_err *e)
{
	points *ps = ctx;
	long i = ps->read;
	int k = (int)(i % 5);

	*got = false;
	if (i == ps->fail_read_at)
		return err_set(e, RG_DB, "cannot read point %ld", i);
	if (i == ps->count)
		return RG_OK;
	ps->read++;
	snprintf(ps->code, sizeof ps->code, "P%04ld", i);
	ps->fields[0] = (rule_value){NULL, "code", RULE_TEXT, {.s = ps->code}};
	ps->fields[1] = (rule_value){NULL, "n", RULE_INT, {.i = i}};
	for (int r = 0; r < k; r++)
		ps->rows[r] = (rule_value){NULL, "v", RULE_INT, {.i = r + 1}};
	ps->list = (rule_list){"xs", ps->rows, k, 1};
	ps->facts = (rule_facts){ps->fields, 2, 2, &ps->list, 1};
	/* Every point carries its number as a note; every seventh (from the fourth) is
	 * skipped, and its facts are not there to grade. */
	ps->note = i;
	*p = (pool_point){ps->code, "A", i % 7 == 3 ? NULL : &ps->facts, &ps->note,
			  sizeof ps->note, i % 7 == 3};
	*got = true;
	return RG_OK;
}

/* Check that the result is the next point's, as the pack below makes it: the reason
 * "CODE sum" where sum = 1 + 2 + ... + n % 5, and the score n. */
static rg_status store(void *ctx, const char *code, const char *agency, const void *note,
		       const rule_result *res, rg_err *e)
{
	points *ps = ctx;
	long i = ps->stored, noted = -1;
	char want_code[16], want_reason[64];
	long k = i % 5;

	snprintf(want_code, sizeof want_code, "P%04ld", i);
	snprintf(want_reason, sizeof want_reason, "%s %ld", want_code, k * (k + 1) / 2);
	if (note != NULL)
		memcpy(&noted, note, sizeof noted);
	if (ps->wrong[0] == '\0' && (noted != i || (res == NULL) != (i % 7 == 3)))
		snprintf(ps->wrong, sizeof ps->wrong, "result %ld: point %s, note %ld, %s", i, code,
			 noted, res == NULL ? "skipped" : "graded");
	else if (ps->wrong[0] == '\0' && res != NULL &&
	    (strcmp(code, want_code) != 0 || strcmp(agency, "A") != 0 || res->nreasons != 1 ||
	     strcmp(res->reasons[0], want_reason) != 0 || res->score != (double)i ||
	     strcmp(res->tier, "三级") != 0 || strcmp(res->pack, "default") != 0))
		snprintf(ps->wrong, sizeof ps->wrong, "result %ld: point %s, reason \"%s\", want "
			 "%s and \"%s\"", i, code, res->nreasons ? res->reasons[0] : "", want_code,
			 want_reason);
	if (i == ps->fail_store_at)
		return err_set(e, RG_DB, "point %s: cannot store it", code);
	ps->stored++;
	return RG_OK;
}

/* The pack: a reason from the point's facts; FAIL (Lua code) runs first. */
static const char pack_text[] =
	"local pack = {}\n"
	"function pack:grade(p, ctx)\n"
	"  %s\n"
	"  local sum = 0\n"
	"  for _, x in ipairs(p.xs) do sum = sum + x.v end\n"
	"  return { factors = { importance = 1, discretion = 1, likelihood = 1, harm = 1 },\n"
	"           score = p.n, tier = '三级', reasons = { p.code .. ' ' .. sum } }\n"
	"end\n"
	"return pack\n";

/* A folder with the pack, and workers rule states using it for agency A. */
typedef struct {
	char dir[64];
	char path[96];
	rules *states[MAX_WORKERS];
	int n;
} fixture;

static void open_states(fixture *f, int workers, const char *fail)
{
	FILE *out;

	strcpy(f->dir, "/tmp/rg-test-pool-XXXXXX");
	assert_non_null(mkdtemp(f->dir));
	snprintf(f->path, sizeof f->path, "%s/default.lua", f->dir);
	assert_non_null(out = fopen(f->path, "w"));
	fprintf(out, pack_text, fail);
	assert_int_equal(fclose(out), 0);
	f->n = workers;
	for (int i = 0; i < workers; i++) {
		assert_int_equal(rules_open(f->dir, "2026-12-01", &f->states[i], NULL), RG_OK);
		assert_int_equal(rules_use(f->states[i], "A", "default", NULL), RG_OK);
	}
}

static void close_states(fixture *f)
{
	for (int i = 0; i < f->n; i++)
		rules_close(f->states[i]);
	unlink(f->path);
	rmdir(f->dir);
}

/* Grade the points of reader *ps (failures of reading and storing set in it) with
 * workers states and a pack that runs fail first, expecting about expected points; the
 * status, with the message in *e. */
static rg_status run_prepared(int workers, long expected, const char *fail, points *ps,
			      rg_err *e)
{
	fixture f;
	pool *p = NULL;
	rg_status st;

	open_states(&f, workers, fail);
	alarm(watchdog_seconds(30)); /* a hang fails the test */
	st = pool_open(f.states, workers, &p, e);
	assert_int_equal(st, RG_OK);
	st = pool_run(p, expected, next, store, ps, e);
	pool_close(p);
	alarm(0);
	close_states(&f);
	return st;
}

/* A reader of count points, nothing failing but what the pack does. */
static void reader(points *ps, long count)
{
	memset(ps, 0, sizeof *ps);
	ps->count = count;
	ps->fail_read_at = ps->fail_store_at = -1;
}

/* Every result, in order, whatever the number of workers and the batches' size (from
 * a run of 1 point per batch to full batches). */
static void test_results_in_order(void **state)
{
	static const struct {
		int workers;
		long count, expected;
	} cases[] = {
		{1, 500, 500}, {2, 1000, 1000}, {3, 1000, 0}, {2, 7, 7}, {3, 2, 2}, {2, 0, 0},
	};
	points ps;
	rg_err e;

	(void)state;
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		reader(&ps, cases[i].count);
		if (run_prepared(cases[i].workers, cases[i].expected, "", &ps, &e) != RG_OK)
			fail_msg("case %zu: %s", i, e.msg);
		assert_string_equal(ps.wrong, "");
		assert_int_equal(ps.stored, cases[i].count);
	}
}

/* Two failing points: the first in point order is reported, though it fails later in
 * time (it works first), and exactly the points before it are stored. */
static void test_first_failure_wins(void **state)
{
	static const char fail[] =
		"if p.code == 'P0300' then local n = 0 for i = 1, 1000000 do n = n + i end "
		"error('first') end if p.code == 'P0700' then error('second') end";
	points ps;
	rg_err e;

	(void)state;
	for (int workers = 2; workers <= MAX_WORKERS; workers++) {
		reader(&ps, 1000);
		assert_int_equal(run_prepared(workers, 1000, fail, &ps, &e), RG_RULE);
		if (strstr(e.msg, ": first") == NULL || strstr(e.msg, "point P0300") == NULL)
			fail_msg("%d workers: %s", workers, e.msg);
		assert_string_equal(ps.wrong, "");
		assert_int_equal(ps.stored, 300);
	}
}

/* A runaway pack in a worker is stopped by the CPU limit, as in the main thread. */
static void test_runaway_stopped(void **state)
{
	points ps;
	rg_err e;

	(void)state;
	reader(&ps, 40);
	assert_int_equal(run_prepared(2, 40, "if p.code == 'P0025' then while true do end end",
				      &ps, &e),
			 RG_RULE);
	if (strstr(e.msg, "more than 1 s of CPU time on one point") == NULL ||
	    strstr(e.msg, "point P0025") == NULL)
		fail_msg("%s", e.msg);
	assert_int_equal(ps.stored, 25);
}

/* A point that cannot be stored stops the run there: its message, nothing stored after
 * it. */
static void test_store_failure(void **state)
{
	points ps;
	rg_err e;

	(void)state;
	reader(&ps, 200);
	ps.fail_store_at = 50;
	assert_int_equal(run_prepared(2, 200, "", &ps, &e), RG_DB);
	assert_string_equal(e.msg, "point P0050: cannot store it");
	assert_int_equal(ps.stored, 50);
}

/* A point that cannot be read is reported after the points before it are stored, and
 * only if none of them failed. */
static void test_read_failure(void **state)
{
	points ps;
	rg_err e;

	(void)state;
	reader(&ps, 200);
	ps.fail_read_at = 120;
	assert_int_equal(run_prepared(2, 200, "", &ps, &e), RG_DB);
	assert_string_equal(e.msg, "cannot read point 120");
	assert_int_equal(ps.stored, 120);

	reader(&ps, 200);
	ps.fail_read_at = 120;
	assert_int_equal(run_prepared(2, 200, "if p.code == 'P0100' then error('pack') end", &ps,
				      &e),
			 RG_RULE);
	if (strstr(e.msg, "point P0100") == NULL)
		fail_msg("%s", e.msg);
	assert_int_equal(ps.stored, 100);
}

/* The nice value of thread tid of this process (/proc/self/task/TID/stat: the 19th
 * field, the 17th after the command's closing parenthesis), or -100 (no nice value) if unreadable. */
static int nice_of(long tid)
{
	char path[64], line[1024];
	FILE *in;
	int nice = -100;

	snprintf(path, sizeof path, "/proc/self/task/%ld/stat", tid);
	if ((in = fopen(path, "r")) == NULL)
		return nice;
	if (fgets(line, sizeof line, in) != NULL) {
		char *f = strrchr(line, ')');
		for (int i = 0; f != NULL && i < 17; i++)
			f = strchr(f + 1, ' ');
		if (f != NULL)
			nice = atoi(f + 1);
	}
	fclose(in);
	return nice;
}

/* How many threads of this process other than the caller's have nice value `want`, and
 * how many threads other than the caller's there are, into *others. */
static int others_at(int want, int *others)
{
	DIR *d = opendir("/proc/self/task");
	struct dirent *ent;
	int n = 0;

	assert_non_null(d);
	*others = 0;
	while ((ent = readdir(d)) != NULL) {
		long tid = atol(ent->d_name);
		if (tid <= 0 || tid == (long)gettid())
			continue;
		(*others)++;
		n += nice_of(tid) == want;
	}
	closedir(d);
	return n;
}

/* The workers run 5 nice steps below the caller's thread (whose value stays), so that
 * on a machine with no core to spare the thread that stores gets one first: below
 * whatever value the caller has, here first lowered by 3 itself (as `nice` would).  A
 * worker lowers itself when it starts: waited for, up to the watchdog, as a new thread
 * may not have run yet. */
static void test_workers_yield(void **state)
{
	int mine, want, others = 0, lowered = 0;
	struct timespec pause = {0, 10 * 1000 * 1000};
	fixture f;
	pool *p = NULL;
	points ps;
	rg_err e;

	(void)state;
	mine = getpriority(PRIO_PROCESS, 0);
	mine = mine + 3 < 19 ? mine + 3 : 19;
	assert_int_equal(setpriority(PRIO_PROCESS, 0, mine), 0);
	want = mine + 5 < 19 ? mine + 5 : 19;
	assert_int_equal(nice_of((long)gettid()), mine);
	reader(&ps, 300);
	open_states(&f, 2, "");
	alarm(watchdog_seconds(30));
	assert_int_equal(pool_open(f.states, 2, &p, &e), RG_OK);
	assert_int_equal(pool_run(p, 300, next, store, &ps, &e), RG_OK);
	while ((lowered = others_at(want, &others)) < 2)
		nanosleep(&pause, NULL);
	assert_int_equal(others, 2);
	assert_int_equal(nice_of((long)gettid()), mine);
	pool_close(p);
	alarm(0);
	close_states(&f);
	assert_int_equal(ps.stored, 300);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_results_in_order),
		cmocka_unit_test(test_first_failure_wins),
		cmocka_unit_test(test_runaway_stopped),
		cmocka_unit_test(test_store_failure),
		cmocka_unit_test(test_read_failure),
		cmocka_unit_test(test_workers_yield),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}

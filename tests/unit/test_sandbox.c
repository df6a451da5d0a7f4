/*
 * test_sandbox.c: engine/sandbox.c (with the `re` library of engine/rx.c, whose memory
 * it caps): a Lua state with a small memory cap, the CPU limit that pcall and xpcall in
 * the pack cannot catch, PCRE2's memory charged to the cap and its pattern cache
 * bounded, the messages of error objects, and the CPU limit per thread: states in several
 * threads each stopped alone, and a call charged only its own thread's CPU time.  A
 * watchdog alarm fails a test that hangs.
 */
#include <pthread.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <cmocka.h>

#include <lua.h>
#include <lauxlib.h>

#include "sandbox.h"
#include "watchdog.h"

/* Run chunk in L, under the CPU limit unless unlimited; returns its status (LUA_OK or an
 * error) with the message, or the chunk's string result, in msg.  No assertion: it runs
 * in other threads too. */
static int call_chunk(lua_State *L, const char *chunk, char *msg, size_t n, bool unlimited)
{
	int rc = luaL_loadstring(L, chunk);

	if (rc == LUA_OK)
		rc = unlimited ? lua_pcall(L, 0, 1, 0) : sbx_call(L, 0, 1, false);
	snprintf(msg, n, "%s", rc == LUA_OK && lua_type(L, -1) != LUA_TSTRING ? ""
							: sbx_error(L, -1));
	return rc;
}

/* Run chunk in a fresh state capped at limit bytes, as call_chunk(). */
static int run_chunk_cpu(size_t limit, const char *chunk, char *msg, size_t n, bool unlimited)
{
	lua_State *L = sbx_open(limit);
	int rc;

	assert_non_null(L);
	alarm(watchdog_seconds(20)); /* a hang fails the test instead of the run */
	rc = call_chunk(L, chunk, msg, n, unlimited);
	alarm(0);
	sbx_close(L);
	return rc;
}

static int run_chunk(size_t limit, const char *chunk, char *msg, size_t n)
{
	return run_chunk_cpu(limit, chunk, msg, n, false);
}

/* Run chunk as run_chunk does: it must fail with a message that holds message. */
static void expect_failure(size_t limit, const char *chunk, const char *message)
{
	char msg[512];

	assert_int_not_equal(run_chunk(limit, chunk, msg, sizeof msg), LUA_OK);
	if (strstr(msg, message) == NULL)
		fail_msg("\"%s\" lacks \"%s\"", msg, message);
}

/* The CPU limit stops a loop that catches its error with pcall or xpcall and goes on,
 * and one whose xpcall handler loops (Lua runs handlers of errors raised in a hook with
 * hooks off). */
static void test_limit_uncatchable(void **state)
{
	static const char *const chunks[] = {
		"while true do pcall(function() while true do end end) end",
		"while true do xpcall(function() while true do end end, function(m) return m end) end",
		"xpcall(function() while true do end end, function() while true do end end)",
		"local n = 0\n"
		"while true do\n"
		"  local ok = pcall(function() while true do end end)\n"
		"  n = n + 1\n"
		"end",
	};

	(void)state;
	for (size_t i = 0; i < sizeof chunks / sizeof chunks[0]; i++)
		expect_failure(16 << 20, chunks[i], "more than 1 s of CPU time on one point");
}

/* pcall and xpcall otherwise work as Lua's: results, errors, handlers, extra arguments. */
static void test_pcall_as_lua(void **state)
{
	static const struct {
		const char *chunk;
		const char *result;
	} cases[] = {
		{"return table.concat({ tostring(pcall(function(a, b) return a + b end, 1, 2)),"
		 " select(2, pcall(function(a, b) return a + b end, 1, 2)) }, ' ')", "true 3"},
		{"local ok, e = pcall(error, 'boom', 0) return tostring(ok) .. ' ' .. e", "false boom"},
		{"local ok, e = pcall(error, { 1 }) return tostring(ok) .. ' ' .. type(e)",
		 "false table"},
		{"return select(2, xpcall(function(x) error(x, 0) end, function(m) return 'h:' .. m end,"
		 " 'arg'))", "h:arg"},
		{"return table.concat({ select(2, xpcall(function(...) return ... end, print, 'a', 'b')) },"
		 " ',')", "a,b"},
		{"return select(2, pcall(pcall))", "bad argument #1 to 'pcall' (value expected)"},
	};
	char msg[512];

	(void)state;
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		assert_int_equal(run_chunk(16 << 20, cases[i].chunk, msg, sizeof msg), LUA_OK);
		if (strstr(msg, cases[i].result) == NULL)
			fail_msg("case %zu: \"%s\", expected \"%s\"", i, msg, cases[i].result);
	}
}

/* What PCRE2 allocates is charged to the state's cap.  A pattern of 15 bytes compiles to
 * some 37 KB (each of 1000 repetitions is code of its own), so 2000 of them, all kept,
 * need some 74 MB: far over a 16 MiB cap, which they hit well before the end, while the
 * Lua values (the userdata and the 15-byte texts) would take well under 1 MB. */
static void test_pcre2_memory_capped(void **state)
{
	static const char chunk[] =
		"local kept = {}\n"
		"for i = 1, 2000 do kept[i] = re.compile('(?:a|b){1000}' .. i) end\n"
		"return 'all compiled'";

	(void)state;
	expect_failure(16 << 20, chunk, "not enough memory");
}

/* The state's count of bytes includes a compiled pattern's code: one of some 37 KB adds
 * at least 30,000 bytes (its Lua values, well under 1 KB, could not). */
static void test_pcre2_memory_counted(void **state)
{
	lua_State *L = sbx_open(16 << 20);
	size_t before;

	(void)state;
	assert_non_null(L);
	assert_int_equal(luaL_loadstring(L, "return re.compile('(?:a|b){1000}')"), LUA_OK);
	before = sbx_memory(L);
	assert_int_equal(sbx_call(L, 0, 1, false), LUA_OK);
	assert_true(sbx_memory(L) >= before + 30000);
	sbx_close(L);
}

/* The pattern cache is bounded: 2000 such patterns (some 74 MB), used once each and not
 * kept, fit in a 32 MiB state, as the cache lets go of the old ones.  (Without the CPU
 * limit: compiling takes its time under a sanitizer.) */
static void test_pcre2_cache_bounded(void **state)
{
	static const char chunk[] =
		"for i = 1, 2000 do re.test('ab', '(?:a|b){1000}' .. i) end\n"
		"return 'all compiled'";
	char msg[512];

	(void)state;
	if (run_chunk_cpu(32 << 20, chunk, msg, sizeof msg, true) != LUA_OK)
		fail_msg("%s", msg);
	assert_string_equal(msg, "all compiled");
}

/* A match that tries every start position of a long text, each under PCRE2's own limit,
 * stops at the budget of steps of the whole match. */
static void test_re_steps_capped(void **state)
{
	static const char chunk[] =
		"return re.test(('xxxxxxxxxxxxxxxxxxx.'):rep(1000), [[(x+x+)+\\d]])";

	(void)state;
	expect_failure(16 << 20, chunk, "on a text of 20000 bytes: more than 10000000 steps");
}

/* A backreference, whose time no limit bounds, is refused when the pattern is compiled,
 * by number or by name, and so is a condition on a group, which PCRE2 counts with them;
 * a group without either is fine. */
static void test_re_backreferences_refused(void **state)
{
	static const char *const refused[] = {
		"return re.test(('a'):rep(10), [[(a*?)\\1[^a] ]])",
		"return re.compile([[(?<x>a)\\k<x>]])",
		"return re.compile([[(a)(?P=x)|(?P<x>b)]])",
		"return re.compile([[(a)?(?(1)b|c)]])",
	};
	char msg[512];

	(void)state;
	for (size_t i = 0; i < sizeof refused / sizeof refused[0]; i++)
		expect_failure(16 << 20, refused[i], "which rule packs may not use");
	assert_int_equal(run_chunk(16 << 20, "return re.test('abab', '(ab)+')", msg, sizeof msg),
			 LUA_OK);
}

/* sbx_error names what was raised without running code or allocating. */
static void test_error_messages(void **state)
{
	static const struct {
		const char *chunk;
		const char *message;
	} cases[] = {
		{"error('text', 0)", "text"},
		{"error(42)", "42"},
		{"error(2.5)", "2.5"},
		{"error({})", "(error object is a table value)"},
		{"error(setmetatable({}, { __tostring = function() return 'x' end }))",
		 "(error object is a table value)"},
		{"error()", "(error object is a nil value)"},
		{"local s = 'x' for i = 1, 40 do s = s .. s end", "not enough memory"},
	};
	char msg[512];

	(void)state;
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		assert_int_not_equal(run_chunk(16 << 20, cases[i].chunk, msg, sizeof msg), LUA_OK);
		assert_string_equal(msg, cases[i].message);
	}
}

/* ---- the CPU limit per thread -------------------------------------------------------- */

/* A chunk run in a thread, in a state of its own, and how it went. */
typedef struct {
	const char *chunk;
	lua_State *L; /* made by the caller, so a C function can be added to it */
	int rc;
	char msg[512];
} thread_run;

static void *run_in_thread(void *arg)
{
	thread_run *t = arg;

	t->rc = call_chunk(t->L, t->chunk, t->msg, sizeof t->msg, false);
	return NULL;
}

/* Two runaway loops at once, each in a thread and a state of its own: each is stopped,
 * naming its own line. */
static void test_limit_per_thread(void **state)
{
	thread_run runs[2] = {
		{"while true do end", NULL, 0, ""},
		{"local n = 0\nwhile true do n = n + 1 end", NULL, 0, ""},
	};
	pthread_t threads[2];

	(void)state;
	alarm(watchdog_seconds(20));
	for (int i = 0; i < 2; i++) {
		assert_non_null(runs[i].L = sbx_open(16 << 20));
		assert_int_equal(pthread_create(&threads[i], NULL, run_in_thread, &runs[i]), 0);
	}
	for (int i = 0; i < 2; i++)
		assert_int_equal(pthread_join(threads[i], NULL), 0);
	alarm(0);
	for (int i = 0; i < 2; i++) {
		char expected[128];
		sbx_close(runs[i].L);
		assert_int_not_equal(runs[i].rc, LUA_OK);
		snprintf(expected, sizeof expected, "]:%d: more than 1 s of CPU time on one point",
			 i + 1);
		if (strstr(runs[i].msg, expected) == NULL)
			fail_msg("thread %d: \"%s\" lacks \"%s\"", i, runs[i].msg, expected);
	}
}

/* The other thread's progress, for test_limit_own_cpu. */
static pthread_mutex_t spin_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t spin_changed = PTHREAD_COND_INITIALIZER;
static bool waiting, spun;

/* wait_for_spin(), for the chunk: say it waits, then wait, using no CPU, until the main
 * thread has spun. */
static int l_wait_for_spin(lua_State *L)
{
	(void)L;
	pthread_mutex_lock(&spin_lock);
	waiting = true;
	pthread_cond_broadcast(&spin_changed);
	while (!spun)
		pthread_cond_wait(&spin_changed, &spin_lock);
	pthread_mutex_unlock(&spin_lock);
	return 0;
}

static double thread_cpu_seconds(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* A call is charged only its own thread's CPU time: a call that waits while another
 * thread spins for 1.5 s of CPU (more than the limit) is not stopped. */
static void test_limit_own_cpu(void **state)
{
	thread_run run = {"wait_for_spin() return 'not stopped'", NULL, 0, ""};
	pthread_t thread;
	volatile unsigned long spins = 0;
	double start;

	(void)state;
	alarm(watchdog_seconds(20));
	assert_non_null(run.L = sbx_open(16 << 20));
	lua_pushcfunction(run.L, l_wait_for_spin);
	lua_setglobal(run.L, "wait_for_spin");
	assert_int_equal(pthread_create(&thread, NULL, run_in_thread, &run), 0);
	pthread_mutex_lock(&spin_lock);
	while (!waiting)
		pthread_cond_wait(&spin_changed, &spin_lock);
	pthread_mutex_unlock(&spin_lock);
	for (start = thread_cpu_seconds(); thread_cpu_seconds() - start < 1.5;)
		spins++;
	pthread_mutex_lock(&spin_lock);
	spun = true;
	pthread_cond_broadcast(&spin_changed);
	pthread_mutex_unlock(&spin_lock);
	assert_int_equal(pthread_join(thread, NULL), 0);
	alarm(0);
	sbx_close(run.L);
	assert_true(spins > 0);
	assert_int_equal(run.rc, LUA_OK);
	assert_string_equal(run.msg, "not stopped");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_limit_uncatchable),
		cmocka_unit_test(test_pcall_as_lua),
		cmocka_unit_test(test_pcre2_memory_counted),
		cmocka_unit_test(test_pcre2_memory_capped),
		cmocka_unit_test(test_pcre2_cache_bounded),
		cmocka_unit_test(test_re_steps_capped),
		cmocka_unit_test(test_re_backreferences_refused),
		cmocka_unit_test(test_error_messages),
		cmocka_unit_test(test_limit_per_thread),
		cmocka_unit_test(test_limit_own_cpu),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

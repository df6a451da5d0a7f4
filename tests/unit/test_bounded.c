/*
 * test_bounded.c: engine/bounded.c in a plain Lua state: the bounded functions give what
 * Lua's own give (expected values worked out from the Lua 5.4 manual), and refuse the
 * arguments over their caps with an error naming the function.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include <lauxlib.h>
#include <lua.h>
#include <lualib.h>

#include "bounded.h"
#include "watchdog.h"

/* Run chunk in a fresh state with the bounded string and table functions; *msg gets its
 * string result or its error message.  Returns the status. */
static int run(const char *chunk, char *msg, size_t n)
{
	lua_State *L = luaL_newstate();
	int rc;

	assert_non_null(L);
	luaL_openlibs(L);
	lua_getglobal(L, "string");
	lua_getglobal(L, "table");
	bounded_open(L, -2, -1);
	lua_pop(L, 2);
	alarm(watchdog_seconds(20)); /* a loop the caps failed to stop fails the test */
	rc = luaL_loadstring(L, chunk);
	if (rc == LUA_OK)
		rc = lua_pcall(L, 0, 1, 0);
	alarm(0);
	snprintf(msg, n, "%s", lua_type(L, -1) == LUA_TSTRING ? lua_tostring(L, -1) : "?");
	lua_close(L);
	return rc;
}

/* Within the caps, the results of Lua's own functions. */
static void test_as_lua(void **state)
{
	static const struct {
		const char *chunk;
		const char *result;
	} cases[] = {
		/* find is plain: the dot is a dot; positions are 1-based, init may count from
		 * the end; an empty needle is found at init, even just past the end. */
		{"return table.concat({ ('a.b'):find('.') }, ' ')", "2 2"},
		{"return table.concat({ ('aaab'):find('aab') }, ' ')", "2 4"},
		{"return table.concat({ ('abcabc'):find('c', 4) }, ' ')", "6 6"},
		{"return table.concat({ ('abc'):find('c', -1) }, ' ')", "3 3"},
		{"return table.concat({ ('abc'):find('b', -10) }, ' ')", "2 2"},
		{"return table.concat({ ('abc'):find('', 4) }, ' ')", "4 3"},
		{"return tostring(('abc'):find('', 5))", "nil"},
		{"return tostring(('abc'):find('d'))", "nil"},
		{"return table.concat({ ('a\\0b'):find('\\0b') }, ' ')", "2 3"},
		{"return table.concat({ string.find(123, 2) }, ' ')", "2 2"},
		{"return ('ab'):rep(3, ',')", "ab,ab,ab"},
		{"return ('x'):rep(0) .. '|' .. ('x'):rep(-1) .. '|'", "||"},
		{"return tostring(#('x'):rep(1 << 24))", "16777216"},
		{"return table.concat({ 1, 2, 3 }, '-')", "1-2-3"},
		{"return table.concat({ 1, 2, 3 }, '-', 2)", "2-3"},
		{"return table.concat({ 1, 2, 3 }, '-', 3, 2)", ""},
		{"return table.concat(setmetatable({}, { __index = function(_, i) return i end,"
		 " __len = function() return 3 end }))", "123"},
		{"return tostring(select('#', table.unpack({}, 1, 3)))", "3"},
		{"return table.concat({ table.unpack({ 1, 2, 3 }, 2) }, ' ')", "2 3"},
		{"return table.concat(table.move({ 1, 2, 3 }, 1, 3, 2), ' ')", "1 1 2 3"},
		{"local t = { 1, 3 } table.insert(t, 2, 2) table.insert(t, 4)"
		 " return table.concat(t, ' ')", "1 2 3 4"},
		{"local t = { 1, 2, 3 } return table.remove(t, 1) .. ':' .. table.concat(t, ' ')",
		 "1:2 3"},
		{"local t = { 3, 1, 2 } table.sort(t) return table.concat(t, ' ')", "1 2 3"},
		{"local t = { 3, 1, 2 } table.sort(t, function(a, b) return a > b end)"
		 " return table.concat(t, ' ')", "3 2 1"},
	};
	char msg[256];

	(void)state;
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		if (run(cases[i].chunk, msg, sizeof msg) != LUA_OK)
			fail_msg("case %zu: %s", i, msg);
		if (strcmp(msg, cases[i].result) != 0)
			fail_msg("case %zu: \"%s\", expected \"%s\"", i, msg, cases[i].result);
	}
}

/* Over a cap: an error naming the function, at once. */
static void test_caps(void **state)
{
	static const struct {
		const char *chunk;
		const char *message;
	} cases[] = {
		{"return ('x'):rep((1 << 24) + 1)",
		 "string.rep: 16777217 repetitions, more than 16777216"},
		{"return (''):rep(1 << 62)", "string.rep: 4611686018427387904 repetitions"},
		/* 2 * 2^23 bytes and 2^23 - 1 separators: 25165823 bytes. */
		{"return ('xx'):rep(1 << 23, 'y')", "string.rep: a result of more than 16777216 bytes"},
		{"return table.concat({}, '', 1, (1 << 20) + 1)",
		 "table.concat: 1 to 1048577 is more than 1048576 elements"},
		{"return table.concat(setmetatable({}, { __len = function() return 1 << 40 end }))",
		 "table.concat: 1 to 1099511627776 is more than 1048576 elements"},
		{"return table.unpack({}, 1, (1 << 20) + 1)",
		 "table.unpack: 1 to 1048577 is more than 1048576 elements"},
		{"return table.unpack({}, math.mininteger, math.maxinteger)",
		 "table.unpack: -9223372036854775808 to 9223372036854775807 is more than"},
		{"return table.move({}, 1, 1 << 40, 2)",
		 "table.move: 1 to 1099511627776 is more than 1048576 elements"},
		{"table.insert(setmetatable({}, { __len = function() return 1 << 60 end }), 1, 'x')",
		 "table.insert: the table has a __len metamethod"},
		{"table.remove(setmetatable({}, { __len = function() return 1 << 60 end }), 1)",
		 "table.remove: the table has a __len metamethod"},
		{"table.sort(setmetatable({}, { __len = function() return 1 << 30 end }))",
		 "table.sort: the table has a __len metamethod"},
		{"local t = {} for i = 1, 1 << 20 do t[i] = i end table.sort(t)",
		 "table.sort: the table has more than 1048575 elements"},
	};
	char msg[256];

	(void)state;
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		assert_int_equal(run(cases[i].chunk, msg, sizeof msg), LUA_ERRRUN);
		if (strstr(msg, cases[i].message) == NULL)
			fail_msg("case %zu: \"%s\" lacks \"%s\"", i, msg, cases[i].message);
	}
}

/* A plain search that a naive one would make quadratic (4 M starts, each comparing up to
 * 4 M bytes) takes linear time. */
static void test_find_linear(void **state)
{
	char msg[256];

	(void)state;
	assert_int_equal(run("return tostring(('a'):rep(1 << 23):find(('a'):rep(1 << 22) .. 'b',"
			     " 1, true))", msg, sizeof msg), LUA_OK);
	assert_string_equal(msg, "nil");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_as_lua),
		cmocka_unit_test(test_caps),
		cmocka_unit_test(test_find_linear),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

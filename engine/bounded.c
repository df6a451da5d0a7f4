/*
 * bounded.c: bounded variants of the string and table functions that could loop long
 * inside C (see bounded.h).  Lua's count hook, which the CPU limit relies on, runs only
 * between instructions of Lua functions: string.rep("", 2^62), table.move over 2^40
 * elements or a naive plain search of a long text would run for hours inside one call.
 * Depends on Lua, and sandbox.h (sbx_check: the CPU limit inside a sort).
 */
#define _GNU_SOURCE /* memmem: a linear-time search */
#include "bounded.h"

#include <stdint.h>
#include <string.h>

#include <lauxlib.h>

#include "sandbox.h"

/* Call the original function (upvalue 1) with the arguments as they are now. */
static int call_original(lua_State *L)
{
	lua_pushvalue(L, lua_upvalueindex(1));
	lua_insert(L, 1);
	lua_call(L, lua_gettop(L) - 1, LUA_MULTRET);
	return lua_gettop(L);
}

/* string.rep(s, n [, sep]), refused when the result would pass BOUNDED_STRING_MAX bytes
 * or n passes that many repetitions (an empty s repeated 2^62 times makes nothing, for
 * hours). */
static int b_rep(lua_State *L)
{
	size_t l, lsep;
	lua_Integer n;

	luaL_checklstring(L, 1, &l);
	n = luaL_checkinteger(L, 2);
	luaL_optlstring(L, 3, "", &lsep);
	if (n > BOUNDED_STRING_MAX)
		return luaL_error(L, "string.rep: %I repetitions, more than %d (the cap for rule "
				  "packs)", n, BOUNDED_STRING_MAX);
	if (n > 0 && (uint64_t)(l + lsep) * (uint64_t)n > (uint64_t)BOUNDED_STRING_MAX + lsep)
		return luaL_error(L, "string.rep: a result of more than %d bytes (the cap for rule "
				  "packs)", BOUNDED_STRING_MAX);
	return call_original(L);
}

/* The start of a search, as Lua's string.find reads it: 1-based, negative from the end. */
static size_t start_at(lua_Integer pos, size_t len)
{
	if (pos > 0)
		return (size_t)pos;
	if (pos == 0 || pos < -(lua_Integer)len)
		return 1;
	return len + (size_t)pos + 1;
}

/* string.find(s, p [, init]): always a plain search (Lua's patterns backtrack inside C,
 * so packs match patterns with `re`), in linear time. */
static int b_find(lua_State *L)
{
	size_t ls, lp;
	const char *s = luaL_checklstring(L, 1, &ls);
	const char *p = luaL_checklstring(L, 2, &lp);
	size_t init = start_at(luaL_optinteger(L, 3, 1), ls) - 1;
	const char *found;

	if (init > ls) {
		lua_pushnil(L);
		return 1;
	}
	found = lp == 0 ? s + init : memmem(s + init, ls - init, p, lp);
	if (found == NULL) {
		lua_pushnil(L);
		return 1;
	}
	lua_pushinteger(L, (lua_Integer)(found - s) + 1);
	lua_pushinteger(L, (lua_Integer)(found - s + lp));
	return 2;
}

/* Refuse a range i..j of more than BOUNDED_TABLE_MAX elements. */
static void check_range(lua_State *L, const char *fn, lua_Integer i, lua_Integer j)
{
	if (j >= i && (lua_Unsigned)j - (lua_Unsigned)i >= BOUNDED_TABLE_MAX)
		luaL_error(L, "%s: %I to %I is more than %d elements (the cap for rule packs)", fn, i,
			   j, BOUNDED_TABLE_MAX);
}

/* Make the range of arguments first and first + 1 explicit (defaults: 1 and #t, with #t
 * read once) and check it, so the original never reads a __len of its own. */
static void explicit_range(lua_State *L, const char *fn, int first)
{
	lua_Integer i = luaL_optinteger(L, first, 1);
	lua_Integer j = lua_isnoneornil(L, first + 1) ? luaL_len(L, 1)
						      : luaL_checkinteger(L, first + 1);

	check_range(L, fn, i, j);
	lua_settop(L, first + 1);
	lua_pushinteger(L, i);
	lua_replace(L, first);
	lua_pushinteger(L, j);
	lua_replace(L, first + 1);
}

/* table.concat(t [, sep [, i [, j]]]) */
static int b_concat(lua_State *L)
{
	luaL_checktype(L, 1, LUA_TTABLE);
	luaL_optstring(L, 2, "");
	explicit_range(L, "table.concat", 3);
	return call_original(L);
}

/* table.unpack(t [, i [, j]]) */
static int b_unpack(lua_State *L)
{
	explicit_range(L, "table.unpack", 2);
	return call_original(L);
}

/* table.move(a1, f, e, t [, a2]) */
static int b_move(lua_State *L)
{
	check_range(L, "table.move", luaL_checkinteger(L, 2), luaL_checkinteger(L, 3));
	return call_original(L);
}

/* table.insert, table.remove and table.sort shift or sort the whole of #t: a table with
 * a __len metamethod could claim any length (and another one on the next read), so only
 * plain lengths of at most BOUNDED_TABLE_MAX are let through.  Upvalue 2: the name. */
static int b_whole(lua_State *L)
{
	const char *fn = lua_tostring(L, lua_upvalueindex(2));

	luaL_checktype(L, 1, LUA_TTABLE);
	if (luaL_getmetafield(L, 1, "__len") != LUA_TNIL)
		return luaL_error(L, "%s: the table has a __len metamethod (not allowed in rule "
				  "packs)", fn);
	if (lua_rawlen(L, 1) >= BOUNDED_TABLE_MAX)
		return luaL_error(L, "%s: the table has more than %d elements (the cap for rule "
				  "packs)", fn, BOUNDED_TABLE_MAX - 1);
	return call_original(L);
}

/* a < b, as table.sort compares without a function of the pack's: here, so that the
 * CPU limit can stop a sort whose comparisons take long (two long strings equal to
 * their last bytes), which Lua's own sort would make inside C, out of the hook's reach. */
static int b_less(lua_State *L)
{
	sbx_check(L);
	lua_pushboolean(L, lua_compare(L, 1, 2, LUA_OPLT));
	return 1;
}

/* table.sort(t [, comp]), through b_whole; without comp, with b_less. */
static int b_sort(lua_State *L)
{
	if (lua_isnoneornil(L, 2)) {
		lua_settop(L, 1);
		lua_pushcfunction(L, b_less);
	}
	return b_whole(L);
}

/* Replace field name of the table at idx by fn, with the original as upvalue 1 (and, for
 * b_whole, the function's name as upvalue 2). */
static void wrap(lua_State *L, int idx, const char *name, lua_CFunction fn, const char *full)
{
	lua_getfield(L, idx, name);
	if (full != NULL)
		lua_pushstring(L, full);
	lua_pushcclosure(L, fn, full != NULL ? 2 : 1);
	lua_setfield(L, idx, name);
}

void bounded_open(lua_State *L, int string_lib, int table_lib)
{
	string_lib = lua_absindex(L, string_lib);
	table_lib = lua_absindex(L, table_lib);
	wrap(L, string_lib, "rep", b_rep, NULL);
	lua_pushcfunction(L, b_find);
	lua_setfield(L, string_lib, "find");
	wrap(L, table_lib, "concat", b_concat, NULL);
	wrap(L, table_lib, "unpack", b_unpack, NULL);
	wrap(L, table_lib, "move", b_move, NULL);
	wrap(L, table_lib, "insert", b_whole, "table.insert");
	wrap(L, table_lib, "remove", b_whole, "table.remove");
	wrap(L, table_lib, "sort", b_sort, "table.sort");
}

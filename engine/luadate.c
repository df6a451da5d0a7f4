/*
 * luadate.c: the `date` library of rule packs (see luadate.h), a thin binding of date.h.
 * Depends on Lua and date.h.
 */
#include "luadate.h"

#include <lauxlib.h>

#include "date.h"

static long check_date(lua_State *L, int arg, const char *fn)
{
	const char *s = luaL_checkstring(L, arg);
	long days;

	if (!date_parse(s, &days))
		luaL_error(L, "%s: expected a date YYYY-MM-DD, got \"%s\"", fn, s);
	return days;
}

/* date.days(a, b): the number of days from date a to date b (negative if b is earlier). */
static int l_date_days(lua_State *L)
{
	long a = check_date(L, 1, "date.days");
	long b = check_date(L, 2, "date.days");

	lua_pushinteger(L, b - a);
	return 1;
}

/* date.add(d, n): the date n days after d (before, if n < 0). */
static int l_date_add(lua_State *L)
{
	long d = check_date(L, 1, "date.add");
	lua_Integer n = luaL_checkinteger(L, 2);
	char out[DATE_BUF];

	if (n > 3650000 || n < -3650000)
		return luaL_error(L, "date.add: %d days is out of range", (int)n);
	if (!date_format(d + (long)n, out))
		return luaL_error(L, "date.add: %d days from %s is outside the years 0001-9999",
				  (int)n, lua_tostring(L, 1));
	lua_pushstring(L, out);
	return 1;
}

/* date.valid(s): whether s is a date YYYY-MM-DD. */
static int l_date_valid(lua_State *L)
{
	long days;

	lua_pushboolean(L, lua_type(L, 1) == LUA_TSTRING && date_parse(lua_tostring(L, 1), &days));
	return 1;
}

int luadate_open(lua_State *L)
{
	static const luaL_Reg datelib[] = {
		{"days", l_date_days}, {"add", l_date_add}, {"valid", l_date_valid}, {NULL, NULL},
	};

	luaL_newlib(L, datelib);
	return 1;
}

/*
 * luadate.h: the `date` library of rule packs: day arithmetic on dates YYYY-MM-DD, so a
 * pack can compare a fact's date with ctx.as_of.  Depends on Lua and date.h.
 */
#ifndef RG_LUADATE_H
#define RG_LUADATE_H

#include <lua.h>

/*
 * luadate_open: push a new `date` library table onto L's stack: date.days(a, b),
 * date.add(d, n) and date.valid(s) (see rules/README.md).  Its functions raise a Lua
 * error naming the function and the bad argument.  Never fails except by a Lua memory
 * error.
 */
int luadate_open(lua_State *L);

#endif

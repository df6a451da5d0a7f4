/*
 * rx.h: the `re` library of rule packs: PCRE2 regular expressions over UTF-8 with Unicode
 * properties, compiled once (JIT where available) and matched under match, depth and heap
 * limits, so a catastrophic pattern raises an error naming it instead of hanging.
 * Depends on PCRE2 and Lua (it is the binding between them).
 */
#ifndef RG_RX_H
#define RG_RX_H

#include <lua.h>

/*
 * rx_open: push a new `re` library table onto L's stack.  Compiled patterns are cached
 * per state, keyed by their text, and freed with the state.  Never fails except by a Lua
 * memory error.
 */
int rx_open(lua_State *L);

#endif

/*
 * rx.h: the `re` library of rule packs: PCRE2 regular expressions over UTF-8 with Unicode
 * properties, compiled once (JIT where available) and matched under match, depth, heap
 * and step limits, so a catastrophic pattern raises an error naming it instead of
 * hanging.  Depends on PCRE2 and Lua (it is the binding between them).
 */
#ifndef RG_RX_H
#define RG_RX_H

#include <lua.h>

/*
 * rx_open: push a new `re` library table onto L's stack.  Compiled patterns are cached
 * per state, keyed by their text (at most 1024 patterns and 8 MiB of code; past that the
 * cache starts afresh), and freed by the collector.  All PCRE2 allocates for them goes
 * through L's allocator, so it counts against L's memory cap.  Never fails except by a
 * Lua error (out of memory).
 */
int rx_open(lua_State *L);

#endif

/*
 * sandbox.h: the Lua state rule packs run in: an allocator capped at a byte budget, a CPU
 * limit per call into a pack, the libraries a pack may use (base without loaders, string,
 * table, math, utf8, date, re, print, here) and a message handler that adds a traceback.
 * Only modules of the rule layer include it.  Depends on Lua, luadate.h, rx.h.
 */
#ifndef RG_SANDBOX_H
#define RG_SANDBOX_H

#include <stdbool.h>
#include <stddef.h>

#include <lua.h>

/* Stack slot of the message handler, pushed by sbx_open() and kept there for the state's
 * life: pass it to lua_pcall to have a traceback added to an error. */
#define SBX_MSGH 1

/*
 * sbx_open: a new sandboxed state whose allocations may not exceed mem_limit bytes, with
 * the pack libraries as its globals and the message handler at SBX_MSGH (the only value
 * on its stack).  Starts the process's CPU timer on first use.  Returns NULL when out of
 * memory.  Free with sbx_close().
 */
lua_State *sbx_open(size_t mem_limit);

/* sbx_close: free the state L made by sbx_open() and its budget.  NULL is allowed. */
void sbx_close(lua_State *L);

/*
 * sbx_watch / sbx_unwatch: bracket every call into a pack.  While watched, a call that
 * runs more than a second of CPU time is stopped with an error naming the pack's line.
 * sbx_watch also clears a stop hook left by the previous call and reinstalls the line
 * hook set by sbx_set_line_hook().  Only one state is watched at a time.
 */
void sbx_watch(lua_State *L);
void sbx_unwatch(void);

/* sbx_set_line_hook: the line hook installed on every sbx_watch(), or NULL for none
 * (riskgrade test counts coverage with it). */
void sbx_set_line_hook(lua_State *L, lua_Hook hook);

/* sbx_set_trace / sbx_tracing: whether packs' here() answers (with "file:line") and
 * results' trace lists are read; off by default, because it costs. */
void sbx_set_trace(lua_State *L, bool on);
bool sbx_tracing(lua_State *L);

#endif

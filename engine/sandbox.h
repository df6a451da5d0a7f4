/*
 * sandbox.h: the Lua state rule packs run in: an allocator capped at a byte budget, a CPU
 * limit per call into a pack, the libraries a pack may use (base without loaders, string,
 * table, math, utf8, date, re, print, here) and a message handler that adds a traceback.
 * Only modules of the rule layer include it.  Depends on Lua, bounded.h, luadate.h, rx.h.
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
 * on its stack).  Returns NULL when out of memory.  Free with sbx_close().  The state may
 * be made in one thread and used in another, but by one thread at a time.
 */
lua_State *sbx_open(size_t mem_limit);

/* sbx_close: free the state L made by sbx_open() and its budget.  NULL is allowed.  Lua
 * runs finalizers here with hooks off, where no CPU limit could stop them: only the
 * engine's own (C) finalizers exist, since packs may not set __gc (prelude.lua). */
void sbx_close(lua_State *L);

/*
 * sbx_call: lua_pcall(L, nargs, nresults, msgh) under the CPU limit: a call that runs more
 * than a second of the calling thread's CPU time is stopped with an error naming the
 * pack's file and line, and pcall/xpcall in the pack cannot catch that stop.  Each
 * thread's calls are timed by a timer of its own, started on its first call (if it
 * cannot be started, the call is not made and fails with a message saying so), so states
 * in several threads are each limited as one alone would be.  msgh is the traceback handler
 * (SBX_MSGH) when traceback is true, else none.  Every call into the state goes through
 * here, so that no Lua code (a pack's function or metamethod) runs unwatched and no
 * allocation fails unprotected.  Returns the status of lua_pcall; the error object is
 * then on top of the stack (read it with sbx_error()).  Only one state is watched at a
 * time in a thread, and calls do not nest: a C function run by sbx_call calls Lua with
 * lua_call.
 */
int sbx_call(lua_State *L, int nargs, int nresults, bool traceback);

/*
 * sbx_error: the message of the error object at idx, without running pack code or
 * allocating: the string itself, a number formatted, else "(error object is a T value)".
 * The text stays valid until the value is popped or the next sbx_error() call.
 */
const char *sbx_error(lua_State *L, int idx);

/* sbx_memory: the bytes the state L holds now (with what PCRE2 holds for it). */
size_t sbx_memory(lua_State *L);

/* sbx_set_line_hook: the line hook installed for every sbx_call(), or NULL for none
 * (riskgrade test counts coverage with it). */
void sbx_set_line_hook(lua_State *L, lua_Hook hook);

/*
 * sbx_check: for a C function that may run long on a pack's behalf (one call of Lua's own
 * code, where no hook runs): raise the CPU limit's stop if the limit has passed during
 * this call, naming the line of the pack that called it; return if not.  Call it as the
 * function goes, e.g. once per comparison.
 */
void sbx_check(lua_State *L);

/* sbx_set_trace / sbx_tracing: whether packs' here() answers (with "file:line") and
 * results' trace lists are read; off by default, because it costs. */
void sbx_set_trace(lua_State *L, bool on);
bool sbx_tracing(lua_State *L);

#endif

/*
 * sandbox.c: the Lua state rule packs run in (see rules/README.md, "What a pack may use").
 * The pack sees only base (without dofile, loadfile, load, collectgarbage; pcall and
 * xpcall that cannot catch the CPU limit), string (without dump and the backtracking
 * pattern functions), table, math (without random), utf8, and our date and re libraries,
 * with caps on the C functions that could loop long (bounded.c); its memory and its CPU
 * time per call are capped.  Depends on Lua, bounded.h, luadate.h, rx.h.
 */
#include "sandbox.h"

#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/time.h>

#include <lauxlib.h>
#include <lualib.h>

#include "bounded.h"
#include "luadate.h"
#include "rx.h"

/* CPU time one point (or loading a pack) may take.  A real rule takes tens of
 * microseconds.  A profiling timer ticks every TICK_MS of CPU; after TICK_LIMIT ticks on
 * the same point it installs a hook that stops the pack where it is.  No hook runs until
 * then, because any count or line hook makes Lua trace every instruction (~5%). */
#define TICK_MS 250
#define TICK_LIMIT 4

/* What a state's allocator and hooks need, reached through lua_getallocf(). */
typedef struct {
	size_t mem_used;     /* bytes the state holds */
	size_t mem_limit;    /* bytes it may hold */
	lua_Hook line_hook;  /* installed by every watch(), or NULL */
	bool tracing;        /* grade --trace: here() answers, result.trace is read */
	bool stopped;        /* the CPU limit stopped the current call: it stays stopped */
	char stop_msg[256];  /* why, with the pack's file and line */
	char error_msg[64];  /* sbx_error() of an error object that is not a string */
} sbx;

static sbx *sbx_of(lua_State *L)
{
	void *ud;

	lua_getallocf(L, &ud);
	return ud;
}

static void *capped_alloc(void *ud, void *ptr, size_t osize, size_t nsize)
{
	sbx *sb = ud;

	if (ptr == NULL)
		osize = 0; /* Lua passes the object type here for new blocks */
	if (nsize == 0) {
		free(ptr);
		sb->mem_used -= osize;
		return NULL;
	}
	if (nsize > osize && sb->mem_used + (nsize - osize) > sb->mem_limit)
		return NULL;
	void *p = realloc(ptr, nsize);
	if (p != NULL)
		sb->mem_used = sb->mem_used - osize + nsize;
	return p;
}

/* The Lua call the CPU timer watches: set by sbx_watch() around every call into a pack.
 * Shared with the signal handler, so only atomic and volatile things. */
static lua_State *volatile watched;
static volatile sig_atomic_t watch_seq, seen_seq, ticks;

/* Installed by the timer on a runaway call: stop it where it is, naming the line, and
 * again at every instruction after, so that no pcall in the pack can catch the stop and
 * go on.  The hook stays until the next watch(). */
static void stop_hook(lua_State *L, lua_Debug *ar)
{
	sbx *sb = sbx_of(L);

	if (!sb->stopped) {
		lua_getinfo(L, "Sl", ar);
		snprintf(sb->stop_msg, sizeof sb->stop_msg,
			 "%s:%d: more than %d s of CPU time on one point: a runaway loop?",
			 ar->short_src, ar->currentline, TICK_LIMIT * TICK_MS / 1000);
		sb->stopped = true;
	}
	lua_pushstring(L, sb->stop_msg);
	lua_error(L);
}

/* SIGPROF: count the ticks a single call has run, and stop it past the limit.
 * lua_sethook is safe to call from a signal handler (lua.c does the same for ^C). */
static void on_tick(int sig)
{
	lua_State *L = watched;

	(void)sig;
	if (L == NULL || watch_seq != seen_seq) {
		seen_seq = watch_seq;
		ticks = 0;
		return;
	}
	/* A count hook runs before every instruction of every Lua function, loops and calls
	 * alike; C functions a pack can reach are bounded (bounded.c). */
	if (++ticks >= TICK_LIMIT)
		lua_sethook(L, stop_hook, LUA_MASKCOUNT, 1);
}

/* Start the CPU timer once per process (RISKGRADE_BENCH_NO_LIMITS=1 leaves it off, only
 * so that `make bench` can report what the limit costs). */
static void start_timer(void)
{
	static bool started;
	struct sigaction sa;
	struct itimerval it;

	if (started || getenv("RISKGRADE_BENCH_NO_LIMITS") != NULL)
		return;
	started = true;
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_tick;
	sa.sa_flags = SA_RESTART;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGPROF, &sa, NULL);
	it.it_interval.tv_sec = 0;
	it.it_interval.tv_usec = TICK_MS * 1000;
	it.it_value = it.it_interval;
	setitimer(ITIMER_PROF, &it, NULL);
}

/* watch / unwatch: bracket every call into the state (sbx_call).  watch clears the stop
 * hook the timer may have set in the previous call and restores the line hook. */
static void watch(lua_State *L)
{
	sbx *sb = sbx_of(L);

	watched = NULL;
	sb->stopped = false;
	if (sb->line_hook != NULL)
		lua_sethook(L, sb->line_hook, LUA_MASKLINE, 0);
	else
		lua_sethook(L, NULL, 0, 0);
	watch_seq++;
	watched = L;
}

static void unwatch(void)
{
	watched = NULL;
}

int sbx_call(lua_State *L, int nargs, int nresults, bool traceback)
{
	int rc;

	watch(L);
	rc = lua_pcall(L, nargs, nresults, traceback ? SBX_MSGH : 0);
	unwatch();
	return rc;
}

const char *sbx_error(lua_State *L, int idx)
{
	sbx *sb = sbx_of(L);

	switch (lua_type(L, idx)) {
	case LUA_TSTRING:
		return lua_tostring(L, idx);
	case LUA_TNUMBER:
		/* Formatted here: lua_tostring would convert it in place, which allocates. */
		if (lua_isinteger(L, idx))
			snprintf(sb->error_msg, sizeof sb->error_msg, LUA_INTEGER_FMT,
				 (LUAI_UACINT)lua_tointeger(L, idx));
		else
			snprintf(sb->error_msg, sizeof sb->error_msg, LUA_NUMBER_FMT,
				 (LUAI_UACNUMBER)lua_tonumber(L, idx));
		return sb->error_msg;
	default:
		snprintf(sb->error_msg, sizeof sb->error_msg, "(error object is a %s value)",
			 luaL_typename(L, idx));
		return sb->error_msg;
	}
}

size_t sbx_memory(lua_State *L)
{
	return sbx_of(L)->mem_used;
}

void sbx_set_line_hook(lua_State *L, lua_Hook hook)
{
	sbx_of(L)->line_hook = hook;
}

void sbx_set_trace(lua_State *L, bool on)
{
	sbx_of(L)->tracing = on;
}

bool sbx_tracing(lua_State *L)
{
	return sbx_of(L)->tracing;
}

/* pcall(f, ...) as Lua's, except that once the CPU limit has stopped the call it raises
 * the stop again, so a pack cannot catch it and go on. */
static int l_pcall(lua_State *L)
{
	int rc;

	luaL_checkany(L, 1);
	rc = lua_pcall(L, lua_gettop(L) - 1, LUA_MULTRET, 0);
	if (rc != LUA_OK && sbx_of(L)->stopped) {
		lua_pushstring(L, sbx_of(L)->stop_msg);
		return lua_error(L);
	}
	luaL_checkstack(L, 1, "too many results");
	lua_pushboolean(L, rc == LUA_OK);
	lua_insert(L, 1);
	return lua_gettop(L);
}

/* The message handler xpcall installs: the pack's own (upvalue 1), unless the CPU limit
 * stopped the call.  Then the error comes from inside a hook, where Lua runs the handler
 * with hooks off, so no pack code may run: the stop is kept as it is. */
static int xpcall_handler(lua_State *L)
{
	if (sbx_of(L)->stopped)
		return 1;
	lua_pushvalue(L, lua_upvalueindex(1));
	lua_insert(L, 1);
	lua_call(L, lua_gettop(L) - 1, 1);
	return 1;
}

/* xpcall(f, msgh, ...) as Lua's, with the same guard as pcall. */
static int l_xpcall(lua_State *L)
{
	int n = lua_gettop(L), rc;

	luaL_checktype(L, 2, LUA_TFUNCTION);
	lua_pushvalue(L, 2);
	lua_pushcclosure(L, xpcall_handler, 1);
	lua_replace(L, 2);
	lua_pushvalue(L, 1); /* swap f and the handler: handler, f, args... */
	lua_copy(L, 2, 1);
	lua_replace(L, 2);
	rc = lua_pcall(L, n - 2, LUA_MULTRET, 1);
	if (rc != LUA_OK && sbx_of(L)->stopped) {
		lua_pushstring(L, sbx_of(L)->stop_msg);
		return lua_error(L);
	}
	lua_pushboolean(L, rc == LUA_OK);
	lua_replace(L, 1);
	return lua_gettop(L);
}

/* Message handler: add a traceback to the error, as lua.c does. */
static int msgh(lua_State *L)
{
	const char *msg = lua_tostring(L, 1);

	if (msg == NULL)
		msg = lua_pushfstring(L, "(error object is a %s value)", luaL_typename(L, 1));
	luaL_traceback(L, L, msg, 1);
	return 1;
}

/* here(level): "file:line" of the function `level` calls up (1: the caller of here), for
 * explain's trace; nil unless the run is tracing, so packs may call it freely. */
static int l_here(lua_State *L)
{
	lua_Debug ar;

	if (!sbx_tracing(L) || !lua_getstack(L, (int)luaL_optinteger(L, 1, 1), &ar)) {
		lua_pushnil(L);
		return 1;
	}
	lua_getinfo(L, "Sl", &ar);
	lua_pushfstring(L, "%s:%d", ar.short_src, ar.currentline);
	return 1;
}

/* print() writes to stderr, so a pack's debugging output never mixes with results. */
static int l_print(lua_State *L)
{
	int n = lua_gettop(L);

	for (int i = 1; i <= n; i++) {
		size_t len;
		const char *s = luaL_tolstring(L, i, &len);
		if (i > 1)
			fputc('\t', stderr);
		fwrite(s, 1, len, stderr);
		lua_pop(L, 1);
	}
	fputc('\n', stderr);
	return 0;
}

static void remove_field(lua_State *L, const char *table, const char *field)
{
	if (table == NULL) {
		lua_pushnil(L);
		lua_setglobal(L, field);
		return;
	}
	lua_getglobal(L, table);
	lua_pushnil(L);
	lua_setfield(L, -2, field);
	lua_pop(L, 1);
}

/* Open the libraries a pack sees as the state's globals; run protected by sbx_open. */
static int open_libraries(lua_State *L)
{
	static const luaL_Reg libs[] = {
		{LUA_GNAME, luaopen_base},     {LUA_STRLIBNAME, luaopen_string},
		{LUA_TABLIBNAME, luaopen_table}, {LUA_MATHLIBNAME, luaopen_math},
		{LUA_UTF8LIBNAME, luaopen_utf8}, {NULL, NULL},
	};

	for (const luaL_Reg *lib = libs; lib->func != NULL; lib++) {
		luaL_requiref(L, lib->name, lib->func, 1);
		lua_pop(L, 1);
	}
	/* Files, code loading, the collector and randomness are not a pack's business. */
	remove_field(L, NULL, "dofile");
	remove_field(L, NULL, "loadfile");
	remove_field(L, NULL, "load");
	remove_field(L, NULL, "collectgarbage");
	remove_field(L, "string", "dump");
	remove_field(L, "string", "match");
	remove_field(L, "string", "gmatch");
	remove_field(L, "string", "gsub");
	lua_getglobal(L, "string");
	lua_getglobal(L, "table");
	bounded_open(L, -2, -1);
	lua_pop(L, 2);
	lua_pushcfunction(L, l_pcall);
	lua_setglobal(L, "pcall");
	lua_pushcfunction(L, l_xpcall);
	lua_setglobal(L, "xpcall");
	rx_open(L);
	lua_setglobal(L, "re");
	remove_field(L, "math", "random");
	remove_field(L, "math", "randomseed");
	lua_pushcfunction(L, l_print);
	lua_setglobal(L, "print");
	luadate_open(L);
	lua_setglobal(L, "date");
	lua_pushcfunction(L, l_here);
	lua_setglobal(L, "here");
	/* Lua makes this message when a message handler fails; kept, so that making it never
	 * needs memory (it could be out, and where Lua makes it nothing would catch that). */
	lua_pushliteral(L, "error in error handling");
	lua_setfield(L, LUA_REGISTRYINDEX, "riskgrade.errerr");
	return 0;
}

lua_State *sbx_open(size_t mem_limit)
{
	sbx *sb = calloc(1, sizeof *sb);
	lua_State *L;

	if (sb == NULL)
		return NULL;
	sb->mem_limit = mem_limit;
	L = lua_newstate(capped_alloc, sb);
	if (L == NULL) {
		free(sb);
		return NULL;
	}
	lua_pushcfunction(L, open_libraries);
	if (lua_pcall(L, 0, 0, 0) != LUA_OK) { /* out of memory: only a memory error */
		lua_close(L);
		free(sb);
		return NULL;
	}
	start_timer();
	lua_pushcfunction(L, msgh); /* SBX_MSGH */
	return L;
}

void sbx_close(lua_State *L)
{
	sbx *sb;

	if (L == NULL)
		return;
	sb = sbx_of(L);
	lua_close(L);
	free(sb);
}

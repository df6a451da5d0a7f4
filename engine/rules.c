/*
 * rules.c: the Lua sandbox and the contract with a rule pack (see rules/README.md).
 * The pack sees only base (without dofile, loadfile, load, collectgarbage), string
 * (without dump and the backtracking pattern functions), table, math (without random),
 * utf8, and our date and re libraries; its memory and CPU time per point are capped.
 * Every call into Lua is protected, with a traceback.
 * Depends on Lua, db.h, date.h, sha.h, status.h.
 */
#include "rules.h"

#include <errno.h>
#include <signal.h>
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/time.h>

#include <lauxlib.h>
#include <lua.h>
#include <lualib.h>

#include "date.h"
#include "rx.h"

/* A pack that needs more than this for one state is broken, not busy. */
#define MEM_LIMIT ((size_t)256 << 20)

/* CPU time one point (or loading a pack) may take.  A real rule takes tens of
 * microseconds.  A profiling timer ticks every TICK_MS of CPU; after TICK_LIMIT ticks on
 * the same point it installs a hook that stops the pack where it is.  No hook runs until
 * then, because any count or line hook makes Lua trace every instruction (~5%). */
#define TICK_MS 250
#define TICK_LIMIT 4

/* Stack slots while a point is being graded. */
#define SLOT_MSGH 1   /* the message handler */
#define SLOT_POINT 2  /* the facts of the current point */
#define SLOT_RESULT 3 /* what grade() returned */

#define MAX_PACKS 64

/* Generated from engine/prelude.lua and engine/packtest.lua (build/prelude.c). */
extern const char *const rg_prelude[];

struct rules {
	lua_State *L;              /* the sandboxed state */
	size_t mem_used;           /* bytes the state holds */
	size_t mem_limit;          /* bytes it may hold */
	char dir[PATH_MAX];        /* the rule pack folder */
	int ctx_ref;               /* registry: the ctx table */
	int require_ref;           /* registry: the prelude's require_pack(name) */
	int parents_ref;           /* registry: the prelude's parents (name -> base name) */
	int by_agency_ref;         /* registry: agency code -> pack table */
	int names_ref;             /* registry: agency code -> pack name */
	rg_status load_status;     /* why the last loadpack() failed: RG_IO or RG_RULE */
	int hits_ref;              /* registry: source -> set of lines run (riskgrade test) */
	bool coverage;             /* riskgrade test: the line hook records coverage */
	bool tracing;              /* grade --trace: here() answers, result.trace is read */
	rule_pack packs[MAX_PACKS]; /* the packs loaded, in load order */
	int npacks;
};

static void *capped_alloc(void *ud, void *ptr, size_t osize, size_t nsize)
{
	rules *r = ud;

	if (ptr == NULL)
		osize = 0; /* Lua passes the object type here for new blocks */
	if (nsize == 0) {
		free(ptr);
		r->mem_used -= osize;
		return NULL;
	}
	if (nsize > osize && r->mem_used + (nsize - osize) > r->mem_limit)
		return NULL;
	void *p = realloc(ptr, nsize);
	if (p != NULL)
		r->mem_used = r->mem_used - osize + nsize;
	return p;
}

/* The Lua call the CPU timer watches: set by watch() around every call into a pack.
 * Shared with the signal handler, so only atomic and volatile things. */
static lua_State *volatile watched;
static volatile sig_atomic_t watch_seq, seen_seq, ticks;

/* Installed by the timer on a runaway point: stop it where it is, naming the line. */
static void stop_hook(lua_State *L, lua_Debug *ar)
{
	lua_sethook(L, NULL, 0, 0);
	lua_getinfo(L, "Sl", ar);
	lua_pushfstring(L, "%s:%d: more than %d s of CPU time on one point: a runaway loop?",
			ar->short_src, ar->currentline, TICK_LIMIT * TICK_MS / 1000);
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
	if (++ticks >= TICK_LIMIT)
		lua_sethook(L, stop_hook, LUA_MASKCALL | LUA_MASKRET | LUA_MASKLINE | LUA_MASKCOUNT, 1);
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

/* Line hook of riskgrade test: note each line run (hits[source][line] = true). */
static void coverage_hook(lua_State *L, lua_Debug *ar)
{
	rules *r;

	lua_getallocf(L, (void **)&r);
	lua_getinfo(L, "S", ar);
	lua_rawgeti(L, LUA_REGISTRYINDEX, r->hits_ref);
	if (lua_getfield(L, -1, ar->source) != LUA_TTABLE) {
		lua_pop(L, 1);
		lua_newtable(L);
		lua_pushvalue(L, -1);
		lua_setfield(L, -3, ar->source);
	}
	lua_pushboolean(L, 1);
	lua_rawseti(L, -2, ar->currentline);
	lua_pop(L, 2);
}

/* watch / unwatch: bracket every call into a pack.  watch also clears a stop hook the
 * timer may have set as the previous call ended, and restores the coverage hook. */
static void watch(rules *r)
{
	watched = NULL;
	if (r->coverage)
		lua_sethook(r->L, coverage_hook, LUA_MASKLINE, 0);
	else
		lua_sethook(r->L, NULL, 0, 0);
	watch_seq++;
	watched = r->L;
}

static void unwatch(void)
{
	watched = NULL;
}

/* string.find with its plain flag always set.  Lua's own patterns backtrack inside C,
 * where neither the hook nor any limit reaches, so packs match text with `re` instead. */
static int l_find_plain(lua_State *L)
{
	luaL_checkstring(L, 1);
	luaL_checkstring(L, 2);
	lua_settop(L, 3);
	lua_pushboolean(L, 1);
	lua_pushvalue(L, lua_upvalueindex(1));
	lua_insert(L, 1);
	lua_call(L, 4, LUA_MULTRET);
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
	rules *r = lua_touserdata(L, lua_upvalueindex(1));
	lua_Debug ar;

	if (!r->tracing || !lua_getstack(L, (int)luaL_optinteger(L, 1, 1), &ar)) {
		lua_pushnil(L);
		return 1;
	}
	lua_getinfo(L, "Sl", &ar);
	lua_pushfstring(L, "%s:%d", ar.short_src, ar.currentline);
	return 1;
}

void rules_set_trace(rules *r, bool on)
{
	r->tracing = on;
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
	date_format(d + (long)n, out);
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

static void open_sandbox(lua_State *L)
{
	static const luaL_Reg libs[] = {
		{LUA_GNAME, luaopen_base},     {LUA_STRLIBNAME, luaopen_string},
		{LUA_TABLIBNAME, luaopen_table}, {LUA_MATHLIBNAME, luaopen_math},
		{LUA_UTF8LIBNAME, luaopen_utf8}, {NULL, NULL},
	};
	static const luaL_Reg datelib[] = {
		{"days", l_date_days}, {"add", l_date_add}, {"valid", l_date_valid}, {NULL, NULL},
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
	lua_getfield(L, -1, "find");
	lua_pushcclosure(L, l_find_plain, 1);
	lua_setfield(L, -2, "find");
	lua_pop(L, 1);
	rx_open(L);
	lua_setglobal(L, "re");
	remove_field(L, "math", "random");
	remove_field(L, "math", "randomseed");
	lua_pushcfunction(L, l_print);
	lua_setglobal(L, "print");
	luaL_newlib(L, datelib);
	lua_setglobal(L, "date");
}

static rg_status read_file(const char *path, char **buf, size_t *len, rg_err *e)
{
	FILE *f = fopen(path, "rb");
	char *p = NULL;
	size_t cap = 0, n = 0;
	rg_status st = RG_OK;

	if (f == NULL)
		return err_set(e, RG_IO, "%s: cannot open the rule pack: %s", path, strerror(errno));
	for (;;) {
		if (n == cap) {
			cap = cap ? cap * 2 : 65536;
			char *q = realloc(p, cap);
			if (q == NULL) {
				st = err_set(e, RG_IO, "%s: out of memory", path);
				goto out;
			}
			p = q;
		}
		size_t got = fread(p + n, 1, cap - n, f);
		n += got;
		if (got == 0)
			break;
	}
	if (ferror(f))
		st = err_set(e, RG_IO, "%s: read error", path);
out:
	fclose(f);
	if (st != RG_OK) {
		free(p);
		return st;
	}
	*buf = p;
	*len = n;
	return RG_OK;
}

/* A pack name is "default" or an agency code: letters, digits, '-' and '_' only, so it
 * cannot name a file outside the rules folder. */
static bool valid_name(const char *name)
{
	if (name[0] == '\0' || strlen(name) >= sizeof ((rule_pack *)0)->name)
		return false;
	for (const char *c = name; *c; c++)
		if (!((*c >= 'A' && *c <= 'Z') || (*c >= 'a' && *c <= 'z') ||
		      (*c >= '0' && *c <= '9') || *c == '-' || *c == '_'))
			return false;
	return true;
}

static void pack_path(const char *dir, const char *name, char *out, size_t n)
{
	if (strcmp(name, "default") == 0)
		snprintf(out, n, "%s/default.lua", dir);
	else
		snprintf(out, n, "%s/agencies/%s.lua", dir, name);
}

bool rules_pack_file(const char *dir, const char *agency)
{
	char path[PATH_MAX + 128];
	FILE *f;

	if (!valid_name(agency))
		return false;
	pack_path(dir, agency, path, sizeof path);
	f = fopen(path, "rb");
	if (f == NULL)
		return false;
	fclose(f);
	return true;
}

/* loadpack(name, env), for the prelude: read the pack's file as text, record its hash,
 * and return it compiled as a function whose _ENV is env. */
static int l_loadpack(lua_State *L)
{
	rules *r = lua_touserdata(L, lua_upvalueindex(1));
	const char *name = luaL_checkstring(L, 1);
	rule_pack *pk;
	char *buf = NULL;
	size_t len = 0;
	char chunkname[sizeof pk->path + 1];
	rg_err e;

	luaL_checktype(L, 2, LUA_TTABLE);
	r->load_status = RG_RULE;
	if (!valid_name(name))
		return luaL_error(L, "inherit: \"%s\" is not a pack name (\"default\" or an "
				  "agency code)", name);
	if (r->npacks == MAX_PACKS)
		return luaL_error(L, "more than %d rule packs", MAX_PACKS);
	pk = &r->packs[r->npacks];
	snprintf(pk->name, sizeof pk->name, "%s", name);
	pack_path(r->dir, name, pk->path, sizeof pk->path);
	pk->parent = NULL;
	if (read_file(pk->path, &buf, &len, &e) != RG_OK) {
		r->load_status = RG_IO;
		lua_pushstring(L, e.msg);
		return lua_error(L);
	}
	sha256_hex(buf, len, pk->sha);
	snprintf(chunkname, sizeof chunkname, "@%s", pk->path);
	/* Text only: a precompiled chunk could break the sandbox. */
	int rc = luaL_loadbufferx(L, buf, len, chunkname, "t");
	free(buf);
	if (rc != LUA_OK)
		return lua_error(L);
	lua_pushvalue(L, 2);
	lua_setupvalue(L, -2, 1); /* the chunk's only upvalue is its _ENV */
	r->npacks++;
	return 1;
}

/* Run the prelude: keep require_pack and parents. */
static rg_status open_prelude(rules *r, rg_err *e)
{
	lua_State *L = r->L;
	size_t len = strlen(rg_prelude[0]);

	if (luaL_loadbufferx(L, rg_prelude[0], len, "=prelude", "t") != LUA_OK)
		return err_set(e, RG_RULE, "internal: %s", lua_tostring(L, -1));
	lua_pushlightuserdata(L, r);
	lua_pushcclosure(L, l_loadpack, 1);
	if (lua_pcall(L, 1, 2, SLOT_MSGH) != LUA_OK) {
		rg_status st = err_set(e, RG_RULE, "internal: %s", lua_tostring(L, -1));
		lua_settop(L, SLOT_MSGH);
		return st;
	}
	r->parents_ref = luaL_ref(L, LUA_REGISTRYINDEX);
	lua_newtable(L);
	r->hits_ref = luaL_ref(L, LUA_REGISTRYINDEX);
	r->require_ref = luaL_ref(L, LUA_REGISTRYINDEX);
	lua_newtable(L);
	r->by_agency_ref = luaL_ref(L, LUA_REGISTRYINDEX);
	lua_newtable(L);
	r->names_ref = luaL_ref(L, LUA_REGISTRYINDEX);
	return RG_OK;
}

rg_status rules_open(const char *dir, const char *as_of, rules **out, rg_err *e)
{
	rules *r = calloc(1, sizeof *r);
	rg_status st;

	if (r == NULL)
		return err_set(e, RG_IO, "out of memory");
	r->mem_limit = MEM_LIMIT;
	snprintf(r->dir, sizeof r->dir, "%s", dir);
	r->L = lua_newstate(capped_alloc, r);
	if (r->L == NULL) {
		free(r);
		return err_set(e, RG_IO, "out of memory");
	}
	open_sandbox(r->L);
	lua_pushlightuserdata(r->L, r);
	lua_pushcclosure(r->L, l_here, 1);
	lua_setglobal(r->L, "here");
	start_timer();
	lua_pushcfunction(r->L, msgh); /* SLOT_MSGH */
	lua_createtable(r->L, 0, 1);
	lua_pushstring(r->L, as_of);
	lua_setfield(r->L, -2, "as_of");
	r->ctx_ref = luaL_ref(r->L, LUA_REGISTRYINDEX);
	st = open_prelude(r, e);
	if (st != RG_OK) {
		rules_close(r);
		return st;
	}
	*out = r;
	return RG_OK;
}

/* Load pack name, and the packs it inherits from, if not loaded yet, and push its table
 * above SLOT_MSGH.  On failure the stack is back at SLOT_MSGH. */
static rg_status push_pack(rules *r, const char *name, rg_err *e)
{
	lua_State *L = r->L;

	lua_settop(L, SLOT_MSGH);
	lua_rawgeti(L, LUA_REGISTRYINDEX, r->require_ref);
	lua_pushstring(L, name);
	/* No traceback: a load error is the pack's file:line, or the file that is missing. */
	watch(r);
	int rc = lua_pcall(L, 1, 1, 0);
	unwatch();
	if (rc != LUA_OK) {
		rg_status st = err_set(e, r->load_status, "%s", lua_tostring(L, -1));
		lua_settop(L, SLOT_MSGH);
		return st;
	}
	return RG_OK;
}

rg_status rules_use(rules *r, const char *agency, const char *name, rg_err *e)
{
	lua_State *L = r->L;
	rg_status st;

	if ((st = push_pack(r, name, e)) != RG_OK)
		return st;
	lua_rawgeti(L, LUA_REGISTRYINDEX, r->by_agency_ref);
	lua_pushvalue(L, -2);
	lua_setfield(L, -2, agency);
	lua_rawgeti(L, LUA_REGISTRYINDEX, r->names_ref);
	lua_pushstring(L, name);
	lua_setfield(L, -2, agency);
	lua_settop(L, SLOT_MSGH);
	return RG_OK;
}

/* fetch(pack, table name, key...), run protected by rules_pack_numbers: returns the
 * pack's field `table name`, then that table's field for each key (nil when it is not a
 * table).  Reading through the pack can run metamethods (an inherited pack reads its base
 * through __index), and those may raise errors: only here, inside the pcall. */
static int l_fetch_numbers(lua_State *L)
{
	int nkeys = lua_gettop(L) - 2;

	luaL_checkstack(L, nkeys + 1, "too many keys");
	bool table = lua_getfield(L, 1, lua_tostring(L, 2)) == LUA_TTABLE;
	for (int i = 1; i <= nkeys; i++) {
		if (table)
			lua_getfield(L, -i, lua_tostring(L, 2 + i));
		else
			lua_pushnil(L);
	}
	return nkeys + 1;
}

rg_status rules_pack_numbers(rules *r, const char *name, const char *table,
			     const char *const keys[], double out[], rg_err *e)
{
	lua_State *L = r->L;
	char list[512] = "";
	int nkeys = 0, base;
	rg_status st = RG_OK;

	if ((st = push_pack(r, name, e)) != RG_OK)
		return st;
	base = lua_gettop(L); /* the pack */
	for (; keys[nkeys] != NULL; nkeys++) {
		size_t len = strlen(list);
		snprintf(list + len, sizeof list - len, "%s%s = …", nkeys ? ", " : "", keys[nkeys]);
	}
	if (!lua_checkstack(L, nkeys + 4)) {
		st = err_set(e, RG_RULE, "%s: %s: too many keys", rules_pack_path(r, name), table);
		goto out;
	}
	lua_pushcfunction(L, l_fetch_numbers);
	lua_pushvalue(L, base);
	lua_pushstring(L, table);
	for (int i = 0; i < nkeys; i++)
		lua_pushstring(L, keys[i]);
	watch(r);
	int rc = lua_pcall(L, nkeys + 2, nkeys + 1, SLOT_MSGH);
	unwatch();
	if (rc != LUA_OK) {
		st = err_set(e, RG_RULE, "%s\n(while reading %s of %s)", lua_tostring(L, -1), table,
			     rules_pack_path(r, name));
		goto out;
	}
	/* Stack: the pack, the table, then one value per key; nothing below runs Lua code. */
	if (!lua_istable(L, base + 1)) {
		st = err_set(e, RG_RULE, "%s: %s: expected a table { %s }, got %s",
			     rules_pack_path(r, name), table, list, luaL_typename(L, base + 1));
		goto out;
	}
	for (int i = 0; i < nkeys; i++) {
		int at = base + 2 + i;
		if (lua_type(L, at) != LUA_TNUMBER) {
			if (lua_type(L, at) == LUA_TSTRING)
				st = err_set(e, RG_RULE, "%s: %s.%s: expected a number, got the "
					     "string \"%s\"", rules_pack_path(r, name), table, keys[i],
					     lua_tostring(L, at));
			else
				st = err_set(e, RG_RULE, "%s: %s.%s: expected a number, got %s",
					     rules_pack_path(r, name), table, keys[i],
					     luaL_typename(L, at));
			goto out;
		}
		out[i] = (double)lua_tonumber(L, at);
		if (!isfinite(out[i])) {
			st = err_set(e, RG_RULE, "%s: %s.%s: expected a finite number, got %g",
				     rules_pack_path(r, name), table, keys[i], out[i]);
			goto out;
		}
	}
out:
	lua_settop(L, SLOT_MSGH);
	return st;
}

/* lines_of(fn), for the test harness: the set of fn's executable lines, and its source. */
static int l_lines_of(lua_State *L)
{
	lua_Debug ar;

	luaL_checktype(L, 1, LUA_TFUNCTION);
	lua_pushvalue(L, 1);
	lua_getinfo(L, ">SL", &ar);
	if (lua_isnil(L, -1)) { /* a C function */
		lua_pop(L, 1);
		lua_newtable(L);
	}
	/* The closing `end` counts as a line but runs only when no return comes first. */
	lua_pushnil(L);
	lua_rawseti(L, -2, ar.lastlinedefined);
	lua_pushstring(L, ar.source);
	return 2;
}

/* Print one report of the harness (on top of the stack) for pack name. */
static int print_report(rules *r, const char *name, FILE *out)
{
	lua_State *L = r->L;
	int report = lua_gettop(L), failures, ncases;

	lua_getfield(L, report, "cases");
	ncases = (int)lua_tointeger(L, -1);
	lua_getfield(L, report, "failures");
	failures = (int)lua_rawlen(L, -1);
	for (int i = 1; i <= failures; i++) {
		lua_geti(L, -1, i);
		lua_getfield(L, -1, "name");
		fprintf(out, "FAIL %s: %s\n", name, lua_tostring(L, -1));
		lua_getfield(L, -2, "diffs");
		for (lua_Integer k = 1; k <= (lua_Integer)lua_rawlen(L, -1); k++) {
			lua_geti(L, -1, k);
			fprintf(out, "  %s\n", lua_tostring(L, -1));
			lua_pop(L, 1);
		}
		lua_pop(L, 3);
	}
	lua_pop(L, 2);
	fprintf(out, "%s (%s): %d case%s, %d failed\n", name, rules_pack_path(r, name), ncases,
		ncases == 1 ? "" : "s", failures);
	static const char *const tiers[] = {"一级", "二级", "三级"};
	lua_getfield(L, report, "tiers");
	for (int i = 0; i < 3; i++) {
		if (lua_getfield(L, -1, tiers[i]) == LUA_TNIL)
			fprintf(out, "  no case expects %s\n", tiers[i]);
		lua_pop(L, 1);
	}
	lua_pop(L, 1);
	lua_getfield(L, report, "lines");
	lua_getfield(L, report, "run");
	fprintf(out, "  coverage: %d of %d lines of the pack's own functions run\n",
		(int)lua_tointeger(L, -1), (int)lua_tointeger(L, -2));
	lua_pop(L, 2);
	lua_getfield(L, report, "missed");
	for (lua_Integer i = 1; i <= (lua_Integer)lua_rawlen(L, -1); i++) {
		lua_geti(L, -1, i);
		lua_getfield(L, -1, "name");
		fprintf(out, "  never run: pack:%s, line ", lua_tostring(L, -1));
		lua_getfield(L, -2, "lines");
		/* Consecutive lines as ranges: 127-130, 132. */
		lua_Integer n = (lua_Integer)lua_rawlen(L, -1);
		for (lua_Integer k = 1; k <= n;) {
			lua_geti(L, -1, k);
			int first = (int)lua_tointeger(L, -1), last = first;
			lua_pop(L, 1);
			for (k++; k <= n; k++) {
				lua_geti(L, -1, k);
				int next = (int)lua_tointeger(L, -1);
				lua_pop(L, 1);
				if (next != last + 1)
					break;
				last = next;
			}
			if (first == last)
				fprintf(out, "%d", first);
			else
				fprintf(out, "%d-%d", first, last);
			fputs(k <= n ? ", " : "", out);
		}
		fputc('\n', out);
		lua_pop(L, 3);
	}
	lua_pop(L, 1);
	return failures;
}

/* source_of(name), for the lint harness: the text of the pack's file. */
static int l_source_of(lua_State *L)
{
	rules *r = lua_touserdata(L, lua_upvalueindex(1));
	char path[PATH_MAX + 128];
	char *buf = NULL;
	size_t len = 0;
	rg_err e;

	pack_path(r->dir, luaL_checkstring(L, 1), path, sizeof path);
	if (read_file(path, &buf, &len, &e) != RG_OK) {
		lua_pushstring(L, e.msg);
		return lua_error(L);
	}
	lua_pushlstring(L, buf, len);
	free(buf);
	return 1;
}

/* Load the test harness (engine/packtest.lua): pushes its run and lint functions. */
static rg_status load_harness(rules *r, rg_err *e)
{
	lua_State *L = r->L;

	if (luaL_loadbufferx(L, rg_prelude[1], strlen(rg_prelude[1]), "=packtest", "t") !=
	    LUA_OK)
		return err_set(e, RG_RULE, "internal: %s", lua_tostring(L, -1));
	lua_rawgeti(L, LUA_REGISTRYINDEX, r->require_ref);
	lua_pushcfunction(L, l_lines_of);
	lua_rawgeti(L, LUA_REGISTRYINDEX, r->hits_ref);
	lua_pushlightuserdata(L, r);
	lua_pushcclosure(L, l_source_of, 1);
	if (lua_pcall(L, 4, 2, SLOT_MSGH) != LUA_OK)
		return err_set(e, RG_RULE, "internal: %s", lua_tostring(L, -1));
	return RG_OK;
}

rg_status rules_lint(rules *r, const char *name, FILE *out, int *findings, rg_err *e)
{
	lua_State *L = r->L;
	rg_status st;

	*findings = 0;
	lua_settop(L, SLOT_MSGH);
	if ((st = load_harness(r, e)) != RG_OK)
		goto out;
	lua_pushstring(L, name);
	watch(r);
	int rc = lua_pcall(L, 1, 1, 0);
	unwatch();
	if (rc != LUA_OK) {
		st = err_set(e, r->load_status, "%s", lua_tostring(L, -1));
		goto out;
	}
	*findings = (int)lua_rawlen(L, -1);
	for (int i = 1; i <= *findings; i++) {
		lua_geti(L, -1, i);
		fprintf(out, "%s: %s\n", rules_pack_path(r, name), lua_tostring(L, -1));
		lua_pop(L, 1);
	}
	fprintf(out, "%s (%s): %d finding%s\n", name, rules_pack_path(r, name), *findings,
		*findings == 1 ? "" : "s");
out:
	lua_settop(L, SLOT_MSGH);
	return st;
}

rg_status rules_test(rules *r, const char *name, FILE *out, int *failures, rg_err *e)
{
	lua_State *L = r->L;
	rg_status st = RG_OK;

	*failures = 0;
	lua_settop(L, SLOT_MSGH);
	if ((st = load_harness(r, e)) != RG_OK)
		goto out;
	lua_pop(L, 1); /* lint */
	lua_pushstring(L, name);
	/* No traceback: a failing case is reported by the harness; this is a load error. */
	r->coverage = true;
	r->tracing = true; /* so the packs' trace code runs, and counts, too */
	watch(r);
	int rc = lua_pcall(L, 1, 1, 0);
	unwatch();
	r->coverage = false;
	r->tracing = false;
	lua_sethook(L, NULL, 0, 0);
	if (rc != LUA_OK) {
		st = err_set(e, r->load_status, "%s", lua_tostring(L, -1));
		goto out;
	}
	*failures = print_report(r, name, out);
out:
	lua_settop(L, SLOT_MSGH);
	return st;
}

int rules_pack_count(const rules *r)
{
	return r->npacks;
}

const rule_pack *rules_pack_at(rules *r, int i)
{
	rule_pack *pk = &r->packs[i];

	/* The parent is known once the pack has loaded; its name lives in the parents table. */
	lua_rawgeti(r->L, LUA_REGISTRYINDEX, r->parents_ref);
	lua_getfield(r->L, -1, pk->name);
	pk->parent = lua_tostring(r->L, -1);
	lua_pop(r->L, 2);
	return pk;
}

void rules_close(rules *r)
{
	if (r == NULL)
		return;
	if (r->L != NULL)
		lua_close(r->L);
	free(r);
}

/* Set the fields of the table on top of the stack from the current row of s.  Runs for
 * every row of every point: keys are pushed by length, never copied into buffers. */
static void put_row(lua_State *L, db_stmt *s)
{
	int n = db_col_count(s);

	for (int i = 0; i < n; i++) {
		db_type type = db_col_type(s, i);
		const char *name = db_col_name(s, i);
		const char *dot = strchr(name, '.');
		size_t len;
		if (type == DB_NULL)
			continue;
		if (dot != NULL) {
			/* "a.b": field b of sub-table a, made on a's first value. */
			lua_pushlstring(L, name, (size_t)(dot - name));
			lua_pushvalue(L, -1);
			if (lua_rawget(L, -3) == LUA_TTABLE) {
				lua_remove(L, -2); /* the key */
			} else {
				lua_pop(L, 1);
				lua_newtable(L);
				lua_insert(L, -2);      /* sub, key */
				lua_pushvalue(L, -2);   /* sub, key, sub */
				lua_rawset(L, -4);      /* row[key] = sub */
			}
			name = dot + 1;
		}
		len = strlen(name);
		if (len > 0 && name[len - 1] == '?') {
			/* "major?" is the boolean field major. */
			lua_pushlstring(L, name, len - 1);
			lua_pushboolean(L, db_col_int(s, i) != 0);
		} else {
			lua_pushlstring(L, name, len);
			if (type == DB_INT)
				lua_pushinteger(L, (lua_Integer)db_col_int(s, i));
			else if (type == DB_REAL)
				lua_pushnumber(L, db_col_double(s, i));
			else
				lua_pushstring(L, db_col_text(s, i));
		}
		lua_rawset(L, -3);
		if (dot != NULL)
			lua_pop(L, 1);
	}
}

void rules_begin_point(rules *r, db_stmt *s)
{
	lua_settop(r->L, SLOT_MSGH);
	lua_createtable(r->L, 0, db_col_count(s)); /* SLOT_POINT, sized once, not grown */
	put_row(r->L, s);
}

void rules_add_fields(rules *r, db_stmt *s)
{
	lua_settop(r->L, SLOT_POINT);
	put_row(r->L, s);
}

rg_status rules_add_list(rules *r, const char *key, db_stmt *s, rg_err *e)
{
	lua_State *L = r->L;
	lua_Integer n = 0;
	bool row;
	rg_status st;

	lua_newtable(L);
	while ((st = db_step(s, &row, e)) == RG_OK && row) {
		lua_createtable(L, 0, db_col_count(s));
		put_row(L, s);
		lua_seti(L, -2, ++n);
	}
	lua_setfield(L, SLOT_POINT, key);
	return st;
}

/* ---- checking the result ------------------------------------------------------------ */

/* Field key of the table at idx as a string, or NULL if absent and optional.  The table
 * is where.list[i] (or where itself when list is NULL): put together only for a message,
 * since this runs for every field of every flag and warning. */
static rg_status get_string(lua_State *L, int idx, const char *key, bool optional,
			    const char **out, const char *where, const char *list, int i,
			    rg_err *e)
{
	int t = lua_getfield(L, idx, key);

	*out = NULL;
	if (t == LUA_TSTRING)
		*out = lua_tostring(L, -1); /* stays valid: the result table holds it */
	lua_pop(L, 1);
	if (t == LUA_TSTRING || (t == LUA_TNIL && optional))
		return RG_OK;
	if (list == NULL)
		return err_set(e, RG_RULE, "%s.%s: expected a string, got %s", where, key,
			       lua_typename(L, t));
	return err_set(e, RG_RULE, "%s.%s[%d].%s: expected a string, got %s", where, list, i,
		       key, lua_typename(L, t));
}

static rg_status get_factor(lua_State *L, int idx, const char *key, int *out,
			    const char *where, rg_err *e)
{
	int isint = 0;
	lua_Integer v;

	lua_getfield(L, idx, key);
	v = lua_tointegerx(L, -1, &isint);
	if (!isint || v < 1 || v > 5) {
		rg_status st = err_set(e, RG_RULE, "%s.factors.%s: expected a whole number 1-5, "
				       "got %s", where, key, lua_isnil(L, -1) ? "nil" :
				       luaL_tolstring(L, -1, NULL));
		lua_settop(L, SLOT_RESULT);
		return st;
	}
	lua_pop(L, 1);
	*out = (int)v;
	return RG_OK;
}

/* Open the array field key of the result for iteration: pushes it, returns its length
 * (0 and nothing pushed when absent). */
static rg_status open_array(lua_State *L, const char *key, int max, lua_Integer *n,
			    const char *where, rg_err *e)
{
	int t = lua_getfield(L, SLOT_RESULT, key);

	*n = 0;
	if (t == LUA_TNIL) {
		lua_pop(L, 1);
		return RG_OK;
	}
	if (t != LUA_TTABLE) {
		lua_pop(L, 1);
		return err_set(e, RG_RULE, "%s.%s: expected a list, got %s", where, key,
			       lua_typename(L, t));
	}
	*n = (lua_Integer)lua_rawlen(L, -1);
	if (*n > max) {
		lua_pop(L, 1);
		return err_set(e, RG_RULE, "%s.%s: more than %d entries", where, key, max);
	}
	return RG_OK;
}

static rg_status check_result(rules *r, rule_result *res, const char *where, rg_err *e)
{
	lua_State *L = r->L;
	lua_Integer n;
	rg_status st;

	if (!lua_istable(L, SLOT_RESULT))
		return err_set(e, RG_RULE, "%s: expected grade() to return a table, got %s", where,
			       luaL_typename(L, SLOT_RESULT));
	if (lua_getfield(L, SLOT_RESULT, "factors") != LUA_TTABLE) {
		lua_settop(L, SLOT_RESULT);
		return err_set(e, RG_RULE, "%s.factors: expected a table of the four factors",
			       where);
	}
	int f = lua_gettop(L);
	if ((st = get_factor(L, f, "importance", &res->importance, where, e)) != RG_OK ||
	    (st = get_factor(L, f, "discretion", &res->discretion, where, e)) != RG_OK ||
	    (st = get_factor(L, f, "likelihood", &res->likelihood, where, e)) != RG_OK ||
	    (st = get_factor(L, f, "harm", &res->harm, where, e)) != RG_OK)
		return st;
	lua_pop(L, 1);

	lua_getfield(L, SLOT_RESULT, "score");
	int isnum = 0;
	res->score = lua_tonumberx(L, -1, &isnum);
	lua_pop(L, 1);
	if (!isnum)
		return err_set(e, RG_RULE, "%s.score: expected a number", where);
	st = get_string(L, SLOT_RESULT, "tier", false, &res->tier, where, NULL, 0, e);
	if (st != RG_OK)
		return st;

	if ((st = open_array(L, "reasons", RULES_MAX_REASONS, &n, where, e)) != RG_OK)
		return st;
	res->nreasons = (int)n;
	for (lua_Integer i = 1; i <= n; i++) {
		if (lua_geti(L, -1, i) != LUA_TSTRING) {
			lua_settop(L, SLOT_RESULT);
			return err_set(e, RG_RULE, "%s.reasons[%d]: expected a string", where, (int)i);
		}
		res->reasons[i - 1] = lua_tostring(L, -1);
		lua_pop(L, 1);
	}
	if (n > 0)
		lua_pop(L, 1);

	if (r->tracing && lua_getfield(L, SLOT_RESULT, "trace") == LUA_TTABLE) {
		for (int i = 1; i <= res->nreasons; i++) {
			lua_geti(L, -1, i);
			res->trace[i - 1] = lua_type(L, -1) == LUA_TSTRING ? lua_tostring(L, -1) : NULL;
			lua_pop(L, 1); /* still held by the trace table, in the result */
		}
	}
	lua_settop(L, SLOT_RESULT);

	if ((st = open_array(L, "flags", RULES_MAX_FLAGS, &n, where, e)) != RG_OK)
		return st;
	res->nflags = (int)n;
	for (int i = 1; i <= n; i++) {
		rule_flag *fl = &res->flags[i - 1];
		const char *list = "flags";
		if (lua_geti(L, -1, i) != LUA_TTABLE) {
			lua_settop(L, SLOT_RESULT);
			return err_set(e, RG_RULE, "%s.%s[%d]: expected a table {code, label, evidence}",
				       where, list, i);
		}
		if ((st = get_string(L, -1, "code", false, &fl->code, where, list, i, e)) != RG_OK ||
		    (st = get_string(L, -1, "label", false, &fl->label, where, list, i, e)) != RG_OK ||
		    (st = get_string(L, -1, "evidence", false, &fl->evidence, where, list, i, e)) !=
			    RG_OK) {
			lua_settop(L, SLOT_RESULT);
			return st;
		}
		lua_pop(L, 1);
	}
	if (n > 0)
		lua_pop(L, 1);

	if ((st = open_array(L, "warnings", RULES_MAX_WARNINGS, &n, where, e)) != RG_OK)
		return st;
	res->nwarnings = (int)n;
	for (int i = 1; i <= n; i++) {
		rule_warning *w = &res->warnings[i - 1];
		const char *list = "warnings";
		long days;
		if (lua_geti(L, -1, i) != LUA_TTABLE) {
			lua_settop(L, SLOT_RESULT);
			return err_set(e, RG_RULE, "%s.%s[%d]: expected a table {reason, disposition, "
				       "responsible, due, text}", where, list, i);
		}
		if ((st = get_string(L, -1, "reason", false, &w->reason, where, list, i, e)) != RG_OK ||
		    (st = get_string(L, -1, "disposition", false, &w->disposition, where, list, i,
				     e)) != RG_OK ||
		    (st = get_string(L, -1, "responsible", true, &w->responsible, where, list, i,
				     e)) != RG_OK ||
		    (st = get_string(L, -1, "due", false, &w->due, where, list, i, e)) != RG_OK ||
		    (st = get_string(L, -1, "text", false, &w->text, where, list, i, e)) != RG_OK) {
			lua_settop(L, SLOT_RESULT);
			return st;
		}
		lua_pop(L, 1);
		if (!date_parse(w->due, &days)) {
			lua_settop(L, SLOT_RESULT);
			return err_set(e, RG_RULE, "%s.%s[%d].due: expected a date YYYY-MM-DD, "
				       "got \"%s\"", where, list, i, w->due);
		}
	}
	if (n > 0)
		lua_pop(L, 1);
	return RG_OK;
}

const char *rules_pack_path(const rules *r, const char *name)
{
	for (int i = 0; i < r->npacks; i++)
		if (strcmp(r->packs[i].name, name) == 0)
			return r->packs[i].path;
	return name;
}

rg_status rules_grade(rules *r, const char *code, const char *agency, rule_result *res,
		      rg_err *e)
{
	lua_State *L = r->L;
	const char *name;

	lua_settop(L, SLOT_POINT);
	memset(res, 0, sizeof *res);
	lua_rawgeti(L, LUA_REGISTRYINDEX, r->names_ref);
	lua_getfield(L, -1, agency);
	name = lua_tostring(L, -1); /* kept by the names table */
	lua_settop(L, SLOT_POINT);
	if (name == NULL)
		return err_set(e, RG_RULE, "internal: no pack for agency %s", agency);
	lua_rawgeti(L, LUA_REGISTRYINDEX, r->by_agency_ref);
	lua_getfield(L, -1, agency);
	lua_remove(L, -2);
	lua_getfield(L, -1, "grade");
	lua_insert(L, -2); /* grade, pack */
	lua_pushvalue(L, SLOT_POINT);
	lua_rawgeti(L, LUA_REGISTRYINDEX, r->ctx_ref);
	watch(r);
	int rc = lua_pcall(L, 3, 1, SLOT_MSGH);
	unwatch();
	if (rc != LUA_OK) {
		rg_status st = err_set(e, RG_RULE, "%s\n(while grading point %s with %s)",
				       lua_tostring(L, -1), code, rules_pack_path(r, name));
		lua_settop(L, SLOT_MSGH);
		return st;
	}
	res->pack = name;
	rg_status st = check_result(r, res, "result", e);
	if (st != RG_OK) {
		/* Where, only when something is wrong: this runs for every point. */
		char msg[sizeof e->msg];
		snprintf(msg, sizeof msg, "%s", e->msg);
		err_set(e, st, "%s: grade() for point %s: %s", rules_pack_path(r, name), code, msg);
	}
	return st;
}

/* ---- facts as plain data -------------------------------------------------------------- */

/* Set the fields v[0..n-1] of the table on top of the stack, as put_row() sets columns. */
static void put_values(lua_State *L, const rule_value *v, int n)
{
	for (int i = 0; i < n; i++, v++) {
		if (v->type == RULE_NIL)
			continue;
		if (v->table != NULL) {
			/* Field name of sub-table table, made on its first value. */
			lua_pushstring(L, v->table);
			if (lua_rawget(L, -2) != LUA_TTABLE) {
				lua_pop(L, 1);
				lua_newtable(L);
				lua_pushstring(L, v->table);
				lua_pushvalue(L, -2);
				lua_rawset(L, -4); /* row[table] = sub */
			}
		}
		lua_pushstring(L, v->name);
		switch (v->type) {
		case RULE_BOOL: lua_pushboolean(L, v->v.i != 0); break;
		case RULE_INT:  lua_pushinteger(L, (lua_Integer)v->v.i); break;
		case RULE_REAL: lua_pushnumber(L, v->v.d); break;
		default:        lua_pushstring(L, v->v.s); break;
		}
		lua_rawset(L, -3);
		if (v->table != NULL)
			lua_pop(L, 1);
	}
}

void rules_set_point(rules *r, const rule_facts *f)
{
	lua_State *L = r->L;

	lua_settop(L, SLOT_MSGH);
	lua_createtable(L, 0, f->size); /* SLOT_POINT */
	put_values(L, f->fields, f->nfields);
	for (int k = 0; k < f->nlists; k++) {
		const rule_list *l = &f->lists[k];
		lua_newtable(L);
		for (int i = 0; i < l->nrows; i++) {
			lua_createtable(L, 0, l->ncols);
			put_values(L, l->rows + (size_t)i * (size_t)l->ncols, l->ncols);
			lua_seti(L, -2, i + 1);
		}
		lua_setfield(L, SLOT_POINT, l->key);
	}
}

/*
 * rx.c: the `re` library (see rules/README.md).  A compiled pattern is a full userdata
 * whose __gc frees the PCRE2 code; the library keeps a cache (pattern text -> userdata),
 * so `re.find(s, p)` compiles p once per state however many points use it.  Everything
 * PCRE2 allocates for a state goes through that state's Lua allocator, so the sandbox's
 * memory cap covers it; the cache is bounded in entries and bytes, JIT code (which
 * PCRE2 maps outside any allocator) in bytes, a pattern in length, and a match in steps.
 * Depends on PCRE2, Lua and i18n.h.
 */
#define PCRE2_CODE_UNIT_WIDTH 8
#include "rx.h"

#include <pcre2.h>
#include <stdlib.h>

#include <lauxlib.h>

#include "i18n.h"

/* Limits for one match: generous for real rules, small enough to stop a catastrophic
 * pattern within a fraction of a second.  PCRE2's match limit counts the backtracking
 * at one start position only, and a search tries every position of the text, so each
 * match also has a budget of steps in all (a callout at every item of the pattern). */
#define MATCH_LIMIT 1000000 /* backtracking steps from one start position */
#define DEPTH_LIMIT 10000   /* nested backtracking frames */
#define HEAP_LIMIT 8192     /* KiB of heap for backtracking */
#define STEP_LIMIT 10000000 /* steps of one match, all start positions together */

/* Bounds of what patterns a state holds (documented in rules/README.md). */
#define PATTERN_MAX 8192             /* bytes of one pattern */
#define CACHE_ENTRIES 1024           /* patterns the cache keeps */
#define CACHE_BYTES (8u << 20)       /* bytes of compiled code the cache keeps */
#define JIT_BYTES (32u << 20)        /* bytes of JIT code of the patterns alive */

#define RX_TYPE "riskgrade.re"
#define RX_STATE "riskgrade.re.state"

/* What a state's `re` library shares, a userdata whose user value 1 is the cache table.
 * Upvalue 1 of the library's functions; user value 2 of every compiled pattern, so that
 * it lives as long as they do. */
typedef struct {
	lua_Alloc alloc;                 /* the state's allocator, and its data */
	void *alloc_ud;
	pcre2_general_context *gctx;     /* PCRE2 allocates through alloc */
	pcre2_compile_context *cctx;     /* the pattern length limit */
	int cache_entries;               /* patterns in the cache table */
	size_t cache_bytes;              /* their compiled size */
	size_t jit_bytes;                /* JIT code of the patterns alive */
} rx_state;

typedef struct {
	pcre2_code *code;          /* the compiled pattern */
	pcre2_match_data *md;      /* room for its match results */
	pcre2_match_context *mctx; /* its limits */
	rx_state *state;           /* its library's (user value 2 keeps it alive) */
	size_t jit_bytes;          /* JIT code it holds */
	unsigned long steps;       /* steps of the current match */
} regex;

/* PCRE2's allocator: a block of the state's allocator, its size kept in front. */
#define HEADER 16 /* keeps the block 16-byte aligned */

static void *rx_malloc(PCRE2_SIZE size, void *data)
{
	rx_state *st = data;
	char *p = st->alloc(st->alloc_ud, NULL, 0, size + HEADER);

	if (p == NULL)
		return NULL;
	*(size_t *)p = size + HEADER;
	return p + HEADER;
}

static void rx_free(void *block, void *data)
{
	rx_state *st = data;
	char *p = block;

	if (p == NULL)
		return;
	p -= HEADER;
	st->alloc(st->alloc_ud, p, *(size_t *)p, 0);
}

/* Called by PCRE2 at every item of the pattern (PCRE2_AUTO_CALLOUT): stop the match when
 * it has taken STEP_LIMIT steps. */
static int count_step(pcre2_callout_block *block, void *data)
{
	regex *r = data;

	(void)block;
	return ++r->steps > STEP_LIMIT ? PCRE2_ERROR_CALLOUT : 0;
}

static int regex_gc(lua_State *L)
{
	regex *r = luaL_checkudata(L, 1, RX_TYPE);

	if (r->state != NULL)
		r->state->jit_bytes -= r->jit_bytes;
	pcre2_match_context_free(r->mctx);
	pcre2_match_data_free(r->md);
	pcre2_code_free(r->code);
	r->mctx = NULL;
	r->md = NULL;
	r->code = NULL;
	r->jit_bytes = 0;
	return 0;
}

static int state_gc(lua_State *L)
{
	rx_state *st = luaL_checkudata(L, 1, RX_STATE);

	pcre2_compile_context_free(st->cctx);
	pcre2_general_context_free(st->gctx);
	st->cctx = NULL;
	st->gctx = NULL;
	return 0;
}

/* Put the compiled pattern on top of the stack in the cache under the text at idx,
 * starting a new cache when this one is full (the patterns it held stay alive as long
 * as a pack holds them, and are charged to the state while they do). */
static void cache_put(lua_State *L, rx_state *st, int idx, size_t bytes)
{
	if (st->cache_entries >= CACHE_ENTRIES || st->cache_bytes + bytes > CACHE_BYTES) {
		lua_newtable(L);
		lua_setiuservalue(L, lua_upvalueindex(1), 1);
		st->cache_entries = 0;
		st->cache_bytes = 0;
	}
	lua_getiuservalue(L, lua_upvalueindex(1), 1);
	lua_pushvalue(L, idx);
	lua_pushvalue(L, -3);
	lua_rawset(L, -3);
	lua_pop(L, 1);
	st->cache_entries++;
	st->cache_bytes += bytes;
}

/* Compile pattern (len bytes) into r, with its match data and limits; raises a Lua error
 * naming the pattern when it is wrong or memory runs out. */
static void build(lua_State *L, rx_state *st, regex *r, const char *pattern, size_t len)
{
	int errcode = 0;
	PCRE2_SIZE erroffset;

	/* The collector does not see what PCRE2 holds (it is charged to the cap, not to the
	 * collector's debt): when the cap is hit, collect the patterns no one holds and try
	 * again, as Lua does for its own allocations. */
	for (int attempt = 0; attempt < 2; attempt++) {
		if (attempt > 0)
			lua_gc(L, LUA_GCCOLLECT);
		r->code = pcre2_compile((PCRE2_SPTR)pattern, len,
					PCRE2_UTF | PCRE2_UCP | PCRE2_AUTO_CALLOUT, &errcode,
					&erroffset, st->cctx);
		if (r->code != NULL || errcode != PCRE2_ERROR_HEAP_FAILED)
			break;
	}
	if (r->code == NULL) {
		PCRE2_UCHAR msg[256];
		if (errcode == PCRE2_ERROR_HEAP_FAILED)
			luaL_error(L, _("re: not enough memory to compile \"%s\""), pattern);
		pcre2_get_error_message(errcode, msg, sizeof msg);
		luaL_error(L, _("re: pattern \"%s\" at offset %d: %s"), pattern, (int)erroffset,
			   (const char *)msg);
	}
	/* A backreference is one step for the limits, but compares as much text as its group
	 * holds: (a*?)\1[^a] on 80,000 bytes took 26 s within the steps, and longer texts
	 * far longer, where the CPU limit cannot reach (PCRE2 runs in C).  PCRE2 counts a
	 * condition on a group, (?(1)...), as one too: refused with them, and said so. */
	uint32_t backrefs = 0;
	pcre2_pattern_info(r->code, PCRE2_INFO_BACKREFMAX, &backrefs);
	if (backrefs > 0)
		luaL_error(L, _("re: pattern \"%s\": a backreference (\\1, \\k<name> ...) or a "
				"condition on a group ((?(1)...)), which rule packs may not use: a "
				"backreference's time is not bounded"), pattern);
	/* JIT when available (the interpreter otherwise, and once the patterns alive hold
	 * JIT_BYTES of it).  RISKGRADE_NO_JIT=1 keeps to the interpreter: valgrind cannot
	 * see into JIT-compiled code (make valgrind sets it). */
	if (getenv("RISKGRADE_NO_JIT") == NULL && st->jit_bytes < JIT_BYTES &&
	    pcre2_jit_compile(r->code, PCRE2_JIT_COMPLETE) == 0) {
		pcre2_pattern_info(r->code, PCRE2_INFO_JITSIZE, &r->jit_bytes);
		st->jit_bytes += r->jit_bytes;
	}
	r->md = pcre2_match_data_create_from_pattern(r->code, st->gctx);
	r->mctx = pcre2_match_context_create(st->gctx);
	if (r->md == NULL || r->mctx == NULL)
		luaL_error(L, _("re: not enough memory to compile \"%s\""), pattern);
	pcre2_set_match_limit(r->mctx, MATCH_LIMIT);
	pcre2_set_depth_limit(r->mctx, DEPTH_LIMIT);
	pcre2_set_heap_limit(r->mctx, HEAP_LIMIT);
	pcre2_set_callout(r->mctx, count_step, r);
}

/* Compile the pattern at index idx, or take it from the cache; pushes the userdata. */
static regex *compile(lua_State *L, int idx)
{
	rx_state *st = lua_touserdata(L, lua_upvalueindex(1));
	size_t len, size = 0;
	const char *pattern = luaL_checklstring(L, idx, &len);
	regex *r;

	/* Keyed by the Lua string itself: a C string would stop at an embedded zero byte. */
	lua_getiuservalue(L, lua_upvalueindex(1), 1);
	lua_pushvalue(L, idx);
	if (lua_rawget(L, -2) == LUA_TUSERDATA) {
		lua_remove(L, -2);
		return lua_touserdata(L, -1);
	}
	lua_pop(L, 2);
	if (len > PATTERN_MAX)
		luaL_error(L, _("re: a pattern of %d bytes: more than %d (the cap for rule "
				"packs)"), (int)len, PATTERN_MAX);
	r = lua_newuserdatauv(L, sizeof *r, 2);
	r->code = NULL;
	r->md = NULL;
	r->mctx = NULL;
	r->state = st;
	r->jit_bytes = 0;
	r->steps = 0;
	luaL_setmetatable(L, RX_TYPE);
	lua_pushvalue(L, idx); /* the pattern text, kept for messages */
	lua_setiuservalue(L, -2, 1);
	lua_pushvalue(L, lua_upvalueindex(1));
	lua_setiuservalue(L, -2, 2);
	build(L, st, r, pattern, len);
	pcre2_pattern_info(r->code, PCRE2_INFO_SIZE, &size);
	cache_put(L, st, idx, size + r->jit_bytes);
	/* Pace the collector with what was allocated outside its view, so that patterns
	 * the cache let go of are freed as Lua values would be. */
	lua_gc(L, LUA_GCSTEP, (int)(size / 1024) + 1);
	return r;
}

/* Match the compiled pattern r, the userdata at index ud, against the string at idx;
 * returns the number of pairs in the ovector, 0 for no match; raises an error naming the
 * pattern (the userdata's user value) on any failure of the matcher. */
static int run(lua_State *L, regex *r, int ud, int idx)
{
	size_t len;
	const char *s = luaL_checklstring(L, idx, &len);
	int rc;

	r->steps = 0;
	rc = pcre2_match(r->code, (PCRE2_SPTR)s, len, 0, 0, r->md, r->mctx);
	if (rc == PCRE2_ERROR_NOMATCH)
		return 0;
	if (rc < 0) {
		PCRE2_UCHAR msg[256];
		if (rc == PCRE2_ERROR_CALLOUT)
			snprintf((char *)msg, sizeof msg,
				 _("more than %d steps (the cap for rule packs)"), STEP_LIMIT);
		else
			pcre2_get_error_message(rc, msg, sizeof msg);
		lua_getiuservalue(L, ud, 1);
		return luaL_error(L, _("re: pattern \"%s\" on a text of %d bytes: %s"),
				  lua_tostring(L, -1), (int)len, (const char *)msg);
	}
	return rc;
}

/* Push the results of a successful match: what `what` asks for. */
static int push_match(lua_State *L, regex *r, int idx, int pairs, char what)
{
	PCRE2_SIZE *ov = pcre2_get_ovector_pointer(r->md);
	const char *s = lua_tostring(L, idx);

	if (what == 't') {
		lua_pushboolean(L, pairs > 0);
		return 1;
	}
	if (pairs == 0) {
		lua_pushnil(L);
		return 1;
	}
	if (what == 'f') {
		lua_pushinteger(L, (lua_Integer)ov[0] + 1);
		lua_pushinteger(L, (lua_Integer)ov[1]);
		return 2;
	}
	/* 'm': the captures, or the whole match if there are none */
	if (pairs == 1) {
		lua_pushlstring(L, s + ov[0], ov[1] - ov[0]);
		return 1;
	}
	luaL_checkstack(L, pairs, "too many captures");
	for (int i = 1; i < pairs; i++) {
		if (ov[2 * i] == PCRE2_UNSET)
			lua_pushnil(L);
		else
			lua_pushlstring(L, s + ov[2 * i], ov[2 * i + 1] - ov[2 * i]);
	}
	return pairs - 1;
}

/* re.find(s, p) / re.match(s, p) / re.test(s, p): compile p (once) and match s. */
static int with_pattern(lua_State *L, char what)
{
	regex *r = compile(L, 2);

	return push_match(L, r, 1, run(L, r, lua_gettop(L), 1), what);
}

static int re_find(lua_State *L) { return with_pattern(L, 'f'); }
static int re_match(lua_State *L) { return with_pattern(L, 'm'); }
static int re_test(lua_State *L) { return with_pattern(L, 't'); }

/* re.compile(p): the compiled pattern, with methods find, match and test. */
static int re_compile(lua_State *L)
{
	compile(L, 1);
	return 1;
}

/* r:find(s) / r:match(s) / r:test(s) */
static int with_regex(lua_State *L, char what)
{
	regex *r = luaL_checkudata(L, 1, RX_TYPE);

	if (r->code == NULL)
		return luaL_error(L, _("re: the pattern has been freed"));
	return push_match(L, r, 2, run(L, r, 1, 2), what);
}

static int rx_find(lua_State *L) { return with_regex(L, 'f'); }
static int rx_match(lua_State *L) { return with_regex(L, 'm'); }
static int rx_test(lua_State *L) { return with_regex(L, 't'); }

/* Push the library's shared state: the allocator, PCRE2's contexts and the cache. */
static void push_state(lua_State *L)
{
	rx_state *st = lua_newuserdatauv(L, sizeof *st, 1);

	st->alloc = lua_getallocf(L, &st->alloc_ud);
	st->gctx = NULL;
	st->cctx = NULL;
	st->cache_entries = 0;
	st->cache_bytes = 0;
	st->jit_bytes = 0;
	if (luaL_newmetatable(L, RX_STATE)) {
		lua_pushcfunction(L, state_gc);
		lua_setfield(L, -2, "__gc");
		lua_pushliteral(L, "locked");
		lua_setfield(L, -2, "__metatable");
	}
	lua_setmetatable(L, -2);
	lua_newtable(L);
	lua_setiuservalue(L, -2, 1);
	st->gctx = pcre2_general_context_create(rx_malloc, rx_free, st);
	if (st->gctx != NULL)
		st->cctx = pcre2_compile_context_create(st->gctx);
	if (st->cctx == NULL)
		luaL_error(L, _("re: not enough memory"));
	pcre2_set_max_pattern_length(st->cctx, PATTERN_MAX);
}

int rx_open(lua_State *L)
{
	static const luaL_Reg methods[] = {
		{"find", rx_find}, {"match", rx_match}, {"test", rx_test}, {NULL, NULL},
	};
	static const luaL_Reg lib[] = {
		{"compile", re_compile}, {"find", re_find}, {"match", re_match},
		{"test", re_test}, {NULL, NULL},
	};

	if (luaL_newmetatable(L, RX_TYPE)) {
		luaL_newlib(L, methods);
		lua_setfield(L, -2, "__index");
		lua_pushcfunction(L, regex_gc);
		lua_setfield(L, -2, "__gc");
		lua_pushliteral(L, "locked");
		lua_setfield(L, -2, "__metatable");
	}
	lua_pop(L, 1);
	luaL_newlibtable(L, lib);
	push_state(L); /* shared by the library's functions as upvalue 1 */
	luaL_setfuncs(L, lib, 1);
	return 1;
}

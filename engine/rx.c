/*
 * rx.c: the `re` library (see rules/README.md).  A compiled pattern is a full userdata
 * whose __gc frees the PCRE2 code; the library keeps a cache table (pattern text ->
 * userdata) as an upvalue, so `re.find(s, p)` compiles p once per state however many
 * points use it.  Depends on PCRE2 and Lua.
 */
#define PCRE2_CODE_UNIT_WIDTH 8
#include "rx.h"

#include <pcre2.h>
#include <stdlib.h>

#include <lauxlib.h>

/* Limits for one match: generous for real rules, small enough to stop a catastrophic
 * pattern within a fraction of a second. */
#define MATCH_LIMIT 1000000 /* backtracking steps */
#define DEPTH_LIMIT 10000   /* nested backtracking frames */
#define HEAP_LIMIT 8192     /* KiB of heap for backtracking */

#define RX_TYPE "riskgrade.re"

typedef struct {
	pcre2_code *code;          /* the compiled pattern */
	pcre2_match_data *md;      /* room for its match results */
	pcre2_match_context *mctx; /* its limits */
} regex;

static int regex_gc(lua_State *L)
{
	regex *r = luaL_checkudata(L, 1, RX_TYPE);

	pcre2_match_context_free(r->mctx);
	pcre2_match_data_free(r->md);
	pcre2_code_free(r->code);
	r->mctx = NULL;
	r->md = NULL;
	r->code = NULL;
	return 0;
}

/* Compile the pattern at index idx, or take it from the cache; pushes the userdata. */
static regex *compile(lua_State *L, int idx)
{
	size_t len;
	const char *pattern = luaL_checklstring(L, idx, &len);
	int errcode;
	PCRE2_SIZE erroffset;
	regex *r;

	/* Keyed by the Lua string itself: a C string would stop at an embedded zero byte. */
	lua_pushvalue(L, idx);
	if (lua_rawget(L, lua_upvalueindex(1)) == LUA_TUSERDATA)
		return lua_touserdata(L, -1);
	lua_pop(L, 1);
	r = lua_newuserdatauv(L, sizeof *r, 1);
	r->code = NULL;
	r->md = NULL;
	r->mctx = NULL;
	luaL_setmetatable(L, RX_TYPE);
	lua_pushvalue(L, idx); /* the pattern text, kept for messages */
	lua_setiuservalue(L, -2, 1);
	r->code = pcre2_compile((PCRE2_SPTR)pattern, len, PCRE2_UTF | PCRE2_UCP, &errcode,
				&erroffset, NULL);
	if (r->code == NULL) {
		PCRE2_UCHAR msg[256];
		pcre2_get_error_message(errcode, msg, sizeof msg);
		luaL_error(L, "re: pattern \"%s\" at offset %d: %s", pattern, (int)erroffset,
			   (const char *)msg);
	}
	/* JIT when available (the interpreter otherwise).  RISKGRADE_NO_JIT=1 keeps to the
	 * interpreter: valgrind cannot see into JIT-compiled code (make valgrind sets it). */
	if (getenv("RISKGRADE_NO_JIT") == NULL)
		pcre2_jit_compile(r->code, PCRE2_JIT_COMPLETE);
	r->md = pcre2_match_data_create_from_pattern(r->code, NULL);
	r->mctx = pcre2_match_context_create(NULL);
	if (r->md == NULL || r->mctx == NULL)
		luaL_error(L, "re: out of memory compiling \"%s\"", pattern);
	pcre2_set_match_limit(r->mctx, MATCH_LIMIT);
	pcre2_set_depth_limit(r->mctx, DEPTH_LIMIT);
	pcre2_set_heap_limit(r->mctx, HEAP_LIMIT);
	lua_pushvalue(L, idx);
	lua_pushvalue(L, -2);
	lua_rawset(L, lua_upvalueindex(1));
	return r;
}

/* Match the compiled pattern r, the userdata at index ud, against the string at idx;
 * returns the number of pairs in the ovector, 0 for no match; raises an error naming the
 * pattern (the userdata's user value) on any failure of the matcher. */
static int run(lua_State *L, regex *r, int ud, int idx)
{
	size_t len;
	const char *s = luaL_checklstring(L, idx, &len);
	int rc = pcre2_match(r->code, (PCRE2_SPTR)s, len, 0, 0, r->md, r->mctx);

	if (rc == PCRE2_ERROR_NOMATCH)
		return 0;
	if (rc < 0) {
		PCRE2_UCHAR msg[256];
		pcre2_get_error_message(rc, msg, sizeof msg);
		lua_getiuservalue(L, ud, 1);
		return luaL_error(L, "re: pattern \"%s\" on a text of %d bytes: %s",
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

	return push_match(L, r, 2, run(L, r, 1, 2), what);
}

static int rx_find(lua_State *L) { return with_regex(L, 'f'); }
static int rx_match(lua_State *L) { return with_regex(L, 'm'); }
static int rx_test(lua_State *L) { return with_regex(L, 't'); }

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
	lua_newtable(L); /* the cache, shared by the library's functions as upvalue 1 */
	luaL_setfuncs(L, lib, 1);
	return 1;
}

/*
 * rules.c: the contract with a rule pack (see rules/README.md): a rule state is a sandbox
 * (sandbox.c) in which the prelude loads packs and their inheritance; this file loads the
 * packs each agency uses, hands a pack one point's facts at a time (database rows become
 * Lua tables), calls its grade() and checks what it returns, copying every text out of
 * the Lua state.  Every use of the state runs in protected mode under the CPU limit
 * (sbx_call): a pack's metamethods run wherever the engine reads its values, and any
 * allocation may hit the memory cap.  Outside sbx_call, only Lua calls that neither
 * allocate nor run code are made (pushing C functions, light userdata, integers and
 * values already on the stack or in the registry).
 * Depends on Lua, sandbox.h, arena.h, pack.h, db.h, date.h, sha.h, status.h, vocab.h,
 * i18n.h.
 */
#include "rules.h"

#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <lauxlib.h>
#include <lua.h>

#include "arena.h"
#include "date.h"
#include "i18n.h"
#include "sandbox.h"
#include "vocab.h"

/* A pack that needs more than this for one state is broken, not busy. */
#define MEM_LIMIT ((size_t)256 << 20)

/* Stack slots while a point is being graded (SBX_MSGH, the message handler, is 1). */
#define SLOT_POINT 2  /* the facts of the current point */
#define SLOT_RESULT 3 /* what grade() returned */

#define MAX_PACKS 64

/* Generated from engine/prelude.lua and engine/packtest.lua (build/prelude.c). */
extern const char *const rg_prelude[];

/* Registry key of the rules a state belongs to (a light userdata), for l_check_result. */
static const char rules_key = 'r';

struct rules {
	lua_State *L;              /* the sandboxed state (sandbox.h) */
	char dir[PATH_MAX];        /* the rule pack folder */
	const char *as_of;         /* ctx.as_of, while rules_open runs */
	int ctx_ref;               /* registry: the read-only view of the ctx table */
	int require_ref;           /* registry: the prelude's require_pack(name) */
	int parents_ref;           /* registry: the prelude's parents (name -> base name) */
	int by_agency_ref;         /* registry: agency code -> pack table */
	int names_ref;             /* registry: agency code -> pack name */
	int sources_ref;           /* registry: pack name -> the text loaded (and hashed) */
	rg_status load_status;     /* why the last loadpack() failed: RG_IO or RG_RULE */
	rule_pack packs[MAX_PACKS]; /* the packs loaded, in load order */
	char parents[MAX_PACKS][PACK_NAME_MAX]; /* the parent of each, for rules_pack_at */
	int npacks;
	arena texts;               /* the texts of the current point's result (rule_result) */
	char point[256];           /* the code of the current point, for messages */
	rg_status pending;         /* a failure building the current point's facts, for the */
	rg_err pending_err;        /* next call that can report it */
};

/* Call fn protected and under the CPU limit (sbx_call), with ud as its first argument
 * and the nargs values now on top of the stack after it.  Returns the Lua status; the
 * nresults results, or the error object, are left on the stack. */
static int protect(rules *r, lua_CFunction fn, void *ud, int nargs, int nresults,
		   bool traceback)
{
	lua_State *L = r->L;

	lua_pushcfunction(L, fn);
	lua_pushlightuserdata(L, ud);
	lua_rotate(L, -(nargs + 2), 2); /* fn and ud below the arguments */
	return sbx_call(L, nargs + 1, nresults, traceback);
}

void rules_set_trace(rules *r, bool on)
{
	sbx_set_trace(r->L, on);
}

/* The Lua string of the bytes at argument 1 (light userdata), of length argument 2. */
static int p_string(lua_State *L)
{
	lua_pushlstring(L, lua_touserdata(L, 1), (size_t)lua_tointeger(L, 2));
	return 1;
}

/* loadpack(name, env), for the prelude: read the pack's file as text once, record its
 * hash and keep the text (for lint), and return it compiled as a function whose _ENV is
 * env, and the file's path.  What runs is exactly what was hashed. */
static int l_loadpack(lua_State *L)
{
	rules *r = lua_touserdata(L, lua_upvalueindex(1));
	const char *name = luaL_checkstring(L, 1);
	rule_pack *pk;
	char *buf = NULL;
	size_t len = 0;
	char chunkname[PACK_PATH_MAX + 1];
	rg_err e;

	luaL_checktype(L, 2, LUA_TTABLE);
	r->load_status = RG_RULE;
	if (!pack_valid_name(name))
		return luaL_error(L, _("inherit: \"%s\" is not a pack name (\"default\" or an "
				       "agency code)"), name);
	if (r->npacks == MAX_PACKS)
		return luaL_error(L, _("more than %d rule packs"), MAX_PACKS);
	pk = &r->packs[r->npacks];
	snprintf(pk->name, sizeof pk->name, "%s", name);
	pack_path(r->dir, name, pk->path, sizeof pk->path);
	pk->parent = NULL;
	if (pack_read(pk->path, &buf, &len, &e) != RG_OK) {
		r->load_status = RG_IO;
		lua_pushstring(L, e.msg);
		return lua_error(L);
	}
	sha256_hex(buf, len, pk->sha);
	snprintf(chunkname, sizeof chunkname, "@%s", pk->path);
	lua_rawgeti(L, LUA_REGISTRYINDEX, r->sources_ref);
	/* The text as a Lua string, protected: a memory error must not leak buf. */
	lua_pushcfunction(L, p_string);
	lua_pushlightuserdata(L, buf);
	lua_pushinteger(L, (lua_Integer)len);
	int rc = lua_pcall(L, 2, 1, 0);
	free(buf);
	if (rc != LUA_OK)
		return lua_error(L);
	lua_setfield(L, -2, name);
	lua_getfield(L, -1, name);
	buf = (char *)lua_tolstring(L, -1, &len); /* the copy the sources table keeps */
	/* Text only: a precompiled chunk could break the sandbox. */
	if (luaL_loadbufferx(L, buf, len, chunkname, "t") != LUA_OK)
		return lua_error(L);
	lua_pushvalue(L, 2);
	lua_setupvalue(L, -2, 1); /* the chunk's only upvalue is its _ENV */
	lua_pushstring(L, pk->path);
	r->npacks++;
	return 2;
}

/* Set up the state for rules_open, protected: ctx, the prelude, and the tables of the
 * packs in use.  Argument 1: the rules. */
static int p_open(lua_State *L)
{
	rules *r = lua_touserdata(L, 1);

	if (luaL_loadbufferx(L, rg_prelude[0], strlen(rg_prelude[0]), "=prelude", "t") != LUA_OK)
		return lua_error(L);
	lua_newtable(L);
	r->sources_ref = luaL_ref(L, LUA_REGISTRYINDEX);
	lua_pushlightuserdata(L, r);
	lua_pushcclosure(L, l_loadpack, 1);
	lua_createtable(L, 0, 1);
	lua_pushstring(L, r->as_of);
	lua_setfield(L, -2, "as_of");
	lua_call(L, 2, 3);
	r->ctx_ref = luaL_ref(L, LUA_REGISTRYINDEX);
	r->parents_ref = luaL_ref(L, LUA_REGISTRYINDEX);
	r->require_ref = luaL_ref(L, LUA_REGISTRYINDEX);
	lua_newtable(L);
	r->by_agency_ref = luaL_ref(L, LUA_REGISTRYINDEX);
	lua_newtable(L);
	r->names_ref = luaL_ref(L, LUA_REGISTRYINDEX);
	lua_pushlightuserdata(L, r);
	lua_rawsetp(L, LUA_REGISTRYINDEX, &rules_key);
	return 0;
}

rg_status rules_open(const char *dir, const char *as_of, rules **out, rg_err *e)
{
	rules *r = calloc(1, sizeof *r);

	if (r == NULL)
		return err_set(e, RG_IO, "out of memory");
	snprintf(r->dir, sizeof r->dir, "%s", dir);
	r->L = sbx_open(MEM_LIMIT);
	if (r->L == NULL) {
		free(r);
		return err_set(e, RG_IO, "out of memory");
	}
	r->as_of = as_of;
	if (protect(r, p_open, r, 0, 0, true) != LUA_OK) {
		rg_status st = err_set(e, RG_RULE, "internal: %s", sbx_error(r->L, -1));
		rules_close(r);
		return st;
	}
	r->as_of = NULL;
	*out = r;
	return RG_OK;
}

void rules_close(rules *r)
{
	if (r == NULL)
		return;
	sbx_close(r->L);
	arena_free(&r->texts);
	free(r);
}

/* The index in r->packs of the loaded pack name, or -1. */
static int pack_index(const rules *r, const char *name)
{
	for (int i = 0; i < r->npacks; i++)
		if (strcmp(r->packs[i].name, name) == 0)
			return i;
	return -1;
}

/* What p_require needs: the pack to load and, for rules_use, the agency it grades. */
typedef struct {
	rules *r;
	const char *name;
	const char *agency; /* or NULL */
} use_args;

/* require(name), protected: push the pack's table, loading it and its bases if they are
 * not loaded yet, and give it to the agency, if any.  Argument 1: the use_args.  Errors
 * are the pack's (its file and line, or a missing file). */
static int p_require(lua_State *L)
{
	use_args *a = lua_touserdata(L, 1);

	lua_rawgeti(L, LUA_REGISTRYINDEX, a->r->require_ref);
	lua_pushstring(L, a->name);
	lua_call(L, 1, 1);
	if (a->agency != NULL) {
		lua_rawgeti(L, LUA_REGISTRYINDEX, a->r->by_agency_ref);
		lua_pushvalue(L, -2);
		lua_setfield(L, -2, a->agency);
		lua_rawgeti(L, LUA_REGISTRYINDEX, a->r->names_ref);
		lua_pushinteger(L, pack_index(a->r, a->name));
		lua_setfield(L, -2, a->agency);
		lua_pop(L, 2);
	}
	return 1;
}

/* Load pack name, and the packs it inherits from, if not loaded yet, give it to agency
 * (unless NULL) and push its table above SBX_MSGH.  On failure the stack is back at
 * SBX_MSGH. */
static rg_status push_pack(rules *r, const char *name, const char *agency, rg_err *e)
{
	use_args a = {r, name, agency};

	lua_settop(r->L, SBX_MSGH);
	/* No traceback: a load error is the pack's file:line, or the file that is missing. */
	if (protect(r, p_require, &a, 0, 1, false) != LUA_OK) {
		rg_status st = err_set(e, r->load_status, "%s", sbx_error(r->L, -1));
		lua_settop(r->L, SBX_MSGH);
		return st;
	}
	return RG_OK;
}

rg_status rules_use(rules *r, const char *agency, const char *name, rg_err *e)
{
	rg_status st = push_pack(r, name, agency, e);

	lua_settop(r->L, SBX_MSGH);
	return st;
}

/* What p_numbers needs, and what it finds. */
typedef struct {
	rules *r;
	const char *name;         /* the pack */
	const char *table;        /* the field of the pack to read */
	const char *const *keys;  /* its keys, NULL-terminated */
	const char *list;         /* "key = …, key = …", for messages */
	double *out;              /* one value per key */
	rg_status st;             /* RG_RULE when a value is not what is expected */
	rg_err *e;
} numbers_args;

/* Read the numbers of rules_pack_numbers, protected (reading through the pack can run
 * metamethods: an inherited pack reads its base through __index).  Arguments: the
 * numbers_args and the pack.  A wrong value sets a->st; a Lua error propagates. */
static int p_numbers(lua_State *L)
{
	numbers_args *a = lua_touserdata(L, 1);
	const char *path = rules_pack_path(a->r, a->name);
	int t = lua_getfield(L, 2, a->table);

	if (t != LUA_TTABLE) {
		a->st = err_set(a->e, RG_RULE, "%s: %s: expected a table { %s }, got %s", path,
				a->table, a->list, lua_typename(L, t));
		return 0;
	}
	for (int i = 0; a->keys[i] != NULL; i++) {
		t = lua_getfield(L, 3, a->keys[i]);
		if (t == LUA_TSTRING) {
			a->st = err_set(a->e, RG_RULE, "%s: %s.%s: expected a number, got the string "
					"\"%s\"", path, a->table, a->keys[i], lua_tostring(L, -1));
			return 0;
		}
		if (t != LUA_TNUMBER) {
			a->st = err_set(a->e, RG_RULE, "%s: %s.%s: expected a number, got %s", path,
					a->table, a->keys[i], lua_typename(L, t));
			return 0;
		}
		a->out[i] = (double)lua_tonumber(L, -1);
		if (!isfinite(a->out[i])) {
			a->st = err_set(a->e, RG_RULE, "%s: %s.%s: expected a finite number, got %g",
					path, a->table, a->keys[i], a->out[i]);
			return 0;
		}
		lua_pop(L, 1);
	}
	return 0;
}

rg_status rules_pack_numbers(rules *r, const char *name, const char *table,
			     const char *const keys[], double out[], rg_err *e)
{
	char list[512] = "";
	numbers_args a = {r, name, table, keys, list, out, RG_OK, e};
	rg_status st;

	if ((st = push_pack(r, name, NULL, e)) != RG_OK)
		return st;
	for (int i = 0; keys[i] != NULL; i++) {
		size_t len = strlen(list);
		snprintf(list + len, sizeof list - len, "%s%s = …", i ? ", " : "", keys[i]);
	}
	if (protect(r, p_numbers, &a, 1, 0, true) != LUA_OK)
		a.st = err_set(e, RG_RULE, "%s\n(while reading %s of %s)", sbx_error(r->L, -1), table,
			       rules_pack_path(r, name));
	lua_settop(r->L, SBX_MSGH);
	return a.st;
}

/* Whether field a->table of the pack (argument 2) is not nil, into a->st's companion
 * flag, protected (an inherited pack reads its base through __index). */
static int p_has(lua_State *L)
{
	numbers_args *a = lua_touserdata(L, 1);

	a->out[0] = lua_getfield(L, 2, a->table) != LUA_TNIL;
	return 0;
}

rg_status rules_pack_has(rules *r, const char *name, const char *field, bool *has,
			 rg_err *e)
{
	double found = 0;
	numbers_args a = {r, name, field, NULL, "", &found, RG_OK, e};
	rg_status st;

	*has = false;
	if ((st = push_pack(r, name, NULL, e)) != RG_OK)
		return st;
	if (protect(r, p_has, &a, 1, 0, true) != LUA_OK)
		st = err_set(e, RG_RULE, "%s\n(while reading %s of %s)", sbx_error(r->L, -1), field,
			     rules_pack_path(r, name));
	lua_settop(r->L, SBX_MSGH);
	*has = found != 0;
	return st;
}

struct lua_State *rules_lua(rules *r)
{
	return r->L;
}

rg_status rules_load_failure(const rules *r)
{
	return r->load_status;
}

int rules_pack_count(const rules *r)
{
	return r->npacks;
}

/* Copy the parent of pack i (argument 2) from the parents table, protected.  Argument 1:
 * the rules. */
static int p_parent(lua_State *L)
{
	rules *r = lua_touserdata(L, 1);
	int i = (int)lua_tointeger(L, 2);

	lua_rawgeti(L, LUA_REGISTRYINDEX, r->parents_ref);
	if (lua_getfield(L, -1, r->packs[i].name) == LUA_TSTRING) {
		snprintf(r->parents[i], sizeof r->parents[i], "%s", lua_tostring(L, -1));
		r->packs[i].parent = r->parents[i];
	}
	return 0;
}

const rule_pack *rules_pack_at(rules *r, int i)
{
	rule_pack *pk = &r->packs[i];

	/* The parent is known once the pack has loaded; its name lives in the parents table.
	 * Left NULL if even that copy fails (the state is out of memory). */
	pk->parent = NULL;
	lua_pushinteger(r->L, i);
	if (protect(r, p_parent, r, 1, 0, false) != LUA_OK)
		lua_pop(r->L, 1);
	return pk;
}

const char *rules_pack_path(const rules *r, const char *name)
{
	int i = pack_index(r, name);

	return i < 0 ? name : r->packs[i].path;
}

/* ---- the facts of a point ------------------------------------------------------------ */

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

/* What the fact builders need. */
typedef struct {
	db_stmt *s;      /* the row, or the rows of a list */
	const char *key; /* the field a list goes to */
	rg_status st;    /* how stepping s went */
	rg_err *e;
} facts_args;

/* The facts of a new point from the current row: returns the table.  Protected. */
static int p_point(lua_State *L)
{
	facts_args *a = lua_touserdata(L, 1);

	lua_createtable(L, 0, db_col_count(a->s)); /* sized once, not grown */
	put_row(L, a->s);
	return 1;
}

/* The fields of the current row into the point (argument 2).  Protected. */
static int p_fields(lua_State *L)
{
	facts_args *a = lua_touserdata(L, 1);

	lua_settop(L, 2);
	put_row(L, a->s);
	return 0;
}

/* The rows of a->s as a list, into field a->key of the point (argument 2).  Protected. */
static int p_list(lua_State *L)
{
	facts_args *a = lua_touserdata(L, 1);
	lua_Integer n = 0;
	bool row;

	lua_newtable(L);
	while ((a->st = db_step(a->s, &row, a->e)) == RG_OK && row) {
		lua_createtable(L, 0, db_col_count(a->s));
		put_row(L, a->s);
		lua_seti(L, -2, ++n);
	}
	lua_setfield(L, 2, a->key);
	return 0;
}

/* Note that the facts of the current point could not be built (the error object is on
 * top of the stack): the next rules_add_list() or rules_grade() reports it. */
static void facts_failed(rules *r)
{
	r->pending = err_set(&r->pending_err, RG_RULE, "%s\n(while reading the facts of point %s "
			     "into the rule state)", sbx_error(r->L, -1), r->point);
	lua_settop(r->L, SBX_MSGH);
}

void rules_begin_point(rules *r, db_stmt *s)
{
	facts_args a = {s, NULL, RG_OK, NULL};

	r->pending = RG_OK;
	arena_reset(&r->texts); /* the texts of the last point's result */
	lua_settop(r->L, SBX_MSGH);
	snprintf(r->point, sizeof r->point, "?");
	for (int i = 0; i < db_col_count(s); i++)
		if (strcmp(db_col_name(s, i), "code") == 0 && db_col_type(s, i) != DB_NULL)
			snprintf(r->point, sizeof r->point, "%s", db_col_text(s, i));
	if (protect(r, p_point, &a, 0, 1, false) != LUA_OK)
		facts_failed(r); /* else the table is at SLOT_POINT */
}

void rules_add_fields(rules *r, db_stmt *s)
{
	facts_args a = {s, NULL, RG_OK, NULL};

	if (r->pending != RG_OK)
		return;
	lua_settop(r->L, SLOT_POINT);
	lua_pushvalue(r->L, SLOT_POINT);
	if (protect(r, p_fields, &a, 1, 0, false) != LUA_OK)
		facts_failed(r);
}

rg_status rules_add_list(rules *r, const char *key, db_stmt *s, rg_err *e)
{
	facts_args a = {s, key, RG_OK, e};

	if (r->pending != RG_OK)
		return err_set(e, r->pending, "%s", r->pending_err.msg);
	lua_settop(r->L, SLOT_POINT);
	lua_pushvalue(r->L, SLOT_POINT);
	if (protect(r, p_list, &a, 1, 0, false) != LUA_OK) {
		facts_failed(r);
		return err_set(e, r->pending, "%s", r->pending_err.msg);
	}
	return a.st;
}

/* ---- checking the result ------------------------------------------------------------ */

/* A text of the result and its limits (documented in rules/README.md). */
typedef struct {
	const char *key; /* its field, or NULL for an element of a list of texts */
	int max;         /* characters (UTF-8 code points) at most */
	bool optional;   /* nil allowed */
	bool multiline;  /* tab and newline allowed (any other control character is not) */
} text_spec;

static const text_spec TIER = {"tier", 16, false, false};
static const text_spec LEVEL = {"level", 32, true, false};
static const text_spec RECHECK = {"recheck_on", 10, true, false};
static const text_spec FACTOR_NAME = {NULL, 32, false, false};
static const text_spec REASON = {NULL, 4000, false, false};
static const text_spec TRACE = {NULL, 4000, false, false};
static const text_spec FLAG[] = {
	{"code", 64, false, false}, {"label", 200, false, false}, {"evidence", 4000, false, true},
};
static const text_spec WARNING[] = {
	{"reason", 1000, false, false},     {"disposition", 16, false, false},
	{"responsible", 64, true, false},   {"due", 10, false, false},
	{"text", 4000, false, true},
};

/* The fields of a result, of a flag and of a warning (rules/README.md): any other is an
 * error, since a field the engine does not read would be silently lost. */
static const char *const RESULT_FIELDS[] = {"factors", "score", "tier", "level", "reasons",
					    "trace", "flags", "warnings", "recheck_on", NULL};
static const char *const FLAG_FIELDS[] = {"code", "label", "evidence", NULL};
static const char *const WARNING_FIELDS[] = {"reason", "disposition", "responsible", "due",
					     "text", NULL};

/* Where a value of the result is, for a message: result.tier, result.reasons[2],
 * result.flags[1].code.  Put together only when something is wrong. */
static const char *field_name(char *buf, size_t n, const char *list, int i, const char *key)
{
	if (list == NULL)
		snprintf(buf, n, "result.%s", key);
	else if (key == NULL)
		snprintf(buf, n, "result.%s[%d]", list, i);
	else
		snprintf(buf, n, "result.%s[%d].%s", list, i, key);
	return buf;
}

/* What the value at idx is, for a message, without running any code: a number as Lua
 * writes it, the string "…", or the type's name. */
static const char *describe(lua_State *L, int idx, char *buf, size_t n)
{
	double v;

	switch (lua_type(L, idx)) {
	case LUA_TNUMBER:
		if (lua_isinteger(L, idx)) {
			snprintf(buf, n, LUA_INTEGER_FMT, (LUAI_UACINT)lua_tointeger(L, idx));
			return buf;
		}
		v = (double)lua_tonumber(L, idx);
		if (isnan(v))
			return "nan";
		if (isinf(v))
			return v > 0 ? "inf" : "-inf";
		snprintf(buf, n, LUA_NUMBER_FMT, (LUAI_UACNUMBER)v);
		if (buf[strspn(buf, "-0123456789")] == '\0')
			snprintf(buf + strlen(buf), n - strlen(buf), ".0"); /* a float, as Lua shows it */
		return buf;
	case LUA_TSTRING:
		snprintf(buf, n, _("the string \"%s\""), lua_tostring(L, idx));
		return buf;
	default:
		return luaL_typename(L, idx);
	}
}

/* The names of the keys of the table at idx that are not in fields, sorted, into buf:
 * "levle" or "label, levle" (a key that is not a string as describe() shows it, in
 * brackets); returns how many.  Reads the table raw, running no code. */
static int unknown_keys(lua_State *L, int idx, const char *const fields[], char *buf,
			size_t n)
{
	const char *names[8];
	char shown[8][64];
	int count = 0;
	size_t used = 0;

	idx = lua_absindex(L, idx);
	lua_pushnil(L);
	while (lua_next(L, idx) != 0) {
		bool known = false;
		size_t len = 0;
		const char *name;
		lua_pop(L, 1); /* the value */
		name = lua_type(L, -1) == LUA_TSTRING ? lua_tolstring(L, -1, &len) : NULL;
		/* Compared with its length: "tier\0x" is not tier. */
		for (int i = 0; name != NULL && fields[i] != NULL; i++)
			known = known || (strlen(fields[i]) == len && memcmp(name, fields[i], len) == 0);
		if (known)
			continue;
		if (count < 8) {
			char key[48];
			if (lua_type(L, -1) == LUA_TSTRING)
				snprintf(shown[count], sizeof shown[count], "%s", lua_tostring(L, -1));
			else
				snprintf(shown[count], sizeof shown[count], "[%s]",
					 describe(L, -1, key, sizeof key));
			names[count] = shown[count];
		}
		count++;
	}
	/* In order, whatever order the table holds them in: the message is the same on
	 * every run. */
	for (int i = 1; i < (count < 8 ? count : 8); i++)
		for (int j = i; j > 0 && strcmp(names[j - 1], names[j]) > 0; j--) {
			const char *t = names[j];
			names[j] = names[j - 1];
			names[j - 1] = t;
		}
	buf[0] = '\0';
	for (int i = 0; i < (count < 8 ? count : 8); i++)
		used += (size_t)snprintf(buf + used, used < n ? n - used : 0, "%s%s",
					 i ? ", " : "", names[i]);
	if (count > 8 && used < n)
		snprintf(buf + used, n - used, ", …");
	return count;
}

/* RG_RULE when the table at idx, result.list[i] (the result itself when list is NULL,
 * result.factors when what says so), has a field not in fields; what names the thing
 * ("a result", "a flag"...) for the message. */
static rg_status check_fields(lua_State *L, int idx, const char *const fields[],
			      const char *where, const char *what, rg_err *e)
{
	char names[512], known[256];
	size_t used = 0;
	int n = unknown_keys(L, idx, fields, names, sizeof names);

	if (n == 0)
		return RG_OK;
	known[0] = '\0';
	for (int i = 0; fields[i] != NULL; i++) {
		const char *sep = i == 0 ? "" : fields[i + 1] == NULL ? _(" and ") : ", ";
		used += (size_t)snprintf(known + used, used < sizeof known ? sizeof known - used : 0,
					 "%s%s", sep, fields[i]);
	}
	if (n == 1)
		return err_set(e, RG_RULE, "%s%s%s: unknown field: %s has %s", where,
			       names[0] == '[' ? "" : ".", names, what, known);
	return err_set(e, RG_RULE, "%s: unknown fields %s: %s has %s", where, names, what,
		       known);
}

/* Check the string at idx against spec and copy it into r's texts: *out is the copy.  A
 * copy that fails raises a Lua memory error. */
static rg_status take_text(rules *r, lua_State *L, int idx, const text_spec *spec,
			   const char **out, const char *list, int i, rg_err *e)
{
	size_t len, chars = 0;
	const char *s = lua_tolstring(L, idx, &len);
	char name[128];

	for (size_t k = 0; k < len; k++) {
		unsigned char c = (unsigned char)s[k];
		if ((c < 0x20 || c == 0x7f) && !(spec->multiline && (c == '\n' || c == '\t')))
			return err_set(e, RG_RULE, "%s: contains the control character U+%04X: %s",
				       field_name(name, sizeof name, list, i, spec->key), c,
				       spec->multiline ? _("only tab and newline may appear")
						       : _("it must be one line of text"));
		chars += (c & 0xC0) != 0x80; /* not a continuation byte: a new character */
	}
	if (chars > (size_t)spec->max)
		return err_set(e, RG_RULE, "%s: %zu characters, more than %d",
			       field_name(name, sizeof name, list, i, spec->key), chars, spec->max);
	*out = arena_copy(&r->texts, s, len);
	if (*out == NULL)
		luaL_error(L, _("out of memory copying the result"));
	return RG_OK;
}

/* Field spec->key of the table at idx, a text (or NULL if absent and optional), into
 * *out.  The table is result.list[i] (or the result itself when list is NULL). */
static rg_status get_text(rules *r, lua_State *L, int idx, const text_spec *spec,
			  const char **out, const char *list, int i, rg_err *e)
{
	int t = lua_getfield(L, idx, spec->key);
	char name[128];
	rg_status st = RG_OK;

	*out = NULL;
	if (t == LUA_TSTRING)
		st = take_text(r, L, -1, spec, out, list, i, e);
	else if (t != LUA_TNIL || !spec->optional)
		st = err_set(e, RG_RULE, "%s: expected a string, got %s",
			     field_name(name, sizeof name, list, i, spec->key), lua_typename(L, t));
	lua_pop(L, 1);
	return st;
}

/* The national factors, by their key in result.factors, and where each goes. */
static int *national(rule_result *res, const char *key)
{
	return strcmp(key, "importance") == 0 ? &res->importance
	       : strcmp(key, "discretion") == 0 ? &res->discretion
	       : strcmp(key, "likelihood") == 0 ? &res->likelihood
	       : strcmp(key, "harm") == 0 ? &res->harm : NULL;
}

/* One entry of result.factors, key at -2 and value at -1: a national factor (a whole
 * number 1-5) into its field, or one of the method's own (a finite number, named by a
 * one-line text) appended to res->factors.  The text of a name is copied. */
static rg_status take_factor(rules *r, lua_State *L, rule_result *res, rg_err *e)
{
	char buf[128], name[160];
	int isint = 0, *slot;
	lua_Integer v = 0;
	rg_status st;

	if (lua_type(L, -2) != LUA_TSTRING)
		return err_set(e, RG_RULE, "result.factors[%s]: a factor is named by a string",
			       describe(L, -2, buf, sizeof buf));
	snprintf(name, sizeof name, "%s", lua_tostring(L, -2));
	/* A zero byte would end the name early: "importance\0a" is not importance. */
	if (strlen(lua_tostring(L, -2)) != lua_rawlen(L, -2))
		return err_set(e, RG_RULE, "result.factors[\"%s\"]: contains the control character "
			       "U+0000: %s", name, _("it must be one line of text"));
	if ((slot = national(res, name)) != NULL) {
		if (lua_type(L, -1) == LUA_TNUMBER)
			v = lua_tointegerx(L, -1, &isint);
		if (!isint || v < 1 || v > 5)
			return err_set(e, RG_RULE, "result.factors.%s: expected a whole number 1-5 "
				       "(or no %s: a method that does not use it leaves it out), got "
				       "%s", name, name, describe(L, -1, buf, sizeof buf));
		*slot = (int)v;
		return RG_OK;
	}
	if (res->nfactors == RULES_MAX_FACTORS)
		return err_set(e, RG_RULE, "result.factors: more than %d factors of the method's "
			       "own", RULES_MAX_FACTORS);
	rule_factor *f = &res->factors[res->nfactors];
	if (lua_type(L, -1) != LUA_TNUMBER || !isfinite((double)lua_tonumber(L, -1)))
		return err_set(e, RG_RULE, "result.factors[\"%s\"]: expected a finite number, got "
			       "%s", name, describe(L, -1, buf, sizeof buf));
	f->value = (double)lua_tonumber(L, -1);
	if (name[0] == '\0')
		return err_set(e, RG_RULE, "result.factors[\"\"]: a factor needs a name");
	if ((st = take_text(r, L, -2, &FACTOR_NAME, &f->name, "factors", res->nfactors + 1, e)) !=
	    RG_OK)
		return st;
	res->nfactors++;
	return RG_OK;
}

/* Sort the method's own factors by name (bytewise), so the same result is stored the
 * same way whatever order the pack's table held them in. */
static void sort_factors(rule_result *res)
{
	for (int i = 1; i < res->nfactors; i++)
		for (int j = i; j > 0 && strcmp(res->factors[j - 1].name, res->factors[j].name) > 0;
		     j--) {
			rule_factor t = res->factors[j];
			res->factors[j] = res->factors[j - 1];
			res->factors[j - 1] = t;
		}
}

/* The factors, score, tier and level of the result at idx.  factors is optional, and
 * each factor in it: a method gives the factors it uses and no other. */
static rg_status check_grade(rules *r, lua_State *L, int idx, rule_result *res, rg_err *e)
{
	char buf[128];
	long days;
	int t;
	rg_status st;

	if ((t = lua_getfield(L, idx, "factors")) != LUA_TTABLE && t != LUA_TNIL)
		return err_set(e, RG_RULE, "result.factors: expected a table of factors, got %s",
			       lua_typename(L, t));
	if (t == LUA_TTABLE) {
		/* Raw: the table's own entries, the factors the pack gave. */
		int f = lua_gettop(L);
		lua_pushnil(L);
		while (lua_next(L, f) != 0) {
			if ((st = take_factor(r, L, res, e)) != RG_OK)
				return st;
			lua_pop(L, 1);
		}
		sort_factors(res);
		for (int i = 1; i < res->nfactors; i++)
			if (strcmp(res->factors[i - 1].name, res->factors[i].name) == 0)
				return err_set(e, RG_RULE, "result.factors: \"%s\" twice",
					       res->factors[i].name);
	}
	lua_pop(L, 1);

	/* A number, and a finite one: "4.80" or 0/0 would be stored as a score. */
	if (lua_getfield(L, idx, "score") != LUA_TNUMBER)
		return err_set(e, RG_RULE, "result.score: expected a number, got %s",
			       describe(L, -1, buf, sizeof buf));
	res->score = (double)lua_tonumber(L, -1);
	if (!isfinite(res->score))
		return err_set(e, RG_RULE, "result.score: expected a finite number, got %s",
			       describe(L, -1, buf, sizeof buf));
	lua_pop(L, 1);
	if ((st = get_text(r, L, idx, &TIER, &res->tier, NULL, 0, e)) != RG_OK)
		return st;
	if (vocab_index(vocab_tier, VOCAB_TIERS, res->tier) < 0)
		return err_set(e, RG_RULE, "result.tier: expected 一级, 二级 or 三级, got \"%s\"",
			       res->tier);
	if ((st = get_text(r, L, idx, &LEVEL, &res->level, NULL, 0, e)) != RG_OK)
		return st;
	if (res->level != NULL && res->level[0] == '\0')
		return err_set(e, RG_RULE, "result.level: expected the method's name for the grade "
			       "(or no level), got an empty string");
	if ((st = get_text(r, L, idx, &RECHECK, &res->recheck_on, NULL, 0, e)) != RG_OK)
		return st;
	if (res->recheck_on != NULL && !date_parse(res->recheck_on, &days))
		return err_set(e, RG_RULE, "result.recheck_on: expected a date YYYY-MM-DD (or "
			       "nil), got \"%s\"", res->recheck_on);
	return RG_OK;
}

/* Push the list field key of the result at idx and set *n to its length, at most max
 * (0 and nil pushed when it is absent). */
static rg_status open_list(lua_State *L, int idx, const char *key, int max, int *n, rg_err *e)
{
	int t = lua_getfield(L, idx, key);
	lua_Unsigned len;

	*n = 0;
	if (t == LUA_TNIL)
		return RG_OK;
	if (t != LUA_TTABLE)
		return err_set(e, RG_RULE, "result.%s: expected a list, got %s", key,
			       lua_typename(L, t));
	len = lua_rawlen(L, -1);
	if (len > (lua_Unsigned)max)
		return err_set(e, RG_RULE, "result.%s: more than %d entries", key, max);
	*n = (int)len;
	return RG_OK;
}

/* The reasons of res joined one per line into r's texts, whole (each is one line:
 * take_text), as res->reasons_text.  Here rather than where they are stored: the packs'
 * threads do it, not the one that stores.  A copy that fails raises a Lua memory error. */
static void join_reasons(rules *r, lua_State *L, rule_result *res)
{
	size_t len[RULES_MAX_REASONS], size = 1;
	char *text, *at;

	for (int i = 0; i < res->nreasons; i++)
		size += (len[i] = strlen(res->reasons[i])) + 1;
	if ((text = at = arena_alloc(&r->texts, size)) == NULL)
		luaL_error(L, _("out of memory copying the result"));
	for (int i = 0; i < res->nreasons; i++) {
		if (i > 0)
			*at++ = '\n';
		memcpy(at, res->reasons[i], len[i]);
		at += len[i];
	}
	*at = '\0';
	res->reasons_text = text;
}

/* The reasons of the result at idx, and where each came from when the run is tracing. */
static rg_status check_reasons(rules *r, lua_State *L, int idx, rule_result *res, rg_err *e)
{
	rg_status st;

	if ((st = open_list(L, idx, "reasons", RULES_MAX_REASONS, &res->nreasons, e)) != RG_OK)
		return st;
	for (int i = 1; i <= res->nreasons; i++) {
		int t = lua_geti(L, -1, i);
		if (t != LUA_TSTRING)
			return err_set(e, RG_RULE, "result.reasons[%d]: expected a string, got %s", i,
				       lua_typename(L, t));
		if ((st = take_text(r, L, -1, &REASON, &res->reasons[i - 1], "reasons", i, e)) !=
		    RG_OK)
			return st;
		lua_pop(L, 1);
	}
	lua_pop(L, 1);
	join_reasons(r, L, res);
	/* trace: a list beside reasons, of "file:line" (or nil where here() gave none), read
	 * only while tracing; the same shape either way. */
	int ntrace, t;
	if ((st = open_list(L, idx, "trace", RULES_MAX_REASONS, &ntrace, e)) != RG_OK)
		return st;
	if (ntrace > res->nreasons)
		return err_set(e, RG_RULE, ngettext("result.trace: %d entries for %d reason: "
						    "expected one beside each reason",
						    "result.trace: %d entries for %d reasons: "
						    "expected one beside each reason",
						    res->nreasons), ntrace, res->nreasons);
	for (int i = 1; i <= ntrace; i++) {
		if ((t = lua_geti(L, -1, i)) != LUA_TSTRING && t != LUA_TNIL)
			return err_set(e, RG_RULE, "result.trace[%d]: expected a string \"file:line\" "
				       "(from here()) or nil, got %s", i, lua_typename(L, t));
		if (t == LUA_TSTRING && sbx_tracing(L) &&
		    (st = take_text(r, L, -1, &TRACE, &res->trace[i - 1], "trace", i, e)) != RG_OK)
			return st;
		lua_pop(L, 1);
	}
	return RG_OK;
}

/* The re-grading flags of the result at idx. */
static rg_status check_flags(rules *r, lua_State *L, int idx, rule_result *res, rg_err *e)
{
	rg_status st;

	if ((st = open_list(L, idx, "flags", RULES_MAX_FLAGS, &res->nflags, e)) != RG_OK)
		return st;
	for (int i = 1; i <= res->nflags; i++) {
		rule_flag *fl = &res->flags[i - 1];
		char where[64];
		if (lua_geti(L, -1, i) != LUA_TTABLE)
			return err_set(e, RG_RULE, "result.flags[%d]: expected a table {code, label, "
				       "evidence}", i);
		if ((st = check_fields(L, -1, FLAG_FIELDS,
				       field_name(where, sizeof where, "flags", i, NULL), _("a flag"),
				       e)) != RG_OK ||
		    (st = get_text(r, L, -1, &FLAG[0], &fl->code, "flags", i, e)) != RG_OK ||
		    (st = get_text(r, L, -1, &FLAG[1], &fl->label, "flags", i, e)) != RG_OK ||
		    (st = get_text(r, L, -1, &FLAG[2], &fl->evidence, "flags", i, e)) != RG_OK)
			return st;
		lua_pop(L, 1);
		if (fl->code[0] == '\0')
			return err_set(e, RG_RULE, "result.flags[%d].code: expected a code, got an "
				       "empty string", i);
		for (int j = 0; j < i - 1; j++)
			if (strcmp(res->flags[j].code, fl->code) == 0)
				return err_set(e, RG_RULE, "result.flags[%d].code: \"%s\" again (as "
					       "flags[%d].code): a point has each flag once", i,
					       fl->code, j + 1);
	}
	return RG_OK;
}

/* The warnings of the result at idx. */
static rg_status check_warnings(rules *r, lua_State *L, int idx, rule_result *res, rg_err *e)
{
	rg_status st;
	long days;

	if ((st = open_list(L, idx, "warnings", RULES_MAX_WARNINGS, &res->nwarnings, e)) != RG_OK)
		return st;
	for (int i = 1; i <= res->nwarnings; i++) {
		rule_warning *w = &res->warnings[i - 1];
		char where[64];
		if (lua_geti(L, -1, i) != LUA_TTABLE)
			return err_set(e, RG_RULE, "result.warnings[%d]: expected a table {reason, "
				       "disposition, responsible, due, text}", i);
		if ((st = check_fields(L, -1, WARNING_FIELDS,
				       field_name(where, sizeof where, "warnings", i, NULL),
				       _("a warning"), e)) != RG_OK ||
		    (st = get_text(r, L, -1, &WARNING[0], &w->reason, "warnings", i, e)) != RG_OK ||
		    (st = get_text(r, L, -1, &WARNING[1], &w->disposition, "warnings", i, e)) !=
			    RG_OK ||
		    (st = get_text(r, L, -1, &WARNING[2], &w->responsible, "warnings", i, e)) !=
			    RG_OK ||
		    (st = get_text(r, L, -1, &WARNING[3], &w->due, "warnings", i, e)) != RG_OK ||
		    (st = get_text(r, L, -1, &WARNING[4], &w->text, "warnings", i, e)) != RG_OK)
			return st;
		lua_pop(L, 1);
		if (w->reason[0] == '\0')
			return err_set(e, RG_RULE, "result.warnings[%d].reason: expected why (预警事由), "
				       "got an empty string", i);
		if (vocab_index(vocab_disposition, VOCAB_DISPOSITIONS, w->disposition) < 0)
			return err_set(e, RG_RULE, "result.warnings[%d].disposition: expected 风险提示, "
				       "诫勉谈话 or 责令纠错, got \"%s\"", i, w->disposition);
		if (!date_parse(w->due, &days))
			return err_set(e, RG_RULE, "result.warnings[%d].due: expected a date "
				       "YYYY-MM-DD, got \"%s\"", i, w->due);
	}
	return RG_OK;
}

/* What p_check needs, and what it found. */
typedef struct {
	rules *r;
	rule_result *res;
	rg_status st; /* RG_RULE when the result is malformed (message in e) */
	rg_err *e;
} check_args;

/* Check the result at idx into a->res.  Reading it can run the pack's metamethods, whose
 * errors propagate: call it protected and under the CPU limit. */
static void check_result(lua_State *L, int idx, check_args *a)
{
	if (!lua_istable(L, idx))
		a->st = err_set(a->e, RG_RULE, "result: expected grade() to return a table, got %s",
				luaL_typename(L, idx));
	else if ((a->st = check_fields(L, idx, RESULT_FIELDS, "result", _("a result"), a->e)) ==
			 RG_OK &&
		 (a->st = check_grade(a->r, L, idx, a->res, a->e)) == RG_OK &&
		 (a->st = check_reasons(a->r, L, idx, a->res, a->e)) == RG_OK &&
		 (a->st = check_flags(a->r, L, idx, a->res, a->e)) == RG_OK)
		a->st = check_warnings(a->r, L, idx, a->res, a->e);
}

/* Check the result (argument 2) into a->res, protected. */
static int p_check(lua_State *L)
{
	check_result(L, 2, lua_touserdata(L, 1));
	return 0;
}

/* check_result(result), for the test harness: raise the message grade would stop with
 * (without the pack and point, which the harness names) if result is malformed. */
static int l_check_result(lua_State *L)
{
	rule_result res;
	rg_err e = {{0}};
	check_args a;

	lua_rawgetp(L, LUA_REGISTRYINDEX, &rules_key);
	a = (check_args){lua_touserdata(L, -1), &res, RG_OK, &e};
	lua_pop(L, 1);
	memset(&res, 0, sizeof res);
	arena_reset(&a.r->texts);
	lua_settop(L, 1);
	check_result(L, 1, &a);
	arena_reset(&a.r->texts);
	if (a.st != RG_OK) {
		lua_pushstring(L, e.msg);
		return lua_error(L);
	}
	return 0;
}

void rules_push_loader(rules *r)
{
	lua_rawgeti(r->L, LUA_REGISTRYINDEX, r->require_ref);
	lua_rawgeti(r->L, LUA_REGISTRYINDEX, r->sources_ref);
	lua_pushcfunction(r->L, l_check_result);
}

/* What p_lookup needs, and what it found. */
typedef struct {
	rules *r;
	const char *agency;
	int pack; /* the index of the agency's pack in r->packs, or -1 */
} lookup_args;

/* Push the grade function of the agency's pack and the pack, protected: a pack may serve
 * grade through __index.  Pushes nothing when the agency has no pack. */
static int p_lookup(lua_State *L)
{
	lookup_args *a = lua_touserdata(L, 1);

	lua_rawgeti(L, LUA_REGISTRYINDEX, a->r->names_ref);
	if (lua_getfield(L, -1, a->agency) != LUA_TNUMBER)
		return 0;
	a->pack = (int)lua_tointeger(L, -1);
	lua_rawgeti(L, LUA_REGISTRYINDEX, a->r->by_agency_ref);
	lua_getfield(L, -1, a->agency);
	lua_getfield(L, -1, "grade");
	lua_insert(L, -2); /* grade, pack */
	return 2;
}

rg_status rules_grade(rules *r, const char *code, const char *agency, rule_result *res,
		      rg_err *e)
{
	lua_State *L = r->L;
	lookup_args look = {r, agency, -1};
	check_args check = {r, res, RG_OK, e};
	rg_status st = RG_RULE;

	memset(res, 0, sizeof *res);
	if (r->pending != RG_OK)
		return err_set(e, r->pending, "%s", r->pending_err.msg);
	lua_settop(L, SLOT_POINT);
	if (protect(r, p_lookup, &look, 0, 2, true) != LUA_OK)
		goto failed;
	if (look.pack < 0) {
		st = err_set(e, RG_RULE, "internal: no pack for agency %s", agency);
		goto out;
	}
	res->pack = r->packs[look.pack].name;
	lua_pushvalue(L, SLOT_POINT);
	lua_rawgeti(L, LUA_REGISTRYINDEX, r->ctx_ref);
	if (sbx_call(L, 3, 1, true) != LUA_OK) /* the result goes to SLOT_RESULT */
		goto failed;
	lua_pushvalue(L, SLOT_RESULT);
	if (protect(r, p_check, &check, 1, 0, true) != LUA_OK)
		goto failed;
	st = check.st;
	if (st != RG_OK) /* where, only when something is wrong: this runs for every point */
		err_wrap(e, st, "%s: grade() for point %s", r->packs[look.pack].path, code);
	return st;
failed:
	err_set(e, RG_RULE, "%s\n(while grading point %s with %s)", sbx_error(L, -1), code,
		look.pack < 0 ? agency : r->packs[look.pack].path);
out:
	lua_settop(L, SBX_MSGH);
	return st;
}

/* ---- facts as plain data -------------------------------------------------------------- */

/* Push field name (len bytes) of the table on top of the stack, a table made there empty
 * if it is not one yet. */
static void sub_table(lua_State *L, const char *name, size_t len)
{
	lua_pushlstring(L, name, len);
	if (lua_rawget(L, -2) != LUA_TTABLE) {
		lua_pop(L, 1);
		lua_newtable(L);
		lua_pushlstring(L, name, len);
		lua_pushvalue(L, -2);
		lua_rawset(L, -4); /* row[name] = sub */
	}
}

/* Push the sub-table at path ("power", or "power.facts") of the table on top of the
 * stack, each made where missing; returns how many tables were pushed. */
static int sub_path(lua_State *L, const char *path)
{
	int depth = 1;

	for (const char *dot; (dot = strchr(path, '.')) != NULL; path = dot + 1, depth++)
		sub_table(L, path, (size_t)(dot - path));
	sub_table(L, path, strlen(path));
	return depth;
}

/* Set the fields v[0..n-1] of the table on top of the stack, as put_row() sets columns. */
static void put_values(lua_State *L, const rule_value *v, int n)
{
	const char *open = NULL; /* the path of the sub-table on the stack, NULL: none */
	int depth = 0;           /* the tables sub_path() pushed for it */

	for (int i = 0; i < n; i++, v++) {
		if (v->type == RULE_NIL)
			continue;
		/* The fields of a sub-table come one after the other: it stays on the stack
		 * from one to the next instead of being looked up for each. */
		if (open != NULL && (v->table == NULL || strcmp(v->table, open) != 0)) {
			lua_pop(L, depth);
			open = NULL;
			depth = 0;
		}
		if (v->table != NULL && open == NULL) {
			depth = sub_path(L, v->table);
			open = v->table;
		}
		if (v->type == RULE_TABLE) {
			sub_table(L, v->name, strlen(v->name));
			lua_pop(L, 1);
			continue;
		}
		lua_pushstring(L, v->name);
		switch (v->type) {
		case RULE_BOOL: lua_pushboolean(L, v->v.i != 0); break;
		case RULE_INT:  lua_pushinteger(L, (lua_Integer)v->v.i); break;
		case RULE_REAL: lua_pushnumber(L, v->v.d); break;
		default:        lua_pushstring(L, v->v.s); break;
		}
		lua_rawset(L, -3);
	}
	lua_pop(L, depth);
}

/* The facts of a new point from the rule_facts at argument 1: returns the table.
 * Protected. */
static int p_set_point(lua_State *L)
{
	const rule_facts *f = lua_touserdata(L, 1);

	lua_createtable(L, 0, f->size);
	put_values(L, f->fields, f->nfields);
	for (int k = 0; k < f->nlists; k++) {
		const rule_list *l = &f->lists[k];
		lua_newtable(L);
		for (int i = 0; i < l->nrows; i++) {
			lua_createtable(L, 0, l->ncols);
			put_values(L, l->rows + (size_t)i * (size_t)l->ncols, l->ncols);
			lua_seti(L, -2, i + 1);
		}
		lua_setfield(L, -2, l->key);
	}
	return 1;
}

void rules_set_point(rules *r, const rule_facts *f)
{
	r->pending = RG_OK;
	arena_reset(&r->texts); /* the texts of the last point's result */
	lua_settop(r->L, SBX_MSGH);
	snprintf(r->point, sizeof r->point, "?");
	for (int i = 0; i < f->nfields; i++)
		if (f->fields[i].table == NULL && f->fields[i].type == RULE_TEXT &&
		    strcmp(f->fields[i].name, "code") == 0)
			snprintf(r->point, sizeof r->point, "%s", f->fields[i].v.s);
	if (protect(r, p_set_point, (void *)f, 0, 1, false) != LUA_OK)
		facts_failed(r); /* else the table is at SLOT_POINT */
}

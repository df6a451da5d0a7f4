/*
 * rules.c: the contract with a rule pack (see rules/README.md): a rule state is a sandbox
 * (sandbox.c) in which the prelude loads packs and their inheritance; this file loads the
 * packs each agency uses, hands a pack one point's facts at a time (database rows become
 * Lua tables), calls its grade() and checks what it returns.
 * Depends on Lua, sandbox.h, pack.h, db.h, date.h, sha.h, status.h.
 */
#include "rules.h"

#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <lauxlib.h>
#include <lua.h>

#include "date.h"
#include "sandbox.h"

/* A pack that needs more than this for one state is broken, not busy. */
#define MEM_LIMIT ((size_t)256 << 20)

/* Stack slots while a point is being graded (SBX_MSGH, the message handler, is 1). */
#define SLOT_POINT 2  /* the facts of the current point */
#define SLOT_RESULT 3 /* what grade() returned */

#define MAX_PACKS 64

/* Generated from engine/prelude.lua and engine/packtest.lua (build/prelude.c). */
extern const char *const rg_prelude[];

struct rules {
	lua_State *L;              /* the sandboxed state (sandbox.h) */
	char dir[PATH_MAX];        /* the rule pack folder */
	int ctx_ref;               /* registry: the ctx table */
	int require_ref;           /* registry: the prelude's require_pack(name) */
	int parents_ref;           /* registry: the prelude's parents (name -> base name) */
	int by_agency_ref;         /* registry: agency code -> pack table */
	int names_ref;             /* registry: agency code -> pack name */
	rg_status load_status;     /* why the last loadpack() failed: RG_IO or RG_RULE */
	rule_pack packs[MAX_PACKS]; /* the packs loaded, in load order */
	int npacks;
};

void rules_set_trace(rules *r, bool on)
{
	sbx_set_trace(r->L, on);
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
	char chunkname[PACK_PATH_MAX + 1];
	rg_err e;

	luaL_checktype(L, 2, LUA_TTABLE);
	r->load_status = RG_RULE;
	if (!pack_valid_name(name))
		return luaL_error(L, "inherit: \"%s\" is not a pack name (\"default\" or an "
				  "agency code)", name);
	if (r->npacks == MAX_PACKS)
		return luaL_error(L, "more than %d rule packs", MAX_PACKS);
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
	if (lua_pcall(L, 1, 2, SBX_MSGH) != LUA_OK) {
		rg_status st = err_set(e, RG_RULE, "internal: %s", lua_tostring(L, -1));
		lua_settop(L, SBX_MSGH);
		return st;
	}
	r->parents_ref = luaL_ref(L, LUA_REGISTRYINDEX);
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
	snprintf(r->dir, sizeof r->dir, "%s", dir);
	r->L = sbx_open(MEM_LIMIT);
	if (r->L == NULL) {
		free(r);
		return err_set(e, RG_IO, "out of memory");
	}
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
 * above SBX_MSGH.  On failure the stack is back at SBX_MSGH. */
static rg_status push_pack(rules *r, const char *name, rg_err *e)
{
	lua_State *L = r->L;

	lua_settop(L, SBX_MSGH);
	lua_rawgeti(L, LUA_REGISTRYINDEX, r->require_ref);
	lua_pushstring(L, name);
	/* No traceback: a load error is the pack's file:line, or the file that is missing. */
	sbx_watch(L);
	int rc = lua_pcall(L, 1, 1, 0);
	sbx_unwatch();
	if (rc != LUA_OK) {
		rg_status st = err_set(e, r->load_status, "%s", lua_tostring(L, -1));
		lua_settop(L, SBX_MSGH);
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
	lua_settop(L, SBX_MSGH);
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
	sbx_watch(L);
	int rc = lua_pcall(L, nkeys + 2, nkeys + 1, SBX_MSGH);
	sbx_unwatch();
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
	lua_settop(L, SBX_MSGH);
	return st;
}

struct lua_State *rules_lua(rules *r)
{
	return r->L;
}

void rules_push_loader(rules *r)
{
	lua_rawgeti(r->L, LUA_REGISTRYINDEX, r->require_ref);
}

rg_status rules_load_failure(const rules *r)
{
	return r->load_status;
}

const char *rules_dir(const rules *r)
{
	return r->dir;
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
	sbx_close(r->L);
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
	lua_settop(r->L, SBX_MSGH);
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

/* The factors, score and tier of the result. */
static rg_status check_grade(lua_State *L, rule_result *res, const char *where, rg_err *e)
{
	rg_status st;

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
	return get_string(L, SLOT_RESULT, "tier", false, &res->tier, where, NULL, 0, e);
}

/* The reasons of the result, and where each came from when the run is tracing. */
static rg_status check_reasons(lua_State *L, rule_result *res, const char *where, rg_err *e)
{
	lua_Integer n;
	rg_status st;

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

	if (sbx_tracing(L) && lua_getfield(L, SLOT_RESULT, "trace") == LUA_TTABLE) {
		for (int i = 1; i <= res->nreasons; i++) {
			lua_geti(L, -1, i);
			res->trace[i - 1] = lua_type(L, -1) == LUA_TSTRING ? lua_tostring(L, -1) : NULL;
			lua_pop(L, 1); /* still held by the trace table, in the result */
		}
	}
	lua_settop(L, SLOT_RESULT);
	return RG_OK;
}

/* The re-grading flags of the result. */
static rg_status check_flags(lua_State *L, rule_result *res, const char *where, rg_err *e)
{
	lua_Integer n;
	rg_status st;

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
	return RG_OK;
}

/* The warnings of the result. */
static rg_status check_warnings(lua_State *L, rule_result *res, const char *where, rg_err *e)
{
	lua_Integer n;
	rg_status st;

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

/* Check the result at SLOT_RESULT into *res; where names it in messages ("result"). */
static rg_status check_result(lua_State *L, rule_result *res, const char *where, rg_err *e)
{
	rg_status st;

	if (!lua_istable(L, SLOT_RESULT))
		return err_set(e, RG_RULE, "%s: expected grade() to return a table, got %s", where,
			       luaL_typename(L, SLOT_RESULT));
	if ((st = check_grade(L, res, where, e)) != RG_OK ||
	    (st = check_reasons(L, res, where, e)) != RG_OK ||
	    (st = check_flags(L, res, where, e)) != RG_OK)
		return st;
	return check_warnings(L, res, where, e);
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
	sbx_watch(L);
	int rc = lua_pcall(L, 3, 1, SBX_MSGH);
	sbx_unwatch();
	if (rc != LUA_OK) {
		rg_status st = err_set(e, RG_RULE, "%s\n(while grading point %s with %s)",
				       lua_tostring(L, -1), code, rules_pack_path(r, name));
		lua_settop(L, SBX_MSGH);
		return st;
	}
	res->pack = name;
	rg_status st = check_result(L, res, "result", e);
	if (st != RG_OK) /* where, only when something is wrong: this runs for every point */
		err_wrap(e, st, "%s: grade() for point %s", rules_pack_path(r, name), code);
	return st;
}

/*
 * harness.c: `riskgrade test` and `riskgrade lint` (see harness.h).  Runs the embedded
 * engine/packtest.lua in a rule state after its prelude, with a line hook that records
 * coverage, and prints the reports it returns.  Depends on Lua, sandbox.h, rules.h,
 * pack.h, args.h, vocab.h.
 */
#include "harness.h"

#include <stdlib.h>
#include <string.h>

#include <lauxlib.h>
#include <lua.h>

#include "args.h"
#include "pack.h"
#include "sandbox.h"
#include "vocab.h"

#define MAX_PACKS 256

/* Generated from engine/prelude.lua and engine/packtest.lua (build/prelude.c). */
extern const char *const rg_prelude[];

/* Registry key of the coverage table: hits[source][line] = true for each line run. */
static const char hits_key = 'h';

/* Line hook of riskgrade test: note each line run. */
static void coverage_hook(lua_State *L, lua_Debug *ar)
{
	lua_getinfo(L, "S", ar);
	lua_rawgetp(L, LUA_REGISTRYINDEX, &hits_key);
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

/* source_of(name), for the lint harness: the text of the pack's file. */
static int l_source_of(lua_State *L)
{
	rules *r = lua_touserdata(L, lua_upvalueindex(1));
	char path[PACK_PATH_MAX];
	char *buf = NULL;
	size_t len = 0;
	rg_err e;

	pack_path(rules_dir(r), luaL_checkstring(L, 1), path, sizeof path);
	if (pack_read(path, &buf, &len, &e) != RG_OK) {
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
	lua_State *L = rules_lua(r);

	if (luaL_loadbufferx(L, rg_prelude[1], strlen(rg_prelude[1]), "=packtest", "t") !=
	    LUA_OK)
		return err_set(e, RG_RULE, "internal: %s", lua_tostring(L, -1));
	rules_push_loader(r);
	lua_pushcfunction(L, l_lines_of);
	lua_newtable(L);
	lua_pushvalue(L, -1);
	lua_rawsetp(L, LUA_REGISTRYINDEX, &hits_key);
	lua_pushlightuserdata(L, r);
	lua_pushcclosure(L, l_source_of, 1);
	if (lua_pcall(L, 4, 2, SBX_MSGH) != LUA_OK)
		return err_set(e, RG_RULE, "internal: %s", lua_tostring(L, -1));
	return RG_OK;
}

/* The failures of the report at index report, each with its expected/actual lines;
 * returns their number. */
static int print_failures(lua_State *L, int report, const char *name, FILE *out)
{
	int failures;

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
	lua_pop(L, 1);
	return failures;
}

/* One line per function of the pack with lines no case ran, as ranges: 127-130, 132. */
static void print_missed(lua_State *L, int report, FILE *out)
{
	lua_getfield(L, report, "missed");
	for (lua_Integer i = 1; i <= (lua_Integer)lua_rawlen(L, -1); i++) {
		lua_geti(L, -1, i);
		lua_getfield(L, -1, "name");
		fprintf(out, "  never run: pack:%s, line ", lua_tostring(L, -1));
		lua_getfield(L, -2, "lines");
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
}

/* Print one report of the harness (on top of the stack) for pack name; returns the number
 * of failing cases. */
static int print_report(rules *r, const char *name, FILE *out)
{
	lua_State *L = rules_lua(r);
	int report = lua_gettop(L), failures, ncases;

	lua_getfield(L, report, "cases");
	ncases = (int)lua_tointeger(L, -1);
	lua_pop(L, 1);
	failures = print_failures(L, report, name, out);
	fprintf(out, "%s (%s): %d case%s, %d failed\n", name, rules_pack_path(r, name), ncases,
		ncases == 1 ? "" : "s", failures);
	lua_getfield(L, report, "tiers");
	for (int i = 0; i < VOCAB_TIERS; i++) {
		if (lua_getfield(L, -1, vocab_tier[i]) == LUA_TNIL)
			fprintf(out, "  no case expects %s\n", vocab_tier[i]);
		lua_pop(L, 1);
	}
	lua_pop(L, 1);
	lua_getfield(L, report, "lines");
	lua_getfield(L, report, "run");
	fprintf(out, "  coverage: %d of %d lines of the pack's own functions run\n",
		(int)lua_tointeger(L, -1), (int)lua_tointeger(L, -2));
	lua_pop(L, 2);
	print_missed(L, report, out);
	return failures;
}

rg_status harness_lint(rules *r, const char *name, FILE *out, int *findings, rg_err *e)
{
	lua_State *L = rules_lua(r);
	rg_status st;

	*findings = 0;
	lua_settop(L, SBX_MSGH);
	if ((st = load_harness(r, e)) != RG_OK)
		goto out;
	lua_pushstring(L, name);
	sbx_watch(L);
	int rc = lua_pcall(L, 1, 1, 0);
	sbx_unwatch();
	if (rc != LUA_OK) {
		st = err_set(e, rules_load_failure(r), "%s", lua_tostring(L, -1));
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
	lua_settop(L, SBX_MSGH);
	return st;
}

rg_status harness_test(rules *r, const char *name, FILE *out, int *failures, rg_err *e)
{
	lua_State *L = rules_lua(r);
	rg_status st = RG_OK;

	*failures = 0;
	lua_settop(L, SBX_MSGH);
	if ((st = load_harness(r, e)) != RG_OK)
		goto out;
	lua_pop(L, 1); /* lint */
	lua_pushstring(L, name);
	/* No traceback: a failing case is reported by the harness; this is a load error. */
	sbx_set_line_hook(L, coverage_hook);
	sbx_set_trace(L, true); /* so the packs' trace code runs, and counts, too */
	sbx_watch(L);
	int rc = lua_pcall(L, 1, 1, 0);
	sbx_unwatch();
	sbx_set_line_hook(L, NULL);
	sbx_set_trace(L, false);
	lua_sethook(L, NULL, 0, 0);
	if (rc != LUA_OK) {
		st = err_set(e, rules_load_failure(r), "%s", lua_tostring(L, -1));
		goto out;
	}
	*failures = print_report(r, name, out);
out:
	lua_settop(L, SBX_MSGH);
	return st;
}

rg_status harness_command(int argc, char **argv, const char *usage, const char *help,
			  rg_status (*check)(rules *, const char *, FILE *, int *, rg_err *),
			  const char *what, rg_err *e)
{
	const char *pos[MAX_PACKS], *dir = NULL;
	arg_opt opts[] = {{"--rules", &dir, NULL}, {NULL, NULL, NULL}};
	char *names[MAX_PACKS];
	bool helped;
	int npos, n = 0, bad = 0;
	rg_status st;

	st = args_parse(argc, argv, opts, pos, 0, MAX_PACKS, &npos, &helped, usage, help, e);
	if (st != RG_OK || helped)
		return st;
	if (dir == NULL)
		dir = pack_default_dir();
	if (npos == 0)
		n = pack_list(dir, names, MAX_PACKS);
	else
		for (n = 0; n < npos; n++)
			names[n] = strdup(pos[n]);
	for (int i = 0; i < n && st == RG_OK; i++) {
		rules *r = NULL;
		int count = 0;
		/* A fresh state per pack: its coverage counts its own cases only. */
		if ((st = rules_open(dir, "1970-01-01", &r, e)) == RG_OK)
			st = check(r, names[i], stdout, &count, e);
		rules_close(r);
		bad += count;
	}
	for (int i = 0; i < n; i++)
		free(names[i]);
	if (st == RG_OK && bad > 0)
		st = err_set(e, RG_FAILED, "%d %s%s", bad, what, bad == 1 ? "" : "s");
	return st;
}

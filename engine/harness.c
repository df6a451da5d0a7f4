/*
 * harness.c: `riskgrade test` and `riskgrade lint` (see harness.h).  Runs the embedded
 * engine/packtest.lua in a rule state after its prelude, each case under its own CPU
 * limit and with a line hook that records coverage, and prints the reports it returns.
 * Every use of the state goes through sbx_call.  Depends on Lua, sandbox.h, rules.h,
 * pack.h, args.h, vocab.h, factdef.h, db.h (the declared facts of lint --db) and i18n.h.
 */
#include "harness.h"

#include <stdlib.h>
#include <string.h>

#include <lauxlib.h>
#include <lua.h>

#include "args.h"
#include "db.h"
#include "i18n.h"
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

/* Slots of the harness's functions on the stack, above SBX_MSGH (load_harness). */
enum { PREPARE = SBX_MSGH + 1, RUN_CASE, FAIL_CASE, FINISH, LINT, LINT_CASE, LINT_FAIL,
       LINT_FINISH, NFUNCTIONS = LINT_FINISH - SBX_MSGH };

/* Load the harness (engine/packtest.lua), protected: returns its functions.
 * Argument 1: the rules, whose loader and pack texts it is given. */
static int p_load(lua_State *L)
{
	rules *r = lua_touserdata(L, 1);

	if (luaL_loadbufferx(L, rg_prelude[1], strlen(rg_prelude[1]), "=packtest", "t") != LUA_OK)
		return lua_error(L);
	rules_push_loader(r); /* require_pack, the texts, check_result */
	lua_pushcfunction(L, l_lines_of);
	lua_insert(L, -3);
	lua_newtable(L); /* hits */
	lua_pushvalue(L, -1);
	lua_rawsetp(L, LUA_REGISTRYINDEX, &hits_key);
	lua_insert(L, -3);
	lua_call(L, 5, NFUNCTIONS);
	return NFUNCTIONS;
}

/* Load the harness: its functions go to slots PREPARE..LINT_FINISH. */
static rg_status load_harness(rules *r, rg_err *e)
{
	lua_State *L = rules_lua(r);

	lua_settop(L, SBX_MSGH);
	lua_pushcfunction(L, p_load);
	lua_pushlightuserdata(L, r);
	if (sbx_call(L, 1, NFUNCTIONS, true) != LUA_OK)
		return err_set(e, RG_RULE, "internal: %s", sbx_error(L, -1));
	return RG_OK;
}

/* fn(name) -> one result, protected (pushing the name allocates).  Arguments: the name
 * (a C string) and fn. */
static int p_with_name(lua_State *L)
{
	lua_pushstring(L, lua_touserdata(L, 1));
	lua_call(L, 1, 1);
	return 1;
}

/* Call the harness function at slot fn with pack name, no traceback: an error is a load
 * error, reported as the pack's file and line.  Leaves the result on the stack. */
static rg_status call_with_name(rules *r, int fn, const char *name, rg_err *e)
{
	lua_State *L = rules_lua(r);

	lua_pushcfunction(L, p_with_name);
	lua_pushlightuserdata(L, (void *)name);
	lua_pushvalue(L, fn);
	if (sbx_call(L, 2, 1, false) != LUA_OK)
		return err_set(e, rules_load_failure(r), "%s", sbx_error(L, -1));
	return RG_OK;
}

/* lint(name, declared), protected: the declared facts as a list of { name, sheet, table }
 * (nil without --db).  Arguments: the name (a C string), the harness_ctx and lint. */
static int p_lint(lua_State *L)
{
	const harness_ctx *ctx = lua_touserdata(L, 2);

	lua_pushvalue(L, 3);
	lua_pushstring(L, lua_touserdata(L, 1));
	if (ctx->facts == NULL) {
		lua_pushnil(L);
	} else {
		lua_createtable(L, ctx->facts->n, 0);
		for (int i = 0; i < ctx->facts->n; i++) {
			const fact_def *f = &ctx->facts->v[i];
			lua_createtable(L, 0, 3);
			lua_pushstring(L, f->name);
			lua_setfield(L, -2, "name");
			lua_pushstring(L, f->sheet);
			lua_setfield(L, -2, "sheet");
			lua_pushstring(L, f->table);
			lua_setfield(L, -2, "table");
			lua_rawseti(L, -2, i + 1);
		}
	}
	lua_call(L, 2, 1);
	return 1;
}

/* What the printers need, and what they count. */
typedef struct {
	rules *r;
	const char *name; /* the pack */
	FILE *out;
	int count;        /* failing cases, or findings */
} print_args;

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
		fprintf(out, _("FAIL %s: %s\n"), name, lua_tostring(L, -1));
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
		/* TRANSLATORS: followed by line numbers and ranges: "127-130, 132". */
		fprintf(out, _("  never run: pack:%s, line "), lua_tostring(L, -1));
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

/* Print the report of the harness (argument 2) for pack a->name, protected; a->count is
 * set to the number of failing cases. */
static int p_report(lua_State *L)
{
	print_args *a = lua_touserdata(L, 1);
	int report = 2, ncases, lines;

	lua_getfield(L, report, "cases");
	ncases = (int)lua_tointeger(L, -1);
	lua_pop(L, 1);
	a->count = print_failures(L, report, a->name, a->out);
	fprintf(a->out, ngettext("%s (%s): %d case, %d failed\n",
				 "%s (%s): %d cases, %d failed\n", ncases),
		a->name, rules_pack_path(a->r, a->name), ncases, a->count);
	lua_getfield(L, report, "tiers");
	for (int i = 0; i < VOCAB_TIERS; i++) {
		if (lua_getfield(L, -1, vocab_tier[i]) == LUA_TNIL)
			fprintf(a->out, _("  no case expects %s\n"), vocab_tier[i]);
		lua_pop(L, 1);
	}
	lua_pop(L, 1);
	lua_getfield(L, report, "lines");
	lua_getfield(L, report, "run");
	lines = (int)lua_tointeger(L, -2);
	fprintf(a->out, ngettext("  coverage: %d of %d line of the pack's own functions run\n",
				 "  coverage: %d of %d lines of the pack's own functions run\n",
				 lines), (int)lua_tointeger(L, -1), lines);
	lua_pop(L, 2);
	print_missed(L, report, a->out);
	return 0;
}

/* Print the findings of lint (argument 2) for pack a->name, protected; a->count is set to
 * their number. */
static int p_findings(lua_State *L)
{
	print_args *a = lua_touserdata(L, 1);

	a->count = (int)lua_rawlen(L, 2);
	for (int i = 1; i <= a->count; i++) {
		lua_geti(L, 2, i);
		fprintf(a->out, "%s: %s\n", rules_pack_path(a->r, a->name), lua_tostring(L, -1));
		lua_pop(L, 1);
	}
	fprintf(a->out, ngettext("%s (%s): %d finding\n", "%s (%s): %d findings\n", a->count),
		a->name, rules_pack_path(a->r, a->name), a->count);
	return 0;
}

/* Print what is on top of the stack with printer, protected. */
static rg_status print(rules *r, lua_CFunction printer, print_args *a, rg_err *e)
{
	lua_State *L = rules_lua(r);

	lua_pushcfunction(L, printer);
	lua_insert(L, -2);
	lua_pushlightuserdata(L, a);
	lua_insert(L, -2);
	if (sbx_call(L, 2, 0, true) != LUA_OK)
		return err_set(e, RG_RULE, "%s\n(while reporting on %s)", sbx_error(L, -1),
			       rules_pack_path(r, a->name));
	return RG_OK;
}

/* Run the cases prepared, each under its own CPU limit, with the harness functions at
 * slots run (run_case or lint_case) and fail (fail_case or lint_fail): a case that fails
 * to run (an error, the limit) is handed to fail with its error. */
static rg_status run_cases(rules *r, const char *name, int ncases, int run, int fail,
			   rg_err *e)
{
	lua_State *L = rules_lua(r);

	for (int i = 1; i <= ncases; i++) {
		lua_pushvalue(L, run);
		lua_pushinteger(L, i);
		if (sbx_call(L, 1, 0, false) == LUA_OK)
			continue;
		lua_pushvalue(L, fail); /* fail(i, error) */
		lua_insert(L, -2);
		lua_pushinteger(L, i);
		lua_insert(L, -2);
		if (sbx_call(L, 2, 0, false) != LUA_OK)
			return err_set(e, RG_RULE, "%s\n(while recording a failed case of %s)",
				       sbx_error(L, -1), rules_pack_path(r, name));
	}
	return RG_OK;
}

/* Call the harness function at slot fn with no arguments, for its one result (a report
 * or the findings), on top of the stack. */
static rg_status call_finish(rules *r, int fn, rg_err *e)
{
	lua_State *L = rules_lua(r);

	lua_pushvalue(L, fn);
	if (sbx_call(L, 0, 1, true) != LUA_OK)
		return err_set(e, RG_RULE, "internal: %s", sbx_error(L, -1));
	return RG_OK;
}

rg_status harness_lint(rules *r, const char *name, const harness_ctx *ctx, FILE *out,
		       int *findings, rg_err *e)
{
	lua_State *L = rules_lua(r);
	print_args a = {r, name, out, 0};
	int ncases;
	rg_status st;

	if ((st = load_harness(r, e)) != RG_OK)
		goto out;
	/* No traceback: an error is a load error, the pack's file and line. */
	lua_pushcfunction(L, p_lint);
	lua_pushlightuserdata(L, (void *)name);
	lua_pushlightuserdata(L, (void *)ctx);
	lua_pushvalue(L, LINT);
	if (sbx_call(L, 3, 1, false) != LUA_OK) {
		st = err_set(e, rules_load_failure(r), "%s", sbx_error(L, -1));
		goto out;
	}
	ncases = (int)lua_tointeger(L, -1);
	lua_pop(L, 1);
	if ((st = run_cases(r, name, ncases, LINT_CASE, LINT_FAIL, e)) != RG_OK ||
	    (st = call_finish(r, LINT_FINISH, e)) != RG_OK)
		goto out;
	st = print(r, p_findings, &a, e);
out:
	*findings = a.count;
	lua_settop(L, SBX_MSGH);
	return st;
}

rg_status harness_test(rules *r, const char *name, const harness_ctx *ctx, FILE *out,
			int *failures, rg_err *e)
{
	lua_State *L = rules_lua(r);
	print_args a = {r, name, out, 0};
	rg_status st;

	(void)ctx; /* the cases carry their own facts */
	if ((st = load_harness(r, e)) != RG_OK)
		goto out;
	sbx_set_line_hook(L, coverage_hook);
	sbx_set_trace(L, true); /* so the packs' trace code runs, and counts, too */
	if ((st = call_with_name(r, PREPARE, name, e)) != RG_OK)
		goto out;
	int ncases = (int)lua_tointeger(L, -1);
	lua_pop(L, 1);
	if ((st = run_cases(r, name, ncases, RUN_CASE, FAIL_CASE, e)) != RG_OK ||
	    (st = call_finish(r, FINISH, e)) != RG_OK)
		goto out;
	sbx_set_line_hook(L, NULL);
	st = print(r, p_report, &a, e);
out:
	sbx_set_line_hook(L, NULL);
	sbx_set_trace(L, false);
	lua_sethook(L, NULL, 0, 0);
	*failures = a.count;
	lua_settop(L, SBX_MSGH);
	return st;
}

/* The facts declared in the database at path, into *facts. */
static rg_status read_declared(const char *path, fact_defs *facts, rg_err *e)
{
	db *d = NULL;
	rg_status st = db_open(path, &d, e);

	if (st == RG_OK)
		st = factdef_load(d, NULL, facts, e);
	db_close(d);
	return st;
}

rg_status harness_command(int argc, char **argv, const char *usage, const char *help,
			  rg_status (*check)(rules *, const char *, const harness_ctx *, FILE *,
					     int *, rg_err *),
			  bool with_db, rg_err *e)
{
	const char *pos[MAX_PACKS], *dir = NULL, *db_path = NULL;
	arg_opt opts[] = {{"--rules", &dir, NULL}, {"--db", &db_path, NULL},
			  {NULL, NULL, NULL}};
	char *names[MAX_PACKS];
	fact_defs facts = {NULL, 0};
	harness_ctx ctx = {NULL};
	bool helped;
	int npos, n = 0, bad = 0;
	rg_status st;

	if (!with_db)
		opts[1].name = NULL;
	st = args_parse(argc, argv, opts, pos, 0, MAX_PACKS, &npos, &helped, usage, help, e);
	if (st != RG_OK || helped)
		return st;
	if (db_path != NULL) {
		if ((st = read_declared(db_path, &facts, e)) != RG_OK)
			return st;
		ctx.facts = &facts;
	}
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
			st = check(r, names[i], &ctx, stdout, &count, e);
		rules_close(r);
		bad += count;
	}
	for (int i = 0; i < n; i++)
		free(names[i]);
	factdef_free(&facts);
	if (st == RG_OK && bad > 0)
		st = err_set(e, RG_FAILED, check == harness_lint
			     ? ngettext("%d finding", "%d findings", bad)
			     : ngettext("%d failing case", "%d failing cases", bad), bad);
	return st;
}

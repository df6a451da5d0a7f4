/*
 * test_rules.c: engine/rules.c with real Lua and a real SQLite row as the facts: how rows
 * become Lua tables, the sandbox (one case per escape attempt), result checking (and
 * hostile results: metamethods that raise, strings freed behind the engine's back, a
 * pack that fills the memory cap), and the date library.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>

#include "db.h"
#include "rules.h"

/* A temporary folder holding default.lua and a database for the facts. */
typedef struct {
	char dir[64];
	char db_path[96];
	db *d;
	db_stmt *row;
	rules *r; /* the last pack loaded: its results live until it is closed */
} fixture;

static int setup(void **state)
{
	fixture *f = calloc(1, sizeof *f);
	int applied;

	assert_non_null(f);
	strcpy(f->dir, "/tmp/rg-test-rules-XXXXXX");
	assert_non_null(mkdtemp(f->dir));
	snprintf(f->db_path, sizeof f->db_path, "%s/t.db", f->dir);
	assert_int_equal(db_init(f->db_path, &applied, NULL), RG_OK);
	assert_int_equal(db_open(f->db_path, &f->d, NULL), RG_OK);
	/* One point's facts as the grade query shapes them. */
	assert_int_equal(db_prepare(f->d,
				    "SELECT 'FX-1' AS code, '岗位' AS level, NULL AS approved_tier,"
				    " 'QL-1' AS \"power.code\", 1 AS \"power.major?\","
				    " 0 AS \"post.flag?\", 12.5 AS \"power.funds\","
				    " NULL AS \"department.code\", 7 AS n",
				    &f->row, NULL),
			 RG_OK);
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	fixture *f = *state;
	char path[128];

	rules_close(f->r);
	db_finalize(f->row);
	db_close(f->d);
	unlink(f->db_path);
	snprintf(path, sizeof path, "%s/default.lua", f->dir);
	unlink(path);
	rmdir(f->dir);
	free(f);
	return 0;
}

static void write_pack(const fixture *f, const char *text, size_t len)
{
	char path[128];
	FILE *out;

	snprintf(path, sizeof path, "%s/default.lua", f->dir);
	out = fopen(path, "wb");
	assert_non_null(out);
	assert_int_equal(fwrite(text, 1, len, out), len);
	assert_int_equal(fclose(out), 0);
}

/* Load pack text and grade the fixture's row with it.  The pack stays loaded in f->r, so
 * the strings of *res stay valid until the next call or the teardown. */
static rg_status grade_with(fixture *f, const char *text, rule_result *res, rg_err *e)
{
	bool row;
	rg_status st;

	rules_close(f->r);
	f->r = NULL;
	write_pack(f, text, strlen(text));
	assert_int_equal(rules_open(f->dir, "2026-12-01", &f->r, NULL), RG_OK);
	st = rules_use(f->r, "A", "default", e);
	if (st != RG_OK)
		return st;
	db_reset(f->row);
	assert_int_equal(db_step(f->row, &row, NULL), RG_OK);
	assert_true(row);
	rules_begin_point(f->r, f->row);
	return rules_grade(f->r, "FX-1", "A", res, e);
}

#define OK_RESULT \
	"{ factors = { importance = 1, discretion = 2, likelihood = 3, harm = 4 }," \
	"  score = 10, tier = '三级' }"

/* The pack reports what it saw as reasons, so the test can read the facts back. */
static void test_facts_become_tables(void **state)
{
	fixture *f = *state;
	rule_result res;
	rg_err e = {{0}};
	static const char pack[] =
		"return { grade = function(self, p, ctx)\n"
		"  local r = " OK_RESULT "\n"
		"  r.reasons = { p.code, p.level, tostring(p.approved_tier),\n"
		"    p.power.code, tostring(p.power.major), tostring(p.post.flag),\n"
		"    math.type(p.power.funds), math.type(p.n), tostring(p.department), ctx.as_of }\n"
		"  return r\n"
		"end }\n";
	static const char *const want[] = {
		"FX-1", "岗位", "nil", "QL-1", "true", "false", "float", "integer", "nil",
		"2026-12-01",
	};

	if (grade_with(f, pack, &res, &e) != RG_OK)
		fail_msg("%s", e.msg);
	assert_int_equal(res.nreasons, 10);
	for (int i = 0; i < 10; i++)
		assert_string_equal(res.reasons[i], want[i]);
	assert_int_equal(res.importance, 1);
	assert_int_equal(res.discretion, 2);
	assert_int_equal(res.likelihood, 3);
	assert_int_equal(res.harm, 4);
	assert_string_equal(res.tier, "三级");
	assert_true(res.score == 10.0);
}

/* A method unlike the default: no national factor, three of its own (in any order in the
 * pack's table, sorted by name here), a fractional score and its own level. */
static void test_own_factors_and_level(void **state)
{
	fixture *f = *state;
	rule_result res;
	rg_err e = {{0}};
	static const char pack[] =
		"return { grade = function(self, p, ctx)\n"
		"  return { factors = { ['E（频繁程度）'] = 0.5, C = 40, L = 1, harm = 2 },\n"
		"           score = 0.05, tier = '三级', level = '稍有危险' }\n"
		"end }\n";

	if (grade_with(f, pack, &res, &e) != RG_OK)
		fail_msg("%s", e.msg);
	assert_int_equal(res.importance, 0);
	assert_int_equal(res.discretion, 0);
	assert_int_equal(res.likelihood, 0);
	assert_int_equal(res.harm, 2);
	assert_int_equal(res.nfactors, 3);
	assert_string_equal(res.factors[0].name, "C");
	assert_true(res.factors[0].value == 40.0);
	assert_string_equal(res.factors[1].name, "E（频繁程度）");
	assert_true(res.factors[1].value == 0.5);
	assert_string_equal(res.factors[2].name, "L");
	assert_true(res.factors[2].value == 1.0);
	assert_true(res.score == 0.05);
	assert_string_equal(res.tier, "三级");
	assert_string_equal(res.level, "稍有危险");
	/* Without factors or level: none of either. */
	if (grade_with(f, "return { grade = function() return { score = 3, tier = '二级' } end }",
		       &res, &e) != RG_OK)
		fail_msg("%s", e.msg);
	assert_int_equal(res.nfactors + res.importance + res.discretion + res.likelihood +
			 res.harm, 0);
	assert_null(res.level);
}

/* Plain-data facts with tables in tables (rules_set_point): p.facts is a table even
 * empty, p.power.facts holds the power's declared facts, a table made by an earlier
 * value is not replaced. */
static void test_nested_facts(void **state)
{
	fixture *f = *state;
	rule_result res;
	rg_err e = {{0}};
	static const char pack[] =
		"return { grade = function(self, p, ctx)\n"
		"  return { score = 1, tier = '三级', reasons = { type(p.facts),\n"
		"    tostring(next(p.facts)), p.power.code, tostring(p.power.facts.often),\n"
		"    tostring(p.power.facts.cash), math.type(p.power.facts.n), type(p.post) } }\n"
		"end }\n";
	const rule_value fields[] = {
		{NULL, "code", RULE_TEXT, {.s = "FX-1"}},
		{"power", "code", RULE_TEXT, {.s = "QL-1"}},
		{NULL, "facts", RULE_TABLE, {0}},
		{"power", "facts", RULE_TABLE, {0}},
		{"power.facts", "often", RULE_TEXT, {.s = "每天"}},
		{"power.facts", "cash", RULE_BOOL, {.i = 1}},
		{"power", "facts", RULE_TABLE, {0}}, /* already a table: kept */
		{"power.facts", "n", RULE_INT, {.i = 3}},
	};
	const rule_facts facts = {fields, 8, 2, NULL, 0};
	static const char *const want[] = {"table", "nil", "QL-1", "每天", "true", "integer",
					   "nil"};

	rules_close(f->r);
	f->r = NULL;
	write_pack(f, pack, strlen(pack));
	assert_int_equal(rules_open(f->dir, "2026-12-01", &f->r, NULL), RG_OK);
	assert_int_equal(rules_use(f->r, "A", "default", NULL), RG_OK);
	rules_set_point(f->r, &facts);
	if (rules_grade(f->r, "FX-1", "A", &res, &e) != RG_OK)
		fail_msg("%s", e.msg);
	assert_int_equal(res.nreasons, 7);
	for (int i = 0; i < 7; i++)
		assert_string_equal(res.reasons[i], want[i]);
}

/* A pack's name is a name, not a path, where inherit is allowed: at the top of a pack. */
static void test_inherit_path_refused(void **state)
{
	fixture *f = *state;
	rule_result res;
	rg_err e = {{0}};

	assert_int_equal(grade_with(f, "local base = inherit('../../etc/passwd')\nreturn base\n",
				    &res, &e),
			 RG_RULE);
	if (strstr(e.msg, "is not a pack name") == NULL)
		fail_msg("message \"%s\" lacks \"is not a pack name\"", e.msg);
}

/* Each escape attempt must stop the run with a message that names what was refused. */
static void test_sandbox_escapes(void **state)
{
	static const struct {
		const char *attempt;
		const char *message;
	} cases[] = {
		{"io.open('/etc/passwd')", "global 'io'"},
		{"os.time()", "global 'os'"},
		{"os.execute('true')", "global 'os'"},
		{"dofile('/etc/passwd')", "global 'dofile'"},
		{"loadfile('/etc/passwd')", "global 'loadfile'"},
		{"load('return 1')", "global 'load'"},
		{"require('os')", "global 'require'"},
		{"package.loadlib('x', 'y')", "global 'package'"},
		{"debug.getinfo(1)", "global 'debug'"},
		{"string.dump(function() end)", "field 'dump'"},
		{"('x'):dump()", "method 'dump'"},
		{"getmetatable('').__index.dump(print)", "index a boolean value"},
		{"string.rep = nil", "the library 'string' is read-only (field 'rep')"},
		{"leaked = 1", "assignment to the global 'leaked': declare it local"},
		/* From grade(), any inherit is refused; at the top, a path (below). */
		{"inherit('../../etc/passwd')", "only at the top of a pack"},
		{"inherit('default')", "only at the top of a pack"},
		{"math.random()", "field 'random'"},
		{"math.randomseed(1)", "field 'randomseed'"},
		{"collectgarbage('count')", "global 'collectgarbage'"},
		/* Lua's own patterns backtrack inside C, out of the hook's reach. */
		{"string.match('a', 'a')", "field 'match'"},
		{"('a'):gsub('a', 'b')", "method 'gsub'"},
		{"for w in string.gmatch('a b', '%a') do end", "field 'gmatch'"},
		/* The library and compiled patterns cannot be reached behind. */
		{"getmetatable(re.compile('x')).__gc()", "field '__gc'"},
	};
	fixture *f = *state;

	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		char pack[512];
		rule_result res;
		rg_err e = {{0}};
		snprintf(pack, sizeof pack,
			 "return { grade = function(self, p, ctx)\n  %s\n  return " OK_RESULT "\nend }\n",
			 cases[i].attempt);
		assert_int_equal(grade_with(f, pack, &res, &e), RG_RULE);
		if (strstr(e.msg, cases[i].message) == NULL || strstr(e.msg, "FX-1") == NULL)
			fail_msg("%s: message \"%s\" lacks \"%s\" or the point", cases[i].attempt, e.msg,
				 cases[i].message);
		/* The pack's file and line 2, where the attempt is. */
		assert_non_null(strstr(e.msg, "default.lua:2:"));
	}
}

static void test_binary_chunk_refused(void **state)
{
	fixture *f = *state;
	static const char chunk[] = "\x1bLua\x54\x00\x19\x93\r\n\x1a\n";
	rules *r = NULL;
	rg_err e = {{0}};

	write_pack(f, chunk, sizeof chunk - 1);
	assert_int_equal(rules_open(f->dir, "2026-12-01", &r, NULL), RG_OK);
	assert_int_equal(rules_use(r, "A", "default", &e), RG_RULE);
	assert_non_null(strstr(e.msg, "binary chunk"));
	rules_close(r);
}

static void test_memory_cap(void **state)
{
	fixture *f = *state;
	rule_result res;
	rg_err e = {{0}};
	/* Doubling a string passes 256 MiB after 28 rounds; the cap must stop it. */
	static const char pack[] =
		"return { grade = function(self, p, ctx)\n"
		"  local s = 'x'\n"
		"  for i = 1, 40 do s = s .. s end\n"
		"  return " OK_RESULT "\n"
		"end }\n";

	assert_int_equal(grade_with(f, pack, &res, &e), RG_RULE);
	assert_non_null(strstr(e.msg, "not enough memory"));
}

/* Malformed results: each names the field and what was expected. */
static void test_bad_results(void **state)
{
	static const struct {
		const char *result;
		const char *message;
	} cases[] = {
		{"nil", "expected grade() to return a table, got nil"},
		{"{ factors = 'x', score = 1, tier = '一级' }",
		 "result.factors: expected a table of factors, got string"},
		{"{ factors = { importance = 0, discretion = 1, likelihood = 1, harm = 1 },"
		 " score = 1, tier = '一级' }", "factors.importance: expected a whole number 1-5 (or no "
		 "importance: a method that does not use it leaves it out), got 0"},
		{"{ factors = { importance = 1, discretion = 2.5, likelihood = 1, harm = 1 },"
		 " score = 1, tier = '一级' }", "factors.discretion: expected a whole number 1-5 (or no "
		 "discretion: a method that does not use it leaves it out), got 2.5"},
		{"{ factors = { harm = 6 }, score = 1, tier = '一级' }",
		 "factors.harm: expected a whole number 1-5"},
		{"{ factors = { importance = 1, discretion = 1, likelihood = 1, harm = 1 },"
		 " tier = '一级' }", "result.score: expected a number"},
		{"{ factors = { importance = 1, discretion = 1, likelihood = 1, harm = 1 },"
		 " score = 1, tier = 1 }", "result.tier: expected a string, got number"},
		{"{ factors = { importance = 1, discretion = 1, likelihood = 1, harm = 1 },"
		 " score = 1, tier = '一级', reasons = 'x' }", "result.reasons: expected a list"},
		{"{ factors = { importance = 1, discretion = 1, likelihood = 1, harm = 1 },"
		 " score = 1, tier = '一级', reasons = { 1 } }", "result.reasons[1]: expected a string"},
		{"{ factors = { importance = 1, discretion = 1, likelihood = 1, harm = 1 },"
		 " score = 1, tier = '一级', flags = { { label = 'l', evidence = 'e' } } }",
		 "result.flags[1].code: expected a string, got nil"},
		{"{ factors = { importance = 1, discretion = 1, likelihood = 1, harm = 1 },"
		 " score = 1, tier = '一级', warnings = { { reason = 'r', disposition = '风险提示',"
		 " due = '2026-02-30', text = 't' } } }",
		 "result.warnings[1].due: expected a date YYYY-MM-DD, got \"2026-02-30\""},
		{"{ factors = { importance = 1, discretion = 1, likelihood = 1, harm = 1 },"
		 " score = 1, tier = '一级', flags = (function() local t = {} for i = 1, 33 do"
		 " t[i] = { code = 'c' .. i, label = 'l', evidence = 'e' } end return t end)() }",
		 "result.flags: more than 32 entries"},
		/* A score must be a finite number: not NaN, not infinite, not a string. */
		{"{ factors = { importance = 1, discretion = 1, likelihood = 1, harm = 1 },"
		 " score = 0/0, tier = '一级' }", "result.score: expected a finite number, got nan"},
		{"{ factors = { importance = 1, discretion = 1, likelihood = 1, harm = 1 },"
		 " score = math.huge, tier = '一级' }", "result.score: expected a finite number, got inf"},
		{"{ factors = { importance = 1, discretion = 1, likelihood = 1, harm = 1 },"
		 " score = -1/0, tier = '一级' }", "result.score: expected a finite number, got -inf"},
		{"{ factors = { importance = 1, discretion = 1, likelihood = 1, harm = 1 },"
		 " score = '4.80', tier = '一级' }",
		 "result.score: expected a number, got the string \"4.80\""},
		{"{ factors = { importance = '3', discretion = 1, likelihood = 1, harm = 1 },"
		 " score = 1, tier = '一级' }",
		 "result.factors.importance: expected a whole number 1-5 (or no importance: a method "
		 "that does not use it leaves it out), got the string \"3\""},
		/* Limits on the number and the length of texts, and no control characters. */
		{"{ factors = { importance = 1, discretion = 1, likelihood = 1, harm = 1 },"
		 " score = 1, tier = '一级', reasons = (function() local t = {} for i = 1, 65 do"
		 " t[i] = 'r' end return t end)() }", "result.reasons: more than 64 entries"},
		{"{ factors = { importance = 1, discretion = 1, likelihood = 1, harm = 1 },"
		 " score = 1, tier = '一级', warnings = (function() local t = {} for i = 1, 17 do"
		 " t[i] = { reason = 'r', disposition = '风险提示', due = '2026-12-16', text = 't' }"
		 " end return t end)() }", "result.warnings: more than 16 entries"},
		/* 4000 Chinese characters (12000 bytes) pass; 4001 do not. */
		{"{ factors = { importance = 1, discretion = 1, likelihood = 1, harm = 1 },"
		 " score = 1, tier = '一级', reasons = { ('理'):rep(4000), ('由'):rep(4001) } }",
		 "result.reasons[2]: 4001 characters, more than 4000"},
		{"{ factors = { importance = 1, discretion = 1, likelihood = 1, harm = 1 },"
		 " score = 1, tier = '一级', warnings = { { reason = ('事'):rep(1001),"
		 " disposition = '风险提示', due = '2026-12-16', text = 't' } } }",
		 "result.warnings[1].reason: 1001 characters, more than 1000"},
		{"{ factors = { importance = 1, discretion = 1, likelihood = 1, harm = 1 },"
		 " score = 1, tier = '一级', flags = { { code = 'c', label = 'l',"
		 " evidence = ('证'):rep(4001) } } }",
		 "result.flags[1].evidence: 4001 characters, more than 4000"},
		{"{ factors = { importance = 1, discretion = 1, likelihood = 1, harm = 1 },"
		 " score = 1, tier = '一级', reasons = { 'a', '第一行\\n第二行' } }",
		 "result.reasons[2]: contains the control character U+000A: it must be one line"},
		{"{ factors = { importance = 1, discretion = 1, likelihood = 1, harm = 1 },"
		 " score = 1, tier = '一级', flags = { { code = 'c\\0d', label = 'l', evidence = 'e' } } }",
		 "result.flags[1].code: contains the control character U+0000"},
		{"{ factors = { importance = 1, discretion = 1, likelihood = 1, harm = 1 },"
		 " score = 1, tier = '一级', warnings = { { reason = 'r', disposition = '风险提示',"
		 " due = '2026-12-16', text = '见\\27[31m红字' } } }",
		 "result.warnings[1].text: contains the control character U+001B: only tab and newline"},
		/* A field the engine does not read is an error, not silently lost (issue 12). */
		{"{ factors = { importance = 1, discretion = 1, likelihood = 1, harm = 1 },"
		 " score = 1, tier = '一级', levle = '重大' }",
		 "result.levle: unknown field: a result has factors, score, tier, level, reasons, "
		 "trace, flags, warnings and recheck_on"},
		{"{ factors = { importance = 1, discretion = 1, likelihood = 1, harm = 1 },"
		 " score = 1, tier = '一级', note = 'x', label = 'y', [1] = 'z' }",
		 "result: unknown fields [1], label, note: a result has factors"},
		/* A zero byte in a name: not the field or factor it starts like. */
		{"{ factors = { importance = 1, discretion = 1, likelihood = 1, harm = 1 },"
		 " score = 1, tier = '一级', ['tier\\0x'] = '三级' }",
		 "result.tier: unknown field: a result has factors"},
		{"{ factors = { importance = 1, discretion = 1, likelihood = 1, harm = 1,"
		 " ['importance\\0a'] = 5 }, score = 1, tier = '一级' }",
		 "result.factors[\"importance\"]: contains the control character U+0000"},
		/* The method's own factors: named by a line of text, each a finite number. */
		{"{ factors = { importance = 1, [2.5] = 1 }, score = 1, tier = '一级' }",
		 "result.factors[2.5]: a factor is named by a string"},
		{"{ factors = { L = 'x' }, score = 1, tier = '一级' }",
		 "result.factors[\"L\"]: expected a finite number, got the string \"x\""},
		{"{ factors = { L = 0/0 }, score = 1, tier = '一级' }",
		 "result.factors[\"L\"]: expected a finite number, got nan"},
		{"{ factors = { ['第一\\n第二'] = 1 }, score = 1, tier = '一级' }",
		 "result.factors[1]: contains the control character U+000A"},
		{"{ factors = { [('因'):rep(33)] = 1 }, score = 1, tier = '一级' }",
		 "result.factors[1]: 33 characters, more than 32"},
		{"{ factors = (function() local t = {} for i = 1, 17 do t['f' .. i] = i end"
		 " return t end)(), score = 1, tier = '一级' }",
		 "result.factors: more than 16 factors of the method's own"},
		/* level: the method's name for the grade, a line of text. */
		{"{ score = 1, tier = '一级', level = 5 }", "result.level: expected a string, got number"},
		{"{ score = 1, tier = '一级', level = '' }",
		 "result.level: expected the method's name for the grade (or no level), got an empty "
		 "string"},
		{"{ score = 1, tier = '一级', level = ('重'):rep(33) }",
		 "result.level: 33 characters, more than 32"},
		{"{ factors = { importance = 1, discretion = 1, likelihood = 1, harm = 1 },"
		 " score = 1, tier = '一级', flags = { { code = 'c', label = 'l', evidence = 'e',"
		 " lable = 'x' } } }",
		 "result.flags[1].lable: unknown field: a flag has code, label and evidence"},
		{"{ factors = { importance = 1, discretion = 1, likelihood = 1, harm = 1 },"
		 " score = 1, tier = '一级', warnings = { { reason = 'r', disposition = '风险提示',"
		 " due = '2026-12-16', text = 't', person = 'P1' } } }",
		 "result.warnings[1].person: unknown field: a warning has reason, disposition, "
		 "responsible, due and text"},
		/* Values the README lists, checked here rather than by the database. */
		{"{ factors = { importance = 1, discretion = 1, likelihood = 1, harm = 1 },"
		 " score = 1, tier = '四级' }", "result.tier: expected 一级, 二级 or 三级, got \"四级\""},
		{"{ factors = { importance = 1, discretion = 1, likelihood = 1, harm = 1 },"
		 " score = 1, tier = '一级', flags = { { code = '', label = 'l', evidence = 'e' } } }",
		 "result.flags[1].code: expected a code, got an empty string"},
		{"{ factors = { importance = 1, discretion = 1, likelihood = 1, harm = 1 },"
		 " score = 1, tier = '一级', flags = { { code = 'c', label = 'l', evidence = 'e' },"
		 " { code = 'd', label = 'l', evidence = 'e' }, { code = 'c', label = 'm',"
		 " evidence = 'f' } } }",
		 "result.flags[3].code: \"c\" again (as flags[1].code): a point has each flag once"},
		{"{ factors = { importance = 1, discretion = 1, likelihood = 1, harm = 1 },"
		 " score = 1, tier = '一级', warnings = { { reason = '', disposition = '风险提示',"
		 " due = '2026-12-16', text = 't' } } }",
		 "result.warnings[1].reason: expected why (预警事由), got an empty string"},
		{"{ factors = { importance = 1, discretion = 1, likelihood = 1, harm = 1 },"
		 " score = 1, tier = '一级', warnings = { { reason = 'r', disposition = '约谈',"
		 " due = '2026-12-16', text = 't' } } }",
		 "result.warnings[1].disposition: expected 风险提示, 诫勉谈话 or 责令纠错, got \"约谈\""},
		{"{ factors = { importance = 1, discretion = 1, likelihood = 1, harm = 1 },"
		 " score = 1, tier = '一级', reasons = { 'a' }, trace = 'x' }",
		 "result.trace: expected a list, got string"},
		{"{ factors = { importance = 1, discretion = 1, likelihood = 1, harm = 1 },"
		 " score = 1, tier = '一级', reasons = { 'a' }, trace = { 1 } }",
		 "result.trace[1]: expected a string \"file:line\" (from here()) or nil, got number"},
		{"{ factors = { importance = 1, discretion = 1, likelihood = 1, harm = 1 },"
		 " score = 1, tier = '一级', reasons = { 'a' }, trace = { 'f:1', 'f:2' } }",
		 "result.trace: 2 entries for 1 reason: expected one beside each reason"},
	};
	fixture *f = *state;

	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		char pack[1024];
		rule_result res;
		rg_err e = {{0}};
		snprintf(pack, sizeof pack, "return { grade = function(self, p, ctx)\n  return %s\nend }\n",
			 cases[i].result);
		assert_int_equal(grade_with(f, pack, &res, &e), RG_RULE);
		/* The field, the point and the pack's file. */
		if (strstr(e.msg, cases[i].message) == NULL || strstr(e.msg, "FX-1") == NULL ||
		    strstr(e.msg, "default.lua: grade() for point FX-1: ") == NULL)
			fail_msg("case %zu: message \"%s\" lacks \"%s\" or the point", i, e.msg,
				 cases[i].message);
	}
}

/* A result that hands its texts over through __index, each made on the read and held by
 * nothing else, while making garbage: the collector frees each string as soon as the
 * engine has read it.  What the engine returns must still read as the pack made it (the
 * sanitizer build also catches a read of freed memory). */
static void test_result_texts_outlive_lua(void **state)
{
	fixture *f = *state;
	rule_result res;
	rg_err e = {{0}};
	static const char pack[] =
		"local function fresh(s) local junk = {} for i = 1, 3000 do junk[i] = { i } end\n"
		"  return s .. ('，'):rep(4) end\n"
		"local function proxy(fields, raw) return setmetatable(raw or {}, { __index = function(_, k)\n"
		"  if k == 'disposition' then return fresh(fields[k]):sub(1, -13) end\n"
		"  if fields[k] then return fresh(fields[k]) end end }) end\n"
		"return { grade = function(self, p, ctx)\n"
		"  return proxy({ factors = 0, score = 0, tier = 0 }) and setmetatable({\n"
		"    factors = { importance = 1, discretion = 1, likelihood = 1, harm = 1 },\n"
		"    score = 10, reasons = { fresh('理由一'), fresh('理由二') },\n"
		"    flags = { proxy({ code = 'c1', label = '标签一', evidence = '证据一' }),\n"
		"              proxy({ code = 'c2', label = '标签二', evidence = '证据二' }) },\n"
		"    warnings = { proxy({ reason = '事由', disposition = '风险提示', text = '要求' },\n"
		"                       { due = '2026-12-16' }) } },\n"
		"    { __index = function(_, k) if k == 'tier' then return '三' .. '级' end end })\n"
		"end }\n";
	/* Each text as the pack makes it: its own text and 4 full-width commas (but the
	 * disposition, which must be one of the three, cut back to its own text). */
	char want[9][128];
	static const char *const stems[] = {"c1", "标签一", "证据一", "c2", "标签二", "证据二",
					    "事由", "风险提示", "要求"};

	for (int i = 0; i < 9; i++) {
		snprintf(want[i], sizeof want[i], "%s", stems[i]);
		for (int k = 0; k < 4 && i != 7; k++)
			strcat(want[i], "，");
	}
	if (grade_with(f, pack, &res, &e) != RG_OK)
		fail_msg("%s", e.msg);
	assert_string_equal(res.tier, "三级");
	assert_int_equal(res.nflags, 2);
	assert_string_equal(res.flags[0].code, want[0]);
	assert_string_equal(res.flags[0].label, want[1]);
	assert_string_equal(res.flags[0].evidence, want[2]);
	assert_string_equal(res.flags[1].code, want[3]);
	assert_string_equal(res.flags[1].label, want[4]);
	assert_string_equal(res.flags[1].evidence, want[5]);
	assert_int_equal(res.nwarnings, 1);
	assert_string_equal(res.warnings[0].reason, want[6]);
	assert_string_equal(res.warnings[0].disposition, want[7]);
	assert_string_equal(res.warnings[0].text, want[8]);
	assert_null(res.warnings[0].responsible);
}

/* Lua errors the engine meets while it reads what the pack gives it: each must come back
 * as RG_RULE naming the point (before, each one aborted the process). */
static void test_hostile_results(void **state)
{
	static const struct {
		const char *pack;
		const char *message;
	} cases[] = {
		/* A result whose __index raises. */
		{"return { grade = function(self, p, ctx)\n"
		 "  return setmetatable({}, { __index = function() error('索引出错') end })\nend }\n",
		 "default.lua:2: 索引出错"},
		/* A factor whose __tostring raises: it is named by its type, no code runs. */
		{"return { grade = function(self, p, ctx)\n"
		 "  return { factors = { importance = setmetatable({}, { __tostring = function()\n"
		 "    error('不该调用') end }), discretion = 1, likelihood = 1, harm = 1 },\n"
		 "    score = 1, tier = '三级' }\nend }\n",
		 "result.factors.importance: expected a whole number 1-5 (or no importance: a "
		 "method that does not use it leaves it out), got table"},
		/* grade served through __index, which raises on the second read (the first is
		 * the prelude's check when the pack loads). */
		{"local reads = 0\n"
		 "return setmetatable({}, { __index = function(_, k)\n"
		 "  reads = reads + 1\n"
		 "  if reads > 1 then error('第二次读取grade') end\n"
		 "  return function() end\nend })\n",
		 "default.lua:4: 第二次读取grade"},
	};
	fixture *f = *state;

	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		rule_result res;
		rg_err e = {{0}};
		assert_int_equal(grade_with(f, cases[i].pack, &res, &e), RG_RULE);
		if (strstr(e.msg, cases[i].message) == NULL || strstr(e.msg, "FX-1") == NULL)
			fail_msg("case %zu: \"%s\" lacks \"%s\" or the point", i, e.msg,
				 cases[i].message);
	}
}

/* Grade the fixture's row again with the pack loaded in f->r. */
static rg_status grade_again(fixture *f, rule_result *res, rg_err *e)
{
	bool row;

	db_reset(f->row);
	assert_int_equal(db_step(f->row, &row, NULL), RG_OK);
	rules_begin_point(f->r, f->row);
	rules_add_fields(f->r, f->row);
	return rules_grade(f->r, "FX-1", "A", res, e);
}

/* A pack that fills the state's memory up to the cap (keeping each point, whose memory
 * would otherwise serve the next one), 64 MiB a point so that no point takes a second
 * even in a sanitizer build, and returns 一级 once it is full: the engine's next
 * allocation, building the next point's facts, fails.  That must be an error naming the
 * point, not an abort. */
static void test_memory_full_between_points(void **state)
{
	fixture *f = *state;
	rule_result res;
	rg_err e = {{0}};
	static const char pack[] =
		"local hoard, n = {}, 0\n"
		"for i = 1, 128 do hoard[i] = false end -- no growing while memory is full\n"
		"local filling = { factors = { importance = 1, discretion = 1, likelihood = 1,\n"
		"  harm = 1 }, score = 10, tier = '三级' }\n"
		"local full = { factors = filling.factors, score = 10, tier = '一级' }\n"
		"local base = ('x'):rep(1 << 16)\n"
		"local function piece(size) -- a new string of size bytes, quickly\n"
		"  if size >= 1 << 16 then return base:rep(size >> 16) end\n"
		"  return ('x'):rep(size)\n"
		"end\n"
		"local size = 1 << 24\n"
		"return { grade = function(self, p, ctx)\n"
		"  n = n + 1; hoard[n] = p\n"
		"  local made = 0\n"
		"  while size >= 64 and made < 4 do\n"
		"    local ok, s = pcall(piece, size)\n"
		"    if ok then n = n + 1; hoard[n] = s; made = made + 1 else size = size // 2 end\n"
		"  end\n"
		"  return size < 64 and full or filling\n"
		"end }\n";
	rg_status st = grade_with(f, pack, &res, &e);

	/* 256 MiB in pieces of 16 MiB, then one of each smaller size down to 64 bytes, 4
	 * pieces a point: full by about the 10th point.  The point that fills it may already
	 * lack the memory to read its result; it must not abort. */
	for (int i = 0; i < 30 && st == RG_OK && strcmp(res.tier, "一级") != 0; i++)
		st = grade_again(f, &res, &e);
	if (st != RG_OK && strstr(e.msg, "not enough memory") == NULL)
		fail_msg("%s", e.msg);
	if (st == RG_OK && strcmp(res.tier, "一级") != 0)
		fail_msg("the pack did not fill the state's memory");
	assert_int_equal(grade_again(f, &res, &e), RG_RULE);
	if (strstr(e.msg, "not enough memory") == NULL || strstr(e.msg, "point FX-1") == NULL)
		fail_msg("\"%s\" lacks the memory error or the point", e.msg);
}

static void test_bad_packs(void **state)
{
	static const struct {
		const char *text;
		const char *message;
	} cases[] = {
		{"return 42\n", "pack 'default' must return a table, got number"},
		{"return {}\n", "pack 'default' has no method grade(self, point, ctx)"},
		{"return inherit('default')\n", "pack 'default' inherits from itself"},
		{"error('at load time')\n", "default.lua:1: at load time"},
		{"local x = \n", "default.lua:2: unexpected symbol near <eof>"},
		/* Not a message: the file, and what was raised instead. */
		{"error({ code = 42 })\n", "default.lua: error object is a table value"},
		{"error(setmetatable({}, { __tostring = function() return 'x' end }))\n",
		 "default.lua: error object is a table value"},
	};
	fixture *f = *state;

	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		rules *r = NULL;
		rg_err e = {{0}};
		write_pack(f, cases[i].text, strlen(cases[i].text));
		assert_int_equal(rules_open(f->dir, "2026-12-01", &r, NULL), RG_OK);
		assert_int_equal(rules_use(r, "A", "default", &e), RG_RULE);
		rules_close(r);
		if (strstr(e.msg, cases[i].message) == NULL)
			fail_msg("case %zu: message \"%s\" lacks \"%s\"", i, e.msg, cases[i].message);
	}
}

/* The date library, through a pack: expected values counted on a calendar. */
static void test_date_library(void **state)
{
	fixture *f = *state;
	rule_result res;
	rg_err e = {{0}};
	static const char pack[] =
		"return { grade = function(self, p, ctx)\n"
		"  local r = " OK_RESULT "\n"
		"  r.reasons = {\n"
		"    tostring(date.days('2026-12-01', '2027-01-30')),\n" /* 30 + 30 = 60 */
		"    tostring(date.days('2024-03-01', '2024-02-28')),\n" /* leap year: -2 */
		"    date.add('2026-12-01', 15),\n"
		"    date.add('2024-02-28', 1),\n"
		"    date.add('2026-03-01', -1),\n"
		"    tostring(date.valid('2026-02-29')),\n"
		"    tostring(date.valid('2024-02-29')),\n"
		"    tostring(date.valid(20240229)),\n"
		"    select(2, pcall(date.days, 'yesterday', '2026-01-01')),\n"
		"  }\n"
		"  return r\n"
		"end }\n";
	static const char *const want[] = {
		"60", "-2", "2026-12-16", "2024-02-29", "2026-02-28", "false", "true", "false",
		"date.days: expected a date YYYY-MM-DD, got \"yesterday\"",
	};

	assert_int_equal(grade_with(f, pack, &res, &e), RG_OK);
	assert_int_equal(res.nreasons, 9);
	for (int i = 0; i < 9; i++)
		assert_string_equal(res.reasons[i], want[i]);
}

/* re, backed by PCRE2: expected positions are UTF-8 byte offsets counted by hand
 * (each of these Chinese characters is 3 bytes). */
static void test_re_library(void **state)
{
	fixture *f = *state;
	rule_result res;
	rg_err e = {{0}};
	static const char pack[] =
		"local bribe = re.compile('收受|宴请|回扣|礼金')\n"
		"return { grade = function(self, p, ctx)\n"
		"  local r = " OK_RESULT "\n"
		"  local a, b = re.find('调解中收受当事人礼金', '收受|宴请|回扣|礼金')\n"
		"  local n, unit = re.match('涉及金额50万元', [[(\\d+)(万元)]])\n"
		"  r.reasons = {\n"
		"    a .. '-' .. b,\n"                                   /* 调解中 = 9 bytes */
		"    tostring(bribe:test('接受管理对象宴请')),\n"
		"    tostring(bribe:test('按时上报统计数据')),\n"
		"    tostring(re.test('收受礼金', [[^\\p{Han}+$]])),\n"
		"    tostring(re.test('abc', [[^\\p{Han}+$]])),\n"
		"    re.match('表现：收受礼金', [[(\\w+)$]]),\n"       /* \w is Unicode: Han */
		"    n .. '|' .. unit,\n"
		"    tostring(re.match('无', '有')),\n"
		"    tostring(re.compile('x') == re.compile('x')),\n"  /* compiled once */
		"    tostring(('a.b'):find('.')),\n"                    /* plain: the dot */
		"    (function() local o = {}\n"
		"       for k, v in sorted_pairs({ b = 2, a = 1, [2] = 'y', [1] = 'x' }) do\n"
		"         o[#o + 1] = tostring(k) .. '=' .. tostring(v) end\n"
		"       return table.concat(o, ' ') end)(),\n"
		"  }\n"
		"  return r\n"
		"end }\n";
	static const char *const want[] = {
		"10-15", "true", "false", "true", "false", "收受礼金", "50|万元", "nil", "true", "2",
		"1=x 2=y a=1 b=2", /* numbers first, then strings, each in order */
	};

	if (grade_with(f, pack, &res, &e) != RG_OK)
		fail_msg("%s", e.msg);
	assert_int_equal(res.nreasons, 11);
	for (int i = 0; i < 11; i++)
		assert_string_equal(res.reasons[i], want[i]);
}

/* The pattern cache is keyed by the whole pattern: "a\0b" (compiled first) and "a" are
 * two patterns, so "a" matches "a" (a key cut at the zero byte would hand "a" the
 * compiled "a\0b", which does not).  The byte string "a\0b" matches itself. */
static void test_re_cache_key(void **state)
{
	fixture *f = *state;
	rule_result res;
	rg_err e = {{0}};
	static const char pack[] =
		"return { grade = function(self, p, ctx)\n"
		"  local r = " OK_RESULT "\n"
		"  r.reasons = { tostring(re.test('a\\0b', 'a\\0b')), tostring(re.test('a', 'a')),\n"
		"    tostring(re.test('a', 'a\\0b')) }\n"
		"  return r\n"
		"end }\n";
	static const char *const want[] = {"true", "true", "false"};

	if (grade_with(f, pack, &res, &e) != RG_OK)
		fail_msg("%s", e.msg);
	assert_int_equal(res.nreasons, 3);
	for (int i = 0; i < 3; i++)
		assert_string_equal(res.reasons[i], want[i]);
}

/* A pattern error at load names the pattern and the offset; a catastrophic pattern stops
 * at PCRE2's limits with an error naming it; a runaway loop stops after a second of CPU. */
static void test_limits(void **state)
{
	static const struct {
		const char *pack;
		const char *message;
	} cases[] = {
		{"local r = re.compile('收受|(')\nreturn { grade = function() end }\n",
		 "re: pattern \"收受|(\" at offset 8: missing closing parenthesis"},
		{"return { grade = function(self, p, ctx)\n"
		 "  return re.test(('a'):rep(40) .. 'b', '^(a+)+$')\nend }\n",
		 "re: pattern \"^(a+)+$\" on a text of 41 bytes: match limit exceeded"},
		{"return { grade = function(self, p, ctx)\n  while true do end\nend }\n",
		 "default.lua:2: more than 1 s of CPU time on one point: a runaway loop?"},
		{"while true do end\n", "default.lua:1: more than 1 s of CPU time on one point"},
		/* A loop through function calls is stopped too (the hook also fires on calls). */
		{"local function f() return 1 end\nreturn { grade = function(self, p, ctx)\n"
		 "  while true do f() end\nend }\n", "more than 1 s of CPU time on one point"},
	};
	fixture *f = *state;

	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		rule_result res;
		rg_err e = {{0}};
		assert_int_equal(grade_with(f, cases[i].pack, &res, &e), RG_RULE);
		if (strstr(e.msg, cases[i].message) == NULL)
			fail_msg("case %zu: \"%s\" lacks \"%s\"", i, e.msg, cases[i].message);
	}
}

/* rules_pack_numbers: write pack text as default.lua and read table T's keys from pack
 * name ("default" or the agency pack A1, written by the caller).  The state stays in f->r. */
static rg_status numbers_with(fixture *f, const char *text, const char *name,
			      const char *const keys[], double out[], rg_err *e)
{
	rules_close(f->r);
	f->r = NULL;
	write_pack(f, text, strlen(text));
	assert_int_equal(rules_open(f->dir, "2026-12-01", &f->r, NULL), RG_OK);
	return rules_pack_numbers(f->r, name, "T", keys, out, e);
}

#define GRADE_OK "function pack:grade(p, ctx) return " OK_RESULT " end\n"

/* Numbers come back as written, integers as doubles; the state still grades afterwards
 * (the accessor leaves the Lua stack as it found it). */
static void test_pack_numbers(void **state)
{
	fixture *f = *state;
	static const char *const keys[] = {"min", "gap", "big", NULL};
	static const char pack[] =
		"local pack = {}\n"
		"pack.T = { min = 5, gap = 0.25, big = -1e6, other = 'ignored' }\n"
		GRADE_OK
		"return pack\n";
	double out[3] = {0, 0, 0};
	rule_result res;
	bool row;
	rg_err e = {{0}};

	if (numbers_with(f, pack, "default", keys, out, &e) != RG_OK)
		fail_msg("%s", e.msg);
	assert_true(out[0] == 5.0);
	assert_true(out[1] == 0.25);
	assert_true(out[2] == -1e6);
	/* Read twice: the pack is loaded once, the values are the same. */
	out[0] = 0;
	assert_int_equal(rules_pack_numbers(f->r, "default", "T", keys, out, &e), RG_OK);
	assert_true(out[0] == 5.0);
	assert_int_equal(rules_pack_count(f->r), 1);
	assert_int_equal(rules_use(f->r, "A", "default", &e), RG_OK);
	db_reset(f->row);
	assert_int_equal(db_step(f->row, &row, NULL), RG_OK);
	rules_begin_point(f->r, f->row);
	if (rules_grade(f->r, "FX-1", "A", &res, &e) != RG_OK)
		fail_msg("%s", e.msg);
	assert_string_equal(res.tier, "三级");
}

/* Whether a pack has a table (calibrate falls back to defaults without CALIBRATION). */
static void test_pack_has(void **state)
{
	fixture *f = *state;
	static const char *const keys[] = {"min", NULL};
	static const char pack[] =
		"local pack = {}\n"
		"pack.T = { min = 5 }\n"
		"pack.F = false\n"
		GRADE_OK
		"return pack\n";
	double out[1] = {0};
	bool has = false;
	rg_err e = {{0}};

	if (numbers_with(f, pack, "default", keys, out, &e) != RG_OK)
		fail_msg("%s", e.msg);
	assert_int_equal(rules_pack_has(f->r, "default", "T", &has, &e), RG_OK);
	assert_true(has);
	assert_int_equal(rules_pack_has(f->r, "default", "F", &has, &e), RG_OK);
	assert_true(has); /* false is a value, not an absence */
	assert_int_equal(rules_pack_has(f->r, "default", "CALIBRATION", &has, &e), RG_OK);
	assert_false(has);
	/* A pack that cannot be loaded. */
	assert_int_equal(rules_pack_has(f->r, "NOPE", "T", &has, &e), RG_IO);
}

/* An agency pack sees its base's table through inheritance, or its own when it assigns
 * one; the default is unaffected by the agency's. */
static void test_pack_numbers_inherited(void **state)
{
	fixture *f = *state;
	static const char *const keys[] = {"min", "gap", NULL};
	static const char base[] =
		"local pack = {}\npack.T = { min = 5, gap = 0.5 }\n" GRADE_OK "return pack\n";
	static const struct {
		const char *agency_pack;
		double min, gap;
	} cases[] = {
		{"return inherit('default')\n", 5, 0.5},
		{"local pack = inherit('default')\npack.T = { min = 1, gap = 2 }\nreturn pack\n", 1, 2},
	};
	char dir[128], path[160];
	FILE *out;

	snprintf(dir, sizeof dir, "%s/agencies", f->dir);
	snprintf(path, sizeof path, "%s/A1.lua", dir);
	assert_int_equal(mkdir(dir, 0700), 0);
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		double v[2] = {0, 0};
		rg_err e = {{0}};
		out = fopen(path, "wb");
		assert_non_null(out);
		fputs(cases[i].agency_pack, out);
		assert_int_equal(fclose(out), 0);
		if (numbers_with(f, base, "A1", keys, v, &e) != RG_OK)
			fail_msg("case %zu: %s", i, e.msg);
		assert_true(v[0] == cases[i].min);
		assert_true(v[1] == cases[i].gap);
		assert_int_equal(rules_pack_numbers(f->r, "default", "T", keys, v, &e), RG_OK);
		assert_true(v[0] == 5 && v[1] == 0.5);
	}
	unlink(path);
	rmdir(dir);
}

/* Each way the table can be wrong names the pack's file and the field. */
static void test_pack_numbers_errors(void **state)
{
	static const struct {
		const char *table; /* the line that defines pack.T, or "" */
		rg_status status;
		const char *message;
	} cases[] = {
		{"", RG_RULE, "default.lua: T: expected a table { min = …, gap = … }, got nil"},
		{"pack.T = 0.5\n", RG_RULE, "default.lua: T: expected a table { min = …, gap = … }, got number"},
		{"pack.T = { gap = 1 }\n", RG_RULE, "default.lua: T.min: expected a number, got nil"},
		{"pack.T = { min = 5, gap = '0.5' }\n", RG_RULE,
		 "default.lua: T.gap: expected a number, got the string \"0.5\""},
		{"pack.T = { min = true, gap = 1 }\n", RG_RULE,
		 "default.lua: T.min: expected a number, got boolean"},
		{"pack.T = { min = math.huge, gap = 1 }\n", RG_RULE,
		 "default.lua: T.min: expected a finite number, got inf"},
		{"pack.T = { min = 1, gap = 0/0 }\n", RG_RULE,
		 "default.lua: T.gap: expected a finite number"},
		/* A metamethod that fails is caught, with where it failed. */
		{"pack.T = setmetatable({}, { __index = function() error('boom') end })\n", RG_RULE,
		 "default.lua:2: boom"},
		/* Inside the open constructor, line 3's `function pack:grade` lacks its '('. */
		{"pack.T = {\n", RG_RULE, "default.lua:3: '(' expected near 'pack'"},
	};
	static const char *const keys[] = {"min", "gap", NULL};
	fixture *f = *state;

	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		char pack[512];
		double v[2];
		rg_err e = {{0}};
		snprintf(pack, sizeof pack, "local pack = {}\n%s" GRADE_OK "return pack\n",
			 cases[i].table);
		assert_int_equal(numbers_with(f, pack, "default", keys, v, &e), cases[i].status);
		if (strstr(e.msg, cases[i].message) == NULL || strstr(e.msg, f->dir) == NULL)
			fail_msg("case %zu: \"%s\" lacks \"%s\" or the folder", i, e.msg,
				 cases[i].message);
	}
	/* A pack that is not there: the file, as rules_use() reports it. */
	{
		double v[2];
		rg_err e = {{0}};
		assert_int_equal(rules_pack_numbers(f->r, "NOPE", "T", keys, v, &e), RG_IO);
		assert_non_null(strstr(e.msg, "agencies/NOPE.lua: cannot open the rule pack"));
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_facts_become_tables, setup, teardown),
		cmocka_unit_test_setup_teardown(test_sandbox_escapes, setup, teardown),
		cmocka_unit_test_setup_teardown(test_inherit_path_refused, setup, teardown),
		cmocka_unit_test_setup_teardown(test_binary_chunk_refused, setup, teardown),
		cmocka_unit_test_setup_teardown(test_memory_cap, setup, teardown),
		cmocka_unit_test_setup_teardown(test_bad_results, setup, teardown),
		cmocka_unit_test_setup_teardown(test_own_factors_and_level, setup, teardown),
		cmocka_unit_test_setup_teardown(test_nested_facts, setup, teardown),
		cmocka_unit_test_setup_teardown(test_result_texts_outlive_lua, setup, teardown),
		cmocka_unit_test_setup_teardown(test_hostile_results, setup, teardown),
		cmocka_unit_test_setup_teardown(test_memory_full_between_points, setup, teardown),
		cmocka_unit_test_setup_teardown(test_bad_packs, setup, teardown),
		cmocka_unit_test_setup_teardown(test_date_library, setup, teardown),
		cmocka_unit_test_setup_teardown(test_re_library, setup, teardown),
		cmocka_unit_test_setup_teardown(test_re_cache_key, setup, teardown),
		cmocka_unit_test_setup_teardown(test_limits, setup, teardown),
		cmocka_unit_test_setup_teardown(test_pack_numbers, setup, teardown),
		cmocka_unit_test_setup_teardown(test_pack_numbers_inherited, setup, teardown),
		cmocka_unit_test_setup_teardown(test_pack_has, setup, teardown),
		cmocka_unit_test_setup_teardown(test_pack_numbers_errors, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

/*
 * test_results.c: engine/results.c on stored results written here by hand: a result the
 * same as the stored one is not stored again, each kind of difference is, a traced run
 * compares traces, a point graded in another agency or for the first time gets a
 * coverage row, and a point that left a scoped run's agencies a NULL one.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "db.h"
#include "results.h"
#include "scratchdb.h"

typedef scratchdb fixture;

/*
 * Agencies A (with A1 under it) and B; points P1-P3 in A, P4 in A1, P5 in B, all graded
 * by run 1 (every agency, untraced) as 二级 27.5 with reasons r1, r2; P1 flagged f1,
 * P2 f1 and f2; P3 stored again by run 2 (A alone, traced) with traces.  Runs 3 to 20
 * are there for the tests to store.
 */
static const char setup_sql[] =
	"INSERT INTO agencies (code, name, parent) VALUES ('A', '甲', NULL), ('A1', '甲一', 'A'),"
	" ('B', '乙', NULL);"
	"INSERT INTO persons (code, name, agency, role) VALUES ('L', '局长', 'A', '主要领导');"
	"INSERT INTO points (code, agency, level, category, manifestation) VALUES"
	" ('P1', 'A', '单位', '制度机制', '一'), ('P2', 'A', '单位', '制度机制', '二'),"
	" ('P3', 'A', '单位', '制度机制', '三'), ('P4', 'A1', '单位', '制度机制', '四'),"
	" ('P5', 'B', '单位', '制度机制', '五');"
	"WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 20)"
	" INSERT INTO runs (id, as_of, traced, engine_version, rules_dir, points, tier1, tier2,"
	"  tier3, flags, warnings) SELECT i, '2026-12-01', i = 2, 't', 'rules', 0, 0, 0, 0, 0, 0"
	" FROM n;"
	"INSERT INTO run_scopes VALUES (1, 'A'), (1, 'A1'), (1, 'B'), (2, 'A'), (2, 'A1');"
	"INSERT INTO grades (run, point, pack, importance, discretion, likelihood,"
	" harm, score, tier, reasons) SELECT 1, code, 'default', 3, 3, 3, 3, 27.5, '二级', 'r1' || char(10)"
	" || 'r2' FROM points;"
	"INSERT INTO grades (run, point, pack, importance, discretion, likelihood,"
	" harm, score, tier, reasons) VALUES (2, 'P3', 'default', 3, 3, 3, 3, 27.5, '二级',"
	" 'r1' || char(10) || 'r2');"
	"INSERT INTO traces VALUES (2, 'P3', 1, 'r1', 'pack.lua:1'), (2, 'P3', 2, 'r2', NULL);"
	"INSERT INTO flags (run, point, code, label, evidence) VALUES"
	" (1, 'P1', 'f1', '甲', '据一'), (1, 'P2', 'f2', '乙', '据二'), (1, 'P2', 'f1', '甲', '据一');"
	"INSERT INTO coverage SELECT code, 1, agency FROM points;"
	"INSERT INTO approvals (point, tier, run, approved_on, by, note)"
	" VALUES ('P2', '二级', 1, '2026-12-01', 'L', '审定');";

static int setup(void **state)
{
	*state = scratchdb_new("results", setup_sql);
	return 0;
}

static int teardown(void **state)
{
	scratchdb_free(*state);
	return 0;
}

/* ---- helpers ------------------------------------------------------------------------ */

#define REASONS "r1\nr2"

/* The result run 1 stored for point code: its flags as setup_sql has them (P2's in the
 * order a pack might give them, not by code). */
static rule_result stored(const char *code)
{
	rule_result r = {.pack = "default", .importance = 3, .discretion = 3, .likelihood = 3,
			 .harm = 3, .score = 27.5, .tier = "二级", .reasons = {"r1", "r2"},
			 .trace = {"pack.lua:1", NULL}, .nreasons = 2};

	if (strcmp(code, "P1") == 0 || strcmp(code, "P2") == 0)
		r.flags[r.nflags++] = (rule_flag){.code = "f1", .label = "甲", .evidence = "据一"};
	if (strcmp(code, "P2") == 0)
		r.flags[r.nflags++] = (rule_flag){.code = "f2", .label = "乙", .evidence = "据二"};
	if (strcmp(code, "P2") == 0) {
		rule_flag first = r.flags[0];
		r.flags[0] = r.flags[1];
		r.flags[1] = first;
	}
	return r;
}

/* One integer from sql. */
static long one(db *d, const char *sql)
{
	db_stmt *s = NULL;
	bool row;
	long n;

	assert_int_equal(db_prepare(d, sql, &s, NULL), RG_OK);
	assert_int_equal(db_step(s, &row, NULL), RG_OK);
	assert_true(row);
	n = (long)db_col_int(s, 0);
	db_finalize(s);
	return n;
}

/* Whether res, for point code of agency, must be stored by run `run` (scope, trace). */
static bool changed(db *d, long run, const char *scope, bool trace, const char *code,
		    const char *agency, const rule_result *res, const char *reasons)
{
	results *r = NULL;
	bool ch = false;
	long version;

	assert_int_equal(results_open(d, run, scope, trace, &r, NULL), RG_OK);
	assert_int_equal(results_changed(r, code, agency, res, reasons, "", &ch, &version, NULL), RG_OK);
	assert_int_equal(results_finish(r, NULL), RG_OK);
	results_close(r);
	return ch;
}

/* ---- tests -------------------------------------------------------------------------- */

/* Run 3 grades every agency and finds every result as stored: nothing to store, no
 * coverage row, and its scope is the three agencies. */
static void test_same_results(void **state)
{
	fixture *f = *state;
	const char *codes[] = {"P1", "P2", "P3", "P4", "P5"};
	const char *agencies[] = {"A", "A", "A", "A1", "B"};
	results *r = NULL;

	assert_int_equal(results_open(f->d, 3, NULL, false, &r, NULL), RG_OK);
	for (int i = 0; i < 5; i++) {
		rule_result res = stored(codes[i]);
		bool ch = true;
		long version;
		assert_int_equal(results_changed(r, codes[i], agencies[i], &res, REASONS, "", &ch, &version,
						 NULL), RG_OK);
		assert_false(ch);
	}
	assert_int_equal(results_finish(r, NULL), RG_OK);
	results_close(r);
	assert_int_equal(one(f->d, "SELECT count(*) FROM coverage WHERE run = 3"), 0);
	assert_int_equal(one(f->d, "SELECT count(*) FROM run_scopes WHERE run = 3"), 3);
}

/* A method's own grade (issue 12): its level, its own factors (as grades.method_factors
 * holds them) and a national factor it leaves out are part of the result, so a change in
 * any of them is stored, and the same again is not. */
static void test_method_grades(void **state)
{
	fixture *f = *state;
	static const char factors[] = "{\"C\":15,\"L\":0.5}";
	rule_result res = stored("P5");
	results *r = NULL;
	bool ch = true;
	long version;

	/* As run 1 stored it, but for a national factor left out, or a level given. */
	res.harm = 0;
	assert_true(changed(f->d, 5, NULL, false, "P5", "B", &res, REASONS));
	res = stored("P5");
	res.level = "一般";
	assert_true(changed(f->d, 6, NULL, false, "P5", "B", &res, REASONS));
	/* Own factors: compared as stored text. */
	res = stored("P5");
	assert_int_equal(results_open(f->d, 7, NULL, false, &r, NULL), RG_OK);
	assert_int_equal(results_changed(r, "P5", "B", &res, REASONS, factors, &ch, &version, NULL), RG_OK);
	assert_true(ch);
	results_close(r);

	/* Run 8 stores a grade of the method: no national factor, a level, two factors. */
	assert_int_equal(db_exec(f->d, "INSERT INTO grades (run, point, pack, score, tier, reasons,"
				 " level, method_factors) VALUES (8, 'P5', 'default', 7.5, '三级',"
				 " 'r1' || char(10) || 'r2', '一般', '{\"C\":15,\"L\":0.5}')", NULL),
			 RG_OK);
	res = (rule_result){.pack = "default", .score = 7.5, .tier = "三级", .level = "一般",
			    .reasons = {"r1", "r2"}, .nreasons = 2};
	assert_int_equal(results_open(f->d, 9, NULL, false, &r, NULL), RG_OK);
	assert_int_equal(results_changed(r, "P5", "B", &res, REASONS, factors, &ch, &version, NULL), RG_OK);
	assert_false(ch);
	results_close(r);
	assert_true(changed(f->d, 10, NULL, false, "P5", "B", &res, REASONS)); /* no factors */
	res.level = NULL;
	assert_int_equal(results_open(f->d, 11, NULL, false, &r, NULL), RG_OK);
	assert_int_equal(results_changed(r, "P5", "B", &res, REASONS, factors, &ch, &version, NULL), RG_OK);
	assert_true(ch);
	results_close(r);
}

/* Points passed over (P1, P2 not graded by the run: another scope's order) do not shift
 * the comparison of the next one. */
static void test_passed_over(void **state)
{
	fixture *f = *state;
	rule_result res = stored("P4");

	assert_false(changed(f->d, 3, "A1", false, "P4", "A1", &res, REASONS));
	res = stored("P3");
	assert_false(changed(f->d, 4, NULL, false, "P3", "A", &res, REASONS));
}

/* Each difference from the stored result, one at a time, on P2 (two flags). */
static void test_each_difference(void **state)
{
	fixture *f = *state;
	static const char *const cases[] = {
		"score", "tier", "factor", "pack", "reasons", "flag evidence", "flag label",
		"flag dropped", "flag added", "flag repeated",
	};
	long run = 3;

	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		rule_result res = stored("P2");
		const char *reasons = REASONS;
		switch (i) {
		case 0: res.score = 27.25; break;
		case 1: res.tier = "一级"; break;
		case 2: res.harm = 4; break;
		case 3: res.pack = "A"; break;
		case 4: reasons = "r1\nr3"; break;
		case 5: res.flags[0].evidence = "据三"; break;
		case 6: res.flags[1].label = "丙"; break;
		case 7: res.nflags = 1; break;
		case 8: res.flags[res.nflags++] = (rule_flag){"f3", "丙", "据三"}; break;
		case 9: res.flags[1] = res.flags[0]; break;
		}
		if (!changed(f->d, run++, NULL, false, "P2", "A", &res, reasons))
			fail_msg("%s: a different result was not stored", cases[i]);
	}
	/* And the same result again is not. */
	rule_result res = stored("P2");
	assert_false(changed(f->d, run, NULL, false, "P2", "A", &res, REASONS));
}

/* Flags cleared by an approval are never what a run computes: stored again. */
static void test_cleared_flags(void **state)
{
	fixture *f = *state;
	rule_result res = stored("P2");

	assert_int_equal(db_exec(f->d, "UPDATE flags SET cleared_by = 1 WHERE point = 'P2'",
				 NULL), RG_OK);
	assert_true(changed(f->d, 3, NULL, false, "P2", "A", &res, REASONS));
}

/* A traced run: P3's row (run 2, traced) has the same traces; P1's (run 1) none; a
 * different source, or a traced result without reasons. */
static void test_traces(void **state)
{
	fixture *f = *state;
	rule_result res = stored("P3");

	assert_false(changed(f->d, 3, NULL, true, "P3", "A", &res, REASONS));
	res.trace[1] = "pack.lua:2";
	assert_true(changed(f->d, 4, NULL, true, "P3", "A", &res, REASONS));
	res = stored("P1");
	assert_true(changed(f->d, 5, NULL, true, "P1", "A", &res, REASONS));
	assert_false(changed(f->d, 6, NULL, false, "P1", "A", &res, REASONS));
	res.nreasons = 0;
	assert_int_equal(db_exec(f->d, "UPDATE grades SET reasons = '' WHERE point = 'P1'", NULL),
			 RG_OK);
	assert_false(changed(f->d, 7, NULL, true, "P1", "A", &res, ""));
}

/* P4 moved from A1 to A: a run of A1 no longer grades it (a NULL coverage row), a run of
 * A grades it in A with the same result (nothing stored, a coverage row); a point graded
 * for the first time is stored, with its coverage row. */
static void test_coverage(void **state)
{
	fixture *f = *state;
	rule_result res = stored("P4");
	results *r = NULL;

	assert_int_equal(db_exec(f->d, "UPDATE points SET agency = 'A' WHERE code = 'P4';"
				 "INSERT INTO points (code, agency, level, category, manifestation)"
				 " VALUES ('P6', 'B', '单位', '制度机制', '六')", NULL), RG_OK);
	assert_int_equal(results_open(f->d, 3, "A1", false, &r, NULL), RG_OK);
	assert_int_equal(results_finish(r, NULL), RG_OK);
	results_close(r);
	assert_int_equal(one(f->d, "SELECT count(*) FROM coverage WHERE run = 3 AND point = 'P4'"
			     " AND agency IS NULL"), 1);
	assert_int_equal(one(f->d, "SELECT count(*) FROM coverage WHERE run = 3"), 1);
	assert_false(changed(f->d, 4, "A", false, "P4", "A", &res, REASONS));
	assert_int_equal(one(f->d, "SELECT count(*) FROM coverage WHERE run = 4 AND point = 'P4'"
			     " AND agency = 'A'"), 1);
	assert_int_equal(one(f->d, "SELECT count(*) FROM coverage WHERE run = 4"), 1);
	/* Run 5 of A1 again: P4 is known in A now, nothing to record. */
	assert_int_equal(results_open(f->d, 5, "A1", false, &r, NULL), RG_OK);
	assert_int_equal(results_finish(r, NULL), RG_OK);
	results_close(r);
	assert_int_equal(one(f->d, "SELECT count(*) FROM coverage WHERE run = 5"), 0);
	res = stored("P6");
	assert_true(changed(f->d, 6, "B", false, "P6", "B", &res, REASONS));
	assert_int_equal(one(f->d, "SELECT count(*) FROM coverage WHERE run = 6 AND point = 'P6'"
			     " AND agency = 'B'"), 1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_same_results, setup, teardown),
		cmocka_unit_test_setup_teardown(test_passed_over, setup, teardown),
		cmocka_unit_test_setup_teardown(test_method_grades, setup, teardown),
		cmocka_unit_test_setup_teardown(test_each_difference, setup, teardown),
		cmocka_unit_test_setup_teardown(test_cleared_flags, setup, teardown),
		cmocka_unit_test_setup_teardown(test_traces, setup, teardown),
		cmocka_unit_test_setup_teardown(test_coverage, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}

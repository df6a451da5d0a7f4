/*
 * test_report.c: engine/report.c's figures counted over a run (report_totals_read), on a
 * database written here by hand, against counts worked out by hand below: the tiers, per
 * agency in code order (the agencies inserted out of it), the likelihood × harm cells,
 * the method's levels (ties in a tier by level), the open flags by reason (ties by
 * code), the cleared ones, the points with an open flag, the warnings by status and the
 * overdue ones; then the same for one agency's subtree.
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
#include "report.h"
#include "scratchdb.h"

typedef scratchdb fixture;

/*
 * Agencies B, A and A1 under A (inserted in that order); run 1 graded seven points:
 *
 *   point agency tier likelihood×harm level  flags (code reason, cleared?)
 *   P1    B      一级 5×4             b级    f2 乙由, f1 甲由
 *   P2    A      一级 5×4             a级    f1 甲由
 *   P3    A      二级 1×1             x      f2 乙由 cleared
 *   P4    A1     二级 1×1             x      f3 丙由
 *   P5    A      三级 none            none
 *   P6    B      一级 2×3             b级    f3 丙由 cleared
 *   P7    A      一级 5×5             a级
 *
 * and four warnings up to it: P1 发布 due 2026-11-01 (overdue on 2026-12-01), P2 签收 due
 * 2026-12-15, P4 反馈 due 2026-11-01 (answered: not overdue), P7 发布 due 2026-12-31.
 */
static const char setup_sql[] =
	"INSERT INTO agencies (code, name, parent) VALUES ('B', '乙局', NULL),"
	" ('A', '甲局', NULL), ('A1', '甲一所', 'A');"
	"INSERT INTO persons (code, name, agency, role) VALUES ('L', '局长', 'A', '主要领导');"
	"INSERT INTO points (code, agency, level, category, manifestation) VALUES"
	" ('P1', 'B', '单位', '制度机制', '一'), ('P2', 'A', '单位', '制度机制', '二'),"
	" ('P3', 'A', '单位', '制度机制', '三'), ('P4', 'A1', '单位', '制度机制', '四'),"
	" ('P5', 'A', '单位', '制度机制', '五'), ('P6', 'B', '单位', '制度机制', '六'),"
	" ('P7', 'A', '单位', '制度机制', '七');"
	"INSERT INTO runs (id, as_of, traced, engine_version, rules_dir, points, tier1, tier2,"
	" tier3, flags, warnings) VALUES (1, '2026-12-01', 0, 't', 'rules', 7, 4, 2, 1, 6, 4);"
	"INSERT INTO grades (run, point, pack, likelihood, harm, score, tier, reasons, level)"
	" VALUES (1, 'P1', 'p', 5, 4, 40, '一级', 'r', 'b级'),"
	" (1, 'P2', 'p', 5, 4, 40, '一级', 'r', 'a级'),"
	" (1, 'P3', 'p', 1, 1, 20, '二级', 'r', 'x'), (1, 'P4', 'p', 1, 1, 20, '二级', 'r', 'x'),"
	" (1, 'P5', 'p', NULL, NULL, 5, '三级', 'r', NULL),"
	" (1, 'P6', 'p', 2, 3, 40, '一级', 'r', 'b级'),"
	" (1, 'P7', 'p', 5, 5, 50, '一级', 'r', 'a级');"
	"INSERT INTO coverage SELECT code, 1, agency FROM points;"
	"INSERT INTO approvals (id, point, tier, run, approved_on, by, note) VALUES"
	" (1, 'P3', '二级', 1, '2026-12-01', 'L', '审定'),"
	" (2, 'P6', '一级', 1, '2026-12-01', 'L', '审定');"
	"INSERT INTO flags (run, point, code, label, evidence, cleared_by) VALUES"
	" (1, 'P1', 'f2', '乙由', 'e', NULL), (1, 'P1', 'f1', '甲由', 'e', NULL),"
	" (1, 'P2', 'f1', '甲由', 'e', NULL), (1, 'P3', 'f2', '乙由', 'e', 1),"
	" (1, 'P4', 'f3', '丙由', 'e', NULL), (1, 'P6', 'f3', '丙由', 'e', 2);"
	"INSERT INTO warnings (run, point, reason, disposition, due, status, text) VALUES"
	" (1, 'P1', 'w', '风险提示', '2026-11-01', '发布', 't'),"
	" (1, 'P2', 'w', '风险提示', '2026-12-15', '签收', 't'),"
	" (1, 'P4', 'w', '风险提示', '2026-11-01', '反馈', 't'),"
	" (1, 'P7', 'w', '风险提示', '2026-12-31', '发布', 't');";

static int setup(void **state)
{
	*state = scratchdb_new("report", setup_sql);
	return 0;
}

static int teardown(void **state)
{
	scratchdb_free(*state);
	return 0;
}

/* The cell of likelihood l and harm h. */
static long cell(const report_totals *t, int l, int h)
{
	return t->cell[(l - 1) * REPORT_SCALE + h - 1];
}

/* The number of cells holding points. */
static int cells_used(const report_totals *t)
{
	int n = 0;

	for (int i = 0; i < REPORT_SCALE * REPORT_SCALE; i++)
		n += t->cell[i] != 0;
	return n;
}

static void agency_is(const report_agency *a, const char *code, const char *name, long t1,
		      long t2, long t3, long total)
{
	assert_string_equal(a->code, code);
	assert_string_equal(a->name, name);
	assert_int_equal(a->tier[0], t1);
	assert_int_equal(a->tier[1], t2);
	assert_int_equal(a->tier[2], t3);
	assert_int_equal(a->total, total);
}

static void level_is(const report_level *lv, int tier, const char *level, long count)
{
	assert_int_equal(lv->tier, tier);
	assert_string_equal(lv->level, level);
	assert_int_equal(lv->count, count);
}

static void reason_is(const report_reason *k, const char *code, const char *label, long count)
{
	assert_string_equal(k->code, code);
	assert_string_equal(k->label, label);
	assert_int_equal(k->count, count);
}

static void whole_run(void **state)
{
	fixture *f = *state;
	report r = {.d = f->d, .run = 1, .as_of = "2026-12-01"};
	report_totals t;

	assert_int_equal(report_totals_read(&r, &t, NULL), RG_OK);
	assert_int_equal(t.points, 7);
	assert_int_equal(t.tier[0], 4); /* P1 P2 P6 P7 */
	assert_int_equal(t.tier[1], 2); /* P3 P4 */
	assert_int_equal(t.tier[2], 1); /* P5 */

	assert_int_equal(t.nagencies, 3); /* by code, not as inserted */
	agency_is(&t.agencies[0], "A", "甲局", 2, 1, 1, 4);
	agency_is(&t.agencies[1], "A1", "甲一所", 0, 1, 0, 1);
	agency_is(&t.agencies[2], "B", "乙局", 2, 0, 0, 2);

	assert_int_equal(cell(&t, 5, 4), 2);
	assert_int_equal(cell(&t, 1, 1), 2);
	assert_int_equal(cell(&t, 2, 3), 1);
	assert_int_equal(cell(&t, 5, 5), 1);
	assert_int_equal(cells_used(&t), 4); /* P5 has no factors: in no cell */

	assert_int_equal(t.nlevels, 3); /* 一级: a级 2 and b级 2, a tie, by level; 二级: x 2 */
	level_is(&t.levels[0], 0, "a级", 2);
	level_is(&t.levels[1], 0, "b级", 2);
	level_is(&t.levels[2], 1, "x", 2);

	assert_int_equal(t.flags_open, 4);    /* P1 f1 f2, P2 f1, P4 f3 */
	assert_int_equal(t.flags_cleared, 2); /* P3 f2, P6 f3 */
	assert_int_equal(t.flagged, 3);       /* P1 P2 P4 */
	assert_int_equal(t.nreasons, 3);      /* f1 2; then f2 1 and f3 1, by code */
	reason_is(&t.reasons[0], "f1", "甲由", 2);
	reason_is(&t.reasons[1], "f2", "乙由", 1);
	reason_is(&t.reasons[2], "f3", "丙由", 1);

	assert_int_equal(t.warnings[0], 2); /* 发布: P1 P7 */
	assert_int_equal(t.warnings[1], 1); /* 签收: P2 */
	assert_int_equal(t.warnings[2], 1); /* 反馈: P4 */
	assert_int_equal(t.warnings[3], 0); /* 解除 */
	assert_int_equal(t.overdue, 1);     /* P1 */
	report_totals_free(&t);
	assert_null(t.agencies);
	assert_int_equal(t.points, 0);
}

/* --agency A: A and A1 under it (P2 P3 P5 P7, P4), not B. */
static void one_subtree(void **state)
{
	fixture *f = *state;
	report r = {.d = f->d, .agency = "A", .run = 1, .as_of = "2026-12-01"};
	report_totals t;

	assert_int_equal(report_totals_read(&r, &t, NULL), RG_OK);
	assert_int_equal(t.points, 5);
	assert_int_equal(t.tier[0], 2);
	assert_int_equal(t.tier[1], 2);
	assert_int_equal(t.tier[2], 1);
	assert_int_equal(t.nagencies, 2);
	agency_is(&t.agencies[0], "A", "甲局", 2, 1, 1, 4);
	agency_is(&t.agencies[1], "A1", "甲一所", 0, 1, 0, 1);
	assert_int_equal(cell(&t, 5, 4), 1);
	assert_int_equal(cell(&t, 1, 1), 2);
	assert_int_equal(cells_used(&t), 3);
	assert_int_equal(t.nlevels, 2); /* 一级 a级 2 (P2 P7); 二级 x 2 */
	level_is(&t.levels[0], 0, "a级", 2);
	level_is(&t.levels[1], 1, "x", 2);
	assert_int_equal(t.flags_open, 2);    /* P2 f1, P4 f3 */
	assert_int_equal(t.flags_cleared, 1); /* P3 f2 */
	assert_int_equal(t.flagged, 2);
	assert_int_equal(t.nreasons, 2);
	reason_is(&t.reasons[0], "f1", "甲由", 1);
	reason_is(&t.reasons[1], "f3", "丙由", 1);
	assert_int_equal(t.warnings[0], 1); /* P7 */
	assert_int_equal(t.warnings[1], 1); /* P2 */
	assert_int_equal(t.warnings[2], 1); /* P4 */
	assert_int_equal(t.overdue, 0);
	report_totals_free(&t);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(whole_run, setup, teardown),
		cmocka_unit_test_setup_teardown(one_subtree, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}

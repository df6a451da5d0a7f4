/*
 * test_report.c: engine/report.c's figures counted over a run (report_totals_read), on a
 * database written here by hand, against counts worked out by hand below: the tiers, per
 * agency in code order (the agencies inserted out of it), the likelihood × harm cells,
 * the method's levels and the open flags by reason in their orders (each key of the
 * order deciding somewhere), the cleared flags, the points with an open flag, the
 * warnings by status and the overdue ones, the points of the highest scores (ties by
 * code); the same for one agency's subtree; a second run that keeps most points' rows
 * of the first; and the ten highest of twelve, read back with their details.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "db.h"
#include "report.h"
#include "scratchdb.h"

typedef scratchdb fixture;

/*
 * Agencies B, A and A1 under A (inserted in that order); run 1 graded nine points:
 *
 *   point agency tier likelihood×harm level  flags (code reason, cleared?)
 *   P1    B      一级 5×4             b级    f2 乙由, f1 甲由
 *   P2    A      一级 5×4             a级    f1 甲由
 *   P3    A      二级 1×1             x      f2 乙由 cleared
 *   P4    A1     二级 1×1             x      f3 丙由
 *   P5    A      三级 none            none
 *   P6    B      一级 2×3             b级    f3 丙由 cleared
 *   P7    A      一级 5×5             a级    f0 丁由
 *   P8    A1     二级 1×2             x
 *   P9    A      二级 3×3             a
 *
 * The levels' order is (tier, count descending, level): a级 2, b级 2 (a tie, by level),
 * then in 二级 x 3 before a 1 (by count; by level alone a comes first, and without the
 * tier x 3 would lead).  The reasons' is (count descending, code, label): f1 2, then f0,
 * f2, f3 (by code alone f0 would lead).
 *
 * Four warnings up to run 1: P1 发布 due 2026-11-01 (overdue on 2026-12-01), P2 签收 due
 * 2026-12-15, P4 反馈 due 2026-11-01 (answered: not overdue), P7 发布 due 2026-12-31.
 *
 * Run 2, of every agency (run_scopes), stored P5 alone again: 二级 3×2 level a, flag f9
 * 戊由; the other points keep their rows of run 1 (version 1) and their flags.
 */
static const char setup_sql[] =
	"INSERT INTO agencies (code, name, parent) VALUES ('B', '乙局', NULL),"
	" ('A', '甲局', NULL), ('A1', '甲一所', 'A');"
	"INSERT INTO persons (code, name, agency, role) VALUES ('L', '局长', 'A', '主要领导');"
	"INSERT INTO points (code, agency, level, category, manifestation) VALUES"
	" ('P1', 'B', '单位', '制度机制', '一'), ('P2', 'A', '单位', '制度机制', '二'),"
	" ('P3', 'A', '单位', '制度机制', '三'), ('P4', 'A1', '单位', '制度机制', '四'),"
	" ('P5', 'A', '单位', '制度机制', '五'), ('P6', 'B', '单位', '制度机制', '六'),"
	" ('P7', 'A', '单位', '制度机制', '七'), ('P8', 'A1', '单位', '制度机制', '八'),"
	" ('P9', 'A', '单位', '制度机制', '九');"
	"INSERT INTO runs (id, as_of, traced, engine_version, rules_dir, points, tier1, tier2,"
	" tier3, flags, warnings) VALUES (1, '2026-12-01', 0, 't', 'rules', 9, 4, 4, 1, 7, 4),"
	" (2, '2027-01-01', 0, 't', 'rules', 9, 4, 5, 0, 8, 0);"
	"INSERT INTO run_scopes VALUES (2, 'A'), (2, 'A1'), (2, 'B');"
	"INSERT INTO grades (run, point, pack, likelihood, harm, score, tier, reasons, level)"
	" VALUES (1, 'P1', 'p', 5, 4, 40, '一级', 'r', 'b级'),"
	" (1, 'P2', 'p', 5, 4, 40, '一级', 'r', 'a级'),"
	" (1, 'P3', 'p', 1, 1, 20, '二级', 'r', 'x'), (1, 'P4', 'p', 1, 1, 20, '二级', 'r', 'x'),"
	" (1, 'P5', 'p', NULL, NULL, 5, '三级', 'r', NULL),"
	" (1, 'P6', 'p', 2, 3, 40, '一级', 'r', 'b级'),"
	" (1, 'P7', 'p', 5, 5, 50, '一级', 'r', 'a级'),"
	" (1, 'P8', 'p', 1, 2, 22, '二级', 'r', 'x'), (1, 'P9', 'p', 3, 3, 30, '二级', 'r', 'a'),"
	" (2, 'P5', 'p', 3, 2, 25, '二级', 'r', 'a');"
	"INSERT INTO coverage SELECT code, 1, agency FROM points;"
	"INSERT INTO coverage VALUES ('P5', 2, 'A');"
	"INSERT INTO approvals (id, point, tier, run, approved_on, by, note) VALUES"
	" (1, 'P3', '二级', 1, '2026-12-01', 'L', '审定'),"
	" (2, 'P6', '一级', 1, '2026-12-01', 'L', '审定');"
	"INSERT INTO flags (run, point, code, label, evidence, cleared_by) VALUES"
	" (1, 'P1', 'f2', '乙由', 'e', NULL), (1, 'P1', 'f1', '甲由', 'e', NULL),"
	" (1, 'P2', 'f1', '甲由', 'e', NULL), (1, 'P3', 'f2', '乙由', 'e', 1),"
	" (1, 'P4', 'f3', '丙由', 'e', NULL), (1, 'P6', 'f3', '丙由', 'e', 2),"
	" (1, 'P7', 'f0', '丁由', 'e', NULL), (2, 'P5', 'f9', '戊由', 'e', NULL);"
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

/* The top points' codes, space-separated, are want. */
static void top_is(const report_totals *t, const char *want)
{
	char got[256] = "";

	for (int i = 0; i < t->ntop; i++) {
		strcat(got, i > 0 ? " " : "");
		strcat(got, t->top[i]);
	}
	assert_string_equal(got, want);
}

/* The top risks' list read for t: its points' codes, space-separated, are want. */
static void top_list_is(const report *r, const report_totals *t, const char *want)
{
	report_list l = {0};
	report_point_row row;
	char got[256] = "";
	bool more;

	assert_int_equal(report_open_top(r, t, &l, NULL), RG_OK);
	while (report_next_point(&l, &row, &more, NULL) == RG_OK && more) {
		strcat(got, got[0] ? " " : "");
		strcat(got, row.point);
	}
	assert_false(more);
	assert_string_equal(got, want);
	report_close(&l);
}

static void whole_run(void **state)
{
	fixture *f = *state;
	report r = {.d = f->d, .run = 1, .as_of = "2026-12-01"};
	report_totals t;

	assert_int_equal(report_totals_read(&r, &t, NULL), RG_OK);
	assert_int_equal(t.points, 9);
	assert_int_equal(t.tier[0], 4); /* P1 P2 P6 P7 */
	assert_int_equal(t.tier[1], 4); /* P3 P4 P8 P9 */
	assert_int_equal(t.tier[2], 1); /* P5 */

	assert_int_equal(t.nagencies, 3); /* by code, not as inserted */
	agency_is(&t.agencies[0], "A", "甲局", 2, 2, 1, 5);
	agency_is(&t.agencies[1], "A1", "甲一所", 0, 2, 0, 2);
	agency_is(&t.agencies[2], "B", "乙局", 2, 0, 0, 2);

	assert_int_equal(cell(&t, 5, 4), 2); /* P1 P2 */
	assert_int_equal(cell(&t, 1, 1), 2); /* P3 P4 */
	assert_int_equal(cell(&t, 2, 3), 1); /* P6 */
	assert_int_equal(cell(&t, 5, 5), 1); /* P7 */
	assert_int_equal(cell(&t, 1, 2), 1); /* P8 */
	assert_int_equal(cell(&t, 3, 3), 1); /* P9 */
	assert_int_equal(cells_used(&t), 6); /* P5 has no factors: in no cell */

	assert_int_equal(t.nlevels, 4);
	level_is(&t.levels[0], 0, "a级", 2);
	level_is(&t.levels[1], 0, "b级", 2);
	level_is(&t.levels[2], 1, "x", 3);
	level_is(&t.levels[3], 1, "a", 1);

	assert_int_equal(t.flags_open, 5);    /* P1 f1 f2, P2 f1, P4 f3, P7 f0 */
	assert_int_equal(t.flags_cleared, 2); /* P3 f2, P6 f3 */
	assert_int_equal(t.flagged, 4);       /* P1 P2 P4 P7 */
	assert_int_equal(t.nreasons, 4);
	reason_is(&t.reasons[0], "f1", "甲由", 2);
	reason_is(&t.reasons[1], "f0", "丁由", 1);
	reason_is(&t.reasons[2], "f2", "乙由", 1);
	reason_is(&t.reasons[3], "f3", "丙由", 1);

	assert_int_equal(t.warnings[0], 2); /* 发布: P1 P7 */
	assert_int_equal(t.warnings[1], 1); /* 签收: P2 */
	assert_int_equal(t.warnings[2], 1); /* 反馈: P4 */
	assert_int_equal(t.warnings[3], 0); /* 解除 */
	assert_int_equal(t.overdue, 1);     /* P1 */

	/* scores 50; 40 40 40 (by code); 30; 22; 20 20 (by code); 5 */
	top_is(&t, "P7 P1 P2 P6 P9 P8 P3 P4 P5");
	report_totals_free(&t);
	assert_null(t.agencies);
	assert_int_equal(t.ntop, 0);
	assert_int_equal(t.points, 0);
}

/* --agency A: A and A1 under it (P2 P3 P5 P7 P9, P4 P8), not B. */
static void one_subtree(void **state)
{
	fixture *f = *state;
	report r = {.d = f->d, .agency = "A", .run = 1, .as_of = "2026-12-01"};
	report_totals t;

	assert_int_equal(report_totals_read(&r, &t, NULL), RG_OK);
	assert_int_equal(t.points, 7);
	assert_int_equal(t.tier[0], 2);
	assert_int_equal(t.tier[1], 4);
	assert_int_equal(t.tier[2], 1);
	assert_int_equal(t.nagencies, 2);
	agency_is(&t.agencies[0], "A", "甲局", 2, 2, 1, 5);
	agency_is(&t.agencies[1], "A1", "甲一所", 0, 2, 0, 2);
	assert_int_equal(cell(&t, 5, 4), 1);
	assert_int_equal(cell(&t, 1, 1), 2);
	assert_int_equal(cells_used(&t), 5); /* P6's 2×3 is B's */
	assert_int_equal(t.nlevels, 3);
	level_is(&t.levels[0], 0, "a级", 2);
	level_is(&t.levels[1], 1, "x", 3);
	level_is(&t.levels[2], 1, "a", 1);
	assert_int_equal(t.flags_open, 3);    /* P2 f1, P4 f3, P7 f0 */
	assert_int_equal(t.flags_cleared, 1); /* P3 f2 */
	assert_int_equal(t.flagged, 3);
	assert_int_equal(t.nreasons, 3); /* one each, by code */
	reason_is(&t.reasons[0], "f0", "丁由", 1);
	reason_is(&t.reasons[1], "f1", "甲由", 1);
	reason_is(&t.reasons[2], "f3", "丙由", 1);
	assert_int_equal(t.warnings[0], 1); /* P7 */
	assert_int_equal(t.warnings[1], 1); /* P2 */
	assert_int_equal(t.warnings[2], 1); /* P4 */
	assert_int_equal(t.overdue, 0);
	top_is(&t, "P7 P2 P9 P8 P3 P4 P5");
	top_list_is(&r, &t, "P7 P2 P9 P8 P3 P4 P5"); /* seven: the other places match none */
	report_totals_free(&t);
}

/* Run 2: P5's new row, the others' rows and flags of run 1. */
static void later_run(void **state)
{
	fixture *f = *state;
	report r = {.d = f->d, .run = 2, .as_of = "2027-01-01"};
	report_totals t;

	assert_int_equal(report_totals_read(&r, &t, NULL), RG_OK);
	assert_int_equal(t.points, 9);
	assert_int_equal(t.tier[0], 4);
	assert_int_equal(t.tier[1], 5); /* P5 now too */
	assert_int_equal(t.tier[2], 0);
	agency_is(&t.agencies[0], "A", "甲局", 2, 3, 0, 5);
	assert_int_equal(cell(&t, 3, 2), 1); /* P5 */
	assert_int_equal(cells_used(&t), 7);
	assert_int_equal(t.nlevels, 4); /* 二级 a: P9 and P5 */
	level_is(&t.levels[2], 1, "x", 3);
	level_is(&t.levels[3], 1, "a", 2);
	assert_int_equal(t.flags_open, 6);    /* run 1's five and P5 f9 */
	assert_int_equal(t.flags_cleared, 2);
	assert_int_equal(t.flagged, 5);       /* P1 P2 P4 P7 P5 */
	assert_int_equal(t.nreasons, 5);
	reason_is(&t.reasons[0], "f1", "甲由", 2);
	reason_is(&t.reasons[4], "f9", "戊由", 1);
	assert_int_equal(t.warnings[0], 2); /* the warnings up to run 2: run 1's */
	assert_int_equal(t.overdue, 3);     /* P1, P2 (签收, due 2026-12-15), P7 */
	top_is(&t, "P7 P1 P2 P6 P9 P5 P8 P3 P4"); /* P5 at 25 now */
	report_totals_free(&t);
}

/*
 * Three more points of run 1 at 20, P10 P11 P12: twelve points, ten shown.  Of the five
 * at 20 (P10 P11 P12 P3 P4 by code, bytes compared) the first three and P3 are kept, P4
 * and P5 (5) are not, in whatever order the counting pass meets the points (its query
 * has no ORDER BY; SQLite 3.40 reads them agency by agency, so the list is full before
 * P6 and P10 come and push P5 and P4 out).  The list then reads those ten, highest
 * first, with their details.
 */
static void top_ten(void **state)
{
	fixture *f = *state;
	report r = {.d = f->d, .run = 1, .as_of = "2026-12-01"};
	report_totals t;
	report_list l = {0};
	report_point_row row;
	bool more;

	assert_int_equal(db_exec(f->d,
		"INSERT INTO points (code, agency, level, category, manifestation) VALUES"
		" ('P10', 'B', '单位', '制度机制', '十'), ('P11', 'A', '单位', '制度机制', '十一'),"
		" ('P12', 'A1', '单位', '制度机制', '十二');"
		"INSERT INTO grades (run, point, pack, score, tier, reasons) VALUES"
		" (1, 'P10', 'p', 20, '二级', 'r'), (1, 'P11', 'p', 20, '二级', 'r'),"
		" (1, 'P12', 'p', 20, '二级', 'r');"
		"INSERT INTO coverage SELECT code, 1, agency FROM points"
		" WHERE code IN ('P10', 'P11', 'P12');", NULL), RG_OK);
	assert_int_equal(report_totals_read(&r, &t, NULL), RG_OK);
	assert_int_equal(t.points, 12);
	top_is(&t, "P7 P1 P2 P6 P9 P8 P10 P11 P12 P3");

	top_list_is(&r, &t, "P7 P1 P2 P6 P9 P8 P10 P11 P12 P3");
	/* the seventh, P10, with its details */
	assert_int_equal(report_open_top(&r, &t, &l, NULL), RG_OK);
	for (int i = 0; i < 7; i++)
		assert_int_equal(report_next_point(&l, &row, &more, NULL), RG_OK);
	assert_true(more);
	assert_string_equal(row.point, "P10");
	assert_string_equal(row.agency, "乙局");
	assert_string_equal(row.note, "十");
	assert_true(row.score == 20);
	report_close(&l);
	report_totals_free(&t);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(whole_run, setup, teardown),
		cmocka_unit_test_setup_teardown(one_subtree, setup, teardown),
		cmocka_unit_test_setup_teardown(later_run, setup, teardown),
		cmocka_unit_test_setup_teardown(top_ten, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}

/*
 * test_factdef.c: engine/factdef.c on a real database: definitions read back, every type
 * of cell parsed or refused (with what was expected), the checks of a definition row,
 * values that no longer fit a changed definition, and removal refused while in use.
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
#include "factdef.h"

typedef struct {
	char dir[64];
	char db_path[96];
	db *d;
} fixture;

static int setup(void **state)
{
	fixture *f = calloc(1, sizeof *f);
	int applied;

	assert_non_null(f);
	strcpy(f->dir, "/tmp/rg-test-factdef-XXXXXX");
	assert_non_null(mkdtemp(f->dir));
	snprintf(f->db_path, sizeof f->db_path, "%s/t.db", f->dir);
	assert_int_equal(db_init(f->db_path, &applied, NULL), RG_OK);
	assert_int_equal(db_open(f->db_path, &f->d, NULL), RG_OK);
	assert_int_equal(db_exec(f->d,
				 "INSERT INTO agencies VALUES ('A', '甲局', NULL);"
				 "INSERT INTO posts VALUES ('A-P', 'A', NULL, '出纳岗', NULL);"
				 "INSERT INTO points (code, agency, level, category, manifestation, post)"
				 " VALUES ('P1', 'A', '岗位', '业务流程', 'm', 'A-P'),"
				 " ('P2', 'A', '岗位', '业务流程', 'm', 'A-P');"
				 "INSERT INTO fact_definitions (name, label, belongs_to, type, min, max,"
				 " choices) VALUES"
				 " ('score', '问卷得分', '风险点', '整数', 0, 9, NULL),"
				 " ('ratio', '占比', '风险点', '数值', 0, NULL, NULL),"
				 " ('since', '启用日期', '风险点', '日期', NULL, NULL, NULL),"
				 " ('memo', '备注', '风险点', '文本', NULL, NULL, NULL),"
				 " ('cash', '经手现金', '岗位', '是否', NULL, NULL, NULL),"
				 " ('level_l', '可能性', '风险点', '枚举', NULL, NULL, '10、6、 3 、0.5'),"
				 " ('top', '上限', '职权', '数值', NULL, 1, NULL);",
				 NULL),
			 RG_OK);
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	fixture *f = *state;

	db_close(f->d);
	unlink(f->db_path);
	rmdir(f->dir);
	free(f);
	return 0;
}

/* The definitions, by sheet (风险点, 职权, 岗位) then name, with the columns they need. */
static void test_load(void **state)
{
	fixture *f = *state;
	fact_defs all, points, posts;
	static const char *const order[] = {"level_l", "memo", "ratio", "score", "since", "top",
					    "cash"};

	assert_int_equal(factdef_load(f->d, NULL, &all, NULL), RG_OK);
	assert_int_equal(all.n, 7);
	for (int i = 0; i < 7; i++)
		assert_string_equal(all.v[i].name, order[i]);
	const fact_def *score = factdef_find(&all, "score");
	assert_non_null(score);
	assert_string_equal(score->label, "问卷得分");
	assert_string_equal(score->sheet, "风险点");
	assert_string_equal(score->table, "points");
	assert_string_equal(score->store, "point_facts");
	assert_string_equal(score->owner, "point");
	assert_int_equal(score->type, FACT_INT);
	assert_true(score->has_min && score->has_max && score->min == 0 && score->max == 9);
	const fact_def *cash = factdef_find(&all, "cash");
	assert_string_equal(cash->owner, "post");
	assert_int_equal(cash->type, FACT_BOOL);
	assert_null(factdef_find(&all, "nope"));
	assert_int_equal(factdef_load(f->d, "points", &points, NULL), RG_OK);
	assert_int_equal(points.n, 5);
	assert_int_equal(factdef_load(f->d, "posts", &posts, NULL), RG_OK);
	assert_int_equal(posts.n, 1);
	assert_string_equal(posts.v[0].name, "cash");
	factdef_free(&all);
	factdef_free(&points);
	factdef_free(&posts);
	assert_int_equal(all.n, 0);
}

/* Every type: cells that are values of it, and cells that are not, with what the
 * message says is expected. */
static void test_parse(void **state)
{
	static const struct {
		const char *fact;
		const char *cell;
		bool ok;
		db_type type; /* when ok */
		double value; /* when ok and a number */
		const char *expected;
	} cases[] = {
		{"score", "0", true, DB_INT, 0, "a whole number 0-9"},
		{"score", "9", true, DB_INT, 9, ""},
		{"score", "10", false, DB_NULL, 0, ""},
		{"score", "-1", false, DB_NULL, 0, ""},
		{"score", "4.5", false, DB_NULL, 0, ""},
		{"score", "四", false, DB_NULL, 0, ""},
		{"ratio", "0.25", true, DB_REAL, 0.25, "a number of at least 0"},
		{"ratio", "1e3", true, DB_REAL, 1000, ""},
		{"ratio", "-0.5", false, DB_NULL, 0, ""},
		{"ratio", "inf", false, DB_NULL, 0, ""},
		{"ratio", "nan", false, DB_NULL, 0, ""},
		{"top", "1", true, DB_REAL, 1, "a number of at most 1"},
		{"top", "1.01", false, DB_NULL, 0, ""},
		{"since", "2026-02-28", true, DB_TEXT, 0, "a date YYYY-MM-DD"},
		{"since", "2026-02-30", false, DB_NULL, 0, ""},
		{"since", "2026/02/28", false, DB_NULL, 0, ""},
		{"memo", "任何文字", true, DB_TEXT, 0, "a text"},
		{"cash", "是", true, DB_INT, 1, "是 or 否 (1 or 0)"},
		{"cash", "否", true, DB_INT, 0, ""},
		{"cash", "1", true, DB_INT, 1, ""},
		{"cash", "0", true, DB_INT, 0, ""},
		{"cash", "有", false, DB_NULL, 0, ""},
		{"level_l", "6", true, DB_TEXT, 0, "one of 10、6、 3 、0.5"},
		{"level_l", "3", true, DB_TEXT, 0, ""},   /* blanks around a choice do not count */
		{"level_l", "0.5", true, DB_TEXT, 0, ""},
		{"level_l", "1", false, DB_NULL, 0, ""},
		{"level_l", "10、6", false, DB_NULL, 0, ""},
	};
	fixture *f = *state;
	fact_defs defs;

	assert_int_equal(factdef_load(f->d, NULL, &defs, NULL), RG_OK);
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		const fact_def *def = factdef_find(&defs, cases[i].fact);
		fact_value v = {DB_NULL, 0, 0, NULL};
		char expected[256];
		bool ok = factdef_parse(def, cases[i].cell, &v);
		if (ok != cases[i].ok)
			fail_msg("case %zu: %s \"%s\": %s, expected %s", i, cases[i].fact,
				 cases[i].cell, ok ? "taken" : "refused", cases[i].ok ? "taken" : "refused");
		if (ok) {
			assert_int_equal(v.type, cases[i].type);
			if (v.type == DB_INT)
				assert_true(v.i == (int64_t)cases[i].value);
			else if (v.type == DB_REAL)
				assert_true(v.r == cases[i].value);
			else
				assert_string_equal(v.text, cases[i].cell);
		}
		if (cases[i].expected[0] != '\0')
			assert_string_equal(factdef_expected(def, expected, sizeof expected),
					    cases[i].expected);
	}
	factdef_free(&defs);
}

/* A label and an 枚举's choices as long as a user writes them are read whole: 100 x 评
 * (300 bytes), and 64 choices 类别, 8 x 甲, 01 to 64 (32 bytes each, 2,237 bytes with the
 * separators), of which the 64th is one and a prefix of it is not; a message too short
 * for the list ends at a whole character, then "…". */
static void test_long_texts(void **state)
{
	fixture *f = *state;
	char label[301] = "", choices[2238] = "", sql[2700], expected[16];
	fact_defs defs;
	fact_value v;

	for (int i = 0; i < 100; i++)
		strcat(label, "评");
	for (int i = 1; i <= 64; i++)
		snprintf(choices + strlen(choices), sizeof choices - strlen(choices),
			 "%s类别甲甲甲甲甲甲甲甲%02d", i > 1 ? "、" : "", i);
	assert_int_equal(strlen(label), 300);
	assert_int_equal(strlen(choices), 2237);
	snprintf(sql, sizeof sql, "INSERT INTO fact_definitions (name, label, belongs_to, type,"
		 " choices) VALUES ('kind', '%s', '风险点', '枚举', '%s');", label, choices);
	assert_int_equal(db_exec(f->d, sql, NULL), RG_OK);
	assert_int_equal(factdef_load(f->d, "points", &defs, NULL), RG_OK);
	const fact_def *kind = factdef_find(&defs, "kind");
	assert_non_null(kind);
	assert_string_equal(kind->label, label);
	assert_string_equal(kind->choices, choices);
	assert_true(factdef_parse(kind, "类别甲甲甲甲甲甲甲甲64", &v));
	assert_true(factdef_parse(kind, "类别甲甲甲甲甲甲甲甲01", &v));
	assert_false(factdef_parse(kind, "类别甲甲甲甲甲甲甲甲6", &v));
	/* "one of " (7 bytes) and 类 fit in 16 bytes with "…"; 别 does not. */
	assert_string_equal(factdef_expected(kind, expected, sizeof expected), "one of 类…");
	factdef_free(&defs);
}

/* A definition row, beyond its constraints: the column at fault and what it must be. */
static void test_check_definition(void **state)
{
	static const struct {
		const char *name, *label, *sheet, *choices;
		const char *column; /* NULL: fine */
		const char *expected;
	} cases[] = {
		{"x", "新事实", "风险点", NULL, NULL, ""},
		/* A column of points, by name or by label. */
		{"code", "编号", "风险点", NULL, "name", "a name that no column of points (风险点) has"},
		{"x", "表现形式", "风险点", NULL, "label", "a label that no column of points (风险点)"},
		{"x", "manifestation", "风险点", NULL, "label", "a label that no column of points"},
		/* Another fact of the same sheet, by name or label; another sheet's is fine. */
		{"x", "score", "风险点", NULL, "label", "and no other fact declared for it"},
		{"问卷得分", "y", "风险点", NULL, "name", "and no other fact declared for it"},
		{"x", "问卷得分", "岗位", NULL, NULL, ""},
		/* Its own name as its label is fine. */
		{"score", "score", "风险点", NULL, NULL, ""},
		{"x", "岗位名称", "岗位", NULL, "label", "a label that no column of posts (岗位) has"},
		/* Choices. */
		{"x", "甲", "风险点", "低、中、高", NULL, ""},
		{"x", "甲", "风险点", "低、、高", "choices", "the values of an 枚举 separated by 、, none empty"},
		{"x", "甲", "风险点", "低、中、", "choices", "none empty"},
		{"x", "甲", "风险点", "低、中、 低 ", "choices", "each once (低 is there twice)"},
	};
	fixture *f = *state;

	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		const char *column = "unset";
		char expected[512] = "";
		assert_int_equal(factdef_check_definition(f->d, cases[i].name, cases[i].label,
							  cases[i].sheet, cases[i].choices, &column,
							  expected, sizeof expected, NULL), RG_OK);
		if (cases[i].column == NULL) {
			if (column != NULL)
				fail_msg("case %zu: refused for %s: %s", i, column, expected);
			continue;
		}
		if (column == NULL || strcmp(column, cases[i].column) != 0 ||
		    strstr(expected, cases[i].expected) == NULL)
			fail_msg("case %zu: column %s, \"%s\"; expected %s, \"%s\"", i,
				 column ? column : "(none)", expected, cases[i].column,
				 cases[i].expected);
	}
}

/* What misfits() is told: one line per definition. */
static void collect(void *ctx, const fact_def *def, long count, const char *examples)
{
	char *out = ctx;
	size_t used = strlen(out);

	snprintf(out + used, 1024 - used, "%s %ld %s\n", def->name, count, examples);
}

/* Values stored before a definition changed: those it no longer admits, by definition. */
static void test_misfits(void **state)
{
	fixture *f = *state;
	char found[1024] = "";

	assert_int_equal(db_exec(f->d,
				 "INSERT INTO point_facts VALUES ('P1', 'score', 7), ('P2', 'score', 3),"
				 " ('P1', 'level_l', '6'), ('P1', 'since', '2026-01-01'),"
				 " ('P1', 'memo', 'x');"
				 "INSERT INTO post_facts VALUES ('A-P', 'cash', 1);", NULL), RG_OK);
	assert_int_equal(factdef_misfits(f->d, collect, found, NULL), RG_OK);
	assert_string_equal(found, "");
	/* A narrower range, fewer choices, another type, another sheet. */
	assert_int_equal(db_exec(f->d,
				 "UPDATE fact_definitions SET max = 5 WHERE name = 'score';"
				 "UPDATE fact_definitions SET choices = '10、3' WHERE name = 'level_l';"
				 "UPDATE fact_definitions SET type = '整数' WHERE name = 'memo';"
				 "UPDATE fact_definitions SET belongs_to = '风险点' WHERE name = 'cash';",
				 NULL), RG_OK);
	assert_int_equal(factdef_misfits(f->d, collect, found, NULL), RG_OK);
	assert_string_equal(found, "cash 1 A-P: 1\n"
				   "level_l 1 P1: 6\n"
				   "memo 1 P1: x\n"
				   "score 1 P1: 7\n");
}

/* How many values use a fact; removing one in use is refused with the count. */
static void test_uses_and_remove(void **state)
{
	fixture *f = *state;
	char examples[128], *label = NULL;
	long count = -1;
	rg_err e = {{0}};

	assert_int_equal(db_exec(f->d,
				 "INSERT INTO point_facts VALUES ('P1', 'score', 7), ('P2', 'score', 3);",
				 NULL), RG_OK);
	assert_int_equal(factdef_uses(f->d, "score", &count, examples, sizeof examples, NULL),
			 RG_OK);
	assert_int_equal(count, 2);
	assert_string_equal(examples, "P1, P2");
	assert_int_equal(factdef_uses(f->d, "memo", &count, examples, sizeof examples, NULL),
			 RG_OK);
	assert_int_equal(count, 0);
	assert_int_equal(factdef_uses(f->d, "nope", &count, examples, sizeof examples, &e),
			 RG_INPUT);
	assert_string_equal(e.msg, "no fact is declared by the name \"nope\"");

	assert_int_equal(factdef_remove(f->d, "score", &label, &e), RG_INPUT);
	assert_null(label);
	assert_string_equal(e.msg, "fact \"score\" (问卷得分) still has 2 values in points (P1, "
				   "P2): import those cells empty first (column 问卷得分 of the 风险点 "
				   "sheet), then remove it");
	assert_int_equal(factdef_remove(f->d, "memo", &label, NULL), RG_OK);
	assert_string_equal(label, "备注");
	free(label);
	assert_int_equal(factdef_uses(f->d, "memo", &count, examples, sizeof examples, &e),
			 RG_INPUT);
	assert_int_equal(factdef_uses(f->d, "score", &count, examples, sizeof examples, NULL),
			 RG_OK);
	assert_int_equal(count, 2);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_load, setup, teardown),
		cmocka_unit_test_setup_teardown(test_parse, setup, teardown),
		cmocka_unit_test_setup_teardown(test_long_texts, setup, teardown),
		cmocka_unit_test_setup_teardown(test_check_definition, setup, teardown),
		cmocka_unit_test_setup_teardown(test_misfits, setup, teardown),
		cmocka_unit_test_setup_teardown(test_uses_and_remove, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}

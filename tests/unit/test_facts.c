/*
 * test_facts.c: engine/facts.c on a small register worked out by hand: the points in code
 * order, each with its own ratings and measures, the signals on it or on its post merged
 * by date (a signal on both once), the changes of its power or post, who answers for it,
 * a scope that leaves another agency's points and facts out, and the facts the agency
 * declared.
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
#include "facts.h"
#include "scratchdb.h"

typedef scratchdb fixture;

static int setup(void **state)
{
	fixture *f = scratchdb_new("facts", NULL);

	assert_int_equal(db_exec(f->d,
		"INSERT INTO agencies (code, name) VALUES ('A', '甲局'), ('B', '乙局');"
		"INSERT INTO departments (code, agency, name) VALUES ('DA', 'A', '甲科'),"
		" ('DB', 'B', '乙科');"
		"INSERT INTO posts (code, agency, department, name) VALUES ('SA', 'A', 'DA', '甲岗'),"
		" ('SB', 'B', 'DB', '乙岗');"
		"INSERT INTO persons (code, name, agency, department, role) VALUES"
		" ('HA2', '二', 'A', 'DA', '科室负责人'), ('HA1', '一', 'A', 'DA', '科室负责人'),"
		" ('L1', '局长', 'A', NULL, '主要领导'), ('V1', '分管', 'A', NULL, '分管领导');"
		"INSERT INTO oversight (person, department) VALUES ('V1', 'DA');"
		"INSERT INTO powers (code, agency, name, kind, post, major, funds) VALUES"
		" ('WA', 'A', '许可', '行政许可', 'SA', 1, 2.5);"
		"INSERT INTO points (code, agency, level, category, manifestation, power, post) VALUES"
		" ('P1', 'A', '岗位', '制度机制', '一', 'WA', 'SA'),"
		" ('P2', 'A', '岗位', '制度机制', '二', NULL, 'SA'),"
		" ('P3', 'B', '单位', '制度机制', '三', NULL, NULL),"
		" ('P0', 'A', '单位', '制度机制', '零', NULL, NULL);"
		"INSERT INTO ratings (id, point, source, factor, value, rated_on) VALUES"
		" (1, 'P1', '岗位自评', '发生概率', 4, '2025-02-01'),"
		" (2, 'P1', '部室互评', '发生概率', 2, '2025-01-01'),"
		" (3, 'P3', '岗位自评', '发生概率', 5, '2025-01-01');"
		"INSERT INTO measures (id, point, text, status) VALUES (7, 'P1', '措施乙', '落实中'),"
		" (5, 'P1', '措施甲', '未启动');"
		"INSERT INTO signals (id, source, point, post, received_on, severity, substantiated,"
		" text, complainant) VALUES"
		" (1, '审计', 'P1', NULL, '2026-01-02', '一般', 0, '点', '某甲'),"
		" (2, '巡视', NULL, 'SA', '2026-01-01', '严重', 1, '岗', NULL),"
		" (3, '巡视', 'P1', 'SA', '2026-01-03', '较重', 1, '点和岗', NULL),"
		" (4, '审计', 'P3', NULL, '2026-01-01', '一般', 0, '乙', NULL);"
		"INSERT INTO changes (id, kind, power, post, changed_on, text) VALUES"
		" (1, '法律法规调整', 'WA', NULL, '2025-05-01', '修法'),"
		" (2, '职责权限变更', NULL, 'SA', '2025-03-01', '调岗');", NULL), RG_OK);
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	scratchdb_free(*state);
	return 0;
}

/* Field name (of sub-table table, NULL for the row itself) in row v[0..n-1], or NULL. */
static const rule_value *field(const rule_value *v, int n, const char *table, const char *name)
{
	for (int i = 0; i < n; i++)
		if (strcmp(v[i].name, name) == 0 &&
		    (table == NULL ? v[i].table == NULL
				   : v[i].table != NULL && strcmp(v[i].table, table) == 0))
			return &v[i];
	return NULL;
}

/* The text of a field, or NULL when it is absent or NULL. */
static const char *text(const rule_value *v, int n, const char *table, const char *name)
{
	const rule_value *f = field(v, n, table, name);

	if (f == NULL || f->type == RULE_NIL)
		return NULL;
	assert_int_equal(f->type, RULE_TEXT);
	return f->v.s;
}

static const rule_list *list(const facts_point *p, const char *key)
{
	for (int i = 0; i < p->facts.nlists; i++)
		if (strcmp(p->facts.lists[i].key, key) == 0)
			return &p->facts.lists[i];
	fail_msg("no list %s", key);
	return NULL;
}

/* The ids of a list's rows, "2,1,3". */
static void ids(const rule_list *l, char *out, size_t size)
{
	size_t used = 0;

	out[0] = '\0';
	for (int i = 0; i < l->nrows; i++) {
		const rule_value *id = field(l->rows + (size_t)i * (size_t)l->ncols, l->ncols, NULL,
					     "id");
		assert_non_null(id);
		used += (size_t)snprintf(out + used, size - used, "%s%lld", i ? "," : "",
					 (long long)id->v.i);
	}
}

/* The text field name of every row of a list, joined by ",". */
static void texts(const rule_list *l, const char *name, char *out, size_t size)
{
	size_t used = 0;

	out[0] = '\0';
	for (int i = 0; i < l->nrows; i++) {
		const char *t = text(l->rows + (size_t)i * (size_t)l->ncols, l->ncols, NULL, name);
		used += (size_t)snprintf(out + used, size - used, "%s%s", i ? "," : "",
					 t ? t : "-");
	}
}

/* Read the next point into p, which must be code. */
static void next(facts_reader *fr, facts_point *p, const char *code)
{
	bool got;
	rg_err e = {{0}};

	if (facts_next(fr, p, &got, &e) != RG_OK)
		fail_msg("facts_next: %s", e.msg);
	assert_true(got);
	assert_string_equal(p->code, code);
}

static void test_every_point(void **state)
{
	fixture *f = *state;
	facts_reader *fr = NULL;
	facts_point p = {0};
	const rule_value *v;
	char buf[256];
	bool got;
	int n;

	assert_int_equal(db_begin(f->d, NULL), RG_OK);
	assert_int_equal(facts_open(f->d, NULL, &fr, NULL), RG_OK);

	/* P0: an agency-level point with no post: its principal only, every list empty. */
	next(fr, &p, "P0");
	n = p.facts.nfields;
	assert_string_equal(p.agency, "A");
	assert_string_equal(text(p.facts.fields, n, NULL, "agency_name"), "甲局");
	assert_null(text(p.facts.fields, n, "people", "department_head"));
	assert_null(text(p.facts.fields, n, "people", "leader_in_charge"));
	assert_string_equal(text(p.facts.fields, n, "people", "principal"), "L1");
	assert_null(text(p.facts.fields, n, "post", "code"));
	assert_int_equal(p.facts.nlists, 4);
	for (int i = 0; i < p.facts.nlists; i++)
		assert_int_equal(p.facts.lists[i].nrows, 0);

	/* P1: everything. */
	next(fr, &p, "P1");
	n = p.facts.nfields;
	assert_string_equal(text(p.facts.fields, n, "post", "code"), "SA");
	assert_string_equal(text(p.facts.fields, n, "department", "code"), "DA");
	assert_string_equal(text(p.facts.fields, n, "power", "scope"), "对外");
	v = field(p.facts.fields, n, "power", "major");
	assert_non_null(v);
	assert_int_equal(v->type, RULE_BOOL);
	assert_true(v->v.i != 0);
	v = field(p.facts.fields, n, "power", "funds");
	assert_int_equal(v->type, RULE_REAL);
	assert_true(v->v.d == 2.5);
	/* Of the two heads of DA, the first by code. */
	assert_string_equal(text(p.facts.fields, n, "people", "department_head"), "HA1");
	assert_string_equal(text(p.facts.fields, n, "people", "leader_in_charge"), "V1");
	assert_string_equal(text(p.facts.fields, n, "people", "principal"), "L1");
	/* Lists in their order, ratings by date. */
	assert_string_equal(p.facts.lists[0].key, "ratings");
	assert_string_equal(p.facts.lists[1].key, "measures");
	assert_string_equal(p.facts.lists[2].key, "signals");
	assert_string_equal(p.facts.lists[3].key, "changes");
	texts(list(&p, "ratings"), "source", buf, sizeof buf);
	assert_string_equal(buf, "部室互评,岗位自评");
	texts(list(&p, "ratings"), "date", buf, sizeof buf);
	assert_string_equal(buf, "2025-01-01,2025-02-01");
	texts(list(&p, "measures"), "text", buf, sizeof buf);
	assert_string_equal(buf, "措施甲,措施乙");
	/* Signals: on the post (01-01), on the point (01-02), on both (01-03, once). */
	ids(list(&p, "signals"), buf, sizeof buf);
	assert_string_equal(buf, "2,1,3");
	texts(list(&p, "signals"), "via", buf, sizeof buf);
	assert_string_equal(buf, "post,point,point");
	v = field(list(&p, "signals")->rows, list(&p, "signals")->ncols, NULL, "substantiated");
	assert_int_equal(v->type, RULE_BOOL);
	assert_true(v->v.i != 0);
	assert_null(field(list(&p, "signals")->rows, list(&p, "signals")->ncols, NULL,
			  "complainant"));
	/* Changes: of the post (03-01), then of the power (05-01). */
	ids(list(&p, "changes"), buf, sizeof buf);
	assert_string_equal(buf, "2,1");
	texts(list(&p, "changes"), "via", buf, sizeof buf);
	assert_string_equal(buf, "post,power");

	/* P2: only what reaches it through post SA, the signal on P1 and SA included. */
	next(fr, &p, "P2");
	assert_int_equal(list(&p, "ratings")->nrows, 0);
	ids(list(&p, "signals"), buf, sizeof buf);
	assert_string_equal(buf, "2,3");
	ids(list(&p, "changes"), buf, sizeof buf);
	assert_string_equal(buf, "2");

	/* P3, of agency B: its own rating and signal; nobody answers for it. */
	next(fr, &p, "P3");
	n = p.facts.nfields;
	assert_null(text(p.facts.fields, n, "people", "principal"));
	texts(list(&p, "ratings"), "source", buf, sizeof buf);
	assert_string_equal(buf, "岗位自评");
	ids(list(&p, "signals"), buf, sizeof buf);
	assert_string_equal(buf, "4");

	assert_int_equal(facts_next(fr, &p, &got, NULL), RG_OK);
	assert_false(got);
	facts_close(fr);
	facts_point_free(&p);
	db_rollback(f->d);
}

static void test_scope(void **state)
{
	fixture *f = *state;
	facts_reader *fr = NULL;
	facts_point p = {0};
	char buf[64];
	bool got;

	assert_int_equal(db_begin(f->d, NULL), RG_OK);
	assert_int_equal(facts_open(f->d, "B", &fr, NULL), RG_OK);
	next(fr, &p, "P3");
	ids(list(&p, "signals"), buf, sizeof buf);
	assert_string_equal(buf, "4");
	assert_int_equal(list(&p, "ratings")->nrows, 1);
	assert_int_equal(facts_next(fr, &p, &got, NULL), RG_OK);
	assert_false(got);
	facts_close(fr);

	/* Agency A: P3's facts, which sort between P2's and nothing, are passed over. */
	assert_int_equal(facts_open(f->d, "A", &fr, NULL), RG_OK);
	next(fr, &p, "P0");
	next(fr, &p, "P1");
	assert_int_equal(list(&p, "ratings")->nrows, 2);
	next(fr, &p, "P2");
	assert_int_equal(facts_next(fr, &p, &got, NULL), RG_OK);
	assert_false(got);
	facts_close(fr);
	facts_point_free(&p);
	db_rollback(f->d);
}

/* The facts an agency declared (issue 12): a point's come as fields of "facts" (always
 * there, as an empty table when it has none), its power's and post's as fields of
 * "power.facts" and "post.facts" (when it has a power or post), typed as declared; the
 * scope leaves another agency's out. */
static void test_declared(void **state)
{
	fixture *f = *state;
	facts_reader *fr = NULL;
	facts_point p = {0};
	const rule_value *v;
	bool got;
	int n;

	assert_int_equal(db_exec(f->d,
		"INSERT INTO fact_definitions (name, label, belongs_to, type, min, max, choices)"
		" VALUES ('score', '问卷得分', '风险点', '整数', 0, 9, NULL),"
		" ('ratio', '占比', '风险点', '数值', NULL, NULL, NULL),"
		" ('likely', '可能性', '风险点', '枚举', NULL, NULL, '低、中、高'),"
		" ('cash', '经手现金', '岗位', '是否', NULL, NULL, NULL),"
		" ('often', '频繁程度', '职权', '文本', NULL, NULL, NULL);"
		"INSERT INTO point_facts VALUES ('P1', 'score', 7), ('P1', 'ratio', 0.5),"
		" ('P1', 'likely', '高'), ('P3', 'score', 2);"
		"INSERT INTO post_facts VALUES ('SA', 'cash', 1);"
		"INSERT INTO power_facts VALUES ('WA', 'often', '每天');", NULL), RG_OK);
	assert_int_equal(db_begin(f->d, NULL), RG_OK);
	assert_int_equal(facts_open(f->d, "A", &fr, NULL), RG_OK);

	/* P0: no power, no post, no facts: an empty p.facts and nothing else. */
	next(fr, &p, "P0");
	n = p.facts.nfields;
	v = field(p.facts.fields, n, NULL, "facts");
	assert_non_null(v);
	assert_int_equal(v->type, RULE_TABLE);
	assert_null(field(p.facts.fields, n, "power", "facts"));
	assert_null(field(p.facts.fields, n, "post", "facts"));
	for (int i = 0; i < n; i++)
		assert_true(p.facts.fields[i].table == NULL ||
			    strstr(p.facts.fields[i].table, "facts") == NULL);

	/* P1: three of its own, its post's and its power's. */
	next(fr, &p, "P1");
	n = p.facts.nfields;
	v = field(p.facts.fields, n, "facts", "score");
	assert_non_null(v);
	assert_int_equal(v->type, RULE_INT);
	assert_int_equal(v->v.i, 7);
	v = field(p.facts.fields, n, "facts", "ratio");
	assert_int_equal(v->type, RULE_REAL);
	assert_true(v->v.d == 0.5);
	assert_string_equal(text(p.facts.fields, n, "facts", "likely"), "高");
	assert_int_equal(field(p.facts.fields, n, "power", "facts")->type, RULE_TABLE);
	assert_string_equal(text(p.facts.fields, n, "power.facts", "often"), "每天");
	assert_int_equal(field(p.facts.fields, n, "post", "facts")->type, RULE_TABLE);
	v = field(p.facts.fields, n, "post.facts", "cash");
	assert_non_null(v);
	assert_int_equal(v->type, RULE_BOOL);
	assert_true(v->v.i != 0);
	/* The tables come before the values put in them. */
	assert_true(field(p.facts.fields, n, NULL, "facts") <
		    field(p.facts.fields, n, "facts", "score"));
	assert_true(field(p.facts.fields, n, "post", "facts") <
		    field(p.facts.fields, n, "post.facts", "cash"));

	/* P2: none of its own (P3's, of agency B, passed over), its post's. */
	next(fr, &p, "P2");
	n = p.facts.nfields;
	assert_null(field(p.facts.fields, n, "facts", "score"));
	assert_non_null(field(p.facts.fields, n, "post.facts", "cash"));
	assert_null(field(p.facts.fields, n, "power", "facts"));
	assert_int_equal(facts_next(fr, &p, &got, NULL), RG_OK);
	assert_false(got);
	facts_close(fr);
	facts_point_free(&p);
	db_rollback(f->d);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_every_point, setup, teardown),
		cmocka_unit_test_setup_teardown(test_scope, setup, teardown),
		cmocka_unit_test_setup_teardown(test_declared, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}

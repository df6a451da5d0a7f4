/*
 * test_dialect.c: engine/dialect.c: each rewriting rule on SQL written as the engine
 * writes it, the PostgreSQL text worked out by hand; quoted text, quoted names and
 * comments left alone; what must not change, unchanged.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include <cmocka.h>

#include "dialect.h"

/* Rewrite sql and compare with want; the highest parameter number with params. */
static void said(const char *sql, const char *want, int params)
{
	int n = -1;
	char *out = dialect_pg(sql, &n);

	assert_non_null(out);
	assert_string_equal(out, want);
	assert_int_equal(n, params);
	free(out);
}

static void test_parameters(void **state)
{
	(void)state;
	said("SELECT 1", "SELECT 1", 0);
	said("SELECT a FROM t WHERE b = ?1 AND c = ?2", "SELECT a FROM t WHERE b = $1 AND c = $2",
	     2);
	/* ? is one more than the highest before it, as in SQLite */
	said("INSERT INTO t VALUES (?, ?, ?5, ?)", "INSERT INTO t VALUES ($1, $2, $5, $6)", 6);
	said("SELECT ?12", "SELECT $12", 12);
	/* a question mark in a text, a quoted name or a comment is not a parameter */
	said("SELECT '?1', \"a?\" -- ?3\nFROM t", "SELECT '?1', \"a?\" -- ?3\nFROM t", 0);
	said("SELECT 'it''s ?', ?1", "SELECT 'it''s ?', $1", 1);
	said("SELECT /* ?9 */ 2", "SELECT /* ?9 */ 2", 0);
}

static void test_is_between_values(void **state)
{
	(void)state;
	said("SELECT a IS ?1", "SELECT a IS NOT DISTINCT FROM $1", 1);
	said("WHERE x.tier_a IS NOT x.tier_b OR y", "WHERE x.tier_a IS DISTINCT FROM x.tier_b OR y",
	     0);
	/* IS NULL, IS NOT NULL, IS TRUE stay */
	said("WHERE a IS NULL AND b IS NOT NULL AND c IS TRUE AND d is not false",
	     "WHERE a IS NULL AND b IS NOT NULL AND c IS TRUE AND d is not false", 0);
	said("WHERE a IS DISTINCT FROM b", "WHERE a IS DISTINCT FROM b", 0);
}

static void test_glob_temp_real_in(void **state)
{
	(void)state;
	said("WHERE a.action GLOB ?2", "WHERE a.action ~ rg_glob($2)", 2);
	said("WHERE action GLOB 'warning *'", "WHERE action ~ rg_glob('warning *')", 0);
	said("NOT a GLOB ?", "NOT a ~ rg_glob($1)", 1);
	said("INSERT INTO temp.grade_summary SELECT * FROM temp.x",
	     "INSERT INTO pg_temp.grade_summary SELECT * FROM pg_temp.x", 0);
	/* an index goes in its table's schema: its name has none */
	said("CREATE TEMP TABLE x AS SELECT 1; CREATE INDEX temp.x_i ON x (a)",
	     "CREATE TEMP TABLE x AS SELECT 1; CREATE INDEX x_i ON x (a)", 0);
	said("CREATE INDEX IF NOT EXISTS temp.x_i ON x (a)",
	     "CREATE INDEX IF NOT EXISTS x_i ON x (a)", 0);
	/* a column named temp, or temp in a name, is not the schema */
	said("SELECT temp, attempt FROM t", "SELECT temp, attempt FROM t", 0);
	said("CAST(x AS REAL)", "CAST(x AS double precision)", 0);
	said("WHERE p.agency IN scope AND b IN (1, 2) AND c IN (SELECT d FROM e)",
	     "WHERE p.agency IN (SELECT * FROM scope) AND b IN (1, 2) AND c IN (SELECT d FROM e)",
	     0);
}

static void test_order_by_nulls(void **state)
{
	(void)state;
	said("SELECT a FROM t ORDER BY a", "SELECT a FROM t ORDER BY a NULLS FIRST", 0);
	said("SELECT a FROM t ORDER BY a DESC, b", "SELECT a FROM t ORDER BY a DESC NULLS LAST, b"
	     " NULLS FIRST", 0);
	said("SELECT a FROM t ORDER BY seq DESC LIMIT 1",
	     "SELECT a FROM t ORDER BY seq DESC NULLS LAST LIMIT 1", 0);
	/* a function's commas are not the clause's; a window's clause ends at its ) */
	said("ORDER BY coalesce(a, b), c;", "ORDER BY coalesce(a, b) NULLS FIRST, c NULLS FIRST;",
	     0);
	said("SELECT row_number() OVER (ORDER BY x) FROM t ORDER BY 1",
	     "SELECT row_number() OVER (ORDER BY x NULLS FIRST) FROM t ORDER BY 1 NULLS FIRST", 0);
	/* said already: left alone */
	said("ORDER BY a NULLS LAST", "ORDER BY a NULLS LAST", 0);
	said("SELECT 1 ORDER BY a UNION SELECT 2", "SELECT 1 ORDER BY a NULLS FIRST UNION SELECT 2",
	     0);
}

static void test_subquery_names(void **state)
{
	(void)state;
	said("SELECT group_concat(x, ';') FROM (SELECT x FROM t ORDER BY x)",
	     "SELECT group_concat(x, ';') FROM (SELECT x FROM t ORDER BY x NULLS FIRST) AS rg_table1",
	     0);
	said("SELECT * FROM (SELECT 1) WHERE 1 JOIN (SELECT 2) ON 1",
	     "SELECT * FROM (SELECT 1) AS rg_table1 WHERE 1 JOIN (SELECT 2) AS rg_table2 ON 1", 0);
	/* one with a name keeps it; a function's parentheses are not a table */
	said("SELECT * FROM (SELECT 1) s", "SELECT * FROM (SELECT 1) s", 0);
	said("SELECT * FROM (SELECT 1) AS s", "SELECT * FROM (SELECT 1) AS s", 0);
	said("SELECT * FROM json_each(?1)", "SELECT * FROM json_each($1)", 1);
}

static void test_pragma(void **state)
{
	(void)state;
	said("PRAGMA cache_spill = OFF", "", 0);
	said("PRAGMA foreign_keys = ON; SELECT 1", " SELECT 1", 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_parameters),
		cmocka_unit_test(test_is_between_values),
		cmocka_unit_test(test_glob_temp_real_in),
		cmocka_unit_test(test_order_by_nulls),
		cmocka_unit_test(test_subquery_names),
		cmocka_unit_test(test_pragma),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}

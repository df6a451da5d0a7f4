/*
 * test_import.c: engine/import.c on a real SQLite database: headers by name or Chinese
 * label, conversions, every kind of refused field, and that a file with any bad row
 * writes nothing.
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
#include "import.h"

typedef struct {
	char dir[64];
	char db_path[96];
	char csv_path[96];
	db *d;
} fixture;

static int setup(void **state)
{
	fixture *f = calloc(1, sizeof *f);
	int applied;

	assert_non_null(f);
	strcpy(f->dir, "/tmp/rg-test-import-XXXXXX");
	assert_non_null(mkdtemp(f->dir));
	snprintf(f->db_path, sizeof f->db_path, "%s/t.db", f->dir);
	snprintf(f->csv_path, sizeof f->csv_path, "%s/in.csv", f->dir);
	assert_int_equal(db_init(f->db_path, &applied, NULL), RG_OK);
	assert_int_equal(db_open(f->db_path, &f->d, NULL), RG_OK);
	assert_int_equal(db_exec(f->d,
				 "INSERT INTO agencies VALUES ('A', '甲局', NULL);"
				 "INSERT INTO departments VALUES ('A-D', 'A', '办公室');"
				 "INSERT INTO posts VALUES ('A-P', 'A', 'A-D', '文秘岗', NULL);",
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
	unlink(f->csv_path);
	rmdir(f->dir);
	free(f);
	return 0;
}

static long count(db *d, const char *sql)
{
	db_stmt *s = NULL;
	bool row;
	long n;

	assert_int_equal(db_prepare(d, sql, &s, NULL), RG_OK);
	assert_int_equal(db_step(s, &row, NULL), RG_OK);
	n = (long)db_col_int(s, 0);
	db_finalize(s);
	return n;
}

/* Import text into table; the reports on errs are returned in *report (caller frees). */
static rg_status run_import(fixture *f, const char *table, const char *text, long *rows,
			    char **report, rg_err *e)
{
	FILE *out = fopen(f->csv_path, "wb");
	size_t len = 0;
	FILE *errs;
	rg_status st;

	assert_non_null(out);
	fputs(text, out);
	assert_int_equal(fclose(out), 0);
	errs = open_memstream(report, &len);
	assert_non_null(errs);
	st = import_csv(f->d, table, f->csv_path, rows, errs, e);
	assert_int_equal(fclose(errs), 0);
	return st;
}

static void test_good_files(void **state)
{
	static const struct {
		const char *table;
		const char *text;
		long rows;
		const char *check; /* a query that must return 1 */
	} cases[] = {
		/* English headers, in another order than the table's. */
		{"agencies", "name,code,parent\n乙所,B,A\n", 1,
		 "SELECT count(*) FROM agencies WHERE code = 'B' AND parent = 'A'"},
		/* Chinese labels, BOM, CRLF, padded cells, a quoted comma. */
		{"agencies", "\xEF\xBB\xBF单位代码,单位名称,上级单位\r\n C ,\" 丙,所 \",\r\n", 1,
		 "SELECT count(*) FROM agencies WHERE code = 'C' AND name = '丙,所' AND parent IS NULL"},
		/* 是/否 become 1/0, numbers become numbers, empty becomes the default. */
		{"powers", "职权编码,单位代码,职权名称,职权类别,三重一大,涉及资金(万元)\n"
			   "Q1,A,采购审批,采购管理,是,12.5\nQ2,A,印章管理,其他,否,\n", 2,
		 "SELECT count(*) = 2 FROM powers WHERE (code = 'Q1' AND major = 1 AND funds = 12.5)"
		 " OR (code = 'Q2' AND major = 0 AND funds = 0)"},
		/* A header only imports nothing, successfully. */
		{"agencies", "code,name,parent\n", 0, "SELECT count(*) = 3 FROM agencies"}, /* A, B, C */
	};
	fixture *f = *state;

	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		long rows = -1;
		char *report = NULL;
		rg_err e = {{0}};
		rg_status st = run_import(f, cases[i].table, cases[i].text, &rows, &report, &e);
		if (st != RG_OK)
			fail_msg("case %zu: %s\n%s", i, e.msg, report);
		assert_int_equal(rows, cases[i].rows);
		assert_string_equal(report, "");
		assert_int_equal(count(f->d, cases[i].check), 1);
		free(report);
	}
}

/* Each bad file: the status, a line that must be in the report, and nothing written. */
static void test_bad_files(void **state)
{
	static const struct {
		const char *table;
		const char *text;
		rg_status status;
		const char *message;
	} cases[] = {
		{"agencies", "", RG_INPUT, "the file is empty: expected a header row"},
		{"agencies", "code,名字\nX,Y\n", RG_INPUT, ":1:2: unknown column \"名字\""},
		{"agencies", "code,code,name\n", RG_INPUT, ":1:2: column \"code\" (单位代码) appears twice"},
		{"agencies", "code,parent\nX,\n", RG_INPUT, ":1: missing column \"name\" (单位名称)"},
		{"agencies", "code,name\nX\n", RG_INPUT, ":2: expected 2 fields as in the header, got 1"},
		{"agencies", "code,name\nX,\n", RG_INPUT,
		 ":2:2: column \"name\" (单位名称): expected a value, got an empty field"},
		{"agencies", "code,name,parent\nX,乙,NOPE\n", RG_INPUT,
		 ":2:3: column \"parent\" (上级单位): expected the code of an existing row of agencies, "
		 "got \"NOPE\""},
		{"agencies", "code,name,parent\nX,乙,X\n", RG_INPUT,
		 ":2:3: column \"parent\" (上级单位): expected the code of an existing row of agencies"},
		{"powers", "code,agency,name,kind\nQ,A,n,行政奖励\n", RG_INPUT,
		 ":2:4: column \"kind\" (职权类别): expected one of 行政许可, 行政审批"},
		{"powers", "code,agency,name,kind,major\nQ,A,n,其他,也许\n", RG_INPUT,
		 ":2:5: column \"major\" (三重一大): expected a whole number, got \"也许\""},
		{"powers", "code,agency,name,kind,major\nQ,A,n,其他,2\n", RG_INPUT,
		 ":2:5: column \"major\" (三重一大): expected 0 or 1 (是/否), got \"2\""},
		{"powers", "code,agency,name,kind,funds\nQ,A,n,其他,很多\n", RG_INPUT,
		 ":2:5: column \"funds\" (涉及资金(万元)): expected a number, got \"很多\""},
		{"powers", "code,agency,name,kind,funds\nQ,A,n,其他,inf\n", RG_INPUT,
		 ":2:5: column \"funds\" (涉及资金(万元)): expected a number, got \"inf\""},
		{"powers", "code,agency,name,kind,funds\nQ,A,n,其他,-1\n", RG_INPUT,
		 ":2:5: column \"funds\" (涉及资金(万元)): expected an amount of 0 or more (万元), "
		 "got \"-1\""},
		{"agencies", "code,name\nX,\"未闭合\n", RG_INPUT,
		 ":2:2: a quoted field is not closed before the end of the file"},
		{"agencies", "code,name\nX,\xB2\xE2\xCA\xD4\n", RG_INPUT,
		 ":2:2: byte 1 of the field is not UTF-8 (a GB18030 file?"},
		{"agencies", "code,name\nA,重复\n", RG_INPUT,
		 ":2:1: column \"code\" (单位代码): expected a code not already in agencies, got \"A\""},
		{"changes", "kind,power,post,changed_on,text\n法律法规调整,,A-P,2026-01-01,t\n", RG_INPUT,
		 ":2:2: column \"power\" (职权编码): expected a power for a 法律法规调整, and only "
		 "for it, got \"\""},
		{"grades", "run\n", RG_USAGE, ""},
	};
	fixture *f = *state;

	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		long rows = -1;
		char *report = NULL;
		rg_err e = {{0}};
		long before = count(f->d, "SELECT (SELECT count(*) FROM agencies) * 1000 +"
					  " (SELECT count(*) FROM powers)");
		rg_status st = run_import(f, cases[i].table, cases[i].text, &rows, &report, &e);
		if (st != cases[i].status)
			fail_msg("case %zu: status %d, expected %d: %s", i, st, cases[i].status, e.msg);
		if (strstr(report, cases[i].message) == NULL && strstr(e.msg, cases[i].message) == NULL)
			fail_msg("case %zu: neither \"%s\" nor \"%s\" has \"%s\"", i, report, e.msg,
				 cases[i].message);
		assert_int_equal(rows, 0);
		assert_int_equal(count(f->d, "SELECT (SELECT count(*) FROM agencies) * 1000 +"
					     " (SELECT count(*) FROM powers)"), before);
		free(report);
	}
}

/* Good rows before and after a bad one are not written either, and every bad row is
 * reported, not only the first. */
static void test_all_or_nothing(void **state)
{
	fixture *f = *state;
	long rows = -1;
	char *report = NULL;
	rg_err e = {{0}};
	static const char text[] =
		"code,name,parent\n"
		"B,乙,A\n"
		"C,,A\n"
		"D,丁,A\n"
		"E,戊,NOPE\n";

	assert_int_equal(run_import(f, "agencies", text, &rows, &report, &e), RG_INPUT);
	assert_non_null(strstr(report, ":3:2:"));
	assert_non_null(strstr(report, ":5:3:"));
	assert_string_equal(strrchr(e.msg, ':'), ": 2 bad rows; nothing was imported");
	assert_int_equal(count(f->d, "SELECT count(*) FROM agencies"), 1);
	free(report);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_good_files, setup, teardown),
		cmocka_unit_test_setup_teardown(test_bad_files, setup, teardown),
		cmocka_unit_test_setup_teardown(test_all_or_nothing, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

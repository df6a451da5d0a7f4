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

#include "audit.h"
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

/* Import text (len bytes, or up to its NUL when len is 0) into table as o says (NULL:
 * auto-detected, for real, by "tester" at a fixed time); the reports on errs are
 * returned in *report (caller frees), the outcome in *r. */
static rg_status import_opt(fixture *f, const char *table, const char *text, size_t len,
			    const import_opts *o, import_result *r, char **report, rg_err *e)
{
	FILE *out = fopen(f->csv_path, "wb");
	size_t rlen = 0;
	FILE *errs;
	rg_status st;
	import_opts opts = {table, f->csv_path, ENC_AUTO, false, "tester",
			    "2026-11-20T09:00:00Z", false, NULL};

	if (o != NULL) {
		opts = *o;
		opts.table = table;
		opts.path = f->csv_path;
	}
	assert_non_null(out);
	if (len == 0)
		len = strlen(text);
	assert_int_equal(fwrite(text, 1, len, out), len);
	assert_int_equal(fclose(out), 0);
	errs = open_memstream(report, &rlen);
	assert_non_null(errs);
	st = import_file(f->d, &opts, r, errs, e);
	assert_int_equal(fclose(errs), 0);
	return st;
}

/* import_opt with the defaults, giving the number of rows imported in *rows. */
static rg_status run_import(fixture *f, const char *table, const char *text, long *rows,
			    char **report, rg_err *e)
{
	import_result r;
	rg_status st = import_opt(f, table, text, 0, NULL, &r, report, e);

	*rows = r.rows;
	return st;
}

/* Import text, which must succeed with no report, and check the counts of new,
 * updated and unchanged rows. */
static void import_ok(fixture *f, const char *table, const char *text, long added,
		      long updated, long unchanged)
{
	import_result r;
	char *report = NULL;
	rg_err e = {{0}};

	if (import_opt(f, table, text, 0, NULL, &r, &report, &e) != RG_OK)
		fail_msg("%s: %s\n%s", table, e.msg, report);
	assert_string_equal(report, "");
	if (r.added != added || r.updated != updated || r.unchanged != unchanged)
		fail_msg("%s: %ld new, %ld updated, %ld unchanged; expected %ld, %ld, %ld", table,
			 r.added, r.updated, r.unchanged, added, updated, unchanged);
	assert_int_equal(r.rows, added + updated + unchanged);
	free(report);
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
		/* Excel's empty trailing columns are fine while empty. */
		{"agencies", "code,name,,\nD,丁,,\n", 1, "SELECT count(*) FROM agencies WHERE code = 'D'"},
		/* GB18030 (测试 is B2E2 CAD4), found by itself. */
		{"agencies", "code,name\nE,\xB2\xE2\xCA\xD4\n", 1,
		 "SELECT count(*) FROM agencies WHERE code = 'E' AND name = '测试'"},
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
		/* A column the table does not have is ignored, with a notice: here the row then
		 * lacks the name a new agency needs. */
		{"agencies", "code,名字\nX,Y\n", RG_INPUT,
		 ":1: ignored 1 column that agencies does not have: \"名字\" (column 2)\n"},
		{"agencies", "code,code,name\n", RG_INPUT, ":1:2: column \"code\" (单位代码) appears twice"},
		/* Without a required column the file can only update rows already there. */
		{"agencies", "code,parent\nX,\n", RG_INPUT,
		 ":2:1: column \"code\" (单位代码): expected a code already in agencies (a new row "
		 "needs the column \"name\" (单位名称), which the file lacks), got \"X\""},
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
		/* A key may not be empty (code has no NOT NULL of its own: it is the key). */
		{"agencies", "code,name\n,乙\n", RG_INPUT,
		 ":2:1: column \"code\" (单位代码): expected a value, got an empty field"},
		{"agencies", "name\n乙\n", RG_INPUT, ":1: missing column \"code\" (单位代码)"},
		/* A row given twice in one file: the second is refused. */
		{"agencies", "code,name\nB,乙\nC,丙\nB,乙二\n", RG_INPUT,
		 ":4:1: column \"code\" (单位代码): expected a code not already in the file, got "
		 "\"B\" again (first on line 2)"},
		{"agencies", "code,name\nA,改\nA,又改\n", RG_INPUT,
		 ":3:1: column \"code\" (单位代码): expected a code not already in the file, got "
		 "\"A\" again (first on line 2)"},
		/* SQLite's date('2026-02-30') is '2026-02-30': the importer knows better. */
		{"changes", "kind,post,changed_on,text\n职责权限变更,A-P,2026-02-30,t\n", RG_INPUT,
		 ":2:3: column \"changed_on\" (变更日期): expected a date YYYY-MM-DD, got "
		 "\"2026-02-30\""},
		/* An empty header: the column must stay empty. */
		{"agencies", "code,name,\nB,乙,x\n", RG_INPUT,
		 ":2:3: a column without a name in the header: expected an empty field, got \"x\""},
		/* A file that is neither UTF-8 nor GB18030: "code,name\n" is 10 bytes. */
		{"agencies", "code,name\nX,\xFF\n", RG_INPUT,
		 ":2:3: the byte 0xFF (byte offset 12) is neither UTF-8 nor GB18030"},
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
	assert_string_equal(strrchr(e.msg, ':'), ": 2 errors; nothing was imported");
	assert_int_equal(count(f->d, "SELECT count(*) FROM agencies"), 1);
	free(report);
}

static char *text_of(db *d, const char *sql)
{
	db_stmt *s = NULL;
	bool row;
	char *out;

	assert_int_equal(db_prepare(d, sql, &s, NULL), RG_OK);
	assert_int_equal(db_step(s, &row, NULL), RG_OK);
	assert_true(row);
	out = strdup(db_col_text(s, 0) ? db_col_text(s, 0) : "(null)");
	db_finalize(s);
	return out;
}

static void assert_query(db *d, const char *sql, const char *want)
{
	char *got = text_of(d, sql);

	if (strcmp(got, want) != 0)
		fail_msg("%s: expected \"%s\", got \"%s\"", sql, want, got);
	free(got);
}

/* Importing again: every table, by its key; unchanged rows are not written, edited
 * ones update only the columns the file has. */
static void test_reimport(void **state)
{
	fixture *f = *state;

	/* Tables with a code. */
	import_ok(f, "agencies", "code,name,parent\nB,乙,A\n", 1, 0, 0);
	import_ok(f, "agencies", "code,name,parent\nB,乙,A\n", 0, 0, 1);
	import_ok(f, "agencies", "code,name\nB,乙所\nA,甲局\n", 0, 1, 1); /* parent kept */
	assert_query(f->d, "SELECT name || '/' || parent FROM agencies WHERE code = 'B'", "乙所/A");
	assert_query(f->d, "SELECT count(*) FROM agencies", "2");
	/* oversight: the whole row is its key (DO NOTHING). */
	import_ok(f, "persons", "code,name,agency,role\nL,李,A,分管领导\n", 1, 0, 0);
	import_ok(f, "oversight", "分管领导,分管科室\nL,A-D\n", 1, 0, 0);
	import_ok(f, "oversight", "分管科室,分管领导\nA-D,L\n", 0, 0, 1);
	assert_query(f->d, "SELECT count(*) FROM oversight", "1");
	/* ratings: point, source, factor, rated_on. */
	import_ok(f, "points", "code,agency,level,category,manifestation,post\n"
			       "P1,A,岗位,业务流程,m,A-P\n", 1, 0, 0);
	static const char ratings[] = "point,source,factor,value,rated_on\n"
				      "P1,岗位自评,发生概率,3,2026-01-01\n"
				      "P1,岗位自评,发生概率,4,2026-02-01\n";
	import_ok(f, "ratings", ratings, 2, 0, 0);
	import_ok(f, "ratings", ratings, 0, 0, 2);
	import_ok(f, "ratings", "point,source,factor,value,rated_on\n"
				"P1,岗位自评,发生概率,5,2026-01-01\n"
				"P1,岗位自评,发生概率,4,2026-02-01\n", 0, 1, 1);
	assert_query(f->d, "SELECT group_concat(value, ',') FROM (SELECT value FROM ratings"
			   " ORDER BY rated_on)", "5,4");
	/* measures: point, text. */
	import_ok(f, "measures", "point,text,status\nP1,双人复核,落实中\n", 1, 0, 0);
	import_ok(f, "measures", "point,text,status\nP1,双人复核,已落实\n", 0, 1, 0);
	assert_query(f->d, "SELECT count(*) || status FROM measures", "1已落实");
	/* signals: a post and no point (NULL in the key). */
	import_ok(f, "signals", "source,post,received_on,text\n审计,A-P,2026-01-01,t\n", 1, 0, 0);
	import_ok(f, "signals", "source,post,received_on,text\n审计,A-P,2026-01-01,t\n", 0, 0, 1);
	import_ok(f, "signals", "source,point,post,received_on,text,severity\n"
			        "审计,,A-P,2026-01-01,t,严重\n", 0, 1, 0);
	import_ok(f, "signals", "source,point,received_on,text\n审计,P1,2026-01-01,t\n", 1, 0, 0);
	assert_query(f->d, "SELECT group_concat(severity, ',') FROM (SELECT severity FROM signals"
			   " ORDER BY id)", "严重,一般");
	/* changes: a post and no power (NULL in the key). */
	import_ok(f, "changes", "kind,post,changed_on,text\n职责权限变更,A-P,2026-01-01,c\n",
		  1, 0, 0);
	import_ok(f, "changes", "kind,power,post,changed_on,text\n职责权限变更,,A-P,2026-01-01,c\n",
		  0, 0, 1);
	assert_query(f->d, "SELECT count(*) FROM changes", "1");
}

/* A file with the key and some columns updates those columns of the rows already there
 * (issue 12: a points file with the code and one column was refused for the required
 * columns it left out); a new row in such a file is refused, naming what it lacks. */
static void test_reimport_some_columns(void **state)
{
	fixture *f = *state;
	long rows = -1;
	char *report = NULL;
	rg_err e = {{0}};
	const char *at;

	import_ok(f, "points", "code,agency,level,category,manifestation,post\n"
			       "P1,A,岗位,业务流程,m,A-P\nP2,A,单位,制度机制,n,\n", 2, 0, 0);
	/* The key and one column, by label: the other columns are kept. */
	import_ok(f, "points", "风险点编号,表现形式\nP1,新的表现形式\nP2,n\n", 0, 1, 1);
	assert_query(f->d, "SELECT group_concat(code || '/' || agency || '/' || level || '/' ||"
			   " category || '/' || manifestation || '/' || ifnull(post, '-'), ' ')"
			   " FROM points", "P1/A/岗位/业务流程/新的表现形式/A-P P2/A/单位/制度机制/n/-");
	/* The CHECKs see the whole row: P1 is a 岗位 point and keeps its post. */
	import_ok(f, "points", "code,category\nP1,外部环境\n", 0, 1, 0);
	assert_query(f->d, "SELECT category FROM points WHERE code = 'P1'", "外部环境");
	/* ratings: the key alone updates nothing. */
	import_ok(f, "ratings", "point,source,factor,value,rated_on\n"
				"P1,岗位自评,发生概率,3,2026-01-01\n", 1, 0, 0);
	import_ok(f, "ratings", "point,source,factor,rated_on\nP1,岗位自评,发生概率,2026-01-01\n",
		  0, 0, 1);
	assert_query(f->d, "SELECT value FROM ratings", "3");

	/* A new code in a file without agency, level and category: refused, and the update
	 * on the line before it is not written either. */
	assert_int_equal(run_import(f, "points", "code,manifestation\nP1,再改\nP3,x\n", &rows,
				    &report, &e), RG_INPUT);
	at = strstr(report, f->csv_path);
	assert_non_null(at);
	assert_string_equal(at + strlen(f->csv_path),
			    ":3:1: column \"code\" (风险点编号): expected a code already in points (a "
			    "new row needs the columns \"agency\" (单位代码), \"level\" (层级), "
			    "\"category\" (风险类别), which the file lacks), got \"P3\"\n");
	assert_int_equal(rows, 0);
	assert_query(f->d, "SELECT manifestation FROM points WHERE code = 'P1'", "新的表现形式");
	assert_query(f->d, "SELECT count(*) FROM points", "2");
	free(report);
	report = NULL;
	/* A rating not there yet needs its value. */
	assert_int_equal(run_import(f, "ratings", "point,source,factor,rated_on\n"
						 "P1,岗位自评,发生概率,2026-02-01\n", &rows, &report, &e),
			 RG_INPUT);
	at = strstr(report, f->csv_path);
	assert_non_null(at);
	assert_string_equal(at + strlen(f->csv_path),
			    ":2:1: columns \"point\" (风险点编号), \"source\" (评议主体), \"factor\" "
			    "(评定因素), \"rated_on\" (评议日期): expected a row already in ratings (a "
			    "new row needs the column \"value\" (分值), which the file lacks), got "
			    "\"P1\", \"岗位自评\", \"发生概率\", \"2026-02-01\"\n");
	free(report);
	report = NULL;
	/* The key itself must be there. */
	assert_int_equal(run_import(f, "points", "manifestation\nx\n", &rows, &report, &e),
			 RG_INPUT);
	assert_non_null(strstr(report, ":1: missing column \"code\" (风险点编号)\n"));
	free(report);
}

/* The facts an agency declares (issue 12): a definitions sheet imported like any other,
 * then the points sheet takes those columns by name or label, checks each cell against
 * its definition, and keeps the values with their types; an empty cell removes one. */
static void test_declared_facts(void **state)
{
	fixture *f = *state;
	long rows = -1;
	char *report = NULL;
	rg_err e = {{0}};
	const char *at;

	import_ok(f, "fact_definitions", "事实名称,中文名称,所属,类型,最小值,最大值,可选值\n"
					 "score,问卷得分,风险点,整数,0,9,\n"
					 "likely,可能性,风险点,枚举,,,低、中、高\n"
					 "ratio,占比,风险点,数值,0,1,\n"
					 "cash,经手现金,岗位,是否,,,\n", 4, 0, 0);
	/* By label (问卷得分) and by name (likely, ratio). */
	import_ok(f, "points", "code,agency,level,category,manifestation,post,问卷得分,likely,ratio\n"
			       "P1,A,岗位,业务流程,m,A-P,7,高,0.5\n"
			       "P2,A,岗位,业务流程,n,A-P,,低,\n", 2, 0, 0);
	assert_query(f->d, "SELECT group_concat(point || ':' || fact || '=' || value || '/' ||"
			   " typeof(value), ' ') FROM (SELECT * FROM point_facts ORDER BY point, fact)",
			   "P1:likely=高/text P1:ratio=0.5/real P1:score=7/integer P2:likely=低/text");
	import_ok(f, "posts", "code,经手现金\nA-P,是\n", 0, 1, 0);
	assert_query(f->d, "SELECT post || ':' || fact || '=' || value || '/' || typeof(value)"
			   " FROM post_facts", "A-P:cash=1/integer");
	/* The same again: unchanged.  A fact alone changed: the row is updated; an empty
	 * cell removes the value; a column the file lacks is left alone. */
	import_ok(f, "points", "code,问卷得分,likely\nP1,7,高\nP2,,低\n", 0, 0, 2);
	import_ok(f, "points", "code,问卷得分,likely\nP1,8,\nP2,,低\n", 0, 1, 1);
	assert_query(f->d, "SELECT group_concat(point || ':' || fact || '=' || value, ' ') FROM"
			   " (SELECT * FROM point_facts ORDER BY point, fact)",
			   "P1:ratio=0.5 P1:score=8 P2:likely=低");

	/* Bad cells: file:line:column, the column and its label, what was expected. */
	assert_int_equal(run_import(f, "points", "code,likely,问卷得分,ratio\n"
						"P1,高,10,1.5\nP2,很高,9,x\n", &rows, &report, &e),
			 RG_INPUT);
	at = strstr(report, f->csv_path);
	assert_non_null(at);
	assert_non_null(strstr(report, ":2:3: column \"score\" (问卷得分): expected a whole number "
				       "0-9, got \"10\"\n"));
	assert_non_null(strstr(report, ":2:4: column \"ratio\" (占比): expected a number 0-1, got "
				       "\"1.5\"\n"));
	assert_non_null(strstr(report, ":3:2: column \"likely\" (可能性): expected one of 低、中、"
				       "高, got \"很高\"\n"));
	assert_non_null(strstr(report, ":3:4: column \"ratio\" (占比): expected a number 0-1, got "
				       "\"x\"\n"));
	assert_query(f->d, "SELECT value FROM point_facts WHERE point = 'P1' AND fact = 'score'",
		     "8");
	free(report);
	report = NULL;
	/* A fact of another sheet is not a column of points: ignored, with a notice. */
	assert_int_equal(run_import(f, "points", "code,经手现金\nP1,是\n", &rows, &report, &e),
			 RG_OK);
	assert_int_equal(rows, 1);
	at = strstr(report, f->csv_path);
	assert_non_null(at);
	assert_string_equal(at + strlen(f->csv_path), ":1: ignored 1 column that points does not "
			    "have: \"经手现金\" (column 2)\n");
	free(report);
	report = NULL;
	/* A definition changed so that values already imported no longer fit: refused,
	 * naming the line, how many and which. */
	assert_int_equal(run_import(f, "fact_definitions", "name,max\nratio,1\nscore,5\n", &rows,
				    &report, &e), RG_INPUT);
	at = strstr(report, f->csv_path);
	assert_non_null(at);
	assert_string_equal(at + strlen(f->csv_path),
			    ":3: fact \"score\" (问卷得分): 1 value of points already imported no "
			    "longer fits the definition (P1: 8): import them again, or empty, before "
			    "changing it, or keep it as it was\n");
	assert_query(f->d, "SELECT max FROM fact_definitions WHERE name = 'score'", "9.0");
	free(report);
}

/* A key twice in a file, for a table without a code: every key column is named. */
static void test_repeated_natural_key(void **state)
{
	fixture *f = *state;
	long rows;
	char *report = NULL;
	rg_err e = {{0}};

	import_ok(f, "points", "code,agency,level,category,manifestation,post\n"
			       "P1,A,岗位,业务流程,m,A-P\n", 1, 0, 0);
	assert_int_equal(run_import(f, "ratings", "风险点编号,评议主体,评定因素,分值,评议日期\n"
						 "P1,岗位自评,发生概率,3,2026-01-01\n"
						 "P1,岗位自评,发生概率,4,2026-01-01\n",
				    &rows, &report, &e), RG_INPUT);
	assert_non_null(strstr(report, f->csv_path));
	assert_string_equal(strstr(report, f->csv_path) + strlen(f->csv_path),
			    ":3:1: columns \"point\" (风险点编号), \"source\" (评议主体), \"factor\" "
			    "(评定因素), \"rated_on\" (评议日期): expected a row not already in the "
			    "file, got \"P1\", \"岗位自评\", \"发生概率\", \"2026-01-01\" again (first "
			    "on line 2)\n");
	assert_query(f->d, "SELECT count(*) FROM ratings", "0");
	free(report);
}

/* Updating a point leaves its grades alone, and the columns the file lacks. */
static void test_update_keeps_grades(void **state)
{
	fixture *f = *state;

	import_ok(f, "points", "code,agency,level,category,manifestation,post,approved_tier,"
			       "approved_on\nP1,A,岗位,业务流程,m,A-P,一级,2026-01-01\n", 1, 0, 0);
	assert_int_equal(db_exec(f->d,
				 "INSERT INTO runs (id, as_of, engine_version, rules_dir, points, tier1,"
				 " tier2, tier3, flags, warnings) VALUES (1, '2026-12-01', 't', 'r', 1,"
				 " 1, 0, 0, 0, 0);"
				 "INSERT INTO grades (run, point, pack, importance, discretion, likelihood,"
				 " harm, score, tier, reasons) VALUES (1, 'P1', 'default', 5, 5, 5, 5, 100,"
				 " '一级', 'r');", NULL), RG_OK);
	import_ok(f, "points", "code,agency,level,category,manifestation,post\n"
			       "P1,A,岗位,业务流程,新的表现形式,A-P\n", 0, 1, 0);
	assert_query(f->d, "SELECT manifestation || '/' || approved_tier || '/' || approved_on"
			   " FROM points", "新的表现形式/一级/2026-01-01");
	assert_query(f->d, "SELECT count(*) || tier FROM grades WHERE point = 'P1'", "1一级");
}

/* Import text into points, which must be refused with exactly the one report want
 * (after the file's name) and nothing written. */
static void import_refused(fixture *f, const char *text, const char *want)
{
	long rows = -1;
	char *report = NULL;
	rg_err e = {{0}};
	const char *at;

	assert_int_equal(run_import(f, "points", text, &rows, &report, &e), RG_INPUT);
	at = strstr(report, f->csv_path);
	if (at == NULL || strcmp(at + strlen(f->csv_path), want) != 0)
		fail_msg("report\nexpected: riskgrade: %s%s\ngot:      %s", f->csv_path, want,
			 report);
	assert_int_equal(rows, 0);
	free(report);
}

/* An approval (riskgrade approve) is not undone by a points file imported again: its
 * tier and date must be the latest approval's, the last assessment not before it. */
static void test_keeps_approval(void **state)
{
	fixture *f = *state;
	static const char head[] = "code,agency,level,category,manifestation,post,"
				   "approved_tier,approved_on,last_graded\n";
	char text[512], want[2048];

	import_ok(f, "persons", "code,name,agency,role\nL,李四,A,主要领导\n", 1, 0, 0);
	snprintf(text, sizeof text, "%sP1,A,岗位,业务流程,m,A-P,三级,2026-01-01,2026-01-01\n"
		 "P2,A,岗位,业务流程,m,A-P,三级,2026-01-01,2026-01-01\n", head);
	import_ok(f, "points", text, 2, 0, 0);
	/* As riskgrade approve records it. */
	assert_int_equal(db_exec(f->d, "INSERT INTO approvals (point, tier, previous, approved_on,"
				 " by, note) VALUES ('P1', '一级', '三级', '2026-12-01', 'L', '会议');"
				 "UPDATE points SET approved_tier = '一级', approved_on = '2026-12-01',"
				 " last_graded = '2026-12-01' WHERE code = 'P1';", NULL), RG_OK);

	/* The original file again: every column it would undo is named. */
	snprintf(want, sizeof want,
		 ":2:7: column \"approved_tier\" (审定等级): expected 一级, got \"三级\": P1 was "
		 "approved 一级 on 2026-12-01 by 李四 (approval 1), and a new tier is decided with "
		 "riskgrade approve, not by import\n"
		 "riskgrade: %s:2:8: column \"approved_on\" (审定日期): expected 2026-12-01, got "
		 "\"2026-01-01\": P1 was approved 一级 on 2026-12-01 by 李四 (approval 1), and a "
		 "new tier is decided with riskgrade approve, not by import\n"
		 "riskgrade: %s:2:9: column \"last_graded\" (上次评定日期): expected 2026-12-01 or "
		 "later, got \"2026-01-01\": P1 was approved 一级 on 2026-12-01 by 李四 (approval "
		 "1), which assessed it that day\n", f->csv_path, f->csv_path);
	import_refused(f, text, want);
	assert_query(f->d, "SELECT approved_tier || approved_on || last_graded FROM points"
			   " WHERE code = 'P1'", "一级2026-12-012026-12-01");
	/* One column at a time, empty fields too. */
	import_refused(f, "code,agency,level,category,manifestation,post,approved_on\n"
		       "P1,A,岗位,业务流程,m,A-P,2026-11-30\n",
		       ":2:7: column \"approved_on\" (审定日期): expected 2026-12-01, got "
		       "\"2026-11-30\": P1 was approved 一级 on 2026-12-01 by 李四 (approval 1), and "
		       "a new tier is decided with riskgrade approve, not by import\n");
	import_refused(f, "code,agency,level,category,manifestation,post,last_graded\n"
		       "P1,A,岗位,业务流程,m,A-P,2026-11-30\n",
		       ":2:7: column \"last_graded\" (上次评定日期): expected 2026-12-01 or later, "
		       "got \"2026-11-30\": P1 was approved 一级 on 2026-12-01 by 李四 (approval 1), "
		       "which assessed it that day\n");
	import_refused(f, "code,agency,level,category,manifestation,post,last_graded\n"
		       "P1,A,岗位,业务流程,m,A-P,\n",
		       ":2:7: column \"last_graded\" (上次评定日期): expected 2026-12-01 or later, "
		       "got an empty field: P1 was approved 一级 on 2026-12-01 by 李四 (approval 1), "
		       "which assessed it that day\n");
	/* The approved values pass, a later assessment too; a point never approved is free. */
	import_ok(f, "points", "code,agency,level,category,manifestation,post,approved_tier,"
			       "approved_on\nP1,A,岗位,业务流程,m,A-P,一级,2026-12-01\n", 0, 0, 1);
	import_ok(f, "points", "code,agency,level,category,manifestation,post,last_graded\n"
			       "P1,A,岗位,业务流程,m,A-P,2026-12-09\n"
			       "P2,A,岗位,业务流程,m,A-P,2025-01-01\n", 0, 2, 0);
	import_ok(f, "points", "code,agency,level,category,manifestation,post,approved_tier,"
			       "approved_on\nP2,A,岗位,业务流程,m,A-P,二级,2026-02-01\n", 0, 1, 0);
	/* The latest approval is the one that counts. */
	assert_int_equal(db_exec(f->d, "INSERT INTO approvals (point, tier, previous, approved_on,"
				 " by, note) VALUES ('P1', '二级', '一级', '2026-12-05', 'L', '复议');"
				 "UPDATE points SET approved_tier = '二级', approved_on = '2026-12-05',"
				 " last_graded = '2026-12-05' WHERE code = 'P1';", NULL), RG_OK);
	import_refused(f, "code,agency,level,category,manifestation,post,approved_tier\n"
		       "P1,A,岗位,业务流程,m,A-P,一级\n",
		       ":2:7: column \"approved_tier\" (审定等级): expected 二级, got \"一级\": P1 "
		       "was approved 二级 on 2026-12-05 by 李四 (approval 2), and a new tier is "
		       "decided with riskgrade approve, not by import\n");
	import_ok(f, "points", "code,agency,level,category,manifestation,post,approved_tier\n"
			       "P1,A,岗位,业务流程,m,A-P,二级\n", 0, 0, 1);
}

/* A signals file with its cells out of place never names the complainant (举报人) it
 * holds, here 证人甲Z9: not as a header cell, not as a refused value. */
static void test_confidential(void **state)
{
	static const struct {
		const char *text;
		const char *message; /* a line of the report */
	} cases[] = {
		/* No header row: the first row stands for it. */
		{"审计,,A-P,2026-01-01,一般,是,t,证人甲Z9\n",
		 ":1: ignored 7 columns that signals does not have: columns 1, 3, 4, 5, 6, 7, 8 "
		 "(the headers are not shown: a cell of signals may be the 举报人); is the header "
		 "row missing?\n"},
		/* The complainant swapped with the source, or in the date's place. */
		{"source,post,received_on,text,complainant\n证人甲Z9,A-P,2026-01-01,t,审计\n",
		 ":2:1: column \"source\" (信息来源): expected one of 巡视, "},
		{"source,post,received_on,text,complainant\n审计,A-P,证人甲Z9,t,2026-01-01\n",
		 ":2:3: column \"received_on\" (收到日期): expected a date YYYY-MM-DD, got a value "
		 "not shown (a cell of signals may be the 举报人)\n"},
		{"source,post,received_on,text,substantiated\n审计,A-P,2026-01-01,t,证人甲Z9\n",
		 ":2:5: column \"substantiated\" (是否属实): expected a whole number, got a value "
		 "not shown (a cell of signals may be the 举报人)\n"},
		{"source,post,received_on,text\n审计,证人甲Z9,2026-01-01,t\n",
		 ":2:2: column \"post\" (岗位代码): expected the code of an existing row of posts, "
		 "got a value not shown (a cell of signals may be the 举报人)\n"},
		/* A row twice: its key is not quoted either. */
		{"source,post,received_on,text\n审计,A-P,2026-01-01,证人甲Z9\n"
		 "审计,A-P,2026-01-01,证人甲Z9\n",
		 ":3:1: columns \"source\" (信息来源), \"post\" (岗位代码), \"received_on\" (收到日期), "
		 "\"text\" (内容摘要): expected a row not already in the file, got a value not shown "
		 "(a cell of signals may be the 举报人), "},
	};
	fixture *f = *state;

	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		long rows = -1;
		char *report = NULL;
		rg_err e = {{0}};
		if (run_import(f, "signals", cases[i].text, &rows, &report, &e) != RG_INPUT)
			fail_msg("case %zu: not refused: %s", i, e.msg);
		if (strstr(report, cases[i].message) == NULL)
			fail_msg("case %zu: \"%s\" lacks \"%s\"", i, report, cases[i].message);
		if (strstr(report, "证人甲Z9") != NULL || strstr(e.msg, "证人甲Z9") != NULL)
			fail_msg("case %zu: the complainant is named: %s%s", i, report, e.msg);
		assert_int_equal(rows, 0);
		free(report);
	}
	/* Other tables quote what they refuse, for the user to find it. */
	long rows;
	char *report = NULL;
	rg_err e = {{0}};
	assert_int_equal(run_import(f, "changes", "kind,post,changed_on,text\n"
				    "职责权限变更,A-P,证人甲Z9,t\n", &rows, &report, &e), RG_INPUT);
	assert_non_null(strstr(report, ":2:3: column \"changed_on\" (变更日期): expected a date "
				       "YYYY-MM-DD, got \"证人甲Z9\"\n"));
	free(report);
}

/* The whole database file, for byte-for-byte comparisons. */
static char *slurp(const char *path, size_t *n)
{
	FILE *f = fopen(path, "rb");
	char *buf;
	long size;

	assert_non_null(f);
	assert_int_equal(fseek(f, 0, SEEK_END), 0);
	size = ftell(f);
	assert_true(size > 0);
	rewind(f);
	buf = malloc((size_t)size);
	assert_non_null(buf);
	assert_int_equal(fread(buf, 1, (size_t)size, f), (size_t)size);
	fclose(f);
	*n = (size_t)size;
	return buf;
}

/* A dry run says what would happen and leaves the file as it was, byte for byte. */
static void test_dry_run(void **state)
{
	fixture *f = *state;
	import_opts o = {NULL, NULL, ENC_AUTO, true, "tester", "2026-11-20T09:00:00Z", false, NULL};
	import_result r;
	char *report = NULL, *before, *after;
	size_t nb, na;
	rg_err e = {{0}};

	before = slurp(f->db_path, &nb);
	assert_int_equal(import_opt(f, "agencies", "code,name,parent\nB,乙,A\nA,改名,\n", 0, &o,
				    &r, &report, &e), RG_OK);
	assert_string_equal(report, "");
	assert_int_equal(r.rows, 2);
	assert_int_equal(r.added, 1);
	assert_int_equal(r.updated, 1);
	assert_int_equal(r.unchanged, 0);
	free(report);
	report = NULL;
	assert_int_equal(import_opt(f, "agencies", "code,name\nB,\n", 0, &o, &r, &report, &e),
			 RG_INPUT);
	assert_string_equal(strrchr(e.msg, ':'), ": 1 error; it would not be imported");
	after = slurp(f->db_path, &na);
	assert_int_equal(na, nb);
	assert_memory_equal(after, before, nb);
	assert_query(f->d, "SELECT count(*) || '/' || (SELECT count(*) FROM audit) FROM agencies",
		     "1/0");
	free(report);
	free(before);
	free(after);
}

/* A real import appends one audit entry, in its transaction; a failed one none.  The
 * SHA-256 is `printf 'code,name\nB,乙\n' | sha256sum`. */
static void test_audit(void **state)
{
	fixture *f = *state;
	long rows;
	char *report = NULL, want[512];
	rg_err e = {{0}};

	assert_int_equal(run_import(f, "agencies", "code,name\nB,乙\n", &rows, &report, &e), RG_OK);
	free(report);
	report = NULL;
	assert_int_equal(run_import(f, "agencies", "code,name\nC,\n", &rows, &report, &e),
			 RG_INPUT);
	free(report);
	assert_query(f->d, "SELECT count(*) FROM audit", "1");
	assert_query(f->d, "SELECT at || '|' || actor || '|' || action || '|' || subject FROM audit",
		     "2026-11-20T09:00:00Z|tester|import|table:agencies");
	snprintf(want, sizeof want, "%s (sha256 8d8a6daa82af5dab86ed7ca4f20eb48f79c925194a9e485992d"
		 "380a2065fe422): 1 row: 1 new, 0 updated, 0 unchanged", f->csv_path);
	assert_query(f->d, "SELECT substr(detail, 1, instr(detail, ' [state rows 2 ') - 1)"
		     " FROM audit", want);
	assert_query(f->d, "SELECT prev FROM audit", AUDIT_GENESIS);
}

/*
 * Sheets as Excel and WPS save them: dates in other forms stored as YYYY-MM-DD (a declared
 * 日期 fact too), columns the table lacks ignored with one notice, wholly empty rows
 * skipped, wherever they are.  Day numbers by hand: 2026-07-21 is Excel's 46224
 * (test_date.c).
 */
static void test_spreadsheet_forms(void **state)
{
	fixture *f = *state;
	import_result r;
	char *report = NULL;
	rg_err e = {{0}};
	const char *at;

	import_ok(f, "fact_definitions", "事实名称,中文名称,所属,类型\ndue,到期日,风险点,日期\n",
		  1, 0, 0);
	assert_int_equal(import_opt(f, "points", ",,,\r\n"
				    "序号,code,agency,level,category,manifestation,post,"
				    "approved_on,last_graded,到期日,备注\r\n"
				    "1,P1,A,岗位,业务流程,m,A-P,2026/7/21,46224,2026年7月21日,甲\r\n"
				    " , ,,,,,,,,,\r\n"
				    "2,P2,A,岗位,业务流程,n,A-P,2026-7-1,2026.7.1,46224,\r\n"
				    ",,,,,,,,,,\r\n,,,,,,,,,,\r\n", 0, NULL, &r, &report, &e),
			 RG_OK);
	assert_int_equal(r.added, 2);
	at = strstr(report, f->csv_path);
	assert_non_null(at);
	assert_string_equal(at + strlen(f->csv_path), ":2: ignored 2 columns that points does "
			    "not have: \"序号\" (column 1), \"备注\" (column 11)\n");
	assert_query(f->d, "SELECT group_concat(code || ' ' || approved_on || ' ' || last_graded,"
		     " ', ') FROM (SELECT * FROM points ORDER BY code)",
		     "P1 2026-07-21 2026-07-21, P2 2026-07-01 2026-07-01");
	assert_query(f->d, "SELECT group_concat(point || ' ' || value, ', ') FROM"
		     " (SELECT * FROM point_facts WHERE fact = 'due' ORDER BY point)",
		     "P1 2026-07-21, P2 2026-07-21");
	free(report);
	report = NULL;
	/* A date fact that is no date is refused as before. */
	assert_int_equal(import_opt(f, "points", "code,到期日\nP1,2026/2/30\n", 0, NULL, &r,
				    &report, &e), RG_INPUT);
	assert_non_null(strstr(report, ":2:2: column \"due\" (到期日): expected a date YYYY-MM-DD, "
				       "got \"2026/2/30\"\n"));
	free(report);
}

/* A sheet of a workbook, .xlsx or .xls, imported through the same checks: cells named as
 * Excel names them, all or nothing, --sheet for workbooks only, --encoding for CSV
 * only. */
static void test_workbooks(void **state)
{
	static const char *const books[] = {"fixtures/sheets/workbook.xlsx",
					    "fixtures/sheets/workbook.xls"};
	fixture *f = *state;

	assert_int_equal(db_exec(f->d,
				 "INSERT INTO points (code, agency, level, category, manifestation)"
				 " VALUES ('A5', 'A', '单位', '制度机制', 'm'),"
				 " ('A6', 'A', '单位', '制度机制', 'm'), ('A7', 'A', '单位', '制度机制', 'm')",
				 NULL), RG_OK);
	for (int k = 0; k < 2; k++) {
		import_opts o = {"ratings", books[k], ENC_AUTO, false, "tester",
				 "2026-11-20T09:00:00Z", false, "有误"};
		import_result r;
		char *report = NULL;
		size_t len = 0;
		FILE *errs = open_memstream(&report, &len);
		rg_err e = {{0}};
		char want[256];
		/* Row 3 of 有误 holds 60 in the date column: Excel's 1900-02-29. */
		assert_int_equal(import_file(f->d, &o, &r, errs, &e), RG_INPUT);
		fclose(errs);
		snprintf(want, sizeof want, "riskgrade: %s:有误!E3: column \"rated_on\" (评议日期): "
			 "expected a date YYYY-MM-DD, got \"60\" (Excel's day number 60 is "
			 "1900-02-29, a day that never was)\n", books[k]);
		if (strstr(report, want) == NULL)
			fail_msg("%s: \"%s\" lacks \"%s\"", books[k], report, want);
		snprintf(want, sizeof want, "%s: 6 errors; nothing was imported", books[k]);
		assert_string_equal(e.msg, want);
		assert_int_equal(count(f->d, "SELECT count(*) FROM ratings"), k == 0 ? 0 : 4);
		assert_int_equal(r.rows, 0);
		free(report);
		report = NULL;
		/* The sheet 评议: four rows; the .xls again finds them unchanged. */
		o.sheet = "评议";
		errs = open_memstream(&report, &len);
		assert_int_equal(import_file(f->d, &o, &r, errs, &e), RG_OK);
		fclose(errs);
		assert_int_equal(r.format, k == 0 ? SHEET_XLSX : SHEET_XLS);
		assert_string_equal(r.sheet, "评议");
		assert_int_equal(r.added, k == 0 ? 4 : 0);
		assert_int_equal(r.unchanged, k == 0 ? 0 : 4);
		assert_int_equal(strlen(r.sha256), 64);
		free(report);
	}
	assert_query(f->d, "SELECT group_concat(point || ' ' || rated_on, ', ') FROM"
		     " (SELECT * FROM ratings ORDER BY rowid)",
		     "A5 2026-06-01, A5 2026-07-21, A6 2026-07-21, A6 2026-12-01");

	/* --sheet for a CSV file, --encoding for a workbook: usage errors. */
	import_opts bad = {"ratings", "fixtures/sheets/ratings.csv", ENC_AUTO, false, "tester",
			   "2026-11-20T09:00:00Z", false, "评议"};
	import_result r;
	rg_err e;
	assert_int_equal(import_file(f->d, &bad, &r, stderr, &e), RG_USAGE);
	assert_string_equal(e.msg, "--sheet is for .xlsx and .xls workbooks: "
			    "fixtures/sheets/ratings.csv is a CSV file");
	bad.path = books[0];
	bad.sheet = NULL;
	bad.encoding = ENC_GB18030;
	assert_int_equal(import_file(f->d, &bad, &r, stderr, &e), RG_USAGE);
	assert_string_equal(e.msg, "--encoding is for CSV files: fixtures/sheets/workbook.xlsx "
			    "is an .xlsx workbook, whose text is Unicode");
}

/* Encodings: auto-detection, a forced encoding that does not fit, the positions. */
static void test_encodings(void **state)
{
	fixture *f = *state;
	import_opts utf8 = {NULL, NULL, ENC_UTF8, false, "tester", "2026-11-20T09:00:00Z", false,
			    NULL};
	import_result r;
	char *report = NULL;
	rg_err e = {{0}};

	/* 测试 in GB18030 read as UTF-8: B2 (a continuation byte), E2 (CA does not continue
	 * it), CA (D4 does not), D4 (LF does not): 4 bad sequences from byte 12, char 3. */
	assert_int_equal(import_opt(f, "agencies", "code,name\nX,\xB2\xE2\xCA\xD4\n", 0, &utf8,
				    &r, &report, &e), RG_INPUT);
	assert_non_null(strstr(report, f->csv_path));
	assert_string_equal(strstr(report, f->csv_path) + strlen(f->csv_path),
			    ":2:2: column \"name\" (单位名称): expected text in UTF-8, got the byte "
			    "0xB2 (line 2, character 3, byte offset 12), and 3 more after it\n");
	free(report);
	report = NULL;
	/* 单位代码,单位名称 in GB18030 (单 is B5A5) read as UTF-8: the header says so. */
	assert_int_equal(import_opt(f, "agencies", "\xB5\xA5\xCE\xBB\xB4\xFA\xC2\xEB,"
				    "\xB5\xA5\xCE\xBB\xC3\xFB\xB3\xC6\nX,Y\n", 0, &utf8, &r,
				    &report, &e), RG_INPUT);
	assert_non_null(strstr(e.msg, ":1:1: the byte 0xB5 (byte offset 0) of the header is not "
				      "UTF-8: pass --encoding gb18030 if the file is in GB18030"));
	free(report);
	report = NULL;
	/* The same file found to be GB18030 by itself. */
	assert_int_equal(import_opt(f, "agencies", "\xB5\xA5\xCE\xBB\xB4\xFA\xC2\xEB,"
				    "\xB5\xA5\xCE\xBB\xC3\xFB\xB3\xC6\nX,Y\n", 0, NULL, &r,
				    &report, &e), RG_OK);
	assert_int_equal(r.encoding, ENC_GB18030);
	assert_int_equal(r.added, 1);
	free(report);
	report = NULL;
	/* A byte-order mark means UTF-8: a GB18030 word is then a bad field, and the other
	 * rows are still checked. */
	char want[1024];
	assert_int_equal(import_opt(f, "agencies", "\xEF\xBB\xBF" "code,name\nY,\xB2\xE2\nZ,\n",
				    0, NULL, &r, &report, &e), RG_INPUT);
	/* B2 at byte 3 + 10 + 2 = 15, character 3; then E2, which LF does not continue. */
	snprintf(want, sizeof want,
		 "riskgrade: %s:2:2: column \"name\" (单位名称): expected text in UTF-8, got the "
		 "byte 0xB2 (line 2, character 3, byte offset 15), and 1 more after it\n"
		 "riskgrade: %s:3:2: column \"name\" (单位名称): expected a value, got an empty "
		 "field\n", f->csv_path, f->csv_path);
	assert_string_equal(report, want);
	assert_int_equal(r.encoding, ENC_UTF8);
	free(report);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_good_files, setup, teardown),
		cmocka_unit_test_setup_teardown(test_bad_files, setup, teardown),
		cmocka_unit_test_setup_teardown(test_all_or_nothing, setup, teardown),
		cmocka_unit_test_setup_teardown(test_reimport, setup, teardown),
		cmocka_unit_test_setup_teardown(test_reimport_some_columns, setup, teardown),
		cmocka_unit_test_setup_teardown(test_declared_facts, setup, teardown),
		cmocka_unit_test_setup_teardown(test_repeated_natural_key, setup, teardown),
		cmocka_unit_test_setup_teardown(test_update_keeps_grades, setup, teardown),
		cmocka_unit_test_setup_teardown(test_keeps_approval, setup, teardown),
		cmocka_unit_test_setup_teardown(test_confidential, setup, teardown),
		cmocka_unit_test_setup_teardown(test_dry_run, setup, teardown),
		cmocka_unit_test_setup_teardown(test_audit, setup, teardown),
		cmocka_unit_test_setup_teardown(test_encodings, setup, teardown),
		cmocka_unit_test_setup_teardown(test_spreadsheet_forms, setup, teardown),
		cmocka_unit_test_setup_teardown(test_workbooks, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

/*
 * test_sheet.c: engine/sheet.c and its readers of .xlsx (sheet_xlsx.c) and .xls
 * (sheet_xls.c), on the workbooks of fixtures/sheets/: LibreOffice's, made from the
 * sources beside them, and crafted ones (crafted.py).  Every expected cell is read off
 * those sources, and every day number worked out by hand: 2026-07-21 is 20655 days after
 * 1970-01-01 (test_date.c), whose Excel day number is 25569, so 46224; 2026-06-01 is 50
 * days earlier, 46174; 2026-05-20 is 12 more, 46162; in the 1904 date system 1462 less:
 * 44762.
 * Depends on cmocka and sheet.h.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <cmocka.h>

#include "sheet.h"

#define DIR "fixtures/sheets/"
#define MAXC 8

/* A row: its number and its cells (NULL after the last). */
typedef struct {
	long row;
	const char *cells[MAXC + 1];
} row;

/* Read every row of the sheet want of path and compare with rows (ending in row 0). */
static void expect_rows(const char *path, const char *want, const char *name,
			bool date1904, const row *rows)
{
	sheet *s = NULL;
	rg_err e = {{0}};
	const char *fmt_name = strstr(path, ".xlsx") ? "xlsx" : "xls";
	sheet_format f = strcmp(fmt_name, "xlsx") == 0 ? SHEET_XLSX : SHEET_XLS;
	int i = 0;

	if (sheet_open(path, NULL, 0, f, path, want, NULL, &s, &e) != RG_OK)
		fail_msg("%s: %s", path, e.msg);
	assert_string_equal(sheet_name(s), name);
	assert_int_equal(sheet_date1904(s), date1904);
	for (;; i++) {
		size_t n = 0;
		if (sheet_read(s, &e) != RG_OK)
			fail_msg("%s row %d: %s", path, i, e.msg);
		if (sheet_ncells(s) == 0)
			break;
		if (rows[i].row == 0)
			fail_msg("%s: a row %ld more than expected", path, sheet_row(s));
		if (sheet_row(s) != rows[i].row)
			fail_msg("%s: row %ld, expected %ld", path, sheet_row(s), rows[i].row);
		while (rows[i].cells[n] != NULL)
			n++;
		if (sheet_ncells(s) != n)
			fail_msg("%s row %ld: %zu cells, expected %zu", path, sheet_row(s),
				 sheet_ncells(s), n);
		for (size_t c = 0; c < n; c++)
			if (strcmp(sheet_cell(s, c), rows[i].cells[c]) != 0)
				fail_msg("%s row %ld cell %zu: \"%s\", expected \"%s\"", path,
					 sheet_row(s), c, sheet_cell(s, c), rows[i].cells[c]);
	}
	if (rows[i].row != 0)
		fail_msg("%s: ended before row %ld", path, rows[i].row);
	sheet_close(s);
}

/* fixtures/sheets/ratings.csv as LibreOffice saves it: it took 2026-5-20 and 2026-07-21
 * for dates (date cells: day numbers in .xlsx, 'YYYY-MM-DD' from FreeXL) and left the
 * other forms as text; the ,,,,,, rows of the CSV are not in the workbook at all. */
#define RATINGS_ROWS(may20, jul21) { \
	{1, {"序号", "风险点编号", "评议主体", "评定因素", "分值", "评议日期", "备注"}}, \
	{2, {"1", "A1", "岗位自评", "危害程度", "2", "2026/5/1", "斜杠"}}, \
	{3, {"2", "A1", "部室互评", "危害程度", "3", may20, "短横线不补零"}}, \
	{4, {"3", "A2", "群众点评", "发生概率", "4", "2026年7月21日", "中文年月日"}}, \
	{5, {"4", "A2", "集体评议", "发生概率", "3", "2026.7.21", "点号"}}, \
	{6, {"5", "A3", "岗位自评", "危害程度", "2", "46224", "Excel日期序号"}}, \
	{7, {"6", "A3", "党组审核", "权力重要程度", "2", jul21}}, \
	{0, {NULL}}}

static void test_ratings(void **state)
{
	static const row xlsx[] = RATINGS_ROWS("46162", "46224");
	static const row xls[] = RATINGS_ROWS("2026-05-20", "2026-07-21");

	(void)state;
	expect_rows(DIR "ratings.xlsx", NULL, "ratings", false, xlsx);
	expect_rows(DIR "ratings.xls", NULL, "ratings", false, xls);
}

/* workbook.fods: the first sheet, 说明, then 评议 (an empty row 1, an empty column F, an
 * empty row 6) and 有误. */
#define RATED_ROWS(jun1) { \
	{2, {"风险点编号", "评议主体", "评定因素", "分值", "评议日期", "", "备注"}}, \
	{3, {"A5", "岗位自评", "发生概率", "2", jun1, "", "日期单元格"}}, \
	{4, {"A5", "部室互评", "发生概率", "3", "46224", "", "日期序号"}}, \
	{5, {"A6", "群众点评", "危害程度", "2", "2026年7月21日"}}, \
	{7, {"A6", "集体评议", "危害程度", "3", "2026/12/1"}}, \
	{0, {NULL}}}
#define WRONG_ROWS(jun1) { \
	{1, {"风险点编号", "评议主体", "评定因素", "分值", "评议日期"}}, \
	{2, {"A5", "岗位自评", "发生概率", "2", "2026/2/30"}}, \
	{3, {"A5", "部室互评", "发生概率", "3", "60"}}, \
	{4, {"A6", "领导打分", "危害程度", "2", jun1}}, \
	{5, {"A6", "群众点评", "危害程度", "高", jun1}}, \
	{6, {"A6", "集体评议", "危害程度", "3", "46224.5"}}, \
	{7, {"A7", "党组审核", "危害程度", "3", jun1, "", "多余"}}, \
	{0, {NULL}}}

static void test_workbook(void **state)
{
	static const row notes[] = {
		{1, {"第二张工作表“评议”是可以导入的评议，第三张“有误”每行一处错误。"}},
		{0, {NULL}},
	};
	static const row rated_xlsx[] = RATED_ROWS("46174");
	static const row rated_xls[] = RATED_ROWS("2026-06-01");
	static const row wrong_xlsx[] = WRONG_ROWS("46174");
	static const row wrong_xls[] = WRONG_ROWS("2026-06-01");

	(void)state;
	expect_rows(DIR "workbook.xlsx", NULL, "说明", false, notes);
	expect_rows(DIR "workbook.xls", NULL, "说明", false, notes);
	expect_rows(DIR "workbook.xlsx", "评议", "评议", false, rated_xlsx);
	expect_rows(DIR "workbook.xls", "评议", "评议", false, rated_xls);
	expect_rows(DIR "workbook.xlsx", "有误", "有误", false, wrong_xlsx);
	expect_rows(DIR "workbook.xls", "有误", "有误", false, wrong_xls);
}

/* date1904.fods: the null date 1904-01-01; a date cell and the number 44762 both mean
 * 2026-07-21. */
static void test_date1904(void **state)
{
	static const row xlsx[] = {
		{1, {"风险点编号", "评议主体", "评定因素", "分值", "评议日期"}},
		{2, {"A7", "岗位自评", "发生概率", "2", "44762"}},
		{3, {"A7", "部室互评", "发生概率", "3", "44762"}},
		{0, {NULL}},
	};
	static const row xls[] = {
		{1, {"风险点编号", "评议主体", "评定因素", "分值", "评议日期"}},
		{2, {"A7", "岗位自评", "发生概率", "2", "2026-07-21"}},
		{3, {"A7", "部室互评", "发生概率", "3", "44762"}},
		{0, {NULL}},
	};

	(void)state;
	expect_rows(DIR "date1904.xlsx", NULL, "1904", true, xlsx);
	expect_rows(DIR "date1904.xls", NULL, "1904", true, xls);
}

/* What Excel and others write that LibreOffice does not (crafted.py, features). */
static void test_features(void **state)
{
	static const row first[] = {
		{1, {"风险点编号", "评议主体", "备注"}},
		{3, {"A1", "两行\r\n文字", "", "", "1", "2", "46224"}},
		{5, {"12.5", "", "#N/A"}},
		{0, {NULL}},
	};
	static const row second[] = {
		{2, {"", "第二张"}},
		{0, {NULL}},
	};

	(void)state;
	expect_rows(DIR "crafted/features.xlsx", NULL, "Sheet1", false, first);
	expect_rows(DIR "crafted/features.xlsx", "it's 2", "it's 2", false, second);
}

/* Office's escapes _xHHHH_ (crafted.py, escapes): four hex digits, either case, give the
 * character; a sign or a space among them, a letter that is no hex digit, NUL or half a
 * surrogate pair leave the text as it is.  _x_x_x0042_ holds one escape, at its end. */
static void test_escapes(void **state)
{
	static const row rows[] = {
		{1, {"A", "JJ", "_x+041_", "_x 041_", "_x004G_", "_x_xB", "_x0000_", "_xD800_"}},
		{0, {NULL}},
	};

	(void)state;
	expect_rows(DIR "crafted/escapes.xlsx", NULL, "Sheet1", false, rows);
}

/* Cell references as Excel writes them, the sheet's name quoted when it must be. */
static void test_refs(void **state)
{
	static const struct {
		const char *file, *want;
		size_t col;
		long row;
		const char *ref;
	} cases[] = {
		{"workbook.xlsx", "评议", 2, 17, "评议!C17"},
		{"workbook.xlsx", "评议", 0, 1, "评议!A1"},
		{"workbook.xlsx", "评议", 25, 2, "评议!Z2"},
		{"workbook.xlsx", "评议", 26, 2, "评议!AA2"},
		{"workbook.xlsx", "评议", 701, 2, "评议!ZZ2"},
		{"workbook.xlsx", "评议", 702, 2, "评议!AAA2"},
		{"workbook.xlsx", "评议", 16383, 1048576, "评议!XFD1048576"},
		{"workbook.xlsx", "评议", SHEET_ROW, 9, "评议!9:9"},
		{"crafted/features.xlsx", "it's 2", 1, 2, "'it''s 2'!B2"},
		{"crafted/features.xlsx", "it's 2", SHEET_ROW, 2, "'it''s 2'!2:2"},
		{"date1904.xlsx", NULL, 4, 3, "'1904'!E3"},
	};

	(void)state;
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		char path[128], buf[64];
		sheet *s = NULL;
		rg_err e;
		snprintf(path, sizeof path, DIR "%s", cases[i].file);
		assert_int_equal(sheet_open(path, NULL, 0, SHEET_XLSX, path, cases[i].want, NULL,
					    &s, &e), RG_OK);
		assert_string_equal(sheet_ref(s, cases[i].col, cases[i].row, buf, sizeof buf),
				    cases[i].ref);
		sheet_close(s);
	}
}

static void test_format_of(void **state)
{
	(void)state;
	assert_int_equal(sheet_format_of("PK\3\4\24\0\0\0", 8), SHEET_XLSX);
	assert_int_equal(sheet_format_of("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8), SHEET_XLS);
	assert_int_equal(sheet_format_of("\xD0\xCF\x11\xE0\xA1\xB1\x1A", 7), SHEET_CSV);
	assert_int_equal(sheet_format_of("PK\3", 3), SHEET_CSV);
	assert_int_equal(sheet_format_of("code,name\n", 10), SHEET_CSV);
	assert_int_equal(sheet_format_of("", 0), SHEET_CSV);
}

/* A workbook given in memory (standard input) reads as from its file; an .xls goes
 * through a temporary file, which is gone afterwards. */
static void test_memory(void **state)
{
	static const row xls[] = RATINGS_ROWS("2026-05-20", "2026-07-21");
	const char *files[] = {DIR "ratings.xlsx", DIR "ratings.xls"};

	(void)state;
	for (int k = 0; k < 2; k++) {
		FILE *f = fopen(files[k], "rb");
		char data[16384], sha_file[SHA_HEX], sha_mem[SHA_HEX];
		size_t n;
		sheet *s = NULL;
		rg_err e;
		sheet_format fmt;
		assert_non_null(f);
		n = fread(data, 1, sizeof data, f);
		fclose(f);
		fmt = sheet_format_of(data, n);
		assert_int_equal(fmt, k == 0 ? SHEET_XLSX : SHEET_XLS);
		if (sheet_open(NULL, data, n, fmt, "<stdin>", NULL, NULL, &s, &e) != RG_OK)
			fail_msg("%s", e.msg);
		sheet_sha256(s, sha_mem);
		for (int i = 0; i < 3; i++)
			assert_int_equal(sheet_read(s, &e), RG_OK);
		assert_string_equal(sheet_cell(s, 5), k == 0 ? "46162" : xls[2].cells[5]);
		sheet_close(s);
		assert_int_equal(sheet_open(files[k], NULL, 0, fmt, files[k], NULL, NULL, &s, &e),
				 RG_OK);
		sheet_sha256(s, sha_file);
		assert_string_equal(sha_mem, sha_file);
		sheet_close(s);
	}
}

/* Each bad or hostile workbook: refused at open or while reading, with the message. */
static void test_refused(void **state)
{
	static const struct {
		const char *file, *want;
		sheet_format fmt;
		size_t part;        /* the bound on a part, 0: the default */
		const char *message;
	} cases[] = {
		{"workbook.xlsx", "无此表", SHEET_XLSX, 0,
		 "no sheet called \"无此表\": expected one of 说明, 评议, 有误"},
		{"workbook.xls", "无此表", SHEET_XLS, 0,
		 "no sheet called \"无此表\": expected one of 说明, 评议, 有误"},
		{"crafted/bomb_small.xlsx", NULL, SHEET_XLSX, 1 << 20,
		 ": expected at most 1048576 (a zip bomb?)"},
		{"crafted/bomb.xlsx", NULL, SHEET_XLSX, 0,
		 "xl/worksheets/sheet1.xml is 314572990 bytes uncompressed: expected at most "
		 "268435456 (a zip bomb?)"},
		{"crafted/many_strings.xlsx", NULL, SHEET_XLSX, 0,
		 "xl/sharedStrings.xml: more than 4194304 shared strings"},
		{"crafted/deep.xlsx", NULL, SHEET_XLSX, 0,
		 "xl/worksheets/sheet1.xml: elements nested more than 64 deep"},
		{"crafted/dtd.xlsx", NULL, SHEET_XLSX, 0,
		 "xl/workbook.xml: a document type declaration, which a workbook does not have"},
		{"crafted/malformed.xlsx", NULL, SHEET_XLSX, 0,
		 "xl/worksheets/sheet1.xml:1:"},
		{"crafted/bad_string.xlsx", NULL, SHEET_XLSX, 0,
		 ":Sheet1!C2: shared string \"99\", but the workbook has 2"},
		{"crafted/ods.xlsx", NULL, SHEET_XLSX, 0,
		 "an OpenDocument file (.ods), not an .xlsx workbook: save it as .xlsx"},
		{"crafted/truncated.xlsx", NULL, SHEET_XLSX, 0, "not a readable .xlsx workbook: "},
		{"ratings.csv", NULL, SHEET_XLS, 0, "not a readable .xls workbook"},
	};

	(void)state;
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		char path[128];
		sheet *s = NULL;
		rg_err e = {{0}};
		sheet_limits lim = sheet_default_limits;
		rg_status st;
		snprintf(path, sizeof path, DIR "%s", cases[i].file);
		if (cases[i].part != 0)
			lim.part = cases[i].part;
		st = sheet_open(path, NULL, 0, cases[i].fmt, path, cases[i].want, &lim, &s, &e);
		while (st == RG_OK && (st = sheet_read(s, &e)) == RG_OK && sheet_ncells(s) > 0)
			;
		sheet_close(s);
		if (st != RG_INPUT)
			fail_msg("%s: status %d, expected RG_INPUT (%s)", path, st, e.msg);
		if (strstr(e.msg, cases[i].message) == NULL)
			fail_msg("%s: \"%s\" lacks \"%s\"", path, e.msg, cases[i].message);
		if (strncmp(e.msg, path, strlen(path)) != 0)
			fail_msg("%s: \"%s\" does not name the file first", path, e.msg);
	}
}

/* The bounds on a file's size and a cell's text. */
static void test_bounds(void **state)
{
	struct stat sb;
	sheet *s = NULL;
	rg_err e;
	char want[128];
	sheet_limits lim = sheet_default_limits;

	(void)state;
	assert_int_equal(stat(DIR "ratings.xlsx", &sb), 0);
	lim.file = (size_t)sb.st_size - 1;
	assert_int_equal(sheet_open(DIR "ratings.xlsx", NULL, 0, SHEET_XLSX, "r.xlsx", NULL, &lim,
				    &s, &e), RG_INPUT);
	assert_null(s);
	snprintf(want, sizeof want, "r.xlsx: %lld bytes: expected a workbook of at most %lld",
		 (long long)sb.st_size, (long long)sb.st_size - 1);
	assert_string_equal(e.msg, want);
	/* 序号 is 6 bytes: a bound of 5 refuses the first cell, A1. */
	lim = sheet_default_limits;
	lim.cell = 5;
	assert_int_equal(sheet_open(DIR "ratings.xls", NULL, 0, SHEET_XLS, "r.xls", NULL, &lim,
				    &s, &e), RG_OK);
	assert_int_equal(sheet_read(s, &e), RG_INPUT);
	assert_string_equal(e.msg, "r.xls:ratings!A1: 6 bytes of text: expected at most 5");
	sheet_close(s);
	/* The shared strings of the .xlsx are bounded as they are read. */
	assert_int_equal(sheet_open(DIR "ratings.xlsx", NULL, 0, SHEET_XLSX, "r.xlsx", NULL,
				    &lim, &s, &e), RG_INPUT);
	assert_non_null(strstr(e.msg, "r.xlsx: xl/sharedStrings.xml:"));
	assert_non_null(strstr(e.msg, ": a text of more than 5 bytes"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_ratings),
		cmocka_unit_test(test_workbook),
		cmocka_unit_test(test_date1904),
		cmocka_unit_test(test_features),
		cmocka_unit_test(test_escapes),
		cmocka_unit_test(test_refs),
		cmocka_unit_test(test_format_of),
		cmocka_unit_test(test_memory),
		cmocka_unit_test(test_refused),
		cmocka_unit_test(test_bounds),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

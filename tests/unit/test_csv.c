/*
 * test_csv.c: unit tests of engine/csv.c: the streaming RFC 4180 reader (records, fields,
 * line numbers, error messages) and utf8_valid.  Inputs are written to a tmpfile().
 * Depends on cmocka, csv.h and status.h.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "csv.h"
#include "status.h"

/* A string literal with its length, so inputs may hold NUL bytes. */
#define BYTES(lit) lit, sizeof(lit) - 1

/* The message suffix of every UTF-8 error. */
#define NOT_UTF8 " is not UTF-8 (a GB18030 file? convert it with iconv -f GB18030 -t UTF-8)"

/*
 * One reader case.  records is what the reader must return before it stops, one line per
 * record: the line the record starts on, a colon, then each field in brackets.  When st
 * is RG_OK the reader must then report the end of the file; otherwise its next call must
 * fail with st and exactly msg.  Line numbers were counted by hand: a record starts on
 * the line after the last newline that ended the previous record or a blank line;
 * newlines inside quotes count.
 */
typedef struct {
	const char *what;
	const char *in;
	size_t len;
	const char *records;
	rg_status st;
	const char *msg;
} read_case;

static const read_case read_cases[] = {
	{"plain records", BYTES("a,b,c\n1,2,3\n"), "1:[a][b][c]\n2:[1][2][3]\n", RG_OK, NULL},
	{"last line without newline", BYTES("a,b\n1,2"), "1:[a][b]\n2:[1][2]\n", RG_OK, NULL},
	{"CRLF line endings", BYTES("a,b\r\n1,2\r\n"), "1:[a][b]\n2:[1][2]\n", RG_OK, NULL},
	{"CRLF, last line without one", BYTES("a,b\r\n1,2"), "1:[a][b]\n2:[1][2]\n", RG_OK,
	 NULL},
	{"byte-order mark skipped", BYTES("\xEF\xBB\xBF" "a,b\n1,2\n"), "1:[a][b]\n2:[1][2]\n",
	 RG_OK, NULL},
	{"byte-order mark then a quoted field", BYTES("\xEF\xBB\xBF\"a\",b\n"), "1:[a][b]\n",
	 RG_OK, NULL},
	{"byte-order mark only", BYTES("\xEF\xBB\xBF"), "", RG_OK, NULL},
	/* U+FEFF elsewhere is ordinary (valid) text, kept as is. */
	{"byte-order mark not at the start", BYTES("a\n\xEF\xBB\xBF" "b\n"),
	 "1:[a]\n2:[\xEF\xBB\xBF" "b]\n", RG_OK, NULL},
	{"empty file", BYTES(""), "", RG_OK, NULL},
	{"one short line", BYTES("x"), "1:[x]\n", RG_OK, NULL},
	{"blank lines only", BYTES("\n\n\r\n"), "", RG_OK, NULL},
	{"blank lines skipped, still counted", BYTES("\na\n\nb\n\n\nc\n\n"),
	 "2:[a]\n4:[b]\n7:[c]\n", RG_OK, NULL},
	{"blank CRLF lines counted", BYTES("a\r\n\r\n\r\nb\r\n"), "1:[a]\n4:[b]\n", RG_OK, NULL},
	{"empty fields", BYTES(",,\na,\n,b\n"), "1:[][][]\n2:[a][]\n3:[][b]\n", RG_OK, NULL},
	{"spaces kept", BYTES(" a , b \n"), "1:[ a ][ b ]\n", RG_OK, NULL},
	{"quoted comma", BYTES("\"a,b\",c\n"), "1:[a,b][c]\n", RG_OK, NULL},
	{"doubled quotes", BYTES("\"say \"\"hi\"\"\",\"\"\"\"\n"), "1:[say \"hi\"][\"]\n", RG_OK,
	 NULL},
	{"quoted empty field is a record", BYTES("\"\"\nx\n"), "1:[]\n2:[x]\n", RG_OK, NULL},
	{"quoted empty field at end of file", BYTES("a\n\"\""), "1:[a]\n2:[]\n", RG_OK, NULL},
	{"quoted last field without newline", BYTES("a,\"b\""), "1:[a][b]\n", RG_OK, NULL},
	{"quoted newline, line of the next record",
	 BYTES("id,note\n1,\"line one\nline two\"\n2,after\n"),
	 "1:[id][note]\n2:[1][line one\nline two]\n4:[2][after]\n", RG_OK, NULL},
	/* Record 1 spans lines 1-4, line 5 is blank, c is on line 6. */
	{"several quoted newlines, then a blank line", BYTES("\"a\n\n\nb\"\n\nc\n"),
	 "1:[a\n\n\nb]\n6:[c]\n", RG_OK, NULL},
	{"quoted fields ending CRLF lines", BYTES("\"a\",\"b\"\r\n\"c\",\"d\"\r\n"),
	 "1:[a][b]\n2:[c][d]\n", RG_OK, NULL},
	{"quoted CRLF kept in the field", BYTES("\"a\r\nb\",c\r\nd,e\r\n"),
	 "1:[a\r\nb][c]\n3:[d][e]\n", RG_OK, NULL},
	{"quoted commas, quotes and newline together", BYTES("\"x,\"\"y\"\"\nz\",w\nv\n"),
	 "1:[x,\"y\"\nz][w]\n3:[v]\n", RG_OK, NULL},
	{"Chinese text", BYTES("编号,名称\nP001,\"廉政风险，岗位\"\n"),
	 "1:[编号][名称]\n2:[P001][廉政风险，岗位]\n", RG_OK, NULL},

	/* ---- errors: name:line:column, the column being the 1-based field number ---- */
	{"unterminated quote", BYTES("a,b\n1,\"open\nmore\n"), "1:[a][b]\n", RG_INPUT,
	 "in.csv:2:2: a quoted field is not closed before the end of the file"},
	{"unterminated quote after blank lines", BYTES("a\n\n\n\"b"), "1:[a]\n", RG_INPUT,
	 "in.csv:4:1: a quoted field is not closed before the end of the file"},
	{"unterminated quote ending in a doubled quote", BYTES("\"a\"\""), "", RG_INPUT,
	 "in.csv:1:1: a quoted field is not closed before the end of the file"},
	{"stray quote in an unquoted field", BYTES("ab\"c,d\n"), "", RG_INPUT,
	 "in.csv:1:1: a quote inside an unquoted field (quote the whole field and double the "
	 "quote)"},
	{"stray quote, third field of line 2", BYTES("a,b,c\n1,2,3\"\n"), "1:[a][b][c]\n",
	 RG_INPUT,
	 "in.csv:2:3: a quote inside an unquoted field (quote the whole field and double the "
	 "quote)"},
	{"text after the closing quote", BYTES("\"a\"b,c\n"), "", RG_INPUT,
	 "in.csv:1:1: text after the closing quote of a field"},
	{"space after the closing quote, field 2", BYTES("x,\"y\" \n"), "", RG_INPUT,
	 "in.csv:1:2: text after the closing quote of a field"},
	/* 中文 in GBK is D6 D0 CE C4: D6 opens a 2-byte sequence, D0 is no continuation. */
	{"GBK text", BYTES("名称\n\xD6\xD0\xCE\xC4\n"), "1:[名称]\n", RG_INPUT,
	 "in.csv:2:1: byte 1 of the field" NOT_UTF8},
	{"bad byte 3 of field 2", BYTES("a,b\nok,ab\xFF\n"), "1:[a][b]\n", RG_INPUT,
	 "in.csv:2:2: byte 3 of the field" NOT_UTF8},
	/* 中 is 3 bytes, so the truncated sequence starts at byte 4. */
	{"truncated sequence at end of field", BYTES("中\xE6\x96,x\n"), "", RG_INPUT,
	 "in.csv:1:1: byte 4 of the field" NOT_UTF8},
	{"bad UTF-8 after a multi-line record", BYTES("\"x\ny\",z\nq,\xC3\x28\n"),
	 "1:[x\ny][z]\n", RG_INPUT, "in.csv:3:2: byte 1 of the field" NOT_UTF8},
	{"overlong encoding", BYTES("a,\xC0\xAF\n"), "", RG_INPUT,
	 "in.csv:1:2: byte 1 of the field" NOT_UTF8},
	{"surrogate", BYTES("\xED\xA0\x80\n"), "", RG_INPUT,
	 "in.csv:1:1: byte 1 of the field" NOT_UTF8},
	/* A partial byte-order mark is pushed back and read as (bad) data. */
	{"partial byte-order mark", BYTES("\xEF\xBB"), "", RG_INPUT,
	 "in.csv:1:1: byte 1 of the field" NOT_UTF8},
	{"NUL byte", BYTES("a,b\n1,x\0y\n"), "1:[a][b]\n", RG_INPUT,
	 "in.csv:2:2: a NUL byte in the field"},
	{"NUL byte alone on a line", BYTES("a\n\0\n"), "1:[a]\n", RG_INPUT,
	 "in.csv:2:1: a NUL byte in the field"},
};

/* A tmpfile() holding the n bytes at s, positioned at the start. */
static FILE *file_with(const char *s, size_t n)
{
	FILE *f = tmpfile();

	assert_non_null(f);
	if (n > 0)
		assert_int_equal(fwrite(s, 1, n, f), n);
	rewind(f);
	return f;
}

/* Append the current record, as "line:[f1][f2]...\n", to the memstream out. */
static void dump_record(FILE *out, const csv *c)
{
	fprintf(out, "%ld:", csv_line(c));
	for (size_t i = 0; i < csv_nfields(c); i++)
		fprintf(out, "[%s]", csv_field(c, i));
	fputc('\n', out);
}

static void test_read_cases(void **state)
{
	(void)state;
	for (size_t k = 0; k < sizeof read_cases / sizeof read_cases[0]; k++) {
		const read_case *t = &read_cases[k];
		FILE *f = file_with(t->in, t->len);
		csv *c = csv_open(f, "in.csv");
		char *got = NULL;
		size_t gotlen = 0;
		FILE *out = open_memstream(&got, &gotlen);
		rg_err e = {{0}};
		rg_status st;

		assert_non_null(c);
		assert_non_null(out);
		/* Bounded, so a reader that never reaches the end fails instead of hanging. */
		for (int n = 0; n < 100; n++) {
			st = csv_read(c, &e);
			if (st != RG_OK || csv_nfields(c) == 0)
				break;
			dump_record(out, c);
		}
		assert_int_equal(fclose(out), 0);
		if (strcmp(got, t->records) != 0)
			fail_msg("%s: records\nexpected:\n%sgot:\n%s", t->what, t->records, got);
		if (st != t->st)
			fail_msg("%s: expected status %d, got %d (%s)", t->what, t->st, st, e.msg);
		if (t->msg != NULL && strcmp(e.msg, t->msg) != 0)
			fail_msg("%s: message\nexpected: %s\ngot:      %s", t->what, t->msg, e.msg);
		if (st == RG_OK) {
			/* The end stays the end. */
			assert_int_equal(csv_read(c, &e), RG_OK);
			assert_int_equal(csv_nfields(c), 0);
		}
		free(got);
		csv_close(c);
		fclose(f);
	}
}

/* Many fields and long fields: the buffers grow and are reused by the next record.
 * Record 1 has 40 fields, field i being i * 13 copies of the letter 'a' + i % 26 (over
 * 10,000 bytes in all); record 2 is "x,y". */
static void test_read_large_record(void **state)
{
	enum { NF = 40 };
	char *in = NULL;
	size_t inlen = 0;
	FILE *w = open_memstream(&in, &inlen);
	rg_err e = {{0}};

	(void)state;
	assert_non_null(w);
	for (int i = 0; i < NF; i++) {
		for (int k = 0; k < i * 13; k++)
			fputc('a' + i % 26, w);
		fputc(i + 1 < NF ? ',' : '\n', w);
	}
	fputs("x,y\n", w);
	assert_int_equal(fclose(w), 0);

	FILE *f = file_with(in, inlen);
	csv *c = csv_open(f, "big.csv");
	assert_non_null(c);
	assert_int_equal(csv_read(c, &e), RG_OK);
	assert_int_equal(csv_nfields(c), NF);
	assert_int_equal(csv_line(c), 1);
	for (int i = 0; i < NF; i++) {
		const char *s = csv_field(c, (size_t)i);
		assert_int_equal(strlen(s), (size_t)(i * 13));
		for (int k = 0; k < i * 13; k++)
			assert_int_equal(s[k], 'a' + i % 26);
	}
	assert_int_equal(csv_read(c, &e), RG_OK);
	assert_int_equal(csv_nfields(c), 2);
	assert_int_equal(csv_line(c), 2);
	assert_string_equal(csv_field(c, 0), "x");
	assert_string_equal(csv_field(c, 1), "y");
	assert_int_equal(csv_read(c, &e), RG_OK);
	assert_int_equal(csv_nfields(c), 0);
	csv_close(c);
	fclose(f);
	free(in);
}

/* A stream that cannot be read (opened for writing only) is an I/O error, not the end. */
static void test_read_error(void **state)
{
	FILE *f = fopen("/dev/null", "w");
	rg_err e = {{0}};

	(void)state;
	assert_non_null(f);
	csv *c = csv_open(f, "out.csv");
	assert_non_null(c);
	assert_int_equal(csv_read(c, &e), RG_IO);
	assert_string_equal(e.msg, "out.csv:1: read error");
	csv_close(c);
	csv_close(NULL); /* allowed */
	fclose(f);
}

/* utf8_valid cases: bytes, whether valid, and for invalid ones the offset of the first
 * byte of the bad sequence.  Encodings worked out from the code points by hand. */
static const struct {
	const char *what;
	const char *s;
	size_t n;
	int ok;
	size_t bad;
} utf8_cases[] = {
	{"empty", BYTES(""), 1, 0},
	{"ASCII", BYTES("abc"), 1, 0},
	{"ASCII with NUL", BYTES("a\0b"), 1, 0},
	{"中文 (U+4E2D U+6587)", BYTES("\xE4\xB8\xAD\xE6\x96\x87"), 1, 0},
	{"U+0080, smallest 2-byte", BYTES("\xC2\x80"), 1, 0},
	{"U+07FF, largest 2-byte", BYTES("\xDF\xBF"), 1, 0},
	{"U+0800, smallest 3-byte", BYTES("\xE0\xA0\x80"), 1, 0},
	{"U+D7FF, just below the surrogates", BYTES("\xED\x9F\xBF"), 1, 0},
	{"U+E000, just above the surrogates", BYTES("\xEE\x80\x80"), 1, 0},
	{"U+FFFF", BYTES("\xEF\xBF\xBF"), 1, 0},
	{"U+10000, smallest 4-byte", BYTES("\xF0\x90\x80\x80"), 1, 0},
	{"U+1F600", BYTES("\xF0\x9F\x98\x80"), 1, 0},
	{"U+10FFFF, the last code point", BYTES("\xF4\x8F\xBF\xBF"), 1, 0},
	{"lone continuation byte", BYTES("\x80"), 0, 0},
	{"continuation after ASCII", BYTES("ab\xBF"), 0, 2},
	{"C0 overlong", BYTES("a\xC0\x80"), 0, 1},
	{"C1 overlong", BYTES("\xC1\xBF"), 0, 0},
	{"3-byte overlong of U+0000", BYTES("ab\xE0\x80\x80"), 0, 2},
	{"3-byte overlong of U+07FF", BYTES("\xE0\x9F\xBF"), 0, 0},
	{"4-byte overlong of U+FFFF", BYTES("\xF0\x8F\xBF\xBF"), 0, 0},
	{"surrogate U+D800", BYTES("\xED\xA0\x80"), 0, 0},
	{"surrogate U+DFFF after x", BYTES("x\xED\xBF\xBF"), 0, 1},
	{"U+110000, beyond Unicode", BYTES("\xF4\x90\x80\x80"), 0, 0},
	{"F5 lead byte", BYTES("\xF5\x80\x80\x80"), 0, 0},
	{"FE", BYTES("\xFE"), 0, 0},
	{"FF after 中", BYTES("\xE4\xB8\xAD\xFF"), 0, 3},
	{"2-byte lead at end", BYTES("\xC3"), 0, 0},
	{"3-byte sequence cut at end", BYTES("\xE4\xB8\xAD\xE6\x96"), 0, 3},
	{"4-byte sequence cut at end", BYTES("\xF0\x9F\x98"), 0, 0},
	{"lead followed by ASCII", BYTES("\xE4\x41\x42"), 0, 0},
	{"GBK 中文", BYTES("\xD6\xD0\xCE\xC4"), 0, 0},
	/* n limits what is looked at: 中文 cut to 4 bytes ends in a partial sequence. */
	{"n cuts a sequence", "\xE4\xB8\xAD\xE6\x96\x87", 4, 0, 3},
	{"n stops before a bad byte", "ab\xFF", 2, 1, 0},
};

static void test_utf8_valid(void **state)
{
	(void)state;
	for (size_t k = 0; k < sizeof utf8_cases / sizeof utf8_cases[0]; k++) {
		size_t bad = 999;
		int ok = utf8_valid(utf8_cases[k].s, utf8_cases[k].n, &bad);
		if ((ok != 0) != utf8_cases[k].ok)
			fail_msg("utf8_valid(%s): expected %d, got %d", utf8_cases[k].what,
				 utf8_cases[k].ok, ok);
		if (!ok && bad != utf8_cases[k].bad)
			fail_msg("utf8_valid(%s): bad byte expected at %zu, got %zu",
				 utf8_cases[k].what, utf8_cases[k].bad, bad);
		/* bad may be NULL. */
		assert_int_equal(utf8_valid(utf8_cases[k].s, utf8_cases[k].n, NULL) != 0,
				 utf8_cases[k].ok);
	}
}

/*
 * csv_next_line after each record: one past the record's last line, the blank lines
 * before it included; after the end, one past the line the end was met on.  Each expected list is
 * "start-next" per record then "end:next", counted by hand from the input.
 */
static void test_next_line(void **state)
{
	static const struct {
		const char *in;
		const char *want;
	} cases[] = {
		{"a\nb\n", "1-2 2-3 end:4"},          /* the end is met on (empty) line 3 */
		{"a\nb", "1-2 2-3 end:3"},           /* b ends at the end of the file */
		{"a\r\n\r\nb\r\n", "1-2 3-4 end:5"}, /* blank line 2 is read with b */
		{"\"x\ny\",z\nw\n", "1-3 3-4 end:5"},  /* a quoted newline: record 1 is lines 1-2 */
		{"a\n\n\n", "1-2 end:5"},           /* trailing blank lines, then the end */
		{"", "end:2"},
	};
	(void)state;
	for (size_t k = 0; k < sizeof cases / sizeof cases[0]; k++) {
		char got[128] = "";
		size_t used = 0;
		rg_err e = {{0}};
		FILE *f = file_with(cases[k].in, strlen(cases[k].in));
		csv *c = csv_open(f, "in.csv");
		assert_non_null(c);
		for (;;) {
			assert_int_equal(csv_read(c, &e), RG_OK);
			if (csv_nfields(c) == 0)
				break;
			used += (size_t)snprintf(got + used, sizeof got - used, "%ld-%ld ",
						 csv_line(c), csv_next_line(c));
		}
		snprintf(got + used, sizeof got - used, "end:%ld", csv_next_line(c));
		if (strcmp(got, cases[k].want) != 0)
			fail_msg("case %zu: expected \"%s\", got \"%s\"", k, cases[k].want, got);
		csv_close(c);
		fclose(f);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_read_cases),
		cmocka_unit_test(test_read_large_record),
		cmocka_unit_test(test_read_error),
		cmocka_unit_test(test_utf8_valid),
		cmocka_unit_test(test_next_line),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

/*
 * test_encoding.c: unit tests of engine/encoding.c: --encoding names, UTF-8 checked and
 * GB18030 converted while streaming (across block boundaries too), where each invalid
 * byte is reported (line, character, byte offset), detection, and the SHA-256 of what
 * was read.  GB18030 bytes were taken from Python's gb18030 codec (not glibc's iconv,
 * which the code uses) and checked against the GB2312 code table for 风 (B7E7) and
 * 险 (CFD5); UTF-8 bytes and every position were worked out by hand.
 * Depends on cmocka, encoding.h and status.h.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "encoding.h"
#include "status.h"

/* A string literal with its length, so inputs may hold NUL bytes. */
#define BYTES(lit) lit, sizeof(lit) - 1

/* U+FFFD, which stands for each invalid byte in the converted text. */
#define FFFD "\xEF\xBF\xBD"

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

/*
 * Convert the n bytes at in from kind; the text goes to *out (caller frees, *outlen
 * bytes), the invalid bytes to errs as "line:column@offset=XX " each.
 */
static void convert(const char *in, size_t n, enc_kind kind, char **out, size_t *outlen,
		    char *errs, size_t errs_size)
{
	FILE *f = file_with(in, n);
	rg_err e = {{0}};
	enc_stream *s = enc_open(f, "in.csv", kind, &e);
	FILE *text = open_memstream(out, outlen);
	char buf[1000];
	size_t got, used = 0;
	enc_pos p;

	assert_non_null(s);
	assert_non_null(text);
	while ((got = fread(buf, 1, sizeof buf, enc_file(s))) > 0)
		assert_int_equal(fwrite(buf, 1, got, text), got);
	assert_false(ferror(enc_file(s)));
	assert_int_equal(fclose(text), 0);
	errs[0] = '\0';
	while (enc_take_error(s, LONG_MAX, &p))
		used += (size_t)snprintf(errs + used, errs_size - used, "%ld:%ld@%lld=%02X ",
					 p.line, p.column, p.offset, p.byte);
	assert_int_equal(enc_bytes_read(s), (long long)n);
	enc_close(s);
	fclose(f);
}

static const struct {
	const char *what;
	const char *in;
	size_t len;
	enc_kind kind;
	const char *out; /* the UTF-8 text */
	const char *errs;
} cases[] = {
	{"ASCII", BYTES("a,b\r\nc\n"), ENC_UTF8, "a,b\r\nc\n", ""},
	{"UTF-8 byte-order mark dropped", BYTES("\xEF\xBB\xBF" "a"), ENC_UTF8, "a", ""},
	{"U+FEFF later is text", BYTES("a\xEF\xBB\xBF"), ENC_UTF8, "a\xEF\xBB\xBF", ""},
	{"UTF-8 Chinese", BYTES("风险,\xF0\x9F\x98\x80"), ENC_UTF8, "风险,\xF0\x9F\x98\x80", ""},
	{"GB18030 风险", BYTES("\xB7\xE7\xCF\xD5"), ENC_GB18030, "风险", ""},
	{"GB18030 测试 among ASCII", BYTES("a,\xB2\xE2\xCA\xD4\r\n"), ENC_GB18030,
	 "a,测试\r\n", ""},
	{"GB18030 byte-order mark dropped", BYTES("\x84\x31\x95\x33\xB7\xE7"), ENC_GB18030,
	 "风", ""},
	{"GB18030 four-byte U+0080 and U+1F600", BYTES("\x81\x30\x81\x30\x94\x39\xFC\x36"),
	 ENC_GB18030, "\xC2\x80\xF0\x9F\x98\x80", ""},

	/* UTF-8 errors: one U+FFFD per lead byte and the continuation bytes that fit it. */
	{"UTF-8 cut at the end", BYTES("a\xE4\xB8"), ENC_UTF8, "a" FFFD, "1:2@1=E4 "},
	{"overlong C0 AF", BYTES("\xC0\xAF"), ENC_UTF8, FFFD FFFD, "1:1@0=C0 1:2@1=AF "},
	{"surrogate ED A0 80", BYTES("\xED\xA0\x80x"), ENC_UTF8, FFFD FFFD FFFD "x",
	 "1:1@0=ED 1:2@1=A0 1:3@2=80 "},
	{"lead and continuation, then ASCII", BYTES("\xE4\xB8\x41"), ENC_UTF8, FFFD "A",
	 "1:1@0=E4 "},
	{"beyond U+10FFFF", BYTES("\xF4\x90\x80\x80"), ENC_UTF8, FFFD FFFD FFFD FFFD,
	 "1:1@0=F4 1:2@1=90 1:3@2=80 1:4@3=80 "},
	/* 中文 in GBK: D6 D0 CE C4; D6 and D0 and CE open sequences the next byte does not
	 * continue, C4 opens one the end of the file cuts. */
	{"GBK read as UTF-8", BYTES("\xD6\xD0\xCE\xC4"), ENC_UTF8, FFFD FFFD FFFD FFFD,
	 "1:1@0=D6 1:2@1=D0 1:3@2=CE 1:4@3=C4 "},
	{"line 3 after CRLF lines", BYTES("a\r\nb\r\n\xFF"), ENC_UTF8, "a\r\nb\r\n" FFFD,
	 "3:1@6=FF "},
	{"a lone CR ends a line", BYTES("a\rb\xFF"), ENC_UTF8, "a\rb" FFFD, "2:2@3=FF "},
	{"characters, not bytes, make the column", BYTES("风险\xFF"), ENC_UTF8, "风险" FFFD,
	 "1:3@6=FF "},

	/* GB18030 errors. */
	{"GB18030 lead byte before LF", BYTES("\x81\n"), ENC_GB18030, FFFD "\n", "1:1@0=81 "},
	{"GB18030 cut at the end", BYTES("a\xB7"), ENC_GB18030, "a" FFFD, "1:2@1=B7 "},
	{"GB18030 FF", BYTES("\xFF"), ENC_GB18030, FFFD, "1:1@0=FF "},
	{"GB18030 80", BYTES("\x80"), ENC_GB18030, FFFD, "1:1@0=80 "},
	{"GB18030 line 2", BYTES("x\r\n\xB7\xE7\xFF"), ENC_GB18030, "x\r\n风" FFFD,
	 "2:2@5=FF "},
};

static void test_convert(void **state)
{
	(void)state;
	for (size_t k = 0; k < sizeof cases / sizeof cases[0]; k++) {
		char *out = NULL, errs[256];
		size_t outlen = 0;
		convert(cases[k].in, cases[k].len, cases[k].kind, &out, &outlen, errs,
			sizeof errs);
		if (outlen != strlen(cases[k].out) || memcmp(out, cases[k].out, outlen) != 0)
			fail_msg("%s: expected text \"%s\", got \"%.*s\"", cases[k].what,
				 cases[k].out, (int)outlen, out);
		if (strcmp(errs, cases[k].errs) != 0)
			fail_msg("%s: expected errors \"%s\", got \"%s\"", cases[k].what,
				 cases[k].errs, errs);
		free(out);
	}
}

/* Characters cut by the 64 KiB blocks the file is read in: 'x' then 30000 风 in UTF-8
 * (3 bytes each) or 40000 in GB18030 (2 bytes each), then FF. */
static void test_block_boundaries(void **state)
{
	static const struct {
		enc_kind kind;
		const char *ch;
		int count;
		const char *errs;
	} big[] = {
		/* x is character 1, FF character 30002 at offset 1 + 3 * 30000 */
		{ENC_UTF8, "\xE9\xA3\x8E", 30000, "1:30002@90001=FF "},
		/* FF is character 40002 at offset 1 + 2 * 40000 */
		{ENC_GB18030, "\xB7\xE7", 40000, "1:40002@80001=FF "},
	};
	(void)state;
	for (size_t k = 0; k < sizeof big / sizeof big[0]; k++) {
		size_t clen = strlen(big[k].ch), n = 0;
		char *in = malloc(2 + clen * (size_t)big[k].count), *out = NULL, errs[128];
		size_t outlen = 0;
		assert_non_null(in);
		in[n++] = 'x';
		for (int i = 0; i < big[k].count; i++, n += clen)
			memcpy(in + n, big[k].ch, clen);
		in[n++] = '\xFF';
		convert(in, n, big[k].kind, &out, &outlen, errs, sizeof errs);
		assert_string_equal(errs, big[k].errs);
		/* x, count times 风 (E9 A3 8E in UTF-8), U+FFFD */
		assert_int_equal(outlen, 1 + 3 * (size_t)big[k].count + 3);
		assert_int_equal(out[0], 'x');
		for (int i = 0; i < big[k].count; i++)
			assert_memory_equal(out + 1 + 3 * i, "\xE9\xA3\x8E", 3);
		assert_memory_equal(out + outlen - 3, FFFD, 3);
		free(out);
		free(in);
	}
}

/* enc_take_error hands out the errors of lines before the one asked for, in order. */
static void test_take_error_by_line(void **state)
{
	static const char in[] = "a\xFF\nb\xFF\n";
	FILE *f = file_with(in, sizeof in - 1);
	enc_stream *s = enc_open(f, "in.csv", ENC_UTF8, NULL);
	char buf[64];
	enc_pos p;

	(void)state;
	assert_non_null(s);
	while (fread(buf, 1, sizeof buf, enc_file(s)) > 0)
		;
	assert_false(enc_take_error(s, 1, &p));
	assert_true(enc_take_error(s, 2, &p));
	assert_int_equal(p.line, 1);
	assert_int_equal(p.column, 2);
	assert_int_equal(p.offset, 1);
	assert_false(enc_take_error(s, 2, &p));
	assert_true(enc_take_error(s, 3, &p));
	assert_int_equal(p.line, 2);
	assert_int_equal(p.offset, 4);
	assert_false(enc_take_error(s, 100, &p));
	enc_close(s);
	enc_close(NULL); /* allowed */
	fclose(f);
}

/* The SHA-256 of the bytes read, byte-order mark included; the expected values are
 * FIPS 180-2's "abc" vector and `printf '\xef\xbb\xbfa' | sha256sum`. */
static void test_sha256(void **state)
{
	static const struct {
		const char *in;
		size_t len;
		enc_kind kind;
		const char *sha;
	} shas[] = {
		{BYTES("abc"), ENC_UTF8,
		 "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"},
		{BYTES("abc"), ENC_GB18030,
		 "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"},
		{BYTES("\xEF\xBB\xBF" "a"), ENC_UTF8,
		 "1951c7860e968e742658b3af34e60741eb4aaf2a8d2ecc3993727016b12e81e8"},
	};
	(void)state;
	for (size_t k = 0; k < sizeof shas / sizeof shas[0]; k++) {
		FILE *f = file_with(shas[k].in, shas[k].len);
		enc_stream *s = enc_open(f, "in.csv", shas[k].kind, NULL);
		char buf[64], hex[SHA_HEX];
		assert_non_null(s);
		while (fread(buf, 1, sizeof buf, enc_file(s)) > 0)
			;
		enc_sha256(s, hex);
		assert_string_equal(hex, shas[k].sha);
		enc_close(s);
		fclose(f);
	}
}

static void test_parse(void **state)
{
	static const struct {
		const char *name;
		rg_status st;
		enc_kind kind;
	} names[] = {
		{"auto", RG_OK, ENC_AUTO},       {"UTF-8", RG_OK, ENC_UTF8},
		{"utf8", RG_OK, ENC_UTF8},       {"gb18030", RG_OK, ENC_GB18030},
		{"GBK", RG_OK, ENC_GB18030},     {"gb2312", RG_OK, ENC_GB18030},
		{"latin1", RG_USAGE, ENC_AUTO},  {"", RG_USAGE, ENC_AUTO},
	};
	(void)state;
	for (size_t k = 0; k < sizeof names / sizeof names[0]; k++) {
		enc_kind kind = ENC_AUTO;
		rg_err e = {{0}};
		assert_int_equal(enc_parse(names[k].name, &kind, &e), names[k].st);
		assert_int_equal(kind, names[k].kind);
		if (names[k].st != RG_OK) {
			char want[128];
			snprintf(want, sizeof want,
				 "--encoding: expected utf-8, gb18030 or auto, got \"%s\"", names[k].name);
			assert_string_equal(e.msg, want);
		}
	}
	assert_string_equal(enc_name(ENC_UTF8), "UTF-8");
	assert_string_equal(enc_name(ENC_GB18030), "GB18030");
	assert_string_equal(enc_name(ENC_AUTO), "auto");
}

static void test_detect(void **state)
{
	static const struct {
		const char *what;
		const char *in;
		size_t len;
		rg_status st;
		enc_kind kind;
		const char *msg; /* the start of the message */
	} files[] = {
		{"empty", BYTES(""), RG_OK, ENC_UTF8, NULL},
		{"ASCII", BYTES("code,name\r\n"), RG_OK, ENC_UTF8, NULL},
		{"UTF-8", BYTES("风险点编号\r\nFX-001\r\n"), RG_OK, ENC_UTF8, NULL},
		{"GB18030", BYTES("\xB7\xE7\xCF\xD5\r\n"), RG_OK, ENC_GB18030, NULL},
		/* A byte-order mark says UTF-8, whatever follows. */
		{"byte-order mark and GBK", BYTES("\xEF\xBB\xBF\xD6\xD0\xCE\xC4"), RG_OK, ENC_UTF8,
		 NULL},
		/* FF is neither: line 2 starts at byte 11, X1, is 3 characters. */
		{"FF", BYTES("code,name\r\nX1,\xFF\xFE\r\n"), RG_INPUT, ENC_AUTO,
		 "x.csv:2:4: the byte 0xFF (byte offset 14) is neither UTF-8 nor GB18030: "},
		/* 风 (E9 A3 8E) is UTF-8 and FF is not, at character 3; as GB18030, E9 A3 is
		 * one character and 8E then ',' is not one, at character 2. */
		{"UTF-8 with FF", BYTES("\xE9\xA3\x8E,\xFF"), RG_INPUT, ENC_AUTO,
		 "x.csv:1:3: the byte 0xFF (byte offset 4) is not UTF-8, and the file is not "
		 "GB18030 either (line 1, character 2: the byte 0x8E at byte offset 2): "},
	};
	(void)state;
	for (size_t k = 0; k < sizeof files / sizeof files[0]; k++) {
		FILE *f = file_with(files[k].in, files[k].len);
		enc_kind kind = ENC_AUTO;
		rg_err e = {{0}};
		rg_status st = enc_detect(f, "x.csv", &kind, &e);
		if (st != files[k].st)
			fail_msg("%s: status %d, expected %d: %s", files[k].what, st, files[k].st,
				 e.msg);
		assert_int_equal(kind, files[k].kind);
		if (files[k].msg != NULL &&
		    strncmp(e.msg, files[k].msg, strlen(files[k].msg)) != 0)
			fail_msg("%s: expected \"%s...\", got \"%s\"", files[k].what, files[k].msg,
				 e.msg);
		assert_int_equal(ftell(f), 0); /* left at the start for the real reading */
		fclose(f);
	}
}

/* A pipe cannot be read twice: detection asks for --encoding. */
static void test_detect_pipe(void **state)
{
	int fds[2];
	FILE *f;
	enc_kind kind = ENC_AUTO;
	rg_err e = {{0}};

	(void)state;
	assert_int_equal(pipe(fds), 0);
	assert_int_equal(write(fds[1], "a,b\n", 4), 4);
	close(fds[1]);
	f = fdopen(fds[0], "r");
	assert_non_null(f);
	assert_int_equal(enc_detect(f, "p.csv", &kind, &e), RG_IO);
	assert_non_null(strstr(e.msg, "p.csv: cannot read the file twice to find its encoding"));
	assert_non_null(strstr(e.msg, "pass --encoding utf-8 or --encoding gb18030"));
	fclose(f);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_convert),
		cmocka_unit_test(test_block_boundaries),
		cmocka_unit_test(test_take_error_by_line),
		cmocka_unit_test(test_sha256),
		cmocka_unit_test(test_parse),
		cmocka_unit_test(test_detect),
		cmocka_unit_test(test_detect_pipe),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

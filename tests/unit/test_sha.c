/*
 * test_sha.c: unit tests of engine/sha.c (sha256_hex).  The digests are the FIPS 180-2 /
 * NIST example vectors where they exist; the others were computed with coreutils'
 * sha256sum (an independent implementation), e.g. printf '\0' | sha256sum.
 * Depends on cmocka and sha.h.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "sha.h"

/* A string literal with its length, so inputs may hold NUL bytes. */
#define BYTES(lit) lit, sizeof(lit) - 1

static const struct {
	const char *what;
	const char *data;
	size_t n;
	const char *hex;
} cases[] = {
	/* NIST: the empty message, "abc", and the 448- and 896-bit two-block messages. */
	{"empty", BYTES(""),
	 "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"},
	{"abc", BYTES("abc"),
	 "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"},
	{"448 bits", BYTES("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"),
	 "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"},
	{"896 bits",
	 BYTES("abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmno"
	       "ijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu"),
	 "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1"},
	/* The classic pangram (Wikipedia's SHA-2 example). */
	{"quick brown fox", BYTES("The quick brown fox jumps over the lazy dog"),
	 "d7a8fbb307d7809469ca9abcb0082e4f8d5651e46d3cdb762d02d0bf37c9e592"},
	/* Binary data: n counts, a NUL byte is data. */
	{"one NUL byte", BYTES("\0"),
	 "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d"},
	{"UTF-8 text 廉政风险", BYTES("廉政风险"),
	 "6930abda7143e80a2ac505033904377f3fde35f9e9197aa9433f2d73a7d46cfb"},
	/* Only the first n bytes: "abc" out of "abcdef". */
	{"prefix of a longer buffer", "abcdef", 3,
	 "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"},
};

/* Digest of n copies of byte b, from a freshly allocated buffer. */
static void digest_of_repeated(char b, size_t n, char out[SHA_HEX])
{
	char *buf = malloc(n);

	assert_non_null(buf);
	memset(buf, b, n);
	sha256_hex(buf, n, out);
	free(buf);
}

static void test_vectors(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		char out[SHA_HEX + 8];
		memset(out, 'Z', sizeof out);
		sha256_hex(cases[i].data, cases[i].n, out);
		if (strcmp(out, cases[i].hex) != 0)
			fail_msg("sha256_hex(%s): expected %s, got %.*s", cases[i].what,
				 cases[i].hex, SHA_HEX, out);
		/* 64 digits and a NUL, nothing past SHA_HEX. */
		for (size_t k = SHA_HEX; k < sizeof out; k++)
			assert_int_equal(out[k], 'Z');
	}
}

/* Padding boundaries (55, 56 and 64 bytes cross the one-block limit) and NIST's
 * one million 'a'. */
static void test_long_inputs(void **state)
{
	static const struct {
		size_t n;
		const char *hex;
	} rep[] = {
		{55, "9f4390f8d30c2dd92ec9f095b65e2b9ae9b0a925a5258e241c9f1e910f734318"},
		{56, "b35439a4ac6f0948b6d6f9e3c6af0f5f590ce20f1bde7090ef7970686ec6738a"},
		{64, "ffe054fe7ae0cb6dc65c3af9b61d5209f439851db43d0ba5997337df154668eb"},
		{1000000, "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0"},
	};

	(void)state;
	for (size_t i = 0; i < sizeof rep / sizeof rep[0]; i++) {
		char out[SHA_HEX];
		digest_of_repeated('a', rep[i].n, out);
		if (strcmp(out, rep[i].hex) != 0)
			fail_msg("sha256_hex(%zu x 'a'): expected %s, got %s", rep[i].n, rep[i].hex,
				 out);
	}
}

/* All 256 byte values 0..255 in order (printf of bytes(range(256)) | sha256sum). */
static void test_all_bytes(void **state)
{
	unsigned char buf[256];
	char out[SHA_HEX];

	(void)state;
	for (int i = 0; i < 256; i++)
		buf[i] = (unsigned char)i;
	sha256_hex(buf, sizeof buf, out);
	assert_string_equal(out,
			    "40aff2e9d2d8922e47afd4648e6967497158785fbd1da870e7110266bf944880");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_vectors),
		cmocka_unit_test(test_long_inputs),
		cmocka_unit_test(test_all_bytes),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

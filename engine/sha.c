/*
 * sha.c: SHA-256 through OpenSSL's libcrypto, so we do not carry our own implementation
 * of a hash, and the CPU's SHA instructions do the work where it has them (a run hashes
 * every point's result for its audit log entry: audit.c).  A stream gathers the small
 * pieces it is given (the audit digest hashes a field at a time) into a buffer handed to
 * OpenSSL a block at a time, as each call through EVP costs more than hashing a few
 * bytes.  Depends on libcrypto.
 */
#include "sha.h"

#include <stdlib.h>
#include <string.h>

#include <openssl/evp.h>

/* What a stream gathers before hashing it: many SHA-256 blocks of 64 bytes. */
#define SHA_BUFFER 4096

struct sha_stream {
	EVP_MD_CTX *ctx;
	size_t used;                  /* bytes waiting in buf */
	unsigned char buf[SHA_BUFFER];
};

static void to_hex(const unsigned char *md, char out[SHA_HEX])
{
	static const char digits[] = "0123456789abcdef";

	for (int i = 0; i < 32; i++) {
		out[2 * i] = digits[md[i] >> 4];
		out[2 * i + 1] = digits[md[i] & 15];
	}
	out[64] = '\0';
}

void sha256_hex(const void *data, size_t n, char out[SHA_HEX])
{
	unsigned char md[32];

	if (EVP_Digest(data, n, md, NULL, EVP_sha256(), NULL) != 1)
		abort(); /* SHA-256 of memory fails only when libcrypto is broken */
	to_hex(md, out);
}

sha_stream *sha_open(void)
{
	sha_stream *s = malloc(sizeof *s);

	if (s == NULL)
		return NULL;
	s->used = 0;
	if ((s->ctx = EVP_MD_CTX_new()) == NULL || EVP_DigestInit_ex(s->ctx, EVP_sha256(), NULL) != 1) {
		EVP_MD_CTX_free(s->ctx);
		free(s);
		return NULL;
	}
	return s;
}

/* Hash what waits in s's buffer. */
static void flush(sha_stream *s)
{
	if (s->used > 0 && EVP_DigestUpdate(s->ctx, s->buf, s->used) != 1)
		abort();
	s->used = 0;
}

void sha_update(sha_stream *s, const void *data, size_t n)
{
	if (s->used + n > SHA_BUFFER) {
		flush(s);
		if (n > SHA_BUFFER) {
			if (EVP_DigestUpdate(s->ctx, data, n) != 1)
				abort();
			return;
		}
	}
	memcpy(s->buf + s->used, data, n);
	s->used += n;
}

void sha_close(sha_stream *s, char out[SHA_HEX])
{
	unsigned char md[32];

	flush(s);
	if (EVP_DigestFinal_ex(s->ctx, md, NULL) != 1)
		abort();
	to_hex(md, out);
	EVP_MD_CTX_free(s->ctx);
	free(s);
}

/*
 * sha.c: SHA-256 through libmd (Debian's libmd, the BSD digest functions), so we do not
 * carry our own implementation of a hash.  Depends on libmd.
 */
#include "sha.h"

#include <stdint.h>
#include <stdlib.h>
#include <sys/types.h>

#include <sha2.h>

void sha256_hex(const void *data, size_t n, char out[SHA_HEX])
{
	SHA2_CTX ctx;

	SHA256Init(&ctx);
	SHA256Update(&ctx, data, n);
	SHA256End(&ctx, out);
}

struct sha_stream {
	SHA2_CTX ctx;
};

sha_stream *sha_open(void)
{
	sha_stream *s = malloc(sizeof *s);

	if (s != NULL)
		SHA256Init(&s->ctx);
	return s;
}

void sha_update(sha_stream *s, const void *data, size_t n)
{
	SHA256Update(&s->ctx, data, n);
}

void sha_close(sha_stream *s, char out[SHA_HEX])
{
	SHA256End(&s->ctx, out);
	free(s);
}

/*
 * sha.c: SHA-256 through libmd (Debian's libmd, the BSD digest functions), so we do not
 * carry our own implementation of a hash.  Depends on libmd.
 */
#include "sha.h"

#include <stdint.h>
#include <sys/types.h>

#include <sha2.h>

void sha256_hex(const void *data, size_t n, char out[SHA_HEX])
{
	SHA2_CTX ctx;

	SHA256Init(&ctx);
	SHA256Update(&ctx, data, n);
	SHA256End(&ctx, out);
}

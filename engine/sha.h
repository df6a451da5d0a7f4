/*
 * sha.h: SHA-256 of a buffer as lowercase hex, to record exactly which rule pack graded
 * a run.  Depends on libcrypto (sha.c).
 */
#ifndef RG_SHA_H
#define RG_SHA_H

#include <stddef.h>

/* Hex digits of a SHA-256 plus the terminating NUL. */
#define SHA_HEX 65

/* sha256_hex: write the SHA-256 of the n bytes at data into out as 64 hex digits. */
void sha256_hex(const void *data, size_t n, char out[SHA_HEX]);

/*
 * A SHA-256 computed piece by piece, for data that streams (a file being imported):
 * sha_open() a hash (NULL when out of memory), sha_update() it with each piece, and
 * sha_close() it, which writes the 64 hex digits into out and frees it.
 */
typedef struct sha_stream sha_stream;
sha_stream *sha_open(void);
void sha_update(sha_stream *s, const void *data, size_t n);
void sha_close(sha_stream *s, char out[SHA_HEX]);

#endif

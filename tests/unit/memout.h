/*
 * memout.h: for unit tests of code that writes to a FILE *: a stream into memory, and
 * what was written as a string.  Depends on POSIX open_memstream and cmocka.
 */
#ifndef RG_TEST_MEMOUT_H
#define RG_TEST_MEMOUT_H

#include <stdio.h>
#include <stdlib.h>

/* A stream writing into memory. */
typedef struct {
	FILE *f;    /* write here between memout_open and memout_close */
	char *buf;  /* what was written, set by memout_close */
	size_t len; /* its length */
} memout;

/* memout_open: start m's stream (a failure fails the test). */
static inline void memout_open(memout *m)
{
	m->buf = NULL;
	m->len = 0;
	m->f = open_memstream(&m->buf, &m->len);
	assert_non_null(m->f);
}

/* memout_close: close m's stream and return what was written (the caller frees it). */
static inline char *memout_close(memout *m)
{
	assert_int_equal(fclose(m->f), 0);
	return m->buf;
}

#endif

/*
 * test_arena.c: engine/arena.c: aligned blocks that do not overlap, a request larger than
 * a block, strings copied (zero bytes too, across blocks, whatever is copied after them),
 * and reuse after a reset and a free.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "arena.h"

static void test_alloc(void **state)
{
	arena a = {0};
	unsigned char *p[1000];

	(void)state;
	/* 1000 blocks of 1..1000 bytes (500 KiB: several blocks), each filled with its own
	 * byte, then checked: none overlaps another. */
	for (int i = 0; i < 1000; i++) {
		p[i] = arena_alloc(&a, (size_t)i + 1);
		assert_non_null(p[i]);
		assert_int_equal((uintptr_t)p[i] % _Alignof(max_align_t), 0);
		memset(p[i], i & 0xff, (size_t)i + 1);
	}
	for (int i = 0; i < 1000; i++)
		for (int k = 0; k <= i; k++)
			assert_int_equal(p[i][k], i & 0xff);
	/* Larger than a block. */
	unsigned char *big = arena_alloc(&a, (size_t)1 << 20);
	assert_non_null(big);
	memset(big, 7, (size_t)1 << 20);
	assert_int_equal(p[999][999], 999 & 0xff);
	arena_free(&a);
	assert_null(a.head);
}

static void test_strdup_and_reset(void **state)
{
	arena a = {0};
	char *s, *t;
	void *block;

	(void)state;
	s = arena_strdup(&a, "风险点");
	assert_string_equal(s, "风险点");
	arena_reset(&a);
	/* After a reset the first block is handed out again from its start. */
	t = arena_strdup(&a, "岗位");
	assert_ptr_equal(t, s);
	assert_string_equal(t, "岗位");
	/* A reset after several blocks keeps only the first. */
	for (int i = 0; i < 100; i++)
		assert_non_null(arena_alloc(&a, 4096));
	block = a.head;
	arena_reset(&a);
	assert_ptr_not_equal(a.head, block);
	assert_ptr_equal(arena_strdup(&a, "x"), s);
	arena_free(&a);
	arena_reset(&a); /* an empty arena */
	assert_null(a.head);
}

static void test_copies_last(void **state)
{
	arena a = {0};
	char *copies[3000];
	char want[32];
	char *big;

	(void)state;
	/* 3000 copies of about 10 bytes, then one bigger than a block: all still intact. */
	for (int i = 0; i < 3000; i++) {
		snprintf(want, sizeof want, "copy %d", i);
		copies[i] = arena_copy(&a, want, strlen(want));
		assert_non_null(copies[i]);
	}
	big = malloc(200000);
	assert_non_null(big);
	memset(big, 'b', 200000);
	char *bigcopy = arena_copy(&a, big, 200000);
	assert_non_null(bigcopy);
	for (int i = 0; i < 3000; i++) {
		snprintf(want, sizeof want, "copy %d", i);
		assert_string_equal(copies[i], want);
	}
	assert_int_equal(memcmp(bigcopy, big, 200000), 0);
	assert_int_equal(bigcopy[200000], '\0');
	free(big);
	arena_free(&a);
}

static void test_zero_bytes_and_reset(void **state)
{
	arena a = {0};
	char *p;

	(void)state;
	p = arena_copy(&a, "a\0b", 3);
	assert_non_null(p);
	assert_int_equal(memcmp(p, "a\0b\0", 4), 0);
	p = arena_copy(&a, "", 0);
	assert_non_null(p);
	assert_string_equal(p, "");
	arena_reset(&a);
	p = arena_copy(&a, "after reset", 11);
	assert_string_equal(p, "after reset");
	arena_free(&a);
	arena_free(&a); /* twice is harmless */
	p = arena_copy(&a, "after free", 10);
	assert_string_equal(p, "after free");
	arena_free(&a);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_alloc),
		cmocka_unit_test(test_strdup_and_reset),
		cmocka_unit_test(test_copies_last),
		cmocka_unit_test(test_zero_bytes_and_reset),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}

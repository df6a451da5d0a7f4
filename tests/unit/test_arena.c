/*
 * test_arena.c: engine/arena.c: aligned blocks that do not overlap, a request larger than
 * a block, strings copied, and reuse after a reset.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
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

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_alloc),
		cmocka_unit_test(test_strdup_and_reset),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}

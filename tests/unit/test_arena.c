/*
 * test_arena.c: engine/arena.c: copies keep their bytes (zero bytes too) across blocks,
 * whatever is copied after them, until a reset; a reset and a free leave it usable.
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
		cmocka_unit_test(test_copies_last),
		cmocka_unit_test(test_zero_bytes_and_reset),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

/*
 * test_strmap.c: engine/strmap.c: keys found after the table has grown many times,
 * replaced values, keys that share a prefix, absent and NULL keys.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include <cmocka.h>

#include "strmap.h"

static void test_grow_and_find(void **state)
{
	static int values[5000];
	strmap *m = strmap_new();
	char key[32];

	(void)state;
	assert_non_null(m);
	for (int i = 0; i < 5000; i++) {
		snprintf(key, sizeof key, "P%07d", i);
		assert_true(strmap_put(m, key, &values[i]));
	}
	assert_int_equal(strmap_count(m), 5000);
	for (int i = 0; i < 5000; i++) {
		snprintf(key, sizeof key, "P%07d", i);
		assert_ptr_equal(strmap_get(m, key), &values[i]);
	}
	assert_null(strmap_get(m, "P0005000"));
	assert_null(strmap_get(m, "P000000"));  /* a prefix of a key */
	assert_null(strmap_get(m, "P00000000")); /* a key and more */
	assert_null(strmap_get(m, ""));
	assert_null(strmap_get(m, NULL));
	strmap_free(m);
}

static void test_replace(void **state)
{
	strmap *m = strmap_new();
	int a, b;
	char key[] = "科室1";

	(void)state;
	assert_true(strmap_put(m, key, &a));
	key[0] = 'x'; /* the map keeps its own copy */
	assert_ptr_equal(strmap_get(m, "科室1"), &a);
	assert_true(strmap_put(m, "科室1", &b));
	assert_ptr_equal(strmap_get(m, "科室1"), &b);
	assert_int_equal(strmap_count(m), 1);
	assert_true(strmap_put(m, "", &a));
	assert_ptr_equal(strmap_get(m, ""), &a);
	strmap_free(m);
	strmap_free(NULL);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_grow_and_find),
		cmocka_unit_test(test_replace),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}

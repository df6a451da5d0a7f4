/*
 * test_status.c: unit tests of engine/status.c: err_set, err_wrap (context before the
 * original message, status kept, truncation), and the exit code of every status.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <string.h>

#include "status.h"

static void test_err_set(void **state)
{
	rg_err e = {{0}};

	(void)state;
	assert_int_equal(err_set(&e, RG_INPUT, "%s:%d: bad", "a.csv", 17), RG_INPUT);
	assert_string_equal(e.msg, "a.csv:17: bad");
	assert_int_equal(err_set(NULL, RG_DB, "dropped"), RG_DB);
}

/* The status given is returned whatever the wrapped failure was: the caller passes the
 * status it got, and a storage failure stays one. */
static void test_err_wrap_keeps_status_and_message(void **state)
{
	rg_err e = {{0}};

	(void)state;
	err_set(&e, RG_DB, "disk I/O error");
	assert_int_equal(err_wrap(&e, RG_DB, "point %s: cannot store the %s", "FX-1", "flag"),
			 RG_DB);
	assert_string_equal(e.msg, "point FX-1: cannot store the flag: disk I/O error");
	assert_int_equal(err_wrap(NULL, RG_RULE, "x"), RG_RULE);
}

/* A context as long as the buffer leaves no room for the original: no overflow, and the
 * message stays a terminated string of at most the buffer's size. */
static void test_err_wrap_truncates(void **state)
{
	rg_err e = {{0}};
	char big[3000];

	(void)state;
	memset(big, 'x', sizeof big - 1);
	big[sizeof big - 1] = '\0';
	err_set(&e, RG_IO, "original");
	err_wrap(&e, RG_IO, "%s", big);
	assert_int_equal(strlen(e.msg), sizeof e.msg - 1);
	assert_null(strstr(e.msg, "original"));
}

/* A message too long for the buffer is cut after a whole character, never inside one: 700
 * times 错 (3 bytes each) leave room for 682 of them in 2,047 bytes, and the 683rd's
 * first byte; wrapped, the original's characters that fit after the context are whole. */
static void test_cut_whole_characters(void **state)
{
	rg_err e = {{0}};
	char big[700 * 3 + 1] = "";

	(void)state;
	for (int i = 0; i < 700; i++)
		strcat(big, "错");
	err_set(&e, RG_IO, "%s", big);
	assert_int_equal(strlen(e.msg), 682 * 3);
	assert_memory_equal(e.msg, big, 682 * 3);
	/* Wrapped in "abc: " (5 bytes), the original has 2,042 bytes left: room for 680 whole
	 * characters and 2 bytes of the next. */
	err_set(&e, RG_IO, "%s", big);
	err_wrap(&e, RG_IO, "abc");
	assert_int_equal(strlen(e.msg), 5 + 680 * 3);
	assert_memory_equal(e.msg + 5, big, 680 * 3);
}

/* The exit codes README.md documents. */
static void test_exit_codes(void **state)
{
	static const struct {
		rg_status st;
		int code;
	} table[] = {
		{RG_OK, 0}, {RG_FAILED, 1}, {RG_USAGE, 2}, {RG_INPUT, 3},
		{RG_DB, 4}, {RG_RULE, 5},   {RG_IO, 6},
	};

	(void)state;
	for (size_t i = 0; i < sizeof table / sizeof table[0]; i++)
		assert_int_equal(status_exit_code(table[i].st), table[i].code);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_err_set),
		cmocka_unit_test(test_err_wrap_keeps_status_and_message),
		cmocka_unit_test(test_err_wrap_truncates),
		cmocka_unit_test(test_cut_whole_characters),
		cmocka_unit_test(test_exit_codes),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

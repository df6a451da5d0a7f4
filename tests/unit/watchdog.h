/*
 * watchdog.h: the seconds a unit test's watchdog alarm allows, scaled for slow runs: a
 * test that hangs fails instead of hanging the suite, and under valgrind (make valgrind
 * sets RISKGRADE_SLOWDOWN, a whole factor) a slow but finishing test is not cut short.
 */
#ifndef RG_TEST_WATCHDOG_H
#define RG_TEST_WATCHDOG_H

#include <stdlib.h>

static inline unsigned watchdog_seconds(unsigned seconds)
{
	const char *s = getenv("RISKGRADE_SLOWDOWN");
	long factor = s != NULL ? strtol(s, NULL, 10) : 1;

	return seconds * (unsigned)(factor >= 1 && factor <= 100 ? factor : 1);
}

#endif

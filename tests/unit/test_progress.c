/*
 * test_progress.c: unit tests of engine/progress.c.  Standard error is pointed at a
 * file (not a terminal: nothing may be written) or at a pseudo-terminal whose other end
 * the test reads (the bar, exactly, then its erasure).  The only waits are sleeps
 * longer than the 100 ms between redraws, which can only make a redraw due, never
 * early; the throttle is checked against the time the loop really took.
 * Depends on cmocka and progress.h.
 */
#define _XOPEN_SOURCE 700 /* posix_openpt, grantpt, unlockpt, ptsname */
#define _DEFAULT_SOURCE    /* cfmakeraw */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <fcntl.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>

#include "progress.h"

/* The bar of label at done of total, as progress.c draws it, built here by hand. */
#define BAR_50 "\rimporting points [###############...............]  50%"
#define ERASE "\r\033[K"

static void sleep_ms(long ms)
{
	struct timespec ts = {ms / 1000, (ms % 1000) * 1000000L};

	while (nanosleep(&ts, &ts) != 0)
		;
}

static double now_s(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* Standard error goes to fd until restore(saved). */
static int redirect(int fd)
{
	int saved = dup(STDERR_FILENO);

	assert_true(saved >= 0);
	fflush(stderr);
	assert_true(dup2(fd, STDERR_FILENO) >= 0);
	return saved;
}

static void restore(int saved)
{
	fflush(stderr);
	assert_true(dup2(saved, STDERR_FILENO) >= 0);
	close(saved);
}

/* What the terminal received so far (up to n - 1 bytes), NUL-terminated. */
static size_t drain(int master, char *buf, size_t n)
{
	size_t used = 0;
	struct pollfd p = {master, POLLIN, 0};

	while (used + 1 < n && poll(&p, 1, 200) > 0 && (p.revents & POLLIN)) {
		ssize_t got = read(master, buf + used, n - 1 - used);
		if (got <= 0)
			break;
		used += (size_t)got;
	}
	buf[used] = '\0';
	return used;
}

/* A pseudo-terminal in raw mode (no output processing); *slave gets its other end. */
static int open_pty(int *slave)
{
	int master = posix_openpt(O_RDWR | O_NOCTTY);
	struct termios t;

	assert_true(master >= 0);
	assert_int_equal(grantpt(master), 0);
	assert_int_equal(unlockpt(master), 0);
	*slave = open(ptsname(master), O_RDWR | O_NOCTTY);
	assert_true(*slave >= 0);
	assert_int_equal(tcgetattr(*slave, &t), 0);
	cfmakeraw(&t);
	assert_int_equal(tcsetattr(*slave, TCSANOW, &t), 0);
	return master;
}

/* Not a terminal: not one byte, however long the work takes. */
static void test_not_a_terminal(void **state)
{
	FILE *f = tmpfile();
	int saved;

	(void)state;
	assert_non_null(f);
	saved = redirect(fileno(f));
	progress_start(100, "importing points");
	progress_tick(10);
	sleep_ms(150);
	progress_set(50);
	progress_clear();
	progress_tick(1);
	progress_end();
	restore(saved);
	assert_int_equal(fseek(f, 0, SEEK_END), 0);
	assert_int_equal(ftell(f), 0);
	fclose(f);
}

/* A terminal: nothing in the first 100 ms, then the bar, then its erasure. */
static void test_terminal(void **state)
{
	int slave, master = open_pty(&slave), saved;
	char buf[4096];
	size_t n;

	(void)state;
	saved = redirect(slave);
	progress_start(200, "importing points");
	sleep_ms(150);
	progress_set(100);
	progress_end();
	progress_end(); /* a second end erases nothing more */
	restore(saved);
	n = drain(master, buf, sizeof buf);
	assert_string_equal(buf, BAR_50 ERASE);
	assert_int_equal(n, strlen(BAR_50 ERASE));
	close(slave);
	close(master);
}

/* An open count, progress_clear (the bar comes back at the next redraw), and a new
 * bar ending the previous one. */
static void test_count_and_clear(void **state)
{
	int slave, master = open_pty(&slave), saved;
	char buf[4096];

	(void)state;
	saved = redirect(slave);
	progress_start(-1, "grading");
	sleep_ms(150);
	progress_tick(7);
	progress_clear();
	fputs("riskgrade: a report\n", stderr);
	sleep_ms(150);
	progress_tick(5);
	progress_start(10, "x"); /* ends "grading": erases it */
	progress_end();          /* x was never drawn: nothing */
	restore(saved);
	drain(master, buf, sizeof buf);
	assert_string_equal(buf, "\rgrading 7" ERASE "riskgrade: a report\n"
				 "\rgrading 12" ERASE);
	close(slave);
	close(master);
}

/* Many ticks redraw at least once, and at most once per 100 ms of the time they took. */
static void test_throttle(void **state)
{
	int slave, master = open_pty(&slave), saved;
	static char buf[1 << 20];
	double t0, t1;
	long draws = 0;

	(void)state;
	saved = redirect(slave);
	progress_start(-1, "importing points");
	t0 = now_s();
	do { /* ticks for 350 ms at least: 3 redraws are due, 4 at most allowed */
		for (int i = 0; i < 1000; i++)
			progress_tick(1);
		t1 = now_s();
	} while (t1 - t0 < 0.35);
	progress_end();
	restore(saved);
	drain(master, buf, sizeof buf);
	for (const char *p = buf; (p = strchr(p, '\r')) != NULL; p++)
		draws++;
	if (draws > 0) {
		size_t n = strlen(buf);
		assert_true(n >= strlen(ERASE));
		assert_string_equal(buf + n - strlen(ERASE), ERASE);
		draws--; /* the erasure */
	}
	if (draws < 1 || draws > (long)((t1 - t0) / 0.1) + 1)
		fail_msg("%ld redraws in %.3f s", draws, t1 - t0);
	close(slave);
	close(master);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_not_a_terminal),
		cmocka_unit_test(test_terminal),
		cmocka_unit_test(test_count_and_clear),
		cmocka_unit_test(test_throttle),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

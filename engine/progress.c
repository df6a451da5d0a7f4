/*
 * progress.c: the progress bar.  Its state is one static struct (there is one standard
 * error); time comes from CLOCK_MONOTONIC so a clock change cannot stall or flood it.
 * Depends on the C library (isatty, clock_gettime) and i18n.h.
 */
#include "progress.h"

#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "i18n.h"

#define BAR_WIDTH 30          /* characters of the bar itself */
#define REDRAW_NS 100000000LL /* at most ten redraws a second */

/* The bar being shown. */
static struct {
	bool active;        /* a bar was started and standard error is a terminal */
	bool drawn;         /* something is on the line that progress_end must erase */
	long long total;    /* units of work, or < 0 when unknown */
	long long done;     /* units done */
	long long next_ns;  /* monotonic time before which no redraw happens */
	char label[128];    /* what is being done */
} bar;

static long long now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

static void draw(void)
{
	if (bar.total > 0) {
		long long done = bar.done < bar.total ? bar.done : bar.total;
		int filled = (int)(done * BAR_WIDTH / bar.total);
		char cells[BAR_WIDTH + 1];
		memset(cells, '#', (size_t)filled);
		memset(cells + filled, '.', (size_t)(BAR_WIDTH - filled));
		cells[BAR_WIDTH] = '\0';
		fprintf(stderr, "\r%s [%s] %3d%%", bar.label, cells, (int)(done * 100 / bar.total));
	} else {
		fprintf(stderr, "\r%s %lld", bar.label, bar.done);
	}
	fflush(stderr);
	bar.drawn = true;
}

static void maybe_draw(void)
{
	long long t;

	if (!bar.active)
		return;
	t = now_ns();
	if (t < bar.next_ns)
		return;
	bar.next_ns = t + REDRAW_NS;
	draw();
}

void progress_start(long long total, const char *label)
{
	progress_end();
	bar.active = isatty(STDERR_FILENO) == 1;
	bar.drawn = false;
	bar.total = total;
	bar.done = 0;
	bar.next_ns = bar.active ? now_ns() + REDRAW_NS : 0; /* quick work shows nothing */
	snprintf(bar.label, sizeof bar.label, "%s", _(label));
}

void progress_tick(long long n)
{
	if (!bar.active)
		return;
	bar.done += n;
	maybe_draw();
}

void progress_set(long long done)
{
	if (!bar.active)
		return;
	bar.done = done;
	maybe_draw();
}

void progress_clear(void)
{
	if (!bar.drawn)
		return;
	fputs("\r\033[K", stderr); /* back to the start of the line, erase to its end */
	fflush(stderr);
	bar.drawn = false;
}

void progress_end(void)
{
	progress_clear();
	bar.active = false;
}

/*
 * progress.h: one progress bar on standard error for long loops (importing a large file,
 * grading many points), drawn only when standard error is a terminal, at most ten times
 * a second, and erased at the end, so pipes, logs and tests see nothing of it.
 * Depends on the C library and i18n.h.
 */
#ifndef RG_PROGRESS_H
#define RG_PROGRESS_H

/*
 * progress_start: begin a bar labelled label (copied) for total units of work, or an
 * open count when total < 0.  The label is translated here, so a literal one is in the
 * user's language without a _() (the catalog takes it from the call, as err_set's
 * format); one already translated stays as it is.  Nothing is ever drawn unless standard
 * error is a terminal, and nothing before 100 ms have passed, so quick work shows no bar
 * at all.  One bar at a time: starting a new one ends the previous one.
 */
void progress_start(long long total, const char *label);

/* progress_tick: n more units done.  Cheap: it redraws only when 100 ms have passed. */
void progress_tick(long long n);

/* progress_set: done units done in all (e.g. the bytes of a file read so far). */
void progress_set(long long done);

/* progress_clear: erase the bar now, before something else is printed on standard
 * error; it is drawn again at the next redraw.  Does nothing when no bar is shown. */
void progress_clear(void);

/* progress_end: erase the bar, leaving the cursor at the start of an empty line, before
 * anything else is printed.  Does nothing when no bar was drawn. */
void progress_end(void);

#endif

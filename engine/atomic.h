/*
 * atomic.h: writing an output file whole or not at all: a temporary file beside the
 * target, every write checked and synced, then renamed over the target.  Shared by what
 * writes files: the output layer (every list written with -o) and the report.  Functions
 * return 0 or an errno value, so each caller words its own message.  Depends on the C
 * library and POSIX only.
 */
#ifndef RG_ATOMIC_H
#define RG_ATOMIC_H

#include <stdbool.h>
#include <stdio.h>

/* A file being written.  Zero-initialise it; atomic_abort() is safe at any point. */
typedef struct {
	const char *path; /* the target the user named */
	char *tmp;        /* path.XXXXXX (malloc'd); NULL when there is nothing to remove */
	FILE *f;          /* the stream on tmp; NULL when the caller writes tmp by name */
} atomic_file;

/*
 * atomic_begin: create the temporary file of path, in path's folder so that the rename
 * is atomic, with the mode of path if it is a regular file, else the one a new file gets
 * (0666 less the umask).  When stream is true it is opened as a->f; otherwise the caller
 * writes a->tmp by name.  Returns 0, or an errno value with nothing left behind.
 */
int atomic_begin(atomic_file *a, const char *path, bool stream);

/*
 * atomic_sync: flush, fsync and close a->f (for a file written by name: fsync a->tmp).
 * a->f is closed whatever happens.  Returns 0, or an errno value (EIO when the stream's
 * error flag is set without one), after which atomic_abort() removes the file.
 */
int atomic_sync(atomic_file *a);

/*
 * atomic_rename: rename the synced temporary file over a->path, then sync the folder so
 * the rename lasts (a failure there is ignored: the file is complete either way).
 * Returns 0, or an errno value, after which atomic_abort() removes the file.
 */
int atomic_rename(atomic_file *a);

/* atomic_abort: close and remove what is left of the temporary file and free its name;
 * a no-op after a successful atomic_rename(), so it can close every path. */
void atomic_abort(atomic_file *a);

#endif

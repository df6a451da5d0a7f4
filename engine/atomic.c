/*
 * atomic.c: the temporary file, fsync and rename behind every output file (atomic.h).
 * Depends on the C library and POSIX only.
 */
#include "atomic.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

int atomic_begin(atomic_file *a, const char *path, bool stream)
{
	struct stat sb;
	mode_t mode;
	int fd, err = 0;

	a->path = path;
	a->f = NULL;
	if (stat(path, &sb) == 0 && S_ISREG(sb.st_mode)) {
		mode = sb.st_mode & 0777;
	} else {
		mode = umask(0);
		umask(mode);
		mode = 0666 & ~mode;
	}
	if ((a->tmp = malloc(strlen(path) + sizeof ".XXXXXX")) == NULL)
		return ENOMEM;
	sprintf(a->tmp, "%s.XXXXXX", path);
	if ((fd = mkstemp(a->tmp)) < 0) {
		err = errno;
		free(a->tmp);
		a->tmp = NULL; /* nothing to remove */
		return err;
	}
	if (fchmod(fd, mode) != 0 || (stream && (a->f = fdopen(fd, "wb")) == NULL)) {
		err = errno;
		close(fd);
		atomic_abort(a);
		return err;
	}
	if (!stream)
		close(fd);
	return 0;
}

int atomic_sync(atomic_file *a)
{
	FILE *f = a->f;
	int fd, err = 0;

	if (f == NULL) { /* written by name */
		if ((fd = open(a->tmp, O_RDONLY)) < 0)
			return errno;
		if (fsync(fd) != 0)
			err = errno;
		close(fd);
		return err;
	}
	a->f = NULL; /* closed here, whatever happens */
	if (fflush(f) != 0 || ferror(f))
		err = errno ? errno : EIO;
	else if (fsync(fileno(f)) != 0)
		err = errno;
	if (fclose(f) != 0 && err == 0)
		err = errno ? errno : EIO;
	return err;
}

int atomic_rename(atomic_file *a)
{
	if (rename(a->tmp, a->path) != 0)
		return errno;
	free(a->tmp);
	a->tmp = NULL; /* renamed: nothing left to remove */

	/* make the rename itself durable */
	const char *slash = strrchr(a->path, '/');
	char *dir = slash == NULL ? strdup(".")
		    : strndup(a->path, slash == a->path ? 1 : (size_t)(slash - a->path));
	int fd = dir != NULL ? open(dir, O_RDONLY) : -1;
	if (fd >= 0) {
		fsync(fd);
		close(fd);
	}
	free(dir);
	return 0;
}

void atomic_abort(atomic_file *a)
{
	if (a->f != NULL)
		fclose(a->f);
	a->f = NULL;
	if (a->tmp != NULL) {
		unlink(a->tmp);
		free(a->tmp);
		a->tmp = NULL;
	}
}

/*
 * sheet_xls.c: the sheets of an .xls workbook (Excel 97-2003, BIFF in an OLE2 compound
 * file) read with FreeXL, which converts the text to UTF-8 and date cells to
 * 'YYYY-MM-DD'.  FreeXL is run in a child process, which sends the sheet's rows back
 * through a pipe: a damaged or crafted file that makes it misbehave (it reads past its
 * buffers on some broken string records) or run on ends that child, within a CPU
 * limit, and is reported, never the import.  FreeXL reads files by name only: a workbook
 * given in memory (standard input) is written to a temporary file first, removed as soon
 * as it is open.
 * Depends on FreeXL, POSIX (fork, pipe), sheet_impl.h, status.h and i18n.h.
 */
#include "sheet_impl.h"

#include <errno.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <freexl.h>

#include "i18n.h"

/* The CPU seconds the child may take to read a workbook (at most 100 MiB). */
#define CHILD_CPU 60

/*
 * What the child sends, each record a byte then its fields (native byte order: the
 * pipe does not leave the machine):
 *   'S' u8 date1904, u32 n, n bytes    the sheet chosen: its date system and name
 *   'R' u32 row                        a row begins (1-based)
 *   'C' u32 col, u32 n, n bytes        a cell of it with text
 *   'Z'                                the end of the sheet
 *   'E' u32 n, n bytes                 a failure, as a message (RG_INPUT); the end
 */

/* The parent's reader. */
typedef struct {
	pid_t pid;           /* the child reading the workbook, or 0 once reaped */
	FILE *in;            /* the read end of its pipe, or NULL */
	char *cell;          /* a cell's text as it arrives */
	size_t cap;          /* bytes allocated there */
	bool row_open;       /* a row has begun and its next record is not read yet */
	long next_row;       /* the row of an 'R' read ahead, which the next call begins */
	bool ended;          /* 'Z' was read */
} xls;

/* ---- the child: FreeXL ------------------------------------------------------------- */

/* What a FreeXL error means, for messages, in the user's language. */
static const char *why(int rc)
{
	switch (rc) {
	case FREEXL_INSUFFICIENT_MEMORY: return _("out of memory");
	case FREEXL_BIFF_WORKBOOK_NOT_FOUND:
		return _("no Excel workbook inside (a password-protected .xlsx is such a file: "
			 "save it without a password)");
	case FREEXL_CRAFTED_FILE: return _("the file is damaged or crafted");
	case FREEXL_UNSUPPORTED_CHARSET: return _("its code page is not supported");
	case FREEXL_INVALID_CHARACTER: return _("text that cannot be converted to Unicode");
	default: return _("not a readable .xls workbook (damaged?)");
	}
}

/* Write the n bytes at p to out; a failure is seen by the parent as a cut stream. */
static void put(FILE *out, const void *p, size_t n)
{
	fwrite(p, 1, n, out);
}

static void put_u32(FILE *out, uint32_t v)
{
	put(out, &v, sizeof v);
}

/* Send a failure and end the child. */
_Noreturn static void child_fail(FILE *out, const rg_err *e)
{
	size_t n = strlen(e->msg);

	put(out, "E", 1);
	put_u32(out, (uint32_t)n);
	put(out, e->msg, n);
	fflush(out);
	_exit(0);
}

/* Open the workbook with FreeXL, from its file or a temporary copy of the bytes. */
static rg_status open_book(const sheet *s, const void **h, rg_err *e)
{
	char tmp[512];
	const char *dir = getenv("TMPDIR");
	int fd, rc;
	size_t off = 0;

	if (s->path != NULL) {
		if ((rc = freexl_open(s->path, h)) != FREEXL_OK)
			return err_set(e, RG_INPUT, "%s: %s", s->file, why(rc));
		return RG_OK;
	}
	snprintf(tmp, sizeof tmp, "%s/riskgrade-xls-XXXXXX", dir != NULL && *dir ? dir : "/tmp");
	if ((fd = mkstemp(tmp)) < 0)
		return err_set(e, RG_IO, "%s: cannot make a temporary file %s: %s", s->file, tmp,
			       strerror(errno));
	while (off < s->size) {
		ssize_t n = write(fd, s->data + off, s->size - off);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0) {
			rg_status st = err_set(e, RG_IO, "%s: cannot write %s: %s", s->file, tmp,
					       strerror(errno));
			close(fd);
			unlink(tmp);
			return st;
		}
		off += (size_t)n;
	}
	close(fd);
	rc = freexl_open(tmp, h);
	unlink(tmp);
	if (rc != FREEXL_OK)
		return err_set(e, RG_INPUT, "%s: %s", s->file, why(rc));
	return RG_OK;
}

/* Choose the sheet wanted (or the first) and send its name and date system; its size
 * into *rows, *cols. */
static rg_status choose(const sheet *s, const void *h, FILE *out, unsigned *rows,
			unsigned short *cols, rg_err *e)
{
	unsigned count = 0, mode = 0, password = 0;
	char names[1024] = "";
	const char *chosen = NULL;
	size_t used = 0;
	unsigned index = 0;

	if (freexl_get_info(h, FREEXL_BIFF_PASSWORD, &password) == FREEXL_OK &&
	    password == FREEXL_BIFF_OBFUSCATED)
		return err_set(e, RG_INPUT, "%s: the workbook is password-protected: save it "
			       "without a password", s->file);
	if (freexl_get_info(h, FREEXL_BIFF_SHEET_COUNT, &count) != FREEXL_OK || count == 0)
		return err_set(e, RG_INPUT, "%s: the workbook has no sheet", s->file);
	for (unsigned i = 0; i < count; i++) {
		const char *name = NULL;
		if (freexl_get_worksheet_name(h, (unsigned short)i, &name) != FREEXL_OK ||
		    name == NULL)
			return err_set(e, RG_INPUT, "%s: sheet %u has no readable name", s->file,
				       i + 1);
		if (used + 1 < sizeof names)
			used += (size_t)snprintf(names + used, sizeof names - used, "%s%s",
						 i ? ", " : "", name);
		if (chosen == NULL && (s->want == NULL || strcmp(s->want, name) == 0)) {
			chosen = name;
			index = i;
		}
	}
	if (chosen == NULL)
		return sheet_no_such(s, names, e);
	put(out, "S", 1);
	put(out, (unsigned char[]){freexl_get_info(h, FREEXL_BIFF_DATEMODE, &mode) ==
				   FREEXL_OK && mode == FREEXL_BIFF_DATEMODE_1904}, 1);
	put_u32(out, (uint32_t)strlen(chosen));
	put(out, chosen, strlen(chosen));
	if (freexl_select_active_worksheet(h, (unsigned short)index) != FREEXL_OK ||
	    freexl_worksheet_dimensions(h, rows, cols) != FREEXL_OK)
		return err_set(e, RG_INPUT, "%s: sheet \"%s\" cannot be read (damaged?)", s->file,
			       chosen);
	return RG_OK;
}

/* The text of one cell: a number as the shortest that reads back the same, text as it
 * is, a date as 'YYYY-MM-DD'. */
static const char *cell_text(const FreeXL_CellValue *v, char *num, size_t n)
{
	switch (v->type) {
	case FREEXL_CELL_INT:
		snprintf(num, n, "%d", v->value.int_value);
		return num;
	case FREEXL_CELL_DOUBLE:
		snprintf(num, n, "%.15g", v->value.double_value);
		return num;
	case FREEXL_CELL_TEXT:
	case FREEXL_CELL_SST_TEXT:
	case FREEXL_CELL_DATE:
	case FREEXL_CELL_DATETIME:
	case FREEXL_CELL_TIME:
		return v->value.text_value != NULL ? v->value.text_value : "";
	default:
		return "";
	}
}

/* The child: read the workbook with FreeXL and send its sheet's rows on out. */
_Noreturn static void child(const sheet *s, FILE *out)
{
	struct rlimit cpu = {CHILD_CPU, CHILD_CPU};
	const void *h = NULL;
	unsigned rows = 0;
	unsigned short cols = 0;
	rg_err e;

	setrlimit(RLIMIT_CPU, &cpu);
	if (open_book(s, &h, &e) != RG_OK || choose(s, h, out, &rows, &cols, &e) != RG_OK)
		child_fail(out, &e);
	for (unsigned r = 0; r < rows; r++) {
		put(out, "R", 1);
		put_u32(out, r + 1);
		for (unsigned short c = 0; c < cols; c++) {
			FreeXL_CellValue v;
			char num[64], ref[96];
			const char *t;
			size_t n;
			if (freexl_get_cell_value(h, r, c, &v) != FREEXL_OK) {
				err_set(&e, RG_INPUT, "%s:%s: the cell cannot be read (damaged?)",
					s->file, sheet_ref(s, c, (long)r + 1, ref, sizeof ref));
				child_fail(out, &e);
			}
			t = cell_text(&v, num, sizeof num);
			if ((n = strlen(t)) == 0)
				continue;
			put(out, "C", 1);
			put_u32(out, c);
			put_u32(out, (uint32_t)(n < UINT32_MAX ? n : UINT32_MAX));
			put(out, t, n);
		}
	}
	put(out, "Z", 1);
	fflush(out);
	_exit(0);
}

/* ---- the parent: the rows as they come --------------------------------------------- */

/* Reap the child; RG_INPUT saying how it ended when it did not end well, else RG_OK. */
static rg_status reap(sheet *s, xls *x, rg_err *e)
{
	int status = 0;
	pid_t pid = x->pid;

	if (pid == 0)
		return RG_OK;
	x->pid = 0;
	while (waitpid(pid, &status, 0) < 0)
		if (errno != EINTR)
			return err_set(e, RG_IO, "%s: waiting for the reader of the .xls: %s",
				       s->file, strerror(errno));
	if (WIFSIGNALED(status) && WTERMSIG(status) == SIGXCPU)
		return err_set(e, RG_INPUT, "%s: reading the .xls took more than %d s of CPU "
			       "(damaged or crafted?)", s->file, CHILD_CPU);
	if (WIFSIGNALED(status))
		return err_set(e, RG_INPUT, "%s: the .xls reader (FreeXL) failed on this file "
			       "(signal %d): the file is damaged or crafted", s->file,
			       WTERMSIG(status));
	if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
		return err_set(e, RG_INPUT, "%s: the .xls reader (FreeXL) failed on this file "
			       "(exit %d): the file is damaged or crafted", s->file,
			       WEXITSTATUS(status));
	return RG_OK;
}

/* The stream from the child ended where it should not: say why. */
static rg_status cut(sheet *s, xls *x, rg_err *e)
{
	rg_status st = reap(s, x, e);

	return st != RG_OK ? st : err_set(e, RG_INPUT, "%s: the .xls reader (FreeXL) stopped "
					  "before the end of the sheet", s->file);
}

static bool get(xls *x, void *p, size_t n)
{
	return fread(p, 1, n, x->in) == n;
}

static bool get_u32(xls *x, uint32_t *v)
{
	return get(x, v, sizeof *v);
}

/* Read n bytes (at most limit) of text into x->cell, NUL-terminated. */
static rg_status get_text(sheet *s, xls *x, uint32_t n, size_t limit, rg_err *e)
{
	if (n > limit)
		return err_set(e, RG_INPUT, "%s: %lu bytes of text: expected at most %zu", s->file,
			       (unsigned long)n, limit);
	if (n + 1 > x->cap) {
		char *p = realloc(x->cell, n + 1);
		if (p == NULL)
			return err_set(e, RG_IO, "%s: out of memory", s->file);
		x->cell = p;
		x->cap = n + 1;
	}
	if (!get(x, x->cell, n))
		return cut(s, x, e);
	x->cell[n] = '\0';
	return RG_OK;
}

/* A failure the child sent: its message, and the child reaped. */
static rg_status child_failed(sheet *s, xls *x, rg_err *e)
{
	uint32_t n;
	rg_status st;
	rg_err ignored;

	if (!get_u32(x, &n))
		return cut(s, x, e);
	if ((st = get_text(s, x, n, sizeof e->msg - 1, e)) != RG_OK)
		return st;
	reap(s, x, &ignored);
	return err_set(e, RG_INPUT, "%s", x->cell);
}

static rg_status next_row(sheet *s, bool *more, rg_err *e)
{
	xls *x = s->impl;
	rg_status st;
	int kind;

	*more = false;
	if (x->ended)
		return RG_OK;
	if (x->row_open)
		sheet_begin_row(s, x->next_row);
	for (;;) {
		uint32_t v, col, n;
		if ((kind = getc(x->in)) == EOF)
			return cut(s, x, e);
		if (kind == 'E')
			return child_failed(s, x, e);
		if (kind == 'Z' || kind == 'R') {
			bool had = x->row_open;
			if (kind == 'Z') {
				x->ended = true;
				x->row_open = false;
				if ((st = reap(s, x, e)) != RG_OK)
					return st;
			} else {
				if (!get_u32(x, &v))
					return cut(s, x, e);
				x->next_row = (long)v;
				x->row_open = true;
				if (!had)
					sheet_begin_row(s, x->next_row);
			}
			if (had || kind == 'Z') {
				*more = had;
				return RG_OK;
			}
			continue;
		}
		if (kind != 'C' || !x->row_open || !get_u32(x, &col) || !get_u32(x, &n))
			return cut(s, x, e);
		if (n > s->lim.cell) {
			char ref[96];
			return err_set(e, RG_INPUT, "%s:%s: %lu bytes of text: expected at most %zu",
				       s->file, sheet_ref(s, col, s->row, ref, sizeof ref),
				       (unsigned long)n, s->lim.cell);
		}
		if ((st = get_text(s, x, n, s->lim.cell, e)) != RG_OK ||
		    (st = sheet_put(s, col, x->cell, n, e)) != RG_OK)
			return st;
	}
}

static void done(void *impl)
{
	xls *x = impl;

	if (x == NULL)
		return;
	if (x->in != NULL)
		fclose(x->in); /* a child still writing gets SIGPIPE and ends */
	if (x->pid != 0) {
		kill(x->pid, SIGKILL);
		while (waitpid(x->pid, NULL, 0) < 0 && errno == EINTR)
			;
	}
	free(x->cell);
	free(x);
}

rg_status sheet_xls_open(sheet *s, rg_err *e)
{
	xls *x = calloc(1, sizeof *x);
	int fds[2];
	int kind;
	uint32_t n;
	unsigned char date1904;
	rg_status st;

	if (x == NULL)
		return err_set(e, RG_IO, "%s: out of memory", s->file);
	s->impl = x;
	s->done = done;
	s->next = next_row;
	if (pipe(fds) != 0)
		return err_set(e, RG_IO, "%s: cannot make a pipe: %s", s->file, strerror(errno));
	fflush(NULL); /* nothing buffered is written twice, by the child too */
	if ((x->pid = fork()) < 0) {
		x->pid = 0;
		close(fds[0]);
		close(fds[1]);
		return err_set(e, RG_IO, "%s: cannot start the .xls reader: %s", s->file,
			       strerror(errno));
	}
	if (x->pid == 0) {
		FILE *out;
		close(fds[0]);
		if ((out = fdopen(fds[1], "wb")) == NULL)
			_exit(1);
		child(s, out);
	}
	close(fds[1]);
	if ((x->in = fdopen(fds[0], "rb")) == NULL) {
		close(fds[0]);
		return err_set(e, RG_IO, "%s: out of memory", s->file);
	}
	/* The first record: the sheet chosen, or why none was. */
	if ((kind = getc(x->in)) == 'E')
		return child_failed(s, x, e);
	if (kind != 'S' || !get(x, &date1904, 1) || !get_u32(x, &n))
		return cut(s, x, e);
	if ((st = get_text(s, x, n, 4096, e)) != RG_OK)
		return st;
	s->date1904 = date1904 != 0;
	if ((s->name = strdup(x->cell)) == NULL)
		return err_set(e, RG_IO, "%s: out of memory", s->file);
	return RG_OK;
}

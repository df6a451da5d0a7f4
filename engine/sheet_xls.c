/*
 * sheet_xls.c: the sheets of an .xls workbook (Excel 97-2003, BIFF in an OLE2 compound
 * file) read with FreeXL, which converts the text to UTF-8 and date cells to
 * 'YYYY-MM-DD'.  FreeXL reads files by name only: a workbook given in memory (standard
 * input) is written to a temporary file first, removed as soon as it is open.
 * Depends on FreeXL, sheet_impl.h and status.h.
 */
#include "sheet_impl.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <freexl.h>

/* The reader. */
typedef struct {
	const void *h;       /* FreeXL's handle */
	unsigned rows;       /* rows of the sheet */
	unsigned short cols; /* columns */
	unsigned next;       /* the next row to read (0-based) */
} xls;

/* What a FreeXL error means, for messages. */
static const char *why(int rc)
{
	switch (rc) {
	case FREEXL_INSUFFICIENT_MEMORY: return "out of memory";
	case FREEXL_BIFF_WORKBOOK_NOT_FOUND:
		return "no Excel workbook inside (a password-protected .xlsx is such a file: "
		       "save it without a password)";
	case FREEXL_CRAFTED_FILE: return "the file is damaged or crafted";
	case FREEXL_UNSUPPORTED_CHARSET: return "its code page is not supported";
	case FREEXL_INVALID_CHARACTER: return "text that cannot be converted to Unicode";
	default: return "not a readable .xls workbook (damaged?)";
	}
}

/* Open the workbook with FreeXL, from its file or a temporary copy of the bytes. */
static rg_status open_book(sheet *s, xls *x, rg_err *e)
{
	char tmp[512];
	const char *dir = getenv("TMPDIR");
	int fd, rc;
	size_t off = 0;

	if (s->path != NULL) {
		if ((rc = freexl_open(s->path, &x->h)) != FREEXL_OK) {
			x->h = NULL;
			return err_set(e, RG_INPUT, "%s: %s", s->file, why(rc));
		}
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
	rc = freexl_open(tmp, &x->h);
	unlink(tmp);
	if (rc != FREEXL_OK) {
		x->h = NULL;
		return err_set(e, RG_INPUT, "%s: %s", s->file, why(rc));
	}
	return RG_OK;
}

/* Choose the sheet wanted (or the first), its name and the workbook's date system. */
static rg_status choose(sheet *s, xls *x, rg_err *e)
{
	unsigned count = 0, mode = 0, password = 0;
	char names[1024] = "";
	size_t used = 0;
	int chosen = -1;

	if (freexl_get_info(x->h, FREEXL_BIFF_PASSWORD, &password) == FREEXL_OK &&
	    password == FREEXL_BIFF_OBFUSCATED)
		return err_set(e, RG_INPUT, "%s: the workbook is password-protected: save it "
			       "without a password", s->file);
	if (freexl_get_info(x->h, FREEXL_BIFF_SHEET_COUNT, &count) != FREEXL_OK || count == 0)
		return err_set(e, RG_INPUT, "%s: the workbook has no sheet", s->file);
	if (freexl_get_info(x->h, FREEXL_BIFF_DATEMODE, &mode) == FREEXL_OK)
		s->date1904 = mode == FREEXL_BIFF_DATEMODE_1904;
	for (unsigned i = 0; i < count; i++) {
		const char *name = NULL;
		if (freexl_get_worksheet_name(x->h, (unsigned short)i, &name) != FREEXL_OK ||
		    name == NULL)
			return err_set(e, RG_INPUT, "%s: sheet %u has no readable name", s->file,
				       i + 1);
		if (used + 1 < sizeof names)
			used += (size_t)snprintf(names + used, sizeof names - used, "%s%s",
						 i ? ", " : "", name);
		if (chosen < 0 && (s->want == NULL || strcmp(s->want, name) == 0)) {
			chosen = (int)i;
			if ((s->name = strdup(name)) == NULL)
				return err_set(e, RG_IO, "%s: out of memory", s->file);
		}
	}
	if (chosen < 0)
		return sheet_no_such(s, names, e);
	if (freexl_select_active_worksheet(x->h, (unsigned short)chosen) != FREEXL_OK ||
	    freexl_worksheet_dimensions(x->h, &x->rows, &x->cols) != FREEXL_OK)
		return err_set(e, RG_INPUT, "%s: sheet \"%s\" cannot be read (damaged?)", s->file,
			       s->name);
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

static rg_status next_row(sheet *s, bool *more, rg_err *e)
{
	xls *x = s->impl;
	rg_status st;

	if (x->next >= x->rows) {
		*more = false;
		return RG_OK;
	}
	*more = true;
	sheet_begin_row(s, (long)x->next + 1);
	for (unsigned short c = 0; c < x->cols; c++) {
		FreeXL_CellValue v;
		char num[64], ref[96];
		const char *t;
		if (freexl_get_cell_value(x->h, x->next, c, &v) != FREEXL_OK)
			return err_set(e, RG_INPUT, "%s:%s: the cell cannot be read (damaged?)",
				       s->file, sheet_ref(s, c, (long)x->next + 1, ref, sizeof ref));
		t = cell_text(&v, num, sizeof num);
		if ((st = sheet_put(s, c, t, strlen(t), e)) != RG_OK)
			return st;
	}
	x->next++;
	return RG_OK;
}

static void done(void *impl)
{
	xls *x = impl;

	if (x == NULL)
		return;
	if (x->h != NULL)
		freexl_close(x->h);
	free(x);
}

rg_status sheet_xls_open(sheet *s, rg_err *e)
{
	xls *x = calloc(1, sizeof *x);
	rg_status st;

	if (x == NULL)
		return err_set(e, RG_IO, "%s: out of memory", s->file);
	s->impl = x;
	s->done = done;
	s->next = next_row;
	if ((st = open_book(s, x, e)) != RG_OK)
		return st;
	return choose(s, x, e);
}

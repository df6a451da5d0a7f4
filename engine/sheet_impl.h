/*
 * sheet_impl.h: what the readers of each workbook format (sheet_xlsx.c, sheet_xls.c)
 * share with sheet.c, and nothing else includes: the reader's state, the row they fill
 * cell by cell, and their entry points.
 * Depends on sheet.h.
 */
#ifndef RG_SHEET_IMPL_H
#define RG_SHEET_IMPL_H

#include "sheet.h"

/* A reader.  The format's reader sets name, date1904, impl, next and done at open. */
struct sheet {
	const char *file;        /* the file's name for messages; not owned */
	const unsigned char *data; /* the workbook's bytes */
	size_t size;             /* how many */
	unsigned char *owned;    /* data when sheet_open read it (freed at close), or NULL */
	const char *path;        /* the file on disk, or NULL when read from memory */
	const char *want;        /* the sheet asked for, or NULL for the first */
	sheet_limits lim;        /* the bounds */
	char sha256[SHA_HEX];    /* of data */
	char *name;              /* the sheet's name (malloc'd) */
	bool date1904;           /* day numbers count from 1904-01-01 */
	void *impl;              /* the format's reader */
	/* next: fill the row (sheet_begin_row, sheet_put) with the next row of the sheet, or
	 * set *more false at its end. */
	rg_status (*next)(sheet *s, bool *more, rg_err *e);
	void (*done)(void *impl); /* free impl */
	long row;                /* the current row's number */
	char *text;              /* its cells' text, each NUL-terminated; text[0] is "" */
	size_t len, cap;         /* bytes used and allocated in text */
	size_t *cells;           /* offset in text of each cell (0: empty) */
	size_t ncells, ccap;     /* cells of the row and slots allocated */
};

/* sheet_begin_row: start row number row, with no cells. */
void sheet_begin_row(sheet *s, long row);

/* sheet_put: set cell col (0 is A) of the current row, after every cell already set, to
 * the len bytes at text, which must be UTF-8 without NUL (a cell of len 0 is left empty).
 * RG_INPUT, naming the cell, for a column before one already set, past XFD, bad UTF-8 or
 * a text longer than the bound; RG_IO when out of memory. */
rg_status sheet_put(sheet *s, size_t col, const char *text, size_t len, rg_err *e);

/* sheet_xlsx_open, sheet_xls_open: open s->data (or s->path) as that format and choose
 * s->want; set s->name, s->date1904, s->impl, s->next, s->done.  As sheet_open fails. */
rg_status sheet_xlsx_open(sheet *s, rg_err *e);
rg_status sheet_xls_open(sheet *s, rg_err *e);

/* sheet_no_such: RG_INPUT for want missing, listing names (the workbook's sheets, ", "
 * separated). */
rg_status sheet_no_such(const sheet *s, const char *names, rg_err *e);

#endif

/*
 * xlsx.h: a query's rows as the one sheet of an XLSX workbook, the way every list looks
 * in Excel or WPS: a bold, frozen, filterable header, column widths from the text,
 * numbers as numbers, tiers coloured; and the way it prints (landscape, fit to width,
 * the header on every page).  The output layer (out.c) is its one caller.
 * Depends on db.h, out.h (the columns), status.h.
 */
#ifndef RG_XLSX_H
#define RG_XLSX_H

#include <time.h>

#include "db.h"
#include "out.h"
#include "status.h"

/*
 * xlsx_write: write the rows of s (already bound) as the sheet l->title of a new
 * workbook at file, a temporary file the caller renames (messages name path, the file
 * the user asked for): numbers as numbers, text as text, NULL as an empty cell; a bold
 * frozen header with an autofilter; tiers coloured in the columns out.h names; column
 * widths from the widest line of a cell; printed on A4 landscape, one page wide, the
 * header row repeated on every page, the title l->title above each page and "第 N 页 /
 * 共 M 页" below.  created is the workbook's creation date (the
 * same rows and date give the same bytes).  Sets *nrows.  RG_DB if the query fails,
 * RG_IO if the workbook cannot be written, after which the caller removes file.
 */
rg_status xlsx_write(const char *file, const char *path, const out_list *l, db_stmt *s,
		     time_t created, long *nrows, rg_err *e);

#endif

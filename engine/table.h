/*
 * table.h: print the rows of a query as an aligned table (Chinese headers), CSV or JSON,
 * so every listing of the engine has the same three shapes.  CSV and JSON stream; the
 * table runs the query twice (widths, then rows) instead of holding rows in memory.
 * Depends on db.h, text.h, status.h.
 */
#ifndef RG_TABLE_H
#define RG_TABLE_H

#include <stdio.h>

#include "db.h"
#include "status.h"

typedef enum { FMT_TABLE, FMT_CSV, FMT_JSON } out_format;

/* One output column: its header for people (Chinese) and its key in JSON. */
typedef struct {
	const char *title;
	const char *key;
} out_col;

/* table_format_parse: "table", "csv" or "json" into *fmt; RG_USAGE otherwise. */
rg_status table_format_parse(const char *s, out_format *fmt, rg_err *e);

/*
 * table_print: run s (already bound) and print its rows to out in fmt.  Column i of s is
 * described by cols[i]; s must have ncols columns.  In a table, numbers are right-aligned
 * and NULL is blank; in JSON, numbers stay numbers and NULL is null.  Returns the number
 * of rows in *nrows (may be NULL).  RG_DB on a database failure, RG_IO if out fails.
 */
rg_status table_print(FILE *out, out_format fmt, const out_col *cols, int ncols, db_stmt *s,
		      long *nrows, rg_err *e);

/* json_string / csv_field_write: write s quoted for JSON / for CSV (RFC 4180). */
void json_string(FILE *out, const char *s);
void csv_field_write(FILE *out, const char *s);

#endif

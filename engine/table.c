/*
 * table.c: tabular output in three formats.  Depends on db.h, text.h, status.h.
 */
#include "table.h"

#include <math.h>
#include <stdbool.h>
#include <string.h>

#include "text.h"

#define MAX_COLS 32

rg_status table_format_parse(const char *s, out_format *fmt, rg_err *e)
{
	if (strcmp(s, "table") == 0)
		*fmt = FMT_TABLE;
	else if (strcmp(s, "csv") == 0)
		*fmt = FMT_CSV;
	else if (strcmp(s, "json") == 0)
		*fmt = FMT_JSON;
	else
		return err_set(e, RG_USAGE, "--format: expected table, csv or json, got \"%s\"", s);
	return RG_OK;
}

void json_string(FILE *out, const char *s)
{
	fputc('"', out);
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		switch (*p) {
		case '"':  fputs("\\\"", out); break;
		case '\\': fputs("\\\\", out); break;
		case '\n': fputs("\\n", out); break;
		case '\r': fputs("\\r", out); break;
		case '\t': fputs("\\t", out); break;
		default:
			if (*p < 0x20)
				fprintf(out, "\\u%04x", *p);
			else
				fputc(*p, out);
		}
	}
	fputc('"', out);
}

void csv_field_write(FILE *out, const char *s)
{
	if (strpbrk(s, ",\"\r\n") == NULL) {
		fputs(s, out);
		return;
	}
	fputc('"', out);
	for (; *s; s++) {
		if (*s == '"')
			fputc('"', out);
		fputc(*s, out);
	}
	fputc('"', out);
}

/* The text of column i as printed in a table or CSV ("" for NULL). */
static const char *cell(db_stmt *s, int i)
{
	const char *t = db_col_type(s, i) == DB_NULL ? "" : db_col_text(s, i);
	return t ? t : "";
}

static rg_status print_table(FILE *out, const out_col *cols, int ncols, db_stmt *s,
			     long *nrows, rg_err *e)
{
	int width[MAX_COLS];
	bool right[MAX_COLS];
	bool row;
	rg_status st;

	for (int i = 0; i < ncols; i++) {
		width[i] = text_width(cols[i].title);
		right[i] = true;
	}
	while ((st = db_step(s, &row, e)) == RG_OK && row) {
		for (int i = 0; i < ncols; i++) {
			/* The type first: reading a number as text converts it. */
			if (db_col_type(s, i) == DB_TEXT)
				right[i] = false;
			int w = text_width(cell(s, i));
			if (w > width[i])
				width[i] = w;
		}
	}
	if (st != RG_OK)
		return st;
	db_reset(s);
	for (int i = 0; i < ncols; i++) {
		text_pad(out, cols[i].title, i + 1 < ncols || right[i] ? width[i] : 0, right[i]);
		fputs(i + 1 < ncols ? "  " : "\n", out);
	}
	for (int i = 0; i < ncols; i++) {
		for (int k = 0; k < width[i]; k++)
			fputc('-', out);
		fputs(i + 1 < ncols ? "  " : "\n", out);
	}
	while ((st = db_step(s, &row, e)) == RG_OK && row) {
		for (int i = 0; i < ncols; i++) {
			text_pad(out, cell(s, i), i + 1 < ncols || right[i] ? width[i] : 0, right[i]);
			fputs(i + 1 < ncols ? "  " : "\n", out);
		}
		(*nrows)++;
	}
	return st;
}

static rg_status print_csv(FILE *out, const out_col *cols, int ncols, db_stmt *s, long *nrows,
			   rg_err *e)
{
	bool row;
	rg_status st;

	for (int i = 0; i < ncols; i++) {
		csv_field_write(out, cols[i].title);
		fputs(i + 1 < ncols ? "," : "\r\n", out);
	}
	while ((st = db_step(s, &row, e)) == RG_OK && row) {
		for (int i = 0; i < ncols; i++) {
			csv_field_write(out, cell(s, i));
			fputs(i + 1 < ncols ? "," : "\r\n", out);
		}
		(*nrows)++;
	}
	return st;
}

static rg_status print_json(FILE *out, const out_col *cols, int ncols, db_stmt *s, long *nrows,
			    rg_err *e)
{
	bool row;
	rg_status st;

	fputc('[', out);
	while ((st = db_step(s, &row, e)) == RG_OK && row) {
		fputs(*nrows ? ",\n  {" : "\n  {", out);
		for (int i = 0; i < ncols; i++) {
			if (i > 0)
				fputs(", ", out);
			json_string(out, cols[i].key);
			fputs(": ", out);
			switch (db_col_type(s, i)) {
			case DB_NULL: fputs("null", out); break;
			case DB_INT: fputs(db_col_text(s, i), out); break;
			case DB_REAL:
				/* JSON has no infinity or NaN. */
				if (isfinite(db_col_double(s, i)))
					fputs(db_col_text(s, i), out);
				else
					fputs("null", out);
				break;
			case DB_TEXT: json_string(out, db_col_text(s, i)); break;
			}
		}
		fputc('}', out);
		(*nrows)++;
	}
	fputs(*nrows ? "\n]\n" : "]\n", out);
	return st;
}

rg_status table_print(FILE *out, out_format fmt, const out_col *cols, int ncols, db_stmt *s,
		      long *nrows, rg_err *e)
{
	long n = 0;
	rg_status st;

	if (ncols > MAX_COLS || ncols != db_col_count(s))
		return err_set(e, RG_DB, "internal: %d output columns for a query of %d", ncols,
			       db_col_count(s));
	if (fmt == FMT_TABLE)
		st = print_table(out, cols, ncols, s, &n, e);
	else if (fmt == FMT_CSV)
		st = print_csv(out, cols, ncols, s, &n, e);
	else
		st = print_json(out, cols, ncols, s, &n, e);
	if (nrows != NULL)
		*nrows = n;
	if (st == RG_OK && ferror(out))
		st = err_set(e, RG_IO, "cannot write the output");
	return st;
}

/*
 * out.c: the output layer: choosing the format and the target, and writing a query's
 * rows as a table, CSV or JSON (here) or XLSX (xlsx.c), to standard output or atomically
 * to a file, with its messages in the user's language.  Depends on db.h, status.h,
 * text.h, date.h, atomic.h, xlsx.h, i18n.h.
 */
#include "out.h"

#include <errno.h>
#include <math.h>
#include <stdbool.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "atomic.h"
#include "date.h"
#include "text.h"
#include "xlsx.h"

#define MAX_COLS 32

/* The formats by name, in the order of out_format. */
static const char *const format_names[] = {"table", "csv", "json", "xlsx"};
#define NFORMATS 4

/* The names of the formats in the set formats joined into buf: "csv, json or xlsx" with
 * sep ", " and last " or ", or "csv|json|xlsx" with both "|". */
static const char *format_list(unsigned formats, const char *sep, const char *last,
			       char *buf, size_t size)
{
	int n = 0, total = 0;

	for (int i = 0; i < NFORMATS; i++)
		total += (formats >> i) & 1;
	buf[0] = '\0';
	for (int i = 0; i < NFORMATS; i++) {
		if (!((formats >> i) & 1))
			continue;
		n++;
		snprintf(buf + strlen(buf), size - strlen(buf), "%s%s",
			 n == 1 ? "" : n == total ? last : sep, format_names[i]);
	}
	return buf;
}

/* Whether paths a and b name the same existing file. */
static bool same_file(const char *a, const char *b)
{
	struct stat sa, sb;

	if (strcmp(a, b) == 0)  /* a PostgreSQL database is named, not a file */
		return true;
	return stat(a, &sa) == 0 && stat(b, &sb) == 0 && sa.st_dev == sb.st_dev &&
	       sa.st_ino == sb.st_ino;
}

/* The format in the set formats named name, into *fmt; false if none is. */
static bool format_named(const char *name, unsigned formats, out_format *fmt)
{
	for (int i = 0; i < NFORMATS; i++) {
		if (((formats >> i) & 1) && strcmp(name, format_names[i]) == 0) {
			*fmt = (out_format)i;
			return true;
		}
	}
	return false;
}

rg_status out_choose(const char *cmd, const char *format, const char *output,
		     const char *db_path, unsigned formats, out_target *t, rg_err *e)
{
	char names[64], files[64];
	bool to_stdout = output == NULL || strcmp(output, "-") == 0;

	t->cmd = cmd;
	t->fmt = OUT_TABLE;
	t->output = output;
	t->path = to_stdout ? NULL : output;
	t->as_of = NULL;
	format_list(formats & OUT_FILES, "|", "|", files, sizeof files);
	if (output != NULL && *output == '\0')
		return err_set(e, RG_USAGE, "-o: expected a file name, got \"\"");
	if (format != NULL) {
		if (!format_named(format, formats, &t->fmt))
			return err_set(e, RG_USAGE, "--format: expected %s, got \"%s\"",
				       format_list(formats, ", ", _(" or "), names, sizeof names),
				       format);
	} else if (output != NULL) {
		const char *slash = strrchr(output, '/');
		const char *dot = strrchr(slash ? slash + 1 : output, '.');
		if (dot == NULL || to_stdout)
			return err_set(e, RG_USAGE, "%s: --format %s is needed: \"%s\" has no "
				       "extension that names one", cmd, files, output);
		if (!format_named(dot + 1, formats & OUT_FILES, &t->fmt))
			return err_set(e, RG_USAGE, "%s: --format %s is needed: the extension "
				       ".%s of \"%s\" names no format", cmd, files, dot + 1, output);
	}
	if (t->fmt == OUT_XLSX && to_stdout)
		return err_set(e, RG_USAGE, "%s: xlsx is written to a file, not to standard "
			       "output: give -o FILE.xlsx", cmd);
	if (t->fmt == OUT_TABLE && !to_stdout)
		return err_set(e, RG_USAGE, "%s: a table is printed to standard output, not "
			       "written to a file: -o takes csv, json or xlsx", cmd);
	if (!to_stdout && db_path != NULL && same_file(db_path, output))
		return err_set(e, RG_USAGE, "%s: -o %s is the database itself: name another "
			       "file", cmd, output);
	return RG_OK;
}

void out_json_string(FILE *out, const char *s)
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

void out_csv_field(FILE *out, const char *s)
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

/* Text as cell i of a table's line of ncols cells: padded to width (on the left when
 * right), then the gap to the next cell or the end of the line. */
static void table_cell(FILE *out, const char *text, int i, int ncols, int width, bool right)
{
	text_pad(out, text, i + 1 < ncols || right ? width : 0, right);
	fputs(i + 1 < ncols ? "  " : "\n", out);
}

/* The rows of s as a table: a column as wide as its widest cell, numbers on the right. */
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
	for (int i = 0; i < ncols; i++)
		table_cell(out, cols[i].title, i, ncols, width[i], right[i]);
	for (int i = 0; i < ncols; i++) {
		for (int k = 0; k < width[i]; k++)
			fputc('-', out);
		fputs(i + 1 < ncols ? "  " : "\n", out);
	}
	while ((st = db_step(s, &row, e)) == RG_OK && row) {
		for (int i = 0; i < ncols; i++)
			table_cell(out, cell(s, i), i, ncols, width[i], right[i]);
		(*nrows)++;
	}
	return st;
}

/* Text as field i of a CSV record of ncols fields, then a comma or the end of the record. */
static void csv_cell(FILE *out, const char *text, int i, int ncols)
{
	out_csv_field(out, text);
	fputs(i + 1 < ncols ? "," : "\r\n", out);
}

/* The rows of s as CSV (RFC 4180, CRLF), the titles first. */
static rg_status print_csv(FILE *out, const out_col *cols, int ncols, db_stmt *s, long *nrows,
			   rg_err *e)
{
	bool row;
	rg_status st;

	for (int i = 0; i < ncols; i++)
		csv_cell(out, cols[i].title, i, ncols);
	while ((st = db_step(s, &row, e)) == RG_OK && row) {
		for (int i = 0; i < ncols; i++)
			csv_cell(out, cell(s, i), i, ncols);
		(*nrows)++;
	}
	return st;
}

/* The rows of s as a JSON array of objects keyed by the columns' keys. */
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
			out_json_string(out, cols[i].key);
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
			case DB_TEXT: out_json_string(out, db_col_text(s, i)); break;
			}
		}
		fputc('}', out);
		(*nrows)++;
	}
	fputs(*nrows ? "\n]\n" : "]\n", out);
	return st;
}

/* RG_DB unless the ncols output columns are within MAX_COLS and those of the query s. */
static rg_status check_cols(int ncols, db_stmt *s, rg_err *e)
{
	if (ncols > MAX_COLS || ncols != db_col_count(s))
		return err_set(e, RG_DB, "internal: %d output columns for a query of %d", ncols,
			       db_col_count(s));
	return RG_OK;
}

rg_status out_print(FILE *out, out_format fmt, const out_col *cols, int ncols, db_stmt *s,
		    long *nrows, rg_err *e)
{
	long n = 0;
	rg_status st;

	if (fmt == OUT_XLSX)
		return err_set(e, RG_DB, "internal: xlsx is written by out_write");
	if ((st = check_cols(ncols, s, e)) != RG_OK)
		return st;
	if (fmt == OUT_TABLE)
		st = print_table(out, cols, ncols, s, &n, e);
	else if (fmt == OUT_CSV)
		st = print_csv(out, cols, ncols, s, &n, e);
	else
		st = print_json(out, cols, ncols, s, &n, e);
	if (nrows != NULL)
		*nrows = n;
	if (st == RG_OK && ferror(out))
		st = err_set(e, RG_IO, "cannot write the output");
	return st;
}

/* The creation date of an XLSX list: t->as_of, or today, at midnight UTC. */
static rg_status created_at(const out_target *t, time_t *created, rg_err *e)
{
	char stamp[STAMP_BUF], today[DATE_BUF];
	const char *as_of = t->as_of;
	long days;
	rg_status st;

	if (as_of == NULL) {
		if ((st = date_now(stamp, today, e)) != RG_OK)
			return st;
		as_of = today;
	}
	if (!date_parse(as_of, &days))
		return err_set(e, RG_USAGE, "--as-of: expected a date YYYY-MM-DD, got \"%s\"",
			       as_of);
	*created = (time_t)days * 86400;
	return RG_OK;
}

rg_status out_write(const out_target *t, const out_list *l, db_stmt *s, long *nrows,
		    rg_err *e)
{
	atomic_file o = {0};
	FILE *f = stdout; /* where a table, CSV or JSON goes: o.f, or standard output */
	time_t created = 0;
	long n = 0;
	int err;
	rg_status st;

	if ((st = check_cols(l->ncols, s, e)) != RG_OK)
		return st;
	if (t->fmt == OUT_XLSX && t->path == NULL)
		return err_set(e, RG_DB, "internal: xlsx to standard output");
	if (t->fmt == OUT_XLSX && (st = created_at(t, &created, e)) != RG_OK)
		return st;
	if (t->path != NULL) {
		if ((err = atomic_begin(&o, t->path, t->fmt != OUT_XLSX)) != 0)
			return err_set(e, RG_IO, "%s: cannot create a file there: %s", t->path,
				       strerror(err));
		f = o.f;
	}
	if (t->fmt == OUT_XLSX) {
		st = xlsx_write(o.tmp, t->path, l, s, created, &n, e);
	} else {
		if (t->fmt == OUT_CSV && t->output != NULL)
			fputs("\xEF\xBB\xBF", f); /* the BOM that tells Excel it is UTF-8 */
		st = out_print(f, t->fmt, l->cols, l->ncols, s, &n, e);
		if (st == RG_IO && t->output != NULL)
			st = err_set(e, RG_IO, "%s: cannot write: %s",
				     t->path ? t->path : _("standard output"),
				     errno ? strerror(errno) : _("write error"));
	}
	if (st != RG_OK)
		goto out;
	/* Without -o the list is one more thing the command prints: main.c checks the
	 * closing of standard output. */
	if (t->path == NULL) {
		if (t->output != NULL && (fflush(stdout) != 0 || ferror(stdout)))
			st = err_set(e, RG_IO, "cannot write to standard output: %s",
				     strerror(errno));
	} else if ((err = atomic_sync(&o)) != 0) {
		st = err_set(e, RG_IO, "%s: cannot write: %s", t->path, strerror(err));
	} else if ((err = atomic_rename(&o)) != 0) {
		st = err_set(e, RG_IO, "%s: cannot replace it with the export: %s", t->path,
			     strerror(err));
	} else {
		printf(ngettext("%s: %s%s, %ld row\n", "%s: %s%s, %ld rows\n", n), t->path,
		       l->title, l->note ? l->note : "", n);
	}
out:
	atomic_abort(&o);
	if (nrows != NULL)
		*nrows = n;
	return st;
}

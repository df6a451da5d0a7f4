/*
 * out.h: the output of every list the engine prints or writes: one format choice
 * (--format, else the extension of -o FILE, else the command's default) and one writer of
 * a query's rows as an aligned table (Chinese headers), CSV, JSON or XLSX, to standard
 * output or atomically to a file.  CSV and JSON stream; the table runs the query twice
 * (widths, then rows) instead of holding rows in memory.
 * Depends on db.h, status.h, text.h, date.h, atomic.h and xlsx.h (the XLSX writer).
 */
#ifndef RG_OUT_H
#define RG_OUT_H

#include <stdbool.h>
#include <stdio.h>

#include "db.h"
#include "i18n.h"
#include "status.h"

typedef enum { OUT_TABLE, OUT_CSV, OUT_JSON, OUT_XLSX } out_format;

/* Sets of formats a command offers, for out_choose: one bit per format. */
#define OUT_FILES ((1u << OUT_CSV) | (1u << OUT_JSON) | (1u << OUT_XLSX))
#define OUT_ALL ((1u << OUT_TABLE) | OUT_FILES)

/*
 * The options every list command describes the same way, for its --help after its own
 * options.  The confidentiality test runs every format a usage line names.
 */
#define OUT_HELP \
	N_("  --format F         table (default), csv, json or xlsx\n" \
	"  -o, --output FILE  write the list to FILE instead, by way of a temporary file\n" \
	"                     renamed over it (a failure leaves FILE as it was), and print\n" \
	"                     one line: the file, the list, the rows.  Without --format,\n" \
	"                     FILE's extension (.csv, .json, .xlsx) gives the format.  CSV\n" \
	"                     starts with a BOM, for Excel; \"-o -\" is standard output.\n" \
	"                     xlsx needs -o: one sheet named after the list, the header\n" \
	"                     bold, frozen and filtered, numbers as numbers, tiers coloured.\n")

/* One output column: its header for people (Chinese) and its key in JSON.  In XLSX a
 * column whose key is a tier's (tier, approved_tier, tier_a, tier_b) is coloured. */
typedef struct {
	const char *title;
	const char *key;
} out_col;

/* One list as it is written: what it is called and what its columns are. */
typedef struct {
	const char *title;   /* its Chinese name: the XLSX sheet and document title, and the
				line printed after writing a file */
	const char *note;    /* after the title in that line, e.g. " (run 3)"; NULL: none */
	const out_col *cols; /* one per column of the query */
	int ncols;
} out_list;

/* Where a command's list goes and in which format; filled by out_choose. */
typedef struct {
	const char *cmd;    /* the command, for messages: "export", "runs" */
	out_format fmt;     /* the format chosen */
	const char *output; /* -o as given: NULL (standard output, no -o), "-" (standard
			       output) or a file; whenever -o is given CSV starts with a BOM */
	const char *path;   /* the file to write: output, or NULL for standard output */
	const char *as_of;  /* the list's date YYYY-MM-DD, the XLSX creation date (same data
			       and date, same bytes); NULL: today.  Set by the caller. */
} out_target;

/*
 * out_choose: fill *t for the command cmd from its --format value format and its -o
 * value output (each NULL when not given).  The format is format if given (one of the
 * formats in the set formats, e.g. OUT_ALL), else the extension of output (.csv, .json,
 * .xlsx), else a table.  A table goes to standard output, xlsx to a file; -o must not
 * name db_path, the command's database (may be NULL).  RG_USAGE with a message naming
 * the option otherwise.
 */
rg_status out_choose(const char *cmd, const char *format, const char *output,
		     const char *db_path, unsigned formats, out_target *t, rg_err *e);

/*
 * out_write: run s (already bound) and write its rows as the list l to t: to standard
 * output, or to t->path through a temporary file renamed over it, then print "FILE:
 * title note, N rows".  s must have l->ncols columns.  The number of rows goes to *nrows
 * (may be NULL).  RG_DB on a database failure, RG_IO (naming the file) if it cannot be
 * written, which leaves an existing file as it was; RG_USAGE if --as-of was malformed.
 */
rg_status out_write(const out_target *t, const out_list *l, db_stmt *s, long *nrows,
		    rg_err *e);

/*
 * out_print: run s (already bound) and print its rows to out in fmt, which is a table,
 * CSV or JSON.  Column i of s is described by cols[i]; s must have ncols columns.  In a
 * table, numbers are right-aligned and NULL is blank; in JSON, numbers stay numbers and
 * NULL is null.  Returns the number of rows in *nrows (may be NULL).  RG_DB on a database
 * failure, RG_IO if out fails.
 */
rg_status out_print(FILE *out, out_format fmt, const out_col *cols, int ncols, db_stmt *s,
		    long *nrows, rg_err *e);

/* out_json_string / out_csv_field: write s quoted for JSON / for CSV (RFC 4180). */
void out_json_string(FILE *out, const char *s);
void out_csv_field(FILE *out, const char *s);

#endif

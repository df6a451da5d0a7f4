/*
 * import.c: generic import of a sheet.  For each table it asks SQLite for the columns
 * (pragma_table_info), their references (pragma_foreign_key_list) and labels (the labels
 * table), checks each field, looks the row up by the table's key and writes it with one
 * prepared INSERT ... ON CONFLICT DO UPDATE, so a row either goes in whole or is
 * reported.  A CSV file is read through encoding.c (UTF-8 or GB18030 to UTF-8) and csv.c,
 * an .xlsx or .xls workbook through sheet.c, told apart by their first bytes; either may
 * come from standard input.  The sheets of points, powers and posts also take the columns
 * of the facts an agency declared (factdef.h), whose values go to the tables of declared
 * facts.
 * Depends on db.h, audit.h, csv.h, encoding.h, sheet.h, progress.h, args.h, date.h,
 * factdef.h, status.h, i18n.h.
 */
#include "import.h"

#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include "audit.h"
#include "csv.h"
#include "date.h"
#include "factdef.h"
#include "i18n.h"
#include "progress.h"
#include "sheet.h"

#define MAX_COLS 32
#define MAX_KEY 5
#define MAX_REPORTED 100
/* The most read from standard input (or a pipe), which is held in memory. */
#define MAX_STREAM (256u << 20)

const char *const import_tables[] = {
	"fact_definitions", "agencies", "departments", "posts", "persons", "oversight",
	"powers", "points", "ratings", "measures", "signals", "changes", NULL,
};

/*
 * The key of each importable table: the primary key of the tables with a code and of
 * oversight, the UNIQUE index of schemas/003_import_keys.sql for the others.  A key
 * column that may be NULL is keyed as ifnull(column, ''), as in those indexes.
 */
static const struct {
	const char *table;
	const char *cols[MAX_KEY + 1];
} table_keys[] = {
	{"fact_definitions", {"name", NULL}},
	{"agencies", {"code", NULL}},
	{"departments", {"code", NULL}},
	{"posts", {"code", NULL}},
	{"persons", {"code", NULL}},
	{"oversight", {"department", "person", NULL}},
	{"powers", {"code", NULL}},
	{"points", {"code", NULL}},
	{"ratings", {"point", "source", "factor", "rated_on", NULL}},
	{"measures", {"point", "text", NULL}},
	{"signals", {"source", "point", "post", "received_on", "text", NULL}},
	{"changes", {"kind", "power", "post", "changed_on", "text", NULL}},
};

/*
 * The confidential columns: who filed a 信访举报 (signals.complainant, 举报人) is never
 * shown.  In a file whose cells are out of place (no header row, a row shifted or with
 * its cells swapped) any cell may hold it, so no message about a table with such a
 * column quotes a cell: not a header cell that is not a column (named by its place),
 * nor a refused value (named by line and column).
 */
static const struct {
	const char *table;
	const char *col;
} confidential_cols[] = {
	{"signals", "complainant"},
};

/* What the schema says about one column of the target table. */
typedef struct {
	char name[64];       /* column name */
	char label[128];     /* Chinese label, or "" */
	db_type type;        /* from the declared type: DB_INT (INTEGER), DB_REAL (REAL) or
				DB_TEXT (anything else) */
	bool required;       /* must be in the file and non-empty: NOT NULL without a
				default, or part of a key that cannot be NULL */
	bool nullable;       /* may be NULL (keyed as ifnull(name, '')) */
	bool key;            /* part of the table's key (table_keys) */
	bool has_default;    /* an empty field takes the schema's default */
	bool is_date;        /* has a CHECK named "name: a date YYYY-MM-DD" */
	char dflt[128];      /* that default, evaluated, as text */
	char ref_table[64];  /* referenced table, or "" */
	db_stmt *ref_check;  /* SELECT 1 FROM ref_table WHERE ref_col = ?; or NULL */
	int field;           /* index of the CSV field holding it, or -1 */
	int slot;            /* its index in the row's values (order[slot]), or -1 */
} column;

/* A column of a fact the agency declared (factdef.h), present in the file or not. */
typedef struct {
	const fact_def *def; /* its definition (in importer.defs) */
	int field;           /* index of the CSV field holding it, or -1 */
	fact_value v;        /* the current row's value; DB_NULL for an empty cell */
	char date[DATE_BUF]; /* a 日期's cell as YYYY-MM-DD, which v.text may point to */
} fact_column;

/* One checked field, ready to bind. */
typedef struct {
	db_type type;     /* DB_NULL, DB_INT, DB_REAL or DB_TEXT */
	int64_t i;        /* DB_INT */
	double r;         /* DB_REAL */
	const char *text; /* DB_TEXT: in the reader's buffer, a column's default or date */
	char date[DATE_BUF]; /* a date column's cell as YYYY-MM-DD */
} value;

/* The state of one import. */
typedef struct {
	db *d;                  /* the database */
	const char *table;      /* target table */
	const char *path;       /* the file's name for messages ("<stdin>" for -) */
	column cols[MAX_COLS];  /* the table's columns */
	int ncols;              /* how many */
	int ninsert;            /* columns present in the file, in insert order */
	int order[MAX_COLS];    /* order[k]: index in cols of the k-th present column */
	int key[MAX_KEY];       /* indexes in cols of the key's columns */
	int nkey;               /* how many */
	int nfields;            /* fields of the header (rows must have as many) */
	const column *secret;   /* the table's confidential column, or NULL */
	bool blank[256];        /* per header field: it has no header (must stay empty) */
	bool ignored[256];      /* per header field: not a column of the table (skipped) */
	value vals[MAX_COLS];   /* the current row's values, by slot */
	db_stmt *lookup;        /* SELECT rowid, <row equal> FROM table WHERE <key> */
	db_stmt *insert;        /* INSERT INTO table (<present columns>): a new row */
	db_stmt *update;        /* UPDATE table SET <present columns outside the key> WHERE
				   rowid = ?: a row whose key is there; NULL when the file has
				   no column outside the key */
	int nmissing;           /* required columns the file lacks: a new row is refused */
	db_stmt *seen_get;      /* the line of the file that wrote a rowid, if any */
	db_stmt *seen_put;      /* remember that a line wrote a rowid */
	db_stmt *approval;      /* points: the latest approval of a point (keeps_approval),
				   or NULL when the file has none of the columns it sets */
	fact_defs defs;         /* the facts declared for the table (points, powers, posts) */
	fact_column facts[FACTDEF_MAX]; /* their columns, in the order of defs */
	int nfacts_present;     /* how many of them the file has */
	db_stmt *fact_get;      /* SELECT value IS ?3 FROM store WHERE owner = ?1 AND fact = ?2 */
	db_stmt *fact_put;      /* INSERT OR REPLACE INTO store (owner, fact, value) */
	db_stmt *fact_del;      /* DELETE FROM store WHERE owner = ?1 AND fact = ?2 */
	bool definitions;       /* the table is fact_definitions (check_definition) */
	FILE *file;             /* a CSV file, as opened (or its bytes in memory) */
	enc_stream *enc;        /* the CSV file, decoded */
	csv *reader;            /* its records */
	enc_kind kind;          /* the encoding it is read in */
	sheet_format format;    /* what the file is: CSV or a workbook */
	sheet *book;            /* a workbook's sheet instead of CSV, or NULL */
	unsigned char *input;   /* the bytes of standard input or a pipe, or NULL */
	size_t input_len;       /* how many */
	bool date1904;          /* the workbook counts its day numbers from 1904 */
	char **cells;           /* the current row's cells, from csv or sheet, trimmable */
	size_t ncells, cells_cap; /* cells of the row, and slots allocated */
	long line;              /* the line (CSV) or row (sheet) the current row is on */
	char empty[1];          /* the text of a cell a workbook's row leaves out */
	long errors;            /* problems reported so far */
	FILE *errs;             /* where reports go */
} importer;

rg_status import_check_table(const char *table, rg_err *e)
{
	char known[512] = "";

	for (int i = 0; import_tables[i] != NULL; i++) {
		size_t used = strlen(known);
		if (strcmp(import_tables[i], table) == 0)
			return RG_OK;
		snprintf(known + used, sizeof known - used, "%s%s", i ? ", " : "",
			 import_tables[i]);
	}
	return err_set(e, RG_USAGE, "unknown table \"%s\": expected one of %s", table, known);
}

static void report(importer *im, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static void report(importer *im, const char *fmt, ...)
{
	va_list ap;

	if (im->errors++ >= MAX_REPORTED)
		return;
	progress_clear();
	fputs("riskgrade: ", im->errs);
	va_start(ap, fmt);
	vfprintf(im->errs, fmt, ap);
	va_end(ap);
	fputc('\n', im->errs);
}

/*
 * Where a problem is, into buf: "path:line:field" for a CSV file (field 0-based, shown
 * 1-based) or "path:sheet!C17" for a workbook; the row ("path:line",
 * "path:sheet!17:17") when field < 0, the file ("path") when line is 0.
 */
static const char *place(const importer *im, long line, int field, char *buf, size_t n)
{
	char ref[600];

	if (line <= 0)
		snprintf(buf, n, "%s", im->path);
	else if (im->book != NULL)
		snprintf(buf, n, "%s:%s", im->path, sheet_ref(im->book, field < 0 ? SHEET_ROW
			 : (size_t)field, line, ref, sizeof ref));
	else if (field < 0)
		snprintf(buf, n, "%s:%ld", im->path, line);
	else
		snprintf(buf, n, "%s:%ld:%d", im->path, line, field + 1);
	return buf;
}

/* report() a problem at line and field (as place() names them). */
static void report_at(importer *im, long line, int field, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

static void report_at(importer *im, long line, int field, const char *fmt, ...)
{
	char where[1024], msg[4096];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	report(im, "%s: %s", place(im, line, field, where, sizeof where), msg);
}

/* "line 17" (a CSV file) or "row 17" (a sheet) into buf, for messages. */
static const char *line_ref(const importer *im, long line, char *buf, size_t n)
{
	if (im->book != NULL)
		/* TRANSLATORS: where a row of a sheet was first seen: "(first on row 17)". */
		snprintf(buf, n, _("row %ld"), line);
	else
		/* TRANSLATORS: where a row of a CSV file was first seen: "(first on line 17)". */
		snprintf(buf, n, _("line %ld"), line);
	return buf;
}

/* "code" or "code (单位代码)" for messages. */
static const char *col_title(const column *c, char *buf, size_t n)
{
	if (c->label[0])
		snprintf(buf, n, "\"%s\" (%s)", c->name, c->label);
	else
		snprintf(buf, n, "\"%s\"", c->name);
	return buf;
}

/* How many bytes of s to print to stay within max bytes, whole UTF-8 characters only. */
static int fit(const char *s, size_t max)
{
	size_t len = strlen(s);

	if (len > max) {
		len = max;
		while (len > 0 && ((unsigned char)s[len] & 0xC0) == 0x80)
			len--; /* not in the middle of a character */
	}
	return (int)len;
}

/* "score" (问卷得分), a declared fact's column, for messages (a label too long for buf
 * is cut after a whole character: the header was matched with the whole of it). */
static const char *fact_title(const fact_column *f, char *buf, size_t n)
{
	snprintf(buf, n, "\"%.64s\" (%.*s)", f->def->name, fit(f->def->label, 180),
		 f->def->label);
	return buf;
}

/* The declared fact a header names (by name or label), or NULL. */
static fact_column *find_fact(importer *im, const char *header)
{
	for (int i = 0; i < im->defs.n; i++)
		if (strcmp(im->facts[i].def->name, header) == 0 ||
		    strcmp(im->facts[i].def->label, header) == 0)
			return &im->facts[i];
	return NULL;
}

/* A field's value for messages: quoted (cut at a character, if need be, to fit n), or
 * in a table with a confidential column, words that say it is not shown. */
static const char *shown(const importer *im, const char *v, char *buf, size_t n)
{
	if (im->secret != NULL) {
		/* TRANSLATORS: stands for a cell's value; the table, the confidential column. */
		snprintf(buf, n, _("a value not shown (a cell of %s may be the %s)"), im->table,
			 im->secret->label);
		return buf;
	}
	snprintf(buf, n, "\"%.*s\"", fit(v, n - 3), v);
	return buf;
}

static void copy(char *dst, size_t n, const char *src)
{
	snprintf(dst, n, "%s", src ? src : "");
}

/* Append printf-formatted text to buf (of size n, used bytes *used), truncating. */
static void append(char *buf, size_t n, size_t *used, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

static void append(char *buf, size_t n, size_t *used, const char *fmt, ...)
{
	va_list ap;
	int k;

	if (*used + 1 >= n)
		return;
	va_start(ap, fmt);
	k = vsnprintf(buf + *used, n - *used, fmt, ap);
	va_end(ap);
	if (k > 0)
		*used = *used + (size_t)k < n ? *used + (size_t)k : n - 1;
}

/* Evaluate a column's default (an SQL expression such as 0 or '未启动') once. */
static rg_status eval_default(importer *im, column *c, const char *expr, rg_err *e)
{
	char sql[192];
	db_stmt *s = NULL;
	bool row;
	rg_status st;

	snprintf(sql, sizeof sql, "SELECT %s", expr);
	if ((st = db_prepare(im->d, sql, &s, e)) != RG_OK)
		return st;
	if ((st = db_step(s, &row, e)) == RG_OK && row) {
		c->has_default = true;
		copy(c->dflt, sizeof c->dflt, db_col_text(s, 0));
	}
	db_finalize(s);
	return st;
}

static int find_column(const importer *im, const char *header)
{
	for (int i = 0; i < im->ncols; i++)
		if (strcmp(im->cols[i].name, header) == 0 ||
		    (im->cols[i].label[0] && strcmp(im->cols[i].label, header) == 0))
			return i;
	return -1;
}

/* The column called name (not by its label), or NULL. */
static column *column_named(importer *im, const char *name)
{
	for (int i = 0; i < im->ncols; i++)
		if (strcmp(im->cols[i].name, name) == 0)
			return &im->cols[i];
	return NULL;
}

/* The table's key columns, from table_keys; each must be a column of the table. */
static rg_status load_key(importer *im, rg_err *e)
{
	for (size_t t = 0; t < sizeof table_keys / sizeof table_keys[0]; t++) {
		if (strcmp(table_keys[t].table, im->table) != 0)
			continue;
		for (int k = 0; table_keys[t].cols[k] != NULL; k++) {
			int i = find_column(im, table_keys[t].cols[k]);
			if (i < 0)
				return err_set(e, RG_DB, "table %s has no column %s for its key",
					       im->table, table_keys[t].cols[k]);
			im->key[im->nkey++] = i;
			im->cols[i].key = true;
			if (!im->cols[i].nullable)
				im->cols[i].required = true;
		}
		return RG_OK;
	}
	return err_set(e, RG_DB, "table %s has no key to import by", im->table);
}

/* Prepare sql, a query about the target table, with the table's name bound to ?1. */
static rg_status prepare_on_table(importer *im, const char *sql, db_stmt **s, rg_err *e)
{
	rg_status st = db_prepare(im->d, sql, s, e);

	if (st == RG_OK)
		db_bind_text(*s, 1, im->table);
	return st;
}

/* The importable columns, in table order: name, type, whether required or nullable, and
 * the evaluated default. */
static rg_status load_table_info(importer *im, rg_err *e)
{
	db_stmt *s = NULL;
	bool row;
	rg_status st;

	/* An INTEGER PRIMARY KEY (id) is the database's own: not importable. */
	st = prepare_on_table(im,
			      "SELECT name, upper(type), \"notnull\" AND dflt_value IS NULL AND NOT pk,"
			      " dflt_value, NOT \"notnull\" AND NOT pk FROM pragma_table_info(?1)"
			      " WHERE NOT (pk AND upper(type) = 'INTEGER') ORDER BY cid", &s, e);
	while (st == RG_OK && (st = db_step(s, &row, e)) == RG_OK && row) {
		if (im->ncols == MAX_COLS) {
			st = err_set(e, RG_DB, "table %s has more than %d columns", im->table,
				     MAX_COLS);
			goto out;
		}
		column *c = &im->cols[im->ncols++];
		const char *type = db_col_text(s, 1);
		copy(c->name, sizeof c->name, db_col_text(s, 0));
		c->type = type == NULL ? DB_TEXT : strcmp(type, "INTEGER") == 0 ? DB_INT
			: strcmp(type, "REAL") == 0 ? DB_REAL : DB_TEXT;
		c->required = db_col_int(s, 2) != 0;
		c->nullable = db_col_int(s, 4) != 0;
		c->field = -1;
		c->slot = -1;
		if (db_col_type(s, 3) != DB_NULL &&
		    (st = eval_default(im, c, db_col_text(s, 3), e)) != RG_OK)
			goto out;
	}
out:
	db_finalize(s);
	return st;
}

/* The Chinese label of each column, from the labels table. */
static rg_status load_labels(importer *im, rg_err *e)
{
	db_stmt *s = NULL;
	bool row;
	rg_status st = prepare_on_table(im, "SELECT col, label FROM labels WHERE tbl = ?1", &s, e);

	while (st == RG_OK && (st = db_step(s, &row, e)) == RG_OK && row) {
		column *c = column_named(im, db_col_text(s, 0));
		if (c != NULL)
			copy(c->label, sizeof c->label, db_col_text(s, 1));
	}
	db_finalize(s);
	return st;
}

/* The table each referencing column refers to, and the statement that checks a value
 * is there. */
static rg_status load_references(importer *im, rg_err *e)
{
	db_stmt *s = NULL;
	bool row;
	rg_status st;

	st = prepare_on_table(im, "SELECT \"from\", \"table\", \"to\""
			      " FROM pragma_foreign_key_list(?1)", &s, e);
	while (st == RG_OK && (st = db_step(s, &row, e)) == RG_OK && row) {
		column *c = column_named(im, db_col_text(s, 0));
		char sql[256];
		if (c == NULL)
			continue;
		copy(c->ref_table, sizeof c->ref_table, db_col_text(s, 1));
		snprintf(sql, sizeof sql, "SELECT 1 FROM \"%s\" WHERE \"%s\" = ?1",
			 db_col_text(s, 1), db_col_text(s, 2) ? db_col_text(s, 2) : "code");
		st = db_prepare(im->d, sql, &c->ref_check, e);
	}
	db_finalize(s);
	return st;
}

/* Which columns are dates, by the name of their CHECK constraint.  The CHECK itself cannot
 * refuse every impossible day: SQLite's date('2026-02-30') is '2026-02-30'. */
static rg_status load_dates(importer *im, rg_err *e)
{
	db_stmt *s = NULL;
	bool row = false;
	rg_status st;

	st = prepare_on_table(im, "SELECT sql FROM sqlite_schema WHERE type = 'table' AND name = ?1",
			      &s, e);
	if (st == RG_OK)
		st = db_step(s, &row, e);
	for (int i = 0; st == RG_OK && row && i < im->ncols; i++) {
		char pattern[96];
		snprintf(pattern, sizeof pattern, "\"%s: a date YYYY-MM-DD\"", im->cols[i].name);
		im->cols[i].is_date = strstr(db_col_text(s, 0), pattern) != NULL;
	}
	db_finalize(s);
	return st;
}

/* The table's confidential column (confidential_cols) into im->secret, if it has one. */
static rg_status load_secret(importer *im, rg_err *e)
{
	for (size_t k = 0; k < sizeof confidential_cols / sizeof confidential_cols[0]; k++) {
		int i;
		if (strcmp(confidential_cols[k].table, im->table) != 0)
			continue;
		i = find_column(im, confidential_cols[k].col);
		if (i < 0)
			return err_set(e, RG_DB, "table %s has no column %s", im->table,
				       confidential_cols[k].col);
		im->secret = &im->cols[i];
	}
	return RG_OK;
}

/* The facts declared for the target table, each a column the file may have. */
static rg_status load_facts(importer *im, rg_err *e)
{
	rg_status st = factdef_load(im->d, im->table, &im->defs, e);

	if (st != RG_OK)
		return st;
	if (im->defs.n > FACTDEF_MAX)
		return err_set(e, RG_DB, "table %s has %d declared facts, more than %d", im->table,
			       im->defs.n, FACTDEF_MAX);
	for (int i = 0; i < im->defs.n; i++)
		im->facts[i] = (fact_column){.def = &im->defs.v[i], .field = -1,
					     .v = {DB_NULL, 0, 0, NULL}};
	im->definitions = strcmp(im->table, "fact_definitions") == 0;
	return RG_OK;
}

/* What the schema says about the target table: its columns with their labels, references
 * and dates, its confidential column and its key; and the facts declared for it. */
static rg_status load_columns(importer *im, rg_err *e)
{
	rg_status st;

	if ((st = load_table_info(im, e)) != RG_OK || (st = load_labels(im, e)) != RG_OK ||
	    (st = load_references(im, e)) != RG_OK || (st = load_dates(im, e)) != RG_OK ||
	    (st = load_secret(im, e)) != RG_OK || (st = load_facts(im, e)) != RG_OK)
		return st;
	return load_key(im, e);
}

/* Trim ASCII blanks in place (spreadsheets pad cells); returns s. */
static char *trim(char *s)
{
	size_t n = strlen(s);

	while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t'))
		s[--n] = '\0';
	while (*s == ' ' || *s == '\t')
		s++;
	return s;
}

/* Report the invalid bytes of the lines read so far (before csv_next_line) on the row
 * at line, naming the field that holds the first; returns how many there were. */
static long report_invalid(importer *im, csv *c, long line)
{
	enc_pos p, first = {0, 0, 0, 0};
	long n = 0;

	while (enc_take_error(im->enc, csv_next_line(c), &p))
		if (n++ == 0)
			first = p;
	if (n == 0)
		return 0; /* every row passes here: nothing below unless there is a bad byte */

	char title[300] = "", name[256], more[96] = "";
	int field = 0;
	if (n > 1)
		/* TRANSLATORS: after the first invalid byte: how many more the row has. */
		snprintf(more, sizeof more, _(", and %ld more after it"), n - 1);
	/* The field holding the first U+FFFD that stands for an invalid byte. */
	for (size_t f = 0; f < csv_nfields(c) && field == 0; f++) {
		if (strstr(csv_field(c, f), "\xEF\xBF\xBD") == NULL)
			continue;
		field = (int)f + 1;
		for (int i = 0; i < im->ncols; i++)
			if (im->cols[i].field == (int)f)
				/* TRANSLATORS: the start of a message: the column at fault. */
				snprintf(title, sizeof title, _("column %s: "),
					 col_title(&im->cols[i], name, sizeof name));
	}
	if (field > 0 && title[0] == '\0')
		/* TRANSLATORS: the start of a message: the field at fault, by its place. */
		snprintf(title, sizeof title, _("field %d: "), field);
	/* TRANSLATORS: the place, then the column or field ("column %s: "), the encoding,
	 * the byte, where it is in the file, and ", and 2 more after it" or nothing. */
	report(im, _("%s:%ld:%d: %sexpected text in %s, got the byte 0x%02X (line %ld, "
		     "character %ld, byte offset %lld)%s"), im->path, line, field > 0 ? field : 1,
	       title, enc_name(im->kind), first.byte, first.line, first.column, first.offset,
	       more);
	return n;
}

/* Whether every cell of the current row is empty once trimmed (the ,,,, rows Excel leaves
 * under a sheet). */
static bool row_empty(importer *im)
{
	for (size_t f = 0; f < im->ncells; f++)
		if (trim(im->cells[f])[0] != '\0')
			return false;
	return true;
}

/* Make the current row's cells (im->cells) point at the CSV reader's or the sheet
 * reader's, a sheet's row padded with empty cells to the header's width. */
static rg_status take_cells(importer *im, rg_err *e)
{
	size_t n = im->book != NULL ? sheet_ncells(im->book) : csv_nfields(im->reader);

	if (im->book != NULL && n > 0 && n < (size_t)im->nfields)
		n = (size_t)im->nfields;
	if (n > im->cells_cap) {
		size_t cap = im->cells_cap ? im->cells_cap : 64;
		while (cap < n)
			cap *= 2;
		char **p = realloc(im->cells, cap * sizeof *p);
		if (p == NULL)
			return err_set(e, RG_IO, "%s: out of memory", im->path);
		im->cells = p;
		im->cells_cap = cap;
	}
	im->ncells = n;
	for (size_t f = 0; f < n; f++)
		if (im->book == NULL)
			im->cells[f] = (char *)csv_field(im->reader, f);
		else
			im->cells[f] = f < sheet_ncells(im->book) ? sheet_cell(im->book, f) : im->empty;
	im->line = im->book != NULL ? sheet_row(im->book) : csv_line(im->reader);
	return RG_OK;
}

/* Read the next record of the file into the current row (im->cells, im->ncells 0 at the
 * end).  RG_INPUT for a CSV file whose quoting breaks or a malformed workbook. */
static rg_status next_record(importer *im, rg_err *e)
{
	rg_status st = im->book != NULL ? sheet_read(im->book, e) : csv_read(im->reader, e);

	if (st != RG_OK) {
		im->ncells = 0;
		if (im->book == NULL)
			im->line = csv_line(im->reader);
		return st;
	}
	return take_cells(im, e);
}

/* The one notice, on im->errs, of the header's columns that are not columns of the table
 * (nor declared facts): ignored, with their cells.  Named by their text and place, or in
 * a table with a confidential column by their place alone; keyless (the file lacks a
 * column of the key) asks whether the header row is missing. */
static void notice_ignored(importer *im, char **header, bool keyless)
{
	char names[2048] = "", where[1024];
	const char *hint;
	size_t used = 0;
	int count = 0;

	for (int f = 0; f < im->nfields; f++) {
		char col[16];
		if (!im->ignored[f])
			continue;
		if (im->book != NULL)
			sheet_column_name((size_t)f, col);
		else
			snprintf(col, sizeof col, "%d", f + 1);
		append(names, sizeof names, &used, "%s", count ? ", " : "");
		if (im->secret != NULL)
			append(names, sizeof names, &used, "%s", col);
		else
			/* TRANSLATORS: a header the table does not have, and its column. */
			append(names, sizeof names, &used, _("\"%s\" (column %s)"), header[f], col);
		count++;
	}
	if (count == 0)
		return;
	/* When the file lacks a column of the key, the notice ends asking why. */
	if (!keyless)
		hint = "";
	else if (im->book != NULL)
		hint = _("; is the header row missing, or the data on another sheet (--sheet "
			 "NAME)?");
	else if (im->kind == ENC_GB18030)
		hint = _("; is the header row missing, or the file UTF-8 read as GB18030 "
			 "(--encoding utf-8)?");
	else
		hint = _("; is the header row missing?");
	place(im, im->line, -1, where, sizeof where);
	progress_clear();
	if (im->secret != NULL)
		fprintf(im->errs, ngettext("riskgrade: %s: ignored %d column that %s does not "
			"have: column %s (the headers are not shown: a cell of %s may be the "
			"%s)%s\n", "riskgrade: %s: ignored %d columns that %s does not have: "
			"columns %s (the headers are not shown: a cell of %s may be the %s)%s\n",
			count), where, count, im->table, names, im->table, im->secret->label, hint);
	else
		fprintf(im->errs, ngettext("riskgrade: %s: ignored %d column that %s does not "
			"have: %s%s\n", "riskgrade: %s: ignored %d columns that %s does not have: "
			"%s%s\n", count), where, count, im->table, names, hint);
}

/* Read the header row, the first row with a cell that is not empty: which column each
 * field holds (by name or label), reporting repeated and missing columns and noting
 * those the table does not have, which are ignored; RG_INPUT if a required column is
 * missing. */
static rg_status read_header(importer *im, rg_err *e)
{
	char title[256];
	enc_kind kind = im->kind;
	rg_status st;
	enc_pos p;
	bool fatal = false;

	do
		st = next_record(im, e);
	while (st == RG_OK && im->ncells > 0 && row_empty(im));
	if (st != RG_OK)
		return st;
	if (im->book == NULL && enc_take_error(im->enc, csv_next_line(im->reader), &p))
		return kind == ENC_UTF8
			? err_set(e, RG_INPUT, "%s:%ld:%ld: the byte 0x%02X (byte offset %lld) of "
				  "the header is not UTF-8: pass --encoding gb18030 if the file is "
				  "in GB18030 (Excel's \"CSV\" on a Chinese Windows)", im->path,
				  p.line, p.column, p.byte, p.offset)
			: err_set(e, RG_INPUT, "%s:%ld:%ld: the byte 0x%02X (byte offset %lld) of "
				  "the header is not GB18030: pass --encoding utf-8 if the file is "
				  "in UTF-8", im->path, p.line, p.column, p.byte, p.offset);
	if (im->ncells == 0)
		return im->book != NULL
			? err_set(e, RG_INPUT, "%s: the sheet is empty: expected a header row",
				  im->path)
			: err_set(e, RG_INPUT, "%s: the file is empty: expected a header row",
				  im->path);
	if (im->ncells > sizeof im->blank / sizeof im->blank[0])
		return err_set(e, RG_INPUT, "%s: %zu columns: expected at most %zu",
			       place(im, im->line, -1, title, sizeof title), im->ncells,
			       sizeof im->blank / sizeof im->blank[0]);
	im->nfields = (int)im->ncells;
	for (int f = 0; f < im->nfields; f++) {
		const char *h = im->cells[f] = trim(im->cells[f]);
		int i = find_column(im, h);
		fact_column *fact = i < 0 ? find_fact(im, h) : NULL;
		if (h[0] == '\0') {
			/* Spreadsheets save cells once touched as empty columns: fine while empty. */
			im->blank[f] = true;
			continue;
		}
		if (fact != NULL && fact->field >= 0) {
			report_at(im, im->line, f, _("column %s appears twice"),
				  fact_title(fact, title, sizeof title));
			continue;
		}
		if (fact != NULL) {
			fact->field = f;
			im->nfacts_present++;
			continue;
		}
		if (i < 0) {
			im->ignored[f] = true;
			continue;
		}
		if (im->cols[i].field >= 0) {
			report_at(im, im->line, f, _("column %s appears twice"),
				  col_title(&im->cols[i], title, sizeof title));
			continue;
		}
		im->cols[i].field = f;
		im->cols[i].slot = im->ninsert;
		im->order[im->ninsert++] = i;
	}
	/* A file may update some columns of rows already there (by key): only the key must
	 * be in it.  The other required columns are needed by new rows alone (new_row_ok). */
	for (int i = 0; i < im->ncols; i++)
		fatal = fatal || (im->cols[i].required && im->cols[i].field < 0 && im->cols[i].key);
	notice_ignored(im, im->cells, fatal);
	for (int i = 0; i < im->ncols; i++) {
		if (!im->cols[i].required || im->cols[i].field >= 0)
			continue;
		if (!im->cols[i].key) {
			im->nmissing++;
			continue;
		}
		report_at(im, im->line, -1, _("missing column %s"),
			  col_title(&im->cols[i], title, sizeof title));
	}
	if (fatal)
		return err_set(e, RG_INPUT, ngettext("%s: %ld error in the header; nothing was "
						     "imported", "%s: %ld errors in the header; "
						     "nothing was imported", im->errors),
			       im->path, im->errors);
	return RG_OK;
}

/* "col" or "ifnull(col, '')": how key column i is compared, as in the UNIQUE index. */
static void key_expr(const column *c, const char *prefix, char *buf, size_t n)
{
	if (c->nullable)
		snprintf(buf, n, "ifnull(%s\"%s\", '')", prefix, c->name);
	else
		snprintf(buf, n, "%s\"%s\"", prefix, c->name);
}

/*
 * The statements of one import.  lookup: parameters 1..nkey are the key, then one per
 * present column outside the key, in file order; it returns the rowid of the row with
 * that key and whether its values are those of the file.  insert and update: parameter
 * k+1 is the k-th present column, and for update ninsert+1 the rowid.  A row already
 * there is updated, not inserted again with ON CONFLICT: SQLite checks NOT NULL and CHECK
 * constraints on the row an INSERT would add before it sees the conflict, so a file with
 * the key and one column would be refused for the columns it leaves out.
 */
static rg_status prepare(importer *im, rg_err *e)
{
	char sql[8192], expr[160];
	size_t n = 0;
	int param;
	rg_status st;

	append(sql, sizeof sql, &n, "SELECT rowid, TRUE");
	param = im->nkey;
	for (int k = 0; k < im->ninsert; k++)
		if (!im->cols[im->order[k]].key)
			append(sql, sizeof sql, &n, " AND \"%s\" IS ?%d", im->cols[im->order[k]].name,
			       ++param);
	append(sql, sizeof sql, &n, " FROM \"%s\" WHERE ", im->table);
	for (int k = 0; k < im->nkey; k++) {
		const column *c = &im->cols[im->key[k]];
		key_expr(c, "", expr, sizeof expr);
		append(sql, sizeof sql, &n, "%s%s = %s?%d%s", k ? " AND " : "", expr,
		       c->nullable ? "ifnull(" : "", k + 1, c->nullable ? ", '')" : "");
	}
	if ((st = db_prepare(im->d, sql, &im->lookup, e)) != RG_OK)
		return st;

	n = 0;
	append(sql, sizeof sql, &n, "INSERT INTO \"%s\" (", im->table);
	for (int k = 0; k < im->ninsert; k++)
		append(sql, sizeof sql, &n, "%s\"%s\"", k ? ", " : "", im->cols[im->order[k]].name);
	append(sql, sizeof sql, &n, ") VALUES (");
	for (int k = 0; k < im->ninsert; k++)
		append(sql, sizeof sql, &n, "%s?%d", k ? ", " : "", k + 1);
	append(sql, sizeof sql, &n, ")");
	if (n + 1 >= sizeof sql)
		return err_set(e, RG_DB, "table %s: the import statement is too long", im->table);
	if ((st = db_prepare(im->d, sql, &im->insert, e)) != RG_OK)
		return st;

	n = 0;
	param = 0;
	append(sql, sizeof sql, &n, "UPDATE \"%s\" SET ", im->table);
	for (int k = 0; k < im->ninsert; k++)
		if (!im->cols[im->order[k]].key)
			append(sql, sizeof sql, &n, "%s\"%s\" = ?%d", param++ ? ", " : "",
			       im->cols[im->order[k]].name, k + 1);
	append(sql, sizeof sql, &n, " WHERE rowid = ?%d", im->ninsert + 1);
	if (n + 1 >= sizeof sql)
		return err_set(e, RG_DB, "table %s: the import statement is too long", im->table);
	/* With the key alone, a row found is always the same: nothing to update. */
	if (param > 0 && (st = db_prepare(im->d, sql, &im->update, e)) != RG_OK)
		return st;

	/* Which rows this file wrote, by rowid, to find a key given twice. */
	if ((st = db_exec(im->d, "CREATE TEMP TABLE IF NOT EXISTS import_seen"
				 " (rid INTEGER PRIMARY KEY, line INTEGER NOT NULL);"
				 " DELETE FROM temp.import_seen;", e)) != RG_OK)
		return st;
	if ((st = db_prepare(im->d, "SELECT line FROM temp.import_seen WHERE rid = ?1",
			     &im->seen_get, e)) != RG_OK)
		return st;
	return db_prepare(im->d, "INSERT INTO temp.import_seen (rid, line) VALUES (?1, ?2)",
			  &im->seen_put, e);
}

/* The allowed values of an enum_* table, comma-separated, for messages. */
static void enum_values(importer *im, const char *table, char *out, size_t n)
{
	char sql[128];
	db_stmt *s = NULL;
	bool row;
	size_t used = 0;

	out[0] = '\0';
	snprintf(sql, sizeof sql, "SELECT name FROM \"%s\" ORDER BY ord", table);
	if (db_prepare(im->d, sql, &s, NULL) != RG_OK)
		return;
	while (db_step(s, &row, NULL) == RG_OK && row && used + 1 < n)
		append(out, n, &used, "%s%s", used ? ", " : "", db_col_text(s, 0));
	db_finalize(s);
}

static void bind_value(db_stmt *s, int i, const value *v)
{
	switch (v->type) {
	case DB_NULL: db_bind_null(s, i); break;
	case DB_INT:  db_bind_int(s, i, v->i); break;
	case DB_REAL: db_bind_double(s, i, v->r); break;
	case DB_TEXT: db_bind_text(s, i, v->text); break;
	}
}

/* Parse the non-empty text of column c into v by the column's type: a whole number (是/否
 * for 1/0), a number, a date or other text; false (reported) if it is not one. */
static bool parse_field(importer *im, const column *c, const char *value_text, long line,
			value *v)
{
	char title[256], got[1024];

	if (c->type == DB_INT) {
		char *end;
		long long n;
		if (strcmp(value_text, "是") == 0)
			n = 1;
		else if (strcmp(value_text, "否") == 0)
			n = 0;
		else {
			errno = 0;
			n = strtoll(value_text, &end, 10);
			if (errno != 0 || *end != '\0') {
				report_at(im, line, c->field, _("column %s: expected a whole "
					  "number, got %s"), col_title(c, title, sizeof title),
					  shown(im, value_text, got, sizeof got));
				return false;
			}
		}
		v->type = DB_INT;
		v->i = n;
	} else if (c->type == DB_REAL) {
		char *end;
		errno = 0;
		double r = strtod(value_text, &end);
		if (errno != 0 || *end != '\0' || !isfinite(r)) {
			report_at(im, line, c->field, _("column %s: expected a number, got %s"),
				  col_title(c, title, sizeof title),
				  shown(im, value_text, got, sizeof got));
			return false;
		}
		v->type = DB_REAL;
		v->r = r;
	} else if (c->is_date) {
		/* 2026/7/21, 2026年7月21日, Excel's day numbers...: stored as YYYY-MM-DD. */
		long days;
		const char *why;
		if (!date_parse_cell(value_text, im->date1904, &days, &why) ||
		    !date_format(days, v->date)) {
			col_title(c, title, sizeof title);
			shown(im, value_text, got, sizeof got);
			if (why != NULL)
				/* TRANSLATORS: the last %s says why a number is no date. */
				report_at(im, line, c->field, _("column %s: expected a date "
					  "YYYY-MM-DD, got %s (%s)"), title, got, _(why));
			else
				report_at(im, line, c->field, _("column %s: expected a date "
					  "YYYY-MM-DD, got %s"), title, got);
			return false;
		}
		v->type = DB_TEXT;
		v->text = v->date;
	} else {
		v->type = DB_TEXT;
		v->text = value_text;
	}
	return true;
}

/* Whether value_text of a referencing column c is in the table it refers to; false
 * (reported) if it is not.  RG_DB from the lookup goes to *st. */
static bool check_reference(importer *im, const column *c, const char *value_text, long line,
			    rg_status *st, rg_err *e)
{
	char title[256], got[1024];
	bool row;

	db_bind_text(c->ref_check, 1, value_text);
	if ((*st = db_step(c->ref_check, &row, e)) != RG_OK)
		return false;
	db_reset(c->ref_check);
	if (row)
		return true;
	if (strncmp(c->ref_table, "enum_", 5) == 0) {
		char values[1024];
		enum_values(im, c->ref_table, values, sizeof values);
		report_at(im, line, c->field, _("column %s: expected one of %s, got %s"),
			  col_title(c, title, sizeof title), values,
			  shown(im, value_text, got, sizeof got));
	} else {
		report_at(im, line, c->field, _("column %s: expected the code of an existing "
			  "row of %s, got %s"), col_title(c, title, sizeof title), c->ref_table,
			  shown(im, value_text, got, sizeof got));
	}
	return false;
}

/* Check one field of the k-th present column into im->vals[k]; false (reported) if it
 * is bad.  RG_DB from a reference lookup goes to *st. */
static bool check_field(importer *im, int k, const char *value_text, long line,
			rg_status *st, rg_err *e)
{
	column *c = &im->cols[im->order[k]];
	value *v = &im->vals[k];
	char title[256];

	if (value_text[0] == '\0' && c->has_default)
		value_text = c->dflt;
	if (value_text[0] == '\0') {
		if (c->required) {
			report_at(im, line, c->field, _("column %s: expected a value, got an "
				  "empty field"), col_title(c, title, sizeof title));
			return false;
		}
		v->type = DB_NULL;
		return true;
	}
	if (!parse_field(im, c, value_text, line, v))
		return false;
	return c->ref_check == NULL || check_reference(im, c, value_text, line, st, e);
}

/* Explain "UNIQUE constraint failed: t.a, t.b" (another row has these values: not the
 * key, which the lookup found) naming the columns and the row's values; false when msg
 * is not that. */
static bool report_unique(importer *im, const char *msg)
{
	const char *unique = "UNIQUE constraint failed: ";
	char titles[1024] = "", values[1024] = "", title[256], got[1024];
	size_t tn = 0, vn = 0;
	int named = 0, field = 0;

	if (strncmp(msg, unique, strlen(unique)) != 0)
		return false;
	for (const char *p = msg + strlen(unique); *p != '\0';) {
		const char *dot = strchr(p, '.'), *end = strstr(p, ", ");
		char name[64];
		column *col;
		if (dot == NULL)
			return false;
		snprintf(name, sizeof name, "%.*s",
			 (int)((end ? end : p + strlen(p)) - dot - 1), dot + 1);
		if ((col = column_named(im, name)) == NULL)
			return false;
		if (named++ == 0 && col->field >= 0)
			field = col->field + 1;
		append(titles, sizeof titles, &tn, "%s%s", tn ? ", " : "",
		       col_title(col, title, sizeof title));
		append(values, sizeof values, &vn, "%s%s", vn ? ", " : "",
		       col->field >= 0 ? shown(im, im->cells[col->field], got, sizeof got)
		       /* TRANSLATORS: a value the file does not have, the one in the table. */
		       : _("(as stored)"));
		p = end ? end + 2 : p + strlen(p);
	}
	if (named > 1)
		report_at(im, im->line, field - 1, _("columns %s: expected values that together "
			  "no other row of %s has, got %s"), titles, im->table, values);
	else
		report_at(im, im->line, field - 1, _("column %s: expected a value that no other "
			  "row of %s has, got %s"), titles, im->table, values);
	return true;
}

/*
 * What the schema's CHECK constraints expect, as their names say it after "column: "
 * (every one a new database has that holds words; tests/cli/cases/import-check-words
 * checks that none is missing), so that the catalog translates them.
 */
static const char *const check_words[] = {
	N_("0 or 1 (是/否)"),
	N_("a date YYYY-MM-DD"),
	N_("a date when approved_tier is given"),
	N_("a department for a 科室 point"),
	N_("a name of letters, digits and _ that does not start with a digit (packs read it "
	   "as p.facts.NAME)"),
	N_("a non-empty code"),
	N_("a non-empty label (the column's header)"),
	N_("a non-empty name"),
	N_("a non-empty text"),
	N_("a non-empty text (表现形式)"),
	N_("a number not below min"),
	N_("a point or a post"),
	N_("a post for a 岗位 point"),
	N_("a post for a 职责权限变更, and only for it"),
	N_("a power for a 法律法规调整, and only for it"),
	N_("a unit other than itself"),
	N_("a whole number for a 整数"),
	N_("an amount of 0 or more (万元)"),
	N_("empty unless the type is 整数 or 数值"),
	N_("empty unless the type is 枚举"),
	N_("the values of an 枚举, separated by 、"),
	N_("对外 or 内部"),
};

/* What a CHECK constraint named "column: words" expects, words in the user's language
 * when they are among check_words, else as they are. */
static const char *expectation(const char *words)
{
	for (size_t i = 0; i < sizeof check_words / sizeof check_words[0]; i++)
		if (strcmp(words, check_words[i]) == 0)
			return _(check_words[i]);
	return words;
}

/* Explain a constraint SQLite refused, naming the field when it can. */
static void report_constraint(importer *im, const char *msg)
{
	const char *check = "CHECK constraint failed: ";
	long line = im->line;
	char title[256], got[1024];

	if (report_unique(im, msg))
		return;
	if (strncmp(msg, check, strlen(check)) == 0) {
		/* Our CHECK constraints are named "column: what was expected". */
		const char *name = msg + strlen(check);
		const char *colon = strstr(name, ": ");
		if (colon != NULL) {
			char col[64];
			snprintf(col, sizeof col, "%.*s", (int)(colon - name), name);
			int i = find_column(im, col);
			if (i >= 0 && im->cols[i].field >= 0) {
				column *cc = &im->cols[i];
				report_at(im, line, cc->field, _("column %s: expected %s, got %s"),
					  col_title(cc, title, sizeof title),
					  expectation(colon + 2),
					  shown(im, im->cells[cc->field], got, sizeof got));
				return;
			}
			if (i >= 0) {
				report_at(im, line, -1, _("column %s: expected %s, got nothing"),
					  col_title(&im->cols[i], title, sizeof title),
					  expectation(colon + 2));
				return;
			}
		}
	}
	/* TRANSLATORS: SQLite's own words on why. */
	report_at(im, line, -1, _("the row was refused: %s"), msg);
}

/* The key columns the file has, as titles ("code" (风险点编号), ...) and the row's values
 * (as shown()); returns how many, and the field of the first in *field. */
static int key_text(importer *im, char *titles, size_t tsize, char *values,
		    size_t vsize, int *field)
{
	char title[256], got[1024];
	size_t tn = 0, vn = 0;
	int named = 0;

	titles[0] = values[0] = '\0';
	*field = 0;
	for (int k = 0; k < im->nkey; k++) {
		const column *col = &im->cols[im->key[k]];
		if (col->field < 0)
			continue;
		if (named++ == 0)
			*field = col->field + 1;
		append(titles, tsize, &tn, "%s%s", tn ? ", " : "",
		       col_title(col, title, sizeof title));
		append(values, vsize, &vn, "%s%s", vn ? ", " : "",
		       shown(im, im->cells[col->field], got, sizeof got));
	}
	return named;
}

/* Report the row at line as a repeat of the row of line first. */
static void report_repeat(importer *im, long line, long first)
{
	char titles[1024], values[1024], at[64];
	int field, named = key_text(im, titles, sizeof titles, values, sizeof values, &field);

	line_ref(im, first, at, sizeof at);
	if (named == 1 && strcmp(im->cols[im->key[0]].name, "code") == 0)
		report_at(im, line, field - 1, _("column %s: expected a code not already in the "
			  "file, got %s again (first on %s)"), titles, values, at);
	else if (named > 1)
		report_at(im, line, field - 1, _("columns %s: expected a row not already in the "
			  "file, got %s again (first on %s)"), titles, values, at);
	else
		report_at(im, line, field - 1, _("column %s: expected a row not already in the "
			  "file, got %s again (first on %s)"), titles, values, at);
}

/* A row whose key is not in the table yet is a new row: it needs every required column,
 * which a file that updates rows by key may leave out.  False (reported, naming the
 * columns the file lacks) when it lacks one. */
static bool new_row_ok(importer *im, long line)
{
	char titles[1024], values[1024], lacks[1024], title[256];
	size_t used = 0;
	int field;

	if (im->nmissing == 0)
		return true;
	for (int i = 0; i < im->ncols; i++)
		if (im->cols[i].required && im->cols[i].field < 0)
			append(lacks, sizeof lacks, &used, "%s%s", used ? ", " : "",
			       col_title(&im->cols[i], title, sizeof title));
	key_text(im, titles, sizeof titles, values, sizeof values, &field);
	if (im->nkey > 1)
		report_at(im, line, field - 1, ngettext("columns %s: expected a row already in %s "
			  "(a new row needs the column %s, which the file lacks), got %s",
			  "columns %s: expected a row already in %s (a new row needs the columns "
			  "%s, which the file lacks), got %s", im->nmissing), titles, im->table,
			  lacks, values);
	else
		report_at(im, line, field - 1, ngettext("column %s: expected a code already in %s "
			  "(a new row needs the column %s, which the file lacks), got %s",
			  "column %s: expected a code already in %s (a new row needs the columns "
			  "%s, which the file lacks), got %s", im->nmissing), titles, im->table,
			  lacks, values);
	return false;
}

/*
 * The columns of points that riskgrade approve sets (集体审定): the approved tier and its
 * date must be those of the point's latest approval; the date of the last assessment,
 * which the approval also was, can only move on from it.
 */
static const struct {
	const char *name;  /* column of points */
	int from;          /* the approval's value: column 1 (tier) or 2 (date) of
			      im->approval */
	bool or_later;     /* a later date than the approval's is allowed */
	const char *msg;   /* the report of a row that would undo the approval, with the
			      column, the value expected, the one found, the point, the tier,
			      the date and who approved it, the approval's number; and how the
			      decision is changed instead */
} approval_cols[] = {
	{"approved_tier", 1, false, N_("column %s: expected %s, got %s: %s was approved %s on "
				       "%s by %s (approval %lld), and a new tier is decided with "
				       "riskgrade approve, not by import")},
	{"approved_on", 2, false, N_("column %s: expected %s, got %s: %s was approved %s on "
				     "%s by %s (approval %lld), and a new tier is decided with "
				     "riskgrade approve, not by import")},
	{"last_graded", 2, true, N_("column %s: expected %s or later, got %s: %s was approved "
				    "%s on %s by %s (approval %lld), which assessed it that day")},
};

/* Prepare im->approval when importing points with a column an approval sets. */
static rg_status prepare_approval(importer *im, rg_err *e)
{
	bool any = false;

	if (strcmp(im->table, "points") != 0)
		return RG_OK;
	for (size_t k = 0; k < sizeof approval_cols / sizeof approval_cols[0]; k++) {
		int i = find_column(im, approval_cols[k].name);
		if (i < 0)
			return err_set(e, RG_DB, "table points has no column %s",
				       approval_cols[k].name);
		any = any || im->cols[i].slot >= 0;
	}
	if (!any)
		return RG_OK;
	return db_prepare(im->d, "SELECT a.id, a.tier, a.approved_on, ifnull(p.name, a.by)"
			  " FROM approvals a LEFT JOIN persons p ON p.code = a.by"
			  " WHERE a.point = ?1 ORDER BY a.id DESC LIMIT 1", &im->approval, e);
}

/*
 * A point approved with riskgrade approve keeps its approval: the row is reported, for
 * each column it would undo it in, and false returned.  RG_DB goes to *st.
 */
static bool keeps_approval(importer *im, long line, rg_status *st, rg_err *e)
{
	const column *key = &im->cols[im->key[0]];
	bool row, ok = true;
	char title[256], got[1024];

	db_bind_text(im->approval, 1, im->vals[key->slot].text);
	if ((*st = db_step(im->approval, &row, e)) != RG_OK)
		return false;
	for (size_t k = 0; row && k < sizeof approval_cols / sizeof approval_cols[0]; k++) {
		const column *c = &im->cols[find_column(im, approval_cols[k].name)];
		const char *want = db_col_text(im->approval, approval_cols[k].from), *v;
		int cmp;
		if (c->slot < 0)
			continue;
		v = im->vals[c->slot].type == DB_TEXT ? im->vals[c->slot].text : NULL;
		cmp = v == NULL ? -1 : strcmp(v, want);
		if (cmp == 0 || (cmp > 0 && approval_cols[k].or_later))
			continue;
		if (v == NULL)
			snprintf(got, sizeof got, "%s", _("an empty field"));
		else
			shown(im, v, got, sizeof got);
		report_at(im, line, c->field, _(approval_cols[k].msg),
			  col_title(c, title, sizeof title), want, got, im->vals[key->slot].text,
			  db_col_text(im->approval, 1), db_col_text(im->approval, 2),
			  db_col_text(im->approval, 3), (long long)db_col_int(im->approval, 0));
		ok = false;
	}
	db_reset(im->approval);
	return ok;
}

/* The fields under a header cell left empty must be empty too; false (reported) if one is
 * not. */
static bool check_blanks(importer *im, long line)
{
	bool ok = true;

	/* A sheet's row may go on past the header's last column: those cells are under no
	 * header either. */
	for (size_t f = 0; f < im->ncells; f++) {
		const char *v;
		if (f < (size_t)im->nfields && !im->blank[f])
			continue;
		v = trim(im->cells[f]);
		if (v[0] != '\0' && im->secret != NULL) {
			/* A 举报人 column whose header was deleted: never echo who filed it. */
			report_at(im, line, (int)f, _("a column without a name in the header: "
				  "expected an empty field, got a value (not shown: it may be the "
				  "%s)"), im->secret->label);
			ok = false;
		} else if (v[0] != '\0') {
			report_at(im, line, (int)f, _("a column without a name in the header: "
				  "expected an empty field, got \"%s\""), v);
			ok = false;
		}
	}
	return ok;
}

/* The cell text of a 日期 fact f as YYYY-MM-DD in f->date when it is a date in another
 * form (date_parse_cell), else text as it is (for factdef_parse to take or refuse). */
static const char *fact_date(importer *im, fact_column *f, const char *text)
{
	long days;

	if (f->def->type != FACT_DATE || !date_parse_cell(text, im->date1904, &days, NULL) ||
	    !date_format(days, f->date))
		return text;
	return f->date;
}

/* Check every field of the current row into im->vals, and that the row keeps an approval;
 * false when it was reported.  RG_DB goes to *st. */
static bool check_row(importer *im, long line, rg_status *st, rg_err *e)
{
	bool ok = check_blanks(im, line);

	for (int k = 0; k < im->ninsert; k++) {
		char *text = im->cells[im->cols[im->order[k]].field];
		if (!check_field(im, k, trim(text), line, st, e))
			ok = false;
		if (*st != RG_OK)
			return false;
	}
	/* In the order of the file's columns, as the table's own are reported. */
	for (int field = 0; im->nfacts_present > 0 && field < im->nfields; field++) {
		fact_column *f = NULL;
		char title[256], got[1024], expected[2200];
		const char *text;
		for (int k = 0; k < im->defs.n && f == NULL; k++)
			if (im->facts[k].field == field)
				f = &im->facts[k];
		if (f == NULL)
			continue;
		text = trim(im->cells[f->field]);
		f->v = (fact_value){DB_NULL, 0, 0, NULL};
		if (text[0] == '\0')
			continue; /* an empty cell: the point has no such fact */
		if (factdef_parse(f->def, fact_date(im, f, text), &f->v))
			continue;
		report_at(im, line, f->field, _("column %s: expected %s, got %s"),
			  fact_title(f, title, sizeof title),
			  factdef_expected(f->def, expected, sizeof expected),
			  shown(im, text, got, sizeof got));
		ok = false;
	}
	return ok && (im->approval == NULL || keeps_approval(im, line, st, e));
}

/* Is the checked row's key in the table (*found, with its rowid in *rid), and with the
 * row's values (*same)? */
static rg_status find_row(importer *im, bool *found, bool *same, int64_t *rid, rg_err *e)
{
	value null = {.type = DB_NULL};
	int param = im->nkey;
	rg_status st;

	for (int k = 0; k < im->nkey; k++) {
		const column *col = &im->cols[im->key[k]];
		bind_value(im->lookup, k + 1, col->slot >= 0 ? &im->vals[col->slot] : &null);
	}
	for (int k = 0; k < im->ninsert; k++)
		if (!im->cols[im->order[k]].key)
			bind_value(im->lookup, ++param, &im->vals[k]);
	if ((st = db_step(im->lookup, found, e)) != RG_OK)
		return st;
	if (*found) {
		*rid = db_col_int(im->lookup, 0);
		*same = db_col_int(im->lookup, 1) != 0;
	}
	db_reset(im->lookup);
	return RG_OK;
}

/* The line of this file that already wrote the row rid into *first, or 0 if none did. */
static rg_status first_line(importer *im, int64_t rid, long *first, rg_err *e)
{
	bool again;
	rg_status st;

	db_bind_int(im->seen_get, 1, rid);
	if ((st = db_step(im->seen_get, &again, e)) != RG_OK)
		return st;
	*first = again ? (long)db_col_int(im->seen_get, 0) : 0;
	db_reset(im->seen_get);
	return RG_OK;
}

/* Insert the checked row (fresh) or update the row rid with it; the rowid of a fresh one
 * goes to *rid.  False when SQLite refused the row (reported) or failed (RG_DB, into
 * *st). */
static bool write_row(importer *im, bool fresh, int64_t *rid, rg_status *st, rg_err *e)
{
	db_stmt *s = fresh ? im->insert : im->update;
	bool row;

	for (int k = 0; k < im->ninsert; k++)
		bind_value(s, k + 1, &im->vals[k]);
	if (!fresh)
		db_bind_int(s, im->ninsert + 1, *rid);
	if ((*st = db_step(s, &row, e)) != RG_OK) {
		if (!db_constraint_failed(s))
			return false;
		*st = RG_OK;
		db_reset(s);
		report_constraint(im, e->msg);
		return false;
	}
	db_reset(s);
	if (fresh)
		*rid = db_last_rowid(im->d);
	return true;
}

/* Remember that line wrote the row rid, to find its key given again. */
static rg_status remember_row(importer *im, int64_t rid, long line, rg_err *e)
{
	bool row;
	rg_status st;

	db_bind_int(im->seen_put, 1, rid);
	db_bind_int(im->seen_put, 2, line);
	if ((st = db_step(im->seen_put, &row, e)) != RG_OK)
		return st;
	db_reset(im->seen_put);
	return RG_OK;
}

/* Prepare the statements that read and write the declared facts of the file's rows. */
static rg_status prepare_facts(importer *im, rg_err *e)
{
	char sql[256];
	const fact_def *f = im->defs.n > 0 ? im->facts[0].def : NULL;
	rg_status st;

	if (im->nfacts_present == 0)
		return RG_OK;
	/* The same store for every fact of the table (the store and owner are schema names,
	 * from enum_fact_sheet). */
	snprintf(sql, sizeof sql, "SELECT value IS ?3 AND typeof(value) = typeof(?3) FROM %s"
		 " WHERE %s = ?1 AND fact = ?2", f->store, f->owner);
	if ((st = db_prepare(im->d, sql, &im->fact_get, e)) != RG_OK)
		return st;
	snprintf(sql, sizeof sql, "INSERT INTO %s (%s, fact, value) VALUES (?1, ?2, ?3)"
		 " ON CONFLICT (%s, fact) DO UPDATE SET value = excluded.value", f->store, f->owner,
		 f->owner);
	if ((st = db_prepare(im->d, sql, &im->fact_put, e)) != RG_OK)
		return st;
	snprintf(sql, sizeof sql, "DELETE FROM %s WHERE %s = ?1 AND fact = ?2", f->store,
		 f->owner);
	return db_prepare(im->d, sql, &im->fact_del, e);
}

/* Step s (bound), for its one row or none, and reset it: *row and, on a row, *first (its
 * column 0) are set. */
static rg_status step_once(db_stmt *s, bool *row, int64_t *first, rg_err *e)
{
	rg_status st = db_step(s, row, e);

	if (st == RG_OK && *row)
		*first = db_col_int(s, 0);
	db_reset(s);
	return st;
}

/* Write the declared facts the file has for the current row (its code is the key): a
 * value in a cell replaces the one stored, an empty cell removes it.  *changed is set
 * when anything differed. */
static rg_status write_facts(importer *im, bool *changed, rg_err *e)
{
	const char *code = im->vals[im->cols[im->key[0]].slot].text;
	rg_status st;

	for (int k = 0; k < im->defs.n; k++) {
		const fact_column *f = &im->facts[k];
		value v = {.type = f->v.type, .i = f->v.i, .r = f->v.r, .text = f->v.text};
		int64_t same = 0;
		bool stored;
		if (f->field < 0)
			continue;
		db_bind_text(im->fact_get, 1, code);
		db_bind_text(im->fact_get, 2, f->def->name);
		bind_value(im->fact_get, 3, &v);
		if ((st = step_once(im->fact_get, &stored, &same, e)) != RG_OK)
			return st;
		if (v.type == DB_NULL ? !stored : stored && same)
			continue;
		db_stmt *w = v.type == DB_NULL ? im->fact_del : im->fact_put;
		db_bind_text(w, 1, code);
		db_bind_text(w, 2, f->def->name);
		if (v.type != DB_NULL)
			bind_value(w, 3, &v);
		if ((st = step_once(w, &stored, &same, e)) != RG_OK)
			return st;
		*changed = true;
	}
	return RG_OK;
}

/*
 * A row of fact_definitions, as written (rowid rid): checked beyond its columns'
 * constraints by factdef_check_definition, reported naming the field at fault; false
 * when it was.  RG_DB goes to *st.
 */
static bool definition_ok(importer *im, int64_t rid, long line, rg_status *st, rg_err *e)
{
	db_stmt *s = NULL;
	const char *at_fault = NULL;
	char expected[512], title[256], got[1024];
	bool row;

	*st = db_prepare(im->d, "SELECT name, label, belongs_to, choices FROM fact_definitions"
			 " WHERE rowid = ?1", &s, e);
	if (*st == RG_OK) {
		db_bind_int(s, 1, rid);
		*st = db_step(s, &row, e);
	}
	if (*st == RG_OK && row)
		*st = factdef_check_definition(im->d, db_col_text(s, 0), db_col_text(s, 1),
					       db_col_text(s, 2), db_col_text(s, 3), &at_fault,
					       expected, sizeof expected, e);
	if (*st == RG_OK && at_fault != NULL) {
		const column *col = column_named(im, at_fault);
		const char *cell = col->field >= 0 ? im->cells[col->field] : NULL;
		if (cell != NULL)
			report_at(im, line, col->field, _("column %s: expected %s, got %s"),
				  col_title(col, title, sizeof title), expected,
				  shown(im, cell, got, sizeof got));
		else
			report_at(im, line, -1, _("column %s: expected %s"),
				  col_title(col, title, sizeof title), expected);
	}
	db_finalize(s);
	return *st == RG_OK && at_fault == NULL;
}

/*
 * Check, look up and write the current row.  *fresh and *changed tell what happened to
 * a row written (new, updated; neither: unchanged); false when the row was reported.
 * RG_DB for database failures goes to *st.  Every statement is reset right after its
 * step (and a failed step ends the import), so each is ready to bind when a row starts.
 */
static bool import_row(importer *im, bool *fresh, bool *changed, rg_status *st, rg_err *e)
{
	long line = im->line, first = 0;
	bool found = false, same = false;
	int64_t rid = 0;

	*st = RG_OK;
	if (!check_row(im, line, st, e))
		return false;
	if ((*st = find_row(im, &found, &same, &rid, e)) != RG_OK)
		return false;
	*fresh = !found;
	*changed = found && !same;
	if (found && (*st = first_line(im, rid, &first, e)) != RG_OK)
		return false;
	if (first > 0) {
		report_repeat(im, line, first);
		return false;
	}
	if (!found && !new_row_ok(im, line))
		return false;
	if (!(found && same) && !write_row(im, *fresh, &rid, st, e))
		return false;
	if (im->definitions && !definition_ok(im, rid, line, st, e))
		return false;
	if (im->nfacts_present > 0) {
		bool facts_changed = false;
		if ((*st = write_facts(im, &facts_changed, e)) != RG_OK)
			return false;
		*changed = *changed || (found && facts_changed);
	}
	return (*st = remember_row(im, rid, line, e)) == RG_OK;
}

/* Finalize every statement of im. */
static void finish(importer *im)
{
	db_finalize(im->lookup);
	db_finalize(im->insert);
	db_finalize(im->update);
	db_finalize(im->seen_get);
	db_finalize(im->seen_put);
	db_finalize(im->approval);
	db_finalize(im->fact_get);
	db_finalize(im->fact_put);
	db_finalize(im->fact_del);
	for (int i = 0; i < im->ncols; i++)
		db_finalize(im->cols[i].ref_check);
	factdef_free(&im->defs);
}

/* Read all of f (standard input or a pipe) into im->input, at most MAX_STREAM bytes:
 * telling a workbook from CSV, and CSV's encoding, reads ahead, which a pipe cannot
 * undo. */
static rg_status slurp(importer *im, FILE *f, rg_err *e)
{
	size_t cap = 1 << 16;

	for (;;) {
		if (im->input == NULL || im->input_len == cap) {
			unsigned char *p;
			if (im->input != NULL)
				cap *= 2;
			if ((p = realloc(im->input, cap)) == NULL)
				return err_set(e, RG_IO, "%s: out of memory", im->path);
			im->input = p;
		}
		size_t n = fread(im->input + im->input_len, 1, cap - im->input_len, f);
		im->input_len += n;
		if (im->input_len > MAX_STREAM)
			return err_set(e, RG_INPUT, "%s: more than %u bytes: expected at most that "
				       "from standard input or a pipe (import it from a file)",
				       im->path, MAX_STREAM);
		if (n == 0)
			break;
	}
	if (ferror(f))
		return err_set(e, RG_IO, "%s: read error: %s", im->path, strerror(errno));
	return RG_OK;
}

/* The workbook format path's extension claims (.xlsx, .xlsm, .xls, in any case), or
 * SHEET_CSV. */
static sheet_format named_format(const char *path)
{
	const char *dot = strrchr(path, '.');

	if (dot == NULL || strchr(dot, '/') != NULL)
		return SHEET_CSV;
	if (strcasecmp(dot, ".xlsx") == 0 || strcasecmp(dot, ".xlsm") == 0)
		return SHEET_XLSX;
	return strcasecmp(dot, ".xls") == 0 ? SHEET_XLS : SHEET_CSV;
}

/* Open a CSV file (im->file, or the bytes of im->input) and read it in kind, or for
 * ENC_AUTO in the encoding enc_detect finds, into im->kind. */
static rg_status open_csv(importer *im, enc_kind kind, rg_err *e)
{
	rg_status st;

	if (im->input != NULL) {
		if (im->input_len == 0)
			return err_set(e, RG_INPUT, "%s: the file is empty: expected a header row",
				       im->path);
		if ((im->file = fmemopen(im->input, im->input_len, "rb")) == NULL)
			return err_set(e, RG_IO, "%s: %s", im->path, strerror(errno));
	}
	if (kind == ENC_AUTO && (st = enc_detect(im->file, im->path, &kind, e)) != RG_OK)
		return st;
	im->kind = kind;
	if ((im->enc = enc_open(im->file, im->path, kind, e)) == NULL)
		return RG_IO;
	if ((im->reader = csv_open(enc_file(im->enc), im->path)) == NULL)
		return err_set(e, RG_IO, "%s: out of memory", im->path);
	return RG_OK;
}

/*
 * Open o->path, or standard input for "-", as what its first bytes say it is: a workbook
 * (its sheet o->sheet, or the first) into im->book, or a CSV file into im->reader.  A
 * file named as a workbook that is none, --sheet for a CSV file and --encoding for a
 * workbook are refused.  What is opened goes to im, for close_input.
 */
static rg_status open_input(importer *im, const import_opts *o, rg_err *e)
{
	unsigned char head[SHEET_MAGIC];
	size_t n;
	struct stat sb;
	sheet_format fmt;
	rg_status st;

	if (strcmp(o->path, "-") == 0) {
		if ((st = slurp(im, stdin, e)) != RG_OK)
			return st;
	} else if ((im->file = fopen(o->path, "rb")) == NULL) {
		return err_set(e, RG_IO, "%s: cannot open: %s", im->path, strerror(errno));
	} else if (fstat(fileno(im->file), &sb) != 0 || !S_ISREG(sb.st_mode)) {
		st = slurp(im, im->file, e);
		fclose(im->file);
		im->file = NULL;
		if (st != RG_OK)
			return st;
	}
	if (im->input != NULL) {
		fmt = sheet_format_of(im->input, im->input_len);
	} else {
		n = fread(head, 1, sizeof head, im->file);
		if (ferror(im->file) || fseek(im->file, 0, SEEK_SET) != 0)
			return err_set(e, RG_IO, "%s: read error: %s", im->path, strerror(errno));
		fmt = sheet_format_of(head, n);
	}
	im->format = fmt;
	if (fmt == SHEET_CSV && named_format(o->path) == SHEET_XLSX)
		return err_set(e, RG_INPUT, "%s: not an .xlsx workbook: it does not begin as one "
			       "(expected a zip archive), so it would be read as CSV: save it "
			       "again as .xlsx, or name it .csv if it is CSV", im->path);
	if (fmt == SHEET_CSV && named_format(o->path) == SHEET_XLS)
		return err_set(e, RG_INPUT, "%s: not an .xls workbook: it does not begin as one "
			       "(expected an OLE2 compound file), so it would be read as CSV: "
			       "save it again as .xls, or name it .csv if it is CSV", im->path);
	if (fmt == SHEET_CSV) {
		if (o->sheet != NULL)
			return err_set(e, RG_USAGE, "--sheet is for .xlsx and .xls workbooks: %s is "
				       "a CSV file", im->path);
		return open_csv(im, o->encoding, e);
	}
	if (o->encoding != ENC_AUTO)
		return err_set(e, RG_USAGE, "--encoding is for CSV files: %s is an .%s workbook, "
			       "whose text is Unicode", im->path, sheet_format_name(fmt));
	if (im->file != NULL) {
		fclose(im->file);
		im->file = NULL;
	}
	if ((st = sheet_open(im->input != NULL ? NULL : o->path, im->input, im->input_len, fmt,
			     im->path, o->sheet, NULL, &im->book, e)) != RG_OK)
		return st;
	im->kind = ENC_UTF8;
	im->date1904 = sheet_date1904(im->book);
	return RG_OK;
}

/* Close what open_input opened (any of it may be NULL), and the row's cells. */
static void close_input(importer *im)
{
	csv_close(im->reader);
	enc_close(im->enc);
	if (im->file != NULL)
		fclose(im->file);
	sheet_close(im->book);
	free(im->input);
	free(im->cells);
}

/* Show the progress of reading im->file, when it is a regular file of known size. */
static void start_progress(importer *im)
{
	char label[160];
	struct stat sb;

	/* TRANSLATORS: the progress bar's label; the table. */
	snprintf(label, sizeof label, _("importing %s"), im->table);
	progress_start(fstat(fileno(im->file), &sb) == 0 && S_ISREG(sb.st_mode)
		       ? (long long)sb.st_size : -1, label);
}

/*
 * Import every row after the header, counting into r those written, reporting the
 * others; a broken quote ends the reading, as the rest of the file cannot be read.
 * Returns RG_OK when every row was read, reported or not; RG_IO or RG_DB otherwise.
 */
static rg_status read_rows(importer *im, bool progress, import_result *r, rg_err *e)
{
	rg_status st;

	if (progress && im->book == NULL)
		start_progress(im);
	for (;;) {
		bool fresh, changed;
		st = next_record(im, e);
		if (st == RG_INPUT) {
			/* A broken quote, or a broken workbook, leaves the rest unreadable: stop. */
			char why[sizeof e->msg];
			snprintf(why, sizeof why, "%s", e->msg);
			if (im->book == NULL)
				report_invalid(im, im->reader, im->line);
			report(im, "%s", why);
			break;
		}
		if (st != RG_OK)
			goto out;
		if (im->ncells == 0) {
			if (im->book == NULL)
				report_invalid(im, im->reader, im->line);
			break;
		}
		if (im->book == NULL) {
			if (progress)
				progress_set(enc_bytes_read(im->enc));
			if (report_invalid(im, im->reader, im->line) > 0)
				continue;
		}
		if (row_empty(im))
			continue; /* the ,,,, rows Excel leaves */
		if (im->book == NULL && im->ncells != (size_t)im->nfields) {
			report_at(im, im->line, -1, _("expected %d fields as in the header, got "
				  "%zu"), im->nfields, im->ncells);
			continue;
		}
		if (!import_row(im, &fresh, &changed, &st, e)) {
			if (st != RG_OK)
				goto out;
			continue;
		}
		r->added += fresh;
		r->updated += changed;
		r->unchanged += !fresh && !changed;
	}
	st = RG_OK;
out:
	progress_end();
	return st;
}

/* What misfit() needs. */
typedef struct {
	importer *im;
	db_stmt *line; /* the line of the file that wrote a definition, by its name */
	rg_status st;
	rg_err *e;
} misfit_args;

/* Report that the values of def no longer fit it, at the line that changed it. */
static void misfit(void *ctx, const fact_def *def, long count, const char *examples)
{
	misfit_args *a = ctx;
	int64_t line = 0;
	bool row = false;

	if (a->st != RG_OK)
		return;
	db_bind_text(a->line, 1, def->name);
	if ((a->st = step_once(a->line, &row, &line, a->e)) != RG_OK)
		return;
	/* TRANSLATORS: the fact, its label, how many values, their table, and the first three
	 * values (then ", …" when there are more). */
	report_at(a->im, row ? (long)line : 0, -1, ngettext("fact \"%s\" (%s): %ld value of %s "
		  "already imported no longer fits the definition (%s%s): import them again, or "
		  "empty, before changing it, or keep it as it was", "fact \"%s\" (%s): %ld "
		  "values of %s already imported no longer fit the definition (%s%s): import them "
		  "again, or empty, before changing it, or keep it as it was", count), def->name,
		  def->label, count, def->table, examples, count > 3 ? ", …" : "");
}

/* After fact_definitions is imported: the values already imported must fit the
 * definitions as they are now; those that do not are reported. */
static rg_status check_misfits(importer *im, rg_err *e)
{
	misfit_args a = {im, NULL, RG_OK, e};
	rg_status st;

	if (!im->definitions)
		return RG_OK;
	if ((st = db_prepare(im->d, "SELECT s.line FROM temp.import_seen s"
			     " JOIN fact_definitions f ON f.rowid = s.rid WHERE f.name = ?1",
			     &a.line, e)) != RG_OK)
		return st;
	st = factdef_misfits(im->d, misfit, &a, e);
	db_finalize(a.line);
	return st != RG_OK ? st : a.st;
}

/* The error of an import that found im->errors problems (over MAX_REPORTED, only the
 * first were listed), dry_run or not: RG_INPUT. */
static rg_status report_count(const importer *im, bool dry_run, rg_err *e)
{
	long n = im->errors;

	if (n > MAX_REPORTED)
		return dry_run
			? err_set(e, RG_INPUT, ngettext("%s: %ld error (the first 100 are listed); "
				  "it would not be imported", "%s: %ld errors (the first 100 are "
				  "listed); it would not be imported", n), im->path, n)
			: err_set(e, RG_INPUT, ngettext("%s: %ld error (the first 100 are listed); "
				  "nothing was imported", "%s: %ld errors (the first 100 are "
				  "listed); nothing was imported", n), im->path, n);
	return dry_run
		? err_set(e, RG_INPUT, ngettext("%s: %ld error; it would not be imported",
						"%s: %ld errors; it would not be imported", n),
			  im->path, n)
		: err_set(e, RG_INPUT, ngettext("%s: %ld error; nothing was imported",
						"%s: %ld errors; nothing was imported", n),
			  im->path, n);
}

/* Record the import of o->path in the audit log: its table, encoding, SHA-256 and counts. */
static rg_status record_import(db *d, const import_opts *o, const import_result *r,
			       rg_err *e)
{
	char subject[96], *detail;
	rg_status st;

	snprintf(subject, sizeof subject, "table:%s", o->table);
	if ((detail = audit_format("%s (%ssha256 %s): %ld row%s: %ld new, %ld updated, "
				   "%ld unchanged", o->path,
				   r->encoding == ENC_GB18030 ? "GB18030, " : "", r->sha256,
				   r->rows, r->rows == 1 ? "" : "s", r->added, r->updated,
				   r->unchanged)) == NULL)
		return err_set(e, RG_DB, "%s: out of memory recording the import", o->path);
	st = audit_append(d, o->at, o->actor, "import", subject, detail, e);
	free(detail);
	return st;
}

rg_status import_file(db *d, const import_opts *o, import_result *r, FILE *errs, rg_err *e)
{
	importer im;
	rg_status st;
	bool in_tx = false, spill_off = false;

	memset(&im, 0, sizeof im);
	memset(r, 0, sizeof *r);
	im.d = d;
	im.table = o->table;
	/* TRANSLATORS: the name of standard input in messages, as a file's would be. */
	im.path = strcmp(o->path, "-") == 0 ? _("<stdin>") : o->path;
	im.errs = errs;
	if ((st = import_check_table(o->table, e)) != RG_OK)
		return st;
	st = open_input(&im, o, e);
	r->encoding = im.kind;
	r->format = im.format;
	if (im.book != NULL)
		snprintf(r->sheet, sizeof r->sheet, "%s", sheet_name(im.book));
	if (st != RG_OK)
		goto out;
	if ((st = load_columns(&im, e)) != RG_OK ||
	    (st = read_header(&im, e)) != RG_OK || (st = prepare(&im, e)) != RG_OK ||
	    (st = prepare_approval(&im, e)) != RG_OK || (st = prepare_facts(&im, e)) != RG_OK)
		goto out;
	if (o->dry_run) {
		/* Keep every change in memory, so the file is never written, then roll back. */
		if ((st = db_exec(d, "PRAGMA cache_spill = OFF", e)) != RG_OK)
			goto out;
		spill_off = true;
	}
	/* A refused row is reported and the rows after it still checked. */
	db_set_statement_rollback(d, true);
	if ((st = db_begin(d, e)) != RG_OK)
		goto out;
	in_tx = true;
	if ((st = read_rows(&im, o->progress, r, e)) != RG_OK ||
	    (im.errors == 0 && (st = check_misfits(&im, e)) != RG_OK))
		goto out;
	if (im.errors > 0) {
		st = report_count(&im, o->dry_run, e);
		goto out;
	}
	r->rows = r->added + r->updated + r->unchanged;
	if (im.book != NULL)
		sheet_sha256(im.book, r->sha256);
	else
		enc_sha256(im.enc, r->sha256);
	if (o->dry_run) {
		db_rollback(d);
		in_tx = false;
		goto out;
	}
	if ((st = record_import(d, o, r, e)) != RG_OK)
		goto out;
	st = db_commit(d, e);
	in_tx = false;
out:
	progress_end();
	if (in_tx)
		db_rollback(d);
	if (spill_off)
		db_exec(d, "PRAGMA cache_spill = ON", NULL);
	finish(&im);
	if (im.lookup != NULL || im.seen_put != NULL)
		db_exec(d, "DROP TABLE IF EXISTS temp.import_seen", NULL);
	if (st != RG_OK) {
		r->rows = r->added = r->updated = r->unchanged = 0;
		r->sha256[0] = '\0';
	}
	close_input(&im);
	return st;
}

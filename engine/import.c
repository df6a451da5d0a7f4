/*
 * import.c: generic CSV import.  For each table it asks SQLite for the columns
 * (pragma_table_info), their references (pragma_foreign_key_list) and labels (the labels
 * table), checks each field, and inserts with one prepared statement, so a row either
 * goes in whole or is reported.  Depends on db.h, csv.h, status.h.
 */
#include "import.h"

#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "csv.h"
#include "args.h"

#define MAX_COLS 32
#define MAX_REPORTED 100

const char *const import_tables[] = {
	"agencies", "departments", "posts", "persons", "oversight", "powers",
	"points", "ratings", "measures", "signals", "changes", NULL,
};

/* What the schema says about one column of the target table. */
typedef struct {
	char name[64];       /* column name */
	char label[128];     /* Chinese label, or "" */
	char type[16];       /* declared type: TEXT, INTEGER, REAL */
	bool required;       /* NOT NULL without a default */
	bool has_default;    /* an empty field takes the schema's default */
	char dflt[128];      /* that default, evaluated, as text */
	char ref_table[64];  /* referenced table, or "" */
	db_stmt *ref_check;  /* SELECT 1 FROM ref_table WHERE ref_col = ?; or NULL */
	int field;           /* index of the CSV field holding it, or -1 */
} column;

/* The state of one import. */
typedef struct {
	db *d;                 /* the database */
	const char *table;     /* target table */
	const char *path;      /* CSV file name, for messages */
	column cols[MAX_COLS]; /* the table's columns */
	int ncols;             /* how many */
	int ninsert;           /* columns present in the file, bound in insert order */
	int order[MAX_COLS];   /* order[k]: index in cols of the k-th bound column */
	db_stmt *insert;       /* the INSERT statement */
	long errors;           /* rows reported so far */
	FILE *errs;            /* where reports go */
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
	fputs("riskgrade: ", im->errs);
	va_start(ap, fmt);
	vfprintf(im->errs, fmt, ap);
	va_end(ap);
	fputc('\n', im->errs);
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

static void copy(char *dst, size_t n, const char *src)
{
	snprintf(dst, n, "%s", src ? src : "");
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

static rg_status load_columns(importer *im, rg_err *e)
{
	db_stmt *s = NULL;
	bool row;
	rg_status st;

	st = db_prepare(im->d,
			"SELECT name, upper(type), \"notnull\" AND dflt_value IS NULL AND NOT pk,"
			" dflt_value FROM pragma_table_info(?1) ORDER BY cid", &s, e);
	if (st != RG_OK)
		goto out;
	db_bind_text(s, 1, im->table);
	while ((st = db_step(s, &row, e)) == RG_OK && row) {
		if (im->ncols == MAX_COLS) {
			st = err_set(e, RG_DB, "table %s has more than %d columns", im->table,
				     MAX_COLS);
			goto out;
		}
		column *c = &im->cols[im->ncols++];
		copy(c->name, sizeof c->name, db_col_text(s, 0));
		copy(c->type, sizeof c->type, db_col_text(s, 1));
		c->required = db_col_int(s, 2) != 0;
		c->field = -1;
		if (db_col_type(s, 3) != DB_NULL &&
		    (st = eval_default(im, c, db_col_text(s, 3), e)) != RG_OK)
			goto out;
	}
	if (st != RG_OK)
		goto out;
	db_finalize(s);
	s = NULL;

	st = db_prepare(im->d, "SELECT col, label FROM labels WHERE tbl = ?1", &s, e);
	if (st != RG_OK)
		goto out;
	db_bind_text(s, 1, im->table);
	while ((st = db_step(s, &row, e)) == RG_OK && row)
		for (int i = 0; i < im->ncols; i++)
			if (strcmp(im->cols[i].name, db_col_text(s, 0)) == 0)
				copy(im->cols[i].label, sizeof im->cols[i].label, db_col_text(s, 1));
	if (st != RG_OK)
		goto out;
	db_finalize(s);
	s = NULL;

	st = db_prepare(im->d, "SELECT \"from\", \"table\", \"to\" FROM pragma_foreign_key_list(?1)",
			&s, e);
	if (st != RG_OK)
		goto out;
	db_bind_text(s, 1, im->table);
	while ((st = db_step(s, &row, e)) == RG_OK && row) {
		for (int i = 0; i < im->ncols; i++) {
			column *c = &im->cols[i];
			char sql[256];
			if (strcmp(c->name, db_col_text(s, 0)) != 0)
				continue;
			copy(c->ref_table, sizeof c->ref_table, db_col_text(s, 1));
			snprintf(sql, sizeof sql, "SELECT 1 FROM \"%s\" WHERE \"%s\" = ?1",
				 db_col_text(s, 1), db_col_text(s, 2) ? db_col_text(s, 2) : "code");
			st = db_prepare(im->d, sql, &c->ref_check, e);
			if (st != RG_OK)
				goto out;
		}
	}
out:
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

static rg_status read_header(importer *im, csv *c, rg_err *e)
{
	char title[256];
	rg_status st = csv_read(c, e);

	if (st != RG_OK)
		return st;
	if (csv_nfields(c) == 0)
		return err_set(e, RG_INPUT, "%s: the file is empty: expected a header row",
			       im->path);
	for (size_t f = 0; f < csv_nfields(c); f++) {
		char buf[256];
		copy(buf, sizeof buf, csv_field(c, f));
		const char *h = trim(buf);
		int i = find_column(im, h);
		if (i < 0) {
			char known[2048] = "";
			for (int k = 0; k < im->ncols; k++) {
				size_t used = strlen(known);
				snprintf(known + used, sizeof known - used, "%s%s", k ? ", " : "",
					 col_title(&im->cols[k], title, sizeof title));
			}
			return err_set(e, RG_INPUT,
				       "%s:%ld:%zu: unknown column \"%s\" for table %s: expected one "
				       "of %s", im->path, csv_line(c), f + 1, h, im->table, known);
		}
		if (im->cols[i].field >= 0)
			return err_set(e, RG_INPUT, "%s:%ld:%zu: column %s appears twice",
				       im->path, csv_line(c), f + 1,
				       col_title(&im->cols[i], title, sizeof title));
		im->cols[i].field = (int)f;
		im->order[im->ninsert++] = i;
	}
	for (int i = 0; i < im->ncols; i++)
		if (im->cols[i].required && im->cols[i].field < 0)
			return err_set(e, RG_INPUT, "%s:%ld: missing column %s", im->path,
				       csv_line(c), col_title(&im->cols[i], title, sizeof title));
	return RG_OK;
}

static rg_status prepare_insert(importer *im, rg_err *e)
{
	char sql[4096];
	size_t n = 0;

	n += (size_t)snprintf(sql + n, sizeof sql - n, "INSERT INTO \"%s\" (", im->table);
	for (int k = 0; k < im->ninsert; k++)
		n += (size_t)snprintf(sql + n, sizeof sql - n, "%s\"%s\"", k ? ", " : "",
				      im->cols[im->order[k]].name);
	n += (size_t)snprintf(sql + n, sizeof sql - n, ") VALUES (");
	for (int k = 0; k < im->ninsert; k++)
		n += (size_t)snprintf(sql + n, sizeof sql - n, "%s?%d", k ? ", " : "", k + 1);
	snprintf(sql + n, sizeof sql - n, ")");
	return db_prepare(im->d, sql, &im->insert, e);
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
		used += (size_t)snprintf(out + used, n - used, "%s%s", used ? ", " : "",
					 db_col_text(s, 0));
	db_finalize(s);
}

/* Check one field and bind it as parameter k+1; false (reported) if it is bad. */
static bool bind_field(importer *im, int k, const char *value, long line, rg_err *e)
{
	column *c = &im->cols[im->order[k]];
	char title[256];
	bool row;

	if (value[0] == '\0' && c->has_default)
		value = c->dflt;
	if (value[0] == '\0') {
		if (c->required) {
			report(im, "%s:%ld:%d: column %s: expected a value, got an empty field",
			       im->path, line, c->field + 1, col_title(c, title, sizeof title));
			return false;
		}
		db_bind_null(im->insert, k + 1);
		return true;
	}
	if (strcmp(c->type, "INTEGER") == 0) {
		char *end;
		long long v;
		if (strcmp(value, "是") == 0)
			v = 1;
		else if (strcmp(value, "否") == 0)
			v = 0;
		else {
			errno = 0;
			v = strtoll(value, &end, 10);
			if (errno != 0 || *end != '\0') {
				report(im, "%s:%ld:%d: column %s: expected a whole number, got \"%s\"",
				       im->path, line, c->field + 1, col_title(c, title, sizeof title),
				       value);
				return false;
			}
		}
		db_bind_int(im->insert, k + 1, v);
	} else if (strcmp(c->type, "REAL") == 0) {
		char *end;
		errno = 0;
		double v = strtod(value, &end);
		if (errno != 0 || *end != '\0' || !isfinite(v)) {
			report(im, "%s:%ld:%d: column %s: expected a number, got \"%s\"", im->path,
			       line, c->field + 1, col_title(c, title, sizeof title), value);
			return false;
		}
		db_bind_double(im->insert, k + 1, v);
	} else {
		db_bind_text(im->insert, k + 1, value);
	}
	if (c->ref_check == NULL)
		return true;
	db_reset(c->ref_check);
	db_bind_text(c->ref_check, 1, value);
	if (db_step(c->ref_check, &row, e) != RG_OK)
		return false;
	db_reset(c->ref_check);
	if (row)
		return true;
	if (strncmp(c->ref_table, "enum_", 5) == 0) {
		char values[1024];
		enum_values(im, c->ref_table, values, sizeof values);
		report(im, "%s:%ld:%d: column %s: expected one of %s, got \"%s\"", im->path, line,
		       c->field + 1, col_title(c, title, sizeof title), values, value);
	} else {
		report(im, "%s:%ld:%d: column %s: expected the code of an existing row of %s, "
		       "got \"%s\"", im->path, line, c->field + 1,
		       col_title(c, title, sizeof title), c->ref_table, value);
	}
	return false;
}

/* Explain a constraint SQLite refused, naming the field when it can. */
static void report_constraint(importer *im, csv *c, const char *msg)
{
	const char *check = "CHECK constraint failed: ";
	const char *unique = "UNIQUE constraint failed: ";
	const char *pk = "PRIMARY KEY constraint failed: ";
	long line = csv_line(c);
	char title[256];

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
				report(im, "%s:%ld:%d: column %s: expected %s, got \"%s\"", im->path,
				       line, cc->field + 1, col_title(cc, title, sizeof title),
				       colon + 2, csv_field(c, (size_t)cc->field));
				return;
			}
			if (i >= 0) {
				report(im, "%s:%ld: column %s: expected %s, got nothing", im->path,
				       line, col_title(&im->cols[i], title, sizeof title), colon + 2);
				return;
			}
		}
	} else if (strncmp(msg, unique, strlen(unique)) == 0 ||
		   strncmp(msg, pk, strlen(pk)) == 0) {
		/* "UNIQUE constraint failed: table.column" names one column unless composite. */
		const char *dot = strchr(msg, '.');
		int i = dot != NULL && strchr(dot, ',') == NULL ? find_column(im, dot + 1) : -1;
		if (i >= 0 && im->cols[i].field >= 0) {
			column *cc = &im->cols[i];
			report(im, "%s:%ld:%d: column %s: expected a code not already in %s, got \"%s\"",
			       im->path, line, cc->field + 1, col_title(cc, title, sizeof title),
			       im->table, csv_field(c, (size_t)cc->field));
		} else {
			report(im, "%s:%ld: a row with the same key is already in %s (%s)", im->path,
			       line, im->table, msg);
		}
		return;
	}
	report(im, "%s:%ld: the row was refused: %s", im->path, line, msg);
}

rg_status import_csv(db *d, const char *table, const char *path, long *rows, FILE *errs,
		     rg_err *e)
{
	importer im;
	FILE *f = NULL;
	csv *c = NULL;
	rg_status st;
	bool in_tx = false;

	memset(&im, 0, sizeof im);
	im.d = d;
	im.table = table;
	im.path = path;
	im.errs = errs;
	*rows = 0;
	if ((st = import_check_table(table, e)) != RG_OK)
		return st;
	f = fopen(path, "rb");
	if (f == NULL) {
		st = err_set(e, RG_IO, "%s: cannot open: %s", path, strerror(errno));
		goto out;
	}
	c = csv_open(f, path);
	if (c == NULL) {
		st = err_set(e, RG_IO, "%s: out of memory", path);
		goto out;
	}
	st = load_columns(&im, e);
	if (st != RG_OK)
		goto out;
	st = read_header(&im, c, e);
	if (st != RG_OK)
		goto out;
	st = prepare_insert(&im, e);
	if (st != RG_OK)
		goto out;
	st = db_begin(d, e);
	if (st != RG_OK)
		goto out;
	in_tx = true;
	for (;;) {
		bool ok = true, row;
		st = csv_read(c, e);
		if (st == RG_INPUT) {
			/* A broken quote leaves the rest of the file unreadable: stop here. */
			report(&im, "%s", e->msg);
			break;
		}
		if (st != RG_OK)
			goto out;
		if (csv_nfields(c) == 0)
			break;
		if (csv_nfields(c) != (size_t)im.ninsert) {
			report(&im, "%s:%ld: expected %d fields as in the header, got %zu", path,
			       csv_line(c), im.ninsert, csv_nfields(c));
			continue;
		}
		db_reset(im.insert);
		for (int k = 0; k < im.ninsert; k++) {
			char *value = (char *)csv_field(c, (size_t)im.cols[im.order[k]].field);
			if (!bind_field(&im, k, trim(value), csv_line(c), e))
				ok = false;
		}
		if (!ok)
			continue;
		st = db_step(im.insert, &row, e);
		if (st != RG_OK) {
			if (!db_constraint_failed(im.insert))
				goto out;
			report_constraint(&im, c, e->msg);
			continue;
		}
		(*rows)++;
	}
	if (im.errors > 0) {
		st = err_set(e, RG_INPUT, "%s: %ld bad row%s%s; nothing was imported", path,
			     im.errors, im.errors == 1 ? "" : "s",
			     im.errors > MAX_REPORTED ? " (the first 100 are listed)" : "");
		*rows = 0;
		goto out;
	}
	st = db_commit(d, e);
	in_tx = false;
out:
	if (in_tx)
		db_rollback(d);
	if (st != RG_OK)
		*rows = 0;
	db_finalize(im.insert);
	for (int i = 0; i < im.ncols; i++)
		db_finalize(im.cols[i].ref_check);
	csv_close(c);
	if (f != NULL)
		fclose(f);
	return st;
}

static const char usage[] = "riskgrade import DB TABLE FILE.csv";

static const char help[] =
	"usage: riskgrade import DB TABLE FILE.csv\n"
	"\n"
	"Import the UTF-8 CSV file FILE.csv (header row first) into TABLE, in one transaction:\n"
	"every bad row is reported as file:line:column with the field, what was expected and\n"
	"what was found, and if there is any, nothing is written.\n"
	"\n"
	"Headers are the column names or their Chinese labels (e.g. code or 风险点编号).\n"
	"Empty fields are NULL; yes/no columns take 1/0 or 是/否; dates are YYYY-MM-DD.\n"
	"Tables, in the order their references need: agencies departments posts persons\n"
	"oversight powers points ratings measures signals changes.\n";

rg_status cmd_import(int argc, char **argv, rg_err *e)
{
	const char *pos[3];
	arg_opt opts[] = {{NULL, NULL, NULL}};
	bool helped;
	int npos;
	long rows = 0;
	db *d = NULL;
	rg_status st;

	st = args_parse(argc, argv, opts, pos, 3, 3, &npos, &helped, usage, e);
	if (st != RG_OK || helped) {
		if (helped)
			fputs(help, stdout);
		return st;
	}
	if ((st = import_check_table(pos[1], e)) != RG_OK)
		return st;
	st = db_open(pos[0], &d, e);
	if (st == RG_OK)
		st = import_csv(d, pos[1], pos[2], &rows, stderr, e);
	if (st == RG_OK)
		printf("%s: %ld row%s imported into %s\n", pos[2], rows, rows == 1 ? "" : "s",
		       pos[1]);
	db_close(d);
	return st;
}

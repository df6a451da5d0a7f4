/*
 * import.h: load one sheet, as Excel or WPS save it (a CSV file in UTF-8 with or without
 * a byte-order mark or in GB18030, or a sheet of an .xlsx or .xls workbook), into one
 * table of a riskgrade database.  What a column
 * accepts is read from the schema itself (types, NOT NULL, foreign keys to enum_*
 * tables, named CHECK constraints, Chinese labels), so the schema stays the single source
 * of truth.  A row whose key is already in the table updates that row, so a spreadsheet
 * can be imported again after it was edited.
 * Depends on db.h, encoding.h, sheet.h, sha.h and status.h (factdef.h in import.c).
 */
#ifndef RG_IMPORT_H
#define RG_IMPORT_H

#include <stdbool.h>
#include <stdio.h>

#include "db.h"
#include "encoding.h"
#include "sha.h"
#include "sheet.h"
#include "status.h"

/* The importable tables, in the order their references require. */
extern const char *const import_tables[];

/* import_check_table: RG_OK if table is importable, else RG_USAGE listing the tables. */
rg_status import_check_table(const char *table, rg_err *e);

/* What to import and how. */
typedef struct {
	const char *table;  /* the target table, one of import_tables */
	const char *path;   /* the file: CSV, .xlsx or .xls by its content; "-": standard
			       input (held in memory, at most 256 MiB) */
	enc_kind encoding;  /* ENC_AUTO (see enc_detect), ENC_UTF8 or ENC_GB18030; a
			       workbook takes ENC_AUTO only */
	bool dry_run;       /* check everything, write nothing (not even the audit entry) */
	const char *actor;  /* who imports, for the audit entry (audit_actor's result) */
	const char *at;     /* when, for the audit entry (date_now's format) */
	bool progress;      /* show a progress bar on standard error if it is a terminal */
	const char *sheet;  /* the sheet of a workbook to import, or NULL for its first; a
			       CSV file takes NULL only */
} import_opts;

/* What an import did (or, for a dry run, would do). */
typedef struct {
	long rows;            /* rows of the file: added + updated + unchanged */
	long added;           /* rows whose key was not in the table */
	long updated;         /* rows whose key was there, with other values */
	long unchanged;       /* rows already in the table as they are in the file */
	enc_kind encoding;    /* the encoding the file was read in (UTF-8 for a workbook) */
	char sha256[SHA_HEX]; /* SHA-256 of the file, "" when it was not read to its end */
	sheet_format format;  /* what the file was: CSV or a workbook */
	char sheet[256];      /* a workbook's sheet that was read, or "" */
} import_result;

/*
 * import_file: import o->path into o->table, in one transaction of its own.
 *
 * Headers may be the column names or their Chinese labels, in any order; columns absent
 * from the file keep their values in rows that are updated and take their defaults in
 * new rows.  Each table has a key (the code, or for oversight, ratings, measures,
 * signals and changes the natural key of schemas/003_import_keys.sql), which the file
 * must have: a row whose key is in the table updates the columns the file has and no
 * other (an UPDATE of that row, so rows that refer to it, such as grades, flags and
 * warnings, are untouched); a row equal to the one in the table is counted unchanged and
 * not written.  A row whose key is not in the table is new: it needs every required
 * column (NOT NULL without a default), so a file with the key and some columns updates
 * rows already there, and a new row in it is reported naming the columns it lacks.  A point with an
 * approval (table approvals, written by riskgrade approve) keeps it: a row of points
 * whose approved_tier or approved_on differs from its latest approval's, or whose
 * last_graded is empty or before that approval's date, is reported naming the approval.
 *
 * The sheets of points, powers and posts also take a column for each fact the agency
 * declared for them (fact_definitions; factdef.h), by its name or label: each cell is
 * checked against the definition and the value kept in point_facts (power_facts,
 * post_facts); an empty cell removes the row's value, and a row whose only change is a
 * declared fact counts as updated.  An import of fact_definitions checks each definition
 * (factdef_check_definition) and, at the end, that the values already imported still fit
 * the definitions as they now are, reporting each that does not at its line.
 *
 * Every problem is reported on errs as "path:line:column: column "name" (label): expected
 * ..., got "..."" (at most 100 lines; the column is the field's place in the row, or for
 * an invalid byte the field, with the line, character and byte offset of the byte):
 * unknown or repeated headers, bad fields, rows the schema refuses, a key twice in the
 * file, invalid bytes for the encoding.  For a table with a confidential column
 * (signals: the 举报人) no message quotes a cell, since a cell out of place may be one: an
 * unknown header cell is named by its place, a refused value by its line and column.
 * If there is any problem, nothing is written and RG_INPUT is returned with a summary
 * in e.  Otherwise, unless o->dry_run, one audit entry ("import", "table:TABLE", "PATH
 * (ENCODING, sha256 HEX): N rows: ...") is appended in the same transaction, and the
 * transaction is committed.  A dry run rolls
 * everything back without the database file ever being written.
 *
 * *r is filled in either way (counts of 0 on failure).  RG_USAGE for a table that is not
 * importable, RG_IO when path cannot be read, RG_DB for database failures.
 */
rg_status import_file(db *d, const import_opts *o, import_result *r, FILE *errs, rg_err *e);

#endif

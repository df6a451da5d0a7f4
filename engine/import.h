/*
 * import.h: load one CSV file into one table of a riskgrade database.  What a column
 * accepts is read from the schema itself (types, NOT NULL, foreign keys to enum_* tables,
 * named CHECK constraints, Chinese labels), so the schema stays the single source of truth.
 * Depends on db.h, csv.h and status.h.
 */
#ifndef RG_IMPORT_H
#define RG_IMPORT_H

#include <stdio.h>

#include "db.h"
#include "status.h"

/* The importable tables, in the order their references require. */
extern const char *const import_tables[];

/* import_check_table: RG_OK if table is importable, else RG_USAGE listing the tables. */
rg_status import_check_table(const char *table, rg_err *e);

/*
 * import_csv: import path into table, in one transaction of its own.  Headers may be the
 * column names or their Chinese labels, in any order.  Every bad row is reported on errs as
 * "path:line:column: column "name" (label): expected ..., got "..."" (at most 100
 * lines); if there was any, nothing is written and RG_INPUT is returned with a summary in
 * e.  *rows is set to the number of rows imported.  RG_USAGE for a table that is not
 * importable, RG_IO when path cannot be read, RG_DB for database failures.
 */
rg_status import_csv(db *d, const char *table, const char *path, long *rows, FILE *errs,
		     rg_err *e);

#endif

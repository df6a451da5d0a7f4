/*
 * csv.h: a streaming reader of RFC 4180 CSV in UTF-8, one record at a time, that knows
 * the line each record starts on so errors can name file:line:column.
 * Depends on the C library and status.h.
 */
#ifndef RG_CSV_H
#define RG_CSV_H

#include <stdio.h>

#include "status.h"

typedef struct csv csv;

/*
 * csv_open: start reading f, whose name (for messages) is name.  A UTF-8 byte-order mark
 * at the start is skipped.  The reader does not own f; it keeps a pointer to name, which
 * must outlive it.  Returns NULL when out of memory.
 */
csv *csv_open(FILE *f, const char *name);

/* csv_close: free the reader (not the file).  NULL is allowed. */
void csv_close(csv *c);

/*
 * csv_read: read the next record.  Blank lines are skipped.  Returns RG_OK with
 * csv_nfields() > 0 for a record and == 0 at the end of the file; RG_INPUT with a
 * "name:line:column: ..." message for an unterminated quote, a stray quote, a NUL byte
 * or bytes that are not UTF-8; RG_IO if reading fails.  Fields stay valid until the
 * next call.
 */
rg_status csv_read(csv *c, rg_err *e);

/* csv_nfields: the number of fields of the current record (0 at end of file). */
size_t csv_nfields(const csv *c);

/* csv_field: field i (0-based) of the current record, NUL-terminated, unquoted. */
const char *csv_field(const csv *c, size_t i);

/* csv_line: the line number (1-based) on which the current record starts. */
long csv_line(const csv *c);

/*
 * csv_next_line: the line after the last line the current record (with the blank lines
 * before it) was read from, so that [csv_line, csv_next_line) are its lines; after the
 * end of the file, one past the line the end was met on (past every line).  Lets a
 * caller match what it knows by line (e.g. invalid bytes found while decoding) with the
 * record.
 */
long csv_next_line(const csv *c);

/*
 * utf8_valid: whether the n bytes at s are well-formed UTF-8 (no overlongs, no
 * surrogates).  On failure *bad is set to the offset of the first bad byte.
 */
int utf8_valid(const char *s, size_t n, size_t *bad);

#endif

/*
 * sheet.h: one sheet of an Excel workbook, .xlsx or .xls, read as rows of text cells for
 * imports, each row with its number and the sheet with its name, so that a message can
 * name a cell as Excel does (评议!C17).  Which format a file is in is told by its first
 * bytes.  A hostile file (a zip bomb, a huge table of shared strings, deep or broken XML)
 * is refused with a message, within the bounds of sheet_limits.
 * Depends on sha.h and status.h (libzip and expat in sheet_xlsx.c, FreeXL in sheet_xls.c).
 */
#ifndef RG_SHEET_H
#define RG_SHEET_H

#include <stdbool.h>
#include <stddef.h>

#include "sha.h"
#include "status.h"

/* What a file to import is, by its content. */
typedef enum {
	SHEET_CSV,  /* anything else: text, read as CSV */
	SHEET_XLSX, /* a zip archive: an Office Open XML workbook (.xlsx) */
	SHEET_XLS   /* an OLE2 compound file: an Excel 97-2003 workbook (.xls) */
} sheet_format;

/* How many leading bytes sheet_format_of needs to tell the formats apart. */
#define SHEET_MAGIC 8

/* sheet_format_of: the format of a file whose first n bytes are head ("PK\3\4" starts a
 * zip archive, D0 CF 11 E0 A1 B1 1A E1 an OLE2 file). */
sheet_format sheet_format_of(const void *head, size_t n);

/* sheet_format_name: "CSV", "xlsx" or "xls", for messages. */
const char *sheet_format_name(sheet_format f);

/* The bounds within which a workbook is read; past any of them it is refused. */
typedef struct {
	size_t file;    /* bytes of the workbook file */
	size_t part;    /* bytes of one XML part of an .xlsx once uncompressed */
	size_t strings; /* entries of an .xlsx's table of shared strings */
	size_t cell;    /* bytes of one cell's text (Excel holds 32767 characters) */
	int depth;      /* nesting of XML elements (a sheet needs 7) */
} sheet_limits;

/* The bounds imports use: 100 MiB files, 256 MiB parts, 4 Mi strings, 1 MiB cells, 64
 * levels of XML. */
extern const sheet_limits sheet_default_limits;

/* Excel's largest sheet: rows and columns (A..XFD). */
#define SHEET_MAX_ROWS 1048576L
#define SHEET_MAX_COLS 16384

typedef struct sheet sheet;

/*
 * sheet_open: open the workbook at path, or when path is NULL the n bytes at data (which
 * the caller keeps until sheet_close), as format (SHEET_XLSX or SHEET_XLS), and choose
 * its sheet called want, or its first sheet when want is NULL.  name is the file's name
 * for messages (kept, not copied: it must outlive the reader); lim the bounds (NULL:
 * sheet_default_limits).  On success *out is the reader (free with sheet_close).
 * RG_IO when path cannot be read or memory runs out; RG_INPUT, naming the file, when it
 * is not a workbook of that format, is encrypted, breaks a bound, or has no sheet called
 * want (the message lists those it has).
 */
rg_status sheet_open(const char *path, const void *data, size_t n, sheet_format format,
		     const char *name, const char *want, const sheet_limits *lim, sheet **out,
		     rg_err *e);

/* sheet_close: free the reader.  NULL is allowed. */
void sheet_close(sheet *s);

/*
 * sheet_read: read the next row that has a cell with text; rows with none (never written,
 * or only emptied cells) are passed over.  RG_OK with sheet_ncells() > 0 for a row, == 0
 * at the end of the sheet; RG_INPUT naming the file, the part and the place for a
 * malformed workbook or a broken bound; RG_IO when out of memory.  Cells stay valid until
 * the next call.
 */
rg_status sheet_read(sheet *s, rg_err *e);

/* sheet_ncells: the cells of the current row, from column A to its last cell with text
 * (0 at the end of the sheet). */
size_t sheet_ncells(const sheet *s);

/* sheet_cell: the text of cell i (0 is column A) of the current row, "" when empty;
 * NUL-terminated UTF-8, which the caller may shorten in place.  Numbers are as the file
 * holds them (46224, 12.5); a date cell of an .xlsx is its day number (date_parse_cell),
 * of an .xls 'YYYY-MM-DD'; a true/false cell is 1 or 0. */
char *sheet_cell(const sheet *s, size_t i);

/* sheet_row: the number (1-based, as Excel shows it) of the current row. */
long sheet_row(const sheet *s);

/* sheet_name: the name of the sheet being read (UTF-8, owned by s). */
const char *sheet_name(const sheet *s);

/* sheet_date1904: whether the workbook counts its day numbers from 1904 (Excel for Mac's
 * old "1904 date system"), as date_parse_cell needs to know. */
bool sheet_date1904(const sheet *s);

/* sheet_sha256: the SHA-256 of the workbook file's bytes, as 64 hex digits and a NUL. */
void sheet_sha256(const sheet *s, char out[SHA_HEX]);

/* sheet_column_name: the letters of column col (0 is A, 25 Z, 26 AA, 16383 XFD) into
 * out; an empty string past XFD. */
void sheet_column_name(size_t col, char out[8]);

/*
 * sheet_ref: the place of column col (0 is A) of row row in s's sheet, as Excel writes
 * it: 评议!C17, or the whole row, 评议!17:17, when col is SHEET_ROW; the name quoted
 * ('my sheet'!C17) when it has a space, punctuation or starts with a digit.  Written into
 * buf (n bytes, cut if need be); returns buf.
 */
#define SHEET_ROW ((size_t)-1)
const char *sheet_ref(const sheet *s, size_t col, long row, char *buf, size_t n);

#endif

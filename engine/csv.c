/*
 * csv.c: streaming RFC 4180 reader.  A record's fields are kept NUL-separated in one
 * buffer reused from record to record, so memory follows the longest record, not the
 * file.  Bytes come one at a time through getc_unlocked(): the reader is the only user of
 * its FILE, and this is the per-byte loop of an import.  Depends on the C library (POSIX)
 * and status.h.
 */
#include "csv.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

struct csv {
	FILE *f;            /* the file being read; not owned */
	const char *name;   /* file name for messages; not owned */
	long line;          /* current physical line (1-based) */
	long record_line;   /* line on which the current record starts */
	char *buf;          /* fields of the current record, each NUL-terminated */
	size_t len, cap;    /* bytes used and allocated in buf */
	size_t *starts;     /* offset of each field in buf */
	size_t nfields;     /* fields in the current record */
	size_t fcap;        /* slots allocated in starts */
	int bom_checked;    /* whether the byte-order mark check has been done */
	int at_eof;         /* the current record (or the search for one) hit end of file */
};

csv *csv_open(FILE *f, const char *name)
{
	csv *c = calloc(1, sizeof *c);

	if (c == NULL)
		return NULL;
	c->f = f;
	c->name = name;
	c->line = 1;
	return c;
}

void csv_close(csv *c)
{
	if (c == NULL)
		return;
	free(c->buf);
	free(c->starts);
	free(c);
}

static int push_byte(csv *c, char ch)
{
	if (c->len == c->cap) {
		size_t cap = c->cap ? c->cap * 2 : 256;
		char *p = realloc(c->buf, cap);
		if (p == NULL)
			return -1;
		c->buf = p;
		c->cap = cap;
	}
	c->buf[c->len++] = ch;
	return 0;
}

static int start_field(csv *c)
{
	if (c->nfields == c->fcap) {
		size_t cap = c->fcap ? c->fcap * 2 : 16;
		size_t *p = realloc(c->starts, cap * sizeof *p);
		if (p == NULL)
			return -1;
		c->starts = p;
		c->fcap = cap;
	}
	c->starts[c->nfields++] = c->len;
	return 0;
}

int utf8_valid(const char *s, size_t n, size_t *bad)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t i = 0;

	while (i < n) {
		unsigned char b = u[i];
		size_t need;
		unsigned long cp;
		if (b < 0x80) {
			i++;
			continue;
		} else if (b >= 0xC2 && b <= 0xDF) {
			need = 1;
			cp = b & 0x1F;
		} else if (b >= 0xE0 && b <= 0xEF) {
			need = 2;
			cp = b & 0x0F;
		} else if (b >= 0xF0 && b <= 0xF4) {
			need = 3;
			cp = b & 0x07;
		} else {
			goto fail;
		}
		if (i + need >= n)
			goto fail;
		for (size_t k = 1; k <= need; k++) {
			if ((u[i + k] & 0xC0) != 0x80)
				goto fail;
			cp = (cp << 6) | (u[i + k] & 0x3F);
		}
		if ((need == 2 && cp < 0x800) || (need == 3 && (cp < 0x10000 || cp > 0x10FFFF)) ||
		    (cp >= 0xD800 && cp <= 0xDFFF))
			goto fail;
		i += need + 1;
	}
	return 1;
fail:
	if (bad != NULL)
		*bad = i;
	return 0;
}

/* Check the fields of the record just read for NUL bytes and bad UTF-8. */
static rg_status check_fields(csv *c, rg_err *e)
{
	for (size_t i = 0; i < c->nfields; i++) {
		const char *s = c->buf + c->starts[i];
		size_t end = i + 1 < c->nfields ? c->starts[i + 1] - 1 : c->len - 1;
		size_t n = end - c->starts[i];
		size_t bad;
		if (strlen(s) != n)
			return err_set(e, RG_INPUT, "%s:%ld:%zu: a NUL byte in the field", c->name,
				       c->record_line, i + 1);
		if (!utf8_valid(s, n, &bad))
			return err_set(e, RG_INPUT,
				       "%s:%ld:%zu: byte %zu of the field is not UTF-8 (a GB18030 "
				       "file? convert it with iconv -f GB18030 -t UTF-8)",
				       c->name, c->record_line, i + 1, bad + 1);
	}
	return RG_OK;
}

/* Skip a UTF-8 byte-order mark at the start of the file; put back whatever else is
 * there. */
static rg_status skip_bom(csv *c, rg_err *e)
{
	unsigned char bom[3];
	size_t n = fread(bom, 1, 3, c->f);

	c->bom_checked = 1;
	if (n == 3 && bom[0] == 0xEF && bom[1] == 0xBB && bom[2] == 0xBF)
		return RG_OK;
	while (n > 0)
		if (ungetc(bom[--n], c->f) == EOF)
			return err_set(e, RG_IO, "%s: cannot re-read the start", c->name);
	return RG_OK;
}

/*
 * Read the next line or lines of a record into c's fields: a record, or at the end of
 * the file none (nfields 0), or a blank line (*blank).  It stays one function because it
 * is one state machine over the bytes (unquoted, quoted, just closed), whose states
 * every branch reads and sets; this is also the per-byte loop of an import.
 */
static rg_status read_record(csv *c, bool *blank, rg_err *e)
{
	int ch;
	int quoted = 0;     /* inside a quoted field */
	int was_quoted = 0; /* the current field was quoted and has been closed */

	*blank = false;
	c->len = 0;
	c->nfields = 0;
	c->record_line = c->line;
	c->at_eof = 0;
	if (start_field(c) != 0)
		goto oom;
	for (;;) {
		ch = getc_unlocked(c->f);
		if (ch == EOF) {
			c->at_eof = 1;
			if (ferror(c->f))
				return err_set(e, RG_IO, "%s:%ld: read error", c->name, c->line);
			if (quoted)
				return err_set(e, RG_INPUT,
					       "%s:%ld:%zu: a quoted field is not closed before the "
					       "end of the file",
					       c->name, c->record_line, c->nfields);
			if (c->len == 0 && c->nfields == 1 && !was_quoted) {
				c->nfields = 0; /* end of file */
				return RG_OK;
			}
			break;
		}
		if (quoted) {
			if (ch == '"') {
				int next = getc_unlocked(c->f);
				if (next == '"') {
					if (push_byte(c, '"') != 0)
						goto oom;
					continue;
				}
				if (next != EOF)
					ungetc(next, c->f);
				quoted = 0;
				was_quoted = 1;
				continue;
			}
			if (ch == '\n')
				c->line++;
			if (push_byte(c, (char)ch) != 0)
				goto oom;
			continue;
		}
		if (ch == ',') {
			if (push_byte(c, '\0') != 0 || start_field(c) != 0)
				goto oom;
			was_quoted = 0;
			continue;
		}
		if (ch == '\r') {
			int next = getc_unlocked(c->f);
			if (next != '\n' && next != EOF)
				ungetc(next, c->f);
			ch = '\n';
		}
		if (ch == '\n') {
			c->line++;
			break;
		}
		if (was_quoted)
			return err_set(e, RG_INPUT,
				       "%s:%ld:%zu: text after the closing quote of a field",
				       c->name, c->record_line, c->nfields);
		if (ch == '"') {
			if (c->len != c->starts[c->nfields - 1])
				return err_set(e, RG_INPUT,
					       "%s:%ld:%zu: a quote inside an unquoted field "
					       "(quote the whole field and double the quote)",
					       c->name, c->record_line, c->nfields);
			quoted = 1;
			continue;
		}
		if (push_byte(c, (char)ch) != 0)
			goto oom;
	}
	if (push_byte(c, '\0') != 0)
		goto oom;
	*blank = c->nfields == 1 && c->len == 1 && !was_quoted;
	return RG_OK;
oom:
	return err_set(e, RG_IO, "%s:%ld: out of memory", c->name, c->line);
}

rg_status csv_read(csv *c, rg_err *e)
{
	bool blank;
	rg_status st;

	if (!c->bom_checked && (st = skip_bom(c, e)) != RG_OK)
		return st;
	do
		st = read_record(c, &blank, e);
	while (st == RG_OK && blank);
	if (st != RG_OK || c->nfields == 0)
		return st;
	return check_fields(c, e);
}

size_t csv_nfields(const csv *c)
{
	return c->nfields;
}

const char *csv_field(const csv *c, size_t i)
{
	return c->buf + c->starts[i];
}

long csv_line(const csv *c)
{
	return c->record_line;
}

long csv_next_line(const csv *c)
{
	return c->line + c->at_eof;
}

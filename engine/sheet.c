/*
 * sheet.c: the workbook reader's common part: telling the formats apart, reading the file
 * within its bound, the row the format's reader fills (sheet_xlsx.c, sheet_xls.c), rows
 * without text passed over, and cell references as Excel writes them.
 * Depends on sheet_impl.h, csv.h (utf8_valid), sha.h and status.h.
 */
#include "sheet_impl.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "csv.h"

const sheet_limits sheet_default_limits = {
	.file = 100u << 20,
	.part = 256u << 20,
	.strings = 4u << 20,
	.cell = 1u << 20,
	.depth = 64,
};

sheet_format sheet_format_of(const void *head, size_t n)
{
	static const unsigned char zip[] = {'P', 'K', 3, 4};
	static const unsigned char ole[] = {0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1};

	if (n >= sizeof zip && memcmp(head, zip, sizeof zip) == 0)
		return SHEET_XLSX;
	if (n >= sizeof ole && memcmp(head, ole, sizeof ole) == 0)
		return SHEET_XLS;
	return SHEET_CSV;
}

const char *sheet_format_name(sheet_format f)
{
	return f == SHEET_XLSX ? "xlsx" : f == SHEET_XLS ? "xls" : "CSV";
}

/* Read the file at s->path whole into s->owned, refusing one larger than the bound. */
static rg_status read_file(sheet *s, rg_err *e)
{
	FILE *f = fopen(s->path, "rb");
	struct stat sb;
	rg_status st = RG_OK;

	if (f == NULL)
		return err_set(e, RG_IO, "%s: cannot open: %s", s->file, strerror(errno));
	if (fstat(fileno(f), &sb) != 0) {
		st = err_set(e, RG_IO, "%s: %s", s->file, strerror(errno));
		goto out;
	}
	if (sb.st_size < 0 || (unsigned long long)sb.st_size > s->lim.file) {
		st = err_set(e, RG_INPUT, "%s: %lld bytes: expected a workbook of at most %zu",
			     s->file, (long long)sb.st_size, s->lim.file);
		goto out;
	}
	s->size = (size_t)sb.st_size;
	if ((s->owned = malloc(s->size ? s->size : 1)) == NULL) {
		st = err_set(e, RG_IO, "%s: out of memory", s->file);
		goto out;
	}
	if (fread(s->owned, 1, s->size, f) != s->size)
		st = err_set(e, RG_IO, "%s: read error", s->file);
	s->data = s->owned;
out:
	fclose(f);
	return st;
}

rg_status sheet_open(const char *path, const void *data, size_t n, sheet_format format,
		     const char *name, const char *want, const sheet_limits *lim, sheet **out,
		     rg_err *e)
{
	sheet *s = calloc(1, sizeof *s);
	rg_status st;

	*out = NULL;
	if (s == NULL)
		return err_set(e, RG_IO, "%s: out of memory", name);
	s->file = name;
	s->path = path;
	s->want = want;
	s->lim = lim != NULL ? *lim : sheet_default_limits;
	s->data = data;
	s->size = n;
	if (path != NULL && (st = read_file(s, e)) != RG_OK)
		goto out;
	if (path == NULL && n > s->lim.file) {
		st = err_set(e, RG_INPUT, "%s: %zu bytes: expected a workbook of at most %zu",
			     name, n, s->lim.file);
		goto out;
	}
	sha256_hex(s->data, s->size, s->sha256);
	st = format == SHEET_XLSX ? sheet_xlsx_open(s, e)
	   : format == SHEET_XLS ? sheet_xls_open(s, e)
	   : err_set(e, RG_INPUT, "%s: not a workbook", name);
out:
	if (st != RG_OK) {
		sheet_close(s);
		return st;
	}
	*out = s;
	return RG_OK;
}

void sheet_close(sheet *s)
{
	if (s == NULL)
		return;
	if (s->done != NULL)
		s->done(s->impl);
	free(s->name);
	free(s->text);
	free(s->cells);
	free(s->owned);
	free(s);
}

void sheet_begin_row(sheet *s, long row)
{
	s->row = row;
	s->len = 0;
	s->ncells = 0;
}

/* Make room for need more bytes of text. */
static int grow_text(sheet *s, size_t need)
{
	size_t cap = s->cap ? s->cap : 256;

	while (cap - s->len < need)
		cap *= 2;
	if (cap != s->cap) {
		char *p = realloc(s->text, cap);
		if (p == NULL)
			return -1;
		s->text = p;
		s->cap = cap;
	}
	return 0;
}

rg_status sheet_put(sheet *s, size_t col, const char *text, size_t len, rg_err *e)
{
	char ref[96];
	size_t bad;

	if (col < s->ncells)
		return err_set(e, RG_INPUT, "%s:%s: a cell given twice, or out of order", s->file,
			       sheet_ref(s, col, s->row, ref, sizeof ref));
	if (col >= SHEET_MAX_COLS)
		return err_set(e, RG_INPUT, "%s:%s: a cell past column XFD, the last Excel has",
			       s->file, sheet_ref(s, col, s->row, ref, sizeof ref));
	if (len > s->lim.cell)
		return err_set(e, RG_INPUT, "%s:%s: %zu bytes of text: expected at most %zu",
			       s->file, sheet_ref(s, col, s->row, ref, sizeof ref), len, s->lim.cell);
	if (memchr(text, '\0', len) != NULL || !utf8_valid(text, len, &bad))
		return err_set(e, RG_INPUT, "%s:%s: the text is not UTF-8 without NUL bytes",
			       s->file, sheet_ref(s, col, s->row, ref, sizeof ref));
	if (len == 0)
		return RG_OK;
	if (s->len == 0 && grow_text(s, 1) == 0)
		s->text[s->len++] = '\0'; /* what every empty cell points to */
	if (col + 1 > s->ccap) {
		size_t cap = s->ccap ? s->ccap : 16;
		while (cap < col + 1)
			cap *= 2;
		size_t *p = realloc(s->cells, cap * sizeof *p);
		if (p == NULL)
			return err_set(e, RG_IO, "%s: out of memory", s->file);
		s->cells = p;
		s->ccap = cap;
	}
	if (s->len == 0 || grow_text(s, len + 1) != 0)
		return err_set(e, RG_IO, "%s: out of memory", s->file);
	while (s->ncells < col)
		s->cells[s->ncells++] = 0;
	s->cells[s->ncells++] = s->len;
	memcpy(s->text + s->len, text, len);
	s->len += len;
	s->text[s->len++] = '\0';
	return RG_OK;
}

rg_status sheet_read(sheet *s, rg_err *e)
{
	bool more = true;
	rg_status st;

	do {
		sheet_begin_row(s, s->row);
		if ((st = s->next(s, &more, e)) != RG_OK) {
			s->ncells = 0;
			return st;
		}
	} while (more && s->ncells == 0);
	if (!more)
		s->ncells = 0;
	return RG_OK;
}

size_t sheet_ncells(const sheet *s)
{
	return s->ncells;
}

char *sheet_cell(const sheet *s, size_t i)
{
	return s->text + s->cells[i];
}

long sheet_row(const sheet *s)
{
	return s->row;
}

const char *sheet_name(const sheet *s)
{
	return s->name;
}

bool sheet_date1904(const sheet *s)
{
	return s->date1904;
}

void sheet_sha256(const sheet *s, char out[SHA_HEX])
{
	memcpy(out, s->sha256, SHA_HEX);
}

void sheet_column_name(size_t col, char out[8])
{
	char rev[8];
	int n = 0;

	if (col >= SHEET_MAX_COLS) {
		out[0] = '\0';
		return;
	}
	col++;
	while (col > 0 && n < 7) {
		rev[n++] = (char)('A' + (col - 1) % 26);
		col = (col - 1) / 26;
	}
	for (int i = 0; i < n; i++)
		out[i] = rev[n - 1 - i];
	out[n] = '\0';
}

/* Whether Excel quotes the sheet name in a reference: anything but letters, digits, _
 * and characters beyond ASCII, or a digit first. */
static bool needs_quotes(const char *name)
{
	if (name[0] >= '0' && name[0] <= '9')
		return true;
	for (const unsigned char *p = (const unsigned char *)name; *p != '\0'; p++)
		if (*p < 0x80 && !(*p == '_' || (*p >= '0' && *p <= '9') ||
				   (*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z')))
			return true;
	return false;
}

const char *sheet_ref(const sheet *s, size_t col, long row, char *buf, size_t n)
{
	const char *name = s->name != NULL ? s->name : "";
	size_t used = 0;
	char letters[8];

	buf[0] = '\0';
	if (needs_quotes(name)) {
		/* 'it''s'!A1: a quote inside is doubled. */
		if (used + 1 < n)
			buf[used++] = '\'';
		for (const char *p = name; *p != '\0' && used + 3 < n; p++) {
			if (*p == '\'')
				buf[used++] = '\'';
			buf[used++] = *p;
		}
		if (used + 1 < n)
			buf[used++] = '\'';
		buf[used < n ? used : n - 1] = '\0';
	} else {
		snprintf(buf, n, "%s", name);
		used = strlen(buf);
	}
	if (used >= n)
		return buf;
	if (col == SHEET_ROW) {
		snprintf(buf + used, n - used, "!%ld:%ld", row, row);
	} else {
		sheet_column_name(col, letters);
		snprintf(buf + used, n - used, "!%s%ld", letters, row);
	}
	return buf;
}

rg_status sheet_no_such(const sheet *s, const char *names, rg_err *e)
{
	return err_set(e, RG_INPUT, "%s: no sheet called \"%s\": expected one of %s", s->file,
		       s->want, names);
}

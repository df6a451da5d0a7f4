/*
 * sheet_xlsx.c: the sheets of an .xlsx workbook (Office Open XML, as Excel, WPS and
 * LibreOffice save it), read from the zip archive with libzip and parsed with expat: the
 * package's relationships lead to the workbook, the workbook to the sheet and the table
 * of shared strings, which is loaded whole; the sheet itself is parsed as it is
 * decompressed, one row at a time (the parser is suspended at the end of each row), so
 * memory follows the strings and the longest row, not the sheet.  Every part is bounded
 * in size once uncompressed (a zip bomb stops there), in nesting, and may not declare a
 * DTD (no entities to expand).
 * Depends on libzip, expat, sheet_impl.h, status.h and i18n.h.
 */
#include "sheet_impl.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <expat.h>

#include "i18n.h"
#include <zip.h>

/* Bytes handed to the parser at a time. */
#define CHUNK 65536

/* A growing byte buffer. */
typedef struct {
	char *p;
	size_t len, cap;
} buf;

/* One XML part of the archive being parsed. */
typedef struct {
	char entry[512];    /* its name in the archive */
	zip_file_t *zf;     /* the entry, being decompressed */
	XML_Parser xml;     /* its parser */
	size_t read;        /* bytes decompressed so far */
	bool final;         /* the last bytes have been handed to the parser */
	bool suspended;     /* the parser stopped at the end of a row, to resume */
	bool done;          /* the part is parsed to its end */
	int depth;          /* elements open */
} part;

/* What the parse of the workbook's small parts finds: names of parts in the archive. */
typedef struct {
	char workbook[512]; /* _rels/.rels: the workbook */
	char dir[512];      /* the workbook's folder ("xl/"), which its targets are in */
	char rid[256];      /* the workbook: the relationship id of the sheet wanted */
	buf names;          /* the workbook: the names of its sheets, ", " separated */
	bool found;         /* the workbook: the sheet wanted is there */
	char sheet[512];    /* the workbook's relationships: the sheet wanted */
	char strings[512];  /* the workbook's relationships: the shared strings, or "" */
} meta;

/* The reader. */
typedef struct {
	sheet *s;           /* the reader this is the format of */
	zip_t *zip;         /* the archive */
	part *cur;          /* the part being parsed, whose handlers run */
	part sheetp;        /* the sheet's part, parsed as rows are read */
	meta m;             /* what the small parts said */
	buf sst;            /* the shared strings, each NUL-terminated */
	size_t *sst_off;    /* offset of each in sst */
	size_t nsst, sst_cap; /* how many, and slots allocated */
	bool in_si, in_t;   /* shared strings: inside <si>, inside its <t> */
	int rph;            /* phonetic runs (<rPh>) open, whose text is not the cell's */
	bool in_data;       /* the sheet: inside <sheetData> */
	bool in_cell;       /* inside <c> */
	bool in_value;      /* inside <v>, or <t> of an inline string */
	char type[16];      /* the cell's t attribute ("n" when absent) */
	long row;           /* the row being read */
	long next_row;      /* the number of a row without an r attribute */
	size_t col;         /* the cell being read */
	size_t next_col;    /* the column of a cell without an r attribute */
	buf value;          /* the cell's text so far */
	bool row_ready;     /* a row has ended: stop parsing and hand it over */
	rg_status st;       /* a failure found in a handler, or RG_OK */
	rg_err err;         /* its message */
} reader;

/* Append n bytes to b, keeping a NUL after them; -1 when out of memory. */
static int buf_add(buf *b, const char *p, size_t n)
{
	if (b->cap - b->len < n + 1) {
		size_t cap = b->cap ? b->cap : 256;
		while (cap - b->len < n + 1)
			cap *= 2;
		char *q = realloc(b->p, cap);
		if (q == NULL)
			return -1;
		b->p = q;
		b->cap = cap;
	}
	memcpy(b->p + b->len, p, n);
	b->len += n;
	b->p[b->len] = '\0';
	return 0;
}

/* The name of an element or attribute without its namespace prefix (x:sheet -> sheet). */
static const char *local(const char *name)
{
	const char *colon = strrchr(name, ':');

	return colon != NULL ? colon + 1 : name;
}

/* The attribute called name (without prefix) of attrs, or NULL. */
static const char *attr(const char **attrs, const char *name)
{
	for (int i = 0; attrs[i] != NULL; i += 2)
		if (strcmp(local(attrs[i]), name) == 0)
			return attrs[i + 1];
	return NULL;
}

/* Record a failure found while parsing, and stop the parser for good.  fmt is in the
 * user's language already (_() where fail is called). */
static void fail(reader *x, XML_Parser p, rg_status st, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

static void fail(reader *x, XML_Parser p, rg_status st, const char *fmt, ...)
{
	va_list ap;
	char msg[sizeof x->err.msg];

	if (x->st != RG_OK)
		return;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	x->st = err_set(&x->err, st, "%s", msg);
	XML_StopParser(p, XML_FALSE);
}

/* Count the nesting of elements; false (and the parse failed) past the bound. */
static bool enter(reader *x, XML_Parser p)
{
	if (++x->cur->depth <= x->s->lim.depth)
		return true;
	fail(x, p, RG_INPUT, _("%s: %s: elements nested more than %d deep"), x->s->file,
	     x->cur->entry, x->s->lim.depth);
	return false;
}

static void XMLCALL leave(void *ud, const char *name)
{
	reader *x = ud;

	(void)name;
	x->cur->depth--;
}

/* A DTD could define entities that expand without end: Office never writes one. */
static void XMLCALL no_dtd(void *ud, const char *name, const char *sysid, const char *pubid,
			   int internal)
{
	reader *x = ud;

	(void)name;
	(void)sysid;
	(void)pubid;
	(void)internal;
	fail(x, x->cur->xml, RG_INPUT, _("%s: %s: a document type declaration, which a "
	     "workbook does not have"), x->s->file, x->cur->entry);
}

/* ---- the archive's parts ------------------------------------------------------------ */

/* Open the entry called entry of the archive as p, with the handlers given and x as their
 * user data.  RG_INPUT when it is missing (with what, marked with N_()), too large or
 * encrypted. */
static rg_status part_open(reader *x, part *p, const char *entry, const char *what,
			   XML_StartElementHandler start, XML_EndElementHandler end,
			   XML_CharacterDataHandler text, rg_err *e)
{
	zip_stat_t zs;

	memset(p, 0, sizeof *p);
	snprintf(p->entry, sizeof p->entry, "%s", entry);
	if (zip_stat(x->zip, entry, 0, &zs) != 0)
		/* TRANSLATORS: the file, the missing part of the archive, what it holds. */
		return err_set(e, RG_INPUT, "%s: not an .xlsx workbook: it has no %s (%s)",
			       x->s->file, entry, _(what));
	if ((zs.valid & ZIP_STAT_ENCRYPTION_METHOD) && zs.encryption_method != ZIP_EM_NONE)
		return err_set(e, RG_INPUT, "%s: %s is encrypted: save the workbook without a "
			       "password", x->s->file, entry);
	if ((zs.valid & ZIP_STAT_SIZE) && zs.size > x->s->lim.part)
		return err_set(e, RG_INPUT, "%s: %s is %llu bytes uncompressed: expected at most "
			       "%zu (a zip bomb?)", x->s->file, entry, (unsigned long long)zs.size,
			       x->s->lim.part);
	if ((p->zf = zip_fopen(x->zip, entry, 0)) == NULL)
		return err_set(e, RG_INPUT, "%s: %s: %s", x->s->file, entry,
			       zip_strerror(x->zip));
	if ((p->xml = XML_ParserCreate(NULL)) == NULL)
		return err_set(e, RG_IO, "%s: out of memory", x->s->file);
	XML_SetUserData(p->xml, x);
	XML_SetElementHandler(p->xml, start, end);
	XML_SetCharacterDataHandler(p->xml, text);
	XML_SetStartDoctypeDeclHandler(p->xml, no_dtd);
	return RG_OK;
}

static void part_close(part *p)
{
	if (p->xml != NULL)
		XML_ParserFree(p->xml);
	if (p->zf != NULL)
		zip_fclose(p->zf);
	memset(p, 0, sizeof *p);
}

/*
 * Parse more of p: resume it after a row, or decompress and parse the next chunk.  Sets
 * p->suspended when a handler stopped it at the end of a row, p->done at the end of the
 * part.  RG_INPUT for XML that is not well-formed, a failure found by a handler, a part
 * longer than its bound or a damaged archive.
 */
static rg_status part_step(reader *x, part *p, rg_err *e)
{
	enum XML_Status status;

	x->cur = p;
	if (p->suspended) {
		status = XML_ResumeParser(p->xml);
	} else {
		void *chunk = XML_GetBuffer(p->xml, CHUNK);
		zip_int64_t n;
		if (chunk == NULL)
			return err_set(e, RG_IO, "%s: out of memory", x->s->file);
		if ((n = zip_fread(p->zf, chunk, CHUNK)) < 0)
			return err_set(e, RG_INPUT, "%s: %s: %s", x->s->file, p->entry,
				       zip_file_strerror(p->zf));
		p->read += (size_t)n;
		if (p->read > x->s->lim.part)
			return err_set(e, RG_INPUT, "%s: %s is more than %zu bytes uncompressed "
				       "(a zip bomb?)", x->s->file, p->entry, x->s->lim.part);
		p->final = n == 0;
		status = XML_ParseBuffer(p->xml, (int)n, p->final);
	}
	if (status == XML_STATUS_ERROR) {
		if (x->st != RG_OK) {
			*e = x->err;
			return x->st;
		}
		return err_set(e, RG_INPUT, "%s: %s:%lu:%lu: %s", x->s->file, p->entry,
			       (unsigned long)XML_GetCurrentLineNumber(p->xml),
			       (unsigned long)XML_GetCurrentColumnNumber(p->xml) + 1,
			       XML_ErrorString(XML_GetErrorCode(p->xml)));
	}
	p->suspended = status == XML_STATUS_SUSPENDED;
	p->done = !p->suspended && p->final;
	return RG_OK;
}

/* Open the entry and parse it whole with the handlers given. */
static rg_status parse_whole(reader *x, const char *entry, const char *what,
			     XML_StartElementHandler start, XML_CharacterDataHandler text,
			     XML_EndElementHandler end, rg_err *e)
{
	part p;
	rg_status st = part_open(x, &p, entry, what, start, end, text, e);

	while (st == RG_OK && !p.done)
		st = part_step(x, &p, e);
	part_close(&p);
	return st;
}

/* ---- the package: which part is the workbook, its sheet, its strings ------------------ */

/* The target of a relationship, as a name in the archive: absolute (/xl/...), or relative
 * to the folder dir of the part whose relationships these are ("xl/"). */
static void resolve(const char *dir, const char *target, char *out, size_t n)
{
	if (target[0] == '/')
		snprintf(out, n, "%s", target + 1);
	else
		snprintf(out, n, "%s%s", dir, target);
}

/* Whether a relationship's Type is of the kind kind (the last part of its URI, the same
 * in transitional and strict Office Open XML). */
static bool rel_type(const char **attrs, const char *kind)
{
	const char *type = attr(attrs, "Type");
	const char *slash = type != NULL ? strrchr(type, '/') : NULL;

	return slash != NULL && strcmp(slash + 1, kind) == 0;
}

static void XMLCALL package_rel(void *ud, const char *name, const char **attrs)
{
	reader *x = ud;
	const char *target = attr(attrs, "Target");

	if (!enter(x, x->cur->xml))
		return;
	if (strcmp(local(name), "Relationship") == 0 && target != NULL &&
	    rel_type(attrs, "officeDocument") && x->m.workbook[0] == '\0')
		resolve("", target, x->m.workbook, sizeof x->m.workbook);
}

/* The workbook's relationships: the sheet wanted (by its id) and the shared strings. */
static void XMLCALL workbook_rel(void *ud, const char *name, const char **attrs)
{
	reader *x = ud;
	const char *target = attr(attrs, "Target"), *id = attr(attrs, "Id");

	if (!enter(x, x->cur->xml) || strcmp(local(name), "Relationship") != 0 || target == NULL)
		return;
	if (rel_type(attrs, "sharedStrings"))
		resolve(x->m.dir, target, x->m.strings, sizeof x->m.strings);
	else if (id != NULL && strcmp(id, x->m.rid) == 0)
		resolve(x->m.dir, target, x->m.sheet, sizeof x->m.sheet);
}

static void XMLCALL workbook_el(void *ud, const char *name, const char **attrs)
{
	reader *x = ud;
	const char *el = local(name);

	if (!enter(x, x->cur->xml))
		return;
	if (strcmp(el, "workbookPr") == 0) {
		const char *d = attr(attrs, "date1904");
		x->s->date1904 = d != NULL && (strcmp(d, "1") == 0 || strcmp(d, "true") == 0);
	} else if (strcmp(el, "sheet") == 0) {
		const char *sheet_name = attr(attrs, "name"), *id = attr(attrs, "id");
		if (sheet_name == NULL || id == NULL)
			return;
		if (x->m.names.len < 1024 &&
		    (buf_add(&x->m.names, ", ", x->m.names.len ? 2 : 0) != 0 ||
		     buf_add(&x->m.names, sheet_name, strlen(sheet_name)) != 0)) {
			fail(x, x->cur->xml, RG_IO, _("%s: out of memory"), x->s->file);
			return;
		}
		if (x->m.found || (x->s->want != NULL && strcmp(x->s->want, sheet_name) != 0))
			return;
		x->m.found = true;
		snprintf(x->m.rid, sizeof x->m.rid, "%s", id);
		if ((x->s->name = strdup(sheet_name)) == NULL)
			fail(x, x->cur->xml, RG_IO, _("%s: out of memory"), x->s->file);
	}
}

/* ---- the shared strings ------------------------------------------------------------- */

/* The four hex digits at s as a number into *cp; false unless all four are hex digits.
 * (Not sscanf: it measures the whole rest of the string at each call, which made a
 * string of a million "_x" take seconds.) */
static bool hex4(const char *s, unsigned *cp)
{
	*cp = 0;
	for (int i = 0; i < 4; i++) {
		char c = s[i];
		int v = c >= '0' && c <= '9'   ? c - '0'
			: c >= 'a' && c <= 'f' ? c - 'a' + 10
			: c >= 'A' && c <= 'F' ? c - 'A' + 10
					       : -1;
		if (v < 0)
			return false;
		*cp = *cp << 4 | (unsigned)v;
	}
	return true;
}

/* Decode Office's escapes _xHHHH_ (a character by its UTF-16 code in four hex digits,
 * e.g. _x000D_ for a carriage return) in place in the n bytes at s; returns the new
 * length.  Anything else, _x+041_ included, stays as it is. */
static size_t unescape(char *s, size_t n)
{
	size_t r = 0, w = 0;

	while (r < n) {
		unsigned cp;
		if (r + 7 <= n && s[r] == '_' && s[r + 1] == 'x' && s[r + 6] == '_' &&
		    hex4(s + r + 2, &cp) && !(cp >= 0xD800 && cp <= 0xDFFF) && cp != 0) {
			if (cp < 0x80) {
				s[w++] = (char)cp;
			} else if (cp < 0x800) {
				s[w++] = (char)(0xC0 | (cp >> 6));
				s[w++] = (char)(0x80 | (cp & 0x3F));
			} else {
				s[w++] = (char)(0xE0 | (cp >> 12));
				s[w++] = (char)(0x80 | ((cp >> 6) & 0x3F));
				s[w++] = (char)(0x80 | (cp & 0x3F));
			}
			r += 7;
			continue;
		}
		s[w++] = s[r++];
	}
	return w;
}

static void XMLCALL sst_start(void *ud, const char *name, const char **attrs)
{
	reader *x = ud;
	const char *el = local(name);

	(void)attrs;
	if (!enter(x, x->cur->xml))
		return;
	if (strcmp(el, "si") == 0) {
		if (x->nsst >= x->s->lim.strings) {
			fail(x, x->cur->xml, RG_INPUT, _("%s: %s: more than %zu shared strings"),
			     x->s->file, x->cur->entry, x->s->lim.strings);
			return;
		}
		x->in_si = true;
		x->value.len = 0;
	} else if (strcmp(el, "rPh") == 0) {
		x->rph++;
	} else if (strcmp(el, "t") == 0 && x->in_si && x->rph == 0) {
		x->in_t = true;
	}
}

/* Text inside a cell's value (a sheet) or a string's <t> (the shared strings). */
static void XMLCALL text(void *ud, const char *s, int len)
{
	reader *x = ud;

	if (!(x->in_t || x->in_value))
		return;
	if (x->value.len + (size_t)len > x->s->lim.cell) {
		fail(x, x->cur->xml, RG_INPUT, _("%s: %s:%lu: a text of more than %zu bytes"),
		     x->s->file, x->cur->entry,
		     (unsigned long)XML_GetCurrentLineNumber(x->cur->xml), x->s->lim.cell);
		return;
	}
	if (buf_add(&x->value, s, (size_t)len) != 0)
		fail(x, x->cur->xml, RG_IO, _("%s: out of memory"), x->s->file);
}

static void XMLCALL sst_end(void *ud, const char *name)
{
	reader *x = ud;
	const char *el = local(name);

	leave(ud, name);
	if (strcmp(el, "t") == 0) {
		x->in_t = false;
	} else if (strcmp(el, "rPh") == 0 && x->rph > 0) {
		x->rph--;
	} else if (strcmp(el, "si") == 0 && x->in_si) {
		size_t n = unescape(x->value.p, x->value.len);
		if (x->nsst == x->sst_cap) {
			size_t cap = x->sst_cap ? x->sst_cap * 2 : 256;
			size_t *p = realloc(x->sst_off, cap * sizeof *p);
			if (p == NULL) {
				fail(x, x->cur->xml, RG_IO, _("%s: out of memory"), x->s->file);
				return;
			}
			x->sst_off = p;
			x->sst_cap = cap;
		}
		x->sst_off[x->nsst++] = x->sst.len;
		if (buf_add(&x->sst, x->value.p, n) != 0 ||
		    buf_add(&x->sst, "", 1) != 0)
			fail(x, x->cur->xml, RG_IO, _("%s: out of memory"), x->s->file);
		x->in_si = false;
	}
}

/* ---- the sheet ---------------------------------------------------------------------- */

/* Read a cell reference such as C17 into its column (0-based) and row; false if it is
 * none or beyond Excel's sheet. */
static bool parse_ref(const char *ref, size_t *col, long *row)
{
	size_t c = 0;
	long r = 0;
	int letters = 0, digits = 0;

	for (; *ref >= 'A' && *ref <= 'Z'; ref++, letters++)
		c = c * 26 + (size_t)(*ref - 'A' + 1);
	for (; *ref >= '0' && *ref <= '9' && digits < 8; ref++, digits++)
		r = r * 10 + (*ref - '0');
	if (*ref != '\0' || letters < 1 || letters > 3 || digits < 1 || c > SHEET_MAX_COLS ||
	    r < 1 || r > SHEET_MAX_ROWS)
		return false;
	*col = c - 1;
	*row = r;
	return true;
}

/* Start a <row>: its number, after the rows before it. */
static void row_start(reader *x, const char **attrs)
{
	const char *r = attr(attrs, "r");
	long row = x->next_row;

	if (r != NULL) {
		char *end;
		errno = 0;
		row = strtol(r, &end, 10);
		if (errno != 0 || *end != '\0' || end == r)
			row = -1;
	}
	if (row < x->next_row || row > SHEET_MAX_ROWS) {
		fail(x, x->cur->xml, RG_INPUT, _("%s: %s:%lu: row \"%s\" where row %ld or a later "
		     "one was expected"), x->s->file, x->cur->entry,
		     (unsigned long)XML_GetCurrentLineNumber(x->cur->xml), r ? r : "", x->next_row);
		return;
	}
	x->row = row;
	x->next_row = row + 1;
	x->next_col = 0;
	sheet_begin_row(x->s, row);
}

/* Start a <c>: its column (from its reference, which must be in the row) and type. */
static void cell_start(reader *x, const char **attrs)
{
	const char *r = attr(attrs, "r"), *t = attr(attrs, "t");
	size_t col = x->next_col;
	long row = x->row;

	if (r != NULL && (!parse_ref(r, &col, &row) || row != x->row)) {
		fail(x, x->cur->xml, RG_INPUT, _("%s: %s:%lu: a cell \"%s\" in row %ld"),
		     x->s->file, x->cur->entry,
		     (unsigned long)XML_GetCurrentLineNumber(x->cur->xml), r, x->row);
		return;
	}
	x->in_cell = true;
	x->col = col;
	x->next_col = col + 1;
	snprintf(x->type, sizeof x->type, "%s", t != NULL ? t : "n");
	x->value.len = 0;
	x->value.p[0] = '\0';
}

static void XMLCALL sheet_start(void *ud, const char *name, const char **attrs)
{
	reader *x = ud;
	const char *el = local(name);

	if (!enter(x, x->cur->xml))
		return;
	if (strcmp(el, "sheetData") == 0)
		x->in_data = true;
	else if (!x->in_data)
		return;
	else if (strcmp(el, "row") == 0)
		row_start(x, attrs);
	else if (strcmp(el, "c") == 0)
		cell_start(x, attrs);
	else if (x->in_cell && strcmp(el, "rPh") == 0)
		x->rph++;
	else if (x->in_cell && x->rph == 0 && (strcmp(el, "v") == 0 || strcmp(el, "t") == 0))
		x->in_value = true;
}

/* The text of the cell just read, by its type, into the row. */
static void cell_end(reader *x)
{
	char ref[96];
	const char *v = x->value.p;
	size_t n = x->value.len;
	rg_err e;

	x->in_cell = false;
	if (strcmp(x->type, "s") == 0 && n > 0) {
		char *end;
		unsigned long long i;
		errno = 0;
		i = strtoull(v, &end, 10);
		if (errno != 0 || *end != '\0' || i >= x->nsst) {
			fail(x, x->cur->xml, RG_INPUT, _("%s:%s: shared string \"%s\", but the "
			     "workbook has %zu"), x->s->file,
			     sheet_ref(x->s, x->col, x->row, ref, sizeof ref), v, x->nsst);
			return;
		}
		v = x->sst.p + x->sst_off[i];
		n = strlen(v);
	} else if (strcmp(x->type, "inlineStr") == 0 || strcmp(x->type, "str") == 0) {
		n = unescape(x->value.p, n);
	}
	if (sheet_put(x->s, x->col, v, n, &e) != RG_OK)
		fail(x, x->cur->xml, RG_INPUT, "%s", e.msg);
}

static void XMLCALL sheet_end(void *ud, const char *name)
{
	reader *x = ud;
	const char *el = local(name);

	leave(ud, name);
	if (!x->in_data)
		return;
	if (strcmp(el, "sheetData") == 0) {
		x->in_data = false;
	} else if (strcmp(el, "row") == 0) {
		x->row_ready = true;
		XML_StopParser(x->cur->xml, XML_TRUE); /* hand the row over; resumed after */
	} else if (strcmp(el, "c") == 0 && x->in_cell) {
		cell_end(x);
	} else if (strcmp(el, "rPh") == 0 && x->rph > 0) {
		x->rph--;
	} else if (strcmp(el, "v") == 0 || strcmp(el, "t") == 0) {
		x->in_value = false;
	}
}

/* The next row of the sheet into x->s, or *more false at its end. */
static rg_status next_row(sheet *s, bool *more, rg_err *e)
{
	reader *x = s->impl;
	rg_status st;

	x->row_ready = false;
	while (!x->row_ready) {
		if (x->sheetp.done) {
			*more = false;
			return RG_OK;
		}
		if ((st = part_step(x, &x->sheetp, e)) != RG_OK)
			return st;
	}
	*more = true;
	return RG_OK;
}

static void done(void *impl)
{
	reader *x = impl;

	if (x == NULL)
		return;
	part_close(&x->sheetp);
	if (x->zip != NULL)
		zip_discard(x->zip);
	free(x->m.names.p);
	free(x->sst.p);
	free(x->sst_off);
	free(x->value.p);
	free(x);
}

/* Open the archive and say what it is when it is no .xlsx (an .ods is a zip too). */
static rg_status open_zip(reader *x, rg_err *e)
{
	zip_error_t ze;
	zip_source_t *src;

	zip_error_init(&ze);
	if ((src = zip_source_buffer_create(x->s->data, x->s->size, 0, &ze)) == NULL) {
		zip_error_fini(&ze);
		return err_set(e, RG_IO, "%s: out of memory", x->s->file);
	}
	if ((x->zip = zip_open_from_source(src, ZIP_RDONLY, &ze)) == NULL) {
		rg_status st = err_set(e, RG_INPUT, "%s: not a readable .xlsx workbook: %s",
				       x->s->file, zip_error_strerror(&ze));
		zip_source_free(src);
		zip_error_fini(&ze);
		return st;
	}
	zip_error_fini(&ze);
	if (zip_name_locate(x->zip, "_rels/.rels", 0) < 0 &&
	    zip_name_locate(x->zip, "mimetype", 0) >= 0)
		return err_set(e, RG_INPUT, "%s: an OpenDocument file (.ods), not an .xlsx "
			       "workbook: save it as .xlsx", x->s->file);
	return RG_OK;
}

rg_status sheet_xlsx_open(sheet *s, rg_err *e)
{
	reader *x = calloc(1, sizeof *x);
	char rels[1100];
	const char *slash;
	rg_status st;

	if (x == NULL)
		return err_set(e, RG_IO, "%s: out of memory", s->file);
	x->s = s;
	s->impl = x;
	s->done = done;
	s->next = next_row;
	x->next_row = 1;
	if (buf_add(&x->value, "", 0) != 0)
		return err_set(e, RG_IO, "%s: out of memory", s->file);
	if ((st = open_zip(x, e)) != RG_OK ||
	    (st = parse_whole(x, "_rels/.rels", N_("the package's relationships"), package_rel,
			      text, leave, e)) != RG_OK)
		return st;
	if (x->m.workbook[0] == '\0')
		return err_set(e, RG_INPUT, "%s: not an .xlsx workbook: _rels/.rels names no "
			       "workbook", s->file);
	if ((st = parse_whole(x, x->m.workbook, N_("the workbook"), workbook_el, text, leave,
			      e)) != RG_OK)
		return st;
	if (!x->m.found)
		return s->want != NULL
			? sheet_no_such(s, x->m.names.p ? x->m.names.p : _("(none)"), e)
			: err_set(e, RG_INPUT, "%s: the workbook has no sheet", s->file);
	/* xl/workbook.xml: its folder xl/, its relationships xl/_rels/workbook.xml.rels. */
	slash = strrchr(x->m.workbook, '/');
	snprintf(x->m.dir, sizeof x->m.dir, "%.*s",
		 slash ? (int)(slash - x->m.workbook + 1) : 0, x->m.workbook);
	snprintf(rels, sizeof rels, "%s_rels/%s.rels", x->m.dir,
		 slash ? slash + 1 : x->m.workbook);
	if ((st = parse_whole(x, rels, N_("the workbook's relationships"), workbook_rel, text,
			      leave, e)) != RG_OK)
		return st;
	if (x->m.sheet[0] == '\0')
		return err_set(e, RG_INPUT, "%s: the workbook's relationships name no part for "
			       "sheet \"%s\"", s->file, s->name);
	if (x->m.strings[0] != '\0' &&
	    (st = parse_whole(x, x->m.strings, N_("the shared strings"), sst_start, text, sst_end,
			      e)) != RG_OK)
		return st;
	return part_open(x, &x->sheetp, x->m.sheet, N_("the sheet"), sheet_start, sheet_end, text,
			 e);
}

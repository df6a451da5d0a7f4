/*
 * encoding.c: UTF-8 and GB18030 CSV files read as UTF-8, in fixed buffers.  UTF-8 is
 * checked here byte by byte; GB18030 is converted by iconv(3).  The converted text is
 * handed out as a FILE* made with glibc's fopencookie(3), so the CSV reader stays a plain
 * stdio reader.  While converting, the position of every character is followed (line,
 * character of the line, byte offset), so an invalid byte is reported where the user's
 * editor shows it.  The SHA-256 of the bytes read is taken here too, where every byte
 * passes once.  Depends on the C library (iconv, fopencookie), sha.h and status.h.
 */
#define _GNU_SOURCE /* fopencookie */
#include "encoding.h"

#include <errno.h>
#include <iconv.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/types.h>

#define IN_CAP 65536     /* bytes of the file read at a time */
#define OUT_CAP 65536    /* bytes of UTF-8 text converted at a time */
#define MAX_KEPT 65536   /* invalid bytes kept for enc_take_error (the rest are dropped) */

/* "\xEF\xBF\xBD", U+FFFD REPLACEMENT CHARACTER, stands for each invalid byte. */
static const char replacement[] = "\xEF\xBF\xBD";

struct enc_stream {
	FILE *src;                  /* the file; not owned */
	enc_kind kind;              /* ENC_UTF8 or ENC_GB18030 */
	iconv_t cd;                 /* GB18030 to UTF-8, or (iconv_t)-1 for UTF-8 */
	FILE *file;                 /* the converted text (fopencookie), owned */
	unsigned char in[IN_CAP];   /* bytes read from src, not yet converted from in_pos */
	size_t in_pos, in_len;      /* next byte to convert; bytes held */
	bool in_eof;                /* src has no more bytes */
	char out[OUT_CAP];          /* converted text not yet handed out from out_pos */
	size_t out_pos, out_len;    /* next byte to hand out; bytes held */
	long long offset;           /* offset in src of in[in_pos] */
	long long bytes_read;       /* bytes read from src */
	bool started;               /* the start of the text (its byte-order mark) is done */
	long line;                  /* line of the next character (1-based) */
	long column;                /* characters of that line already converted */
	bool after_cr;              /* the last character was a CR (a following LF ends no line) */
	enc_pos *errs;              /* invalid bytes not yet taken, errs[err_head..nerrs-1] */
	size_t err_head, nerrs, err_cap;
	sha_stream *sha;            /* hash of the bytes read; NULL once taken */
};

rg_status enc_parse(const char *name, enc_kind *kind, rg_err *e)
{
	if (strcasecmp(name, "auto") == 0)
		*kind = ENC_AUTO;
	else if (strcasecmp(name, "utf-8") == 0 || strcasecmp(name, "utf8") == 0)
		*kind = ENC_UTF8;
	else if (strcasecmp(name, "gb18030") == 0 || strcasecmp(name, "gbk") == 0 ||
		 strcasecmp(name, "gb2312") == 0)
		*kind = ENC_GB18030;
	else
		return err_set(e, RG_USAGE, "--encoding: expected utf-8, gb18030 or auto, got \"%s\"",
			       name);
	return RG_OK;
}

const char *enc_name(enc_kind kind)
{
	switch (kind) {
	case ENC_UTF8:    return "UTF-8";
	case ENC_GB18030: return "GB18030";
	case ENC_AUTO:    break;
	}
	return "auto";
}

/* Follow the position over n bytes of converted UTF-8 text. */
static void advance(enc_stream *s, const char *text, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		unsigned char b = (unsigned char)text[i];
		if (b == '\n' && s->after_cr) {
			s->after_cr = false;
		} else if (b == '\n' || b == '\r') {
			s->line++;
			s->column = 0;
			s->after_cr = b == '\r';
		} else {
			s->after_cr = false;
			if ((b & 0xC0) != 0x80)
				s->column++;
		}
	}
}

/* Keep the invalid byte at in[in_pos] (if there is room) and put U+FFFD in the text;
 * the caller skips the byte. */
static void invalid(enc_stream *s)
{
	if (s->nerrs == s->err_cap && s->err_head > 0) {
		memmove(s->errs, s->errs + s->err_head, (s->nerrs - s->err_head) * sizeof *s->errs);
		s->nerrs -= s->err_head;
		s->err_head = 0;
	}
	if (s->nerrs == s->err_cap && s->err_cap < MAX_KEPT) {
		size_t cap = s->err_cap ? s->err_cap * 2 : 16;
		enc_pos *p = realloc(s->errs, cap * sizeof *p);
		if (p != NULL) {
			s->errs = p;
			s->err_cap = cap;
		}
	}
	if (s->nerrs < s->err_cap)
		s->errs[s->nerrs++] = (enc_pos){s->line, s->column + 1, s->offset,
						s->in[s->in_pos]};
	memcpy(s->out + s->out_len, replacement, 3);
	s->out_len += 3;
	advance(s, replacement, 3);
}

/* Read more of src when fewer than 8 bytes (more than any character) are left. */
static int refill(enc_stream *s)
{
	size_t want, n;

	if (s->in_eof || s->in_len - s->in_pos >= 8)
		return 0;
	memmove(s->in, s->in + s->in_pos, s->in_len - s->in_pos);
	s->in_len -= s->in_pos;
	s->in_pos = 0;
	want = IN_CAP - s->in_len;
	n = fread(s->in + s->in_len, 1, want, s->src);
	if (n > 0) {
		if (s->sha != NULL)
			sha_update(s->sha, s->in + s->in_len, n);
		s->in_len += n;
		s->bytes_read += (long long)n;
	}
	if (n < want) {
		if (ferror(s->src))
			return -1;
		s->in_eof = feof(s->src) != 0;
	}
	return 0;
}

/* The bytes that may follow lead byte b as its second byte (lo..hi), and how many
 * continuation bytes b needs; 0 when b cannot start a character.  This table is
 * Unicode's "well-formed UTF-8 byte sequences", which rules out overlongs and
 * surrogates by the second byte. */
static int utf8_lead(unsigned char b, unsigned char *lo, unsigned char *hi)
{
	*lo = 0x80;
	*hi = 0xBF;
	if (b >= 0xC2 && b <= 0xDF)
		return 1;
	if (b == 0xE0)
		*lo = 0xA0;
	else if (b == 0xED)
		*hi = 0x9F;
	if (b >= 0xE0 && b <= 0xEF)
		return 2;
	if (b == 0xF0)
		*lo = 0x90;
	else if (b == 0xF4)
		*hi = 0x8F;
	if (b >= 0xF0 && b <= 0xF4)
		return 3;
	return 0;
}

/* Convert UTF-8 (checking it) from in to out until either runs short. */
static void convert_utf8(enc_stream *s)
{
	while (s->in_pos < s->in_len && OUT_CAP - s->out_len >= 4) {
		const unsigned char *p = s->in + s->in_pos;
		size_t avail = s->in_len - s->in_pos;
		unsigned char lo, hi;
		int need;
		size_t ok;

		if (p[0] < 0x80) {
			s->out[s->out_len++] = (char)p[0];
			advance(s, (const char *)p, 1);
			s->in_pos++;
			s->offset++;
			continue;
		}
		need = utf8_lead(p[0], &lo, &hi);
		/* ok: how many bytes, from the lead on, form the start of a valid character */
		ok = need > 0;
		if (need > 0 && avail > 1 && p[1] >= lo && p[1] <= hi) {
			ok = 2;
			while (ok <= (size_t)need && ok < avail && p[ok] >= 0x80 && p[ok] <= 0xBF)
				ok++;
		}
		if (need > 0 && ok == (size_t)need + 1) {
			memcpy(s->out + s->out_len, p, ok);
			s->out_len += ok;
			advance(s, (const char *)p, ok);
			s->in_pos += ok;
			s->offset += (long long)ok;
			continue;
		}
		if (ok == avail && !s->in_eof)
			return; /* the character may go on in the next block */
		/* Not a character: one U+FFFD for the lead and the continuation bytes that
		 * fitted it (Unicode's "maximal subpart"). */
		invalid(s);
		if (ok == 0)
			ok = 1;
		s->in_pos += ok;
		s->offset += (long long)ok;
	}
}

/* Convert GB18030 from in to out with iconv until either runs short. */
static void convert_gb18030(enc_stream *s)
{
	/* Room for the longest character (4 bytes) besides the 3 kept for U+FFFD. */
	while (s->in_pos < s->in_len && OUT_CAP - s->out_len >= 8) {
		char *inp = (char *)s->in + s->in_pos, *outp = s->out + s->out_len;
		size_t inleft = s->in_len - s->in_pos, outleft = OUT_CAP - s->out_len - 3;
		size_t r = iconv(s->cd, &inp, &inleft, &outp, &outleft);
		int err = errno;
		size_t made = (size_t)(outp - (s->out + s->out_len));
		size_t used = (size_t)(inp - (char *)(s->in + s->in_pos));

		advance(s, s->out + s->out_len, made);
		s->out_len += made;
		s->in_pos += used;
		s->offset += (long long)used;
		if (r != (size_t)-1 || err == E2BIG)
			continue;
		if (err == EINVAL && !s->in_eof)
			return; /* the character goes on in the next block */
		invalid(s); /* EILSEQ, or EINVAL at the end of the file */
		s->in_pos++;
		s->offset++;
	}
}

/* Convert the next block into out (emptied first).  -1 when reading src failed. */
static int convert(enc_stream *s)
{
	s->out_pos = s->out_len = 0;
	while (s->out_len == 0) {
		if (refill(s) != 0)
			return -1;
		if (s->in_pos == s->in_len && s->in_eof)
			return 0;
		if (!s->started) {
			/* A byte-order mark is not text: drop it (GB18030 has one too, 84 31 95 33,
			 * which iconv turns into U+FEFF). */
			static const unsigned char bom[] = {0xEF, 0xBB, 0xBF}, gbom[] = {0x84, 0x31, 0x95, 0x33};
			size_t avail = s->in_len - s->in_pos;
			const unsigned char *mark = s->kind == ENC_UTF8 ? bom : gbom;
			size_t len = s->kind == ENC_UTF8 ? sizeof bom : sizeof gbom;
			if (avail < len && !s->in_eof)
				continue;
			s->started = true;
			if (avail >= len && memcmp(s->in + s->in_pos, mark, len) == 0) {
				s->in_pos += len;
				s->offset += (long long)len;
			}
		}
		size_t before = s->in_pos;
		if (s->kind == ENC_UTF8)
			convert_utf8(s);
		else
			convert_gb18030(s);
		if (s->out_len == 0 && s->in_pos == before && s->in_eof)
			return 0; /* cannot happen: at the end every byte converts or is invalid */
	}
	return 0;
}

static ssize_t cookie_read(void *cookie, char *buf, size_t size)
{
	enc_stream *s = cookie;
	size_t n;

	if (s->out_pos == s->out_len) {
		if (convert(s) != 0) {
			errno = EIO;
			return -1;
		}
		if (s->out_len == 0)
			return 0;
	}
	n = s->out_len - s->out_pos;
	if (n > size)
		n = size;
	memcpy(buf, s->out + s->out_pos, n);
	s->out_pos += n;
	return (ssize_t)n;
}

enc_stream *enc_open(FILE *src, const char *name, enc_kind kind, rg_err *e)
{
	enc_stream *s = calloc(1, sizeof *s);
	cookie_io_functions_t io = {cookie_read, NULL, NULL, NULL};

	if (s == NULL) {
		err_set(e, RG_IO, "%s: out of memory", name);
		return NULL;
	}
	s->src = src;
	s->kind = kind == ENC_GB18030 ? ENC_GB18030 : ENC_UTF8;
	s->line = 1;
	s->cd = (iconv_t)-1;
	s->sha = sha_open();
	if (s->sha == NULL) {
		err_set(e, RG_IO, "%s: out of memory", name);
		goto fail;
	}
	if (s->kind == ENC_GB18030) {
		s->cd = iconv_open("UTF-8", "GB18030");
		if (s->cd == (iconv_t)-1) {
			err_set(e, RG_IO, "%s: cannot convert from GB18030 (iconv: %s)", name,
				strerror(errno));
			goto fail;
		}
	}
	s->file = fopencookie(s, "r", io);
	if (s->file == NULL) {
		err_set(e, RG_IO, "%s: out of memory", name);
		goto fail;
	}
	return s;
fail:
	enc_close(s);
	return NULL;
}

FILE *enc_file(enc_stream *s)
{
	return s->file;
}

bool enc_take_error(enc_stream *s, long before_line, enc_pos *pos)
{
	if (s->err_head == s->nerrs || s->errs[s->err_head].line >= before_line)
		return false;
	*pos = s->errs[s->err_head++];
	return true;
}

long long enc_bytes_read(const enc_stream *s)
{
	return s->bytes_read;
}

void enc_sha256(enc_stream *s, char out[SHA_HEX])
{
	sha_close(s->sha, out);
	s->sha = NULL;
}

void enc_close(enc_stream *s)
{
	if (s == NULL)
		return;
	if (s->file != NULL)
		fclose(s->file);
	if (s->cd != (iconv_t)-1)
		iconv_close(s->cd);
	if (s->sha != NULL) {
		char unused[SHA_HEX];
		sha_close(s->sha, unused);
	}
	free(s->errs);
	free(s);
}

/* Read f to its end in kind; *found tells whether a byte was invalid, *pos the first. */
static rg_status first_invalid(FILE *f, const char *name, enc_kind kind, bool *found,
			       enc_pos *pos, rg_err *e)
{
	enc_stream *s = enc_open(f, name, kind, e);
	char unused[SHA_HEX];
	rg_status st = RG_OK;

	*found = false;
	if (s == NULL)
		return RG_IO;
	sha_close(s->sha, unused); /* a detection pass: what it reads is not hashed */
	s->sha = NULL;
	for (;;) {
		if (convert(s) != 0) {
			st = err_set(e, RG_IO, "%s: read error: %s", name, strerror(errno));
			break;
		}
		if (s->err_head < s->nerrs) {
			*found = true;
			*pos = s->errs[s->err_head];
			break;
		}
		if (s->out_len == 0)
			break;
	}
	enc_close(s);
	return st;
}

static rg_status rewind_file(FILE *f, const char *name, rg_err *e)
{
	if (fseek(f, 0, SEEK_SET) != 0)
		return err_set(e, RG_IO, "%s: cannot read the file twice to find its encoding (%s): "
			       "pass --encoding utf-8 or --encoding gb18030", name, strerror(errno));
	clearerr(f);
	return RG_OK;
}

rg_status enc_detect(FILE *f, const char *name, enc_kind *kind, rg_err *e)
{
	unsigned char head[3];
	size_t n = fread(head, 1, sizeof head, f);
	enc_pos u8, gb;
	bool bad_u8, bad_gb;
	rg_status st;

	if (ferror(f))
		return err_set(e, RG_IO, "%s: read error: %s", name, strerror(errno));
	if ((st = rewind_file(f, name, e)) != RG_OK)
		return st;
	if (n == 3 && head[0] == 0xEF && head[1] == 0xBB && head[2] == 0xBF) {
		*kind = ENC_UTF8;
		return RG_OK;
	}
	if ((st = first_invalid(f, name, ENC_UTF8, &bad_u8, &u8, e)) != RG_OK ||
	    (st = rewind_file(f, name, e)) != RG_OK)
		return st;
	if (!bad_u8) {
		*kind = ENC_UTF8;
		return RG_OK;
	}
	if ((st = first_invalid(f, name, ENC_GB18030, &bad_gb, &gb, e)) != RG_OK ||
	    (st = rewind_file(f, name, e)) != RG_OK)
		return st;
	if (!bad_gb) {
		*kind = ENC_GB18030;
		return RG_OK;
	}
	if (u8.offset == gb.offset)
		return err_set(e, RG_INPUT,
			       "%s:%ld:%ld: the byte 0x%02X (byte offset %lld) is neither UTF-8 nor "
			       "GB18030: save the file from Excel or WPS as \"CSV UTF-8\", or pass "
			       "--encoding utf-8 or --encoding gb18030 to have each bad byte reported "
			       "on its row", name, u8.line, u8.column, u8.byte, u8.offset);
	return err_set(e, RG_INPUT,
		       "%s:%ld:%ld: the byte 0x%02X (byte offset %lld) is not UTF-8, and the file "
		       "is not GB18030 either (line %ld, character %ld: the byte 0x%02X at byte "
		       "offset %lld): save it from Excel or WPS as \"CSV UTF-8\", or pass "
		       "--encoding utf-8 or --encoding gb18030 to have each bad byte reported on "
		       "its row", name, u8.line, u8.column, u8.byte, u8.offset, gb.line, gb.column,
		       gb.byte, gb.offset);
}

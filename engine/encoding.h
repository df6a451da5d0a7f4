/*
 * encoding.h: the text encodings of the spreadsheets supervisors save as CSV (UTF-8 with
 * or without a byte-order mark, and GB18030, what Excel and WPS write for "CSV" on a
 * Chinese Windows), detected and converted to UTF-8 while streaming, with every invalid
 * byte kept for the report at its place in the user's file (line, character, byte).
 * Depends on the C library (iconv(3), fopencookie(3) of glibc), libmd, sha.h, status.h.
 */
#ifndef RG_ENCODING_H
#define RG_ENCODING_H

#include <stdbool.h>
#include <stdio.h>

#include "sha.h"
#include "status.h"

/* The encodings a CSV file may be read in. */
typedef enum {
	ENC_AUTO = 0, /* detect: see enc_detect() */
	ENC_UTF8,     /* UTF-8, with or without a byte-order mark */
	ENC_GB18030   /* GB18030 (a superset of GBK and GB2312) */
} enc_kind;

/* enc_parse: "utf-8" (or "utf8"), "gb18030" (or "gbk" and "gb2312", read as their
 * superset GB18030) or "auto", in any case, into *kind; RG_USAGE naming the choices
 * otherwise. */
rg_status enc_parse(const char *name, enc_kind *kind, rg_err *e);

/* enc_name: "UTF-8", "GB18030" or "auto", for messages. */
const char *enc_name(enc_kind kind);

/* Where a byte is in the user's file: 1-based line (a line ends at LF, CR LF or a lone
 * CR), 1-based character on that line (as an editor counts them, in the encoding the
 * file is read in), and the 0-based byte offset from the start of the file. */
typedef struct {
	long line;          /* line of the byte */
	long column;        /* character of the line the byte starts */
	long long offset;   /* bytes before it in the file */
	unsigned char byte; /* the byte itself */
} enc_pos;

/*
 * enc_detect: decide how to read the file f (named name in messages), reading it from
 * its start to its end at most twice, and leave f at its start again.  A file beginning
 * with the UTF-8 byte-order mark is UTF-8 (Excel and WPS write one for "CSV UTF-8"; a bad
 * byte further on is then reported on its row).  Otherwise: UTF-8 if the whole file is
 * valid UTF-8, else GB18030 if the whole file decodes cleanly as GB18030.  Sets *kind on
 * success.  RG_INPUT when it is neither, naming the first byte that is not UTF-8 and the
 * first that is not GB18030 by line, character and byte offset, and saying to pass
 * --encoding; RG_IO when f cannot be read or rewound (a pipe: pass --encoding).
 */
rg_status enc_detect(FILE *f, const char *name, enc_kind *kind, rg_err *e);

typedef struct enc_stream enc_stream;

/*
 * enc_open: a reader of the file src (named name) in encoding kind (ENC_UTF8 or
 * ENC_GB18030), converting to UTF-8 as it goes: enc_file() is a FILE* that yields the
 * file's text in UTF-8, without a byte-order mark, lines and characters in the same
 * order as in src, so line numbers are the user's.  Memory is a few fixed buffers, not
 * the file.  Every invalid byte becomes U+FFFD in the text and is kept for
 * enc_take_error().  The stream does not own src; name is used only for the message in
 * e.  Returns NULL with RG_IO in e when out of memory or when the C library cannot
 * convert from kind.
 */
enc_stream *enc_open(FILE *src, const char *name, enc_kind kind, rg_err *e);

/* enc_file: the converted text, to read with stdio (e.g. csv_open).  Owned by s. */
FILE *enc_file(enc_stream *s);

/*
 * enc_take_error: the oldest invalid byte not yet taken whose line is before
 * before_line, into *pos; false when there is none.  Bytes of the text read so far by
 * enc_file()'s reader (and a buffer ahead) are known, so call it with the line after
 * the last line consumed.  Returns errors in file order.
 */
bool enc_take_error(enc_stream *s, long before_line, enc_pos *pos);

/* enc_bytes_read: how many bytes of src have been read so far (for a progress bar). */
long long enc_bytes_read(const enc_stream *s);

/*
 * enc_sha256: the SHA-256 of every byte read from src, as 64 hex digits and a NUL in out,
 * so that it names the file as it was read (`sha256sum FILE` gives the same when the
 * whole file was read).  Call it once, after enc_file() reached the end of the file.
 */
void enc_sha256(enc_stream *s, char out[SHA_HEX]);

/* enc_close: close enc_file() and free s (not src).  NULL is allowed. */
void enc_close(enc_stream *s);

#endif

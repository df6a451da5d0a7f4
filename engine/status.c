/*
 * status.c: error records and the mapping from status to exit code.  A message's format is
 * translated here, so every err_set and err_wrap is in the user's language without a
 * _() at each call (the catalog is extracted with err_set and err_wrap as keywords).
 * Depends on the C library and i18n.h.
 */
#include "status.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "i18n.h"

/* A message that filled msg (written: what vsnprintf wanted to write) ends after its last
 * whole UTF-8 character, not inside one. */
static void whole_characters(char *msg, size_t size, int written)
{
	size_t len, start;
	unsigned char lead;

	if (written < 0 || (size_t)written < size)
		return;
	len = strlen(msg);
	for (start = len; start > 0 && ((unsigned char)msg[start - 1] & 0xC0) == 0x80; start--)
		;
	if (start == 0)
		return;
	lead = (unsigned char)msg[start - 1]; /* the last character's first byte */
	if (lead >= 0xC0 && len - (start - 1) < (lead >= 0xF0 ? 4u : lead >= 0xE0 ? 3u : 2u))
		msg[start - 1] = '\0';
}

rg_status err_set(rg_err *e, rg_status status, const char *fmt, ...)
{
	va_list ap;
	int n;

	if (e == NULL)
		return status;
	va_start(ap, fmt);
	n = vsnprintf(e->msg, sizeof e->msg, _(fmt), ap);
	va_end(ap);
	whole_characters(e->msg, sizeof e->msg, n);
	return status;
}

/* Append s to the string in buf (size bytes), cutting it to fit, after a whole UTF-8
 * character. */
static void append(char *buf, size_t size, const char *s)
{
	size_t n = strlen(buf), k = strlen(s);

	if (k > size - 1 - n) {
		k = size - 1 - n;
		while (k > 0 && ((unsigned char)s[k] & 0xC0) == 0x80)
			k--;
	}
	memcpy(buf + n, s, k);
	buf[n + k] = '\0';
}

rg_status err_wrap(rg_err *e, rg_status status, const char *fmt, ...)
{
	char original[sizeof e->msg];
	va_list ap;
	int n;

	if (e == NULL)
		return status;
	snprintf(original, sizeof original, "%s", e->msg);
	va_start(ap, fmt);
	n = vsnprintf(e->msg, sizeof e->msg, _(fmt), ap);
	va_end(ap);
	whole_characters(e->msg, sizeof e->msg, n);
	append(e->msg, sizeof e->msg, ": ");
	append(e->msg, sizeof e->msg, original);
	return status;
}

int status_exit_code(rg_status status)
{
	switch (status) {
	case RG_OK:     return 0;
	case RG_FAILED: return 1;
	case RG_USAGE:  return 2;
	case RG_INPUT:  return 3;
	case RG_DB:     return 4;
	case RG_RULE:   return 5;
	case RG_IO:     return 6;
	}
	return 70; /* unreachable: every status is listed above */
}

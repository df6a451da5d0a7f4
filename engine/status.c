/*
 * status.c: error records and the mapping from status to exit code.  A message's format is
 * translated here, so every err_set and err_wrap is in the user's language without a
 * _() at each call (the catalog is extracted with err_set and err_wrap as keywords).
 * Depends on the C library, i18n.h and text.h (a cut message ends on a whole character).
 */
#include "status.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "i18n.h"
#include "text.h"

rg_status err_set(rg_err *e, rg_status status, const char *fmt, ...)
{
	va_list ap;
	int n;

	if (e == NULL)
		return status;
	va_start(ap, fmt);
	n = vsnprintf(e->msg, sizeof e->msg, _(fmt), ap);
	va_end(ap);
	if (n >= 0 && (size_t)n >= sizeof e->msg) /* cut: end on a whole character */
		text_trim_cut(e->msg);
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
	if (n >= 0 && (size_t)n >= sizeof e->msg) /* cut: end on a whole character */
		text_trim_cut(e->msg);
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

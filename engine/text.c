/*
 * text.c: display width of UTF-8 text, from the C library's own Unicode tables (mbrtowc
 * and wcwidth under the C.UTF-8 locale, which glibc always provides) rather than tables of
 * our own.  Depends on the C library only.
 */
#define _XOPEN_SOURCE 700
#include "text.h"

#include <locale.h>
#include <string.h>
#include <wchar.h>

/* The UTF-8 locale, made once; (locale_t)0 if the C library has none. */
static locale_t utf8_locale(void)
{
	static locale_t loc;
	static int tried;

	if (!tried) {
		tried = 1;
		loc = newlocale(LC_CTYPE_MASK, "C.UTF-8", (locale_t)0);
	}
	return loc;
}

int text_width(const char *s)
{
	locale_t loc = utf8_locale();
	locale_t old;
	mbstate_t st;
	size_t left = strlen(s);
	int w = 0;

	if (loc == (locale_t)0)
		return (int)left; /* no Unicode tables: a byte a column is the best guess */
	old = uselocale(loc);
	memset(&st, 0, sizeof st);
	while (left > 0) {
		wchar_t wc;
		size_t n = mbrtowc(&wc, s, left, &st);
		if (n == (size_t)-1 || n == (size_t)-2) {
			/* A malformed or truncated sequence: one column per byte, start afresh. */
			memset(&st, 0, sizeof st);
			n = 1;
			w++;
		} else {
			int cw = wcwidth(wc);
			w += cw < 0 ? 1 : cw;
		}
		s += n;
		left -= n;
	}
	uselocale(old);
	return w;
}

void text_pad(FILE *f, const char *s, int width, bool right)
{
	int pad = width - text_width(s);

	if (right)
		for (int i = 0; i < pad; i++)
			fputc(' ', f);
	fputs(s, f);
	if (!right)
		for (int i = 0; i < pad; i++)
			fputc(' ', f);
}

void text_trim_cut(char *s)
{
	size_t n = strlen(s), i = n, need;
	unsigned char lead;

	while (i > 0 && ((unsigned char)s[i - 1] & 0xC0) == 0x80)
		i--;
	if (i == 0)
		return;
	lead = (unsigned char)s[i - 1];
	need = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC0 ? 2 : 1;
	if (n - (i - 1) < need)
		s[i - 1] = '\0';
}

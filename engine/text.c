/*
 * text.c: display width of UTF-8 text after Unicode's East Asian Width property (the W
 * and F ranges, which cover CJK ideographs, kana, hangul and fullwidth forms).
 * Depends on the C library only.
 */
#include "text.h"

#include <stdint.h>

/* Decode one UTF-8 sequence at s; returns its length (1 for a malformed byte). */
static int decode(const unsigned char *s, uint32_t *cp)
{
	if (s[0] < 0x80) {
		*cp = s[0];
		return 1;
	}
	if ((s[0] & 0xE0) == 0xC0 && (s[1] & 0xC0) == 0x80) {
		*cp = ((uint32_t)(s[0] & 0x1F) << 6) | (s[1] & 0x3F);
		return 2;
	}
	if ((s[0] & 0xF0) == 0xE0 && (s[1] & 0xC0) == 0x80 && (s[2] & 0xC0) == 0x80) {
		*cp = ((uint32_t)(s[0] & 0x0F) << 12) | ((uint32_t)(s[1] & 0x3F) << 6) |
		      (s[2] & 0x3F);
		return 3;
	}
	if ((s[0] & 0xF8) == 0xF0 && (s[1] & 0xC0) == 0x80 && (s[2] & 0xC0) == 0x80 &&
	    (s[3] & 0xC0) == 0x80) {
		*cp = ((uint32_t)(s[0] & 0x07) << 18) | ((uint32_t)(s[1] & 0x3F) << 12) |
		      ((uint32_t)(s[2] & 0x3F) << 6) | (s[3] & 0x3F);
		return 4;
	}
	*cp = 0xFFFD;
	return 1;
}

static int cp_width(uint32_t c)
{
	static const uint32_t wide[][2] = {
		{0x1100, 0x115F},   {0x231A, 0x231B},   {0x2E80, 0x303E},   {0x3041, 0x33FF},
		{0x3400, 0x4DBF},   {0x4E00, 0x9FFF},   {0xA000, 0xA4CF},   {0xAC00, 0xD7A3},
		{0xF900, 0xFAFF},   {0xFE10, 0xFE19},   {0xFE30, 0xFE6F},   {0xFF00, 0xFF60},
		{0xFFE0, 0xFFE6},   {0x1F300, 0x1F64F}, {0x1F900, 0x1F9FF}, {0x20000, 0x2FFFD},
		{0x30000, 0x3FFFD},
	};

	if ((c >= 0x0300 && c <= 0x036F) || c == 0x200B || (c >= 0xFE00 && c <= 0xFE0F))
		return 0;
	for (size_t i = 0; i < sizeof wide / sizeof wide[0]; i++)
		if (c >= wide[i][0] && c <= wide[i][1])
			return 2;
	return 1;
}

int text_width(const char *s)
{
	const unsigned char *u = (const unsigned char *)s;
	int w = 0;

	while (*u) {
		uint32_t cp;
		u += decode(u, &cp);
		w += cp_width(cp);
	}
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

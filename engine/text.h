/*
 * text.h: UTF-8 text on a terminal: how many columns a string takes (Chinese characters
 * take two) and padding to a width, so tables of Chinese text line up; and the end of a
 * text cut by bytes trimmed to a whole character.
 * Depends on the C library only.
 */
#ifndef RG_TEXT_H
#define RG_TEXT_H

#include <stdbool.h>
#include <stdio.h>

/* text_width: the display width of the UTF-8 string s in terminal columns, as the C
 * library's wcwidth() gives it: East Asian wide and fullwidth characters count 2,
 * combining marks 0, others 1.  Each byte of a malformed sequence counts 1. */
int text_width(const char *s);

/* text_pad: write s to f padded with spaces to width columns, on the right (left-aligned)
 * or, when right is true, on the left.  Text wider than width is written whole. */
void text_pad(FILE *f, const char *s, int width, bool right);

/* text_trim_cut: cut s after its last complete UTF-8 character, if snprintf or a copy by
 * bytes cut one in half at its end; a string that ends whole is left as it is. */
void text_trim_cut(char *s);

#endif

/*
 * html.c: escaping and the small pieces of HTML tables every page is made of.
 * Depends on the C library only.
 */
#include "html.h"

void html_text(FILE *f, const char *s)
{
	for (; s != NULL && *s != '\0'; s++) {
		switch (*s) {
		case '&': fputs("&amp;", f); break;
		case '<': fputs("&lt;", f); break;
		case '>': fputs("&gt;", f); break;
		case '"': fputs("&quot;", f); break;
		case '\'': fputs("&#39;", f); break;
		default: fputc(*s, f);
		}
	}
}

void html_attr(FILE *f, const char *name, const char *value)
{
	fprintf(f, " %s=\"", name);
	html_text(f, value);
	fputc('"', f);
}

void html_number(FILE *f, double v)
{
	/* the default pack's scores are whole: no ".00" after each of them */
	if (v == (double)(long long)v)
		fprintf(f, "%lld", (long long)v);
	else
		fprintf(f, "%.2f", v);
}

void html_td(FILE *f, const char *cls, const char *s)
{
	if (cls != NULL)
		fprintf(f, "<td class=\"%s\">", cls);
	else
		fputs("<td>", f);
	html_text(f, s);
	fputs("</td>", f);
}

void html_td_number(FILE *f, double v)
{
	fputs("<td class=\"n\">", f);
	html_number(f, v);
	fputs("</td>", f);
}

void html_td_figure(FILE *f, const char *figure, const char *key, long n)
{
	fprintf(f, "<td class=\"n\" data-figure=\"%s:", figure);
	html_text(f, key);
	fprintf(f, "\">%ld</td>", n);
}

void html_th_row(FILE *f, const html_col *cols, int ncols)
{
	for (int i = 0; i < ncols; i++) {
		fputs(cols[i].num ? "<th class=\"n\">" : "<th>", f);
		html_text(f, cols[i].title);
		fputs("</th>", f);
	}
}

void html_table_begin(FILE *f, const char *cls, const char *id, const html_col *cols,
		      int ncols)
{
	fputs("<table", f);
	html_attr(f, "class", cls);
	if (id != NULL)
		html_attr(f, "id", id);
	fputs(">\n<thead><tr>", f);
	html_th_row(f, cols, ncols);
	fputs("</tr></thead>\n<tbody>\n", f);
}

void html_table_end(FILE *f)
{
	fputs("</tbody>\n</table>\n", f);
}

/*
 * html.c: the head and stylesheet every page shares, escaping, local times, and the
 * small pieces of HTML tables every page is made of, and the file a page is written to.
 * Depends on atomic.h, date.h, status.h and the C library (POSIX localtime_r).
 */
#include "html.h"

#include <string.h>
#include <time.h>

#include "date.h"

/* The stylesheet of every page: A4 print; table headers repeated on each printed page;
 * a table's foot (its total row) not repeated at the foot of each page, as Chromium does
 * with a tfoot, but once, after the last row and kept on its page. */
static const char base_css[] =
	"@page { size: A4; margin: 15mm }\n"
	"* { -webkit-print-color-adjust: exact; print-color-adjust: exact; box-sizing: border-box }\n"
	"body { font-family: \"Noto Sans CJK SC\", \"Source Han Sans SC\", \"Microsoft YaHei\","
	" \"PingFang SC\", sans-serif; font-size: 10.5pt; line-height: 1.5; color: #222;"
	" max-width: 180mm; margin: 0 auto; padding: 6mm 0 }\n"
	"@media print { body { max-width: none; padding: 0 } }\n"
	"h1 { font-size: 20pt; text-align: center; margin: 0 0 4mm }\n"
	"p { margin: 2mm 0 }\n"
	"table { border-collapse: collapse; margin: 2mm 0 4mm }\n"
	"th, td { border: 1px solid #999; padding: 1mm 2mm; vertical-align: top }\n"
	"th { background: #f0f0f0; font-weight: bold; text-align: left }\n"
	"thead { display: table-header-group }\n"
	"tfoot { display: table-row-group; break-before: avoid; page-break-before: avoid }\n"
	"tr { break-inside: avoid; page-break-inside: avoid }\n"
	"td.n, th.n { text-align: right; font-variant-numeric: tabular-nums }\n";

rg_status html_file_open(html_file *h, const char *path, rg_err *e)
{
	int err;

	h->path = path;
	if (strcmp(path, "-") == 0) {
		h->f = stdout;
		return RG_OK;
	}
	if ((err = atomic_begin(&h->af, path, true)) != 0)
		return err_set(e, RG_IO, "%s: cannot write: %s", path, strerror(err));
	h->f = h->af.f;
	return RG_OK;
}

rg_status html_file_commit(html_file *h, rg_err *e)
{
	int err;

	if (h->f == stdout)
		return fflush(stdout) != 0 || ferror(stdout)
			       ? err_set(e, RG_IO, "cannot write to standard output")
			       : RG_OK;
	if ((err = atomic_sync(&h->af)) != 0 || (err = atomic_rename(&h->af)) != 0)
		return err_set(e, RG_IO, "%s: cannot write: %s", h->path, strerror(err));
	return RG_OK;
}

void html_file_abort(html_file *h)
{
	atomic_abort(&h->af);
}

void html_page_begin(FILE *f, const char *title, const char *css)
{
	fputs("<!DOCTYPE html>\n"
	      "<html lang=\"zh-CN\">\n"
	      "<head>\n"
	      "<meta charset=\"utf-8\">\n"
	      "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
	      "<meta name=\"generator\" content=\"riskgrade " RG_VERSION "\">\n"
	      "<title>", f);
	html_text(f, title);
	fputs("</title>\n<style>\n", f);
	fputs(base_css, f);
	fputs(css, f);
	fputs("</style>\n</head>\n<body>\n", f);
}

/* parse_stamp: the instant of 'YYYY-MM-DDTHH:MM:SSZ' into *t; false for anything else. */
static bool parse_stamp(const char *s, time_t *t)
{
	char day[DATE_BUF];
	long days;
	int h, m, sec;

	if (strlen(s) != STAMP_BUF - 1 || s[10] != 'T' || s[13] != ':' || s[16] != ':' ||
	    s[19] != 'Z')
		return false;
	for (int i = 11; i < 19; i++)
		if (i != 13 && i != 16 && (s[i] < '0' || s[i] > '9'))
			return false;
	memcpy(day, s, 10);
	day[10] = '\0';
	h = (s[11] - '0') * 10 + s[12] - '0';
	m = (s[14] - '0') * 10 + s[15] - '0';
	sec = (s[17] - '0') * 10 + s[18] - '0';
	if (!date_parse(day, &days) || h > 23 || m > 59 || sec > 60)
		return false;
	*t = (time_t)days * 86400 + h * 3600 + m * 60 + sec;
	return true;
}

void html_time(FILE *f, const char *utc)
{
	char when[32], zone[64], offset[16];
	struct tm tm;
	time_t t;

	if (utc == NULL)
		return;
	tzset(); /* localtime_r need not read TZ itself */
	if (!parse_stamp(utc, &t) || localtime_r(&t, &tm) == NULL ||
	    strftime(when, sizeof when, "%Y-%m-%d %H:%M:%S", &tm) == 0 ||
	    strftime(offset, sizeof offset, "%z", &tm) != 5) {
		html_text(f, utc);
		return;
	}
	if (strftime(zone, sizeof zone, "%Z", &tm) == 0 || zone[0] == '+' || zone[0] == '-')
		zone[0] = '\0';
	fputs("<time", f);
	html_attr(f, "datetime", utc);
	fputc('>', f);
	fprintf(f, "%s%s%s (UTC%c%c%c:%c%c)</time>", when, zone[0] != '\0' ? " " : "", zone,
		offset[0], offset[1], offset[2], offset[3], offset[4]);
}

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

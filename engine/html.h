/*
 * html.h: writing HTML to a stream: the head of a page with the stylesheet every printed
 * page shares (A4), text escaped for element content and quoted attributes, numbers as
 * the engine prints scores, times in the reader's time zone, and the cells, header rows
 * and frames of tables; and the file a page goes to (-o), whole or not at all.  For every
 * page riskgrade writes (the report, the notices).
 * Depends on atomic.h, date.h, status.h and the C library (POSIX localtime_r for the time
 * zone).
 */
#ifndef RG_HTML_H
#define RG_HTML_H

#include <stdbool.h>
#include <stdio.h>

#include "atomic.h"
#include "status.h"

/* One column of a table's header: its title (plain text, escaped when written) and
 * whether it holds numbers (then it is right-aligned: class "n"). */
typedef struct {
	const char *title;
	bool num;
} html_col;

/* The file a page is written to: the -o FILE of a command.  Zero-initialise. */
typedef struct {
	const char *path; /* the file the user named, "-" for standard output */
	atomic_file af;   /* its temporary file (nothing for standard output) */
	FILE *f;          /* where to write the page: af.f or stdout */
} html_file;

/*
 * html_file_open: start writing the page to path: standard output for "-", else a
 * temporary file beside path (atomic.h) that html_file_commit renames over it, so path is
 * replaced only by a complete page.  The page goes to h->f.  RG_IO "PATH: cannot write:
 * REASON" with nothing left behind.
 */
rg_status html_file_open(html_file *h, const char *path, rg_err *e);

/*
 * html_file_commit: finish the page: flush standard output, or sync the temporary file and
 * rename it over the target.  RG_IO if anything written could not be (the stream's error
 * flag) or the file cannot be completed; call html_file_abort either way.
 */
rg_status html_file_commit(html_file *h, rg_err *e);

/* html_file_abort: remove what is left of an incomplete page's temporary file; a no-op
 * after html_file_commit succeeded, or for standard output, so it can close every path. */
void html_file_abort(html_file *h);

/*
 * html_page_begin: write to f the page up to and including <body>: the doctype, the
 * head in Chinese (lang zh-CN, UTF-8) with title (escaped) and the stylesheet every
 * page shares, then css (written as given; its rules come last, so they may override):
 * A4 pages with 15 mm margins, colours printed as on screen, a CJK sans-serif font at
 * 10.5 pt, centred h1, tables of collapsed borders whose header rows (thead) repeat at
 * the top of each printed page, whose rows do not split across pages, and whose foot
 * (tfoot: a total row) comes once, after the last rows and on their page, right-aligned
 * numbers in class "n".  Write errors are left in f's error flag.
 */
void html_page_begin(FILE *f, const char *title, const char *css);

/*
 * html_time: write the UTC timestamp utc ('YYYY-MM-DDTHH:MM:SSZ', as date_now records
 * it) to f as the reader's local time, the zone named after it, inside a time element
 * that keeps the timestamp: <time datetime="2026-11-30T04:23:10Z">2026-11-30 12:23:10 CST
 * (UTC+08:00)</time>.  The zone is the TZ environment variable's (the system's when it
 * is unset); its abbreviation is left out when it has none ("+04" is a number, not a
 * name).  Anything else than such a timestamp is written as text, escaped; NULL writes
 * nothing.
 */
void html_time(FILE *f, const char *utc);

/*
 * html_text: write s to f with the five HTML-special characters & < > " ' replaced by
 * &amp; &lt; &gt; &quot; &#39;, so text from the database can go into element content
 * and quoted attribute values alike.  s may be NULL: nothing is written.  Write errors
 * are left in f's error flag for the caller to check once.
 */
void html_text(FILE *f, const char *s);

/* html_attr: write ` name="value"` to f, value escaped as by html_text (NULL: empty).
 * name is written as given and must be a valid attribute name. */
void html_attr(FILE *f, const char *name, const char *value);

/* html_number: write v to f as a score is shown: a whole number without decimals, any
 * other with two ("12", "12.50"). */
void html_number(FILE *f, double v);

/* html_td: write the cell <td>s</td>, with class="cls" when cls is not NULL; s is escaped
 * (NULL: an empty cell). */
void html_td(FILE *f, const char *cls, const char *s);

/* html_td_number: write the right-aligned cell <td class="n">v</td>, v as html_number
 * writes it. */
void html_td_number(FILE *f, double v);

/*
 * html_td_figure: write the right-aligned cell of a count a test can find by its
 * figure: <td class="n" data-figure="FIGURE:KEY">n</td>.  figure is written as given
 * (a fixed name such as "warn"); key (a code from the database) is escaped.
 */
void html_td_figure(FILE *f, const char *figure, const char *key, long n);

/*
 * html_th_row: write the header cells of cols[0..ncols-1], <th>title</th> or, for a
 * column of numbers, <th class="n">title</th>, with no <tr> around them (a caller may add
 * cells of its own).
 */
void html_th_row(FILE *f, const html_col *cols, int ncols);

/*
 * html_table_begin: open a table of rows: <table class="cls" id="id">, its header row
 * from cols (as html_th_row) in a <thead>, and the <tbody>, each on its own line.  id may
 * be NULL (no id attribute); cls must not be.  The caller writes the rows and closes with
 * html_table_end.
 */
void html_table_begin(FILE *f, const char *cls, const char *id, const html_col *cols,
		      int ncols);

/* html_table_end: close the <tbody> and the table html_table_begin opened. */
void html_table_end(FILE *f);

#endif

/*
 * html.h: writing HTML to a stream: text escaped for element content and quoted
 * attributes, numbers as the engine prints scores, and the cells, header rows and frames
 * of tables.  For every page riskgrade writes (the report; later a printable notice).
 * Depends on the C library only.
 */
#ifndef RG_HTML_H
#define RG_HTML_H

#include <stdbool.h>
#include <stdio.h>

/* One column of a table's header: its title (plain text, escaped when written) and
 * whether it holds numbers (then it is right-aligned: class "n"). */
typedef struct {
	const char *title;
	bool num;
} html_col;

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

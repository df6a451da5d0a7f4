/*
 * xlsx.c: the XLSX writer of the output layer: one sheet per workbook, written in
 * libxlsxwriter's constant-memory mode.  The only file that sees libxlsxwriter.
 * Every sheet is set up to print: A4 landscape, fit to the page's width, the header row
 * on every page, the title above and the page number below.
 * Depends on db.h, out.h, text.h, vocab.h, status.h and libxlsxwriter.
 */
#include "xlsx.h"

#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <xlsxwriter.h>

#include "text.h"
#include "vocab.h"

/* Column widths in Excel's units (about one per narrow character): the widest cell's
 * display width and a margin, within bounds so long texts do not make a sheet unusable. */
#define XLSX_MIN_WIDTH 6
#define XLSX_MAX_WIDTH 60

#define XLSX_MAX_COLS 32

/* libxlsxwriter's number of the A4 paper size (worksheet_set_paper). */
#define XLSX_PAPER_A4 9

/* The page footer: the page's number and the number of pages (&P, &N), centred. */
static const char page_footer[] = "&C第 &P 页 / 共 &N 页";

/* Tier fills and their text colours (Excel's own "bad", "neutral" and "good"), in the
 * order of vocab_tier: 一级 red, 二级 amber, 三级 green, dark text on a light fill so every
 * cell stays readable. */
static const struct {
	lxw_color_t fill, font;
} tier_colours[VOCAB_TIERS] = {
	{0xFFC7CE, 0x9C0006},
	{0xFFEB9C, 0x9C5700},
	{0xC6EFCE, 0x006100},
};

/* The keys of the columns that hold tiers, to be coloured: a point's tier, its approved
 * tier, and the tiers of the two runs of a diff. */
static const char *const tier_keys[] = {"tier", "approved_tier", "tier_a", "tier_b"};

/* The display width of the widest line of s (text_width of each line). */
static int cell_width(const char *s)
{
	int widest = 0;

	for (;;) {
		const char *nl = strchr(s, '\n');
		size_t len = nl ? (size_t)(nl - s) : strlen(s);
		char *line = strndup(s, len);
		int w = line ? text_width(line) : (int)len;
		free(line);
		if (w > widest)
			widest = w;
		if (nl == NULL)
			return widest;
		s = nl + 1;
	}
}

/* Whether column c holds tiers, to be coloured. */
static bool is_tier_col(const out_col *c)
{
	return vocab_index(tier_keys, (int)(sizeof tier_keys / sizeof tier_keys[0]), c->key) >= 0;
}

/* One sheet being written. */
typedef struct {
	const char *path;              /* the file the user asked for, for messages */
	const out_list *l;             /* the list: its title and columns */
	char *dir;                     /* the directory of the temporary files; owned */
	lxw_workbook *wb;              /* the workbook */
	lxw_worksheet *ws;             /* its one sheet */
	lxw_format *head;              /* header cells: bold, on grey, a line below */
	lxw_format *wrap;              /* text of several lines shows them all */
	lxw_format *tier[VOCAB_TIERS]; /* a tier's cell, coloured, in the order of vocab_tier */
	int width[XLSX_MAX_COLS];      /* the display width of column i's widest cell so far */
	bool tiercol[XLSX_MAX_COLS];   /* whether column i holds tiers, to be coloured */
} sheet;

/* A libxlsxwriter failure at row r (0: the header) of column c, as a status. */
static rg_status xlsx_fail(const sheet *sh, long r, const out_col *c, lxw_error err,
			   rg_err *e)
{
	return err_set(e, RG_IO, "%s: row %ld, column %s: %s", sh->path, r + 1, c->title,
		       lxw_strerror(err));
}

/* Start the workbook at file, titled after the list and dated created.  Constant memory:
 * each row goes to a temporary file (unlinked at once) in the target's directory as soon
 * as the next one starts, so memory does not grow with the list; text is then stored in
 * the cells rather than in a shared table. */
static rg_status open_workbook(sheet *sh, const char *file, time_t created, rg_err *e)
{
	lxw_doc_properties props = {0};
	const char *slash = strrchr(file, '/');

	if ((sh->dir = slash ? strndup(file, (size_t)(slash - file) + 1) : strdup(".")) == NULL)
		return err_set(e, RG_IO, "%s: out of memory", sh->path);
	lxw_workbook_options opts = {.constant_memory = LXW_TRUE, .tmpdir = sh->dir};
	if ((sh->wb = workbook_new_opt(file, &opts)) == NULL)
		return err_set(e, RG_IO, "%s: cannot start a workbook", sh->path);
	props.title = (char *)sh->l->title;
	props.created = created;
	workbook_set_properties(sh->wb, &props);
	return RG_OK;
}

/* The formats of the header, of text of several lines and of each tier. */
static void add_formats(sheet *sh)
{
	sh->head = workbook_add_format(sh->wb);
	format_set_bold(sh->head);
	format_set_bg_color(sh->head, 0xD9D9D9);
	format_set_bottom(sh->head, LXW_BORDER_THIN);
	sh->wrap = workbook_add_format(sh->wb);
	format_set_text_wrap(sh->wrap);
	format_set_align(sh->wrap, LXW_ALIGN_VERTICAL_TOP);
	for (int t = 0; t < VOCAB_TIERS; t++) {
		sh->tier[t] = workbook_add_format(sh->wb);
		format_set_bg_color(sh->tier[t], tier_colours[t].fill);
		format_set_font_color(sh->tier[t], tier_colours[t].font);
	}
}

/* The header row, the column titles; each column starts as wide as its title. */
static rg_status write_header(sheet *sh, rg_err *e)
{
	const out_list *l = sh->l;

	for (int i = 0; i < l->ncols; i++) {
		lxw_error err;
		sh->width[i] = text_width(l->cols[i].title) + 2; /* room for the filter button */
		sh->tiercol[i] = is_tier_col(&l->cols[i]);
		err = worksheet_write_string(sh->ws, 0, (lxw_col_t)i, l->cols[i].title, sh->head);
		if (err != LXW_NO_ERROR)
			return xlsx_fail(sh, 0, &l->cols[i], err, e);
	}
	return RG_OK;
}

/* Column i of the current row of s as the cell at row r: a number, a text (a tier
 * coloured, several lines wrapped), nothing for NULL; the column widens to fit it. */
static rg_status write_cell(sheet *sh, db_stmt *s, long r, int i, rg_err *e)
{
	db_type type = db_col_type(s, i); /* first: reading text converts */
	lxw_format *fmt = NULL;
	const char *text;
	lxw_error err;

	if (type == DB_NULL)
		return RG_OK;
	if (type == DB_INT || type == DB_REAL) {
		double v = db_col_double(s, i);
		err = worksheet_write_number(sh->ws, (lxw_row_t)r, (lxw_col_t)i, v, NULL);
	} else {
		text = db_col_text(s, i);
		int t = sh->tiercol[i] ? vocab_index(vocab_tier, VOCAB_TIERS, text) : -1;
		if (t >= 0)
			fmt = sh->tier[t];
		else if (strchr(text, '\n') != NULL)
			fmt = sh->wrap;
		err = worksheet_write_string(sh->ws, (lxw_row_t)r, (lxw_col_t)i, text, fmt);
	}
	if (err != LXW_NO_ERROR)
		return xlsx_fail(sh, r, &sh->l->cols[i], err, e);
	text = db_col_text(s, i);
	int w = cell_width(text ? text : "");
	if (w > sh->width[i])
		sh->width[i] = w;
	return RG_OK;
}

/* The rows of s, from the sheet's row 1 on; *r counts them. */
static rg_status write_rows(sheet *sh, db_stmt *s, long *r, rg_err *e)
{
	bool row;
	rg_status st;

	while ((st = db_step(s, &row, e)) == RG_OK && row) {
		if (++*r >= LXW_ROW_MAX)
			return err_set(e, RG_IO, "%s: more than %d rows, the most a sheet holds",
				       sh->path, LXW_ROW_MAX - 1);
		for (int i = 0; i < sh->l->ncols; i++)
			if ((st = write_cell(sh, s, *r, i, e)) != RG_OK)
				return st;
	}
	return st;
}

/* How the sheet prints, as a list is handed round a meeting: A4 landscape, one page wide
 * and as many tall as it takes, the header row at the top of every page, the list's
 * title (bold, centred) above each page and its number below. */
static rg_status print_setup(sheet *sh, rg_err *e)
{
	char header[LXW_HEADER_FOOTER_MAX * 4 + 1];
	size_t n = (size_t)snprintf(header, sizeof header, "&C&\"-,Bold\"");
	lxw_error err;

	/* a "&" of the title would start a control code: doubled, it is printed */
	for (const char *t = sh->l->title; *t != '\0' && n + 2 < sizeof header; t++) {
		if (*t == '&')
			header[n++] = '&';
		header[n++] = *t;
	}
	header[n] = '\0';
	worksheet_set_paper(sh->ws, XLSX_PAPER_A4);
	worksheet_set_landscape(sh->ws);
	worksheet_fit_to_pages(sh->ws, 1, 0);
	if ((err = worksheet_repeat_rows(sh->ws, 0, 0)) != LXW_NO_ERROR ||
	    (err = worksheet_set_header(sh->ws, header)) != LXW_NO_ERROR ||
	    (err = worksheet_set_footer(sh->ws, page_footer)) != LXW_NO_ERROR)
		return err_set(e, RG_IO, "%s: page setup: %s", sh->path, lxw_strerror(err));
	return RG_OK;
}

/* The column widths, within bounds; the header frozen, with an autofilter over the r rows
 * below it. */
static rg_status finish_sheet(sheet *sh, long r, rg_err *e)
{
	int ncols = sh->l->ncols;
	lxw_error err;

	for (int i = 0; i < ncols; i++) {
		int w = sh->width[i] + 2;
		w = w < XLSX_MIN_WIDTH ? XLSX_MIN_WIDTH : w > XLSX_MAX_WIDTH ? XLSX_MAX_WIDTH : w;
		worksheet_set_column(sh->ws, (lxw_col_t)i, (lxw_col_t)i, w, NULL);
	}
	worksheet_freeze_panes(sh->ws, 1, 0);
	err = worksheet_autofilter(sh->ws, 0, 0, (lxw_row_t)r, (lxw_col_t)(ncols - 1));
	if (err != LXW_NO_ERROR)
		return err_set(e, RG_IO, "%s: autofilter: %s", sh->path, lxw_strerror(err));
	return RG_OK;
}

rg_status xlsx_write(const char *file, const char *path, const out_list *l, db_stmt *s,
		     time_t created, long *nrows, rg_err *e)
{
	sheet sh = {.path = path, .l = l};
	long r = 0;
	lxw_error err;
	rg_status st;

	*nrows = 0;
	if (l->ncols > XLSX_MAX_COLS)
		return err_set(e, RG_IO, "internal: %d columns", l->ncols);
	if ((st = open_workbook(&sh, file, created, e)) != RG_OK)
		goto out;
	if ((sh.ws = workbook_add_worksheet(sh.wb, l->title)) == NULL) {
		st = err_set(e, RG_IO, "%s: cannot add the sheet %s", path, l->title);
		goto out;
	}
	add_formats(&sh);
	if ((st = write_header(&sh, e)) != RG_OK || (st = write_rows(&sh, s, &r, e)) != RG_OK ||
	    (st = finish_sheet(&sh, r, e)) != RG_OK)
		goto out;
	st = print_setup(&sh, e);
out:
	/* Closing writes the file and frees the workbook, on failure too (the caller then
	 * removes the temporary file). */
	if (sh.wb != NULL) {
		errno = 0;
		err = workbook_close(sh.wb);
		if (st == RG_OK && err != LXW_NO_ERROR && errno != 0)
			st = err_set(e, RG_IO, "%s: cannot write: %s (libxlsxwriter: %s)", path,
				     strerror(errno), lxw_strerror(err));
		else if (st == RG_OK && err != LXW_NO_ERROR)
			st = err_set(e, RG_IO, "%s: cannot write the workbook: %s", path,
				     lxw_strerror(err));
	}
	free(sh.dir);
	*nrows = r;
	return st;
}

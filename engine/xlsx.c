/*
 * xlsx.c: the XLSX writer of the output layer: one sheet per workbook, written in
 * libxlsxwriter's constant-memory mode.  The only file that sees libxlsxwriter.
 * Depends on db.h, out.h, text.h, vocab.h, status.h and libxlsxwriter.
 */
#include "xlsx.h"

#include <errno.h>
#include <stdbool.h>
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

/* A libxlsxwriter failure at row r (0: the header) of column c, as a status. */
static rg_status xlsx_fail(const char *path, long r, const out_col *c, lxw_error err,
			   rg_err *e)
{
	return err_set(e, RG_IO, "%s: row %ld, column %s: %s", path, r + 1, c->title,
		       lxw_strerror(err));
}

rg_status xlsx_write(const char *file, const char *path, const out_list *l, db_stmt *s,
		     time_t created, long *nrows, rg_err *e)
{
	lxw_doc_properties props = {0};
	lxw_workbook *wb = NULL;
	lxw_worksheet *ws;
	char *dir = NULL;
	lxw_format *head, *wrap, *tierfmt[VOCAB_TIERS];
	int width[XLSX_MAX_COLS];
	bool tiercol[XLSX_MAX_COLS]; /* whether column i holds tiers, to be coloured */
	long r = 0;
	bool row;
	lxw_error err;
	rg_status st = RG_OK;

	*nrows = 0;
	if (l->ncols > XLSX_MAX_COLS)
		return err_set(e, RG_IO, "internal: %d columns", l->ncols);
	/* Constant memory: each row goes to a temporary file (unlinked at once) in the
	 * target's directory as soon as the next one starts, so memory does not grow with
	 * the list; text is then stored in the cells rather than in a shared table. */
	const char *slash = strrchr(file, '/');
	if ((dir = slash ? strndup(file, (size_t)(slash - file) + 1) : strdup(".")) == NULL)
		return err_set(e, RG_IO, "%s: out of memory", path);
	lxw_workbook_options opts = {.constant_memory = LXW_TRUE, .tmpdir = dir};
	if ((wb = workbook_new_opt(file, &opts)) == NULL) {
		free(dir);
		return err_set(e, RG_IO, "%s: cannot start a workbook", path);
	}
	props.title = (char *)l->title;
	props.created = created;
	workbook_set_properties(wb, &props);
	if ((ws = workbook_add_worksheet(wb, l->title)) == NULL) {
		st = err_set(e, RG_IO, "%s: cannot add the sheet %s", path, l->title);
		goto out;
	}
	head = workbook_add_format(wb);
	format_set_bold(head);
	format_set_bg_color(head, 0xD9D9D9);
	format_set_bottom(head, LXW_BORDER_THIN);
	wrap = workbook_add_format(wb); /* text of several lines shows them all */
	format_set_text_wrap(wrap);
	format_set_align(wrap, LXW_ALIGN_VERTICAL_TOP);
	for (int t = 0; t < VOCAB_TIERS; t++) {
		tierfmt[t] = workbook_add_format(wb);
		format_set_bg_color(tierfmt[t], tier_colours[t].fill);
		format_set_font_color(tierfmt[t], tier_colours[t].font);
	}
	for (int i = 0; i < l->ncols; i++) {
		width[i] = text_width(l->cols[i].title) + 2; /* room for the filter button */
		tiercol[i] = is_tier_col(&l->cols[i]);
		err = worksheet_write_string(ws, 0, (lxw_col_t)i, l->cols[i].title, head);
		if (err != LXW_NO_ERROR) {
			st = xlsx_fail(path, 0, &l->cols[i], err, e);
			goto out;
		}
	}
	while ((st = db_step(s, &row, e)) == RG_OK && row) {
		if (++r >= LXW_ROW_MAX) {
			st = err_set(e, RG_IO, "%s: more than %d rows, the most a sheet holds",
				     path, LXW_ROW_MAX - 1);
			goto out;
		}
		for (int i = 0; i < l->ncols; i++) {
			db_type type = db_col_type(s, i); /* first: reading text converts */
			lxw_format *fmt = NULL;
			const char *text;
			if (type == DB_NULL)
				continue;
			if (type == DB_INT || type == DB_REAL) {
				double v = db_col_double(s, i);
				err = worksheet_write_number(ws, (lxw_row_t)r, (lxw_col_t)i, v,
							     NULL);
			} else {
				text = db_col_text(s, i);
				int t = tiercol[i] ? vocab_index(vocab_tier, VOCAB_TIERS, text) : -1;
				if (t >= 0)
					fmt = tierfmt[t];
				else if (strchr(text, '\n') != NULL)
					fmt = wrap;
				err = worksheet_write_string(ws, (lxw_row_t)r, (lxw_col_t)i,
							     text, fmt);
			}
			if (err != LXW_NO_ERROR) {
				st = xlsx_fail(path, r, &l->cols[i], err, e);
				goto out;
			}
			text = db_col_text(s, i);
			int w = cell_width(text ? text : "");
			if (w > width[i])
				width[i] = w;
		}
	}
	if (st != RG_OK)
		goto out;
	for (int i = 0; i < l->ncols; i++) {
		int w = width[i] + 2;
		w = w < XLSX_MIN_WIDTH ? XLSX_MIN_WIDTH : w > XLSX_MAX_WIDTH ? XLSX_MAX_WIDTH : w;
		worksheet_set_column(ws, (lxw_col_t)i, (lxw_col_t)i, w, NULL);
	}
	worksheet_freeze_panes(ws, 1, 0);
	err = worksheet_autofilter(ws, 0, 0, (lxw_row_t)r, (lxw_col_t)(l->ncols - 1));
	if (err != LXW_NO_ERROR)
		st = err_set(e, RG_IO, "%s: autofilter: %s", path, lxw_strerror(err));
out:
	/* Closing writes the file and frees the workbook, on failure too (the caller then
	 * removes the temporary file). */
	errno = 0;
	err = workbook_close(wb);
	if (st == RG_OK && err != LXW_NO_ERROR && errno != 0)
		st = err_set(e, RG_IO, "%s: cannot write: %s (libxlsxwriter: %s)", path,
			     strerror(errno), lxw_strerror(err));
	else if (st == RG_OK && err != LXW_NO_ERROR)
		st = err_set(e, RG_IO, "%s: cannot write the workbook: %s", path,
			     lxw_strerror(err));
	free(dir);
	*nrows = r;
	return st;
}

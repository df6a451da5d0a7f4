/*
 * cmd_export.c: `riskgrade export`, the lists the seed documents name — 岗位风险等级清单 (tier
 * list), 廉政风险防控措施台账 (measures ledger), 预警清单 (warnings) and 职权目录 (power
 * catalogue) — written as CSV (with a BOM, for Excel), JSON or XLSX, always through a
 * temporary file renamed over the target.  The only file that sees libxlsxwriter.
 * Depends on db.h, table.h, text.h, date.h, run.h, args.h, atomic.h and libxlsxwriter.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include <xlsxwriter.h>

#include "args.h"
#include "atomic.h"
#include "cmd.h"
#include "date.h"
#include "db.h"
#include "run.h"
#include "table.h"
#include "text.h"

static const char usage[] =
	"riskgrade export DB KIND -o FILE [--format csv|json|xlsx] [--run N] [--as-of DATE]";

static const char help[] =
	"usage: riskgrade export DB KIND -o FILE [--format csv|json|xlsx] [--run N] [--as-of DATE]\n"
	"\n"
	"Write one of the lists of 廉政风险防控 to FILE, by way of a temporary file beside it\n"
	"that replaces FILE only once everything is written: a failed export leaves FILE as\n"
	"it was.  KIND, by its English or Chinese name:\n"
	"  tiers     岗位风险等级清单      every point graded in run N (default: the latest\n"
	"                                 run): its factors, score, tier, the approved tier\n"
	"                                 and the re-grading flags not cleared by approval\n"
	"  measures  廉政风险防控措施台账  every control measure, with its point's tier in its\n"
	"                                 latest grade (up to run N when --run is given)\n"
	"  warnings  预警清单              every warning of every run, open or released, with\n"
	"                                 its point's tier in the last run that proposed it\n"
	"  powers    职权目录              the power catalogue\n"
	"\n"
	"  --format F      csv: UTF-8 with a BOM, CRLF, Chinese headers (Excel opens it as is);\n"
	"                  json: one array of objects; xlsx: one sheet named after the list,\n"
	"                  header frozen, autofilter, tiers coloured.  Default: FILE's\n"
	"                  extension (.csv, .json, .xlsx).\n"
	"  -o, --output FILE  where to write; \"-\" is standard output (csv and json only)\n"
	"  --run N         the run of the tier list and of the ledger's tiers\n"
	"  --as-of DATE    the list's date (default: today): a warning still 发布 or 签收\n"
	"                  whose due date is before it is 逾期; XLSX files carry it as their\n"
	"                  creation date, so the same data and date give the same bytes\n"
	"\n"
	"JSON keys, in this order (null where a value is missing; numbers are numbers):\n"
	"  tiers     point, agency, department, post, level, category, manifestation, power,\n"
	"            importance, discretion, likelihood, harm, score, tier, approved_tier,\n"
	"            flags (labels joined by \"；\")\n"
	"  measures  point, agency, post, tier, measure, responsible, due, status\n"
	"  warnings  id, point, agency, post, tier, reason, disposition, responsible, due,\n"
	"            status, overdue (\"是\"/\"否\"), text\n"
	"  powers    code, agency, name, kind, content, legal_basis, department, post,\n"
	"            major (\"是\"/\"否\"), funds (万元)\n"
	"A warning nobody answers for has responsible null in JSON, （未指定） in CSV and XLSX.\n"
	"Writing a file prints one line: the file, the list, its run or date, the rows.\n";

/* A whole REAL as an integer, so 36.0 prints as 36 in every format. */
#define WHOLE(x) "CASE WHEN " x " = CAST(" x " AS INTEGER) THEN CAST(" x " AS INTEGER)" \
	" ELSE " x " END"

/* 岗位风险等级清单: ?1 is the run. */
static const char tiers_sql[] =
	"SELECT p.code, a.name, d.name, po.name, p.level, p.category, p.manifestation,"
	"  pw.name, g.importance, g.discretion, g.likelihood, g.harm, " WHOLE("g.score") ","
	"  g.tier, p.approved_tier,"
	"  (SELECT group_concat(label, '；') FROM (SELECT f.label FROM flags f"
	"    WHERE f.run = g.run AND f.point = g.point AND f.cleared_by IS NULL"
	"    ORDER BY f.code))"
	" FROM grades g"
	" JOIN points p ON p.code = g.point"
	" JOIN agencies a ON a.code = p.agency"
	" LEFT JOIN posts po ON po.code = p.post"
	" LEFT JOIN departments d ON d.code = coalesce(p.department, po.department)"
	" LEFT JOIN powers pw ON pw.code = p.power"
	" WHERE g.run = ?1 ORDER BY p.code";

static const out_col tiers_cols[] = {
	{"风险点编号", "point"},      {"单位", "agency"},        {"科室", "department"},
	{"岗位", "post"},             {"层级", "level"},         {"风险类别", "category"},
	{"表现形式", "manifestation"}, {"职权", "power"},         {"权力重要程度", "importance"},
	{"自由裁量权", "discretion"},  {"发生概率", "likelihood"}, {"危害程度", "harm"},
	{"得分", "score"},            {"风险等级", "tier"},      {"审定等级", "approved_tier"},
	{"需重新评定", "flags"},
};

/* 廉政风险防控措施台账: ?1 is the last run to take tiers from (NULL: any). */
static const char measures_sql[] =
	"SELECT m.point, a.name, po.name,"
	"  (SELECT g.tier FROM grades g WHERE g.point = m.point AND (?1 IS NULL OR g.run <= ?1)"
	"    ORDER BY g.run DESC LIMIT 1),"
	"  m.text, pe.name, m.due, m.status"
	" FROM measures m"
	" JOIN points p ON p.code = m.point"
	" JOIN agencies a ON a.code = p.agency"
	" LEFT JOIN posts po ON po.code = p.post"
	" LEFT JOIN persons pe ON pe.code = m.responsible"
	" ORDER BY m.point, m.id";

static const out_col measures_cols[] = {
	{"风险点编号", "point"}, {"单位", "agency"},  {"岗位", "post"},
	{"风险等级", "tier"},    {"防控措施", "measure"}, {"责任人", "responsible"},
	{"完成时限", "due"},     {"落实情况", "status"},
};

/* 预警清单: ?1 is the as-of date, ?2 whether to write （未指定） for nobody (not in JSON).
 * The tier is the point's in the last run that proposed the warning (seen_run). */
static const char warnings_sql[] =
	"SELECT w.id, w.point, a.name, po.name, g.tier, w.reason, w.disposition,"
	"  CASE WHEN w.responsible IS NULL AND ?2 THEN '（未指定）' ELSE pe.name END,"
	"  w.due, w.status,"
	"  CASE WHEN w.status IN ('发布', '签收') AND w.due < ?1 THEN '是' ELSE '否' END,"
	"  w.text"
	" FROM warnings w"
	" JOIN points p ON p.code = w.point"
	" JOIN agencies a ON a.code = p.agency"
	" LEFT JOIN grades g ON g.run = coalesce(w.seen_run, w.run) AND g.point = w.point"
	" LEFT JOIN posts po ON po.code = p.post"
	" LEFT JOIN persons pe ON pe.code = w.responsible"
	" ORDER BY w.id";

static const out_col warnings_cols[] = {
	{"预警编号", "id"},          {"风险点编号", "point"}, {"单位", "agency"},
	{"岗位", "post"},            {"风险等级", "tier"},    {"预警事由", "reason"},
	{"处置方式", "disposition"}, {"责任人", "responsible"}, {"完成时限", "due"},
	{"状态", "status"},          {"是否逾期", "overdue"}, {"处置要求", "text"},
};

/* 职权目录. */
static const char powers_sql[] =
	"SELECT pw.code, a.name, pw.name, pw.kind, pw.content, pw.legal_basis, d.name, po.name,"
	"  CASE pw.major WHEN 1 THEN '是' ELSE '否' END, " WHOLE("pw.funds")
	" FROM powers pw"
	" JOIN agencies a ON a.code = pw.agency"
	" LEFT JOIN departments d ON d.code = pw.department"
	" LEFT JOIN posts po ON po.code = pw.post"
	" ORDER BY pw.code";

static const out_col powers_cols[] = {
	{"职权编码", "code"},        {"单位", "agency"},         {"职权名称", "name"},
	{"职权类别", "kind"},        {"职权内容", "content"},    {"法律依据", "legal_basis"},
	{"行使科室", "department"},  {"行使岗位", "post"},       {"三重一大", "major"},
	{"涉及资金(万元)", "funds"},
};

typedef enum { K_TIERS, K_MEASURES, K_WARNINGS, K_POWERS } kind_id;

#define NCOLS(a) ((int)(sizeof a / sizeof a[0]))

/* One list the command can write. */
typedef struct {
	kind_id id;
	const char *name;    /* on the command line, in English */
	const char *title;   /* its Chinese name: also accepted, and the XLSX sheet's name */
	const char *sql;     /* the rows, in a stable order */
	const out_col *cols; /* one per column of sql */
	int ncols;
} export_kind;

static const export_kind kinds[] = {
	{K_TIERS, "tiers", "岗位风险等级清单", tiers_sql, tiers_cols, NCOLS(tiers_cols)},
	{K_MEASURES, "measures", "廉政风险防控措施台账", measures_sql, measures_cols,
	 NCOLS(measures_cols)},
	{K_WARNINGS, "warnings", "预警清单", warnings_sql, warnings_cols, NCOLS(warnings_cols)},
	{K_POWERS, "powers", "职权目录", powers_sql, powers_cols, NCOLS(powers_cols)},
};

typedef enum { X_CSV, X_JSON, X_XLSX } export_format;

static const char *const format_names[] = {"csv", "json", "xlsx"};

/* ---- choosing ------------------------------------------------------------------------ */

static rg_status kind_parse(const char *s, const export_kind **out, rg_err *e)
{
	for (size_t i = 0; i < sizeof kinds / sizeof kinds[0]; i++) {
		if (strcmp(s, kinds[i].name) == 0 || strcmp(s, kinds[i].title) == 0) {
			*out = &kinds[i];
			return RG_OK;
		}
	}
	return err_set(e, RG_USAGE,
		       "export: unknown list \"%s\": expected tiers (岗位风险等级清单), measures "
		       "(廉政风险防控措施台账), warnings (预警清单) or powers (职权目录)", s);
}

/* The format named by --format, or else by the extension of the output file. */
static rg_status format_choose(const char *given, const char *path, export_format *out,
			       rg_err *e)
{
	const char *ext = NULL;

	if (given == NULL) {
		const char *slash = strrchr(path, '/');
		const char *dot = strrchr(slash ? slash + 1 : path, '.');
		if (dot == NULL || strcmp(path, "-") == 0)
			return err_set(e, RG_USAGE, "export: --format csv|json|xlsx is needed: "
				       "\"%s\" has no extension that names one", path);
		ext = dot + 1;
	}
	for (int i = 0; i < 3; i++) {
		if (strcmp(given ? given : ext, format_names[i]) == 0) {
			*out = (export_format)i;
			return RG_OK;
		}
	}
	if (given != NULL)
		return err_set(e, RG_USAGE, "--format: expected csv, json or xlsx, got \"%s\"",
			       given);
	return err_set(e, RG_USAGE, "export: --format csv|json|xlsx is needed: the extension "
		       ".%s of \"%s\" names no format", ext, path);
}

/* ---- XLSX ------------------------------------------------------------------------------ */

/* Column widths in Excel's units (about one per narrow character): the widest cell's
 * display width and a margin, within bounds so long texts do not make a sheet unusable. */
#define XLSX_MIN_WIDTH 6
#define XLSX_MAX_WIDTH 60

/* Tier fills and their text colours (Excel's own "bad", "neutral" and "good"): 一级 red,
 * 二级 amber, 三级 green, dark text on a light fill so every cell stays readable. */
static const struct {
	const char *tier;
	lxw_color_t fill, font;
} tier_colours[] = {
	{"一级", 0xFFC7CE, 0x9C0006},
	{"二级", 0xFFEB9C, 0x9C5700},
	{"三级", 0xC6EFCE, 0x006100},
};

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
	return strcmp(c->key, "tier") == 0 || strcmp(c->key, "approved_tier") == 0;
}

/* A libxlsxwriter failure at row r (0: the header) of column c, as a status. */
static rg_status xlsx_fail(const char *path, long r, const out_col *c, lxw_error err,
			   rg_err *e)
{
	return err_set(e, RG_IO, "%s: row %ld, column %s: %s", path, r + 1, c->title,
		       lxw_strerror(err));
}

/*
 * write_xlsx: write the rows of s as the one sheet of a workbook at o->tmp (messages
 * name o->path): numbers as numbers, text as text, NULL as an empty cell; a bold frozen
 * header with an autofilter; tiers coloured; column widths from the widest cell.
 * created is the workbook's date.  Sets *nrows.  RG_DB if the query fails, RG_IO if the
 * workbook cannot be written.
 */
static rg_status write_xlsx(const atomic_file *o, const export_kind *k, db_stmt *s,
			    time_t created, long *nrows, rg_err *e)
{
	lxw_doc_properties props = {0};
	lxw_workbook *wb = NULL;
	lxw_worksheet *ws;
	char *dir = NULL;
	lxw_format *head, *wrap, *tierfmt[3];
	int width[32];
	bool tiercol[32]; /* whether column i holds tiers, to be coloured */
	long r = 0;
	bool row;
	lxw_error err;
	rg_status st = RG_OK;

	if (k->ncols > 32)
		return err_set(e, RG_IO, "internal: %d columns", k->ncols);
	/* Constant memory: each row goes to a temporary file (unlinked at once) in the
	 * target's directory as soon as the next one starts, so memory does not grow with
	 * the list; text is then stored in the cells rather than in a shared table. */
	const char *slash = strrchr(o->tmp, '/');
	if ((dir = slash ? strndup(o->tmp, (size_t)(slash - o->tmp) + 1) : strdup(".")) == NULL)
		return err_set(e, RG_IO, "%s: out of memory", o->path);
	lxw_workbook_options opts = {.constant_memory = LXW_TRUE, .tmpdir = dir};
	if ((wb = workbook_new_opt(o->tmp, &opts)) == NULL) {
		free(dir);
		return err_set(e, RG_IO, "%s: cannot start a workbook", o->path);
	}
	props.title = (char *)k->title;
	props.created = created;
	workbook_set_properties(wb, &props);
	if ((ws = workbook_add_worksheet(wb, k->title)) == NULL) {
		st = err_set(e, RG_IO, "%s: cannot add the sheet %s", o->path, k->title);
		goto out;
	}
	head = workbook_add_format(wb);
	format_set_bold(head);
	format_set_bg_color(head, 0xD9D9D9);
	format_set_bottom(head, LXW_BORDER_THIN);
	wrap = workbook_add_format(wb); /* text of several lines shows them all */
	format_set_text_wrap(wrap);
	format_set_align(wrap, LXW_ALIGN_VERTICAL_TOP);
	for (int t = 0; t < 3; t++) {
		tierfmt[t] = workbook_add_format(wb);
		format_set_bg_color(tierfmt[t], tier_colours[t].fill);
		format_set_font_color(tierfmt[t], tier_colours[t].font);
	}
	for (int i = 0; i < k->ncols; i++) {
		width[i] = text_width(k->cols[i].title) + 2; /* room for the filter button */
		tiercol[i] = is_tier_col(&k->cols[i]);
		err = worksheet_write_string(ws, 0, (lxw_col_t)i, k->cols[i].title, head);
		if (err != LXW_NO_ERROR) {
			st = xlsx_fail(o->path, 0, &k->cols[i], err, e);
			goto out;
		}
	}
	while ((st = db_step(s, &row, e)) == RG_OK && row) {
		if (++r >= LXW_ROW_MAX) {
			st = err_set(e, RG_IO, "%s: more than %d rows, the most a sheet holds",
				     o->path, LXW_ROW_MAX - 1);
			goto out;
		}
		for (int i = 0; i < k->ncols; i++) {
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
				for (int t = 0; t < 3 && tiercol[i]; t++)
					if (strcmp(text, tier_colours[t].tier) == 0)
						fmt = tierfmt[t];
				if (fmt == NULL && strchr(text, '\n') != NULL)
					fmt = wrap;
				err = worksheet_write_string(ws, (lxw_row_t)r, (lxw_col_t)i,
							     text, fmt);
			}
			if (err != LXW_NO_ERROR) {
				st = xlsx_fail(o->path, r, &k->cols[i], err, e);
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
	for (int i = 0; i < k->ncols; i++) {
		int w = width[i] + 2;
		w = w < XLSX_MIN_WIDTH ? XLSX_MIN_WIDTH : w > XLSX_MAX_WIDTH ? XLSX_MAX_WIDTH : w;
		worksheet_set_column(ws, (lxw_col_t)i, (lxw_col_t)i, w, NULL);
	}
	worksheet_freeze_panes(ws, 1, 0);
	err = worksheet_autofilter(ws, 0, 0, (lxw_row_t)r, (lxw_col_t)(k->ncols - 1));
	if (err != LXW_NO_ERROR)
		st = err_set(e, RG_IO, "%s: autofilter: %s", o->path, lxw_strerror(err));
out:
	/* Closing writes the file and frees the workbook, on failure too (the caller then
	 * removes the temporary file). */
	errno = 0;
	err = workbook_close(wb);
	if (st == RG_OK && err != LXW_NO_ERROR && errno != 0)
		st = err_set(e, RG_IO, "%s: cannot write: %s (libxlsxwriter: %s)", o->path,
			     strerror(errno), lxw_strerror(err));
	else if (st == RG_OK && err != LXW_NO_ERROR)
		st = err_set(e, RG_IO, "%s: cannot write the workbook: %s", o->path,
			     lxw_strerror(err));
	free(dir);
	*nrows = r;
	return st;
}

/* Whether paths a and b name the same existing file. */
static bool same_file(const char *a, const char *b)
{
	struct stat sa, sb;

	return stat(a, &sa) == 0 && stat(b, &sb) == 0 && sa.st_dev == sb.st_dev &&
	       sa.st_ino == sb.st_ino;
}

/* ---- the command ----------------------------------------------------------------------- */

rg_status cmd_export(int argc, char **argv, rg_err *e)
{
	const char *pos[2], *format = NULL, *output = NULL, *run_text = NULL, *as_of = NULL;
	arg_opt opts[] = {{"--format", &format, NULL}, {"-o", &output, NULL},
			  {"--output", &output, NULL}, {"--run", &run_text, NULL},
			  {"--as-of", &as_of, NULL}, {NULL, NULL, NULL}};
	const export_kind *k = NULL;
	export_format fmt = X_CSV;
	atomic_file o = {0};
	FILE *f = stdout; /* where CSV or JSON goes: o.f, or standard output for "-o -" */
	char today[DATE_BUF], stamp[STAMP_BUF], note[64] = "";
	long run = 0, days, n = 0;
	bool helped, to_stdout;
	int npos, err;
	db *d = NULL;
	db_stmt *s = NULL;
	rg_status st;

	st = args_parse(argc, argv, opts, pos, 2, 2, &npos, &helped, usage, help, e);
	if (st != RG_OK || helped)
		return st;
	if ((st = kind_parse(pos[1], &k, e)) != RG_OK)
		return st;
	if (output == NULL)
		return err_set(e, RG_USAGE, "export: -o FILE is needed (\"-o -\" writes csv or "
			       "json to standard output)\nusage: %s", usage);
	if (*output == '\0')
		return err_set(e, RG_USAGE, "-o: expected a file name, got \"\"");
	if ((st = format_choose(format, output, &fmt, e)) != RG_OK)
		return st;
	to_stdout = strcmp(output, "-") == 0;
	if (fmt == X_XLSX && to_stdout)
		return err_set(e, RG_USAGE, "export: xlsx is written to a file, not to standard "
			       "output: give -o FILE.xlsx");
	if (run_text != NULL && (k->id == K_WARNINGS || k->id == K_POWERS))
		return err_set(e, RG_USAGE, "export: --run does not apply to %s (%s), which %s",
			       k->name, k->title,
			       k->id == K_WARNINGS ? "holds the warnings of every run"
						   : "does not depend on a run");
	if (as_of != NULL) {
		if (!date_parse(as_of, &days))
			return err_set(e, RG_USAGE, "--as-of: expected a date YYYY-MM-DD, got \"%s\"",
				       as_of);
	} else {
		if ((st = date_now(stamp, today, e)) != RG_OK)
			return st;
		as_of = today;
		date_parse(as_of, &days);
	}

	if (same_file(pos[0], output))
		return err_set(e, RG_USAGE, "export: -o %s is the database itself: name another "
			       "file", output);

	if ((st = db_open(pos[0], &d, e)) != RG_OK)
		goto out;
	/* The tier list needs a run; the ledger takes the tiers of one when it is named. */
	if (k->id == K_TIERS || (k->id == K_MEASURES && run_text != NULL)) {
		if ((st = run_resolve(d, run_text, &run, e)) != RG_OK)
			goto out;
		snprintf(note, sizeof note, " (run %ld)", run);
	} else if (k->id == K_WARNINGS) {
		snprintf(note, sizeof note, " (as of %s)", as_of);
	}
	if ((st = db_prepare(d, k->sql, &s, e)) != RG_OK)
		goto out;
	switch (k->id) {
	case K_TIERS: db_bind_int(s, 1, run); break;
	case K_MEASURES:
		if (run_text != NULL)
			db_bind_int(s, 1, run);
		else
			db_bind_null(s, 1);
		break;
	case K_WARNINGS:
		db_bind_text(s, 1, as_of);
		db_bind_int(s, 2, fmt != X_JSON); /* JSON says null; people read （未指定） */
		break;
	case K_POWERS: break;
	}

	if (!to_stdout) {
		if ((err = atomic_begin(&o, output, fmt != X_XLSX)) != 0) {
			st = err_set(e, RG_IO, "%s: cannot create a file there: %s", output,
				     strerror(err));
			goto out;
		}
		f = o.f;
	}
	if (fmt == X_XLSX) {
		st = write_xlsx(&o, k, s, (time_t)days * 86400, &n, e);
	} else {
		if (fmt == X_CSV)
			fputs("\xEF\xBB\xBF", f); /* the BOM that tells Excel it is UTF-8 */
		st = table_print(f, fmt == X_CSV ? FMT_CSV : FMT_JSON, k->cols, k->ncols, s, &n, e);
		if (st == RG_IO)
			st = err_set(e, RG_IO, "%s: cannot write: %s",
				     to_stdout ? "standard output" : output,
				     errno ? strerror(errno) : "write error");
	}
	if (st != RG_OK)
		goto out;
	if (to_stdout) {
		if (fflush(stdout) != 0 || ferror(stdout))
			st = err_set(e, RG_IO, "cannot write to standard output: %s",
				     strerror(errno));
	} else if ((err = atomic_sync(&o)) != 0) {
		st = err_set(e, RG_IO, "%s: cannot write: %s", output, strerror(err));
	} else if ((err = atomic_rename(&o)) != 0) {
		st = err_set(e, RG_IO, "%s: cannot replace it with the export: %s", output,
			     strerror(err));
	} else {
		printf("%s: %s%s, %ld row%s\n", output, k->title, note, n, n == 1 ? "" : "s");
	}
out:
	atomic_abort(&o);
	db_finalize(s);
	db_close(d);
	return st;
}

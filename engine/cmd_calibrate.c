/*
 * cmd_calibrate.c: `riskgrade calibrate`, calibration across agencies (避高就低): for each
 * power kind, each agency's tier distribution in a run beside that of its peers (every
 * other agency's points of the same kind), naming the agencies that grade markedly lower.
 * The engine computes; the national default pack's CALIBRATION table says what counts as
 * markedly.  Depends on db.h, rules.h, pack.h, run.h, out.h, text.h, args.h.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "args.h"
#include "cmd.h"
#include "i18n.h"
#include "db.h"
#include "out.h"
#include "pack.h"
#include "rules.h"
#include "run.h"
#include "text.h"

static const char usage[] =
	"riskgrade calibrate DB [--run N] [--rules DIR] [--format table|csv|json|xlsx]"
	" [-o FILE] [--fail-on-lower]";

static const char help[] =
	N_("usage: riskgrade calibrate DB [--run N] [--rules DIR] [--format table|csv|json|xlsx]\n"
	"                              [-o FILE] [--fail-on-lower]\n"
	"\n"
	"Calibration across agencies (避高就低): for each power kind (职权类别) and each agency\n"
	"with risk points of that kind in run N (default: the latest run), the number of points\n"
	"graded 一级, 二级 and 三级 and their mean tier score (一级 3, 二级 2, 三级 1), beside\n"
	"the peers' mean: all the other agencies' points of the same kind, pooled.  Both means\n"
	"are rounded to two decimals; the gap is the agency's mean minus the peers' mean.\n"
	"An agency is 明显偏低 (graded markedly lower) for a kind when the gap is at most\n"
	"-markedly_lower; with fewer than min_points points of its own or min_peer_points of\n"
	"its peers no verdict is given (样本不足).  The thresholds are the table CALIBRATION of\n"
	"the national default pack, DIR/default.lua: the comparison is across agencies, so an\n"
	"agency pack's own CALIBRATION is not used.  Without one (a method that has no use\n"
	"for it) the defaults are used, min_points 5, min_peer_points 10, markedly_lower\n"
	"0.5, and the table's notes say so (the other formats, standard error).  Points\n"
	"without a power are left out (the table's footnote counts them).\n"
	"\n"
	"The table ends with the agencies named and the method; CSV (Chinese headers), JSON\n"
	"and XLSX (the sheet 等级校准) have the rows only, JSON with the keys kind,\n"
	"agency_code, agency, points, tier1, tier2, tier3, mean, peer_points, peer_mean, gap,\n"
	"verdict.  JSON and XLSX give the means and the gap as numbers, CSV as text with two\n"
	"decimals.  Exits 0 whether or not an agency is named.\n"
	"\n"
	"  --run N          the run to compare (default: the latest)\n"
	"  --rules DIR      rule pack directory (default: as for grade)\n"
	"  --fail-on-lower  exit 1 when an agency is named 明显偏低\n") OUT_HELP;

/* The thresholds of CALIBRATION, in the order of keys[]. */
enum { MIN_POINTS, MIN_PEER_POINTS, MARKEDLY_LOWER, NKEYS };
static const char *const keys[] = {"min_points", "min_peer_points", "markedly_lower", NULL};

/*
 * The comparison, one row per (power kind, agency), in the order of the kinds in
 * enum_power_kind, then agency code.  ?1 run, ?2 min_points, ?3 min_peer_points,
 * ?4 markedly_lower in hundredths.  Tier scores are whole numbers and means are kept in
 * whole hundredths, rounded half up ((200·sum + n) / (2·n)), so the gap and the verdict
 * are exact and agree with the two decimals printed.
 */
#define CAL_CTE \
	"WITH pts AS (" \
	"  SELECT pw.kind, p.agency," \
	"    CASE g.tier WHEN '一级' THEN 3 WHEN '二级' THEN 2 WHEN '三级' THEN 1 END AS score" \
	"  FROM run_grades g JOIN points p ON p.code = g.point" \
	"  JOIN powers pw ON pw.code = p.power" \
	"  WHERE g.run = ?1)," \
	" cells AS (" \
	"  SELECT kind, agency, count(*) AS n, sum(score = 3) AS n1, sum(score = 2) AS n2," \
	"    sum(score = 1) AS n3, sum(score) AS s" \
	"  FROM pts GROUP BY kind, agency)," \
	" kinds AS (SELECT kind, CAST(sum(n) AS INTEGER) AS n, CAST(sum(s) AS INTEGER) AS s" \
	"  FROM cells GROUP BY kind)," \
	" rows AS (" \
	"  SELECT c.kind, c.agency, c.n, c.n1, c.n2, c.n3," \
	"    (200 * c.s + c.n) / (2 * c.n) AS mean," \
	"    k.n - c.n AS peer_n," \
	"    CASE WHEN k.n > c.n" \
	"      THEN (200 * (k.s - c.s) + (k.n - c.n)) / (2 * (k.n - c.n)) END AS peer_mean" \
	"  FROM cells c JOIN kinds k ON k.kind = c.kind)," \
	" cal AS (" \
	"  SELECT r.kind, ek.ord, r.agency, a.name, r.n, r.n1, r.n2, r.n3, r.mean, r.peer_n," \
	"    r.peer_mean, r.mean - r.peer_mean AS gap," \
	"    CASE WHEN r.n < ?2 OR r.peer_n < ?3 THEN '样本不足'" \
	"      WHEN r.peer_mean - r.mean >= ?4 THEN '明显偏低'" \
	"      ELSE '未见偏低' END AS verdict" \
	"  FROM rows r JOIN agencies a ON a.code = r.agency" \
	"  JOIN enum_power_kind ek ON ek.name = r.kind)"

/* Table and CSV: the decimals as text with two places, the gap signed. */
static const char text_sql[] =
	CAL_CTE
	" SELECT kind, agency, name, n, n1, n2, n3, printf('%.2f', mean / 100.0), peer_n,"
	"  CASE WHEN peer_n > 0 THEN printf('%.2f', peer_mean / 100.0) END,"
	"  CASE WHEN gap > 0 THEN printf('+%.2f', gap / 100.0)"
	"    WHEN gap <= 0 THEN printf('%.2f', gap / 100.0) END,"
	"  verdict"
	" FROM cal ORDER BY ord, agency";

/* JSON and XLSX: the decimals as numbers. */
static const char json_sql[] =
	CAL_CTE
	" SELECT kind, agency, name, n, n1, n2, n3, mean / 100.0, peer_n, peer_mean / 100.0,"
	"  gap / 100.0, verdict"
	" FROM cal ORDER BY ord, agency";

/* The kinds an agency is named for, agency by agency. */
static const char named_sql[] =
	CAL_CTE
	" SELECT agency, name, kind, printf('%.2f', gap / 100.0)"
	" FROM cal WHERE verdict = '明显偏低' ORDER BY agency, ord";

/* Points of the run left out: no power. */
static const char unpowered_sql[] =
	"SELECT count(*) FROM run_grades g JOIN points p ON p.code = g.point"
	" WHERE g.run = ?1 AND p.power IS NULL";

#define NCOLS 12

static const out_col cols[NCOLS] = {
	{"职权类别", "kind"},      {"单位代码", "agency_code"}, {"单位", "agency"},
	{"风险点数", "points"},    {"一级", "tier1"},           {"二级", "tier2"},
	{"三级", "tier3"},         {"平均等级分", "mean"},      {"同类风险点数", "peer_points"},
	{"同类平均", "peer_mean"}, {"差值", "gap"},             {"判断", "verdict"},
};

/* The columns of text_sql the table shows (without the agency code and peer count), and
 * which are numbers, aligned right. */
static const int shown[] = {0, 2, 3, 4, 5, 6, 7, 9, 10, 11};
#define NSHOWN ((int)(sizeof shown / sizeof shown[0]))
static const bool right[NCOLS] = {false, false, false, true, true, true,
				  true,  true,  true,  true, true, false};

/* The thresholds, checked. */
typedef struct {
	long min_points;      /* an agency needs this many points of a kind for a verdict */
	long min_peer_points; /* and its peers this many */
	long lower;           /* markedly lower: a gap of at least this, in hundredths */
	double markedly_lower; /* the same as the pack wrote it */
	bool defaults;        /* the national pack has no CALIBRATION: these are the defaults */
} thresholds;

/* The thresholds when the national pack gives none (rules/README.md): a method that
 * grades otherwise need not carry a table it has no use for. */
static const double default_thresholds[NKEYS] = {5, 10, 0.5};

/* Read and check CALIBRATION of the national default pack in dir. */
static rg_status read_thresholds(const char *dir, thresholds *t, rg_err *e)
{
	rules *r = NULL;
	double v[NKEYS];
	const char *path;
	rg_status st;

	bool has;

	if ((st = rules_open(dir, "1970-01-01", &r, e)) != RG_OK)
		return st;
	if ((st = rules_pack_has(r, "default", "CALIBRATION", &has, e)) != RG_OK)
		goto out;
	t->defaults = !has;
	if (!has)
		memcpy(v, default_thresholds, sizeof v);
	else if ((st = rules_pack_numbers(r, "default", "CALIBRATION", keys, v, e)) != RG_OK)
		goto out;
	path = rules_pack_path(r, "default");
	for (int i = MIN_POINTS; i <= MIN_PEER_POINTS; i++) {
		if (v[i] < 1 || v[i] > 1e9 || v[i] != floor(v[i])) {
			st = err_set(e, RG_RULE, "%s: CALIBRATION.%s: expected a whole number of "
				     "points, at least 1, got %g", path, keys[i], v[i]);
			goto out;
		}
	}
	if (!(v[MARKEDLY_LOWER] > 0 && v[MARKEDLY_LOWER] <= 2) ||
	    fabs(v[MARKEDLY_LOWER] * 100 - round(v[MARKEDLY_LOWER] * 100)) > 1e-6) {
		st = err_set(e, RG_RULE, "%s: CALIBRATION.markedly_lower: expected a gap in mean "
			     "tier score above 0 and at most 2, with at most two decimals, got %g",
			     path, v[MARKEDLY_LOWER]);
		goto out;
	}
	t->min_points = (long)v[MIN_POINTS];
	t->min_peer_points = (long)v[MIN_PEER_POINTS];
	t->lower = lround(v[MARKEDLY_LOWER] * 100);
	t->markedly_lower = v[MARKEDLY_LOWER];
out:
	rules_close(r);
	return st;
}

static void print_row(const char *const cells[], const int width[])
{
	for (int k = 0; k < NSHOWN; k++) {
		int i = shown[k];
		bool last = k + 1 == NSHOWN;
		text_pad(stdout, cells[i], !last || right[i] ? width[i] : 0, right[i]);
		fputs(last ? "\n" : "  ", stdout);
	}
}

/* The table: text_sql run twice, for the widths and then the rows (as out.c does),
 * so the numbers can be aligned right although SQL gives them as text. */
static rg_status print_table(db_stmt *s, rg_err *e)
{
	const char *cells[NCOLS];
	int width[NCOLS];
	bool row;
	rg_status st;

	for (int i = 0; i < NCOLS; i++) {
		width[i] = text_width(cols[i].title);
		cells[i] = cols[i].title;
	}
	while ((st = db_step(s, &row, e)) == RG_OK && row)
		for (int i = 0; i < NCOLS; i++) {
			const char *t = db_col_text(s, i);
			int w = text_width(t ? t : "");
			if (w > width[i])
				width[i] = w;
		}
	if (st != RG_OK)
		return st;
	db_reset(s);
	print_row(cells, width);
	for (int k = 0; k < NSHOWN; k++) {
		for (int c = 0; c < width[shown[k]]; c++)
			fputc('-', stdout);
		fputs(k + 1 < NSHOWN ? "  " : "\n", stdout);
	}
	while ((st = db_step(s, &row, e)) == RG_OK && row) {
		for (int i = 0; i < NCOLS; i++) {
			const char *t = db_col_text(s, i);
			cells[i] = t ? t : "";
		}
		print_row(cells, width);
	}
	return st;
}

/* Step through named_sql, counting the agencies in *named and, when print is set,
 * printing one line for each with its kinds and gaps. */
static rg_status list_named(db_stmt *s, bool print, long *named, rg_err *e)
{
	char *agency = NULL; /* the agency of the previous row, whole (codes have no length
			      * limit, and the row's text is gone at the next step) */
	bool row;
	rg_status st;

	*named = 0;
	if (print)
		printf(_("\n明显偏低（避高就低）："));
	while ((st = db_step(s, &row, e)) == RG_OK && row) {
		const char *code = db_col_text(s, 0);
		bool first = agency == NULL || strcmp(code, agency) != 0;
		if (first) {
			free(agency);
			if ((agency = strdup(code)) == NULL) {
				st = err_set(e, RG_IO, "out of memory listing agency %s", code);
				break;
			}
			(*named)++;
		}
		if (print && first) {
			/* TRANSLATORS: an agency (name, code) graded markedly lower, then its
			 * power kinds and gaps separated by the next text, "，". */
			printf(_("\n  %s（%s）："), db_col_text(s, 1), code);
		} else if (print) {
			fputs(_("，"), stdout);
		}
		if (print)
			printf("%s %s", db_col_text(s, 2), db_col_text(s, 3));
	}
	free(agency);
	if (print)
		puts(*named ? "" : _("无"));
	return st;
}

/* The footnotes of the table: the method, the thresholds (and whose), what was left out. */
static void print_notes(const thresholds *t, const char *path, long unpowered)
{
	/* TRANSLATORS: the notes under the calibration table; the second %s is one of the
	 * two texts that follow, saying whether the pack (the first %s) has the table. */
	printf(_("\n等级分：一级 3，二级 2，三级 1。同类平均：同一职权类别其他各单位风险点合并的平均等级分。\n"
		 "差值 = 平均等级分 - 同类平均（均先四舍五入到两位小数）。\n"
		 "判断标准（%s%s）：差值 ≤ -%.2f 为明显偏低；本单位少于 %ld 个或同类少于 "
		 "%ld 个风险点的不作判断（样本不足）。\n"
		 "未计入：没有对应职权的风险点 %ld 个。\n"),
	       path, t->defaults ? _(" 没有 CALIBRATION 表，用默认值") : _("，CALIBRATION"),
	       t->markedly_lower, t->min_points, t->min_peer_points, unpowered);
}

rg_status cmd_calibrate(int argc, char **argv, rg_err *e)
{
	const char *pos[1], *run_text = NULL, *format = NULL, *output = NULL, *dir = NULL;
	bool helped, fail_on_lower = false, numbers;
	arg_opt opts[] = {{"--run", &run_text, NULL},
			  {"--rules", &dir, NULL},
			  {"--format", &format, NULL},
			  {"-o", &output, NULL},
			  {"--output", &output, NULL},
			  {"--fail-on-lower", NULL, &fail_on_lower},
			  {NULL, NULL, NULL}};
	char path[4096 + 16], note[64];
	out_target target;
	int npos;
	long run, named = 0, unpowered = 0;
	thresholds t = {0, 0, 0, 0, false};
	db *d = NULL;
	db_stmt *s = NULL, *names = NULL, *count = NULL;
	db_stmt *bound[2];
	bool row;
	rg_status st;

	st = args_parse(argc, argv, opts, pos, 1, 1, &npos, &helped, usage, help, e);
	if (st != RG_OK || helped)
		return st;
	if ((st = out_choose("calibrate", format, output, pos[0], OUT_ALL, &target, e)) != RG_OK)
		return st;
	if (dir == NULL)
		dir = pack_default_dir();
	snprintf(path, sizeof path, "%s/default.lua", dir);
	if ((st = db_open_reader(pos[0], &d, e)) != RG_OK)
		goto out;
	if ((st = run_resolve(d, run_text, &run, e)) != RG_OK)
		goto out;
	if ((st = read_thresholds(dir, &t, e)) != RG_OK)
		goto out;
	/* The table says whose thresholds in its notes; the other formats are rows only. */
	if (t.defaults && target.fmt != OUT_TABLE)
		fprintf(stderr, _("riskgrade: %s has no CALIBRATION table: the default "
				  "thresholds were used (min_points %ld, min_peer_points %ld, "
				  "markedly_lower %.2f)\n"), path, t.min_points, t.min_peer_points,
			t.markedly_lower);
	/* Numbers stay numbers where a program reads them: JSON and XLSX. */
	numbers = target.fmt == OUT_JSON || target.fmt == OUT_XLSX;
	if ((st = db_prepare(d, numbers ? json_sql : text_sql, &s, e)) != RG_OK ||
	    (st = db_prepare(d, named_sql, &names, e)) != RG_OK ||
	    (st = db_prepare(d, unpowered_sql, &count, e)) != RG_OK)
		goto out;
	bound[0] = s;
	bound[1] = names;
	for (int i = 0; i < 2; i++) {
		db_bind_int(bound[i], 1, run);
		db_bind_int(bound[i], 2, t.min_points);
		db_bind_int(bound[i], 3, t.min_peer_points);
		db_bind_int(bound[i], 4, t.lower);
	}
	db_bind_int(count, 1, run);
	if ((st = db_step(count, &row, e)) != RG_OK)
		goto out;
	unpowered = row ? (long)db_col_int(count, 0) : 0;

	if (target.fmt != OUT_TABLE) {
		/* The agencies named are counted only when asked: CSV, JSON and XLSX are the
		 * rows. */
		snprintf(note, sizeof note, _(" (run %ld)"), run);
		st = out_write(&target, &(out_list){"等级校准", note, cols, NCOLS}, s, NULL, e);
		if (st == RG_OK && fail_on_lower)
			st = list_named(names, false, &named, e);
		goto out;
	}
	printf(_("等级校准 — run %ld\n"), run);
	if ((st = print_table(s, e)) != RG_OK || (st = list_named(names, true, &named, e)) != RG_OK)
		goto out;
	print_notes(&t, path, unpowered);
	if (ferror(stdout))
		st = err_set(e, RG_IO, "cannot write the output");
out:
	if (st == RG_OK && fail_on_lower && named > 0)
		st = err_set(e, RG_FAILED,
			     ngettext("--fail-on-lower: %ld agency graded markedly lower (明显偏低)",
				      "--fail-on-lower: %ld agencies graded markedly lower "
				      "(明显偏低)", named), named);
	db_finalize(count);
	db_finalize(names);
	db_finalize(s);
	db_close(d);
	return st;
}

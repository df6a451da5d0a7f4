/*
 * cmd_approve.c: `riskgrade approve`, a collectively approved tier (集体审定), which
 * clears the point's open flags and keeps who approved it, when and why.
 * Depends on db.h, out.h, args.h, audit.h, date.h, lookup.h.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "args.h"
#include "audit.h"
#include "cmd.h"
#include "i18n.h"
#include "date.h"
#include "db.h"
#include "lookup.h"
#include "out.h"
#include "vocab.h"

static const char approve_usage[] =
	"riskgrade approve DB POINT TIER --by PERSON --note TEXT [--on YYYY-MM-DD]";

static const char approve_help[] =
	N_("usage: riskgrade approve DB POINT TIER --by PERSON --note TEXT [--on YYYY-MM-DD]\n"
	"\n"
	"Record that the collective review (集体审定) approved tier TIER (一级, 二级 or 三级)\n"
	"for point POINT: the point's 审定等级 and 审定日期 become TIER and the date, its\n"
	"上次评定日期 too (its review cycle starts again), and the open flags it had in its\n"
	"latest run are cleared by this approval.  The approval keeps who recorded it, why,\n"
	"the tier it replaces and the tier the engine had computed, and is appended to the\n"
	"audit log.  The next run grades the point against the new approved tier: approving\n"
	"a tier lower than the computed one is allowed, and is flagged again as 定级偏低.\n"
	"\n"
	"  --by PERSON   the person code (persons table) of who records the decision\n"
	"  --note TEXT   the decision and its grounds, e.g. the meeting and its minutes\n"
	"  --on DATE     the date of the decision (default: today): not after today, nor\n"
	"                before the as-of date of the run whose grade it approves, nor\n"
	"                before the point's previous approval\n");

/* The facts approve needs about the point: its approved tier, latest run, tier in it. */
typedef struct {
	char previous[16];            /* approved tier before, "" if none */
	char previous_on[DATE_BUF];   /* and its date, "" if none */
	long previous_id;             /* the latest approval (approvals.id), 0 if none */
	long run;                     /* latest run that graded it, 0 if none */
	long version;                 /* the run whose grades row holds its grade then */
	char run_as_of[DATE_BUF];     /* that run's as-of date */
	char computed[16];            /* its tier in that run */
} point_state;

/* Copy the text of column i of s (NULL: "") into out[n]. */
static void col_copy(db_stmt *s, int i, char *out, size_t n)
{
	snprintf(out, n, "%s", db_col_text(s, i) ? db_col_text(s, i) : "");
}

static rg_status load_point(db *d, const char *point, point_state *ps, rg_err *e)
{
	db_stmt *s = NULL;
	bool row = false;
	rg_status st;

	memset(ps, 0, sizeof *ps);
	st = db_prepare(d, "SELECT p.approved_tier, l.run, g.tier, p.approved_on,"
			" (SELECT max(id) FROM approvals WHERE point = p.code), r.as_of, l.version"
			" FROM points p LEFT JOIN point_latest l ON l.point = p.code"
			" LEFT JOIN grades g ON g.point = p.code AND g.run = l.version"
			" LEFT JOIN runs r ON r.id = l.run"
			" WHERE p.code = ?1", &s, e);
	if (st != RG_OK)
		return st;
	db_bind_text(s, 1, point);
	st = db_step(s, &row, e);
	if (st == RG_OK && !row)
		st = err_set(e, RG_INPUT, "POINT: no risk point with code \"%s\"", point);
	if (st == RG_OK) {
		col_copy(s, 0, ps->previous, sizeof ps->previous);
		ps->run = (long)db_col_int(s, 1);
		col_copy(s, 2, ps->computed, sizeof ps->computed);
		col_copy(s, 3, ps->previous_on, sizeof ps->previous_on);
		ps->previous_id = (long)db_col_int(s, 4);
		col_copy(s, 5, ps->run_as_of, sizeof ps->run_as_of);
		ps->version = (long)db_col_int(s, 6);
	}
	db_finalize(s);
	return st;
}

/*
 * A decision is dated when it was taken: on or before today, and on or after what it
 * decided on, the run whose grade it approves and the approval it replaces (dates
 * compare as text in YYYY-MM-DD).  RG_INPUT naming the point and the dates otherwise.
 */
static rg_status check_date(const char *point, const char *on, const point_state *ps,
			    rg_err *e)
{
	if (ps->run && strcmp(on, ps->run_as_of) < 0)
		return err_set(e, RG_INPUT, "--on: %s is before run %ld (as of %s), whose grade of "
			       "%s it approves", on, ps->run, ps->run_as_of, point);
	if (ps->previous_on[0] && strcmp(on, ps->previous_on) < 0) {
		char which[64];
		snprintf(which, sizeof which, "%s", _("as imported"));
		if (ps->previous_id)
			snprintf(which, sizeof which, _("approval %ld"), ps->previous_id);
		return err_set(e, RG_INPUT, "--on: %s is before %s's previous approval (%s on %s, "
			       "%s), which it would replace", on, point,
			       ps->previous[0] ? ps->previous : _("none"), ps->previous_on, which);
	}
	return RG_OK;
}

/* Run one statement that returns no rows, with three texts bound to ?1, ?2, ?3. */
static rg_status run_sql(db *d, const char *sql, const char *t1, const char *t2,
			 const char *t3, rg_err *e)
{
	db_stmt *s = NULL;
	bool row;
	rg_status st = db_prepare(d, sql, &s, e);

	if (st != RG_OK)
		return st;
	db_bind_text(s, 1, t1);
	db_bind_text(s, 2, t2);
	db_bind_text(s, 3, t3);
	st = db_step(s, &row, e);
	db_finalize(s);
	return st;
}

/*
 * Clear the open flags point had in run ps->run by approval id.  When that run reused an
 * earlier run's row (ps->version, schemas/006), the row, its flags and (for a traced run)
 * its traces are first copied to ps->run, so that the runs before keep their flags open.
 */
static rg_status clear_flags(db *d, const char *point, const point_state *ps, long id,
			     rg_err *e)
{
	/* ?1 the point, ?2 the run, ?3 the version (copies) or the approval (clearing). */
	const struct {
		const char *sql;
		long third;
	} steps[] = {
		{"INSERT INTO grades (run, point, pack, importance, discretion, likelihood, harm,"
		 "  score, tier, reasons)"
		 " SELECT ?2, point, pack, importance, discretion, likelihood, harm, score, tier,"
		 "  reasons FROM grades WHERE point = ?1 AND run = ?3 AND ?3 <> ?2"
		 "  AND EXISTS (SELECT 1 FROM flags WHERE run = ?3 AND point = ?1"
		 "   AND cleared_by IS NULL)", ps->version},
		{"INSERT INTO flags (run, point, code, label, evidence, cleared_by)"
		 " SELECT ?2, point, code, label, evidence, cleared_by FROM flags"
		 " WHERE point = ?1 AND run = ?3 AND ?3 <> ?2"
		 "  AND EXISTS (SELECT 1 FROM grades WHERE point = ?1 AND run = ?2)", ps->version},
		{"INSERT INTO traces (run, point, seq, reason, source)"
		 " SELECT ?2, point, seq, reason, source FROM traces"
		 " WHERE point = ?1 AND run = ?3 AND ?3 <> ?2"
		 "  AND (SELECT traced FROM runs WHERE id = ?2) = 1"
		 "  AND EXISTS (SELECT 1 FROM grades WHERE point = ?1 AND run = ?2)", ps->version},
		{"UPDATE flags SET cleared_by = ?3 WHERE point = ?1 AND run = ?2"
		 " AND cleared_by IS NULL", id},
	};
	rg_status st = RG_OK;

	for (size_t i = 0; i < sizeof steps / sizeof steps[0] && st == RG_OK; i++) {
		db_stmt *s = NULL;
		bool row;
		if ((st = db_prepare(d, steps[i].sql, &s, e)) != RG_OK)
			break;
		db_bind_text(s, 1, point);
		db_bind_int(s, 2, ps->run);
		db_bind_int(s, 3, steps[i].third);
		st = db_step(s, &row, e);
		db_finalize(s);
	}
	return st;
}

/* The flags approval id cleared, *n of them: their codes ", "-separated into *codes (for
 * the audit log), and as people read them into *shown: the codes again, or in Chinese
 * their labels "、"-separated.  Both whole, however many and long (free them), or NULL
 * on failure. */
static rg_status cleared_flags(db *d, long id, char **codes, char **shown, long *n,
			       rg_err *e)
{
	db_stmt *s = NULL;
	size_t size[2];
	bool row, labels = i18n_chinese();
	const char *sep = labels ? "、" : ", ";
	FILE *out[2] = {open_memstream(codes, &size[0]), open_memstream(shown, &size[1])};
	rg_status st = RG_OK;

	*n = 0;
	if (out[0] == NULL || out[1] == NULL) {
		st = err_set(e, RG_DB, "approval %ld: out of memory listing the flags it cleared",
			     id);
		goto out;
	}
	if ((st = db_prepare(d, "SELECT code, label FROM flags WHERE cleared_by = ?1"
				" ORDER BY code", &s, e)) != RG_OK)
		goto out;
	db_bind_int(s, 1, id);
	while ((st = db_step(s, &row, e)) == RG_OK && row) {
		fprintf(out[0], "%s%s", *n ? ", " : "", db_col_text(s, 0));
		fprintf(out[1], "%s%s", *n ? sep : "", db_col_text(s, labels ? 1 : 0));
		(*n)++;
	}
out:
	db_finalize(s);
	for (int i = 0; i < 2; i++)
		if (out[i] != NULL && fclose(out[i]) != 0 && st == RG_OK)
			st = err_set(e, RG_DB, "approval %ld: out of memory listing the flags it "
				     "cleared", id);
	return st;
}

/* Record the approval of point as tier on date on by person by, with note; its id into
 * *id.  ps is what load_point() found (the tier before, the run and its computed tier). */
static rg_status insert_approval(db *d, const char *point, const char *tier,
				 const point_state *ps, const char *on, const char *by,
				 const char *note, long *id, rg_err *e)
{
	db_stmt *s = NULL;
	bool row;
	rg_status st = db_prepare(d, "INSERT INTO approvals (point, tier, previous, run, computed,"
				  " approved_on, by, note) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
				  &s, e);

	if (st != RG_OK)
		return st;
	db_bind_text(s, 1, point);
	db_bind_text(s, 2, tier);
	db_bind_text(s, 3, ps->previous[0] ? ps->previous : NULL);
	if (ps->run)
		db_bind_int(s, 4, ps->run);
	else
		db_bind_null(s, 4);
	db_bind_text(s, 5, ps->computed[0] ? ps->computed : NULL);
	db_bind_text(s, 6, on);
	db_bind_text(s, 7, by);
	db_bind_text(s, 8, note);
	if ((st = db_step(s, &row, e)) == RG_OK)
		*id = (long)db_last_rowid(d);
	db_finalize(s);
	return st;
}

/* Print what the approval replaced and which flags it cleared (ncleared of them, shown as
 * cleared_flags() gives them). */
static void print_outcome(const point_state *ps, long ncleared, const char *shown)
{
	const char *before = ps->previous[0] ? ps->previous : _("none");

	if (ps->run)
		printf(_("  computed %s in run %ld; approved before: %s\n"), ps->computed, ps->run,
		       before);
	else
		printf(_("  not graded yet; approved before: %s\n"), before);
	if (ncleared)
		printf(ngettext("  cleared %ld flag: %s\n", "  cleared %ld flags: %s\n", ncleared),
		       ncleared, shown);
	else
		printf(ngettext("  cleared %ld flag\n", "  cleared %ld flags\n", ncleared),
		       ncleared);
}

rg_status cmd_approve(int argc, char **argv, rg_err *e)
{
	const char *pos[3], *by = NULL, *note = NULL, *on = NULL;
	arg_opt opts[] = {{"--by", &by, NULL}, {"--note", &note, NULL}, {"--on", &on, NULL},
			  {NULL, NULL, NULL}};
	char now[STAMP_BUF], today[DATE_BUF], name[256], subject[64], *detail = NULL;
	char *codes = NULL, *shown = NULL;
	point_state ps;
	bool helped, in_tx = false;
	int npos;
	long days, today_days, id, ncleared;
	db *d = NULL;
	rg_status st;

	st = args_parse(argc, argv, opts, pos, 3, 3, &npos, &helped, approve_usage, approve_help, e);
	if (st != RG_OK || helped)
		return st;
	if (vocab_index(vocab_tier, VOCAB_TIERS, pos[2]) < 0)
		return err_set(e, RG_USAGE, "TIER: expected 一级, 二级 or 三级, got \"%s\"", pos[2]);
	if (by == NULL || by[0] == '\0')
		return err_set(e, RG_USAGE, "--by PERSON is required: who records the decision "
			       "(usage: %s)", approve_usage);
	if (note == NULL || note[0] == '\0')
		return err_set(e, RG_USAGE, "--note TEXT is required: the decision and its grounds "
			       "(usage: %s)", approve_usage);
	if ((st = date_now(now, today, e)) != RG_OK)
		return st;
	if (on == NULL)
		on = today;
	if (!date_parse(on, &days))
		return err_set(e, RG_USAGE, "--on: expected a date YYYY-MM-DD, got \"%s\"", on);
	if (date_parse(today, &today_days) && days > today_days)
		return err_set(e, RG_USAGE, "--on: %s is after today (%s): the approval of %s is "
			       "recorded once it has been decided", on, today, pos[1]);

	if ((st = db_open(pos[0], &d, e)) != RG_OK)
		return st;
	if ((st = load_point(d, pos[1], &ps, e)) != RG_OK ||
	    (st = check_date(pos[1], on, &ps, e)) != RG_OK ||
	    (st = lookup_person(d, "--by", by, name, sizeof name, e)) != RG_OK ||
	    (st = db_begin(d, e)) != RG_OK)
		goto out;
	in_tx = true;
	if ((st = insert_approval(d, pos[1], pos[2], &ps, on, by, note, &id, e)) != RG_OK)
		goto out;
	if ((st = run_sql(d, "UPDATE points SET approved_tier = ?2, approved_on = ?3,"
			  " last_graded = ?3 WHERE code = ?1", pos[1], pos[2], on, e)) != RG_OK)
		goto out;
	if (ps.run && (st = clear_flags(d, pos[1], &ps, id, e)) != RG_OK)
		goto out;
	if ((st = cleared_flags(d, id, &codes, &shown, &ncleared, e)) != RG_OK)
		goto out;
	snprintf(subject, sizeof subject, "approval:%ld", id);
	detail = audit_format("point %s: %s on %s (was %s; computed %s in run %ld);"
			      " cleared %ld flag%s%s%s; note: %s", pos[1], pos[2], on,
			      ps.previous[0] ? ps.previous : "none",
			      ps.computed[0] ? ps.computed : "none", ps.run, ncleared,
			      ncleared == 1 ? "" : "s", ncleared ? ": " : "", codes, note);
	if (detail == NULL) {
		st = err_set(e, RG_DB, "point %s: out of memory recording the approval", pos[1]);
		goto out;
	}
	if ((st = audit_append(d, now, by, "approve", subject, detail, e)) != RG_OK ||
	    (st = db_commit(d, e)) != RG_OK)
		goto out;
	in_tx = false;
	/* TRANSLATORS: approval ID: POINT approved as TIER on DATE by NAME (CODE). */
	printf(_("approval %ld: %s 审定为%s on %s by %s (%s)\n"), id, pos[1], pos[2], on, name,
	       by);
	print_outcome(&ps, ncleared, shown);
out:
	free(detail);
	free(codes);
	free(shown);
	if (in_tx)
		db_rollback(d);
	db_close(d);
	return st;
}

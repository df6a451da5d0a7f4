/*
 * cmd_grade.c: `riskgrade grade`, the batch run.  Streams the points in scope in code order,
 * hands each point's facts to the rule pack, checks and stores what it returns, all in
 * one transaction recorded as a run; a failure anywhere rolls the whole run back.  It
 * also follows the warnings across runs and records the run in the audit log.
 * Depends on db.h, rules.h, out.h, args.h, date.h, audit.h, lookup.h, progress.h,
 * run.h, status.h.
 */
#include <assert.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "args.h"
#include "audit.h"
#include "cmd.h"
#include "date.h"
#include "db.h"
#include "pack.h"
#include "lookup.h"
#include "progress.h"
#include "rules.h"
#include "run.h"
#include "out.h"

static const char usage[] =
	"riskgrade grade DB [--rules DIR] [--as-of YYYY-MM-DD] [--agency CODE] [--trace]"
	" [--dry-run] [--by NAME]";

static const char help[] =
	"usage: riskgrade grade DB [--rules DIR] [--as-of YYYY-MM-DD] [--agency CODE] [--trace]\n"
	"                          [--dry-run] [--by NAME]\n"
	"\n"
	"Grade every risk point in scope with the rule pack DIR/default.lua and record the\n"
	"result as a run: each point's factors, score, tier (一级/二级/三级) and reasons, the\n"
	"points to re-grade (flags) and the warnings to follow up.  The run is one transaction:\n"
	"if a rule fails, nothing is written.  Prints the tier distribution per agency.\n"
	"\n"
	"Warnings are followed across runs: a warning still open (not 解除) for the same point\n"
	"and reason is not issued again; if the pack now asks for a severer disposition the\n"
	"open warning is escalated to it (加重升级); an open warning not yet acknowledged or\n"
	"answered (发布, 签收) whose due date is before the as-of date is escalated one step,\n"
	"风险提示 → 诫勉谈话 → 责令纠错, with a new due date the same number of days after the\n"
	"as-of date as it had (逾期升级).  The run is recorded in the audit log.\n"
	"\n"
	"  --rules DIR     rule pack directory (default: ./rules if it has default.lua,\n"
	"                  else " RG_DATADIR "/rules)\n"
	"  --as-of DATE    the date the grading is as of (default: today); the same data,\n"
	"                  rules and date give the same results\n"
	"  --agency CODE   grade only this agency and the units under it\n"
	"  --trace         also record the rule pack line each reason came from, for explain\n"
	"                  (costs time and space: off by default)\n"
	"  --dry-run       grade a temporary copy of the database and print what would change\n"
	"                  against the latest run (see riskgrade diff); DB is not written at\n"
	"                  all.  With --rules, this shows what a rule change would do\n"
	"  --by NAME       who runs the grading, for the audit log (default: $USER)\n"
	"\n"
	"On a terminal, standard error shows a progress bar while grading; nothing when it is\n"
	"redirected.\n";

/* Everything one run needs, prepared once. */
typedef struct {
	db *d;                 /* the database */
	rules *r;              /* the rule state, with a pack for every agency in scope */
	const char *dir;       /* the rule pack folder */
	const char *as_of;     /* YYYY-MM-DD */
	long as_of_days;       /* the same, as a day number */
	const char *scope;     /* agency code or NULL for all */
	const char *actor;     /* who runs it, for runs.actor and the audit log */
	char now[STAMP_BUF];   /* when, UTC */
	long run;              /* id of the run being written */
	db_stmt *points;       /* the points in scope, with their power, post, department */
	int col_code, col_agency, col_department, col_post, col_power; /* its key columns */
	db_stmt *people;       /* who answers for a point */
	db_stmt *ratings, *measures, *signals, *changes;
	db_stmt *ins_grade, *ins_flag;
	db_stmt *open_warning; /* the open warning of a point for a reason */
	db_stmt *ins_warning, *seen_warning, *escalate_warning, *ins_event;
	db_stmt *ins_trace;    /* only with --trace */
	bool trace;            /* --trace */
	long npoints, tiers[3], nflags, nflagged, nwarnings;
	long nwarnings_new, nescalated; /* warnings issued, warnings escalated */
} run_state;

/* The points in scope (?1: agency or NULL), in code order so runs are deterministic. */
static const char points_sql[] =
	AGENCY_SCOPE
	"SELECT p.code, p.agency, ag.name AS agency_name, p.level, p.category, p.risk_type,"
	"  p.consequence,"
	"  p.manifestation, p.approved_tier, p.approved_on, p.last_graded,"
	"  pw.code AS \"power.code\", pw.name AS \"power.name\", pw.kind AS \"power.kind\","
	"  k.scope AS \"power.scope\", pw.legal_basis AS \"power.legal_basis\","
	"  pw.major AS \"power.major?\", pw.funds AS \"power.funds\","
	"  po.code AS \"post.code\", po.name AS \"post.name\","
	"  d.code AS \"department.code\", d.name AS \"department.name\""
	" FROM points p JOIN agencies ag ON ag.code = p.agency"
	" LEFT JOIN powers pw ON pw.code = p.power"
	" LEFT JOIN enum_power_kind k ON k.name = pw.kind"
	" LEFT JOIN posts po ON po.code = p.post"
	" LEFT JOIN departments d ON d.code = coalesce(p.department, po.department)"
	" WHERE ?1 IS NULL OR p.agency IN scope"
	" ORDER BY p.code";

/* Who answers for a point (?1 agency, ?2 department), by role (DOMAIN.md §4). */
static const char people_sql[] =
	"SELECT"
	" (SELECT code FROM persons WHERE department = ?2 AND role = '科室负责人'"
	"   ORDER BY code LIMIT 1) AS \"people.department_head\","
	" (SELECT person FROM oversight WHERE department = ?2"
	"   ORDER BY person LIMIT 1) AS \"people.leader_in_charge\","
	" (SELECT code FROM persons WHERE agency = ?1 AND role = '主要领导'"
	"   ORDER BY code LIMIT 1) AS \"people.principal\"";

static const char ratings_sql[] =
	"SELECT source, factor, value, rated_on AS date FROM ratings"
	" WHERE point = ?1 ORDER BY rated_on, id";

static const char measures_sql[] =
	"SELECT text, status, due, responsible FROM measures WHERE point = ?1 ORDER BY id";

/* Signals on the point or on its post.  The complainant is never handed out. */
static const char signals_sql[] =
	"SELECT id, source, received_on AS date, severity, substantiated AS \"substantiated?\","
	"  text, CASE WHEN point IS NOT NULL THEN 'point' ELSE 'post' END AS via"
	" FROM signals WHERE point = ?1 OR post = ?2 ORDER BY received_on, id";

/* Changes of the point's power (legal basis) or post (duties). */
static const char changes_sql[] =
	"SELECT id, kind, changed_on AS date, text,"
	"  CASE WHEN power IS NOT NULL THEN 'power' ELSE 'post' END AS via"
	" FROM changes WHERE power = ?1 OR post = ?2 ORDER BY changed_on, id";

/* Escalate warning ?1 to disposition ?2, due ?3, issued again on ?5 (status 发布); ?4 the
 * run that saw it, ?6/?7 the responsible person and text the pack gives now (NULL: keep). */
#define ESCALATE_SQL \
	"UPDATE warnings SET disposition = ?2, due = ?3, status = '发布'," \
	" seen_run = coalesce(?4, seen_run), issued_on = ?5," \
	" responsible = coalesce(?6, responsible), text = coalesce(?7, text) WHERE id = ?1"

/* What a run did to warning ?1 (?2 the action, ?3 the as-of date, ?4 the run). */
#define EVENT_SQL \
	"INSERT INTO warning_events (warning, action, on_date, run, disposition, due, status," \
	" note) VALUES (?1, ?2, ?3, ?4, ?5, ?6, '发布', ?7)"

/* How many points are in scope (?1: agency or NULL), for the progress bar. */
static const char count_sql[] =
	AGENCY_SCOPE
	"SELECT count(*) FROM points p WHERE ?1 IS NULL OR p.agency IN scope";

static const char *const tiers[3] = {"一级", "二级", "三级"};
static const char *const dispositions[3] = {"风险提示", "诫勉谈话", "责令纠错"};

static int find(const char *const *set, int n, const char *s)
{
	for (int i = 0; i < n; i++)
		if (strcmp(set[i], s) == 0)
			return i;
	return -1;
}

/* The index of the column called name in s, or -1. */
static int column(db_stmt *s, const char *name)
{
	for (int i = 0; i < db_col_count(s); i++)
		if (strcmp(db_col_name(s, i), name) == 0)
			return i;
	return -1;
}

static rg_status prepare(run_state *rs, rg_err *e)
{
	rg_status st;

	if ((st = db_prepare(rs->d, points_sql, &rs->points, e)) != RG_OK ||
	    (st = db_prepare(rs->d, people_sql, &rs->people, e)) != RG_OK ||
	    (st = db_prepare(rs->d, ratings_sql, &rs->ratings, e)) != RG_OK ||
	    (st = db_prepare(rs->d, measures_sql, &rs->measures, e)) != RG_OK ||
	    (st = db_prepare(rs->d, signals_sql, &rs->signals, e)) != RG_OK ||
	    (st = db_prepare(rs->d, changes_sql, &rs->changes, e)) != RG_OK ||
	    (st = db_prepare(rs->d,
			     "INSERT INTO grades (run, point, pack, importance, discretion,"
			     " likelihood, harm, score, tier, reasons)"
			     " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
			     &rs->ins_grade, e)) != RG_OK ||
	    (st = db_prepare(rs->d,
			     "INSERT INTO flags (run, point, code, label, evidence)"
			     " VALUES (?1, ?2, ?3, ?4, ?5)", &rs->ins_flag, e)) != RG_OK ||
	    (st = db_prepare(rs->d,
			     "SELECT id, disposition FROM warnings"
			     " WHERE point = ?1 AND reason = ?2 AND status <> '解除'"
			     " ORDER BY id LIMIT 1", &rs->open_warning, e)) != RG_OK ||
	    (st = db_prepare(rs->d,
			     "INSERT INTO warnings (run, point, reason, disposition, responsible,"
			     " due, text, seen_run, issued_on)"
			     " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?1, ?8)",
			     &rs->ins_warning, e)) != RG_OK ||
	    (st = db_prepare(rs->d, "UPDATE warnings SET seen_run = ?2 WHERE id = ?1",
			     &rs->seen_warning, e)) != RG_OK ||
	    (st = db_prepare(rs->d, ESCALATE_SQL, &rs->escalate_warning, e)) != RG_OK ||
	    (st = db_prepare(rs->d, EVENT_SQL, &rs->ins_event, e)) != RG_OK)
		return st;
	/* Found once here rather than by name for every point. */
	rs->col_code = column(rs->points, "code");
	rs->col_agency = column(rs->points, "agency");
	rs->col_department = column(rs->points, "department.code");
	rs->col_post = column(rs->points, "post.code");
	rs->col_power = column(rs->points, "power.code");
	assert(rs->col_code >= 0 && rs->col_agency >= 0 && rs->col_department >= 0 &&
	       rs->col_post >= 0 && rs->col_power >= 0);
	if (rs->trace && (st = db_prepare(rs->d,
					  "INSERT INTO traces (run, point, seq, reason, source)"
					  " VALUES (?1, ?2, ?3, ?4, ?5)", &rs->ins_trace, e)) != RG_OK)
		return st;
	return RG_OK;
}

static void finalize(run_state *rs)
{
	db_stmt *all[] = {rs->points, rs->people, rs->ratings, rs->measures, rs->signals,
			  rs->changes, rs->ins_grade, rs->ins_flag, rs->open_warning,
			  rs->ins_warning, rs->seen_warning, rs->escalate_warning,
			  rs->ins_event, rs->ins_trace};

	for (size_t i = 0; i < sizeof all / sizeof all[0]; i++)
		db_finalize(all[i]);
}

/* Run one statement to completion (an INSERT); add context to a failure. */
static rg_status exec(db_stmt *s, const char *what, const char *code, rg_err *e)
{
	bool row;
	rg_status st = db_step(s, &row, e);

	if (st != RG_OK) {
		char msg[sizeof e->msg];
		snprintf(msg, sizeof msg, "%s", e->msg);
		return err_set(e, RG_DB, "point %s: cannot store the %s: %s", code, what, msg);
	}
	return RG_OK;
}

/* Gather the facts of the point on the current row of rs->points into the pack. */
static rg_status gather(run_state *rs, const char *code, rg_err *e)
{
	const char *agency = db_col_text(rs->points, rs->col_agency);
	const char *department = db_col_text(rs->points, rs->col_department);
	const char *post = db_col_text(rs->points, rs->col_post);
	const char *power = db_col_text(rs->points, rs->col_power);
	bool row;
	rg_status st;

	rules_begin_point(rs->r, rs->points);

	db_reset(rs->people);
	db_bind_text(rs->people, 1, agency);
	db_bind_text(rs->people, 2, department);
	if ((st = db_step(rs->people, &row, e)) != RG_OK)
		return st;
	rules_add_fields(rs->r, rs->people);

	db_reset(rs->ratings);
	db_bind_text(rs->ratings, 1, code);
	if ((st = rules_add_list(rs->r, "ratings", rs->ratings, e)) != RG_OK)
		return st;
	db_reset(rs->measures);
	db_bind_text(rs->measures, 1, code);
	if ((st = rules_add_list(rs->r, "measures", rs->measures, e)) != RG_OK)
		return st;
	db_reset(rs->signals);
	db_bind_text(rs->signals, 1, code);
	db_bind_text(rs->signals, 2, post);
	if ((st = rules_add_list(rs->r, "signals", rs->signals, e)) != RG_OK)
		return st;
	db_reset(rs->changes);
	db_bind_text(rs->changes, 1, power);
	db_bind_text(rs->changes, 2, post);
	return rules_add_list(rs->r, "changes", rs->changes, e);
}

/* Record what the run did to warning id: action, disposition and due afterwards, note. */
static rg_status warning_event(run_state *rs, long id, const char *action,
			       const char *disposition, const char *due, const char *note,
			       const char *code, rg_err *e)
{
	db_reset(rs->ins_event);
	db_bind_int(rs->ins_event, 1, id);
	db_bind_text(rs->ins_event, 2, action);
	db_bind_text(rs->ins_event, 3, rs->as_of);
	db_bind_int(rs->ins_event, 4, rs->run);
	db_bind_text(rs->ins_event, 5, disposition);
	db_bind_text(rs->ins_event, 6, due);
	db_bind_text(rs->ins_event, 7, note);
	return exec(rs->ins_event, "warning event", code, e);
}

/*
 * follow_warning: the pack asks for warning w on point code.  Issue it if no warning for
 * the same point and reason is open; escalate the open one if w is severer; else only
 * note that this run saw it again.
 */
static rg_status follow_warning(run_state *rs, const char *code, const rule_warning *w,
				rg_err *e)
{
	char note[512];
	long id;
	int was, now = find(dispositions, 3, w->disposition);
	bool row;
	rg_status st;

	db_reset(rs->open_warning);
	db_bind_text(rs->open_warning, 1, code);
	db_bind_text(rs->open_warning, 2, w->reason);
	if ((st = db_step(rs->open_warning, &row, e)) != RG_OK)
		return st;
	if (!row) {
		db_reset(rs->ins_warning);
		db_bind_int(rs->ins_warning, 1, rs->run);
		db_bind_text(rs->ins_warning, 2, code);
		db_bind_text(rs->ins_warning, 3, w->reason);
		db_bind_text(rs->ins_warning, 4, w->disposition);
		db_bind_text(rs->ins_warning, 5, w->responsible);
		db_bind_text(rs->ins_warning, 6, w->due);
		db_bind_text(rs->ins_warning, 7, w->text);
		db_bind_text(rs->ins_warning, 8, rs->as_of);
		if ((st = exec(rs->ins_warning, "warning", code, e)) != RG_OK)
			return st;
		rs->nwarnings_new++;
		return warning_event(rs, (long)db_last_rowid(rs->d), "发布", w->disposition,
				     w->due, w->reason, code, e);
	}
	id = (long)db_col_int(rs->open_warning, 0);
	was = find(dispositions, 3, db_col_text(rs->open_warning, 1));
	db_reset(rs->open_warning);
	if (now <= was) {
		db_reset(rs->seen_warning);
		db_bind_int(rs->seen_warning, 1, id);
		db_bind_int(rs->seen_warning, 2, rs->run);
		return exec(rs->seen_warning, "warning", code, e);
	}
	db_reset(rs->escalate_warning);
	db_bind_int(rs->escalate_warning, 1, id);
	db_bind_text(rs->escalate_warning, 2, w->disposition);
	db_bind_text(rs->escalate_warning, 3, w->due);
	db_bind_int(rs->escalate_warning, 4, rs->run);
	db_bind_text(rs->escalate_warning, 5, rs->as_of);
	db_bind_text(rs->escalate_warning, 6, w->responsible);
	db_bind_text(rs->escalate_warning, 7, w->text);
	if ((st = exec(rs->escalate_warning, "warning", code, e)) != RG_OK)
		return st;
	rs->nescalated++;
	snprintf(note, sizeof note, "情况加重：处置方式由%s升为%s", dispositions[was],
		 w->disposition);
	return warning_event(rs, id, "加重升级", w->disposition, w->due, note, code, e);
}

/* An open warning whose due date has passed, to escalate. */
typedef struct {
	long id;
	char point[128];
	int disposition;
	char due[DATE_BUF];
	long period; /* days from issue to due */
} overdue;

/*
 * escalate_overdue: escalate one step every warning of the points in scope that is still
 * 发布 or 签收 after its due date, with a new due date as many days after the as-of date
 * as it was given at issue.  责令纠错 cannot go further: it stays overdue for the list.
 */
static rg_status escalate_overdue(run_state *rs, rg_err *e)
{
	overdue *list = NULL;
	size_t n = 0, cap = 0;
	db_stmt *s = NULL;
	bool row;
	rg_status st;

	st = db_prepare(rs->d,
			AGENCY_SCOPE
			"SELECT w.id, w.point, w.disposition, w.due,"
			"  max(1, julianday(w.due) - julianday(w.issued_on))"
			" FROM warnings w JOIN points p ON p.code = w.point"
			" WHERE w.status IN ('发布', '签收') AND w.due < ?2"
			"  AND w.disposition <> '责令纠错' AND (?1 IS NULL OR p.agency IN scope)"
			" ORDER BY w.id", &s, e);
	if (st != RG_OK)
		return st;
	db_bind_text(s, 1, rs->scope);
	db_bind_text(s, 2, rs->as_of);
	while ((st = db_step(s, &row, e)) == RG_OK && row) {
		if (n == cap) {
			overdue *grown = realloc(list, (cap = cap ? cap * 2 : 16) * sizeof *list);
			if (grown == NULL) {
				st = err_set(e, RG_DB, "out of memory listing overdue warnings");
				goto out;
			}
			list = grown;
		}
		list[n].id = (long)db_col_int(s, 0);
		snprintf(list[n].point, sizeof list[n].point, "%s", db_col_text(s, 1));
		list[n].disposition = find(dispositions, 3, db_col_text(s, 2));
		snprintf(list[n].due, sizeof list[n].due, "%s", db_col_text(s, 3));
		list[n].period = (long)db_col_double(s, 4);
		n++;
	}
	if (st != RG_OK)
		goto out;
	for (size_t i = 0; i < n; i++) {
		const char *to = dispositions[list[i].disposition + 1];
		char due[DATE_BUF], note[256];
		date_format(rs->as_of_days + list[i].period, due);
		db_reset(rs->escalate_warning);
		db_bind_int(rs->escalate_warning, 1, list[i].id);
		db_bind_text(rs->escalate_warning, 2, to);
		db_bind_text(rs->escalate_warning, 3, due);
		db_bind_null(rs->escalate_warning, 4);
		db_bind_text(rs->escalate_warning, 5, rs->as_of);
		db_bind_null(rs->escalate_warning, 6);
		db_bind_null(rs->escalate_warning, 7);
		if ((st = exec(rs->escalate_warning, "warning", list[i].point, e)) != RG_OK)
			goto out;
		snprintf(note, sizeof note, "逾期未办结（完成时限%s）：处置方式由%s升为%s",
			 list[i].due, dispositions[list[i].disposition], to);
		st = warning_event(rs, list[i].id, "逾期升级", to, due, note, list[i].point, e);
		if (st != RG_OK)
			goto out;
		rs->nescalated++;
	}
out:
	free(list);
	db_finalize(s);
	return st;
}

static rg_status store(run_state *rs, const char *code, const rule_result *res, rg_err *e)
{
	char reasons[8192];
	size_t used = 0;
	int tier = find(tiers, 3, res->tier);
	rg_status st;

	if (tier < 0)
		return err_set(e, RG_RULE, "%s: grade() for point %s: result.tier: expected "
			       "一级, 二级 or 三级, got \"%s\"", rules_pack_path(rs->r, res->pack), code, res->tier);
	reasons[0] = '\0';
	for (int i = 0; i < res->nreasons && used < sizeof reasons; i++)
		used += (size_t)snprintf(reasons + used, sizeof reasons - used, "%s%s",
					 i ? "\n" : "", res->reasons[i]);
	db_reset(rs->ins_grade);
	db_bind_int(rs->ins_grade, 1, rs->run);
	db_bind_text(rs->ins_grade, 2, code);
	db_bind_text(rs->ins_grade, 3, res->pack);
	db_bind_int(rs->ins_grade, 4, res->importance);
	db_bind_int(rs->ins_grade, 5, res->discretion);
	db_bind_int(rs->ins_grade, 6, res->likelihood);
	db_bind_int(rs->ins_grade, 7, res->harm);
	db_bind_double(rs->ins_grade, 8, res->score);
	db_bind_text(rs->ins_grade, 9, res->tier);
	db_bind_text(rs->ins_grade, 10, reasons);
	if ((st = exec(rs->ins_grade, "grade", code, e)) != RG_OK)
		return st;
	rs->tiers[tier]++;
	for (int i = 0; rs->trace && i < res->nreasons; i++) {
		db_reset(rs->ins_trace);
		db_bind_int(rs->ins_trace, 1, rs->run);
		db_bind_text(rs->ins_trace, 2, code);
		db_bind_int(rs->ins_trace, 3, i + 1);
		db_bind_text(rs->ins_trace, 4, res->reasons[i]);
		db_bind_text(rs->ins_trace, 5, res->trace[i]);
		if ((st = exec(rs->ins_trace, "trace", code, e)) != RG_OK)
			return st;
	}

	for (int i = 0; i < res->nflags; i++) {
		const rule_flag *f = &res->flags[i];
		db_reset(rs->ins_flag);
		db_bind_int(rs->ins_flag, 1, rs->run);
		db_bind_text(rs->ins_flag, 2, code);
		db_bind_text(rs->ins_flag, 3, f->code);
		db_bind_text(rs->ins_flag, 4, f->label);
		db_bind_text(rs->ins_flag, 5, f->evidence);
		if ((st = exec(rs->ins_flag, "flag", code, e)) != RG_OK) {
			char msg[sizeof e->msg];
			snprintf(msg, sizeof msg, "%s", e->msg);
			return err_set(e, RG_RULE, "%s: grade() for point %s: flags[%d]: code "
				       "\"%s\" must be non-empty and given once per point (%s)",
				       rules_pack_path(rs->r, res->pack), code, i + 1, f->code,
				       msg);
		}
	}
	rs->nflags += res->nflags;
	rs->nflagged += res->nflags > 0;

	for (int i = 0; i < res->nwarnings; i++) {
		const rule_warning *w = &res->warnings[i];
		if (find(dispositions, 3, w->disposition) < 0)
			return err_set(e, RG_RULE, "%s: grade() for point %s: warnings[%d]."
				       "disposition: expected 风险提示, 诫勉谈话 or 责令纠错, got \"%s\"",
				       rules_pack_path(rs->r, res->pack), code, i + 1,
				       w->disposition);
		if ((st = follow_warning(rs, code, w, e)) != RG_OK) {
			char msg[sizeof e->msg];
			snprintf(msg, sizeof msg, "%s", e->msg);
			return err_set(e, RG_RULE, "%s: grade() for point %s: warnings[%d]: "
				       "responsible \"%s\" is not a person's code (%s)",
				       rules_pack_path(rs->r, res->pack), code, i + 1,
				       w->responsible ? w->responsible : "", msg);
		}
	}
	rs->nwarnings += res->nwarnings;
	return RG_OK;
}

static rg_status start_run(run_state *rs, rg_err *e)
{
	db_stmt *s = NULL;
	rg_status st;

	st = db_prepare(rs->d,
			"INSERT INTO runs (as_of, scope, traced, engine_version, rules_dir, points,"
			" tier1, tier2, tier3, flags, warnings, created_at, actor)"
			" VALUES (?1, ?2, ?5, ?3, ?4, 0, 0, 0, 0, 0, 0, ?6, ?7)",
			&s, e);
	if (st != RG_OK)
		return st;
	db_bind_text(s, 1, rs->as_of);
	db_bind_text(s, 2, rs->scope);
	db_bind_text(s, 3, RG_VERSION);
	db_bind_text(s, 4, rs->dir);
	db_bind_int(s, 5, rs->trace);
	db_bind_text(s, 6, rs->now);
	db_bind_text(s, 7, rs->actor);
	st = exec(s, "run", "-", e);
	db_finalize(s);
	rs->run = (long)db_last_rowid(rs->d);
	return st;
}

static rg_status finish_run(run_state *rs, rg_err *e)
{
	db_stmt *s = NULL;
	rg_status st;

	st = db_prepare(rs->d,
			"UPDATE runs SET points = ?2, tier1 = ?3, tier2 = ?4, tier3 = ?5,"
			" flags = ?6, warnings = ?7, warnings_new = ?8, warnings_escalated = ?9"
			" WHERE id = ?1", &s, e);
	if (st != RG_OK)
		return st;
	db_bind_int(s, 1, rs->run);
	db_bind_int(s, 2, rs->npoints);
	db_bind_int(s, 3, rs->tiers[0]);
	db_bind_int(s, 4, rs->tiers[1]);
	db_bind_int(s, 5, rs->tiers[2]);
	db_bind_int(s, 6, rs->nflags);
	db_bind_int(s, 7, rs->nwarnings);
	db_bind_int(s, 8, rs->nwarnings_new);
	db_bind_int(s, 9, rs->nescalated);
	st = exec(s, "run", "-", e);
	db_finalize(s);
	if (st != RG_OK)
		return st;
	st = db_prepare(rs->d, "INSERT INTO run_packs (run, pack, path, parent, sha256)"
			" VALUES (?1, ?2, ?3, ?4, ?5)", &s, e);
	if (st != RG_OK)
		return st;
	for (int i = 0; i < rules_pack_count(rs->r) && st == RG_OK; i++) {
		const rule_pack *pk = rules_pack_at(rs->r, i);
		db_reset(s);
		db_bind_int(s, 1, rs->run);
		db_bind_text(s, 2, pk->name);
		db_bind_text(s, 3, pk->path);
		db_bind_text(s, 4, pk->parent);
		db_bind_text(s, 5, pk->sha);
		st = exec(s, "pack", "-", e);
	}
	db_finalize(s);
	if (st == RG_OK) {
		char subject[64], detail[512];
		snprintf(subject, sizeof subject, "run:%ld", rs->run);
		snprintf(detail, sizeof detail,
			 "as-of %s, scope %s, rules %s: %ld points (一级 %ld, 二级 %ld, 三级 %ld),"
			 " %ld flags, %ld warnings (%ld new, %ld escalated)", rs->as_of,
			 rs->scope ? rs->scope : "all", rs->dir, rs->npoints, rs->tiers[0],
			 rs->tiers[1], rs->tiers[2], rs->nflags, rs->nwarnings,
			 rs->nwarnings_new, rs->nescalated);
		st = audit_append(rs->d, rs->now, rs->actor, "grade", subject, detail, e);
	}
	return st;
}

static rg_status use_pack(void *ctx, const char *agency, const char *name, rg_err *e)
{
	return rules_use(ctx, agency, name, e);
}

static const char *plural(long n)
{
	return n == 1 ? "" : "s";
}

/* count_points: the number of points in scope, into *n. */
static rg_status count_points(db *d, const char *scope, long long *n, rg_err *e)
{
	db_stmt *s = NULL;
	bool row;
	rg_status st = db_prepare(d, count_sql, &s, e);

	if (st == RG_OK) {
		db_bind_text(s, 1, scope);
		if ((st = db_step(s, &row, e)) == RG_OK)
			*n = db_col_int(s, 0);
	}
	db_finalize(s);
	return st;
}

/* Print the tier distribution per agency of the run just made, with a total row. */
static rg_status print_summary(run_state *rs, rg_err *e)
{
	static const out_col cols[] = {
		{"单位代码", "agency"}, {"单位名称", "agency_name"}, {"一级", "tier1"},
		{"二级", "tier2"}, {"三级", "tier3"}, {"合计", "points"},
		{"需重新评定", "flagged"}, {"预警", "warnings"},
	};
	db_stmt *s = NULL;
	rg_status st;

	printf("run %ld as of %s: %ld point%s graded with the packs of %s/\n", rs->run,
	       rs->as_of, rs->npoints, plural(rs->npoints), rs->dir);
	for (int i = 0; i < rules_pack_count(rs->r); i++) {
		const rule_pack *pk = rules_pack_at(rs->r, i);
		printf("  %s (%s, sha256 %.12s)\n", pk->name, pk->path, pk->sha);
	}
	printf("一级 %ld, 二级 %ld, 三级 %ld; %ld flag%s on %ld point%s; %ld warning%s"
	       " (%ld new, %ld escalated)\n\n",
	       rs->tiers[0], rs->tiers[1], rs->tiers[2], rs->nflags, plural(rs->nflags),
	       rs->nflagged, plural(rs->nflagged), rs->nwarnings, plural(rs->nwarnings),
	       rs->nwarnings_new, rs->nescalated);
	st = db_prepare(rs->d,
			"WITH g AS (SELECT p.agency, g.tier, g.point FROM grades g"
			"  JOIN points p ON p.code = g.point WHERE g.run = ?1),"
			" per AS (SELECT a.code, a.name,"
			"  (SELECT count(*) FROM g WHERE g.agency = a.code AND g.tier = '一级') t1,"
			"  (SELECT count(*) FROM g WHERE g.agency = a.code AND g.tier = '二级') t2,"
			"  (SELECT count(*) FROM g WHERE g.agency = a.code AND g.tier = '三级') t3,"
			"  (SELECT count(*) FROM g WHERE g.agency = a.code) n,"
			"  (SELECT count(DISTINCT f.point) FROM flags f JOIN points p"
			"    ON p.code = f.point WHERE f.run = ?1 AND p.agency = a.code) fl,"
			"  (SELECT count(*) FROM warnings w JOIN points p ON p.code = w.point"
			"    WHERE w.seen_run = ?1 AND p.agency = a.code) wn"
			"  FROM agencies a WHERE a.code IN (SELECT agency FROM g))"
			" SELECT * FROM (SELECT * FROM per ORDER BY code)"
			" UNION ALL SELECT '合计', '', sum(t1), sum(t2), sum(t3), sum(n), sum(fl), sum(wn)"
			" FROM per",
			&s, e);
	if (st != RG_OK)
		return st;
	db_bind_int(s, 1, rs->run);
	st = out_print(stdout, OUT_TABLE, cols, 8, s, NULL, e);
	db_finalize(s);
	return st;
}

rg_status cmd_grade(int argc, char **argv, rg_err *e)
{
	const char *pos[1], *dir = NULL, *as_of = NULL, *agency = NULL, *by = NULL;
	char today[DATE_BUF];
	bool helped, trace = false, dry_run = false;
	int npos;
	long days, previous = 0;
	arg_opt opts[] = {
		{"--rules", &dir, NULL}, {"--as-of", &as_of, NULL}, {"--agency", &agency, NULL},
		{"--trace", NULL, &trace}, {"--dry-run", NULL, &dry_run}, {"--by", &by, NULL},
		{NULL, NULL, NULL},
	};
	run_state rs;
	bool in_tx = false, row;
	long long total = 0;
	rg_status st;

	memset(&rs, 0, sizeof rs);
	st = args_parse(argc, argv, opts, pos, 1, 1, &npos, &helped, usage, help, e);
	if (st != RG_OK || helped)
		return st;
	if ((st = date_now(rs.now, today, e)) != RG_OK)
		return st;
	if (as_of == NULL)
		as_of = today;
	if (!date_parse(as_of, &days))
		return err_set(e, RG_USAGE, "--as-of: expected a date YYYY-MM-DD, got \"%s\"", as_of);
	if (dir == NULL)
		dir = pack_default_dir();
	rs.as_of = as_of;
	rs.as_of_days = days;
	rs.scope = agency;
	rs.trace = trace;
	rs.dir = dir;
	rs.actor = audit_actor(by);

	st = dry_run ? db_open_copy(pos[0], &rs.d, e) : db_open(pos[0], &rs.d, e);
	if (st != RG_OK)
		goto out;
	if (dry_run && (st = run_latest(rs.d, &previous, e)) != RG_OK)
		goto out;
	if (agency != NULL && (st = lookup_agency(rs.d, "--agency", agency, e)) != RG_OK)
		goto out;
	if ((st = rules_open(dir, as_of, &rs.r, e)) != RG_OK)
		goto out;
	rules_set_trace(rs.r, rs.trace);
	if ((st = pack_resolve(rs.d, dir, agency, use_pack, rs.r, e)) != RG_OK)
		goto out;
	if ((st = prepare(&rs, e)) != RG_OK)
		goto out;
	if ((st = db_begin(rs.d, e)) != RG_OK)
		goto out;
	in_tx = true;
	if ((st = start_run(&rs, e)) != RG_OK)
		goto out;
	if ((st = count_points(rs.d, agency, &total, e)) != RG_OK)
		goto out;
	progress_start(total, "grading");
	db_bind_text(rs.points, 1, agency);
	while ((st = db_step(rs.points, &row, e)) == RG_OK && row) {
		rule_result res;
		char code[256], owner[256];
		snprintf(code, sizeof code, "%s", db_col_text(rs.points, rs.col_code));
		snprintf(owner, sizeof owner, "%s", db_col_text(rs.points, rs.col_agency));
		if ((st = gather(&rs, code, e)) != RG_OK ||
		    (st = rules_grade(rs.r, code, owner, &res, e)) != RG_OK ||
		    (st = store(&rs, code, &res, e)) != RG_OK)
			goto out;
		rs.npoints++;
		progress_tick(1);
	}
	progress_end();
	if (st != RG_OK)
		goto out;
	if ((st = escalate_overdue(&rs, e)) != RG_OK ||
	    (st = finish_run(&rs, e)) != RG_OK)
		goto out;
	if ((st = db_commit(rs.d, e)) != RG_OK)
		goto out;
	in_tx = false;
	if (!dry_run) {
		st = print_summary(&rs, e);
	} else if (previous == 0) {
		printf("dry run: nothing written to %s; there is no earlier run to compare with.\n",
		       pos[0]);
		st = print_summary(&rs, e);
	} else {
		printf("dry run: nothing written to %s.  Run %ld below is what grading now would "
		       "record; it is compared with run %ld, the latest.\n\n", pos[0], rs.run,
		       previous);
		st = run_diff_print(rs.d, previous, rs.run, e);
	}
out:
	progress_end();
	finalize(&rs);
	if (in_tx)
		db_rollback(rs.d);
	rules_close(rs.r);
	db_close(rs.d);
	return st;
}

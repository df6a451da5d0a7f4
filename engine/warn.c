/*
 * warn.c: the life of a warning, for the batch run (issue, follow, escalate overdue) and
 * the warning command (a step by hand).  One escalation rule: next_step in C for a step by
 * hand, said again in SQL for a run's overdue warnings (OVERDUE, NEW_DUE; test_warn.c
 * checks they agree); dispositions and statuses from vocab.h.
 * Depends on db.h, audit.h, date.h, lookup.h (AGENCY_SCOPE), vocab.h, status.h.
 */
#include "warn.h"

#include <assert.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "audit.h"
#include "lookup.h"
#include "vocab.h"

/* A warning's statuses by their index in vocab_status. */
enum { ISSUED, SIGNED, ANSWERED, RELEASED };

/* The statements of a book, by their index in sql[] and warn_book.stmt[]. */
enum {
	W_OPEN, W_INSERT, W_SEEN, W_SEEN_TAKEN, W_REISSUE, W_ESCALATE, W_STATUS, W_EVENT, W_LOAD,
	W_LAST_EVENT, W_PAST_9999, W_OVERDUE_EVENTS, W_OVERDUE_UPDATE, W_OVERDUE_SIGNED,
	W_OVERDUE_COUNT, W_COUNT
};

/* The columns of a warn_record, in the order read_record() reads them. */
#define RECORD_COLUMNS \
	"w.id, w.point, w.reason, w.disposition, w.due, w.issued_on, w.status," \
	" (SELECT max(on_date) FROM warning_events WHERE warning = w.id)"

/*
 * The overdue warnings w, escalated by a run in three set-based statements (with a
 * statement pair a warning, the bench's month at a million points took 40.1 s, now
 * 33.7 s), by next_step's rule said in SQL: the open, unanswered warnings of the points
 * of scope ?1 (AGENCY_SCOPE) due before ?2, with n the disposition one step severer (none
 * after 责令纠错: those stay overdue).
 */
#define OVERDUE \
	" FROM warnings w JOIN points p ON p.code = w.point" \
	" JOIN enum_disposition c ON c.name = w.disposition" \
	" JOIN enum_disposition n" \
	"  ON n.ord = (SELECT min(x.ord) FROM enum_disposition x WHERE x.ord > c.ord)" \
	" WHERE w.status IN ('发布', '签收') AND w.due < ?2 AND (?1 IS NULL OR p.agency IN scope)"
/* w's new due date: as many days after ?2 as it had from issue to due, at least one
 * (one when its date of issue is missing or not a date); NULL past 9999-12-31. */
#define SPAN "(julianday(w.due) - julianday(coalesce(w.issued_on, w.due)))"
#define NEW_DUE \
	"date(?2, '+' || CASE WHEN " SPAN " >= 1 THEN CAST(" SPAN " AS INTEGER) ELSE 1 END" \
	" || ' days')"
/* The overdue escalation events e of run ?1 (after event ?2), and each joined to its
 * warning. */
#define ESCALATIONS "e.id > ?2 AND e.run = ?1 AND e.action = '逾期升级'"
#define ESCALATED " FROM warning_events e WHERE e.warning = warnings.id AND " ESCALATIONS

static const char *const sql[W_COUNT] = {
	/* The open warning of point ?1 for reason ?2. */
	[W_OPEN] = "SELECT id, disposition FROM warnings"
		   " WHERE point = ?1 AND reason = ?2 AND status <> '解除' ORDER BY id LIMIT 1",
	/* A new warning, issued by run ?1 on ?8. */
	[W_INSERT] = "INSERT INTO warnings (run, point, reason, disposition, responsible, due,"
		     " text, seen_run, issued_on) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?1, ?8)",
	/* Warning ?1 seen again by run ?2. */
	[W_SEEN] = "UPDATE warnings SET seen_run = ?2 WHERE id = ?1",
	/* The open warnings of the points of scope ?1 that run ?2 took without grading them
	 * (reuse.h: their promise was made by an earlier run, and still holds, as the run
	 * rewrites or deletes it for every point it grades) seen again by it: those the last
	 * run that followed each point's warnings saw, all open (or the promise would not
	 * have held). */
	[W_SEEN_TAKEN] = AGENCY_SCOPE
			 "UPDATE warnings SET seen_run = ?2 WHERE status <> '解除'"
			 " AND point IN (SELECT u.point FROM reuse u JOIN points p ON p.code = u.point"
			 "  WHERE u.graded < ?2 AND u.warned > 0 AND (?1 IS NULL OR p.agency IN scope))"
			 " AND seen_run = (SELECT max(x.seen_run) FROM warnings x"
			 "  WHERE x.point = warnings.point)",
	/* Warning ?1 issued again (status 发布) on ?5 with the notice that escalates it:
	 * disposition ?2, due ?3; ?4 the run that saw it, ?6/?7 the responsible person and
	 * text the pack gives now (NULL: keep them). */
	[W_REISSUE] = "UPDATE warnings SET disposition = ?2, due = ?3, status = '发布',"
		      " seen_run = coalesce(?4, seen_run), issued_on = ?5,"
		      " responsible = coalesce(?6, responsible), text = coalesce(?7, text)"
		      " WHERE id = ?1",
	/* Warning ?1 issued again (status 发布) on ?4 one step severer (next_step), by hand. */
	[W_ESCALATE] = "UPDATE warnings SET disposition = ?2, due = ?3, status = '发布',"
		       " issued_on = ?4 WHERE id = ?1",
	/* Warning ?1 moved to status ?2 by hand. */
	[W_STATUS] = "UPDATE warnings SET status = ?2 WHERE id = ?1",
	/* A step in the life of warning ?1: by a person (?4) or a run (?5), never both. */
	[W_EVENT] = "INSERT INTO warning_events (warning, action, on_date, by, run, disposition,"
		    " due, status, note) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
	[W_LOAD] = "SELECT " RECORD_COLUMNS " FROM warnings w WHERE w.id = ?1",
	/* The id of the latest event: the overdue escalations of a run come after it. */
	[W_LAST_EVENT] = "SELECT coalesce(max(id), 0) FROM warning_events",
	/* The first overdue warning (OVERDUE) whose new due date would be past 9999-12-31. */
	[W_PAST_9999] = AGENCY_SCOPE "SELECT w.id" OVERDUE " AND " NEW_DUE " IS NULL"
			" ORDER BY w.id LIMIT 1",
	/* The event of each overdue escalation of run ?3, in warning order. */
	[W_OVERDUE_EVENTS] = AGENCY_SCOPE
			     "INSERT INTO warning_events (warning, action, on_date, run, disposition,"
			     " due, status, note)"
			     " SELECT w.id, '逾期升级', ?2, ?3, n.name, " NEW_DUE ", '发布',"
			     " '逾期未办结（完成时限' || w.due || '）：处置方式由' || w.disposition"
			     " || '升为' || n.name" OVERDUE " ORDER BY w.id",
	/* The warnings of the escalation events of run ?1 after event ?2 take the disposition,
	 * due date and date of issue the event records.  Their status, 发布 already for most,
	 * is left to W_OVERDUE_SIGNED: SQLite rewrites the entry of every index that a column
	 * in SET reads, a partial index's WHERE included (warnings_open), even to the same
	 * value. */
	[W_OVERDUE_UPDATE] = "UPDATE warnings SET disposition = e.disposition, due = e.due,"
			     " issued_on = e.on_date" ESCALATED,
	/* Those of them signed for (签收) are issued again. */
	[W_OVERDUE_SIGNED] = "UPDATE warnings SET status = '发布'" ESCALATED
			     " AND warnings.status = '签收'",
	[W_OVERDUE_COUNT] = "SELECT count(*) FROM warning_events e WHERE " ESCALATIONS,
};

struct warn_book {
	db *d;                    /* the connection, not owned */
	db_stmt *stmt[W_COUNT];   /* sql[i] once prepared, else NULL */
	bool batch_events;        /* the events are written together (warn_batch_events) */
	bool dry_run;             /* seen_run is not written (warn_dry_run) */
};

/* One row of warning_events. */
typedef struct {
	long warning;            /* warnings.id */
	const char *point;       /* its point, for messages */
	const char *action;      /* enum_warning_action: 发布, 加重升级, 逾期升级, 签收 ... */
	const char *on;          /* the date of the step */
	const char *by;          /* the person who took it, or NULL for a run */
	long run;                /* the run that took it, or 0 for a person */
	const char *disposition; /* the warning's disposition afterwards */
	const char *due;         /* its due date afterwards */
	const char *status;      /* its status afterwards */
	const char *note;        /* why */
} event;

/* One step by hand: its names, the statuses it may start from, the status it leads to. */
typedef struct {
	const char *name, *chinese; /* on the command line */
	unsigned from;              /* bit i set: may start from vocab_status[i] */
	int to;                     /* the status afterwards, an index in vocab_status */
	const char *event;          /* warning_events.action */
} step;

#define FROM(s) (1u << (s))

static const step steps[] = {
	[WARN_ACK] = {"ack", "签收", FROM(ISSUED), SIGNED, "签收"},
	[WARN_FEEDBACK] = {"feedback", "反馈", FROM(ISSUED) | FROM(SIGNED), ANSWERED, "反馈"},
	[WARN_RELEASE] = {"release", "解除", FROM(ANSWERED), RELEASED, "解除"},
	[WARN_ESCALATE] = {"escalate", "升级", FROM(ISSUED) | FROM(SIGNED) | FROM(ANSWERED),
			   ISSUED, "升级"},
};

rg_status warn_open(db *d, warn_book **out, rg_err *e)
{
	warn_book *b = calloc(1, sizeof *b);

	if (b == NULL)
		return err_set(e, RG_DB, "out of memory opening the warnings");
	b->d = d;
	*out = b;
	return RG_OK;
}

void warn_batch_events(warn_book *b)
{
	b->batch_events = true;
}

void warn_dry_run(warn_book *b)
{
	b->dry_run = true;
}

void warn_close(warn_book *b)
{
	if (b == NULL)
		return;
	for (int i = 0; i < W_COUNT; i++)
		db_finalize(b->stmt[i]);
	free(b);
}

/* Statement which of b, prepared on first use, reset and ready to bind, into *out. */
static rg_status use(warn_book *b, int which, db_stmt **out, rg_err *e)
{
	if (b->stmt[which] == NULL) {
		rg_status st = db_prepare(b->d, sql[which], &b->stmt[which], e);
		if (st != RG_OK)
			return st;
		if (which == W_EVENT && b->batch_events)
			db_batch(b->stmt[which]);
	}
	db_reset(b->stmt[which]);
	*out = b->stmt[which];
	return RG_OK;
}

/* Run s, a write about a warning of point, to completion; name the point on failure. */
static rg_status store_row(db_stmt *s, const char *what, const char *point, rg_err *e)
{
	bool row;
	rg_status st = db_step(s, &row, e);

	return st == RG_OK ? RG_OK : err_wrap(e, st, "point %s: cannot store the %s", point, what);
}

/*
 * Like store_row() for a statement that stores notice n: a constraint that n's own data
 * violates (an unknown responsible person, an empty reason) is n's mistake, RG_INPUT
 * naming the field; any other failure, a trigger's included, stays a storage failure.
 */
static rg_status store_notice(db_stmt *s, const warn_notice *n, const char *point, rg_err *e)
{
	bool row;
	rg_status st = db_step(s, &row, e);

	if (st == RG_OK)
		return RG_OK;
	switch (db_constraint_kind(s)) {
	case DB_CONSTRAINT_FOREIGN_KEY:
		return err_wrap(e, RG_INPUT, "responsible \"%s\" is not a person's code",
				n->responsible ? n->responsible : "");
	case DB_CONSTRAINT_CHECK:
		return err_wrap(e, RG_INPUT, "reason must not be empty");
	default:
		return err_wrap(e, st, "point %s: cannot store the warning", point);
	}
}

/* Keep ev in warning_events: the one place a step of a warning's life is written. */
static rg_status record_event(warn_book *b, const event *ev, rg_err *e)
{
	db_stmt *s;
	rg_status st = use(b, W_EVENT, &s, e);

	if (st != RG_OK)
		return st;
	db_bind_int(s, 1, ev->warning);
	db_bind_text(s, 2, ev->action);
	db_bind_text(s, 3, ev->on);
	db_bind_text(s, 4, ev->by);
	if (ev->run > 0)
		db_bind_int(s, 5, ev->run);
	else
		db_bind_null(s, 5);
	db_bind_text(s, 6, ev->disposition);
	db_bind_text(s, 7, ev->due);
	db_bind_text(s, 8, ev->status);
	db_bind_text(s, 9, ev->note);
	return store_row(s, "warning event", ev->point, e);
}

/*
 * Issue warning id again (status 发布) on `on` with notice n, which it is escalated to
 * (n's disposition and due; its responsible person and text, when given, replace the old
 * ones), seen by run `run`.
 */
static rg_status reissue(warn_book *b, long id, const char *point, long run, const char *on,
			 const warn_notice *n, rg_err *e)
{
	db_stmt *s;
	rg_status st = use(b, W_REISSUE, &s, e);

	if (st != RG_OK)
		return st;
	db_bind_int(s, 1, id);
	db_bind_text(s, 2, n->disposition);
	db_bind_text(s, 3, n->due);
	db_bind_int(s, 4, run);
	db_bind_text(s, 5, on);
	db_bind_text(s, 6, n->responsible);
	db_bind_text(s, 7, n->text);
	return store_notice(s, n, point, e);
}

/* Issue warning w again (status 发布) on `on` with disposition and due, one step severer
 * (next_step), by hand: w was read before the step's transaction began, and another user
 * may have moved it since, so the status is always written. */
static rg_status escalate(warn_book *b, const warn_record *w, const char *disposition,
			  const char *due, const char *on, rg_err *e)
{
	db_stmt *s;
	rg_status st = use(b, W_ESCALATE, &s, e);

	if (st != RG_OK)
		return st;
	db_bind_int(s, 1, w->id);
	db_bind_text(s, 2, disposition);
	db_bind_text(s, 3, due);
	db_bind_text(s, 4, on);
	return store_row(s, "warning", w->point, e);
}

/*
 * next_step: the escalation rule (DOMAIN.md §6), for escalation by hand (a run says the
 * same rule in SQL for its overdue warnings: OVERDUE, NEW_DUE): one disposition severer,
 * due as many days after on_days as w had from issue to due (at least one).  Sets *to and due[]; false when w is at the severest disposition.
 * due[] is left empty when the new due date would be past 9999-12-31.
 */
static bool next_step(const warn_record *w, long on_days, const char **to, char due[DATE_BUF])
{
	int now = vocab_index(vocab_disposition, VOCAB_DISPOSITIONS, w->disposition);
	long issued, old_due;

	if (now < 0 || now + 1 >= VOCAB_DISPOSITIONS)
		return false;
	*to = vocab_disposition[now + 1];
	if (!date_parse(w->issued_on, &issued) || !date_parse(w->due, &old_due))
		issued = old_due = 0;
	(void)date_format(on_days + (old_due - issued > 0 ? old_due - issued : 1), due);
	return true;
}

/* Issue notice n on point as a new warning of run `run`, as of as_of. */
static rg_status issue(warn_book *b, long run, const char *as_of, const char *point,
		       const warn_notice *n, rg_err *e)
{
	db_stmt *s;
	rg_status st = use(b, W_INSERT, &s, e);

	if (st != RG_OK)
		return st;
	db_bind_int(s, 1, run);
	db_bind_text(s, 2, point);
	db_bind_text(s, 3, n->reason);
	db_bind_text(s, 4, n->disposition);
	db_bind_text(s, 5, n->responsible);
	db_bind_text(s, 6, n->due);
	db_bind_text(s, 7, n->text);
	db_bind_text(s, 8, as_of);
	if ((st = store_notice(s, n, point, e)) != RG_OK)
		return st;
	return record_event(b, &(event){.warning = (long)db_last_rowid(b->d), .point = point,
					.action = "发布", .on = as_of, .run = run,
					.disposition = n->disposition, .due = n->due,
					.status = vocab_status[ISSUED], .note = n->reason}, e);
}

rg_status warn_follow(warn_book *b, long run, const char *as_of, const char *point,
		      const warn_notice *n, warn_outcome *out, rg_err *e)
{
	char note[512];
	int was, now = vocab_index(vocab_disposition, VOCAB_DISPOSITIONS, n->disposition);
	long id;
	bool row;
	db_stmt *s;
	rg_status st;

	assert(now >= 0);
	if ((st = use(b, W_OPEN, &s, e)) != RG_OK)
		return st;
	db_bind_text(s, 1, point);
	db_bind_text(s, 2, n->reason);
	if ((st = db_step(s, &row, e)) != RG_OK)
		return st;
	if (!row) {
		*out = WARN_ISSUED;
		return issue(b, run, as_of, point, n, e);
	}
	id = (long)db_col_int(s, 0);
	was = vocab_index(vocab_disposition, VOCAB_DISPOSITIONS, db_col_text(s, 1));
	db_reset(s);
	if (now <= was) {
		*out = WARN_SEEN;
		if (b->dry_run)
			return RG_OK;
		if ((st = use(b, W_SEEN, &s, e)) != RG_OK)
			return st;
		db_bind_int(s, 1, id);
		db_bind_int(s, 2, run);
		return store_row(s, "warning", point, e);
	}
	*out = WARN_ESCALATED;
	if ((st = reissue(b, id, point, run, as_of, n, e)) != RG_OK)
		return st;
	snprintf(note, sizeof note, "情况加重：处置方式由%s升为%s",
		 was >= 0 ? vocab_disposition[was] : "", n->disposition);
	return record_event(b, &(event){.warning = id, .point = point, .action = "加重升级",
					.on = as_of, .run = run, .disposition = n->disposition,
					.due = n->due, .status = vocab_status[ISSUED],
					.note = note}, e);
}

rg_status warn_seen_taken(warn_book *b, long run, const char *scope, rg_err *e)
{
	db_stmt *s;
	bool row;
	rg_status st;

	if (b->dry_run)
		return RG_OK;
	if ((st = use(b, W_SEEN_TAKEN, &s, e)) != RG_OK)
		return st;
	db_bind_text(s, 1, scope);
	db_bind_int(s, 2, run);
	if ((st = db_step(s, &row, e)) != RG_OK)
		return err_wrap(e, st, "cannot mark the warnings of the results taken as seen");
	return RG_OK;
}

/* The warning on the current row of s (columns RECORD_COLUMNS) into *w, its point and
 * reason whole in w->texts (the old ones freed); false when out of memory. */
static bool read_record(db_stmt *s, warn_record *w)
{
	const char *point = db_col_text(s, 1), *reason = db_col_text(s, 2);
	const char *issued_on = db_col_text(s, 5);
	size_t npoint = strlen(point) + 1, nreason = strlen(reason) + 1;

	warn_record_free(w);
	if ((w->texts = malloc(npoint + nreason)) == NULL)
		return false;
	w->point = memcpy(w->texts, point, npoint);
	w->reason = memcpy(w->texts + npoint, reason, nreason);
	w->id = (long)db_col_int(s, 0);
	snprintf(w->disposition, sizeof w->disposition, "%s", db_col_text(s, 3));
	snprintf(w->due, sizeof w->due, "%s", db_col_text(s, 4));
	snprintf(w->issued_on, sizeof w->issued_on, "%s", issued_on ? issued_on : w->due);
	snprintf(w->status, sizeof w->status, "%s", db_col_text(s, 6));
	snprintf(w->last_on, sizeof w->last_on, "%s",
		 db_col_type(s, 7) == DB_NULL ? w->issued_on : db_col_text(s, 7));
	return true;
}

void warn_record_free(warn_record *w)
{
	free(w->texts);
	w->texts = NULL;
	w->point = w->reason = NULL;
}

/* Run statement which of b to completion with run, as_of and scope bound as its text
 * says (W_OVERDUE_*: ?1 the scope or the run, ?2 as_of or the latest earlier event, ?3
 * the run); its single value, if it gives one, into *value. */
static rg_status run_overdue(warn_book *b, int which, const char *scope, long run,
			     const char *as_of, long last, int64_t *value, rg_err *e)
{
	bool row;
	db_stmt *s;
	rg_status st = use(b, which, &s, e);

	if (st != RG_OK)
		return st;
	if (which == W_PAST_9999 || which == W_OVERDUE_EVENTS) {
		db_bind_text(s, 1, scope);
		db_bind_text(s, 2, as_of);
		if (which == W_OVERDUE_EVENTS)
			db_bind_int(s, 3, run);
	} else if (which != W_LAST_EVENT) {
		db_bind_int(s, 1, run);
		db_bind_int(s, 2, last);
	}
	if ((st = db_step(s, &row, e)) != RG_OK)
		return err_wrap(e, st, "cannot escalate the overdue warnings");
	if (row && value != NULL)
		*value = db_col_int(s, 0);
	db_reset(s);
	return RG_OK;
}

rg_status warn_escalate_overdue(warn_book *b, long run, const char *as_of, const char *scope,
				long *escalated, rg_err *e)
{
	int64_t last = 0, past = 0, n = 0;
	long days;
	rg_status st;

	if (!date_parse(as_of, &days))
		return err_set(e, RG_INPUT, "as-of: expected a date YYYY-MM-DD, got \"%s\"", as_of);
	if ((st = run_overdue(b, W_PAST_9999, scope, run, as_of, 0, &past, e)) != RG_OK)
		return st;
	if (past > 0)
		return err_set(e, RG_USAGE, "--as-of %s: warning %ld's new due date "
			       "would be past 9999-12-31", as_of, (long)past);
	/* The events first, from the warnings as they were (the note names the old due date
	 * and disposition); then the warnings, from their events. */
	if ((st = run_overdue(b, W_LAST_EVENT, scope, run, as_of, 0, &last, e)) != RG_OK ||
	    (st = run_overdue(b, W_OVERDUE_EVENTS, scope, run, as_of, 0, NULL, e)) != RG_OK ||
	    (st = run_overdue(b, W_OVERDUE_UPDATE, scope, run, as_of, last, NULL, e)) != RG_OK ||
	    (st = run_overdue(b, W_OVERDUE_SIGNED, scope, run, as_of, last, NULL, e)) != RG_OK ||
	    (st = run_overdue(b, W_OVERDUE_COUNT, scope, run, as_of, last, &n, e)) != RG_OK)
		return st;
	*escalated += (long)n;
	return RG_OK;
}

int warn_action_find(const char *name)
{
	for (int i = 0; i < (int)(sizeof steps / sizeof steps[0]); i++)
		if (strcmp(name, steps[i].name) == 0 || strcmp(name, steps[i].chinese) == 0)
			return i;
	return -1;
}

const char *warn_action_name(warn_action a)
{
	return steps[a].name;
}

rg_status warn_load(warn_book *b, long id, warn_record *w, rg_err *e)
{
	bool row = false;
	db_stmt *s;
	rg_status st = use(b, W_LOAD, &s, e);

	if (st != RG_OK)
		return st;
	db_bind_int(s, 1, id);
	if ((st = db_step(s, &row, e)) != RG_OK)
		return st;
	if (!row)
		return err_set(e, RG_INPUT, "ID: no warning %ld (riskgrade warnings DB --status all "
			       "lists them)", id);
	st = read_record(s, w) ? RG_OK
			       : err_set(e, RG_DB, "warning %ld: out of memory reading it", id);
	db_reset(s);
	return st;
}

/* Step a cannot start from w's status: say why. */
static rg_status refuse(warn_action a, const warn_record *w, rg_err *e)
{
	if (strcmp(w->status, vocab_status[RELEASED]) == 0)
		return err_set(e, RG_INPUT, "warning %ld is already released (解除); a recurrence "
			       "is issued as a new warning by the next run", w->id);
	if (a == WARN_RELEASE)
		return err_set(e, RG_INPUT, "warning %ld is %s: it can be released only after its "
			       "feedback (riskgrade warning DB %ld feedback --by ... --note ...)",
			       w->id, w->status, w->id);
	return err_set(e, RG_INPUT, "warning %ld is %s: %s (%s) is not possible from there",
		       w->id, w->status, steps[a].name, steps[a].chinese);
}

rg_status warn_plan(const warn_record *w, warn_action a, const char *on, const char *due,
		    warn_change *c, rg_err *e)
{
	int status = vocab_index(vocab_status, VOCAB_STATUSES, w->status);
	long on_days;

	if (status < 0 || !(steps[a].from & FROM(status)))
		return refuse(a, w, e);
	/* Dates are YYYY-MM-DD, so text order is date order. */
	if (strcmp(on, w->last_on) < 0)
		return err_set(e, RG_INPUT, "warning %ld: a step on %s would come before its latest "
			       "step, on %s (status %s); give --on %s or later", w->id, on,
			       w->last_on, w->status, w->last_on);
	c->action = a;
	c->status = vocab_status[steps[a].to];
	c->disposition = w->disposition;
	snprintf(c->due, sizeof c->due, "%s", w->due);
	if (a != WARN_ESCALATE)
		return RG_OK;
	if (!date_parse(on, &on_days))
		return err_set(e, RG_INPUT, "on: expected a date YYYY-MM-DD, got \"%s\"", on);
	if (!next_step(w, on_days, &c->disposition, c->due))
		return err_set(e, RG_INPUT, "warning %ld is already %s, the severest disposition: "
			       "it cannot be escalated further", w->id, w->disposition);
	if (c->due[0] == '\0' && due == NULL)
		return err_set(e, RG_INPUT, "warning %ld: its new due date would be past "
			       "9999-12-31; give --due", w->id);
	if (due != NULL)
		snprintf(c->due, sizeof c->due, "%s", due);
	return RG_OK;
}

/* The audit log entry for step c on w, which warning_events row ev_id records. */
static rg_status audit_step(warn_book *b, const warn_record *w, const warn_change *c,
			    long ev_id, const char *by, const char *on, const char *note,
			    const char *now, rg_err *e)
{
	char subject[64], what[64], *detail;
	rg_status st;

	snprintf(subject, sizeof subject, "warning_event:%ld", ev_id);
	snprintf(what, sizeof what, "warning %s", steps[c->action].name);
	if ((detail = audit_format("warning %ld (point %s, %s) on %s: %s → %s, %s, due %s;"
				   " note: %s", w->id, w->point, w->reason, on, w->status,
				   c->status, c->disposition, c->due, note)) == NULL)
		return err_set(e, RG_DB, "warning %ld: out of memory recording the step", w->id);
	st = audit_append(b->d, now, by, what, subject, detail, e);
	free(detail);
	return st;
}

rg_status warn_apply(warn_book *b, const warn_record *w, const warn_change *c, const char *by,
		     const char *on, const char *note, const char *now, rg_err *e)
{
	db_stmt *s;
	rg_status st;

	if ((st = db_begin(b->d, e)) != RG_OK)
		return st;
	if (c->action == WARN_ESCALATE) {
		st = escalate(b, w, c->disposition, c->due, on, e);
	} else if ((st = use(b, W_STATUS, &s, e)) == RG_OK) {
		db_bind_int(s, 1, w->id);
		db_bind_text(s, 2, c->status);
		st = store_row(s, "warning", w->point, e);
	}
	if (st == RG_OK)
		st = record_event(b, &(event){.warning = w->id, .point = w->point,
					      .action = steps[c->action].event, .on = on, .by = by,
					      .disposition = c->disposition, .due = c->due,
					      .status = c->status, .note = note}, e);
	if (st == RG_OK)
		st = audit_step(b, w, c, (long)db_last_rowid(b->d), by, on, note, now, e);
	if (st == RG_OK)
		st = db_commit(b->d, e);
	if (st != RG_OK)
		db_rollback(b->d);
	return st;
}

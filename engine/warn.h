/*
 * warn.h: the life of a warning (预警, DOMAIN.md §6), written once for the batch run and
 * the warning command: issued by a run, followed across runs (seen again, or escalated
 * when the pack asks for a severer disposition), escalated one step when overdue or by
 * hand, acknowledged, answered and released by hand; every step kept in warning_events.
 * Depends on db.h, date.h, status.h.
 */
#ifndef RG_WARN_H
#define RG_WARN_H

#include "date.h"
#include "db.h"
#include "status.h"

/* The statements of the lifecycle on one connection, each prepared on first use and then
 * kept for the life of the book. */
typedef struct warn_book warn_book;

/* A warning a rule pack asks for on a point.  Strings belong to the caller. */
typedef struct {
	const char *reason;      /* why (预警事由), the key that follows it across runs */
	const char *disposition; /* 风险提示 | 诫勉谈话 | 责令纠错 (vocab_disposition) */
	const char *responsible; /* person code, or NULL when nobody holds the role */
	const char *due;         /* YYYY-MM-DD */
	const char *text;        /* what must be done */
} warn_notice;

/* What warn_follow() did with a notice. */
typedef enum {
	WARN_ISSUED,    /* no open warning for the point and reason: a new one was issued */
	WARN_SEEN,      /* the open one is as severe or severer: only marked seen by the run */
	WARN_ESCALATED  /* the notice is severer: the open one was issued again with it */
} warn_outcome;

/* A warning as stored.  Its point and reason are whole, however long (a pack's reason may
 * have 1,000 characters, a point's code any length): warn_load() and the run's
 * escalation keep them in texts, which warn_record_free() frees. */
typedef struct {
	long id;                  /* warnings.id, the 预警编号 users give */
	const char *point;        /* the point's code */
	const char *reason;       /* 预警事由 */
	char disposition[32];     /* vocab_disposition */
	char due[DATE_BUF];       /* YYYY-MM-DD */
	char issued_on[DATE_BUF]; /* the date of its latest issue; due when not recorded */
	char status[32];          /* vocab_status */
	char last_on[DATE_BUF];   /* the date of its latest step (warning_events), or issued_on */
	char *texts;              /* point and reason when read from the database, or NULL */
} warn_record;

/* A step by hand (the warning command). */
typedef enum {
	WARN_ACK,      /* 签收: received by the responsible person    发布 → 签收 */
	WARN_FEEDBACK, /* 反馈: rectification reported               发布/签收 → 反馈 */
	WARN_RELEASE,  /* 解除: feedback checked, warning closed      反馈 → 解除 */
	WARN_ESCALATE  /* 升级: one disposition severer, issued again  any open → 发布 */
} warn_action;

/* What a step by hand makes of a warning, worked out by warn_plan(). */
typedef struct {
	warn_action action;      /* the step */
	const char *status;      /* the status afterwards (vocab_status) */
	const char *disposition; /* the disposition afterwards (vocab_disposition) */
	char due[DATE_BUF];      /* the due date afterwards */
} warn_change;

/*
 * warn_open: a book for the lifecycle on connection d, which must outlive it.  Nothing is
 * prepared yet.  *out is freed with warn_close().  RG_DB only when out of memory.
 */
rg_status warn_open(db *d, warn_book **out, rg_err *e);

/*
 * warn_batch_events: the events b records from now on may be written together, later
 * (db_batch): for a grading run, which records many and reads none back; not for a
 * warning step (warn_apply), whose audit entry names its event's number.
 */
void warn_batch_events(warn_book *b);

/*
 * warn_dry_run: b serves a dry run, rolled back at its end: warn_follow() does not record
 * which run saw a warning again (seen_run), which only later runs and lists read.  It is
 * the one write of a warning that cannot fail on what a pack gave, and rewriting every
 * open warning made most of a dry run's rollback journal.
 */
void warn_dry_run(warn_book *b);

/* warn_close: finalize the book's statements and free it.  NULL is allowed. */
void warn_close(warn_book *b);

/*
 * warn_seen_taken: after the points of scope (an agency and the units under it, NULL for
 * all) are stored, mark seen by run `run` the open warnings of those whose stored result
 * it took without grading them (reuse.h), as warn_follow() would for the same requests:
 * those the last run following each point's warnings saw (each still open, or the promise
 * would not hold, with a disposition at least the one asked for: dispositions only
 * rise).  Nothing in a dry run.  RG_DB with SQLite's message.
 */
rg_status warn_seen_taken(warn_book *b, long run, const char *scope, rg_err *e);

/*
 * warn_follow: run `run`, as of as_of (YYYY-MM-DD), asks for notice n on point.  Issues
 * it when no warning for the same point and reason is open (not 解除); issues the open
 * one again with n's disposition, due, responsible and text when n is severer
 * (加重升级); else only marks the open one seen by the run.  Issues and escalations are
 * kept in warning_events.  n->disposition must be one of vocab_disposition (the caller
 * checks what a pack returns).  Sets *out to what was done.  Call it inside the run's
 * transaction.  Fails with RG_INPUT when the database refuses n's own data, the message
 * naming the field then SQLite's reason ("responsible \"P9\" is not a person's code:
 * FOREIGN KEY constraint failed", or an empty reason); with RG_DB on any other failure,
 * "point CODE: cannot store the warning: " and SQLite's message.
 */
rg_status warn_follow(warn_book *b, long run, const char *as_of, const char *point,
		      const warn_notice *n, warn_outcome *out, rg_err *e);

/*
 * warn_escalate_overdue: escalate by one step (warn_plan's rule) every warning of the
 * points of agency scope and the units under it (every agency when scope is NULL) that
 * is still 发布 or 签收 after its due date, as of as_of: issued again on as_of, with a
 * new due date as many days after as_of as it had from issue to due (逾期升级, kept in
 * warning_events for run `run`).  责令纠错 cannot go further: it stays overdue.  Adds
 * the number escalated to *escalated.  Call it inside the run's transaction: it writes
 * with a few set-based statements, in warning order.  RG_DB on failure, RG_INPUT if as_of
 * is not a date, RG_USAGE naming the first warning whose new due date would be past
 * 9999-12-31 (then it writes nothing).
 */
rg_status warn_escalate_overdue(warn_book *b, long run, const char *as_of, const char *scope,
				long *escalated, rg_err *e);

/* warn_action_find: the step called name, in English (ack, feedback, release, escalate)
 * or Chinese (签收, 反馈, 解除, 升级); -1 when there is none. */
int warn_action_find(const char *name);

/* warn_action_name: the English name of step a ("ack" ...), for messages and the log. */
const char *warn_action_name(warn_action a);

/*
 * warn_load: read warning id into *w, which must start zeroed (or be one warn_load()
 * filled before); free it with warn_record_free().  RG_INPUT when there is no such
 * warning, RG_DB on a database failure or when out of memory.
 */
rg_status warn_load(warn_book *b, long id, warn_record *w, rg_err *e);

/* warn_record_free: free the texts warn_load() read into w. */
void warn_record_free(warn_record *w);

/*
 * warn_plan: work out step a on warning w taken on date `on` (YYYY-MM-DD) into *c,
 * writing nothing.  For escalate, due is the new due date or NULL for the rule's: as
 * many days after `on` as w had from issue to due (at least one); the caller checks that
 * a given due is a date after `on`.  A step cannot be dated before the warning's latest
 * step (w->last_on).  RG_INPUT, explained, when the step is not possible:
 * w is already released, not yet answered (release), at the severest disposition
 * (escalate), or in a status the step cannot start from.
 */
rg_status warn_plan(const warn_record *w, warn_action a, const char *on, const char *due,
		    warn_change *c, rg_err *e);

/*
 * warn_apply: make change c (from warn_plan) to warning w in one transaction of its own:
 * the warning, its event (by person `by`, on `on`, with note) and the audit log entry
 * (at time now, date_now's format).  Nothing is written on failure.  RG_DB with SQLite's
 * message on failure.
 */
rg_status warn_apply(warn_book *b, const warn_record *w, const warn_change *c, const char *by,
		     const char *on, const char *note, const char *now, rg_err *e);

#endif

/*
 * cmd_warning.c: `riskgrade warning`, one step in the life of a warning: acknowledged (签收),
 * answered (反馈), released (解除) or escalated (升级) by a named person, with a note,
 * kept in warning_events and the audit log.  Depends on db.h, args.h, audit.h, date.h.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "args.h"
#include "audit.h"
#include "cmd.h"
#include "date.h"
#include "db.h"
#include "lookup.h"

static const char usage[] =
	"riskgrade warning DB ID ack|feedback|release|escalate --by PERSON --note TEXT"
	" [--on DATE] [--due DATE]";

static const char help[] =
	"usage: riskgrade warning DB ID ACTION --by PERSON --note TEXT [--on DATE] [--due DATE]\n"
	"\n"
	"Move warning ID (预警编号, see riskgrade warnings) one step:\n"
	"  ack       签收: the responsible person has received it        发布 → 签收\n"
	"  feedback  反馈: the rectification is reported                 发布/签收 → 反馈\n"
	"  release   解除: the supervisor has checked the feedback       反馈 → 解除\n"
	"  escalate  升级: one step severer, 风险提示 → 诫勉谈话 → 责令纠错, issued again\n"
	"            (status 发布) with a new due date                   any open status\n"
	"The Chinese names (签收, 反馈, 解除, 升级) are accepted too.  Each step is kept with\n"
	"who, when and why, and appended to the audit log.  A released warning is closed:\n"
	"if the situation recurs, the next run issues a new one.\n"
	"\n"
	"  --by PERSON  the person code (persons table) of who records the step (required)\n"
	"  --note TEXT  what was received, reported, checked or why it is escalated (required)\n"
	"  --on DATE    the date of the step (default: today)\n"
	"  --due DATE   escalate only: the new due date (default: as many days after --on as\n"
	"               the warning had from its issue to its due date)\n";

static const char *const dispositions[3] = {"风险提示", "诫勉谈话", "责令纠错"};

/* One action: its names, the statuses it may start from, the status it leads to. */
typedef struct {
	const char *name, *chinese;
	const char *from;  /* "|"-wrapped list of statuses it may start from */
	const char *to;    /* status afterwards */
	const char *event; /* warning_events.action */
} action;

static const action actions[] = {
	{"ack", "签收", "|发布|", "签收", "签收"},
	{"feedback", "反馈", "|发布|签收|", "反馈", "反馈"},
	{"release", "解除", "|反馈|", "解除", "解除"},
	{"escalate", "升级", "|发布|签收|反馈|", "发布", "升级"},
};

/* The warning as it stands. */
typedef struct {
	char point[128], reason[512], disposition[32], due[DATE_BUF], issued_on[DATE_BUF];
	char status[32];
} warning_row;

static rg_status load(db *d, long id, warning_row *w, rg_err *e)
{
	db_stmt *s = NULL;
	bool row = false;
	rg_status st = db_prepare(d, "SELECT point, reason, disposition, due, issued_on, status"
				  " FROM warnings WHERE id = ?1", &s, e);

	if (st != RG_OK)
		return st;
	db_bind_int(s, 1, id);
	st = db_step(s, &row, e);
	if (st == RG_OK && !row)
		st = err_set(e, RG_INPUT, "ID: no warning %ld (riskgrade warnings DB --status all "
			     "lists them)", id);
	if (st == RG_OK) {
		snprintf(w->point, sizeof w->point, "%s", db_col_text(s, 0));
		snprintf(w->reason, sizeof w->reason, "%s", db_col_text(s, 1));
		snprintf(w->disposition, sizeof w->disposition, "%s", db_col_text(s, 2));
		snprintf(w->due, sizeof w->due, "%s", db_col_text(s, 3));
		snprintf(w->issued_on, sizeof w->issued_on, "%s",
			 db_col_text(s, 4) ? db_col_text(s, 4) : db_col_text(s, 3));
		snprintf(w->status, sizeof w->status, "%s", db_col_text(s, 5));
	}
	db_finalize(s);
	return st;
}

/* The status a step may not start from, explained. */
static rg_status refuse(const action *a, long id, const warning_row *w, rg_err *e)
{
	if (strcmp(w->status, "解除") == 0)
		return err_set(e, RG_INPUT, "warning %ld is already released (解除); a recurrence "
			       "is issued as a new warning by the next run", id);
	if (strcmp(a->name, "release") == 0)
		return err_set(e, RG_INPUT, "warning %ld is %s: it can be released only after its "
			       "feedback (riskgrade warning DB %ld feedback --by ... --note ...)",
			       id, w->status, id);
	return err_set(e, RG_INPUT, "warning %ld is %s: %s (%s) is not possible from there",
		       id, w->status, a->name, a->chinese);
}

rg_status cmd_warning(int argc, char **argv, rg_err *e)
{
	const char *pos[3], *by = NULL, *note = NULL, *on = NULL, *due_text = NULL;
	arg_opt opts[] = {{"--by", &by, NULL}, {"--note", &note, NULL}, {"--on", &on, NULL},
			  {"--due", &due_text, NULL}, {NULL, NULL, NULL}};
	char now[STAMP_BUF], today[DATE_BUF], due[DATE_BUF], subject[64], detail[2048];
	char wrapped[40];
	const action *a = NULL;
	const char *disposition;
	warning_row w;
	bool helped, in_tx = false, row, escalate;
	int npos, step;
	long id, on_days, due_days, issued_days, old_due_days;
	char *end;
	db *d = NULL;
	db_stmt *s = NULL;
	rg_status st;

	st = args_parse(argc, argv, opts, pos, 3, 3, &npos, &helped, usage, help, e);
	if (st != RG_OK || helped)
		return st;
	errno = 0;
	id = strtol(pos[1], &end, 10);
	if (errno != 0 || *end != '\0' || end == pos[1] || id <= 0)
		return err_set(e, RG_USAGE, "ID: expected a warning number, got \"%s\"", pos[1]);
	for (size_t i = 0; i < sizeof actions / sizeof actions[0]; i++)
		if (strcmp(pos[2], actions[i].name) == 0 || strcmp(pos[2], actions[i].chinese) == 0)
			a = &actions[i];
	if (a == NULL)
		return err_set(e, RG_USAGE, "ACTION: expected ack, feedback, release or escalate "
			       "(签收, 反馈, 解除, 升级), got \"%s\"", pos[2]);
	escalate = strcmp(a->name, "escalate") == 0;
	if (by == NULL || by[0] == '\0')
		return err_set(e, RG_USAGE, "--by PERSON is required (usage: %s)", usage);
	if (note == NULL || note[0] == '\0')
		return err_set(e, RG_USAGE, "--note TEXT is required (usage: %s)", usage);
	if (due_text != NULL && !escalate)
		return err_set(e, RG_USAGE, "--due is for escalate only");
	if ((st = date_now(now, today, e)) != RG_OK)
		return st;
	if (on == NULL)
		on = today;
	if (!date_parse(on, &on_days))
		return err_set(e, RG_USAGE, "--on: expected a date YYYY-MM-DD, got \"%s\"", on);
	if (due_text != NULL && !date_parse(due_text, &due_days))
		return err_set(e, RG_USAGE, "--due: expected a date YYYY-MM-DD, got \"%s\"",
			       due_text);

	if ((st = db_open(pos[0], &d, e)) != RG_OK)
		return st;
	if ((st = load(d, id, &w, e)) != RG_OK || (st = lookup_person(d, "--by", by, NULL, 0, e)) != RG_OK)
		goto out;
	snprintf(wrapped, sizeof wrapped, "|%s|", w.status);
	if (strstr(a->from, wrapped) == NULL) {
		st = refuse(a, id, &w, e);
		goto out;
	}
	disposition = w.disposition;
	snprintf(due, sizeof due, "%s", w.due);
	if (escalate) {
		for (step = 0; step < 3 && strcmp(dispositions[step], w.disposition) != 0; step++)
			;
		if (step >= 2) {
			st = err_set(e, RG_INPUT, "warning %ld is already %s, the severest "
				     "disposition: it cannot be escalated further", id, w.disposition);
			goto out;
		}
		disposition = dispositions[step + 1];
		if (due_text == NULL) {
			if (!date_parse(w.issued_on, &issued_days) || !date_parse(w.due, &old_due_days))
				issued_days = old_due_days = 0;
			due_days = on_days + (old_due_days - issued_days > 0
					      ? old_due_days - issued_days : 1);
		}
		if (due_days <= on_days) {
			st = err_set(e, RG_USAGE, "--due: %s is not after --on %s", due_text, on);
			goto out;
		}
		date_format(due_days, due);
	}

	if ((st = db_begin(d, e)) != RG_OK)
		goto out;
	in_tx = true;
	st = db_prepare(d, "UPDATE warnings SET status = ?2, disposition = ?3, due = ?4,"
			" issued_on = CASE WHEN ?5 THEN ?6 ELSE issued_on END WHERE id = ?1", &s, e);
	if (st != RG_OK)
		goto out;
	db_bind_int(s, 1, id);
	db_bind_text(s, 2, a->to);
	db_bind_text(s, 3, disposition);
	db_bind_text(s, 4, due);
	db_bind_int(s, 5, escalate);
	db_bind_text(s, 6, on);
	if ((st = db_step(s, &row, e)) != RG_OK)
		goto out;
	db_finalize(s);
	s = NULL; /* db_prepare leaves it as it was when it fails */
	st = db_prepare(d, "INSERT INTO warning_events (warning, action, on_date, by, disposition,"
			" due, status, note) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)", &s, e);
	if (st != RG_OK)
		goto out;
	db_bind_int(s, 1, id);
	db_bind_text(s, 2, a->event);
	db_bind_text(s, 3, on);
	db_bind_text(s, 4, by);
	db_bind_text(s, 5, disposition);
	db_bind_text(s, 6, due);
	db_bind_text(s, 7, a->to);
	db_bind_text(s, 8, note);
	if ((st = db_step(s, &row, e)) != RG_OK)
		goto out;
	snprintf(subject, sizeof subject, "warning_event:%ld", (long)db_last_rowid(d));
	snprintf(detail, sizeof detail, "warning %ld (point %s, %s) on %s: %s → %s, %s, due %s;"
		 " note: %s", id, w.point, w.reason, on, w.status, a->to, disposition, due, note);
	{
		char what[64];
		snprintf(what, sizeof what, "warning %s", a->name);
		if ((st = audit_append(d, now, by, what, subject, detail, e)) != RG_OK)
			goto out;
	}
	if ((st = db_commit(d, e)) != RG_OK)
		goto out;
	in_tx = false;
	if (escalate)
		printf("warning %ld (%s, %s): escalated %s → %s, due %s; status 发布\n", id,
		       w.point, w.reason, w.disposition, disposition, due);
	else
		printf("warning %ld (%s, %s): %s → %s; %s, due %s\n", id, w.point, w.reason,
		       w.status, a->to, disposition, due);
out:
	db_finalize(s);
	if (in_tx)
		db_rollback(d);
	db_close(d);
	return st;
}

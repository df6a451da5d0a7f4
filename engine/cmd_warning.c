/*
 * cmd_warning.c: `riskgrade warning`, one step in the life of a warning: acknowledged (签收),
 * answered (反馈), released (解除) or escalated (升级) by a named person, with a note.
 * A thin driver over warn.h, which keeps the step in warning_events and the audit log.
 * Depends on args.h, date.h, db.h, lookup.h, warn.h.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>

#include "args.h"
#include "cmd.h"
#include "i18n.h"
#include "date.h"
#include "db.h"
#include "lookup.h"
#include "warn.h"

static const char usage[] =
	"riskgrade warning DB ID ack|feedback|release|escalate --by PERSON --note TEXT"
	" [--on DATE] [--due DATE]";

static const char help[] =
	N_("usage: riskgrade warning DB ID ACTION --by PERSON --note TEXT [--on DATE] [--due DATE]\n"
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
	"  --on DATE    the date of the step (default: today); not after today, and not\n"
	"               before the warning's latest step\n"
	"  --due DATE   escalate only: the new due date (default: as many days after --on as\n"
	"               the warning had from its issue to its due date)\n");

/* Print what step c did to warning w. */
static void print_step(const warn_record *w, const warn_change *c)
{
	if (c->action == WARN_ESCALATE)
		printf(_("warning %ld (%s, %s): escalated %s → %s, due %s; status %s\n"), w->id,
		       w->point, w->reason, w->disposition, c->disposition, c->due, c->status);
	else
		printf(_("warning %ld (%s, %s): %s → %s; %s, due %s\n"), w->id, w->point,
		       w->reason, w->status, c->status, c->disposition, c->due);
}

rg_status cmd_warning(int argc, char **argv, rg_err *e)
{
	const char *pos[3], *by = NULL, *note = NULL, *on = NULL, *due = NULL;
	arg_opt opts[] = {{"--by", &by, NULL}, {"--note", &note, NULL}, {"--on", &on, NULL},
			  {"--due", &due, NULL}, {NULL, NULL, NULL}};
	char now[STAMP_BUF], today[DATE_BUF], *end;
	bool helped;
	int npos, action;
	long id, on_days, today_days, due_days = 0;
	warn_record w = {0};
	warn_change c;
	db *d = NULL;
	warn_book *b = NULL;
	rg_status st;

	st = args_parse(argc, argv, opts, pos, 3, 3, &npos, &helped, usage, help, e);
	if (st != RG_OK || helped)
		return st;
	errno = 0;
	id = strtol(pos[1], &end, 10);
	if (errno != 0 || *end != '\0' || end == pos[1] || id <= 0)
		return err_set(e, RG_USAGE, "ID: expected a warning number, got \"%s\"", pos[1]);
	if ((action = warn_action_find(pos[2])) < 0)
		return err_set(e, RG_USAGE, "ACTION: expected ack, feedback, release or escalate "
			       "(签收, 反馈, 解除, 升级), got \"%s\"", pos[2]);
	if (by == NULL || by[0] == '\0')
		return err_set(e, RG_USAGE, "--by PERSON is required (usage: %s)", usage);
	if (note == NULL || note[0] == '\0')
		return err_set(e, RG_USAGE, "--note TEXT is required (usage: %s)", usage);
	if (due != NULL && action != WARN_ESCALATE)
		return err_set(e, RG_USAGE, "--due is for escalate only");
	if ((st = date_now(now, today, e)) != RG_OK)
		return st;
	if (on == NULL)
		on = today;
	if (!date_parse(on, &on_days))
		return err_set(e, RG_USAGE, "--on: expected a date YYYY-MM-DD, got \"%s\"", on);
	if (due != NULL && !date_parse(due, &due_days))
		return err_set(e, RG_USAGE, "--due: expected a date YYYY-MM-DD, got \"%s\"", due);

	if ((st = db_open(pos[0], &d, e)) != RG_OK)
		return st;
	if ((st = warn_open(d, &b, e)) != RG_OK || (st = warn_load(b, id, &w, e)) != RG_OK ||
	    (st = lookup_person(d, "--by", by, NULL, 0, e)) != RG_OK ||
	    (st = warn_plan(&w, (warn_action)action, on, due, &c, e)) != RG_OK)
		goto out;
	if (due != NULL && due_days <= on_days) {
		st = err_set(e, RG_USAGE, "--due: %s is not after --on %s", due, on);
		goto out;
	}
	/* A step is recorded once it has happened: today's date bounds it. */
	if (date_parse(today, &today_days) && on_days > today_days) {
		st = err_set(e, RG_INPUT, "--on: %s is after today (%s): record a step once it "
			     "has been taken", on, today);
		goto out;
	}
	if ((st = warn_apply(b, &w, &c, by, on, note, now, e)) != RG_OK)
		goto out;
	print_step(&w, &c);
out:
	warn_record_free(&w);
	warn_close(b);
	db_close(d);
	return st;
}

/*
 * test_warn.c: engine/warn.c, the life of a warning: which steps by hand each status
 * allows, the escalation rule, and on a real database the following of a warning across
 * runs, overdue escalation, and telling a notice's own mistake from a storage failure.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "db.h"
#include "warn.h"

/* A warning issued 2026-12-01, due 2026-12-31 (30 days), in the given state. */
static warn_record record(const char *disposition, const char *status)
{
	warn_record w = {.id = 5, .point = "A5", .reason = "定级偏低", .due = "2026-12-31",
			 .issued_on = "2026-12-01"};

	snprintf(w.disposition, sizeof w.disposition, "%s", disposition);
	snprintf(w.status, sizeof w.status, "%s", status);
	return w;
}

static void test_action_names(void **state)
{
	(void)state;
	assert_int_equal(warn_action_find("ack"), WARN_ACK);
	assert_int_equal(warn_action_find("签收"), WARN_ACK);
	assert_int_equal(warn_action_find("feedback"), WARN_FEEDBACK);
	assert_int_equal(warn_action_find("反馈"), WARN_FEEDBACK);
	assert_int_equal(warn_action_find("release"), WARN_RELEASE);
	assert_int_equal(warn_action_find("解除"), WARN_RELEASE);
	assert_int_equal(warn_action_find("escalate"), WARN_ESCALATE);
	assert_int_equal(warn_action_find("升级"), WARN_ESCALATE);
	assert_int_equal(warn_action_find("sign"), -1);
	assert_int_equal(warn_action_find(""), -1);
	assert_string_equal(warn_action_name(WARN_RELEASE), "release");
}

/* Every step from every status: allowed (and to which status) or refused. */
static void test_plan_transitions(void **state)
{
	static const struct {
		warn_action a;
		const char *from;
		const char *to; /* NULL: refused */
	} cases[] = {
		{WARN_ACK, "发布", "签收"},      {WARN_ACK, "签收", NULL},
		{WARN_ACK, "反馈", NULL},        {WARN_ACK, "解除", NULL},
		{WARN_FEEDBACK, "发布", "反馈"}, {WARN_FEEDBACK, "签收", "反馈"},
		{WARN_FEEDBACK, "反馈", NULL},   {WARN_FEEDBACK, "解除", NULL},
		{WARN_RELEASE, "发布", NULL},    {WARN_RELEASE, "签收", NULL},
		{WARN_RELEASE, "反馈", "解除"},  {WARN_RELEASE, "解除", NULL},
		{WARN_ESCALATE, "发布", "发布"}, {WARN_ESCALATE, "签收", "发布"},
		{WARN_ESCALATE, "反馈", "发布"}, {WARN_ESCALATE, "解除", NULL},
		{WARN_ACK, "未知", NULL},
	};
	(void)state;

	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		warn_record w = record("风险提示", cases[i].from);
		warn_change c;
		rg_err e = {{0}};
		rg_status st = warn_plan(&w, cases[i].a, "2026-12-10", NULL, &c, &e);
		if (cases[i].to == NULL) {
			if (st != RG_INPUT)
				fail_msg("case %zu: %s from %s allowed", i,
					 warn_action_name(cases[i].a), cases[i].from);
			continue;
		}
		if (st != RG_OK)
			fail_msg("case %zu: %s from %s refused: %s", i,
				 warn_action_name(cases[i].a), cases[i].from, e.msg);
		assert_string_equal(c.status, cases[i].to);
	}
}

static void test_plan_messages(void **state)
{
	static const struct {
		warn_action a;
		const char *disposition, *status, *message;
	} cases[] = {
		{WARN_ACK, "风险提示", "解除",
		 "warning 5 is already released (解除); a recurrence is issued as a new warning "
		 "by the next run"},
		{WARN_RELEASE, "风险提示", "签收",
		 "warning 5 is 签收: it can be released only after its feedback (riskgrade "
		 "warning DB 5 feedback --by ... --note ...)"},
		{WARN_ACK, "风险提示", "反馈", "warning 5 is 反馈: ack (签收) is not possible from there"},
		{WARN_ESCALATE, "责令纠错", "发布",
		 "warning 5 is already 责令纠错, the severest disposition: it cannot be escalated "
		 "further"},
	};
	(void)state;

	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		warn_record w = record(cases[i].disposition, cases[i].status);
		warn_change c;
		rg_err e = {{0}};
		assert_int_equal(warn_plan(&w, cases[i].a, "2026-12-10", NULL, &c, &e), RG_INPUT);
		assert_string_equal(e.msg, cases[i].message);
	}
}

/* Escalation: one disposition severer; due as many days after the step as the warning
 * had from issue to due, at least one, unless a due date is given. */
static void test_plan_escalation(void **state)
{
	static const struct {
		const char *disposition, *issued_on, *due, *on, *given;
		const char *to, *new_due;
	} cases[] = {
		/* 30 days (12-01 to 12-31) after 12-10: 2027-01-09 */
		{"风险提示", "2026-12-01", "2026-12-31", "2026-12-10", NULL, "诫勉谈话", "2027-01-09"},
		/* 15 days (12-01 to 12-16) after 12-20: 2027-01-04 */
		{"诫勉谈话", "2026-12-01", "2026-12-16", "2026-12-20", NULL, "责令纠错", "2027-01-04"},
		/* issued on its due date: at least one day */
		{"风险提示", "2026-12-31", "2026-12-31", "2027-01-05", NULL, "诫勉谈话", "2027-01-06"},
		/* across February of a leap year: 2028-02-28 + 2 days */
		{"风险提示", "2026-12-01", "2026-12-03", "2028-02-28", NULL, "诫勉谈话", "2028-03-01"},
		/* a given due date is kept */
		{"风险提示", "2026-12-01", "2026-12-31", "2026-12-11", "2026-12-20", "诫勉谈话",
		 "2026-12-20"},
	};
	(void)state;

	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		warn_record w = record(cases[i].disposition, "签收");
		warn_change c;
		rg_err e = {{0}};
		snprintf(w.issued_on, sizeof w.issued_on, "%s", cases[i].issued_on);
		snprintf(w.due, sizeof w.due, "%s", cases[i].due);
		assert_int_equal(warn_plan(&w, WARN_ESCALATE, cases[i].on, cases[i].given, &c, &e),
				 RG_OK);
		assert_string_equal(c.status, "发布");
		assert_string_equal(c.disposition, cases[i].to);
		assert_string_equal(c.due, cases[i].new_due);
	}
}

/* A step other than escalate keeps the disposition and due date. */
static void test_plan_keeps(void **state)
{
	warn_record w = record("诫勉谈话", "发布");
	warn_change c;
	(void)state;

	assert_int_equal(warn_plan(&w, WARN_ACK, "2026-12-10", NULL, &c, NULL), RG_OK);
	assert_string_equal(c.disposition, "诫勉谈话");
	assert_string_equal(c.due, "2026-12-31");
}

/* ---- on a database --------------------------------------------------------------- */

typedef struct {
	char dir[64];
	char path[96];
	db *d;
	warn_book *b;
} fixture;

static int setup(void **state)
{
	fixture *f = calloc(1, sizeof *f);
	int applied;

	assert_non_null(f);
	strcpy(f->dir, "/tmp/rg-test-warn-XXXXXX");
	assert_non_null(mkdtemp(f->dir));
	snprintf(f->path, sizeof f->path, "%s/t.db", f->dir);
	assert_int_equal(db_init(f->path, &applied, NULL), RG_OK);
	assert_int_equal(db_open(f->path, &f->d, NULL), RG_OK);
	assert_int_equal(db_exec(f->d,
		"INSERT INTO agencies (code, name) VALUES ('T', '测试局');"
		"INSERT INTO persons (code, name, agency, role) VALUES ('P1', '张局长', 'T', '主要领导');"
		"INSERT INTO points (code, agency, level, category, manifestation)"
		" VALUES ('A1', 'T', '单位', '制度机制', '表现');"
		"INSERT INTO runs (as_of, engine_version, rules_dir, points, tier1, tier2, tier3,"
		" flags, warnings) VALUES ('2026-12-01', 't', 'r', 0, 0, 0, 0, 0, 0),"
		" ('2026-12-20', 't', 'r', 0, 0, 0, 0, 0, 0);", NULL), RG_OK);
	assert_int_equal(warn_open(f->d, &f->b, NULL), RG_OK);
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	fixture *f = *state;

	warn_close(f->b);
	db_close(f->d);
	unlink(f->path);
	rmdir(f->dir);
	free(f);
	return 0;
}

/* The first text column of the one row sql returns, into out[size]. */
static void query(db *d, const char *sql, char *out, size_t size)
{
	db_stmt *s = NULL;
	bool row;

	assert_int_equal(db_prepare(d, sql, &s, NULL), RG_OK);
	assert_int_equal(db_step(s, &row, NULL), RG_OK);
	assert_true(row);
	snprintf(out, size, "%s", db_col_text(s, 0));
	db_finalize(s);
}

#define ASSERT_QUERY(d, sql, want)                          \
	do {                                                \
		char got_[512];                             \
		query((d), (sql), got_, sizeof got_);       \
		assert_string_equal(got_, (want));          \
	} while (0)

static void test_follow_across_runs(void **state)
{
	fixture *f = *state;
	warn_notice n = {.reason = "新的属实风险信息", .disposition = "风险提示",
			 .responsible = "P1", .due = "2026-12-31", .text = "核查"};
	warn_outcome done;

	/* Run 1: nothing open, so it is issued. */
	assert_int_equal(warn_follow(f->b, 1, "2026-12-01", "A1", &n, &done, NULL), RG_OK);
	assert_int_equal(done, WARN_ISSUED);
	/* Run 2 asks for the same again: only seen. */
	assert_int_equal(warn_follow(f->b, 2, "2026-12-20", "A1", &n, &done, NULL), RG_OK);
	assert_int_equal(done, WARN_SEEN);
	/* Then severer: the open warning is issued again, not a second one. */
	n.disposition = "责令纠错";
	n.due = "2027-01-19";
	assert_int_equal(warn_follow(f->b, 2, "2026-12-20", "A1", &n, &done, NULL), RG_OK);
	assert_int_equal(done, WARN_ESCALATED);
	/* Then milder again: seen, the disposition stays. */
	n.disposition = "诫勉谈话";
	assert_int_equal(warn_follow(f->b, 2, "2026-12-20", "A1", &n, &done, NULL), RG_OK);
	assert_int_equal(done, WARN_SEEN);

	ASSERT_QUERY(f->d, "SELECT count(*) || '|' || group_concat(id) FROM warnings", "1|1");
	ASSERT_QUERY(f->d, "SELECT disposition || '|' || due || '|' || issued_on || '|' ||"
		     " seen_run || '|' || status FROM warnings",
		     "责令纠错|2027-01-19|2026-12-20|2|发布");
	ASSERT_QUERY(f->d, "SELECT group_concat(action || ',' || on_date || ',' || run || ','"
		     " || disposition || ',' || note, ';') FROM"
		     " (SELECT * FROM warning_events ORDER BY id)",
		     "发布,2026-12-01,1,风险提示,新的属实风险信息;"
		     "加重升级,2026-12-20,2,责令纠错,情况加重：处置方式由风险提示升为责令纠错");
}

static void test_escalate_overdue(void **state)
{
	fixture *f = *state;
	warn_notice mild = {.reason = "甲", .disposition = "风险提示", .due = "2026-12-11",
			    .text = "t"};
	warn_notice severe = {.reason = "乙", .disposition = "责令纠错", .due = "2026-12-11",
			      .text = "t"};
	warn_notice later = {.reason = "丙", .disposition = "风险提示", .due = "2026-12-31",
			     .text = "t"};
	warn_outcome done;
	long n = 0;

	assert_int_equal(warn_follow(f->b, 1, "2026-12-01", "A1", &mild, &done, NULL), RG_OK);
	assert_int_equal(warn_follow(f->b, 1, "2026-12-01", "A1", &severe, &done, NULL), RG_OK);
	assert_int_equal(warn_follow(f->b, 1, "2026-12-01", "A1", &later, &done, NULL), RG_OK);
	/* As of 12-20: 甲 is overdue and goes one step up, due 10 days later (its period);
	 * 乙 is overdue but already the severest; 丙 is not due yet. */
	assert_int_equal(warn_escalate_overdue(f->b, 2, "2026-12-20", NULL, &n, NULL), RG_OK);
	assert_int_equal(n, 1);
	ASSERT_QUERY(f->d, "SELECT group_concat(reason || ',' || disposition || ',' || due, ';')"
		     " FROM (SELECT * FROM warnings ORDER BY id)",
		     "甲,诫勉谈话,2026-12-30;乙,责令纠错,2026-12-11;丙,风险提示,2026-12-31");
	ASSERT_QUERY(f->d, "SELECT action || ',' || run || ',' || note FROM warning_events"
		     " ORDER BY id DESC LIMIT 1",
		     "逾期升级,2,逾期未办结（完成时限2026-12-11）：处置方式由风险提示升为诫勉谈话");
	/* An agency with no points has nothing overdue. */
	assert_int_equal(db_exec(f->d, "INSERT INTO agencies (code, name) VALUES ('U', '乙局')",
				 NULL), RG_OK);
	assert_int_equal(warn_escalate_overdue(f->b, 2, "2027-06-01", "U", &n, NULL), RG_OK);
	assert_int_equal(n, 1);
}

/* An overdue warning that was signed for (签收) is issued again (发布) as it goes up;
 * one still 发布 stays so, its other columns changed alike (two statements in warn.c). */
static void test_escalate_overdue_signed(void **state)
{
	fixture *f = *state;
	warn_notice signed_for = {.reason = "甲", .disposition = "风险提示", .due = "2026-12-11",
				  .text = "t"};
	warn_notice issued = {.reason = "乙", .disposition = "风险提示", .due = "2026-12-11",
			      .text = "t"};
	warn_outcome done;
	long n = 0;

	assert_int_equal(warn_follow(f->b, 1, "2026-12-01", "A1", &signed_for, &done, NULL),
			 RG_OK);
	assert_int_equal(warn_follow(f->b, 1, "2026-12-01", "A1", &issued, &done, NULL), RG_OK);
	assert_int_equal(db_exec(f->d, "UPDATE warnings SET status = '签收' WHERE reason = '甲'",
				 NULL), RG_OK);
	/* Both overdue as of 12-20: one step up, due 10 days later, issued on 12-20. */
	assert_int_equal(warn_escalate_overdue(f->b, 2, "2026-12-20", NULL, &n, NULL), RG_OK);
	assert_int_equal(n, 2);
	ASSERT_QUERY(f->d, "SELECT group_concat(reason || ',' || disposition || ',' || due || ','"
		     " || issued_on || ',' || status, ';') FROM (SELECT * FROM warnings ORDER BY id)",
		     "甲,诫勉谈话,2026-12-30,2026-12-20,发布;乙,诫勉谈话,2026-12-30,2026-12-20,发布");
	/* The open-warning index still finds both: the next run sees them, issues none. */
	assert_int_equal(warn_follow(f->b, 2, "2026-12-20", "A1", &signed_for, &done, NULL),
			 RG_OK);
	assert_int_equal(done, WARN_SEEN);
	assert_int_equal(warn_follow(f->b, 2, "2026-12-20", "A1", &issued, &done, NULL), RG_OK);
	assert_int_equal(done, WARN_SEEN);
	ASSERT_QUERY(f->d, "SELECT count(*) FROM warnings", "2");
}

/*
 * A run escalates its overdue warnings in SQL (warn.c: OVERDUE, NEW_DUE); a step by hand
 * in C (next_step, through warn_plan).  Both say the same rule: for warnings of every
 * disposition and every kind of period (30 days, none, negative, a date of issue that is
 * missing or no date), the run's result is what warn_plan gives for the same warning on
 * the same day.  The periods are worked out in the comments: the two must agree with
 * them as well as with each other.
 */
static void test_escalate_overdue_as_by_hand(void **state)
{
	static const struct {
		const char *disposition, *issued_on, *due, *want_disposition, *want_due;
	} cases[] = {
		{"风险提示", "2026-12-01", "2026-12-31", "诫勉谈话", "2027-01-31"}, /* 30 days */
		{"诫勉谈话", "2026-12-01", "2026-12-31", "责令纠错", "2027-01-31"},
		{"责令纠错", "2026-12-01", "2026-12-31", "责令纠错", "2026-12-31"}, /* severest */
		{"风险提示", "2026-12-31", "2026-12-31", "诫勉谈话", "2027-01-02"}, /* 0: 1 */
		{"风险提示", "2027-01-05", "2026-12-31", "诫勉谈话", "2027-01-02"}, /* < 0: 1 */
		{"风险提示", NULL, "2026-12-31", "诫勉谈话", "2027-01-02"},         /* none: 1 */
		{"风险提示", "今天", "2026-12-31", "诫勉谈话", "2027-01-02"},       /* no date: 1 */
		{"风险提示", "2024-02-28", "2024-03-01", "诫勉谈话", "2027-01-03"}, /* leap: 2 */
		{"风险提示", "2026-12-01", "2027-01-01", "风险提示", "2027-01-01"}, /* not due */
	};
	fixture *f = *state;
	enum { N = sizeof cases / sizeof cases[0] };
	warn_record before[N] = {{0}};
	long n = 0, want_n = 0;

	for (size_t i = 0; i < N; i++) {
		char reason[16], sql[256];
		warn_notice notice = {.reason = reason, .disposition = cases[i].disposition,
				      .due = cases[i].due, .text = "t"};
		warn_outcome done;
		snprintf(reason, sizeof reason, "理由%zu", i);
		assert_int_equal(warn_follow(f->b, 1, "2026-12-01", "A1", &notice, &done, NULL),
				 RG_OK);
		snprintf(sql, sizeof sql, "UPDATE warnings SET issued_on = %s%s%s WHERE id = %zu",
			 cases[i].issued_on ? "'" : "", cases[i].issued_on ? cases[i].issued_on
			 : "NULL", cases[i].issued_on ? "'" : "", i + 1);
		assert_int_equal(db_exec(f->d, sql, NULL), RG_OK);
		assert_int_equal(warn_load(f->b, (long)i + 1, &before[i], NULL), RG_OK);
		want_n += strcmp(cases[i].want_disposition, cases[i].disposition) != 0;
	}
	assert_int_equal(warn_escalate_overdue(f->b, 2, "2027-01-01", NULL, &n, NULL), RG_OK);
	assert_int_equal(n, want_n);
	for (size_t i = 0; i < N; i++) {
		char sql[128], want[128];
		warn_change c;
		snprintf(sql, sizeof sql, "SELECT disposition || '|' || due FROM warnings"
			 " WHERE id = %zu", i + 1);
		snprintf(want, sizeof want, "%s|%s", cases[i].want_disposition, cases[i].want_due);
		ASSERT_QUERY(f->d, sql, want);
		if (strcmp(cases[i].want_disposition, cases[i].disposition) == 0 ||
		    strcmp(cases[i].due, "2027-01-01") >= 0) {
			warn_record_free(&before[i]);
			continue; /* not escalated: warn_plan would refuse the severest */
		}
		assert_int_equal(warn_plan(&before[i], WARN_ESCALATE, "2027-01-01", NULL, &c, NULL),
				 RG_OK);
		snprintf(want, sizeof want, "%s|%s", c.disposition, c.due);
		ASSERT_QUERY(f->d, sql, want);
		warn_record_free(&before[i]);
	}
}

/* A new due date past 9999-12-31 stops the run before anything is written, naming the
 * warning.  From 9000-01-02 to 9999-12-31 is 365,240 days: a warning issued 8000-01-03,
 * due 9000-01-01, has a period of 365,241 days and cannot go up as of 9000-01-02; issued
 * a day later, it can, due 9999-12-31. */
static void test_escalate_overdue_past_9999(void **state)
{
	fixture *f = *state;
	warn_notice far = {.reason = "甲", .disposition = "风险提示", .due = "9000-01-01",
			   .text = "t"};
	warn_outcome done;
	rg_err e = {{0}};
	long n = 0;

	assert_int_equal(warn_follow(f->b, 1, "2026-12-01", "A1", &far, &done, NULL), RG_OK);
	assert_int_equal(db_exec(f->d, "UPDATE warnings SET issued_on = '8000-01-03'", NULL),
			 RG_OK);
	assert_int_equal(warn_escalate_overdue(f->b, 2, "9000-01-02", NULL, &n, &e), RG_USAGE);
	assert_string_equal(e.msg, "--as-of 9000-01-02: warning 1's new due date would be past "
			    "9999-12-31");
	assert_int_equal(n, 0);
	ASSERT_QUERY(f->d, "SELECT count(*) || '|' || (SELECT disposition || due FROM warnings)"
		     " FROM warning_events", "1|风险提示9000-01-01");
	assert_int_equal(db_exec(f->d, "UPDATE warnings SET issued_on = '8000-01-04'", NULL),
			 RG_OK);
	assert_int_equal(warn_escalate_overdue(f->b, 2, "9000-01-02", NULL, &n, NULL), RG_OK);
	assert_int_equal(n, 1);
	ASSERT_QUERY(f->d, "SELECT disposition || due FROM warnings", "诫勉谈话9999-12-31");
}

/* The notice's own mistakes are RG_INPUT naming the field; a storage failure, even one a
 * trigger raises as a constraint, stays RG_DB naming the point. */
static void test_follow_failures(void **state)
{
	fixture *f = *state;
	warn_notice n = {.reason = "甲", .disposition = "风险提示", .responsible = "P9",
			 .due = "2026-12-31", .text = "t"};
	warn_outcome done;
	rg_err e = {{0}};

	assert_int_equal(warn_follow(f->b, 1, "2026-12-01", "A1", &n, &done, &e), RG_INPUT);
	assert_string_equal(e.msg, "responsible \"P9\" is not a person's code: FOREIGN KEY "
			    "constraint failed");
	n.responsible = "P1";
	n.reason = "";
	assert_int_equal(warn_follow(f->b, 1, "2026-12-01", "A1", &n, &done, &e), RG_INPUT);
	assert_string_equal(e.msg, "reason must not be empty: CHECK constraint failed: "
			    "reason <> ''");
	n.reason = "甲";
	assert_int_equal(db_exec(f->d, "CREATE TRIGGER fail BEFORE INSERT ON warnings BEGIN"
				 " SELECT RAISE(ABORT, 'disk I/O error'); END", NULL), RG_OK);
	assert_int_equal(warn_follow(f->b, 1, "2026-12-01", "A1", &n, &done, &e), RG_DB);
	assert_string_equal(e.msg, "point A1: cannot store the warning: disk I/O error");
	ASSERT_QUERY(f->d, "SELECT count(*) FROM warnings", "0");
}

/* A step by hand: the warning, its event and the audit log, or nothing at all. */
static void test_apply(void **state)
{
	fixture *f = *state;
	warn_notice n = {.reason = "甲", .disposition = "风险提示", .due = "2026-12-31",
			 .text = "t"};
	warn_outcome done;
	warn_record w = {0};
	warn_change c;
	rg_err e = {{0}};

	assert_int_equal(warn_follow(f->b, 1, "2026-12-01", "A1", &n, &done, NULL), RG_OK);
	assert_int_equal(warn_load(f->b, 1, &w, NULL), RG_OK);
	assert_string_equal(w.issued_on, "2026-12-01");
	assert_int_equal(warn_plan(&w, WARN_ESCALATE, "2026-12-10", NULL, &c, NULL), RG_OK);
	assert_int_equal(warn_apply(f->b, &w, &c, "P1", "2026-12-10", "拒不整改",
				    "2026-12-10T08:00:00Z", NULL), RG_OK);
	ASSERT_QUERY(f->d, "SELECT disposition || '|' || due || '|' || issued_on || '|' ||"
		     " status FROM warnings", "诫勉谈话|2027-01-09|2026-12-10|发布");
	ASSERT_QUERY(f->d, "SELECT action || '|' || by || '|' || status || '|' || note FROM"
		     " warning_events ORDER BY id DESC LIMIT 1", "升级|P1|发布|拒不整改");
	ASSERT_QUERY(f->d, "SELECT action || '|' || actor FROM audit ORDER BY seq DESC"
		     " LIMIT 1", "warning escalate|P1");

	assert_int_equal(warn_load(f->b, 1, &w, NULL), RG_OK);
	assert_int_equal(warn_plan(&w, WARN_ACK, "2026-12-11", NULL, &c, NULL), RG_OK);
	assert_int_equal(db_exec(f->d, "CREATE TRIGGER fail BEFORE INSERT ON warning_events"
				 " BEGIN SELECT RAISE(ABORT, 'disk I/O error'); END", NULL), RG_OK);
	assert_int_equal(warn_apply(f->b, &w, &c, "P1", "2026-12-11", "已签收",
				    "2026-12-11T08:00:00Z", &e), RG_DB);
	assert_string_equal(e.msg, "point A1: cannot store the warning event: disk I/O error");
	ASSERT_QUERY(f->d, "SELECT status FROM warnings", "发布");
	assert_int_equal(warn_load(f->b, 2, &w, &e), RG_INPUT);
	warn_record_free(&w);
}

/* Escalated by hand from a record read before another user's step (签收 here, taken
 * between the load and the step's transaction): the warning is 发布 again, as its event
 * says. */
static void test_apply_escalate_stale(void **state)
{
	fixture *f = *state;
	warn_notice n = {.reason = "甲", .disposition = "风险提示", .due = "2026-12-31",
			 .text = "t"};
	warn_outcome done;
	warn_record w = {0};
	warn_change c;

	assert_int_equal(warn_follow(f->b, 1, "2026-12-01", "A1", &n, &done, NULL), RG_OK);
	assert_int_equal(warn_load(f->b, 1, &w, NULL), RG_OK);
	assert_string_equal(w.status, "发布");
	assert_int_equal(db_exec(f->d, "UPDATE warnings SET status = '签收'", NULL), RG_OK);
	assert_int_equal(warn_plan(&w, WARN_ESCALATE, "2026-12-10", NULL, &c, NULL), RG_OK);
	assert_int_equal(warn_apply(f->b, &w, &c, "P1", "2026-12-10", "拒不整改",
				    "2026-12-10T08:00:00Z", NULL), RG_OK);
	ASSERT_QUERY(f->d, "SELECT disposition || '|' || status FROM warnings", "诫勉谈话|发布");
	ASSERT_QUERY(f->d, "SELECT status FROM warning_events ORDER BY id DESC LIMIT 1", "发布");
	warn_record_free(&w);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_action_names),
		cmocka_unit_test(test_plan_transitions),
		cmocka_unit_test(test_plan_messages),
		cmocka_unit_test(test_plan_escalation),
		cmocka_unit_test(test_plan_keeps),
		cmocka_unit_test_setup_teardown(test_follow_across_runs, setup, teardown),
		cmocka_unit_test_setup_teardown(test_escalate_overdue, setup, teardown),
		cmocka_unit_test_setup_teardown(test_escalate_overdue_signed, setup, teardown),
		cmocka_unit_test_setup_teardown(test_escalate_overdue_as_by_hand, setup, teardown),
		cmocka_unit_test_setup_teardown(test_escalate_overdue_past_9999, setup, teardown),
		cmocka_unit_test_setup_teardown(test_follow_failures, setup, teardown),
		cmocka_unit_test_setup_teardown(test_apply, setup, teardown),
		cmocka_unit_test_setup_teardown(test_apply_escalate_stale, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}

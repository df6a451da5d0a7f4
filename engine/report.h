/*
 * report.h: the figures of the review meeting's report on one run, read from the
 * database: the run and its rule packs, the totals, the tiers per agency, the likelihood
 * × harm matrix, the open re-grading flags, the warnings and the overdue ones, the points
 * whose tier changed since the previous run, and the top risks.  Only queries: page.c
 * lays the figures out.  Lists are read a row at a time, and the counts over the whole
 * run hold an entry per agency, level and flag reason, so a large run is never held in
 * memory.  Depends on db.h, date.h, lookup.h (the agency scope), status.h, vocab.h.
 */
#ifndef RG_REPORT_H
#define RG_REPORT_H

#include <stdbool.h>

#include "date.h"
#include "db.h"
#include "status.h"
#include "vocab.h"

/* The factors' scale: likelihood and harm are each graded 1 to REPORT_SCALE. */
#define REPORT_SCALE 5
/* The top risks: the points of the highest scores, at most this many. */
#define REPORT_TOP_N 10

/* What a report is about: set by the command, read by every query. */
typedef struct {
	db *d;              /* the database (only read) */
	const char *agency; /* --agency: the unit whose subtree is reported, or NULL: all */
	long run;           /* the run reported on */
	const char *as_of;  /* YYYY-MM-DD: open warnings due before it are overdue */
	long prev;          /* the run before it, set by report_prev (0: none, or not yet) */
} report;

/* An agency's points in the run, per tier. */
typedef struct {
	char *code;             /* the agency's code */
	char *name;             /* its name */
	long tier[VOCAB_TIERS]; /* its points per tier */
	long total;             /* all its points */
} report_agency;

/* The points of one tier that a method gave one level of its own. */
typedef struct {
	int tier;    /* the tier, an index of vocab_tier */
	char *level; /* the level */
	long count;  /* the points of the run in scope with both */
} report_level;

/* A reason of the run's open flags (not cleared by an approval), and how many. */
typedef struct {
	char *code;  /* the flag's code (measure_failed and the like) */
	char *label; /* its reason, in Chinese */
	long count;  /* open flags with them */
} report_reason;

/* The figures counted over the whole run in scope: the header's totals, the tiers per
 * agency, the matrix, the levels, the flags by reason, the warnings by status and the
 * points of the highest scores.  Read in one pass over each of the run's grades, its
 * flags and the warnings up to it (report_totals_read), not a pass a figure; the strings
 * and arrays are the totals' own (report_totals_free). */
typedef struct {
	long points;               /* points of the run in scope */
	long tier[VOCAB_TIERS];    /* of them, per tier (vocab_tier's order) */
	long flags_open;           /* flags not cleared by an approval */
	long flagged;              /* the points with an open flag: the flagged list's rows */
	long flags_cleared;        /* flags of the run cleared by an approval */
	long overdue;              /* overdue warnings up to the run */
	long warnings[VOCAB_STATUSES]; /* warnings up to the run per status (vocab_status) */
	/* points at each likelihood and harm: cell[(likelihood - 1) * REPORT_SCALE +
	 * harm - 1], row by likelihood, 1 first */
	long cell[REPORT_SCALE * REPORT_SCALE];
	report_agency *agencies;   /* the agencies with points in the run, by code */
	long nagencies;
	report_level *levels;      /* tier by tier, the most frequent first, then by level */
	long nlevels;
	report_reason *reasons;    /* the most frequent first, then by code and reason */
	long nreasons;
	/* the points of the highest scores, the highest first, then by code: the rows of
	 * the top risks (report_open_top) */
	char *top[REPORT_TOP_N];           /* their codes */
	double top_score[REPORT_TOP_N];    /* their scores */
	int ntop;                          /* how many: REPORT_TOP_N, or every point of fewer */
} report_totals;

/* The lists of the report, each read through a report_list with its own row type. */
typedef enum {
	REPORT_RUN,            /* one row, report_next_run: the run and the scopes */
	REPORT_PACKS,          /* report_next_pack: the run's rule packs, by name */
	REPORT_FLAGGED,        /* report_next_point: the points with open flags, by code */
	REPORT_OVERDUE,        /* report_next_overdue: overdue warnings, by due date */
	REPORT_CHANGES,        /* report_next_change: tier changes since report.prev */
	REPORT_TOP             /* report_next_point: the highest scores (report_open_top) */
} report_kind;

/* A list being read.  Zero-initialise; use only through the functions below. */
typedef struct {
	db_stmt *s;       /* the running query, NULL when closed */
	report_kind kind; /* which list */
} report_list;

/* Rows.  Strings are borrowed from the list: valid until its next row, rewind or close;
 * NULL for a value the database does not have. */
typedef struct {
	const char *as_of;       /* the run's as-of date */
	const char *created_at;  /* when it was recorded */
	const char *actor;       /* who ran it */
	const char *scope;       /* the agency the run was limited to; NULL: all */
	const char *scope_name;  /* that agency's name */
	const char *agency_name; /* the name of report.agency (NULL without one) */
} report_run_row;

typedef struct {
	const char *pack;   /* its name */
	const char *path;   /* the file it was loaded from */
	const char *parent; /* the pack it inherits from; NULL: none */
	const char *sha256; /* the file's SHA-256, in hex */
} report_pack_row;

typedef struct {
	const char *point;  /* the point's code */
	const char *agency; /* its agency's name */
	const char *post;   /* its post's name */
	const char *tier;   /* its tier in the run */
	const char *level;  /* the method's own level for it, or NULL */
	double score;       /* its score in the run */
	const char *note;   /* flagged: the open flags' reasons; top: the manifestation */
	const char *facts;  /* top: the facts the agency declared for it, its power and post,
			     * "label value；…", or NULL (flagged: always NULL) */
} report_point_row;

typedef struct {
	long id;                 /* the warning's number */
	const char *point;       /* the point's code */
	const char *agency;      /* its agency's name */
	const char *reason;      /* why it was issued */
	const char *disposition; /* what was ordered */
	const char *responsible; /* the person's name, "（未指定）" when none */
	const char *due;         /* the due date */
	const char *status;      /* 发布 or 签收 */
	long days_late;          /* days from the due date to report.as_of */
} report_overdue_row;

typedef struct {
	const char *point;  /* the point's code */
	const char *agency; /* its agency's name */
	const char *post;   /* its post's name */
	const char *from;   /* its tier in the previous run */
	const char *to;     /* its tier now */
	double from_score;  /* its score in the previous run */
	double to_score;    /* its score now */
	bool up;            /* the tier rose (toward 一级); else it fell */
} report_change_row;

/*
 * report_totals_read: the figures of r's run counted over the whole run in scope into *t
 * (see report_totals), in one pass over its grades, one over its flags and one over the
 * warnings up to it.  RG_DB with the figure being read put before the database's message
 * ("report: the flags by reason: ..."); RG_IO when memory runs out.  *t is to be freed with
 * report_totals_free, whatever the result.
 */
rg_status report_totals_read(const report *r, report_totals *t, rg_err *e);

/* report_totals_free: free what t holds and zero it; a zero t is allowed. */
void report_totals_free(report_totals *t);

/* report_has_facts: whether the agency declared facts of its own (fact_definitions), into
 * *has: the top risks then show them.  RG_DB as report_totals_read. */
rg_status report_has_facts(const report *r, bool *has, rg_err *e);

/*
 * report_prev: find the run before r->run (the highest id below it) and set r->prev to
 * it, its as-of date into as_of (empty if unknown) and *found to true; when there is
 * none, r->prev is 0 and *found false.  Call before opening REPORT_CHANGES.  RG_DB as
 * report_totals_read.
 */
rg_status report_prev(report *r, bool *found, char as_of[DATE_BUF], rg_err *e);

/*
 * report_open: start reading the list kind of r into l (zero-initialised or closed), any
 * kind but REPORT_TOP (report_open_top).  The list holds r's values as they are now.
 * Close it with report_close.  RG_DB as report_totals_read, l left closed.
 */
rg_status report_open(const report *r, report_kind kind, report_list *l, rg_err *e);

/*
 * report_open_top: report_open for REPORT_TOP: the points t->top (t as
 * report_totals_read counted r's run) with their details, in t->top's order.  RG_DB as
 * report_open, l left closed.
 */
rg_status report_open_top(const report *r, const report_totals *t, report_list *l,
			  rg_err *e);

/* report_close: free what l holds; a closed or zero list is allowed. */
void report_close(report_list *l);

/*
 * report_next_*: the next row of l into *row and *got true, or *got false at the end.
 * Each is for the kinds named at report_kind (checked by assert).  RG_DB as
 * report_totals_read, with *got false.
 */
rg_status report_next_run(report_list *l, report_run_row *row, bool *got, rg_err *e);
rg_status report_next_pack(report_list *l, report_pack_row *row, bool *got, rg_err *e);
rg_status report_next_point(report_list *l, report_point_row *row, bool *got, rg_err *e);
rg_status report_next_overdue(report_list *l, report_overdue_row *row, bool *got, rg_err *e);
rg_status report_next_change(report_list *l, report_change_row *row, bool *got, rg_err *e);

#endif

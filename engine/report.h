/*
 * report.h: the figures of the review meeting's report on one run, read from the
 * database: the run and its rule packs, the totals, the tiers per agency, the likelihood
 * × harm matrix, the open re-grading flags, the warnings and the overdue ones, the points
 * whose tier changed since the previous run, and the top risks.  Only queries: page.c
 * lays the figures out.  Lists are read a row at a time, so a large run is never held
 * in memory.  Depends on db.h, date.h, lookup.h (the agency scope), status.h, vocab.h.
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

/* What a report is about: set by the command, read by every query. */
typedef struct {
	db *d;              /* the database (only read) */
	const char *agency; /* --agency: the unit whose subtree is reported, or NULL: all */
	long run;           /* the run reported on */
	const char *as_of;  /* YYYY-MM-DD: open warnings due before it are overdue */
	long prev;          /* the run before it, set by report_prev (0: none, or not yet) */
} report;

/* The totals the report's header states. */
typedef struct {
	long points;               /* points of the run in scope */
	long tier[VOCAB_TIERS];    /* of them, per tier (vocab_tier's order) */
	long flags_open;           /* flags not cleared by an approval */
	long flagged;              /* the points they concern */
	long flags_cleared;        /* flags of the run cleared by an approval */
	long overdue;              /* overdue warnings up to the run */
} report_totals;

/* The lists of the report, each read through a report_list with its own row type. */
typedef enum {
	REPORT_RUN,            /* one row, report_next_run: the run and the scopes */
	REPORT_PACKS,          /* report_next_pack: the run's rule packs, by name */
	REPORT_AGENCIES,       /* report_next_agency: tiers per agency, by code */
	REPORT_FLAG_COUNTS,    /* report_next_count: open flags per reason, most first */
	REPORT_FLAGGED,        /* report_next_point: the points with open flags, by code */
	REPORT_WARNING_COUNTS, /* report_next_count: warnings up to the run per status */
	REPORT_OVERDUE,        /* report_next_overdue: overdue warnings, by due date */
	REPORT_CHANGES,        /* report_next_change: tier changes since report.prev */
	REPORT_TOP,            /* report_next_point: the ten highest scores */
	REPORT_LEVELS          /* report_next_level: the method's own levels within each tier
				* (points without a level left out), tier by tier */
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
	const char *code;        /* the agency's code */
	const char *name;        /* its name */
	long tier[VOCAB_TIERS];  /* its points per tier */
	long total;              /* all its points */
} report_agency_row;

typedef struct {
	const char *key;   /* a flag's code, or a warning status */
	const char *label; /* a flag's reason (NULL for a status) */
	long count;        /* how many */
} report_count_row;

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
	const char *tier;  /* 一级, 二级 or 三级 */
	const char *level; /* a level the method gave within it */
	long count;        /* the points of the run in scope with both */
} report_level_row;

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
 * report_totals_read: the header's totals of r's run into *t: points per tier, open and
 * cleared flags and the points they concern, overdue warnings.  RG_DB with the figure
 * being read put before the database's message ("report: the flags: ...").
 */
rg_status report_totals_read(const report *r, report_totals *t, rg_err *e);

/*
 * report_matrix: the number of points of the run in scope at each likelihood and harm,
 * into cell[(likelihood - 1) * REPORT_SCALE + harm - 1] (row by likelihood, 1 first).
 * RG_DB as report_totals_read.
 */
rg_status report_matrix(const report *r, long cell[REPORT_SCALE * REPORT_SCALE], rg_err *e);

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
 * report_open: start reading the list kind of r into l (zero-initialised or closed).
 * The list holds r's values as they are now.  Close it with report_close.  RG_DB as
 * report_totals_read, l left closed.
 */
rg_status report_open(const report *r, report_kind kind, report_list *l, rg_err *e);

/* report_rewind: read l again from its first row. */
void report_rewind(report_list *l);

/* report_close: free what l holds; a closed or zero list is allowed. */
void report_close(report_list *l);

/*
 * report_next_*: the next row of l into *row and *got true, or *got false at the end.
 * Each is for the kinds named at report_kind (checked by assert).  RG_DB as
 * report_totals_read, with *got false.
 */
rg_status report_next_run(report_list *l, report_run_row *row, bool *got, rg_err *e);
rg_status report_next_pack(report_list *l, report_pack_row *row, bool *got, rg_err *e);
rg_status report_next_agency(report_list *l, report_agency_row *row, bool *got, rg_err *e);
rg_status report_next_count(report_list *l, report_count_row *row, bool *got, rg_err *e);
rg_status report_next_point(report_list *l, report_point_row *row, bool *got, rg_err *e);
rg_status report_next_overdue(report_list *l, report_overdue_row *row, bool *got, rg_err *e);
rg_status report_next_change(report_list *l, report_change_row *row, bool *got, rg_err *e);
rg_status report_next_level(report_list *l, report_level_row *row, bool *got, rg_err *e);

#endif

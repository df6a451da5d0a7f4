/*
 * grade.h: the batch run.  Grades every risk point in scope with the rule packs, stores
 * the grades, flags and warnings, follows the warnings across runs and records the run,
 * all in one transaction.  Printing what a run did is the caller's.
 * Depends on db.h, vocab.h, status.h.
 */
#ifndef RG_GRADE_H
#define RG_GRADE_H

#include <stdbool.h>

#include "db.h"
#include "status.h"
#include "vocab.h"

/* The most threads a run may grade in (--jobs). */
#define GRADE_JOBS_MAX 64

/* What to grade and how. */
typedef struct {
	const char *dir;   /* the rule pack folder */
	const char *as_of; /* YYYY-MM-DD the grading is as of */
	const char *scope; /* an agency code (grades it and the units under it), NULL for all */
	const char *actor; /* who runs it, for runs.actor and the audit log */
	const char *now;   /* when, UTC in date_now's format, for runs.created_at and the log */
	bool trace;        /* also record the pack line each reason came from (--trace);
			    * grades every point, as regrade_all */
	bool regrade_all;  /* grade every point, even one whose stored result its pack
			    * promised still holds (reuse.h; --regrade-all) */
	int jobs;          /* how many threads run the packs (--jobs); 1 (or less): the
			    * calling thread does, as it reads and stores every point anyway */
	bool dry_run;      /* record the run but do not commit it: on success the run's
			    * transaction is left open for the caller to read what the run
			    * would record, then undo with db_rollback() (--dry-run); no audit
			    * log entry is made, nor its results hashed for one */
} grade_options;

/* What a run did in one agency: a row of the summary. */
typedef struct {
	const char *code;        /* the agency's code */
	long tiers[VOCAB_TIERS]; /* its points per tier: tiers[0] 一级 */
	long points;             /* its points graded */
	long flagged;            /* of them, with at least one flag */
	long warnings;           /* its warnings the run asked for: issued, seen again or
				  * severer (each warning once) */
} grade_agency;

/* What a run did. */
typedef struct {
	long run;                /* the id of the run recorded */
	long points;             /* points graded */
	long tiers[VOCAB_TIERS]; /* of them, per tier: tiers[0] 一级 */
	long flags;              /* flags raised */
	long flagged;            /* points with at least one flag */
	long warnings;           /* warnings the packs asked for: issued, seen again or severer */
	long warnings_new;       /* of them, issued for the first time */
	long escalated;          /* warnings escalated: severer by the pack, or overdue */
	grade_agency *agencies;  /* per agency with points graded, in code order (owned:
				  * grade_results_free) */
	int nagencies;           /* how many */
} grade_results;

/*
 * grade_run: grade the points of opt->scope in d (open; the caller closes it) with the
 * packs of opt->dir, as of opt->as_of, in opt->jobs threads (the database and every
 * message are the same whatever their number), and record it as a new run: grades, flags,
 * warnings followed and overdue ones escalated, the packs used, and an audit log entry
 * (none with opt->dry_run), all in one transaction (left open with opt->dry_run, see
 * grade_options).  Shows a progress bar on a terminal.  Fills *res, to be freed with
 * grade_results_free() even on failure.  On failure nothing is written, no transaction
 * is left open and *res is unspecified: RG_RULE naming the pack file, the point and the
 * field when a pack fails or returns something wrong or unstorable (a repeated flag
 * code, an unknown responsible person); RG_IO if a pack cannot be read (or changed while
 * the run started its threads), or a thread cannot be started; RG_DB with SQLite's
 * message and the point's code when storing fails.  With several failing points, the
 * first in code order is reported, whatever opt->jobs.
 */
rg_status grade_run(db *d, const grade_options *opt, grade_results *res, rg_err *e);

/* grade_results_free: free what grade_run() allocated in res (its agencies). */
void grade_results_free(grade_results *res);

#endif

/*
 * audit.h: the audit log, a hash chain of every human action on a riskgrade database
 * (imports, grading runs, approvals, warning transitions).  Each entry's hash covers its
 * fields and the hash of the entry before it, so an edited, inserted or deleted entry
 * breaks the chain where it happened; each entry also records a digest of the state its
 * action left, so records changed behind riskgrade's back no longer match their entry.
 * audit_verify finds and names both, and cross-checks the log with the runs, approvals
 * and warning events it records.
 * Depends on db.h, sha.h, status.h.
 */
#ifndef RG_AUDIT_H
#define RG_AUDIT_H

#include "db.h"
#include "sha.h"
#include "status.h"

/* The prev of the first entry. */
#define AUDIT_GENESIS "0000000000000000000000000000000000000000000000000000000000000000"

/*
 * audit_hash: the hash of an entry with these fields, as 64 hex digits in out.  Each
 * field is hashed with its length in front, so no choice of contents can make two
 * different entries hash alike by moving text from one field to the next.
 */
void audit_hash(const char *at, const char *actor, const char *action, const char *subject,
		const char *detail, const char *prev, char out[SHA_HEX]);

/* Room for audit_state's text, NUL included. */
#define AUDIT_STATE_MAX 512

/*
 * audit_state: the state that the action on subject has left in d, as the entry records
 * it, into out (size bytes, AUDIT_STATE_MAX is enough); "" for an action no state is
 * defined for.  The state is a list of parts, "run 1 9f3c…, grades 12 41d0…, flags 0":
 * each part's name, its number of rows and, when it has rows, the first 32 hex digits
 * (128 bits) of the SHA-256 of its rows.  What each action leaves:
 *   grade run:N       run (the run's as-of, scope, traced, rules and counts; the packs it
 *                     used), grades (every column — the national factors a method
 *                     leaves out, a level and own factors it does not give are NULL and
 *                     so not part of the digest — score as %.17g, in point order; the
 *                     traces of a --trace run), flags (point, code, label, evidence),
 *                     warnings (id, point, reason of those it issued), events (the
 *                     warning events it recorded, every column)
 *   approve approval:N  approval (the approval row), cleared (the flags it cleared),
 *                     approved (every point's code, approved_tier, approved_on and
 *                     last_graded: what approvals and imports of points write)
 *   warning * warning_event:N  event (the event row: the warning's status, disposition
 *                     and due date after the step), warning (its id, point, reason)
 *   import table:T    rows (every row, every column; for points all but approved_tier,
 *                     approved_on and last_graded, which approvals write too; for points,
 *                     powers and posts followed by the declared facts of their rows,
 *                     point_facts, power_facts or post_facts, when it has any), and for
 *                     points approved, as for an approval
 * A part's digest is the SHA-256 of fields in audit_hash's format ("LENGTH:TEXT\n"): the
 * part's name, then per row "#" and, for each column that is not NULL, its name and its
 * value tagged by type ("i" and the integer, "r" and the real as %.17g, "t" and the
 * text); a run's packs follow its row, after the field "packs", the traces its
 * grades, after "traces", and the declared facts an imported sheet's rows, after
 * "facts" (only when there are some, so a digest taken before there were any holds).  Rows come in key order (an imported table's by all its
 * columns), columns in the order above (an imported table's in schema order).  RG_DB
 * on failure.
 */
rg_status audit_state(db *d, const char *action, const char *subject, char *out, size_t size,
		      rg_err *e);

/*
 * audit_append: append an entry (actor did action on subject, with detail) at the time
 * `at` (date_now's format), chained to the last entry.  The state the action left
 * (audit_state) is added at the end of the detail as " [state ...]", so the chain covers
 * it.  Call it inside the transaction that makes the change and after the change, so the
 * change and its record land together or not at all.  RG_USAGE when actor is NULL or
 * empty (who is acting is unknown: the caller's transaction must be rolled back), RG_DB
 * on failure.
 */
rg_status audit_append(db *d, const char *at, const char *actor, const char *action,
		       const char *subject, const char *detail, rg_err *e);

/*
 * audit_format: an entry's detail formatted as printf() does, whole, however long (a
 * note given on the command line, a file's path): free() it.  NULL when out of memory.
 */
char *audit_format(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/*
 * The parts "grades" and "flags" of a run's state (audit_state), hashed by the run as it
 * stores its results instead of read back through run_grades and run_flags afterwards:
 * a run's results are every point it graded, each with the result it computed (stored
 * now, or equal to the stored one it reuses), so the digest comes out the same and
 * costs no query.  Only for a run without --trace (the part "grades" of a traced run
 * ends with its traces, which come after every grade).  audit_results_open() (NULL when
 * out of memory), audit_results_point() for every point graded, in code order, then
 * audit_append_run(), then audit_results_close().
 */
typedef struct audit_results audit_results;

/* A point's grade as grades stores it (schemas/006): what run_grades gives. */
typedef struct {
	const char *point;          /* its code */
	const char *pack;           /* the pack that graded it */
	int importance, discretion; /* the national factors, 0 for one the method does not */
	int likelihood, harm;       /* use (stored as NULL) */
	double score;               /* the combined score */
	const char *tier;           /* 一级 | 二级 | 三级 */
	const char *reasons;        /* joined one per line */
	const char *level;          /* or NULL */
	const char *method_factors; /* or NULL */
} audit_grade;

/* A flag of a point's grade: its code, label and evidence (run_flags' columns). */
typedef struct {
	const char *code, *label, *evidence;
} audit_flag;

audit_results *audit_results_open(void);

/* The most flags a point may have for audit_results_point. */
#define AUDIT_POINT_FLAGS 64

/* audit_results_point: hash point g->point's grade and its nflags flags (at most
 * AUDIT_POINT_FLAGS, in any order: they are hashed in code order) into r. */
void audit_results_point(audit_results *r, const audit_grade *g, const audit_flag *flags,
			 int nflags);

/* audit_results_close: free r.  NULL is allowed. */
void audit_results_close(audit_results *r);

/*
 * audit_append_run: audit_append() for the entry "grade" about run `subject` ("run:N"),
 * with the parts "grades" and "flags" of its state taken from r (which it finishes: add
 * no more points to r) and the other parts read as audit_state reads them.  The entry is
 * the one audit_append() would write when r holds exactly the run's results.  Fails as
 * audit_append().
 */
rg_status audit_append_run(db *d, const char *at, const char *actor, const char *subject,
			   const char *detail, audit_results *r, rg_err *e);

/* audit_actor: who is acting when a command has no --by: by if given, else $USER, else
 * NULL (unknown: audit_append then refuses to record the action). */
const char *audit_actor(const char *by);

/*
 * audit_require_actor: *actor = audit_actor(by), checked before a command does any work,
 * so that a command whose action could not be recorded fails at once rather than after a
 * whole run.  RG_USAGE ("who is acting is unknown ...") when nobody is named.
 */
rg_status audit_require_actor(const char *by, const char **actor, rg_err *e);

/* What audit_verify found.  Every kind but AUDIT_NOTE is a problem. */
typedef enum {
	AUDIT_EDITED,    /* an entry's content no longer matches its hash */
	AUDIT_INSERTED,  /* an entry its successor skips: the successor links past it */
	AUDIT_DELETED,   /* entries missing: a gap in seq, or a link to no entry present */
	AUDIT_REORDERED, /* an entry links to an entry that comes after it */
	AUDIT_HEAD,      /* the head recorded outside the database no longer matches */
	AUDIT_UNLOGGED,  /* a run, approval or warning transition by a person with no entry */
	AUDIT_UNKNOWN,   /* an entry naming a record that does not exist (or not that kind) */
	AUDIT_DUPLICATE, /* a second entry for one record */
	AUDIT_STATE,     /* a record no longer in the state its entry recorded, or not in the
			    state the latest entry about it left (or the state is malformed) */
	AUDIT_NO_STATE,  /* an entry without a state digest after entries that have one */
	AUDIT_NOTE       /* not a problem: something verify did not check, and why */
} audit_kind;

/* One finding, handed to the caller's report function. */
typedef struct {
	audit_kind kind;  /* what was found */
	long seq;         /* the entry it is about, 0 when it is about a record or the head */
	const char *text; /* one line for people, no newline; valid during the call only */
} audit_finding;

/* Receives each finding of audit_verify, in the order they are found; ctx is the
 * caller's. */
typedef void (*audit_report_fn)(void *ctx, const audit_finding *f);

/* What audit_verify saw, for the summary line. */
typedef struct {
	long entries;                /* entries in the log */
	long head_seq;               /* seq of the last entry, 0 for an empty log */
	char head_hash[2 * SHA_HEX]; /* its stored hash, AUDIT_GENESIS for an empty log */
	long problems;               /* findings reported, notes not counted */
} audit_summary;

/*
 * audit_head: the seq and stored hash of the last entry into *seq and hash (0 and
 * AUDIT_GENESIS when the log is empty), to be written down outside the database (the
 * minutes of a review meeting) and given back to audit_verify.  RG_DB on failure.
 */
rg_status audit_head(db *d, long *seq, char hash[SHA_HEX], rg_err *e);

/*
 * audit_verify: check the audit log of d and report every problem through report(ctx):
 *   - the chain, in seq order: an entry whose hash does not match its fields and prev
 *     (edited); an entry its successor skips by linking to the entry before it
 *     (inserted); a gap in seq, or an entry whose prev matches no entry present
 *     (deleted); an entry linking to a later one (reordered);
 *   - the head: when head_hash is not NULL, entry head_seq must exist with that hash
 *     (head_seq 0 stands for the empty log, whose hash is AUDIT_GENESIS);
 *   - the records the log is about: every run (grade, subject run:N), approval (approve,
 *     approval:N) and warning event by a person (warning ..., warning_event:N) has
 *     exactly one entry, and every entry naming one of them names one that exists.
 *     Runs older than every run with a created_at were made before the log existed and
 *     are exempt: a note says so;
 *   - the state each entry recorded (audit_state), recomputed from the records as they
 *     are: every run, approval and warning step whose record exists, and the latest
 *     import of each table (its approved part for points only while no approval
 *     followed it).  An entry without a state digest is noted while no entry before it
 *     has one (it predates them), and a problem after;
 *   - the state the latest entries left: each point approved since the latest import
 *     of points must hold the tier and dates its latest approval set, each warning the
 *     status, disposition and due date of its latest event (when that has an entry).
 * Each finding names the entry (seq, action, subject, at) or the record.  *sum receives
 * the counts and the head.  Reads only; run it in a read transaction for a consistent
 * view.  Returns RG_OK whether or not problems were found (see sum->problems), RG_DB on
 * a database failure.
 */
rg_status audit_verify(db *d, long head_seq, const char *head_hash, audit_report_fn report,
		       void *ctx, audit_summary *sum, rg_err *e);

#endif

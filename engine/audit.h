/*
 * audit.h: the audit log, a hash chain of every human action on a riskgrade database
 * (imports, grading runs, approvals, warning transitions).  Each entry's hash covers its
 * fields and the hash of the entry before it, so an edited, inserted or deleted entry
 * breaks the chain where it happened; audit_verify finds and names it, and cross-checks
 * the log with the runs, approvals and warning events it records.
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

/*
 * audit_append: append an entry (actor did action on subject, with detail) at the time
 * `at` (date_now's format), chained to the last entry.  Call it inside the transaction
 * that makes the change, so the change and its record land together or not at all.
 * RG_DB on failure.
 */
rg_status audit_append(db *d, const char *at, const char *actor, const char *action,
		       const char *subject, const char *detail, rg_err *e);

/* audit_actor: who is acting when a command has no --by: by if given, else $USER, else
 * "unknown". */
const char *audit_actor(const char *by);

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
 *     are exempt: a note says so.
 * Each finding names the entry (seq, action, subject, at) or the record.  *sum receives
 * the counts and the head.  Reads only; run it in a read transaction for a consistent
 * view.  Returns RG_OK whether or not problems were found (see sum->problems), RG_DB on
 * a database failure.
 */
rg_status audit_verify(db *d, long head_seq, const char *head_hash, audit_report_fn report,
		       void *ctx, audit_summary *sum, rg_err *e);

#endif

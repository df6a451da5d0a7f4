/*
 * audit.h: the audit log, a hash chain of every human action on a riskgrade database
 * (imports, grading runs, approvals, warning transitions).  Each entry's hash covers its
 * fields and the hash of the entry before it, so an edited, inserted or deleted entry
 * breaks the chain where it happened.  Depends on db.h, sha.h, status.h.
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

#endif

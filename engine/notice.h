/*
 * notice.h: the printable notice of a warning (廉政风险预警通知书, in the seed documents'
 * words a 监察整改建议书 or 监察整改通知书): one A4 page per warning, handed to the person
 * who must act, who signs for it (签收) and answers on it (反馈).  It names the agency,
 * the point and its tier, the reason and its evidence, the disposition and what it
 * requires, the due date and the issuing body, and never who filed a complaint (the
 * signals' complainant is not read).  The same database gives the same bytes.
 * Depends on db.h, status.h.
 */
#ifndef RG_NOTICE_H
#define RG_NOTICE_H

#include <stdio.h>

#include "db.h"
#include "status.h"

/* Which warnings get a notice. */
typedef enum {
	NOTICE_OPEN,    /* every warning awaiting an answer (status 发布 or 签收) */
	NOTICE_WARNING, /* the one warning notice.warning, whatever its status */
	NOTICE_PERSON,  /* those of notice.person awaiting an answer */
	NOTICE_RUN      /* those run notice.run issued or escalated, awaiting an answer */
} notice_by;

/* What to print: set by the command. */
typedef struct {
	db *d;              /* the database (only read) */
	notice_by by;       /* which warnings */
	long warning;       /* NOTICE_WARNING: the warning's number (预警编号) */
	const char *person; /* NOTICE_PERSON: the responsible person's code (checked before) */
	long run;           /* NOTICE_RUN: the run (checked before) */
	const char *issuer; /* the issuing body (发文单位) printed on each notice; NULL: a
			     * blank line to fill in by hand */
} notice;

/*
 * notice_write: write the notices of the warnings n chooses, in the order of their
 * numbers, one per printed page, as one self-contained HTML page to out, and their number
 * into *count.  Nothing is written when there is none: RG_INPUT saying so, naming the
 * option ("--warning: no warning 99 ...", "--person: ...").  Write errors are not checked
 * here: the caller finds them from out's error flag (or when it closes out).  RG_DB with
 * what was read; the page is then incomplete and must be discarded.
 */
rg_status notice_write(const notice *n, FILE *out, long *count, rg_err *e);

#endif

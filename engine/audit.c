/*
 * audit.c: appending to the audit log's hash chain, and verifying it: the chain itself,
 * a head recorded elsewhere, and the records (runs, approvals, warning events) the log
 * is about.  Depends on db.h, sha.h, status.h.
 */
#include "audit.h"

#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void audit_hash(const char *at, const char *actor, const char *action, const char *subject,
		const char *detail, const char *prev, char out[SHA_HEX])
{
	const char *fields[] = {at, actor, action, subject, detail, prev};
	size_t total = 0, used = 0;
	char *buf;

	for (size_t i = 0; i < sizeof fields / sizeof fields[0]; i++)
		total += strlen(fields[i]) + 24;
	buf = malloc(total + 1);
	if (buf == NULL)
		abort(); /* a few hundred bytes: nothing sensible to do without them */
	for (size_t i = 0; i < sizeof fields / sizeof fields[0]; i++)
		used += (size_t)snprintf(buf + used, total + 1 - used, "%zu:%s\n",
					 strlen(fields[i]), fields[i]);
	sha256_hex(buf, used, out);
	free(buf);
}

rg_status audit_append(db *d, const char *at, const char *actor, const char *action,
		       const char *subject, const char *detail, rg_err *e)
{
	char prev[SHA_HEX] = AUDIT_GENESIS, hash[SHA_HEX];
	db_stmt *s = NULL;
	bool row;
	rg_status st;

	if ((st = db_prepare(d, "SELECT hash FROM audit ORDER BY seq DESC LIMIT 1", &s, e)) !=
	    RG_OK)
		return st;
	if ((st = db_step(s, &row, e)) != RG_OK)
		goto out;
	if (row)
		snprintf(prev, sizeof prev, "%s", db_col_text(s, 0));
	db_finalize(s);
	s = NULL;
	audit_hash(at, actor, action, subject, detail, prev, hash);
	if ((st = db_prepare(d, "INSERT INTO audit (at, actor, action, subject, detail, prev,"
				" hash) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)", &s, e)) != RG_OK)
		return st;
	db_bind_text(s, 1, at);
	db_bind_text(s, 2, actor);
	db_bind_text(s, 3, action);
	db_bind_text(s, 4, subject);
	db_bind_text(s, 5, detail);
	db_bind_text(s, 6, prev);
	db_bind_text(s, 7, hash);
	st = db_step(s, &row, e);
	if (st != RG_OK) {
		char why[sizeof e->msg];
		snprintf(why, sizeof why, "%s", e->msg);
		st = err_set(e, RG_DB, "cannot append to the audit log: %s", why);
	}
out:
	db_finalize(s);
	return st;
}

const char *audit_actor(const char *by)
{
	const char *user = getenv("USER");

	if (by != NULL && by[0] != '\0')
		return by;
	return user != NULL && user[0] != '\0' ? user : "unknown";
}

rg_status audit_head(db *d, long *seq, char hash[SHA_HEX], rg_err *e)
{
	db_stmt *s = NULL;
	bool row;
	rg_status st;

	*seq = 0;
	snprintf(hash, SHA_HEX, "%s", AUDIT_GENESIS);
	if ((st = db_prepare(d, "SELECT seq, hash FROM audit ORDER BY seq DESC LIMIT 1", &s,
			     e)) != RG_OK)
		return st;
	if ((st = db_step(s, &row, e)) == RG_OK && row) {
		*seq = (long)db_col_int(s, 0);
		snprintf(hash, SHA_HEX, "%s", db_col_text(s, 1));
	}
	db_finalize(s);
	return st;
}

/* ---- verification -------------------------------------------------------------------- */

/* Room for one finding; longer texts (only a tampered entry has such fields) are cut. */
#define FINDING_MAX 1024

/* What one verification carries from check to check. */
typedef struct {
	db *d;                  /* the database */
	audit_report_fn report; /* the caller's report function and its context */
	void *ctx;
	audit_summary *sum;     /* counts and head, filled as we go */
	db_stmt *by_hash;       /* the first entry with a given hash (NULL until needed) */
	bool hashes;            /* the temporary table by_hash reads was (being) made */
	db_stmt *between;       /* count, first and last of the entries between two seqs */
} verify_state;

/* Cut s after its last complete UTF-8 character, if snprintf cut one in half. */
static void utf8_trim(char *s)
{
	size_t n = strlen(s), i = n, need;
	unsigned char lead;

	while (i > 0 && ((unsigned char)s[i - 1] & 0xC0) == 0x80)
		i--;
	if (i == 0)
		return;
	lead = (unsigned char)s[i - 1];
	need = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC0 ? 2 : 1;
	if (n - (i - 1) < need)
		s[i - 1] = '\0';
}

static void found(verify_state *v, audit_kind kind, long seq, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

/* Hand one finding to the caller, counting the problems. */
static void found(verify_state *v, audit_kind kind, long seq, const char *fmt, ...)
{
	char text[FINDING_MAX];
	audit_finding f;
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(text, sizeof text, fmt, ap);
	va_end(ap);
	utf8_trim(text);
	if (kind != AUDIT_NOTE)
		v->sum->problems++;
	f.kind = kind;
	f.seq = seq;
	f.text = text;
	v->report(v->ctx, &f);
}

/* How many bytes of s to print so that it stays under max bytes, whole characters only
 * (only a tampered entry has fields that long). */
static int clip(const char *s, int max)
{
	int n = 0;

	while (n < max && s[n] != '\0')
		n++;
	if (s[n] != '\0')
		while (n > 0 && ((unsigned char)s[n] & 0xC0) == 0x80)
			n--;
	return n;
}

/* An entry as findings name it: "entry 7 (approve approval:2, 2026-12-01T09:00:00Z)". */
static void describe(char *out, size_t size, long seq, const char *action,
		     const char *subject, const char *at)
{
	snprintf(out, size, "entry %ld (%.*s %.*s, %.*s)", seq, clip(action, 100), action,
		 clip(subject, 200), subject, clip(at, 40), at);
}

/* Where a link points: "entry 4", or "the start of the log" for seq 0. */
static const char *target(long seq, char *buf, size_t size)
{
	if (seq == 0)
		return "the start of the log";
	snprintf(buf, size, "entry %ld", seq);
	return buf;
}

/* The missing span before entry seq: "entries between 4 and 6" / "entries before entry 6". */
static const char *span(long last, long seq, char *buf, size_t size)
{
	if (last == 0)
		snprintf(buf, size, "entries before entry %ld", seq);
	else
		snprintf(buf, size, "entries between %ld and %ld", last, seq);
	return buf;
}

/*
 * The seq of the first entry whose stored hash is hash into *seq; *hit false if none.
 * The audit table has no index on hash, so the first lookup copies hash and seq into an
 * indexed temporary table (the temp database: the file is not written); without it, a
 * log whose every link was broken would take a scan per entry.
 */
static rg_status lookup_hash(verify_state *v, const char *hash, bool *hit, long *seq,
			     rg_err *e)
{
	rg_status st;

	if (v->by_hash == NULL) {
		v->hashes = true;
		if ((st = db_exec(v->d, "CREATE TEMP TABLE audit_verify_hashes AS"
					" SELECT hash, seq FROM audit;"
					"CREATE INDEX temp.audit_verify_hashes_hash"
					" ON audit_verify_hashes(hash, seq)", e)) != RG_OK ||
		    (st = db_prepare(v->d, "SELECT seq FROM temp.audit_verify_hashes"
				     " WHERE hash = ?1 ORDER BY seq LIMIT 1", &v->by_hash, e))
			    != RG_OK)
			return st;
	}
	db_reset(v->by_hash);
	db_bind_text(v->by_hash, 1, hash);
	if ((st = db_step(v->by_hash, hit, e)) == RG_OK && *hit)
		*seq = (long)db_col_int(v->by_hash, 0);
	db_reset(v->by_hash);
	return st;
}

/* How many entries lie strictly between seqs lo and hi, the first and the last. */
static rg_status count_between(verify_state *v, long lo, long hi, long *n, long *first,
			       long *last, rg_err *e)
{
	bool row;
	rg_status st;

	db_reset(v->between);
	db_bind_int(v->between, 1, lo);
	db_bind_int(v->between, 2, hi);
	if ((st = db_step(v->between, &row, e)) == RG_OK && row) {
		*n = (long)db_col_int(v->between, 0);
		*first = (long)db_col_int(v->between, 1);
		*last = (long)db_col_int(v->between, 2);
	}
	db_reset(v->between);
	return st;
}

/* The previous entry of the walk, as the next one is checked against it. */
typedef struct {
	long seq;                 /* 0 before the first entry */
	char hash[2 * SHA_HEX];   /* its stored hash (AUDIT_GENESIS before the first) */
	char desc[FINDING_MAX / 2]; /* describe() of it */
} walk_prev;

/*
 * Check the link from the entry `seq` (described by here, with stored prev) to the
 * entry before it in seq order (p).  A broken link is explained by where prev does
 * point: nowhere (deleted, or rewritten), to an earlier entry (the ones skipped were
 * inserted), or to a later one (reordered).  The prev of an edited entry proves
 * nothing, so only a gap in seq is reported for it.
 */
static rg_status check_link(verify_state *v, const walk_prev *p, long seq, const char *here,
			    const char *prev, bool edited, rg_err *e)
{
	char a[64], b[64];
	bool gap = seq != p->seq + 1, hit = true;
	long to = 0, n = 0, first = 0, last = 0;
	rg_status st;

	if (edited) {
		if (gap)
			found(v, AUDIT_DELETED, seq, "%s are missing (deleted, or seq numbers "
			      "edited)", span(p->seq, seq, a, sizeof a));
		return RG_OK;
	}
	if (strcmp(prev, p->hash) == 0) {
		if (gap)
			found(v, AUDIT_DELETED, seq, "%s are missing (deleted, or seq numbers "
			      "edited): entry %ld links to %s", span(p->seq, seq, a, sizeof a), seq,
			      target(p->seq, b, sizeof b));
		return RG_OK;
	}
	if (strcmp(prev, AUDIT_GENESIS) != 0 &&
	    (st = lookup_hash(v, prev, &hit, &to, e)) != RG_OK)
		return st;
	if (!hit) {
		if (gap)
			found(v, AUDIT_DELETED, seq, "%s are missing (deleted)",
			      span(p->seq, seq, a, sizeof a));
		else if (p->seq == 0)
			found(v, AUDIT_DELETED, seq, "%s links to no entry present: entries before "
			      "it were deleted and the rest renumbered, or it was rewritten", here);
		else
			found(v, AUDIT_DELETED, seq, "%s links to no entry present: entries before "
			      "it were deleted and the later ones renumbered, or entry %ld was "
			      "rewritten with a new hash", here, p->seq);
		return RG_OK;
	}
	if (to < p->seq) {
		if ((st = count_between(v, to, seq, &n, &first, &last, e)) != RG_OK)
			return st;
		if (n == 1)
			found(v, AUDIT_INSERTED, p->seq, "%s was inserted: entry %ld links to %s",
			      p->desc, seq, target(to, b, sizeof b));
		else
			found(v, AUDIT_INSERTED, first, "entries %ld to %ld were inserted, or %s "
			      "was forged: entry %ld links to %s", first, last, here, seq,
			      target(to, b, sizeof b));
	} else {
		found(v, AUDIT_REORDERED, seq, "%s links to entry %ld, which comes after it: "
		      "entries were reordered", here, to);
	}
	if (gap)
		found(v, AUDIT_DELETED, seq, "%s are missing (deleted)",
		      span(p->seq, seq, a, sizeof a));
	return RG_OK;
}

/* Walk the chain in seq order: each entry's hash, then its link to the one before. */
static rg_status check_chain(verify_state *v, rg_err *e)
{
	walk_prev p;
	db_stmt *s = NULL;
	bool row;
	rg_status st;

	p.seq = 0;
	snprintf(p.hash, sizeof p.hash, "%s", AUDIT_GENESIS);
	p.desc[0] = '\0';
	if ((st = db_prepare(v->d, "SELECT seq, at, actor, action, subject, detail, prev, hash"
				   " FROM audit ORDER BY seq", &s, e)) != RG_OK)
		return st;
	while ((st = db_step(s, &row, e)) == RG_OK && row) {
		const char *f[8];
		char here[FINDING_MAX / 2], hash[SHA_HEX];
		long seq = (long)db_col_int(s, 0);
		bool edited;

		for (int i = 1; i < 8; i++) {
			f[i] = db_col_text(s, i);
			if (f[i] == NULL) /* NOT NULL in the schema; only a rebuilt table lacks it */
				f[i] = "";
		}
		describe(here, sizeof here, seq, f[3], f[4], f[1]);
		if (seq < 1) /* audit_append numbers from 1; the findings after it may be odd */
			found(v, AUDIT_REORDERED, seq, "%s has seq %ld, below 1: seq numbers were "
			      "edited", here, seq);
		audit_hash(f[1], f[2], f[3], f[4], f[5], f[6], hash);
		edited = strcmp(hash, f[7]) != 0;
		if (edited)
			found(v, AUDIT_EDITED, seq, "%s: edited — its content does not match its "
			      "hash", here);
		if ((st = check_link(v, &p, seq, here, f[6], edited, e)) != RG_OK)
			break;
		p.seq = seq;
		snprintf(p.hash, sizeof p.hash, "%s", f[7]);
		snprintf(p.desc, sizeof p.desc, "%s", here);
		v->sum->entries++;
	}
	db_finalize(s);
	v->sum->head_seq = p.seq;
	snprintf(v->sum->head_hash, sizeof v->sum->head_hash, "%s", p.hash);
	return st;
}

/* Entry head_seq must still have head_hash: else the log was rewritten or truncated. */
static rg_status check_head(verify_state *v, long head_seq, const char *head_hash, rg_err *e)
{
	db_stmt *s = NULL;
	bool row, hit = false;
	long to = 0;
	char here[FINDING_MAX / 2];
	rg_status st;

	if (head_seq == 0) {
		if (strcmp(head_hash, AUDIT_GENESIS) != 0)
			found(v, AUDIT_HEAD, 0, "--head 0:%.*s: entry 0 stands for the empty log, "
			      "whose hash is 64 zeros", clip(head_hash, 64), head_hash);
		return RG_OK;
	}
	if ((st = db_prepare(v->d, "SELECT action, subject, at, hash FROM audit WHERE seq = ?1",
			     &s, e)) != RG_OK)
		return st;
	db_bind_int(s, 1, head_seq);
	if ((st = db_step(s, &row, e)) != RG_OK)
		goto out;
	if (row && strcmp(db_col_text(s, 3), head_hash) == 0)
		goto out;
	if ((st = lookup_hash(v, head_hash, &hit, &to, e)) != RG_OK)
		goto out;
	if (hit) {
		found(v, AUDIT_HEAD, to, "the head recorded as entry %ld (--head) is now entry %ld: "
		      "entries before it were inserted, deleted or renumbered", head_seq, to);
	} else if (row) {
		const char *now = db_col_text(s, 3);
		describe(here, sizeof here, head_seq, db_col_text(s, 0), db_col_text(s, 1),
			 db_col_text(s, 2));
		found(v, AUDIT_HEAD, head_seq, "%s has hash %.*s, not %.*s as recorded (--head): "
		      "the log was rewritten at or before entry %ld", here, clip(now, 64), now,
		      clip(head_hash, 64), head_hash, head_seq);
	} else if (v->sum->entries == 0) {
		found(v, AUDIT_HEAD, 0, "entry %ld, the head recorded (--head), is not in the log, "
		      "which is empty: the log was truncated", head_seq);
	} else {
		found(v, AUDIT_HEAD, 0, "entry %ld, the head recorded (--head), is not in the log, "
		      "which ends at entry %ld: the log was truncated", head_seq,
		      v->sum->head_seq);
	}
out:
	db_finalize(s);
	return st;
}

/*
 * The records the log is about.  Each kind of record must have exactly one entry with
 * subject prefix || id and an action matching the GLOB pattern action; `logged` (SQL
 * over the record r) says which records must have one.
 */
typedef struct {
	const char *noun;     /* the record in findings: "run" */
	const char *prefix;   /* of the entry's subject: "run:" */
	const char *action;   /* GLOB pattern of the entry's action */
	const char *entry;    /* the entry in findings: "grade" */
	const char *expected; /* the action it should have, in findings */
	const char *table;    /* where the records are */
	const char *logged;   /* SQL: record r must have an entry */
	const char *why_not;  /* finding for an entry naming a record that need not have one */
	const char *describe; /* SQL: record r in findings */
} xcheck;

static const xcheck xchecks[] = {
	{"run", "run:", "grade", "grade", "grade", "runs",
	 /* Runs older than every run with a created_at predate the audit log. */
	 "(r.created_at IS NOT NULL OR r.id > coalesce("
	 "(SELECT min(id) FROM runs WHERE created_at IS NOT NULL), r.id))",
	 "whose created_at is empty, as if it predated the audit log: the run or the entry "
	 "was altered",
	 "printf('run %d (as-of %s, ', r.id, r.as_of) || CASE WHEN r.created_at IS NULL"
	 " THEN 'no created_at' ELSE printf('recorded %s by %s', r.created_at,"
	 " coalesce(r.actor, '?')) END || ')'"},
	{"approval", "approval:", "approve", "approve", "approve", "approvals", "1", NULL,
	 "printf('approval %d (%s %s, approved %s by %s)', r.id, r.point, r.tier,"
	 " r.approved_on, r.by)"},
	{"warning event", "warning_event:", "warning *", "warning",
	 "warning ack, feedback, release or escalate", "warning_events", "r.by IS NOT NULL",
	 "which a grading run made, not a person",
	 "printf('warning event %d (warning %d %s on %s by %s)', r.id, r.warning, r.action,"
	 " r.on_date, r.by)"},
};

/* Prepare sql with ?1 the subject prefix of x and ?2 its action pattern bound. */
static rg_status prepare_x(verify_state *v, const xcheck *x, const char *sql, db_stmt **s,
			   rg_err *e)
{
	rg_status st;

	if ((st = db_prepare(v->d, sql, s, e)) != RG_OK)
		return st;
	db_bind_text(*s, 1, x->prefix);
	db_bind_text(*s, 2, x->action);
	return RG_OK;
}

/* Entries naming a record of x (slots: logged, table, logged): the record must exist,
 * be one that is logged, and the action must be x's.  Column 4 says what is wrong: 0 no
 * such record, 1 a record that is not logged, 2 the wrong action. */
static const char unknown_sql[] =
	"SELECT a.seq, a.action, a.subject, a.at, CASE"
	"  WHEN r.id IS NULL OR a.subject <> ?1 || r.id THEN 0"
	"  WHEN NOT coalesce(%s, 0) THEN 1 ELSE 2 END"
	" FROM audit a LEFT JOIN %s r ON r.id = CAST(substr(a.subject, length(?1) + 1)"
	"  AS INTEGER)"
	" WHERE substr(a.subject, 1, length(?1)) = ?1"
	"  AND (r.id IS NULL OR a.subject <> ?1 || r.id OR NOT coalesce(%s, 0)"
	"   OR NOT a.action GLOB ?2)"
	" ORDER BY a.seq";

/* Entries recording a record an earlier entry already records, with that entry. */
static const char duplicate_sql[] =
	"SELECT a.seq, a.action, a.subject, a.at, min(b.seq)"
	" FROM audit a JOIN audit b ON b.subject = a.subject AND b.seq < a.seq"
	"  AND b.action GLOB ?2"
	" WHERE substr(a.subject, 1, length(?1)) = ?1 AND a.action GLOB ?2"
	" GROUP BY a.seq ORDER BY a.seq";

/* Records that must have an entry and have none (slots: describe, table, logged). */
static const char unlogged_sql[] =
	"SELECT r.id, %s FROM %s r"
	" LEFT JOIN audit a ON a.subject = ?1 || r.id AND a.action GLOB ?2"
	" WHERE coalesce(%s, 0) AND a.seq IS NULL"
	" ORDER BY r.id";

static rg_status check_records(verify_state *v, const xcheck *x, rg_err *e)
{
	db_stmt *s = NULL;
	char here[FINDING_MAX / 2], sql[2048];
	size_t plen = strlen(x->prefix);
	bool row;
	rg_status st;

	snprintf(sql, sizeof sql, unknown_sql, x->logged, x->table, x->logged);
	if ((st = prepare_x(v, x, sql, &s, e)) != RG_OK)
		return st;
	while ((st = db_step(s, &row, e)) == RG_OK && row) {
		long seq = (long)db_col_int(s, 0);
		const char *id = db_col_text(s, 2) + plen;
		describe(here, sizeof here, seq, db_col_text(s, 1), db_col_text(s, 2),
			 db_col_text(s, 3));
		switch (db_col_int(s, 4)) {
		case 0:
			found(v, AUDIT_UNKNOWN, seq, "%s names %s %.*s, which does not exist", here,
			      x->noun, clip(id, 100), id);
			break;
		case 1:
			found(v, AUDIT_UNKNOWN, seq, "%s names %s %.*s, %s", here, x->noun,
			      clip(id, 100), id, x->why_not);
			break;
		default:
			found(v, AUDIT_UNKNOWN, seq, "%s names %s %.*s, but its action should be %s",
			      here, x->noun, clip(id, 100), id, x->expected);
		}
	}
	db_finalize(s);
	if (st != RG_OK || (st = prepare_x(v, x, duplicate_sql, &s, e)) != RG_OK)
		return st;
	while ((st = db_step(s, &row, e)) == RG_OK && row) {
		long seq = (long)db_col_int(s, 0);
		const char *id = db_col_text(s, 2) + plen;
		describe(here, sizeof here, seq, db_col_text(s, 1), db_col_text(s, 2),
			 db_col_text(s, 3));
		found(v, AUDIT_DUPLICATE, seq, "%s records %s %.*s again (entry %ld already does)",
		      here, x->noun, clip(id, 100), id, (long)db_col_int(s, 4));
	}
	db_finalize(s);
	snprintf(sql, sizeof sql, unlogged_sql, x->describe, x->table, x->logged);
	if (st != RG_OK || (st = prepare_x(v, x, sql, &s, e)) != RG_OK)
		return st;
	while ((st = db_step(s, &row, e)) == RG_OK && row)
		found(v, AUDIT_UNLOGGED, 0, "%s has no %s entry in the audit log: its entry was "
		      "deleted, or the %s was written outside riskgrade", db_col_text(s, 1),
		      x->entry, x->noun);
	db_finalize(s);
	return st;
}

/* Say which runs predate the audit log and so were not checked. */
static rg_status note_exempt(verify_state *v, rg_err *e)
{
	db_stmt *s = NULL;
	char sql[1024];
	bool row;
	rg_status st;

	snprintf(sql, sizeof sql, "SELECT count(*), min(id), max(id) FROM runs r"
		 " WHERE NOT coalesce(%s, 0)", xchecks[0].logged);
	if ((st = db_prepare(v->d, sql, &s, e)) != RG_OK)
		return st;
	if ((st = db_step(s, &row, e)) == RG_OK && row) {
		long n = (long)db_col_int(s, 0), lo = (long)db_col_int(s, 1),
		     hi = (long)db_col_int(s, 2);
		if (n == 1)
			found(v, AUDIT_NOTE, 0, "run %ld was made before the audit log existed (no "
			      "created_at) and is not checked against it", lo);
		else if (n > 1)
			found(v, AUDIT_NOTE, 0, "%ld runs (%ld to %ld) were made before the audit "
			      "log existed (no created_at) and are not checked against it", n, lo,
			      hi);
	}
	db_finalize(s);
	return st;
}

rg_status audit_verify(db *d, long head_seq, const char *head_hash, audit_report_fn report,
		       void *ctx, audit_summary *sum, rg_err *e)
{
	verify_state v;
	rg_status st;

	memset(sum, 0, sizeof *sum);
	memset(&v, 0, sizeof v);
	v.d = d;
	v.report = report;
	v.ctx = ctx;
	v.sum = sum;
	if ((st = db_prepare(d, "SELECT count(*), min(seq), max(seq) FROM audit"
				" WHERE seq > ?1 AND seq < ?2", &v.between, e)) != RG_OK)
		goto out;
	if ((st = check_chain(&v, e)) != RG_OK)
		goto out;
	if (head_hash != NULL && (st = check_head(&v, head_seq, head_hash, e)) != RG_OK)
		goto out;
	for (size_t i = 0; i < sizeof xchecks / sizeof xchecks[0]; i++)
		if ((st = check_records(&v, &xchecks[i], e)) != RG_OK)
			goto out;
	st = note_exempt(&v, e);
out:
	db_finalize(v.between);
	db_finalize(v.by_hash);
	if (v.hashes)
		db_exec(d, "DROP TABLE IF EXISTS temp.audit_verify_hashes", NULL);
	return st;
}

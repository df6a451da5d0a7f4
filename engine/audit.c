/*
 * audit.c: appending to the audit log's hash chain, with the state each action left, and
 * verifying it: the chain itself, a head recorded elsewhere, the records (runs,
 * approvals, warning events, imported tables) the log is about and their contents.
 * Its findings are in the user's language; what it writes into the log is not.
 * Depends on db.h, sha.h, status.h, i18n.h, text.h.
 */
#include "audit.h"

#include <assert.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "text.h"

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

/* ---- the state an action left --------------------------------------------------------- */

/*
 * An entry records the state its action left as parts, each the rows of one query (?1
 * the record's id, unless the part is about a whole table) and optionally of a second
 * one hashed with them.  A part covers only what no later action rewrites, so that every
 * entry stays checkable for as long as its records exist: a run's warnings by id, point
 * and reason (later runs and warning steps change the rest, and record each change as an
 * event of their own), its flags without cleared_by (the approval that clears a flag
 * records that).  A run's grades, flags and traces are its results as the views
 * run_grades, run_flags and run_traces give them (schemas/006), not the rows it stored:
 * a later run or an approval may store rows that an earlier run's results are read from.
 * Not covered: a run's engine_version, and its created_at and actor (the entry's own at
 * and actor).  The one exception is the part "approved", the approved
 * tiers and dates of all points, which approvals and imports of points both write: only
 * the latest entry that wrote it can be checked.
 */
typedef struct {
	const char *name;     /* in the entry: "grades" */
	const char *shown;    /* in findings: "grades" (marked N_, translated where shown) */
	const char *sql;      /* its rows, counted */
	const char *more;     /* label of more rows hashed after them ("traces"), or NULL */
	const char *more_sql; /* their query */
	bool whole;           /* about a whole table: no ?1 */
	bool more_if_any;     /* more (label too) hashed only when it has rows, so that a
				 digest recorded before there were such rows still holds */
} state_part;

#define MAX_PARTS 5

/* Hex digits of a part's digest in an entry: the first 128 bits of its SHA-256. */
#define PART_HEX 32

/* The columns of points that approvals write, and imports of points too, and their part. */
#define SHARED_TABLE "points"
static const char *const shared_cols[] = {"approved_tier", "approved_on", "last_graded", NULL};
#define SHARED_PART "approved"
#define APPROVED_PART \
	{SHARED_PART, N_("the approved tiers and dates of all points"), \
	 "SELECT code, approved_tier, approved_on, last_graded FROM " SHARED_TABLE \
	 " ORDER BY code", NULL, NULL, true, false}

/* Warning events, every column (immutable once written). */
#define EVENT_ROWS \
	"SELECT id, warning, action, on_date, by, run, disposition, due, status, note" \
	" FROM warning_events"

/* The entries whose action leaves a state: action (a prefix of it when action_prefix)
 * and subject prefix || key, key being the record's id, or for an import the table. */
typedef struct {
	const char *action;     /* "grade" */
	bool action_prefix;     /* entries' actions start with action ("warning ack") */
	const char *prefix;     /* of the subject: "run:" */
	const char *noun;       /* the record in findings: "run" (N_, as the next) */
	const char *source;     /* the entry in findings: "what the run recorded" */
	int nparts;             /* 0: an import, whose parts depend on the table */
	state_part parts[MAX_PARTS];
} state_kind;

static const state_kind kinds[] = {
	{"grade", false, "run:", N_("run"), N_("what the run recorded"), 5, {
		{"run", N_("its as-of, scope, rules, counts and packs"),
		 "SELECT id, as_of, scope, traced, rules_dir, points, tier1, tier2, tier3, flags,"
		 " warnings, warnings_new, warnings_escalated FROM runs WHERE id = ?1",
		 "packs", "SELECT pack, path, parent, sha256 FROM run_packs WHERE run = ?1"
		 " ORDER BY pack", false, false},
		{"grades", N_("grades"),
		 "SELECT point, pack, importance, discretion, likelihood, harm, score, tier,"
		 " reasons, level, method_factors FROM run_grades WHERE run = ?1 ORDER BY point",
		 "traces", "SELECT point, seq, reason, source FROM run_traces WHERE run = ?1"
		 " ORDER BY point, seq", false, false},
		{"flags", N_("flags"),
		 "SELECT point, code, label, evidence FROM run_flags WHERE run = ?1"
		 " ORDER BY point, code", NULL, NULL, false, false},
		{"warnings", N_("the warnings it issued"),
		 "SELECT id, point, reason FROM warnings WHERE run = ?1 ORDER BY id", NULL, NULL,
		 false, false},
		{"events", N_("the warning events it recorded"),
		 EVENT_ROWS " WHERE run = ?1 ORDER BY id", NULL, NULL, false, false},
	}},
	{"approve", false, "approval:", N_("approval"), N_("what the approval recorded"), 3, {
		{"approval", N_("its fields"),
		 "SELECT id, point, tier, previous, run, computed, approved_on, by, note"
		 " FROM approvals WHERE id = ?1", NULL, NULL, false, false},
		{"cleared", N_("the flags it cleared"),
		 "SELECT run, point, code FROM flags WHERE cleared_by = ?1"
		 " ORDER BY run, point, code", NULL, NULL, false, false},
		APPROVED_PART,
	}},
	{"warning ", true, "warning_event:", N_("warning event"), N_("what the step recorded"),
	 2, {
		{"event", N_("its fields"), EVENT_ROWS " WHERE id = ?1", NULL, NULL, false,
		 false},
		{"warning", N_("its warning's point and reason"),
		 "SELECT id, point, reason FROM warnings"
		 " WHERE id = (SELECT warning FROM warning_events WHERE id = ?1)", NULL, NULL,
		 false, false},
	}},
	{"import", false, "table:", N_("table"), N_("what its latest import left"), 0, {{0}}},
};

/* The state of one part: its name, its rows and their digest. */
typedef struct {
	char name[16];          /* the part's name */
	const char *shown;      /* (computed) the part in findings */
	long rows;              /* rows of its first query */
	char hex[PART_HEX + 1]; /* the first PART_HEX digits of its SHA-256; "" with no rows */
} part_state;

/* The state of a record, as computed or as an entry recorded it. */
typedef struct {
	int n;                      /* parts */
	part_state p[MAX_PARTS];    /* in the kind's order */
	bool exists;                /* (computed) the record or table is there */
} rec_state;

/* The kind of the entries with this action and subject, and the key in the subject;
 * NULL for an action that leaves no state, or a key that is not a record's (an id must
 * be written as riskgrade writes it: digits, no leading zero). */
static const state_kind *kind_of(const char *action, const char *subject, const char **key)
{
	for (size_t i = 0; i < sizeof kinds / sizeof kinds[0]; i++) {
		const state_kind *k = &kinds[i];
		size_t plen = strlen(k->prefix), n;
		if ((k->action_prefix ? strncmp(action, k->action, strlen(k->action))
				      : strcmp(action, k->action)) != 0 ||
		    strncmp(subject, k->prefix, plen) != 0)
			continue;
		*key = subject + plen;
		if (k->nparts == 0)
			return (*key)[0] != '\0' ? k : NULL;
		n = strspn(*key, "0123456789");
		return n > 0 && n < 19 && (*key)[n] == '\0' && (*key)[0] != '0' ? k : NULL;
	}
	return NULL;
}

/* Hash one field as audit_hash does: its length in bytes, a colon, tag (when not
 * '\0') and the n bytes of s, a newline. */
static void hash_field(sha_stream *h, char tag, const char *s, size_t n)
{
	char head[32], *p = head + sizeof head;
	size_t len = n + (tag != '\0');

	/* "LEN:" and the tag, written from the end: a run's entry hashes every field of its
	 * results, and snprintf() cost more than the hashing. */
	if (tag != '\0')
		*--p = tag;
	*--p = ':';
	do
		*--p = (char)('0' + len % 10);
	while ((len /= 10) > 0);
	sha_update(h, p, (size_t)(head + sizeof head - p));
	sha_update(h, s, n);
	sha_update(h, "\n", 1);
}

/* Hash the column name and its integer value v, tagged i, as hash_rows does: v in
 * decimal, written without snprintf() (a run hashes several for each point). */
static void hash_int(sha_stream *h, const char *name, long long v)
{
	char num[24], *p = num + sizeof num;
	unsigned long long u = v < 0 ? 0ULL - (unsigned long long)v : (unsigned long long)v;

	do
		*--p = (char)('0' + u % 10);
	while ((u /= 10) > 0);
	if (v < 0)
		*--p = '-';
	hash_field(h, '\0', name, strlen(name));
	hash_field(h, 'i', p, (size_t)(num + sizeof num - p));
}

/* Hash the column name and its real value v, tagged r, as %.17g (reads back exactly). */
static void hash_real(sha_stream *h, const char *name, double v)
{
	char num[40];
	int n = snprintf(num, sizeof num, "%.17g", v);

	hash_field(h, '\0', name, strlen(name));
	hash_field(h, 'r', num, (size_t)n);
}

/* Hash the column name and its text value v, tagged t; nothing for NULL, as hash_rows
 * leaves out a NULL column. */
static void hash_text(sha_stream *h, const char *name, const char *v)
{
	if (v == NULL)
		return;
	hash_field(h, '\0', name, strlen(name));
	hash_field(h, 't', v, strlen(v));
}

/*
 * Hash label, then the rows of sql (?1 bound to id when bind): each row as the field "#",
 * then, for each column that is not NULL, its name and its value tagged by type (i and
 * the integer in decimal, r and the real as %.17g, which reads back exactly, t and the
 * text).  Leaving NULLs out keeps a digest when a migration adds a column; for the same
 * reason, when if_any, nothing at all (not even label) is hashed when sql has no rows.
 * The number of rows into *rows.
 */
static rg_status hash_rows(db *d, sha_stream *h, const char *label, const char *sql,
			   bool bind, int64_t id, bool if_any, long *rows, rg_err *e)
{
	db_stmt *s = NULL;
	bool row;
	rg_status st;

	*rows = 0;
	if ((st = db_prepare(d, sql, &s, e)) != RG_OK)
		return st;
	if (bind)
		db_bind_int(s, 1, id);
	if (!if_any)
		hash_field(h, '\0', label, strlen(label));
	while ((st = db_step(s, &row, e)) == RG_OK && row) {
		if (if_any && *rows == 0)
			hash_field(h, '\0', label, strlen(label));
		hash_field(h, '\0', "#", 1);
		for (int i = 0; i < db_col_count(s); i++) {
			const char *name = db_col_name(s, i);
			switch (db_col_type(s, i)) {
			case DB_NULL:
				break;
			case DB_INT:
				hash_int(h, name, (long long)db_col_int(s, i));
				break;
			case DB_REAL:
				hash_real(h, name, db_col_double(s, i));
				break;
			default:
				hash_text(h, name, db_col_text(s, i));
			}
		}
		(*rows)++;
	}
	db_finalize(s);
	return st;
}

/* The state of part p of record id into *out. */
static rg_status part_digest(db *d, const state_part *p, int64_t id, part_state *out, rg_err *e)
{
	sha_stream *h = sha_open();
	char hex[SHA_HEX];
	long more;
	rg_status st;

	if (h == NULL)
		return err_set(e, RG_IO, "audit log: out of memory");
	snprintf(out->name, sizeof out->name, "%s", p->name);
	out->shown = p->shown;
	st = hash_rows(d, h, p->name, p->sql, !p->whole, id, false, &out->rows, e);
	if (st == RG_OK && p->more != NULL)
		st = hash_rows(d, h, p->more, p->more_sql, !p->whole, id, p->more_if_any, &more,
			       e);
	sha_close(h, hex);
	snprintf(out->hex, sizeof out->hex, "%.*s", out->rows > 0 ? PART_HEX : 0, hex);
	return st;
}

/* Append the quoted identifier name to buf (size bytes, holding used), false when it
 * does not fit. */
static bool add_ident(char *buf, size_t size, size_t *used, const char *sep, const char *name)
{
	size_t n = *used;
	int k = snprintf(buf + n, size - n, "%s\"", sep);

	if (k < 0 || (n += (size_t)k) >= size)
		return false;
	for (; *name != '\0'; name++) {
		if (n + 3 >= size)
			return false;
		if (*name == '"')
			buf[n++] = '"';
		buf[n++] = *name;
	}
	buf[n++] = '"';
	buf[n] = '\0';
	*used = n;
	return true;
}

/* The SQL of an import's state: its table's rows, and the declared facts of those rows. */
typedef struct {
	char rows[4096];
	char facts[512];
} import_sql;

/* "SELECT every column of table but those in skip (NULL-terminated, or NULL) FROM table
 * ORDER BY all of them" into sql (size bytes); *ncols the columns, 0 when there is no
 * such table. */
static rg_status select_all(db *d, const char *table, const char *const *skip, char *sql,
			    size_t size, int *ncols, rg_err *e)
{
	db_stmt *s = NULL;
	size_t used;
	bool row;
	rg_status st;

	*ncols = 0;
	if ((st = db_prepare(d, "SELECT name FROM pragma_table_info(?1) ORDER BY cid", &s, e))
	    != RG_OK)
		return st;
	db_bind_text(s, 1, table);
	used = (size_t)snprintf(sql, size, "SELECT ");
	while ((st = db_step(s, &row, e)) == RG_OK && row) {
		const char *col = db_col_text(s, 0);
		bool skipped = false;
		for (int i = 0; skip != NULL && skip[i] != NULL; i++)
			skipped = skipped || strcmp(col, skip[i]) == 0;
		if (skipped)
			continue;
		if (!add_ident(sql, size, &used, *ncols ? ", " : "", col)) {
			st = err_set(e, RG_DB, "audit log: table %s has too many columns", table);
			break;
		}
		(*ncols)++;
	}
	db_finalize(s);
	if (st != RG_OK || *ncols == 0)
		return st;
	if (!add_ident(sql, size, &used, " FROM ", table))
		return err_set(e, RG_DB, "audit log: table name too long");
	for (int i = 1; i <= *ncols; i++) {
		int k = snprintf(sql + used, size - used, "%s%d", i > 1 ? ", " : " ORDER BY ", i);
		if (k < 0 || (used += (size_t)k) >= size)
			return err_set(e, RG_DB, "audit log: table %s has too many columns", table);
	}
	return RG_OK;
}

/*
 * The parts of an import into table: its rows, every column but the shared ones, in the
 * order of all their values, followed by the declared facts of its rows (the values an
 * import of points, powers or posts stores beside them, in the table enum_fact_sheet
 * names) when there are any; for points, also the shared part.  The SQL is built into
 * *sql; *exists false when there is no such table.
 */
static rg_status import_parts(db *d, const char *table, import_sql *sql,
			      state_part parts[MAX_PARTS], int *nparts, bool *exists, rg_err *e)
{
	static const state_part approved = APPROVED_PART;
	bool shared = strcmp(table, SHARED_TABLE) == 0, row;
	db_stmt *s = NULL;
	char store[64] = "";
	int ncols;
	rg_status st;

	*nparts = 0;
	*exists = false;
	if ((st = select_all(d, table, shared ? shared_cols : NULL, sql->rows, sizeof sql->rows,
			     &ncols, e)) != RG_OK || ncols == 0)
		return st;
	if ((st = db_prepare(d, "SELECT store FROM enum_fact_sheet WHERE tbl = ?1", &s, e))
	    != RG_OK)
		return st;
	db_bind_text(s, 1, table);
	if ((st = db_step(s, &row, e)) == RG_OK && row)
		snprintf(store, sizeof store, "%s", db_col_text(s, 0));
	db_finalize(s);
	if (st != RG_OK)
		return st;
	parts[0] = (state_part){"rows", N_("its rows"), sql->rows, NULL, NULL, true, false};
	if (store[0] != '\0') {
		if ((st = select_all(d, store, NULL, sql->facts, sizeof sql->facts, &ncols, e))
		    != RG_OK)
			return st;
		if (ncols > 0) {
			parts[0].more = "facts";
			parts[0].more_sql = sql->facts;
			parts[0].more_if_any = true;
		}
	}
	*nparts = 1;
	if (shared)
		parts[(*nparts)++] = approved;
	*exists = true;
	return RG_OK;
}

/* ---- a run's results, hashed as the run stores them ----------------------------------- */

/* The parts of a run's entry that audit_results hashes: by their index in kinds[0]. */
enum { RUN_GRADES = 1, RUN_FLAGS = 2 };

struct audit_results {
	sha_stream *grades;  /* the part "grades": its name, then each point's grade */
	sha_stream *flags;   /* the part "flags": its name, then each flag */
	part_state done[2];  /* the two parts once finished (rows -1 before) */
	long ngrades, nflags; /* rows hashed so far */
};

audit_results *audit_results_open(void)
{
	audit_results *r = calloc(1, sizeof *r);

	if (r == NULL || (r->grades = sha_open()) == NULL || (r->flags = sha_open()) == NULL) {
		audit_results_close(r);
		return NULL;
	}
	hash_field(r->grades, '\0', kinds[0].parts[RUN_GRADES].name,
		   strlen(kinds[0].parts[RUN_GRADES].name));
	hash_field(r->flags, '\0', kinds[0].parts[RUN_FLAGS].name,
		   strlen(kinds[0].parts[RUN_FLAGS].name));
	r->done[0].rows = r->done[1].rows = -1;
	return r;
}

/* A national factor as run_grades gives it: NULL (left out) when 0. */
static void hash_factor(sha_stream *h, const char *name, int v)
{
	if (v != 0)
		hash_int(h, name, v);
}

/* The columns and their order are those of the part's query in kinds[0]: keep them in
 * step. */
void audit_results_point(audit_results *r, const audit_grade *g, const audit_flag *flags,
			 int nflags)
{
	sha_stream *h = r->grades;
	int order[AUDIT_POINT_FLAGS];

	assert(r->done[0].rows < 0 && nflags <= AUDIT_POINT_FLAGS);
	hash_field(h, '\0', "#", 1);
	hash_text(h, "point", g->point);
	hash_text(h, "pack", g->pack);
	hash_factor(h, "importance", g->importance);
	hash_factor(h, "discretion", g->discretion);
	hash_factor(h, "likelihood", g->likelihood);
	hash_factor(h, "harm", g->harm);
	hash_real(h, "score", g->score);
	hash_text(h, "tier", g->tier);
	hash_text(h, "reasons", g->reasons);
	hash_text(h, "level", g->level);
	hash_text(h, "method_factors", g->method_factors);
	r->ngrades++;
	/* In code order, bytewise as SQLite's ORDER BY compares text. */
	for (int i = 0; i < nflags; i++) {
		int j = i;
		for (; j > 0 && strcmp(flags[order[j - 1]].code, flags[i].code) > 0; j--)
			order[j] = order[j - 1];
		order[j] = i;
	}
	for (int i = 0; i < nflags; i++) {
		const audit_flag *f = &flags[order[i]];
		hash_field(r->flags, '\0', "#", 1);
		hash_text(r->flags, "point", g->point);
		hash_text(r->flags, "code", f->code);
		hash_text(r->flags, "label", f->label);
		hash_text(r->flags, "evidence", f->evidence);
		r->nflags++;
	}
}

/* Finish the two parts of r (once): a run without --trace has no traces, but the part
 * "grades" names them all the same (part_digest). */
static void results_finish(audit_results *r)
{
	const state_part *parts = kinds[0].parts;
	sha_stream **h[2] = {&r->grades, &r->flags};
	const long rows[2] = {r->ngrades, r->nflags};
	char hex[SHA_HEX];

	if (r->done[0].rows >= 0)
		return;
	hash_field(r->grades, '\0', parts[RUN_GRADES].more, strlen(parts[RUN_GRADES].more));
	for (int i = 0; i < 2; i++) {
		part_state *ps = &r->done[i];
		sha_close(*h[i], hex);
		*h[i] = NULL;
		snprintf(ps->name, sizeof ps->name, "%s", parts[RUN_GRADES + i].name);
		ps->shown = parts[RUN_GRADES + i].shown;
		ps->rows = rows[i];
		snprintf(ps->hex, sizeof ps->hex, "%.*s", ps->rows > 0 ? PART_HEX : 0, hex);
	}
}

void audit_results_close(audit_results *r)
{
	char hex[SHA_HEX];

	if (r == NULL)
		return;
	if (r->grades != NULL)
		sha_close(r->grades, hex);
	if (r->flags != NULL)
		sha_close(r->flags, hex);
	free(r);
}

/* The part called name as r hashed it, or NULL when r does not hash that part. */
static const part_state *given_part(const audit_results *r, const char *name)
{
	for (int i = 0; r != NULL && i < 2; i++)
		if (strcmp(r->done[i].name, name) == 0)
			return &r->done[i];
	return NULL;
}

/* The state record `key` of kind k is in now, into *out (out->exists false, and no
 * parts, when the record is not there).  Only the parts wanted are hashed, the others
 * named with rows -1: all when hash, but the shared part only when shared too; the
 * first part of a record is always hashed (it says whether the record exists). */
static rg_status compute_state(db *d, const state_kind *k, const char *key, bool hash,
			       bool shared, const audit_results *given, rec_state *out,
			       rg_err *e)
{
	state_part dyn[MAX_PARTS];
	const state_part *parts = k->parts;
	import_sql sql;
	int nparts = k->nparts;
	int64_t id = 0;
	rg_status st;

	memset(out, 0, sizeof *out);
	if (nparts == 0) {
		bool exists;
		if ((st = import_parts(d, key, &sql, dyn, &nparts, &exists, e)) != RG_OK
		    || !exists)
			return st;
		parts = dyn;
	} else {
		id = strtoll(key, NULL, 10);
	}
	for (int i = 0; i < nparts; i++) {
		part_state *ps = &out->p[i];
		const part_state *was = given_part(given, parts[i].name);
		if (was != NULL) {
			*ps = *was;
			continue;
		}
		if ((i == 0 && k->nparts > 0) ||
		    (hash && (shared || strcmp(parts[i].name, SHARED_PART) != 0))) {
			if ((st = part_digest(d, &parts[i], id, ps, e)) != RG_OK)
				return st;
			continue;
		}
		snprintf(ps->name, sizeof ps->name, "%s", parts[i].name);
		ps->shown = parts[i].shown;
		ps->rows = -1;
	}
	out->n = nparts;
	out->exists = k->nparts == 0 || out->p[0].rows > 0;
	return RG_OK;
}

/* The state as entries record it: "run 1 9f…, grades 0, …". */
static void format_state(const rec_state *s, char *out, size_t size)
{
	size_t used = 0;

	out[0] = '\0';
	for (int i = 0; i < s->n && used < size; i++)
		used += (size_t)snprintf(out + used, size - used, "%s%s %ld%s%s", i ? ", " : "",
					 s->p[i].name, s->p[i].rows, s->p[i].hex[0] ? " " : "",
					 s->p[i].hex);
}

/* audit_state, with the parts given hashes taken from it (NULL: none). */
static rg_status state_of(db *d, const char *action, const char *subject,
			  const audit_results *given, char *out, size_t size, rg_err *e)
{
	const state_kind *k = kind_of(action, subject, &subject);
	rec_state s;
	rg_status st;

	out[0] = '\0';
	if (k == NULL)
		return RG_OK;
	if ((st = compute_state(d, k, subject, true, true, k == &kinds[0] ? given : NULL, &s,
				e)) == RG_OK)
		format_state(&s, out, size);
	return st;
}

rg_status audit_state(db *d, const char *action, const char *subject, char *out, size_t size,
		      rg_err *e)
{
	return state_of(d, action, subject, NULL, out, size, e);
}

/* Where the state begins at the end of an entry's detail, and how it ends. */
#define STATE_OPEN " [state "
#define STATE_CLOSE "]"

/* Read the state at the end of detail into *out: false when there is none (the entry
 * predates state digests or was not written by riskgrade); *malformed when it is there
 * but cannot be read. */
static bool parse_state(const char *detail, rec_state *out, bool *malformed)
{
	const char *p = NULL, *q;
	size_t n = strlen(detail);

	memset(out, 0, sizeof *out);
	*malformed = false;
	for (q = strstr(detail, STATE_OPEN); q != NULL; q = strstr(q + 1, STATE_OPEN))
		p = q;
	if (p == NULL || n == 0 || detail[n - 1] != STATE_CLOSE[0])
		return false;
	p += strlen(STATE_OPEN);
	*malformed = true;
	while (out->n < MAX_PARTS) {
		part_state *ps = &out->p[out->n++];
		size_t len = strspn(p, "abcdefghijklmnopqrstuvwxyz"), digits;
		if (len == 0 || len >= sizeof ps->name || p[len] != ' ')
			return true;
		memcpy(ps->name, p, len);
		p += len + 1;
		digits = strspn(p, "0123456789");
		if (digits == 0 || digits > 12)
			return true;
		ps->rows = strtol(p, NULL, 10);
		p += digits;
		if (*p == ' ') {
			if (strspn(p + 1, "0123456789abcdef") != PART_HEX || ps->rows == 0)
				return true;
			memcpy(ps->hex, p + 1, PART_HEX);
			p += 1 + PART_HEX;
		} else if (ps->rows != 0) {
			return true;
		}
		if (strcmp(p, STATE_CLOSE) == 0) {
			*malformed = false;
			return true;
		}
		if (strncmp(p, ", ", 2) != 0)
			return true;
		p += 2;
	}
	return true;
}

/* The failure of an action whose actor nobody named. */
static rg_status unknown_actor(rg_err *e)
{
	return err_set(e, RG_USAGE, "who is acting is unknown: give --by NAME or set $USER");
}

rg_status audit_require_actor(const char *by, const char **actor, rg_err *e)
{
	*actor = audit_actor(by);
	return *actor == NULL || (*actor)[0] == '\0' ? unknown_actor(e) : RG_OK;
}

/* audit_append, with the parts given hashes taken from it (NULL: none). */
static rg_status append(db *d, const char *at, const char *actor, const char *action,
			const char *subject, const char *detail, const audit_results *given,
			rg_err *e)
{
	char prev[SHA_HEX] = AUDIT_GENESIS, hash[SHA_HEX], state[AUDIT_STATE_MAX];
	char *full = NULL;
	db_stmt *s = NULL;
	db *latest;
	int64_t seq = 0;
	size_t size;
	bool row;
	rg_status st;

	if (actor == NULL || actor[0] == '\0')
		return unknown_actor(e); /* the caller's actor as given: no fallback here */
	if ((st = state_of(d, action, subject, given, state, sizeof state, e)) != RG_OK)
		return err_wrap(e, st, "cannot append to the audit log");
	size = strlen(detail) + strlen(state) + sizeof STATE_OPEN + sizeof STATE_CLOSE;
	if ((full = malloc(size)) == NULL)
		return err_set(e, RG_IO, "cannot append to the audit log: out of memory");
	if (state[0] != '\0')
		snprintf(full, size, "%s" STATE_OPEN "%s" STATE_CLOSE, detail, state);
	else
		snprintf(full, size, "%s", detail);
	/* The log's end as committed now, this transaction the only appender until it ends
	 * (another client may have appended since this one began: db_latest). */
	if ((st = db_latest(d, &latest, e)) != RG_OK ||
	    (st = db_prepare(latest, "SELECT seq, hash FROM audit ORDER BY seq DESC LIMIT 1", &s,
			     e)) != RG_OK)
		goto out;
	if ((st = db_step(s, &row, e)) != RG_OK)
		goto out;
	if (row) {
		seq = db_col_int(s, 0);
		snprintf(prev, sizeof prev, "%s", db_col_text(s, 1));
	}
	db_finalize(s);
	s = NULL;
	audit_hash(at, actor, action, subject, full, prev, hash);
	/* seq is one past the last, as SQLite numbers a row (and after a deletion at the end
	 * of the log, the same number again, on either database). */
	if ((st = db_prepare(d, "INSERT INTO audit (seq, at, actor, action, subject, detail,"
				" prev, hash) VALUES (?8, ?1, ?2, ?3, ?4, ?5, ?6, ?7)", &s, e))
	    != RG_OK)
		goto out;
	db_bind_int(s, 8, seq + 1);
	db_bind_text(s, 1, at);
	db_bind_text(s, 2, actor);
	db_bind_text(s, 3, action);
	db_bind_text(s, 4, subject);
	db_bind_text(s, 5, full);
	db_bind_text(s, 6, prev);
	db_bind_text(s, 7, hash);
	if ((st = db_step(s, &row, e)) != RG_OK)
		st = err_wrap(e, st, "cannot append to the audit log");
out:
	db_finalize(s);
	free(full);
	return st;
}

char *audit_format(const char *fmt, ...)
{
	va_list ap;
	char *out;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0 || (out = malloc((size_t)n + 1)) == NULL)
		return NULL;
	va_start(ap, fmt);
	vsnprintf(out, (size_t)n + 1, fmt, ap);
	va_end(ap);
	return out;
}

rg_status audit_append(db *d, const char *at, const char *actor, const char *action,
		       const char *subject, const char *detail, rg_err *e)
{
	return append(d, at, actor, action, subject, detail, NULL, e);
}

rg_status audit_append_run(db *d, const char *at, const char *actor, const char *subject,
			   const char *detail, audit_results *r, rg_err *e)
{
	results_finish(r);
	return append(d, at, actor, kinds[0].action, subject, detail, r, e);
}

const char *audit_actor(const char *by)
{
	const char *user = getenv("USER");

	if (by != NULL && by[0] != '\0')
		return by;
	return user != NULL && user[0] != '\0' ? user : NULL;
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
	long first_state;       /* the first entry with a state digest, 0 before it */
	long plain;             /* entries of existing records before it, */
	long plain_first;       /* the first and the last of them */
	long plain_last;
} verify_state;

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
	text_trim_cut(text);
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
	snprintf(out, size, _("entry %ld (%.*s %.*s, %.*s)"), seq, clip(action, 100), action,
		 clip(subject, 200), subject, clip(at, 40), at);
}

/* Where a link points: "entry 4", or "the start of the log" for seq 0. */
static const char *target(long seq, char *buf, size_t size)
{
	if (seq == 0)
		return _("the start of the log");
	snprintf(buf, size, _("entry %ld"), seq);
	return buf;
}

/* The missing span before entry seq: "entries between 4 and 6" / "entries before entry 6". */
static const char *span(long last, long seq, char *buf, size_t size)
{
	if (last == 0)
		snprintf(buf, size, _("entries before entry %ld"), seq);
	else
		snprintf(buf, size, _("entries between %ld and %ld"), last, seq);
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
			found(v, AUDIT_DELETED, seq,
			      _("%s are missing (deleted, or seq numbers edited)"),
			      span(p->seq, seq, a, sizeof a));
		return RG_OK;
	}
	if (strcmp(prev, p->hash) == 0) {
		if (gap)
			found(v, AUDIT_DELETED, seq,
			      _("%s are missing (deleted, or seq numbers edited): entry %ld "
			        "links to %s"),
			      span(p->seq, seq, a, sizeof a), seq, target(p->seq, b, sizeof b));
		return RG_OK;
	}
	if (strcmp(prev, AUDIT_GENESIS) != 0 &&
	    (st = lookup_hash(v, prev, &hit, &to, e)) != RG_OK)
		return st;
	if (!hit) {
		if (gap)
			found(v, AUDIT_DELETED, seq, _("%s are missing (deleted)"),
			      span(p->seq, seq, a, sizeof a));
		else if (p->seq == 0)
			found(v, AUDIT_DELETED, seq,
			      _("%s links to no entry present: entries before it were deleted "
			        "and the rest renumbered, or it was rewritten"),
			      here);
		else
			found(v, AUDIT_DELETED, seq,
			      _("%s links to no entry present: entries before it were deleted "
			        "and the later ones renumbered, or entry %ld was rewritten "
			        "with a new hash"),
			      here, p->seq);
		return RG_OK;
	}
	if (to < p->seq) {
		if ((st = count_between(v, to, seq, &n, &first, &last, e)) != RG_OK)
			return st;
		if (n == 1)
			found(v, AUDIT_INSERTED, p->seq,
			      _("%s was inserted: entry %ld links to %s"),
			      p->desc, seq, target(to, b, sizeof b));
		else
			found(v, AUDIT_INSERTED, first,
			      _("entries %ld to %ld were inserted, or %s was forged: entry "
			        "%ld links to %s"),
			      first, last, here, seq, target(to, b, sizeof b));
	} else {
		found(v, AUDIT_REORDERED, seq,
		      _("%s links to entry %ld, which comes after it: entries were reordered"),
		      here, to);
	}
	if (gap)
		found(v, AUDIT_DELETED, seq, _("%s are missing (deleted)"),
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
			found(v, AUDIT_REORDERED, seq,
			      _("%s has seq %ld, below 1: seq numbers were edited"),
			      here, seq);
		audit_hash(f[1], f[2], f[3], f[4], f[5], f[6], hash);
		edited = strcmp(hash, f[7]) != 0;
		if (edited)
			found(v, AUDIT_EDITED, seq,
			      _("%s: edited — its content does not match its hash"),
			      here);
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
			found(v, AUDIT_HEAD, 0,
			      _("--head 0:%.*s: entry 0 stands for the empty log, whose hash "
			        "is 64 zeros"),
			      clip(head_hash, 64), head_hash);
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
		found(v, AUDIT_HEAD, to,
		      _("the head recorded as entry %ld (--head) is now entry %ld: entries "
		        "before it were inserted, deleted or renumbered"),
		      head_seq, to);
	} else if (row) {
		const char *now = db_col_text(s, 3);
		describe(here, sizeof here, head_seq, db_col_text(s, 0), db_col_text(s, 1),
			 db_col_text(s, 2));
		found(v, AUDIT_HEAD, head_seq,
		      _("%s has hash %.*s, not %.*s as recorded (--head): the log was "
		        "rewritten at or before entry %ld"),
		      here, clip(now, 64), now, clip(head_hash, 64), head_hash, head_seq);
	} else if (v->sum->entries == 0) {
		found(v, AUDIT_HEAD, 0,
		      _("entry %ld, the head recorded (--head), is not in the log, which is "
		        "empty: the log was truncated"),
		      head_seq);
	} else {
		found(v, AUDIT_HEAD, 0,
		      _("entry %ld, the head recorded (--head), is not in the log, which ends "
		        "at entry %ld: the log was truncated"),
		      head_seq, v->sum->head_seq);
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
	const char *noun;     /* the record in findings: "run" (N_, as expected and why_not) */
	const char *prefix;   /* of the entry's subject: "run:" */
	const char *action;   /* GLOB pattern of the entry's action */
	const char *entry;    /* the entry in findings: "grade" */
	const char *expected; /* the action it should have, in findings */
	const char *table;    /* where the records are */
	const char *logged;   /* SQL: record r must have an entry */
	const char *why_not;  /* finding for an entry naming a record that need not have one */
	const char *describe; /* SQL: record r in findings, by the formats below (?3, ?4...) */
	const char *formats[3]; /* describe's printf formats, translated when bound (N_) */
} xcheck;

static const xcheck xchecks[] = {
	{N_("run"), "run:", "grade", "grade", "grade", "runs",
	 /* Runs older than every run with a created_at predate the audit log. */
	 "(r.created_at IS NOT NULL OR r.id > coalesce("
	 "(SELECT min(id) FROM runs WHERE created_at IS NOT NULL), r.id))",
	 N_("whose created_at is empty, as if it predated the audit log: the run or the entry "
	    "was altered"),
	 "printf(?3, CAST(r.id AS TEXT), r.as_of, CASE WHEN r.created_at IS NULL THEN ?4"
	 " ELSE printf(?5, r.created_at, coalesce(r.actor, '?')) END)",
	 /* TRANSLATORS: a run in a finding of audit verify; the last %s is one of the next
	  * two texts.  These formats are SQLite's printf, which has no %1$s: keep the %d
	  * and %s in their order.  (The numbers are given as text, which %d reads alike on
	  * SQLite and PostgreSQL.) */
	 {N_("run %d (as-of %s, %s)"), N_("no created_at"), N_("recorded %s by %s")}},
	{N_("approval"), "approval:", "approve", "approve", "approve", "approvals", "TRUE", NULL,
	 "printf(?3, CAST(r.id AS TEXT), r.point, r.tier, r.approved_on, r.by)",
	 /* TRANSLATORS: SQLite's printf, as the run's above. */
	 {N_("approval %d (%s %s, approved %s by %s)")}},
	{N_("warning event"), "warning_event:", "warning *", "warning",
	 N_("warning ack, feedback, release or escalate"), "warning_events", "r.by IS NOT NULL",
	 N_("which a grading run made, not a person"),
	 "printf(?3, CAST(r.id AS TEXT), CAST(r.warning AS TEXT), r.action, r.on_date, r.by)",
	 /* TRANSLATORS: SQLite's printf, as the run's above. */
	 {N_("warning event %d (warning %d %s on %s by %s)")}},
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
	"  WHEN NOT coalesce(%s, FALSE) THEN 1 ELSE 2 END"
	" FROM audit a LEFT JOIN %s r ON r.id = CAST(substr(a.subject, length(?1) + 1)"
	"  AS INTEGER)"
	" WHERE substr(a.subject, 1, length(?1)) = ?1"
	"  AND (r.id IS NULL OR a.subject <> ?1 || r.id OR NOT coalesce(%s, FALSE)"
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
	" WHERE coalesce(%s, FALSE) AND a.seq IS NULL"
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
			found(v, AUDIT_UNKNOWN, seq,
			      _("%s names %s %.*s, which does not exist"),
			      here, _(x->noun), clip(id, 100), id);
			break;
		case 1:
			found(v, AUDIT_UNKNOWN, seq, _("%s names %s %.*s, %s"), here, _(x->noun),
			      clip(id, 100), id, _(x->why_not));
			break;
		default:
			found(v, AUDIT_UNKNOWN, seq,
			      _("%s names %s %.*s, but its action should be %s"),
			      here, _(x->noun), clip(id, 100), id, _(x->expected));
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
		found(v, AUDIT_DUPLICATE, seq,
		      _("%s records %s %.*s again (entry %ld already does)"),
		      here, _(x->noun), clip(id, 100), id, (long)db_col_int(s, 4));
	}
	db_finalize(s);
	snprintf(sql, sizeof sql, unlogged_sql, x->describe, x->table, x->logged);
	if (st != RG_OK || (st = prepare_x(v, x, sql, &s, e)) != RG_OK)
		return st;
	for (int i = 0; i < 3 && x->formats[i] != NULL; i++)
		db_bind_text(s, 3 + i, _(x->formats[i]));
	while ((st = db_step(s, &row, e)) == RG_OK && row)
		found(v, AUDIT_UNLOGGED, 0,
		      _("%s has no %s entry in the audit log: its entry was deleted, or the "
		        "%s was written outside riskgrade"),
		      db_col_text(s, 1), x->entry, _(x->noun));
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
		 " WHERE NOT coalesce(%s, FALSE)", xchecks[0].logged);
	if ((st = db_prepare(v->d, sql, &s, e)) != RG_OK)
		return st;
	if ((st = db_step(s, &row, e)) == RG_OK && row) {
		long n = (long)db_col_int(s, 0), lo = (long)db_col_int(s, 1),
		     hi = (long)db_col_int(s, 2);
		if (n == 1)
			found(v, AUDIT_NOTE, 0,
			      _("run %ld was made before the audit log existed (no "
			        "created_at) and is not checked against it"),
			      lo);
		else if (n > 1)
			found(v, AUDIT_NOTE, 0,
			      _("%ld runs (%ld to %ld) were made before the audit log existed "
			        "(no created_at) and are not checked against it"),
			      n, lo, hi);
	}
	db_finalize(s);
	return st;
}

/* ---- the state the entries recorded ---------------------------------------------------- */

/* Join the shown names of the parts of now that differ from those of was (but those not
 * computed) into out, with the counts where those differ: "grades (12 then, 11 now) and
 * flags".  How many parts differ. */
static int differing(const rec_state *was, const rec_state *now, char *out, size_t size)
{
	int idx[MAX_PARTS], n = 0;
	size_t used = 0;

	for (int i = 0; i < now->n; i++)
		if (now->p[i].rows >= 0 &&
		    (was->p[i].rows != now->p[i].rows || strcmp(was->p[i].hex, now->p[i].hex) != 0))
			idx[n++] = i;
	out[0] = '\0';
	for (int j = 0; j < n && used < size; j++) {
		const part_state *w = &was->p[idx[j]], *c = &now->p[idx[j]];
		used += (size_t)snprintf(out + used, size - used, "%s%s", j == 0 ? "" :
					 j == n - 1 ? _(" and ") : ", ", _(c->shown));
		if (used < size && w->rows != c->rows)
			used += (size_t)snprintf(out + used, size - used,
						 _(" (%ld then, %ld now)"), w->rows, c->rows);
	}
	return n;
}

/* Whether the parts of a and b have the same names, in the same order. */
static bool same_parts(const rec_state *a, const rec_state *b)
{
	if (a->n != b->n)
		return false;
	for (int i = 0; i < a->n; i++)
		if (strcmp(a->p[i].name, b->p[i].name) != 0)
			return false;
	return true;
}

/*
 * Check one entry (seq, described by here, of kind k about key) whose record exists and
 * is in state now (its parts that cannot be checked not computed) against the state at
 * the end of its detail.  An entry without one predates state digests while no earlier
 * entry has one, and is a problem after.
 */
static void check_entry_state(verify_state *v, const state_kind *k, const char *key, long seq,
			      const char *here, const char *detail, const rec_state *now)
{
	char list[FINDING_MAX / 2];
	rec_state was;
	bool malformed;

	if (!parse_state(detail, &was, &malformed)) {
		if (v->first_state == 0) {
			if (v->plain++ == 0)
				v->plain_first = seq;
			v->plain_last = seq;
		} else {
			found(v, AUDIT_NO_STATE, seq,
			      _("%s has no state digest, though the entries since entry %ld "
			        "have one: it was forged, or rewritten without it"),
			      here, v->first_state);
		}
		return;
	}
	if (v->first_state == 0)
		v->first_state = seq;
	if (malformed || !same_parts(&was, now))
		found(v, AUDIT_STATE, seq,
		      _("%s: the state digest at the end of its detail is malformed"),
		      here);
	else if (differing(&was, now, list, sizeof list) > 0)
		found(v, AUDIT_STATE, seq, _("%s %.*s: %s differ from %s (entry %ld)"),
		      _(k->noun), clip(key, 100), key, list, _(k->source), seq);
}

/*
 * Check the state every entry recorded against its records as they are now.  Entries
 * naming no record (the cross-checks report them) and edited ones (their content proves
 * nothing; the chain reports them) are passed over.  Only the latest import of a table
 * is checked (the table was rewritten since the others), and the approved tiers and
 * dates of the points only against the latest entry that wrote them (an approval, or an
 * import of points).
 */
static rg_status check_states(verify_state *v, rg_err *e)
{
	db_stmt *s = NULL;
	bool row;
	rg_status st;

	st = db_prepare(v->d, "SELECT seq, action, subject, at, detail, actor, prev, hash,"
			" max(seq) OVER (PARTITION BY action, subject),"
			" (SELECT coalesce(max(seq), 0) FROM audit WHERE action = 'approve'"
			"  OR (action = 'import' AND subject = 'table:" SHARED_TABLE "'))"
			" FROM audit ORDER BY seq", &s, e);
	if (st != RG_OK)
		return st;
	while ((st = db_step(s, &row, e)) == RG_OK && row) {
		const char *f[8], *key;
		const state_kind *k;
		char here[FINDING_MAX / 2], hash[SHA_HEX];
		long seq = (long)db_col_int(s, 0);
		bool latest = db_col_int(s, 8) == seq, shared = db_col_int(s, 9) == seq;
		rec_state now;

		for (int i = 1; i < 8; i++)
			if ((f[i] = db_col_text(s, i)) == NULL) /* only a rebuilt table has NULLs */
				f[i] = "";
		if ((k = kind_of(f[1], f[2], &key)) == NULL)
			continue;
		audit_hash(f[3], f[5], f[1], f[2], f[4], f[6], hash);
		if (strcmp(hash, f[7]) != 0)
			continue;
		if ((st = compute_state(v->d, k, key, k->nparts > 0 || latest, shared, NULL, &now,
					e))
		    != RG_OK)
			break;
		describe(here, sizeof here, seq, f[1], f[2], f[3]);
		if (now.exists)
			check_entry_state(v, k, key, seq, here, f[4], &now);
		else if (k->nparts == 0)
			found(v, AUDIT_UNKNOWN, seq,
			      _("%s names table %.*s, which does not exist"),
			      here, clip(key, 100), key);
	}
	db_finalize(s);
	return st;
}

/* ---- the state the latest entries left ------------------------------------------------ */

/*
 * Compare a record's fields now with what its latest entry left: n fields, named
 * label[i] (marked N_, translated here), now[i] and then[i] (NULL shown as "none").  The
 * ones that differ into diff ("status 解除, due 2027-01-30") and their values then into
 * was ("签收, 2026-12-16"); how many differ.
 */
static int field_diff(int n, const char *const label[], const char *const now[],
		      const char *const then[], char *diff, char *was, size_t size)
{
	size_t du = 0, wu = 0;
	int k = 0;

	diff[0] = was[0] = '\0';
	for (int i = 0; i < n; i++) {
		const char *a = now[i] ? now[i] : _("none"), *b = then[i] ? then[i] : _("none");
		if ((now[i] == NULL) == (then[i] == NULL) && strcmp(a, b) == 0)
			continue;
		if (du < size)
			du += (size_t)snprintf(diff + du, size - du, "%s%s %.*s", k ? ", " : "",
					       _(label[i]), clip(a, 100), a);
		if (wu < size)
			wu += (size_t)snprintf(was + wu, size - wu, "%s%.*s", k ? ", " : "",
					       clip(b, 100), b);
		k++;
	}
	return k;
}

/* The points approved since the latest import of points (which covers the others) whose
 * approved tier and dates are not what their latest approval set. */
static const char points_sql[] =
	"WITH entries AS (SELECT subject, min(seq) AS seq FROM audit WHERE action = 'approve'"
	"  GROUP BY subject),"
	" latest AS (SELECT max(id) AS id FROM approvals GROUP BY point)"
	" SELECT p.code, p.approved_tier, p.approved_on, p.last_graded, a.tier, a.approved_on,"
	"  a.approved_on, a.id, x.seq"
	" FROM latest JOIN approvals a ON a.id = latest.id JOIN points p ON p.code = a.point"
	"  JOIN entries x ON x.subject = 'approval:' || a.id"
	" WHERE x.seq > (SELECT coalesce(max(seq), 0) FROM audit WHERE action = 'import'"
	"   AND subject = 'table:" SHARED_TABLE "')"
	"  AND (p.approved_tier IS NOT a.tier OR p.approved_on IS NOT a.approved_on"
	"   OR p.last_graded IS NOT a.approved_on)"
	" ORDER BY p.code";

/* The warnings whose status, disposition or due date are not what their latest event
 * left, when that event has an entry: a person's step, or a run's. */
static const char warnings_sql[] =
	"WITH steps AS (SELECT subject, min(seq) AS seq FROM audit WHERE action GLOB 'warning *'"
	"  GROUP BY subject),"
	" runs AS (SELECT subject, min(seq) AS seq FROM audit WHERE action = 'grade'"
	"  GROUP BY subject),"
	" latest AS (SELECT max(id) AS id FROM warning_events GROUP BY warning)"
	" SELECT w.id, w.status, w.disposition, w.due, v.status, v.disposition, v.due,"
	"  coalesce(p.seq, r.seq)"
	" FROM latest JOIN warning_events v ON v.id = latest.id JOIN warnings w ON w.id = v.warning"
	"  LEFT JOIN steps p ON v.by IS NOT NULL AND p.subject = 'warning_event:' || v.id"
	"  LEFT JOIN runs r ON v.by IS NULL AND r.subject = 'run:' || v.run"
	" WHERE coalesce(p.seq, r.seq) IS NOT NULL AND (w.status IS NOT v.status"
	"  OR w.disposition IS NOT v.disposition OR w.due IS NOT v.due)"
	" ORDER BY w.id";

/* Each point must hold what its latest approval set, and each warning what its latest
 * step left. */
static rg_status check_current(verify_state *v, rg_err *e)
{
	static const char *const point_labels[] = {N_("approved tier"), N_("approved on"),
						   N_("last graded")};
	static const char *const warning_labels[] = {N_("status"), N_("disposition"), N_("due")};
	char diff[FINDING_MAX / 2], was[FINDING_MAX / 2];
	db_stmt *s = NULL;
	bool row;
	rg_status st;

	if ((st = db_prepare(v->d, points_sql, &s, e)) != RG_OK)
		return st;
	while ((st = db_step(s, &row, e)) == RG_OK && row) {
		const char *now[3], *then[3], *code = db_col_text(s, 0);
		for (int i = 0; i < 3; i++) {
			now[i] = db_col_text(s, 1 + i);
			then[i] = db_col_text(s, 4 + i);
		}
		if (field_diff(3, point_labels, now, then, diff, was, sizeof diff) > 0)
			found(v, AUDIT_STATE, (long)db_col_int(s, 8),
			      _("point %.*s: %s is not the state its latest approval left "
			        "(%s, approval %ld, entry %ld)"),
			      clip(code, 100), code, diff, was, (long)db_col_int(s, 7),
			      (long)db_col_int(s, 8));
	}
	db_finalize(s);
	if (st != RG_OK || (st = db_prepare(v->d, warnings_sql, &s, e)) != RG_OK)
		return st;
	while ((st = db_step(s, &row, e)) == RG_OK && row) {
		const char *now[3], *then[3];
		for (int i = 0; i < 3; i++) {
			now[i] = db_col_text(s, 1 + i);
			then[i] = db_col_text(s, 4 + i);
		}
		if (field_diff(3, warning_labels, now, then, diff, was, sizeof diff) > 0)
			found(v, AUDIT_STATE, (long)db_col_int(s, 7),
			      _("warning %ld: %s is not the state its last step left (%s, "
			        "entry %ld)"),
			      (long)db_col_int(s, 0), diff, was, (long)db_col_int(s, 7));
	}
	db_finalize(s);
	return st;
}

/* Say which entries predate state digests and so were not checked against their
 * records' contents. */
static void note_plain(verify_state *v)
{
	if (v->plain == 1)
		found(v, AUDIT_NOTE, 0,
		      _("entry %ld predates state digests: what its action wrote is not "
		        "checked"),
		      v->plain_first);
	else if (v->plain > 1)
		found(v, AUDIT_NOTE, 0,
		      _("%ld entries (%ld to %ld) predate state digests: what their actions "
		        "wrote is not checked"),
		      v->plain, v->plain_first, v->plain_last);
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
	if ((st = check_states(&v, e)) != RG_OK || (st = check_current(&v, e)) != RG_OK ||
	    (st = note_exempt(&v, e)) != RG_OK)
		goto out;
	note_plain(&v);
out:
	db_finalize(v.between);
	db_finalize(v.by_hash);
	if (v.hashes)
		db_exec(d, "DROP TABLE IF EXISTS temp.audit_verify_hashes", NULL);
	return st;
}

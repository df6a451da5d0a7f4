/*
 * test_audit.c: engine/audit.c on a real SQLite file: the entry hash and the state
 * digest against vectors computed outside the engine, what the state digest covers,
 * appending, and verification: a log of five entries is tampered with in SQL, one way
 * per case (edited, rewritten, inserted, deleted, reordered, truncated, records without
 * entries, entries without records, records changed behind the log's back), and every
 * finding is compared with the line worked out by hand from the case.
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

#include "audit.h"
#include "scratchdb.h"
#include "db.h"

/*
 * The states of the records below, computed outside the engine: a Python script that
 * follows the format of audit.h (Python's sqlite3 for the rows, hashlib for SHA-256,
 * '%.17g' for reals), run on a database with these records.
 */
#define S_RUN1 "run 1 c69a1367dc79d8ae2c159f798bf9b12a," \
	" grades 1 c9d1e396157d89fad871bb57e3e43b62, flags 1 25323acf60f8cb84d3140cc02fc2106c," \
	" warnings 1 3beed22f531dc64ca991ee64688fc1fd, events 1 0f046e14e18d5dd9f86253e8b218d74f"
#define S_RUN2 "run 1 5cc777f5c47ca2010ff14345db31c246, grades 0, flags 0, warnings 0, events 0"
#define S_APPROVAL1 "approval 1 6e7d130fd59297dac6c46c77bd6d2855, cleared 0," \
	" approved 1 a7cd7eee5243af940f31ab97a24e901a"
#define S_EVENT2 "event 1 e08210a4c9213b8f211efe7c45328039," \
	" warning 1 d99cab9e21f81a5d90b1c24d4494427a"
#define S_POINTS "rows 1 551031e83c4911727b79bd0c450d3164," \
	" approved 1 a7cd7eee5243af940f31ab97a24e901a"
#define S_AGENCIES "rows 1 1e856bb5580f33a3019b6df2438910e6"
/* The points with two declared facts of FX-1, score 7 (an integer) and note2 "7" (a
 * text): their rows are followed by the field "facts" and the rows of point_facts. */
#define S_POINTS_FACTS "rows 1 34002f598fe40055787ac085f55f820d," \
	" approved 1 a7cd7eee5243af940f31ab97a24e901a"

/*
 * The stored hashes of the base log below, computed with Python's hashlib over the
 * length-prefixed fields ("20:2026-12-01T09:00:00Z\n9:审核员\n5:grade\n..."), each entry's
 * prev being the hash before it, and its detail "详情 [state S]" with S the state of its
 * record as above.
 */
#define H1 "2bf73d6f0e8ec5f9fa09c3c94baf3f0ec9e315d06849bde33b8eb7075402ea01"
#define H2 "fa967c61bad6e39c343cd646a25452562af36e9cd9a6e3f00ca9cd79b587898b"
#define H3 "0bb557a9672706e0121584354fbe064e64d9b3f54c7ad43c2d429c7680b2eb43"
#define H4 "8288211a33b5c25df570f2f2b43440f432c88033efceba7a86d42299d8e82864"
#define H5 "5dbc0e54c89a4ef75f063532764dc098443a6758379087f6ef89c3f8d7958cbd"
/* Entries 3 to 5 re-chained after 详情 became 改过 in entry 3's detail (same method). */
#define H5_REWRITTEN "ce81c4652e6c539bbe067d70795763881fdc4f72bb3639464095d50afd954be5"

/* The entries of the base log as findings name them. */
#define E1 "entry 1 (grade run:1, 2026-12-01T09:00:00Z)"
#define E2 "entry 2 (grade run:2, 2026-12-01T09:10:00Z)"
#define E3 "entry 3 (approve approval:1, 2026-12-01T09:20:00Z)"
#define E4 "entry 4 (warning ack warning_event:2, 2026-12-01T09:30:00Z)"
#define E5 "entry 5 (grade run:3, 2026-12-01T09:40:00Z)"
#define WHY ": its entry was deleted, or the "

typedef scratchdb fixture;

/* The records: three runs (the first with a grade, its trace, a flag and a pack), an
 * approval of the point, a warning with the engine's event (1) and a person's (2), the
 * point and the warning as those left them; and their entries, one per record, in this
 * order, by 审核员. */
static const char records_sql[] =
	"INSERT INTO agencies VALUES ('A', '甲局', NULL);"
	"INSERT INTO persons (code, name, agency, role) VALUES ('P1', '张三', 'A', '主要领导');"
	"INSERT INTO points (code, agency, level, category, manifestation, approved_tier,"
	"  approved_on, last_graded)"
	"  VALUES ('FX-1', 'A', '单位', '制度机制', '表现', '一级', '2026-12-01', '2026-12-01');"
	"INSERT INTO runs (as_of, engine_version, rules_dir, points, tier1, tier2, tier3,"
	"  flags, warnings, created_at, actor) VALUES"
	"  ('2026-12-01', 't', 'rules', 1, 1, 0, 0, 1, 1, '2026-12-01T09:00:00Z', '审核员'),"
	"  ('2026-12-01', 't', 'rules', 1, 1, 0, 0, 0, 0, '2026-12-01T09:10:00Z', '审核员'),"
	"  ('2026-12-01', 't', 'rules', 1, 1, 0, 0, 0, 0, '2026-12-01T09:40:00Z', '审核员');"
	"INSERT INTO run_packs VALUES (1, 'default', 'rules/default.lua', NULL, 'abc');"
	"INSERT INTO grades (run, point, pack, importance, discretion, likelihood,"
	" harm, score, tier, reasons) VALUES (1, 'FX-1', 'default', 4, 4, 4, 4, 3.5, '一级', '理由');"
	"INSERT INTO traces VALUES (1, 'FX-1', 1, '理由', 'rules/default.lua:10');"
	"INSERT INTO flags (run, point, code, label, evidence)"
	"  VALUES (1, 'FX-1', 'new_signal', '新的风险信息', '信息 1');"
	"INSERT INTO approvals (point, tier, run, approved_on, by, note)"
	"  VALUES ('FX-1', '一级', 2, '2026-12-01', 'P1', '集体审定');"
	"INSERT INTO warnings (run, point, reason, disposition, due, status, text)"
	"  VALUES (1, 'FX-1', '事由', '风险提示', '2026-12-16', '签收', '要求');"
	"INSERT INTO warning_events (warning, action, on_date, by, run, disposition, due,"
	"  status, note) VALUES"
	"  (1, '发布', '2026-12-01', NULL, 1, '风险提示', '2026-12-16', '发布', '事由'),"
	"  (1, '签收', '2026-12-01', 'P1', NULL, '风险提示', '2026-12-16', '签收', '已签收');";

static const struct {
	const char *at, *action, *subject;
} base[] = {
	{"2026-12-01T09:00:00Z", "grade", "run:1"},
	{"2026-12-01T09:10:00Z", "grade", "run:2"},
	{"2026-12-01T09:20:00Z", "approve", "approval:1"},
	{"2026-12-01T09:30:00Z", "warning ack", "warning_event:2"},
	{"2026-12-01T09:40:00Z", "grade", "run:3"},
};

static int setup(void **state)
{
	fixture *f = scratchdb_new("audit", NULL);

	assert_int_equal(db_exec(f->d, records_sql, NULL), RG_OK);
	for (size_t i = 0; i < sizeof base / sizeof base[0]; i++)
		assert_int_equal(audit_append(f->d, base[i].at, "审核员", base[i].action,
					      base[i].subject, "详情", NULL),
				 RG_OK);
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	scratchdb_free(*state);
	return 0;
}

/* ---- helpers ------------------------------------------------------------------------ */

/* The findings of one verification. */
#define MAX_SEEN 16
typedef struct {
	int n;
	audit_kind kind[MAX_SEEN];
	long seq[MAX_SEEN];
	char text[MAX_SEEN][1024];
} seen;

static void collect(void *ctx, const audit_finding *f)
{
	seen *s = ctx;

	if (s->n < MAX_SEEN) {
		s->kind[s->n] = f->kind;
		s->seq[s->n] = f->seq;
		snprintf(s->text[s->n], sizeof s->text[s->n], "%s", f->text);
	}
	s->n++;
}

/* One finding expected. */
typedef struct {
	audit_kind kind;
	long seq;
	const char *text;
} want;

/* Verify d (against head seq:hash when hash is not NULL) and compare every finding
 * with w[0..n-1], in order; problems is how many of them are not notes. */
static void expect(db *d, long head_seq, const char *head_hash, const want *w, int n)
{
	seen *s = calloc(1, sizeof *s);
	audit_summary sum;
	long problems = 0;

	assert_non_null(s);
	assert_int_equal(audit_verify(d, head_seq, head_hash, collect, s, &sum, NULL), RG_OK);
	for (int i = 0; i < n && i < s->n; i++) {
		assert_string_equal(s->text[i], w[i].text);
		assert_int_equal(s->kind[i], w[i].kind);
		assert_int_equal(s->seq[i], w[i].seq);
		problems += w[i].kind != AUDIT_NOTE;
	}
	assert_int_equal(s->n, n);
	assert_int_equal(sum.problems, problems);
	free(s);
}

static void exec(db *d, const char *sql)
{
	assert_int_equal(db_exec(d, sql, NULL), RG_OK);
}

static void text_of(db *d, const char *sql, long seq, char *out, size_t size)
{
	db_stmt *s = NULL;
	bool row;

	assert_int_equal(db_prepare(d, sql, &s, NULL), RG_OK);
	db_bind_int(s, 1, seq);
	assert_int_equal(db_step(s, &row, NULL), RG_OK);
	assert_true(row);
	snprintf(out, size, "%s", db_col_text(s, 0));
	db_finalize(s);
}

/* Insert a forged entry at seq, by 审核员 with detail 详情, linked to prev and with a
 * hash that fits it (a forger who knows the method); its hash into out. */
static void forge(db *d, long seq, const char *at, const char *action, const char *subject,
		  const char *prev, char out[SHA_HEX])
{
	db_stmt *s = NULL;
	bool row;

	audit_hash(at, "审核员", action, subject, "详情", prev, out);
	assert_int_equal(db_prepare(d, "INSERT INTO audit VALUES (?1, ?2, '审核员', ?3, ?4,"
				       " '详情', ?5, ?6)", &s, NULL), RG_OK);
	db_bind_int(s, 1, seq);
	db_bind_text(s, 2, at);
	db_bind_text(s, 3, action);
	db_bind_text(s, 4, subject);
	db_bind_text(s, 5, prev);
	db_bind_text(s, 6, out);
	assert_int_equal(db_step(s, &row, NULL), RG_OK);
	db_finalize(s);
}

/* Re-compute the hash of every entry from seq `from` on, each linked to the stored hash
 * of the one before (from 1: to the start): a forger rewriting the chain. */
static void rechain(db *d, long from)
{
	db_stmt *s = NULL, *u = NULL;
	char prev[SHA_HEX], hash[SHA_HEX];
	bool row;

	if (from == 1)
		snprintf(prev, sizeof prev, "%s", AUDIT_GENESIS);
	else
		text_of(d, "SELECT hash FROM audit WHERE seq = ?1", from - 1, prev, sizeof prev);
	assert_int_equal(db_prepare(d, "SELECT seq, at, actor, action, subject, detail"
				       " FROM audit WHERE seq >= ?1 ORDER BY seq", &s, NULL), RG_OK);
	assert_int_equal(db_prepare(d, "UPDATE audit SET prev = ?2, hash = ?3 WHERE seq = ?1",
				    &u, NULL), RG_OK);
	db_bind_int(s, 1, from);
	while (db_step(s, &row, NULL) == RG_OK && row) {
		audit_hash(db_col_text(s, 1), db_col_text(s, 2), db_col_text(s, 3),
			   db_col_text(s, 4), db_col_text(s, 5), prev, hash);
		db_reset(u);
		db_bind_int(u, 1, db_col_int(s, 0));
		db_bind_text(u, 2, prev);
		db_bind_text(u, 3, hash);
		assert_int_equal(db_step(u, &row, NULL), RG_OK);
		memcpy(prev, hash, sizeof prev);
	}
	db_finalize(u);
	db_finalize(s);
}

/* ---- the hash and the chain --------------------------------------------------------- */

static void test_hash_vectors(void **state)
{
	char out[SHA_HEX];

	(void)state;
	/* "20:2026-12-01T09:00:00Z\n9:审核员\n5:grade\n5:run:1\n6:详情\n64:000…0\n", also
	 * checked with sha256sum over those bytes written out by hand (printf
	 * '20:2026-12-01T09:00:00Z\n9:审核员\n...' | sha256sum). */
	audit_hash("2026-12-01T09:00:00Z", "审核员", "grade", "run:1", "详情", AUDIT_GENESIS,
		   out);
	assert_string_equal(out, "b480f270690cbdf04e55f0cba096921680467747f9d21ffba256eb1388ee561c");
	/* An empty field is "0:\n" (Python hashlib). */
	audit_hash("2026-12-01T09:10:00Z", "审核员", "grade", "run:2", "",
		   "58c302459c84c677303e7b08e3368e13b2be4d9540ed5d24d3f43377ac34f5e5", out);
	assert_string_equal(out,
			    "3e872ce543aa474fa820fe91cf4ac60de03a8f327803be57baedb6e474760111");
	/* Moving text from one field to the next changes the hash. */
	audit_hash("a", "bc", "", "", "", AUDIT_GENESIS, out);
	{
		char other[SHA_HEX];
		audit_hash("ab", "c", "", "", "", AUDIT_GENESIS, other);
		assert_string_not_equal(out, other);
	}
}

static void test_append_links_entries(void **state)
{
	fixture *f = *state;
	static const char *const hashes[] = {H1, H2, H3, H4, H5};
	char prev[SHA_HEX], hash[SHA_HEX];

	for (long seq = 1; seq <= 5; seq++) {
		text_of(f->d, "SELECT prev FROM audit WHERE seq = ?1", seq, prev, sizeof prev);
		text_of(f->d, "SELECT hash FROM audit WHERE seq = ?1", seq, hash, sizeof hash);
		assert_string_equal(prev, seq == 1 ? AUDIT_GENESIS : hashes[seq - 2]);
		assert_string_equal(hash, hashes[seq - 1]);
	}
}

static void test_intact(void **state)
{
	fixture *f = *state;
	audit_summary sum;
	seen *s = calloc(1, sizeof *s);
	char hash[SHA_HEX];
	long seq;

	assert_non_null(s);
	assert_int_equal(audit_verify(f->d, 0, NULL, collect, s, &sum, NULL), RG_OK);
	assert_int_equal(s->n, 0);
	assert_int_equal(sum.entries, 5);
	assert_int_equal(sum.head_seq, 5);
	assert_string_equal(sum.head_hash, H5);
	assert_int_equal(sum.problems, 0);
	assert_int_equal(audit_head(f->d, &seq, hash, NULL), RG_OK);
	assert_int_equal(seq, 5);
	assert_string_equal(hash, H5);
	/* Any earlier head recorded in minutes still matches. */
	expect(f->d, 5, H5, NULL, 0);
	expect(f->d, 2, H2, NULL, 0);
	free(s);
}

static void test_empty_log(void **state)
{
	fixture *f = *state;
	audit_summary sum;
	seen s = {0};
	char hash[SHA_HEX];
	long seq = -1;

	exec(f->d, "DELETE FROM warning_events WHERE id = 2; DELETE FROM approvals;"
		   " UPDATE runs SET created_at = NULL, actor = NULL; DELETE FROM audit");
	assert_int_equal(audit_head(f->d, &seq, hash, NULL), RG_OK);
	assert_int_equal(seq, 0);
	assert_string_equal(hash, AUDIT_GENESIS);
	assert_int_equal(audit_verify(f->d, 0, AUDIT_GENESIS, collect, &s, &sum, NULL), RG_OK);
	assert_int_equal(sum.entries, 0);
	assert_int_equal(sum.head_seq, 0);
	assert_string_equal(sum.head_hash, AUDIT_GENESIS);
	assert_int_equal(sum.problems, 0);
	assert_int_equal(s.n, 1); /* the note on the three runs */
	assert_int_equal(s.kind[0], AUDIT_NOTE);
	assert_string_equal(s.text[0], "3 runs (1 to 3) were made before the audit log existed"
			    " (no created_at) and are not checked against it");
}

/* ---- tampering with the chain ------------------------------------------------------- */

static void test_edited(void **state)
{
	fixture *f = *state;
	const want w[] = {
		{AUDIT_EDITED, 1, E1 ": edited — its content does not match its hash"},
		{AUDIT_EDITED, 3, E3 ": edited — its content does not match its hash"},
	};

	exec(f->d, "UPDATE audit SET detail = '改过' WHERE seq = 3;"
		   "UPDATE audit SET actor = '李四' WHERE seq = 1");
	expect(f->d, 0, NULL, w, 2);
}

static void test_edited_prev_is_not_read_as_a_link(void **state)
{
	fixture *f = *state;
	/* Its prev now points to entry 2, but an edited entry's prev proves nothing: no
	 * "entry 3 was inserted". */
	const want w[] = {
		{AUDIT_EDITED, 4, E4 ": edited — its content does not match its hash"},
	};

	exec(f->d, "UPDATE audit SET prev = '" H2 "' WHERE seq = 4");
	expect(f->d, 0, NULL, w, 1);
}

static void test_rewritten_entry(void **state)
{
	fixture *f = *state;
	const want w[] = {
		{AUDIT_DELETED, 4, E4 " links to no entry present: entries before it were deleted "
				 "and the later ones renumbered, or entry 3 was rewritten with a "
				 "new hash"},
		{AUDIT_NO_STATE, 3, E3 " has no state digest, though the entries since entry 1 "
				    "have one: it was forged, or rewritten without it"},
	};

	/* Entry 3 edited and given a hash that fits: the link from 4 shows it, and the state
	 * digest its detail lost. */
	exec(f->d, "UPDATE audit SET detail = '改过' WHERE seq = 3");
	{
		char hash[SHA_HEX], sql[256];
		audit_hash(base[2].at, "审核员", base[2].action, base[2].subject, "改过", H2, hash);
		snprintf(sql, sizeof sql, "UPDATE audit SET hash = '%s' WHERE seq = 3", hash);
		exec(f->d, sql);
	}
	expect(f->d, 0, NULL, w, 2);
}

static void test_chain_rewritten_to_the_end(void **state)
{
	fixture *f = *state;
	const want w[] = {
		{AUDIT_HEAD, 5, E5 " has hash " H5_REWRITTEN ", not " H5 " as recorded (--head): "
				"the log was rewritten at or before entry 5"},
	};

	/* The limit of a chain kept in the database: rewritten from entry 3 to the end (its
	 * state digest kept), it is intact again; only the head recorded in the minutes
	 * shows it. */
	exec(f->d, "UPDATE audit SET detail = replace(detail, '详情', '改过') WHERE seq = 3");
	rechain(f->d, 3);
	expect(f->d, 0, NULL, NULL, 0);
	expect(f->d, 5, H5, w, 1);
	expect(f->d, 2, H2, NULL, 0); /* a head before the rewrite does not see it */
}

static void test_inserted(void **state)
{
	fixture *f = *state;
	char forged[SHA_HEX];
	const want w[] = {
		{AUDIT_INSERTED, 3, "entry 3 (approve approval:2, 2026-12-01T09:15:00Z) was "
				    "inserted: entry 4 links to entry 2"},
		{AUDIT_HEAD, 4, "the head recorded as entry 3 (--head) is now entry 4: entries "
				"before it were inserted, deleted or renumbered"},
		{AUDIT_UNKNOWN, 3, "entry 3 (approve approval:2, 2026-12-01T09:15:00Z) names "
				   "approval 2, which does not exist"},
	};

	/* Entries 3-5 move to 4-6 and a forged, self-consistent entry 3 links to 2. */
	exec(f->d, "UPDATE audit SET seq = seq + 10 WHERE seq >= 3;"
		   "UPDATE audit SET seq = seq - 9 WHERE seq >= 13");
	forge(f->d, 3, "2026-12-01T09:15:00Z", "approve", "approval:2", H2, forged);
	expect(f->d, 3, H3, w, 3);
}

static void test_inserted_several(void **state)
{
	fixture *f = *state;
	char a[SHA_HEX], b[SHA_HEX];
	const want w[] = {
		{AUDIT_INSERTED, 3, "entries 3 to 4 were inserted, or entry 5 (approve approval:1,"
				    " 2026-12-01T09:20:00Z) was forged: entry 5 links to entry 2"},
		{AUDIT_UNKNOWN, 3, "entry 3 (grade run:9, 2026-12-01T09:11:00Z) names run 9, "
				   "which does not exist"},
		{AUDIT_DUPLICATE, 4, "entry 4 (grade run:1, 2026-12-01T09:12:00Z) records run 1 "
				     "again (entry 1 already does)"},
		{AUDIT_NO_STATE, 4, "entry 4 (grade run:1, 2026-12-01T09:12:00Z) has no state "
				    "digest, though the entries since entry 1 have one: it was "
				    "forged, or rewritten without it"},
	};

	exec(f->d, "UPDATE audit SET seq = seq + 10 WHERE seq >= 3;"
		   "UPDATE audit SET seq = seq - 8 WHERE seq >= 13");
	forge(f->d, 3, "2026-12-01T09:11:00Z", "grade", "run:9", H2, a);
	forge(f->d, 4, "2026-12-01T09:12:00Z", "grade", "run:1", a, b);
	expect(f->d, 0, NULL, w, 4);
}

static void test_inserted_first(void **state)
{
	fixture *f = *state;
	char forged[SHA_HEX];
	const want w[] = {
		{AUDIT_INSERTED, 1, "entry 1 (grade run:3, 2026-12-01T08:00:00Z) was inserted: "
				    "entry 2 links to the start of the log"},
		{AUDIT_DUPLICATE, 6, "entry 6 (grade run:3, 2026-12-01T09:40:00Z) records run 3 "
				     "again (entry 1 already does)"},
		/* Before every entry with a state digest, it looks like one made before them. */
		{AUDIT_NOTE, 0, "entry 1 predates state digests: what its action wrote is not "
				"checked"},
	};

	exec(f->d, "UPDATE audit SET seq = seq + 10; UPDATE audit SET seq = seq - 9");
	forge(f->d, 1, "2026-12-01T08:00:00Z", "grade", "run:3", AUDIT_GENESIS, forged);
	expect(f->d, 0, NULL, w, 3);
}

static void test_deleted(void **state)
{
	fixture *f = *state;
	const want w[] = {
		{AUDIT_DELETED, 4, "entries between 2 and 4 are missing (deleted)"},
		{AUDIT_UNLOGGED, 0, "approval 1 (FX-1 一级, approved 2026-12-01 by P1) has no "
				    "approve entry in the audit log" WHY "approval was written "
				    "outside riskgrade"},
	};

	exec(f->d, "DELETE FROM audit WHERE seq = 3");
	expect(f->d, 0, NULL, w, 2);
}

static void test_deleted_and_renumbered(void **state)
{
	fixture *f = *state;
	const want w[] = {
		{AUDIT_DELETED, 3, "entry 3 (warning ack warning_event:2, 2026-12-01T09:30:00Z) "
				   "links to no entry present: entries before it were deleted and "
				   "the later ones renumbered, or entry 2 was rewritten with a new "
				   "hash"},
		{AUDIT_UNLOGGED, 0, "approval 1 (FX-1 一级, approved 2026-12-01 by P1) has no "
				    "approve entry in the audit log" WHY "approval was written "
				    "outside riskgrade"},
	};

	exec(f->d, "DELETE FROM audit WHERE seq = 3; UPDATE audit SET seq = seq - 1"
		   " WHERE seq > 3");
	expect(f->d, 0, NULL, w, 2);
}

static void test_deleted_first(void **state)
{
	fixture *f = *state;
	const want w[] = {
		{AUDIT_DELETED, 2, "entries before entry 2 are missing (deleted)"},
		{AUDIT_UNLOGGED, 0, "run 1 (as-of 2026-12-01, recorded 2026-12-01T09:00:00Z by "
				    "审核员) has no grade entry in the audit log" WHY "run was "
				    "written outside riskgrade"},
	};

	exec(f->d, "DELETE FROM audit WHERE seq = 1");
	expect(f->d, 0, NULL, w, 2);
}

static void test_deleted_last(void **state)
{
	fixture *f = *state;
	const want w[] = {
		{AUDIT_HEAD, 0, "entry 5, the head recorded (--head), is not in the log, which "
				"ends at entry 4: the log was truncated"},
		{AUDIT_UNLOGGED, 0, "run 3 (as-of 2026-12-01, recorded 2026-12-01T09:40:00Z by "
				    "审核员) has no grade entry in the audit log" WHY "run was "
				    "written outside riskgrade"},
	};

	/* The chain cannot show it; the cross-check and the head can. */
	exec(f->d, "DELETE FROM audit WHERE seq = 5");
	expect(f->d, 0, NULL, w + 1, 1);
	expect(f->d, 5, H5, w, 2);
}

static void test_seq_renumbered(void **state)
{
	fixture *f = *state;
	const want w[] = {
		{AUDIT_DELETED, 7, "entries between 4 and 7 are missing (deleted, or seq numbers "
				   "edited): entry 7 links to entry 4"},
	};

	exec(f->d, "UPDATE audit SET seq = 7 WHERE seq = 5");
	expect(f->d, 0, NULL, w, 1);
}

static void test_reordered(void **state)
{
	fixture *f = *state;
	/* Entries 2 and 3 swap seq numbers: each line names an entry out of place. */
	const want w[] = {
		{AUDIT_REORDERED, 2, "entry 2 (approve approval:1, 2026-12-01T09:20:00Z) links to "
				     "entry 3, which comes after it: entries were reordered"},
		{AUDIT_INSERTED, 2, "entry 2 (approve approval:1, 2026-12-01T09:20:00Z) was "
				    "inserted: entry 3 links to entry 1"},
		{AUDIT_INSERTED, 3, "entry 3 (grade run:2, 2026-12-01T09:10:00Z) was inserted: "
				    "entry 4 links to entry 2"},
	};

	exec(f->d, "UPDATE audit SET seq = 99 WHERE seq = 2; UPDATE audit SET seq = 2"
		   " WHERE seq = 3; UPDATE audit SET seq = 3 WHERE seq = 99");
	expect(f->d, 0, NULL, w, 3);
}

static void test_seq_below_one(void **state)
{
	fixture *f = *state;
	seen *s = calloc(1, sizeof *s);
	audit_summary sum;

	assert_non_null(s);
	exec(f->d, "UPDATE audit SET seq = 0 WHERE seq = 1");
	assert_int_equal(audit_verify(f->d, 0, NULL, collect, s, &sum, NULL), RG_OK);
	assert_true(s->n >= 1);
	assert_int_equal(s->kind[0], AUDIT_REORDERED);
	assert_int_equal(s->seq[0], 0);
	assert_string_equal(s->text[0], "entry 0 (grade run:1, 2026-12-01T09:00:00Z) has seq 0,"
			    " below 1: seq numbers were edited");
	free(s);
}

static void test_long_fields_are_cut_between_characters(void **state)
{
	fixture *f = *state;
	char sql[2048], at[1024] = "", text[1024];
	want w[1];

	/* An `at` of 300 × 审 (3 bytes each) is cut to 40 bytes at most: 13 whole characters
	 * (39 bytes), never half of one. */
	for (int i = 0; i < 300; i++)
		strcat(at, "审");
	snprintf(sql, sizeof sql, "UPDATE audit SET at = '%s' WHERE seq = 2", at);
	exec(f->d, sql);
	at[13 * 3] = '\0';
	/* %.39s: the 13 characters kept above, said so the compiler can bound the output. */
	snprintf(text, sizeof text, "entry 2 (grade run:2, %.39s): edited — its content does "
		 "not match its hash", at);
	w[0].kind = AUDIT_EDITED;
	w[0].seq = 2;
	w[0].text = text;
	expect(f->d, 0, NULL, w, 1);
}

static void test_head_zero(void **state)
{
	fixture *f = *state;
	const want w[] = {
		{AUDIT_HEAD, 0, "--head 0:" H1 ": entry 0 stands for the empty log, whose hash is "
				"64 zeros"},
	};

	expect(f->d, 0, H1, w, 1);
	expect(f->d, 0, AUDIT_GENESIS, NULL, 0);
}

/* ---- cross-checks with the records -------------------------------------------------- */

static void test_record_deleted(void **state)
{
	fixture *f = *state;
	const want w[] = {
		{AUDIT_UNKNOWN, 5, E5 " names run 3, which does not exist"},
	};

	exec(f->d, "DELETE FROM runs WHERE id = 3");
	expect(f->d, 0, NULL, w, 1);
}

static void test_appended_forgeries(void **state)
{
	fixture *f = *state;
	/* Appended through the front door, hashes and all: the chain is fine, the records
	 * are not. */
	const want w[] = {
		{AUDIT_UNKNOWN, 7, "entry 7 (approve run:2, 2026-12-01T10:10:00Z) names run 2, "
				   "but its action should be grade"},
		{AUDIT_UNKNOWN, 6, "entry 6 (warning release warning_event:1, "
				   "2026-12-01T10:00:00Z) names warning event 1, which a grading "
				   "run made, not a person"},
		{AUDIT_UNKNOWN, 8, "entry 8 (warning release warning_event:2x, "
				   "2026-12-01T10:20:00Z) names warning event 2x, which does not "
				   "exist"},
	};

	assert_int_equal(audit_append(f->d, "2026-12-01T10:00:00Z", "审核员", "warning release",
				      "warning_event:1", "详情", NULL), RG_OK);
	assert_int_equal(audit_append(f->d, "2026-12-01T10:10:00Z", "审核员", "approve",
				      "run:2", "详情", NULL), RG_OK);
	assert_int_equal(audit_append(f->d, "2026-12-01T10:20:00Z", "审核员", "warning release",
				      "warning_event:2x", "详情", NULL), RG_OK);
	expect(f->d, 0, NULL, w, 3);
}

static void test_records_without_entries(void **state)
{
	fixture *f = *state;
	const want w[] = {
		{AUDIT_UNLOGGED, 0, "approval 2 (FX-1 二级, approved 2026-12-02 by P1) has no "
				    "approve entry in the audit log" WHY "approval was written "
				    "outside riskgrade"},
		{AUDIT_UNLOGGED, 0, "warning event 3 (warning 1 反馈 on 2026-12-03 by P1) has no "
				    "warning entry in the audit log" WHY "warning event was written "
				    "outside riskgrade"},
		/* The run's event needs no entry of its own, but run 3 did not record it, and
		 * the warning is not in the state that event says it left. */
		{AUDIT_STATE, 5, "run 3: the warning events it recorded (0 then, 1 now) differ "
				 "from what the run recorded (entry 5)"},
		{AUDIT_STATE, 5, "warning 1: status 签收, disposition 风险提示, due 2026-12-16 is "
				 "not the state its last step left (发布, 诫勉谈话, 2027-01-04, "
				 "entry 5)"},
	};

	exec(f->d, "INSERT INTO approvals (point, tier, approved_on, by, note)"
		   "  VALUES ('FX-1', '二级', '2026-12-02', 'P1', '复议');"
		   "INSERT INTO warning_events (warning, action, on_date, by, disposition, due,"
		   "  status, note)"
		   "  VALUES (1, '反馈', '2026-12-03', 'P1', '风险提示', '2026-12-16', '反馈', '已整改');"
		   "INSERT INTO warning_events (warning, action, on_date, run, disposition, due,"
		   "  status, note)"
		   "  VALUES (1, '逾期升级', '2026-12-20', 3, '诫勉谈话', '2027-01-04', '发布', '逾期');");
	expect(f->d, 0, NULL, w, 4);
}

static void test_runs_before_the_log(void **state)
{
	fixture *f = *state;
	const want w[] = {
		{AUDIT_NOTE, 0, "run 1 was made before the audit log existed (no created_at) and "
				"is not checked against it"},
	};

	/* Run 1 predates the log: no created_at, no entry, and the log starts after it. */
	exec(f->d, "UPDATE runs SET created_at = NULL, actor = NULL WHERE id = 1;"
		   "DELETE FROM audit WHERE seq = 1; UPDATE audit SET seq = seq - 1");
	rechain(f->d, 1);
	expect(f->d, 0, NULL, w, 1);
}

static void test_exemption_cannot_be_claimed_later(void **state)
{
	fixture *f = *state;
	const want w[] = {
		{AUDIT_UNLOGGED, 0, "run 3 (as-of 2026-12-01, no created_at) has no grade entry "
				    "in the audit log" WHY "run was written outside riskgrade"},
	};

	/* Erasing created_at of a run made after the log began does not exempt it. */
	exec(f->d, "UPDATE runs SET created_at = NULL WHERE id = 3;"
		   "DELETE FROM audit WHERE seq = 5");
	expect(f->d, 0, NULL, w, 1);
}

static void test_entry_for_an_exempt_run(void **state)
{
	fixture *f = *state;
	const want w[] = {
		{AUDIT_UNKNOWN, 1, E1 " names run 1, whose created_at is empty, as if it "
				   "predated the audit log: the run or the entry was altered"},
		{AUDIT_NOTE, 0, "run 1 was made before the audit log existed (no created_at) and "
				"is not checked against it"},
	};

	exec(f->d, "UPDATE runs SET created_at = NULL WHERE id = 1");
	expect(f->d, 0, NULL, w, 2);
}

/* ---- the state an action left ------------------------------------------------------- */

/* The state of action on subject now. */
static void state_of(db *d, const char *action, const char *subject, char out[AUDIT_STATE_MAX])
{
	assert_int_equal(audit_state(d, action, subject, out, AUDIT_STATE_MAX, NULL), RG_OK);
}

static void test_state_vectors(void **state)
{
	fixture *f = *state;
	char s[AUDIT_STATE_MAX], detail[AUDIT_STATE_MAX + 64];

	state_of(f->d, "grade", "run:1", s);
	assert_string_equal(s, S_RUN1);
	state_of(f->d, "grade", "run:2", s);
	assert_string_equal(s, S_RUN2);
	state_of(f->d, "approve", "approval:1", s);
	assert_string_equal(s, S_APPROVAL1);
	state_of(f->d, "warning ack", "warning_event:2", s);
	assert_string_equal(s, S_EVENT2);
	state_of(f->d, "import", "table:points", s);
	assert_string_equal(s, S_POINTS);
	state_of(f->d, "import", "table:agencies", s);
	assert_string_equal(s, S_AGENCIES);
	/* The entry carries it at the end of its detail. */
	text_of(f->d, "SELECT detail FROM audit WHERE seq = ?1", 1, detail, sizeof detail);
	assert_string_equal(detail, "详情 [state " S_RUN1 "]");
	/* No state: an action that leaves none, an action on another kind of record, an id
	 * not written as riskgrade writes it. */
	state_of(f->d, "export", "run:1", s);
	assert_string_equal(s, "");
	state_of(f->d, "approve", "run:2", s);
	assert_string_equal(s, "");
	state_of(f->d, "grade", "run:01", s);
	assert_string_equal(s, "");
	state_of(f->d, "warning release", "warning_event:2x", s);
	assert_string_equal(s, "");
	/* A record that is not there leaves empty parts; a table that is not there none. */
	state_of(f->d, "grade", "run:9", s);
	assert_string_equal(s, "run 0, grades 0, flags 0, warnings 0, events 0");
	state_of(f->d, "import", "table:nope", s);
	assert_string_equal(s, "");
	/* Declared facts of the points follow their rows (S_POINTS had none, and so no
	 * field "facts": a digest recorded before there were facts still holds). */
	exec(f->d, "INSERT INTO fact_definitions (name, label, belongs_to, type) VALUES"
		   "  ('score', '问卷得分', '风险点', '整数'), ('note2', '备注', '风险点', '文本');"
		   "INSERT INTO point_facts VALUES ('FX-1', 'score', 7), ('FX-1', 'note2', '7')");
	state_of(f->d, "import", "table:points", s);
	assert_string_equal(s, S_POINTS_FACTS);
}

/* A change to the records, and whether the state of action on subject must change. */
typedef struct {
	const char *action, *subject;
	const char *sql;
	bool covered;
} coverage;

static const coverage covers[] = {
	/* A run: its row but engine_version, created_at and actor; its packs, grades (the
	 * score exactly), traces, flags (not cleared_by), the warnings it issued by id, point
	 * and reason, the warning events it recorded. */
	{"grade", "run:1", "UPDATE runs SET as_of = '2026-12-02' WHERE id = 1", true},
	{"grade", "run:1", "UPDATE runs SET scope = 'A' WHERE id = 1", true},
	{"grade", "run:1", "UPDATE runs SET traced = 1 WHERE id = 1", true},
	{"grade", "run:1", "UPDATE runs SET rules_dir = 'rules2' WHERE id = 1", true},
	{"grade", "run:1", "UPDATE runs SET points = 2 WHERE id = 1", true},
	{"grade", "run:1", "UPDATE runs SET tier1 = 0, tier2 = 1 WHERE id = 1", true},
	{"grade", "run:1", "UPDATE runs SET tier3 = 1 WHERE id = 1", true},
	{"grade", "run:1", "UPDATE runs SET flags = 0 WHERE id = 1", true},
	{"grade", "run:1", "UPDATE runs SET warnings = 0 WHERE id = 1", true},
	{"grade", "run:1", "UPDATE runs SET warnings_new = 1 WHERE id = 1", true},
	{"grade", "run:1", "UPDATE runs SET warnings_escalated = 1 WHERE id = 1", true},
	{"grade", "run:1", "UPDATE runs SET engine_version = 'u' WHERE id = 1", false},
	{"grade", "run:1", "UPDATE runs SET created_at = '2026-12-02T00:00:00Z' WHERE id = 1",
	 false},
	{"grade", "run:1", "UPDATE runs SET actor = '李四' WHERE id = 1", false},
	{"grade", "run:1", "UPDATE run_packs SET sha256 = 'abd' WHERE run = 1", true},
	{"grade", "run:1", "UPDATE run_packs SET path = 'rules/x.lua' WHERE run = 1", true},
	{"grade", "run:1", "INSERT INTO run_packs VALUES (1, 'A', 'rules/A.lua', 'default', 'd')",
	 true},
	{"grade", "run:1", "UPDATE grades SET pack = 'A' WHERE run = 1", true},
	{"grade", "run:1", "UPDATE grades SET importance = 5 WHERE run = 1", true},
	{"grade", "run:1", "UPDATE grades SET discretion = 5 WHERE run = 1", true},
	{"grade", "run:1", "UPDATE grades SET likelihood = 5 WHERE run = 1", true},
	{"grade", "run:1", "UPDATE grades SET harm = 5 WHERE run = 1", true},
	{"grade", "run:1", "UPDATE grades SET score = 3.5000000000000004 WHERE run = 1", true},
	{"grade", "run:1", "UPDATE grades SET tier = '二级' WHERE run = 1", true},
	{"grade", "run:1", "UPDATE grades SET reasons = '理由二' WHERE run = 1", true},
	{"grade", "run:1", "UPDATE traces SET source = 'rules/default.lua:11' WHERE run = 1",
	 true},
	{"grade", "run:1", "UPDATE flags SET label = '新标签' WHERE run = 1", true},
	{"grade", "run:1", "UPDATE flags SET evidence = '信息 2' WHERE run = 1", true},
	{"grade", "run:1", "UPDATE flags SET code = 'changed' WHERE run = 1", true},
	{"grade", "run:1", "UPDATE flags SET cleared_by = 2 WHERE run = 1", false},
	{"grade", "run:1", "UPDATE warnings SET reason = '事由二' WHERE id = 1", true},
	{"grade", "run:1", "UPDATE warnings SET status = '解除', disposition = '诫勉谈话',"
	 " due = '2027-01-01', text = '新要求', responsible = 'P1', seen_run = 3,"
	 " issued_on = '2026-12-20' WHERE id = 1", false},
	{"grade", "run:1", "UPDATE warning_events SET note = '另一事由' WHERE id = 1", true},
	{"grade", "run:1", "UPDATE warning_events SET note = '另一意见' WHERE id = 2", false},
	{"grade", "run:1", "UPDATE grades SET tier = '三级', run = 2 WHERE run = 1", true},
	{"grade", "run:1", "UPDATE runs SET tier1 = 9 WHERE id = 2", false},
	/* An approval: its row, the flags it cleared, every point's approved tier and dates. */
	{"approve", "approval:1", "UPDATE approvals SET tier = '二级' WHERE id = 1", true},
	{"approve", "approval:1", "UPDATE approvals SET previous = '三级' WHERE id = 1", true},
	{"approve", "approval:1", "UPDATE approvals SET run = 1 WHERE id = 1", true},
	{"approve", "approval:1", "UPDATE approvals SET computed = '二级' WHERE id = 1", true},
	{"approve", "approval:1", "UPDATE approvals SET approved_on = '2026-12-02' WHERE id = 1",
	 true},
	{"approve", "approval:1", "UPDATE approvals SET note = '改' WHERE id = 1", true},
	{"approve", "approval:1", "UPDATE flags SET cleared_by = 1", true},
	{"approve", "approval:1", "UPDATE flags SET cleared_by = NULL", true},
	{"approve", "approval:1", "UPDATE flags SET label = '另一标签'", false},
	{"approve", "approval:1", "UPDATE points SET approved_tier = '三级'", true},
	{"approve", "approval:1", "UPDATE points SET approved_on = '2026-12-03'", true},
	{"approve", "approval:1", "UPDATE points SET last_graded = '2026-12-03'", true},
	{"approve", "approval:1", "UPDATE points SET manifestation = '另一表现'", false},
	/* A warning step: its event's row; the point and reason of its warning, not the
	 * state later steps change. */
	{"warning ack", "warning_event:2", "UPDATE warning_events SET action = '反馈' WHERE id = 2",
	 true},
	{"warning ack", "warning_event:2",
	 "UPDATE warning_events SET on_date = '2026-12-02' WHERE id = 2", true},
	{"warning ack", "warning_event:2", "UPDATE warning_events SET status = '反馈' WHERE id = 2",
	 true},
	{"warning ack", "warning_event:2",
	 "UPDATE warning_events SET disposition = '诫勉谈话' WHERE id = 2", true},
	{"warning ack", "warning_event:2",
	 "UPDATE warning_events SET due = '2027-01-01' WHERE id = 2", true},
	{"warning ack", "warning_event:2",
	 "UPDATE warning_events SET by = NULL, run = 1 WHERE id = 2", true},
	{"warning ack", "warning_event:2", "UPDATE warning_events SET note = '改' WHERE id = 2",
	 true},
	{"warning ack", "warning_event:2", "UPDATE warnings SET reason = '另一事由'", true},
	{"warning ack", "warning_event:2", "UPDATE warnings SET status = '解除', due = '2027-02-01'",
	 false},
	{"warning ack", "warning_event:2", "UPDATE warning_events SET note = '改' WHERE id = 1",
	 false},
	/* An import: every row and column of its table; NULLs are left out, so a new column
	 * keeps the digest. */
	{"import", "table:points", "UPDATE points SET manifestation = '又一表现'", true},
	{"import", "table:points", "UPDATE points SET category = '业务流程'", true},
	{"import", "table:points", "UPDATE points SET approved_tier = '二级'", true},
	{"import", "table:points", "UPDATE points SET last_graded = '2026-12-05'", true},
	{"import", "table:points", "INSERT INTO points (code, agency, level, category,"
	 " manifestation) VALUES ('FX-2', 'A', '单位', '制度机制', '表现二')", true},
	{"import", "table:points", "ALTER TABLE points ADD COLUMN extra TEXT", false},
	{"import", "table:points", "UPDATE agencies SET name = '乙局'", false},
	{"import", "table:agencies", "UPDATE agencies SET name = '丙局'", true},
	{"import", "table:agencies", "UPDATE points SET manifestation = '第三表现'", false},
	/* The declared facts an import of points, powers or posts stores beside its rows:
	 * each value, its type, a value added or removed; not the definitions (their own
	 * import's), nor another sheet's values. */
	{"import", "table:points", "INSERT INTO fact_definitions (name, label, belongs_to, type)"
	 " VALUES ('score', '问卷得分', '风险点', '整数'), ('ratio', '幅度', '职权', '数值'),"
	 " ('cash', '经手现金', '岗位', '是否')", false},
	{"import", "table:fact_definitions", "UPDATE fact_definitions SET note = '说明'", true},
	{"import", "table:points", "INSERT INTO point_facts VALUES ('FX-1', 'score', 7)", true},
	{"import", "table:points", "UPDATE point_facts SET value = 8", true},
	{"import", "table:points", "UPDATE point_facts SET value = '8'", true},
	{"import", "table:points", "INSERT INTO point_facts VALUES ('FX-2', 'score', 1)", true},
	{"import", "table:agencies", "UPDATE point_facts SET value = 9", false},
	{"import", "table:fact_definitions", "UPDATE point_facts SET value = 6", false},
	{"import", "table:powers", "INSERT INTO powers (code, agency, name, kind)"
	 " VALUES ('Q1', 'A', '处罚', '行政处罚')", true},
	{"import", "table:powers", "INSERT INTO power_facts VALUES ('Q1', 'ratio', 0.5)", true},
	{"import", "table:powers", "UPDATE power_facts SET value = 0.5000000000000001", true},
	{"import", "table:points", "UPDATE power_facts SET value = 0.25", false},
	{"import", "table:posts", "INSERT INTO posts (code, agency, name) VALUES ('G1', 'A', '出纳')",
	 true},
	{"import", "table:posts", "INSERT INTO post_facts VALUES ('G1', 'cash', 1)", true},
	{"import", "table:posts", "UPDATE post_facts SET value = 0", true},
	{"import", "table:powers", "UPDATE post_facts SET value = 1", false},
	{"import", "table:points", "DELETE FROM point_facts", true},
	{"import", "table:posts", "DELETE FROM post_facts", true},
};

static void test_state_coverage(void **state)
{
	fixture *f = *state;
	char before[AUDIT_STATE_MAX], after[AUDIT_STATE_MAX];

	exec(f->d, "PRAGMA foreign_keys = OFF"); /* some changes break references on purpose */
	for (size_t i = 0; i < sizeof covers / sizeof covers[0]; i++) {
		const coverage *c = &covers[i];
		state_of(f->d, c->action, c->subject, before);
		exec(f->d, c->sql);
		state_of(f->d, c->action, c->subject, after);
		if (c->covered ? strcmp(before, after) == 0 : strcmp(before, after) != 0)
			fail_msg("%s %s: %s %s the state (%s)", c->action, c->subject, c->sql,
				 c->covered ? "did not change" : "changed", after);
	}
}

/* ---- records changed behind the log's back ------------------------------------------ */

static void test_grade_changed(void **state)
{
	fixture *f = *state;
	const want w[] = {
		{AUDIT_STATE, 1, "run 1: grades differ from what the run recorded (entry 1)"},
	};

	exec(f->d, "UPDATE grades SET tier = '二级' WHERE run = 1");
	expect(f->d, 0, NULL, w, 1);
}

/*
 * A run hashes its results as it stores them (audit_results): the entry is the one
 * audit_append makes from the stored rows.  Run 1 untraced, with a second flag stored
 * before the first in code order and given in the other order; then the same with a
 * score that differs in the last bit, which must change the grades alone.
 */
static void test_run_results_streamed(void **state)
{
	fixture *f = *state;
	const audit_grade g = {.point = "FX-1", .pack = "default", .importance = 4,
			       .discretion = 4, .likelihood = 4, .harm = 4, .score = 3.5,
			       .tier = "一级", .reasons = "理由"};
	const audit_flag flags[] = {{"new_signal", "新的风险信息", "信息 1"},
				    {"measure_failed", "措施未落实", "措施 2"}};
	audit_grade off = g;
	audit_results *r;
	char s[AUDIT_STATE_MAX], expected[AUDIT_STATE_MAX + 64], got[AUDIT_STATE_MAX + 64];
	char other[AUDIT_STATE_MAX + 64];

	exec(f->d, "DELETE FROM traces; INSERT INTO flags (run, point, code, label, evidence)"
		   "  VALUES (1, 'FX-1', 'measure_failed', '措施未落实', '措施 2')");
	state_of(f->d, "grade", "run:1", s);
	snprintf(expected, sizeof expected, "详情 [state %s]", s);
	assert_non_null(r = audit_results_open());
	audit_results_point(r, &g, flags, 2);
	assert_int_equal(audit_append_run(f->d, "2026-12-01T10:00:00Z", "审核员", "run:1", "详情",
					  r, NULL), RG_OK);
	audit_results_close(r);
	text_of(f->d, "SELECT detail FROM audit WHERE seq = ?1", 6, got, sizeof got);
	assert_string_equal(got, expected);
	off.score = 3.5000000000000004; /* the next double after 3.5 */
	assert_non_null(r = audit_results_open());
	audit_results_point(r, &off, flags, 2);
	assert_int_equal(audit_append_run(f->d, "2026-12-01T10:10:00Z", "审核员", "run:1", "详情",
					  r, NULL), RG_OK);
	audit_results_close(r);
	text_of(f->d, "SELECT detail FROM audit WHERE seq = ?1", 7, other, sizeof other);
	assert_string_not_equal(other, expected);
	/* The part "grades" differs, from its 32 hex digits on; "run" before it does not,
	 * nor "flags" after it. */
	assert_memory_equal(other, expected, strlen("详情 [state run 1 ") + 32 + strlen(", grades 1 "));
	assert_string_equal(strstr(other, ", flags"), strstr(expected, ", flags"));
}

static void test_run_counts_changed(void **state)
{
	fixture *f = *state;
	const want w[] = {
		{AUDIT_STATE, 1, "run 1: its as-of, scope, rules, counts and packs differ from what "
				 "the run recorded (entry 1)"},
	};

	exec(f->d, "UPDATE runs SET tier1 = 0, tier2 = 1 WHERE id = 1");
	expect(f->d, 0, NULL, w, 1);
}

static void test_grades_deleted(void **state)
{
	fixture *f = *state;
	const want w[] = {
		{AUDIT_STATE, 1, "run 1: grades (1 then, 0 now) and flags (1 then, 0 now) differ "
				 "from what the run recorded (entry 1)"},
	};

	exec(f->d, "DELETE FROM traces WHERE run = 1; DELETE FROM grades WHERE run = 1;"
		   "DELETE FROM flags WHERE run = 1");
	expect(f->d, 0, NULL, w, 1);
}

static void test_approved_tier_changed(void **state)
{
	fixture *f = *state;
	const want w[] = {
		{AUDIT_STATE, 3, "approval 1: the approved tiers and dates of all points differ "
				 "from what the approval recorded (entry 3)"},
		{AUDIT_STATE, 3, "point FX-1: approved tier 二级, last graded none is not the state "
				 "its latest approval left (一级, 2026-12-01, approval 1, entry 3)"},
	};

	exec(f->d, "UPDATE points SET approved_tier = '二级', last_graded = NULL");
	expect(f->d, 0, NULL, w, 2);
}

static void test_warning_deleted(void **state)
{
	fixture *f = *state;
	const want w[] = {
		{AUDIT_STATE, 1, "run 1: the warnings it issued (1 then, 0 now) differ from what "
				 "the run recorded (entry 1)"},
		{AUDIT_STATE, 4, "warning event 2: its warning's point and reason (1 then, 0 now) "
				 "differ from what the step recorded (entry 4)"},
	};

	exec(f->d, "PRAGMA foreign_keys = OFF; DELETE FROM warnings WHERE id = 1");
	expect(f->d, 0, NULL, w, 2);
}

static void test_warning_status_changed(void **state)
{
	fixture *f = *state;
	const want w[] = {
		{AUDIT_STATE, 4, "warning 1: status 解除 is not the state its last step left (签收, "
				 "entry 4)"},
	};

	exec(f->d, "UPDATE warnings SET status = '解除'");
	expect(f->d, 0, NULL, w, 1);
}

static void test_warning_event_by_a_run(void **state)
{
	fixture *f = *state;
	const want w[] = {
		{AUDIT_STATE, 1, "warning 1: disposition 诫勉谈话 is not the state its last step "
				 "left (风险提示, entry 1)"},
	};

	/* The person's step is gone (with its entry, renumbered and re-chained): the latest
	 * event is run 1's, whose entry covers it. */
	exec(f->d, "DELETE FROM warning_events WHERE id = 2; DELETE FROM audit WHERE seq = 4;"
		   "UPDATE audit SET seq = 4 WHERE seq = 5;"
		   "UPDATE warnings SET status = '发布', disposition = '诫勉谈话'");
	rechain(f->d, 4);
	expect(f->d, 0, NULL, w, 1);
}

static void test_imports(void **state)
{
	fixture *f = *state;
	char prev[SHA_HEX], forged[SHA_HEX];
	const want w[] = {
		{AUDIT_STATE, 6, "table points: its rows differ from what its latest import left "
				 "(entry 6)"},
	};
	const want w2[] = {
		{AUDIT_NO_STATE, 8, "entry 8 (import table:points, 2026-12-02T10:00:00Z) has "
				    "no state digest, though the entries since entry 1 have one: it "
				    "was forged, or rewritten without it"},
	};

	assert_int_equal(audit_append(f->d, "2026-12-02T09:00:00Z", "审核员", "import",
				      "table:points", "p.csv", NULL), RG_OK);
	assert_int_equal(audit_append(f->d, "2026-12-02T09:10:00Z", "审核员", "import",
				      "table:agencies", "a.csv", NULL), RG_OK);
	expect(f->d, 0, NULL, NULL, 0);
	exec(f->d, "UPDATE points SET manifestation = '改过的表现'");
	expect(f->d, 0, NULL, w, 1);
	/* A forged import after it, without the state: only the latest import is checked,
	 * and it has none. */
	text_of(f->d, "SELECT hash FROM audit WHERE seq = ?1", 7, prev, sizeof prev);
	forge(f->d, 8, "2026-12-02T10:00:00Z", "import", "table:points", prev, forged);
	expect(f->d, 0, NULL, w2, 1);
}

static void test_import_of_no_table(void **state)
{
	fixture *f = *state;
	char forged[SHA_HEX];
	const want w[] = {
		{AUDIT_UNKNOWN, 6, "entry 6 (import table:nope, 2026-12-02T10:00:00Z) names table "
				   "nope, which does not exist"},
	};

	forge(f->d, 6, "2026-12-02T10:00:00Z", "import", "table:nope", H5, forged);
	expect(f->d, 0, NULL, w, 1);
}

static void test_import_then_approval(void **state)
{
	fixture *f = *state;
	const want w[] = {
		{AUDIT_STATE, 6, "table points: its rows (1 then, 2 now) differ from what its "
				 "latest import left (entry 6)"},
		{AUDIT_STATE, 7, "approval 2: the approved tiers and dates of all points (1 then, 2 "
				 "now) differ from what the approval recorded (entry 7)"},
	};

	/* Points imported, then approved: the approved tiers and dates are the approval's
	 * now, no longer the import's, whose rows are still checked. */
	assert_int_equal(audit_append(f->d, "2026-12-02T09:00:00Z", "审核员", "import",
				      "table:points", "p.csv", NULL), RG_OK);
	exec(f->d, "INSERT INTO approvals (point, tier, previous, approved_on, by, note)"
		   "  VALUES ('FX-1', '二级', '一级', '2026-12-02', 'P1', '复议');"
		   "UPDATE points SET approved_tier = '二级', approved_on = '2026-12-02',"
		   "  last_graded = '2026-12-02'");
	assert_int_equal(audit_append(f->d, "2026-12-02T09:10:00Z", "审核员", "approve",
				      "approval:2", "复议", NULL), RG_OK);
	expect(f->d, 0, NULL, NULL, 0);
	/* A point added behind riskgrade's back: both see it. */
	exec(f->d, "INSERT INTO points (code, agency, level, category, manifestation,"
		   "  approved_tier, approved_on) VALUES ('FX-2', 'A', '单位', '制度机制', '表现二',"
		   "  '三级', '2026-11-01')");
	expect(f->d, 0, NULL, w, 2);
}

static void test_states_predating_digests(void **state)
{
	fixture *f = *state;
	const want w[] = {
		{AUDIT_NOTE, 0, "2 entries (1 to 2) predate state digests: what their actions wrote "
				"is not checked"},
	};

	/* Entries 1 and 2 as riskgrade wrote them before entries recorded a state; grades
	 * changed since are not seen. */
	exec(f->d, "UPDATE audit SET detail = '详情' WHERE seq <= 2;"
		   "UPDATE grades SET tier = '三级'");
	rechain(f->d, 1);
	expect(f->d, 0, NULL, w, 1);
}

static void test_state_malformed(void **state)
{
	fixture *f = *state;
	const want w[] = {
		{AUDIT_STATE, 2, E2 ": the state digest at the end of its detail is malformed"},
		{AUDIT_STATE, 3, E3 ": the state digest at the end of its detail is malformed"},
	};

	exec(f->d, "UPDATE audit SET detail = '详情 [state run 1 abc]' WHERE seq = 2;"
		   "UPDATE audit SET detail = '详情 [state approval 1 "
		   "6e7d130fd59297dac6c46c77bd6d2855, cleared 0]' WHERE seq = 3");
	rechain(f->d, 2);
	expect(f->d, 0, NULL, w, 2);
}

static void test_unknown_actor(void **state)
{
	fixture *f = *state;
	rg_err e = {{0}};
	char n[16];

	assert_int_equal(audit_append(f->d, "2026-12-02T09:00:00Z", NULL, "grade", "run:2",
				      "详情", &e), RG_USAGE);
	assert_string_equal(e.msg, "who is acting is unknown: give --by NAME or set $USER");
	assert_int_equal(audit_append(f->d, "2026-12-02T09:00:00Z", "", "grade", "run:2",
				      "详情", &e), RG_USAGE);
	text_of(f->d, "SELECT count(*) FROM audit WHERE ?1", 1, n, sizeof n);
	assert_string_equal(n, "5");
	assert_int_equal(setenv("USER", "tester", 1), 0);
	assert_string_equal(audit_actor("P1"), "P1");
	assert_string_equal(audit_actor(NULL), "tester");
	assert_string_equal(audit_actor(""), "tester");
	assert_int_equal(setenv("USER", "", 1), 0);
	assert_null(audit_actor(NULL));
	assert_int_equal(unsetenv("USER"), 0);
	assert_null(audit_actor(""));
	assert_string_equal(audit_actor("P1"), "P1");
}

static void test_database_failure(void **state)
{
	fixture *f = *state;
	audit_summary sum;
	seen s = {0};
	rg_err e = {{0}};

	exec(f->d, "DROP TABLE audit");
	assert_int_equal(audit_verify(f->d, 0, NULL, collect, &s, &sum, &e), RG_DB);
	assert_non_null(strstr(e.msg, "audit"));
}

int main(void)
{
#define T(name) cmocka_unit_test_setup_teardown(name, setup, teardown)
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_hash_vectors),
		T(test_append_links_entries),
		T(test_intact),
		T(test_empty_log),
		T(test_edited),
		T(test_edited_prev_is_not_read_as_a_link),
		T(test_rewritten_entry),
		T(test_chain_rewritten_to_the_end),
		T(test_inserted),
		T(test_inserted_several),
		T(test_inserted_first),
		T(test_deleted),
		T(test_deleted_and_renumbered),
		T(test_deleted_first),
		T(test_deleted_last),
		T(test_seq_renumbered),
		T(test_reordered),
		T(test_seq_below_one),
		T(test_long_fields_are_cut_between_characters),
		T(test_head_zero),
		T(test_record_deleted),
		T(test_appended_forgeries),
		T(test_records_without_entries),
		T(test_runs_before_the_log),
		T(test_exemption_cannot_be_claimed_later),
		T(test_entry_for_an_exempt_run),
		T(test_state_vectors),
		T(test_state_coverage),
		T(test_grade_changed),
		T(test_run_results_streamed),
		T(test_run_counts_changed),
		T(test_grades_deleted),
		T(test_approved_tier_changed),
		T(test_warning_deleted),
		T(test_warning_status_changed),
		T(test_warning_event_by_a_run),
		T(test_imports),
		T(test_import_of_no_table),
		T(test_import_then_approval),
		T(test_states_predating_digests),
		T(test_state_malformed),
		T(test_unknown_actor),
		T(test_database_failure),
	};
#undef T
	return cmocka_run_group_tests(tests, NULL, NULL);
}

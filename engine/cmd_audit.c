/*
 * cmd_audit.c: `riskgrade audit`, the audit log seen by people: verify the hash chain and
 * cross-check it with the records it is about, list its entries, print its head for the
 * minutes.  Depends on audit.h, db.h, out.h, args.h, status.h.
 */
#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "args.h"
#include "audit.h"
#include "cmd.h"
#include "i18n.h"
#include "db.h"
#include "out.h"

static const char usage[] =
	"riskgrade audit DB verify [--head SEQ:HASH] | list [--format table|csv|json|xlsx]"
	" [-o FILE] | head";

static const char help[] =
	N_("usage: riskgrade audit DB verify [--head SEQ:HASH]\n"
	"       riskgrade audit DB list [--format table|csv|json|xlsx] [-o FILE]\n"
	"       riskgrade audit DB head\n"
	"\n"
	"The audit log (审计日志) of DB has one entry for every human action: imports, grading\n"
	"runs, approvals (集体审定), warning transitions (签收, 反馈, 解除, 升级): when, who, what\n"
	"(action), on what record (subject) and a detail.  Each entry stores the SHA-256 of its\n"
	"own fields and of the entry before it (prev), so the entries form a chain.\n"
	"\n"
	"  verify   re-compute the chain in seq order and report every problem, one line each,\n"
	"           naming the entry (seq, action, subject, time):\n"
	"             edited    an entry whose content no longer matches its hash;\n"
	"             inserted  an entry its successor skips, linking to the entry before it;\n"
	"             deleted   a gap in the seq numbers, or an entry linked to no entry\n"
	"                       present;\n"
	"             reordered an entry linked to one that comes after it;\n"
	"           then cross-check the log with the records it is about: every run has one\n"
	"           grade entry (subject run:N), every approval one approve entry\n"
	"           (approval:N), every warning transition made by a person one warning entry\n"
	"           (warning_event:N), and every entry names a record that exists.  Runs made\n"
	"           before the log existed (no created_at) are not checked; a note says so.\n"
	"           Each entry also records the state its action left (\"[state ...]\" at the\n"
	"           end of its detail: the rows the run, approval, step or import wrote,\n"
	"           counted and hashed); verify recomputes it and names every record that no\n"
	"           longer matches (of imports, the latest of each table), then checks that\n"
	"           each point holds what its latest approval set and each warning the state\n"
	"           its latest step left.  Entries older than state digests get a note.\n"
	"           Exit 0 and \"audit log intact: N entries, head SEQ:HASH\" when all is well,\n"
	"           exit 1 with one line per problem otherwise.\n"
	"  list     the entries, oldest first; the table shows the first 12 digits of each\n"
	"           hash, CSV, JSON and XLSX (the sheet 审计日志) all of it, and the hash\n"
	"           before it (JSON keys: seq, at, actor, action, subject, detail, prev,\n"
	"           hash).\n"
	"  head     the last entry as SEQ:HASH, to write into the minutes of a review meeting.\n"
	"\n"
	"  --head SEQ:HASH  (verify) a head recorded earlier, outside the database: entry SEQ\n"
	"                   must still be there with that hash\n"
	"\n"
	"With list:\n")
	OUT_HELP
	N_("\n"
	"What verify cannot see on its own: the chain is kept in the same database as the\n"
	"records, so whoever can write the database can rewrite every entry from a tampered\n"
	"one onward with states and hashes that fit, and change the records to match; the\n"
	"chain is then intact again.  Deleting the last entries leaves no break either (the\n"
	"cross-checks find it when a record lost its entry).  What closes the gap is a copy\n"
	"of the head kept elsewhere: write `riskgrade audit DB head` into the minutes of each\n"
	"review meeting and verify later with --head SEQ:HASH; a log rewritten or truncated\n"
	"at or before that entry no longer matches it.  Entries appended after the recorded\n"
	"head are covered only by the chain and the cross-checks until the next head is\n"
	"recorded.\n");

/* Print a finding of audit_verify: problems as they are, notes marked as such. */
static void print_finding(void *ctx, const audit_finding *f)
{
	(void)ctx;
	printf("%s%s\n", f->kind == AUDIT_NOTE ? _("note: ") : "", f->text);
}

/* Parse --head SEQ:HASH: SEQ a number from 0, HASH 64 hex digits (lowercased into hash). */
static rg_status parse_head(const char *text, long *seq, char hash[SHA_HEX], rg_err *e)
{
	char *end;
	size_t n;

	errno = 0;
	*seq = isdigit((unsigned char)text[0]) ? strtol(text, &end, 10) : -1;
	if (*seq < 0 || errno != 0 || *end != ':')
		goto bad;
	n = strlen(end + 1);
	if (n != SHA_HEX - 1)
		goto bad;
	for (size_t i = 0; i < n; i++) {
		if (!isxdigit((unsigned char)end[1 + i]))
			goto bad;
		hash[i] = (char)tolower((unsigned char)end[1 + i]);
	}
	hash[n] = '\0';
	return RG_OK;
bad:
	return err_set(e, RG_USAGE, "--head: expected SEQ:HASH as `riskgrade audit DB head` "
		       "prints it (a number, a colon, 64 hex digits), got \"%s\"", text);
}

/* verify: check the log of d (at path), against the head seq:hash when hash is not
 * NULL; print the findings and a summary line. */
static rg_status verify(db *d, const char *path, long seq, const char *hash, rg_err *e)
{
	audit_summary sum;
	rg_status st;

	/* One read transaction: a run committed meanwhile is seen with its entry or not at
	 * all. */
	if ((st = db_exec(d, "BEGIN", e)) != RG_OK)
		return st;
	st = audit_verify(d, seq, hash, print_finding, NULL, &sum, e);
	db_rollback(d);
	if (st != RG_OK)
		return st;
	/* err_set looks the translated format up again, finds nothing and keeps it. */
	if (sum.problems > 0)
		return err_set(e, RG_FAILED, ngettext(
"%s: the audit log has %ld problem",
						      "%s: the audit log has %ld problems",
						      sum.problems), path, sum.problems);
	printf(ngettext("audit log intact: %ld entry, head %ld:%s\n",
			"audit log intact: %ld entries, head %ld:%s\n", sum.entries), sum.entries,
	       sum.head_seq, sum.head_hash);
	return RG_OK;
}

/* list: the entries of d, oldest first, to t. */
static rg_status list(db *d, const out_target *t, rg_err *e)
{
	static const out_col cols[] = {
		{"序号", "seq"},     {"时间", "at"},     {"操作人", "actor"},
		{"操作", "action"},  {"对象", "subject"}, {"详情", "detail"},
		{"前一哈希", "prev"}, {"哈希", "hash"},
	};
	static const out_col table_cols[] = {
		{"序号", "seq"},    {"时间", "at"},      {"操作人", "actor"}, {"操作", "action"},
		{"对象", "subject"}, {"哈希", "hash"},   {"详情", "detail"},
	};
	db_stmt *s = NULL;
	long n = 0;
	rg_status st;

	bool table = t->fmt == OUT_TABLE;

	if (table)
		st = db_prepare(d, "SELECT seq, at, actor, action, subject, substr(hash, 1, 12),"
				   " detail FROM audit ORDER BY seq", &s, e);
	else
		st = db_prepare(d, "SELECT seq, at, actor, action, subject, detail, prev, hash"
				   " FROM audit ORDER BY seq", &s, e);
	if (st == RG_OK)
		st = out_write(t, &(out_list){"审计日志", NULL, table ? table_cols : cols,
					      table ? 7 : 8}, s, &n, e);
	if (st == RG_OK && table)
		printf(ngettext("%ld entry\n", "%ld entries\n", n), n);
	db_finalize(s);
	return st;
}

/* head: print the last entry as SEQ:HASH. */
static rg_status head(db *d, rg_err *e)
{
	char hash[SHA_HEX];
	long seq;
	rg_status st;

	if ((st = audit_head(d, &seq, hash, e)) == RG_OK)
		printf("%ld:%s\n", seq, hash);
	return st;
}

static bool is_action(const char *s)
{
	return strcmp(s, "verify") == 0 || strcmp(s, "list") == 0 || strcmp(s, "head") == 0;
}

rg_status cmd_audit(int argc, char **argv, rg_err *e)
{
	const char *pos[2], *head_text = NULL, *format = NULL, *output = NULL, *action;
	arg_opt opts[] = {{"--head", &head_text, NULL}, {"--format", &format, NULL},
			  {"-o", &output, NULL}, {"--output", &output, NULL},
			  {NULL, NULL, NULL}};
	out_target t;
	char hash[SHA_HEX];
	long seq = 0;
	bool helped;
	int npos;
	db *d = NULL;
	rg_status st;

	st = args_parse(argc, argv, opts, pos, 2, 2, &npos, &helped, usage, help, e);
	if (st != RG_OK || helped)
		return st;
	action = pos[1];
	if (!is_action(action)) {
		if (is_action(pos[0]))
			return err_set(e, RG_USAGE, "audit: the database comes first: riskgrade "
				       "audit %s %s\nusage: %s", action, pos[0], usage);
		return err_set(e, RG_USAGE, "audit: unknown action \"%s\": expected verify, list "
			       "or head\nusage: %s", action, usage);
	}
	if (head_text != NULL && strcmp(action, "verify") != 0)
		return err_set(e, RG_USAGE, "audit: --head goes with verify, not %s\nusage: %s",
			       action, usage);
	if ((format != NULL || output != NULL) && strcmp(action, "list") != 0)
		return err_set(e, RG_USAGE, "audit: %s goes with list, not %s\nusage: %s",
			       format != NULL ? "--format" : "-o", action, usage);
	if (strcmp(action, "list") == 0 &&
	    (st = out_choose("audit list", format, output, pos[0], OUT_ALL, &t, e)) != RG_OK)
		return st;
	if (head_text != NULL && (st = parse_head(head_text, &seq, hash, e)) != RG_OK)
		return st;
	if ((st = db_open(pos[0], &d, e)) != RG_OK)
		return st;
	if (strcmp(action, "verify") == 0)
		st = verify(d, pos[0], seq, head_text ? hash : NULL, e);
	else if (strcmp(action, "list") == 0)
		st = list(d, &t, e);
	else
		st = head(d, e);
	db_close(d);
	return st;
}

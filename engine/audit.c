/*
 * audit.c: appending to the audit log's hash chain.  Depends on db.h, sha.h, status.h.
 */
#include "audit.h"

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

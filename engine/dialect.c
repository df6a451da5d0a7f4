/*
 * dialect.c: SQLite's SQL rewritten for PostgreSQL, token by token (see dialect.h for the
 * rules).  A token is a quoted text, a quoted name, a comment, a word, a parameter, a run
 * of blanks, or one other character; only words and parameters are ever rewritten.
 * Depends on nothing but libc.
 */
#include "dialect.h"

#include <ctype.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* The deepest nesting of parentheses whose ORDER BY clauses are followed. */
#define MAX_DEPTH 32

/* The text being written: grows as needed; failed once memory ran out. */
typedef struct buf {
	char *s;
	size_t len, cap;
	bool failed;
} buf;

static void put(buf *b, const char *s, size_t n)
{
	if (b->failed)
		return;
	if (b->len + n + 1 > b->cap) {
		size_t cap = 2 * (b->len + n + 1);
		char *grown = realloc(b->s, cap);
		if (grown == NULL) {
			b->failed = true;
			return;
		}
		b->s = grown;
		b->cap = cap;
	}
	memcpy(b->s + b->len, s, n);
	b->len += n;
	b->s[b->len] = '\0';
}

static void puts_(buf *b, const char *s)
{
	put(b, s, strlen(s));
}

/* The length of the token at p (at least 1; 0 at the end). */
static size_t token(const char *p)
{
	const char *q = p;

	if (*p == '\0')
		return 0;
	if (*p == '\'' || *p == '"') {  /* '' inside a text is two tokens: still the same */
		q = strchr(p + 1, *p);
		return q ? (size_t)(q + 1 - p) : strlen(p);
	}
	if (p[0] == '-' && p[1] == '-')
		return strcspn(p, "\n");
	if (p[0] == '/' && p[1] == '*') {
		q = strstr(p + 2, "*/");
		return q ? (size_t)(q + 2 - p) : strlen(p);
	}
	if (isspace((unsigned char)*p)) {
		while (isspace((unsigned char)*q))
			q++;
		return (size_t)(q - p);
	}
	if (isalnum((unsigned char)*p) || *p == '_' || (unsigned char)*p >= 0x80) {
		while (isalnum((unsigned char)*q) || *q == '_' || (unsigned char)*q >= 0x80)
			q++;
		return (size_t)(q - p);
	}
	if (*p == '?') {
		q++;
		while (isdigit((unsigned char)*q))
			q++;
		return (size_t)(q - p);
	}
	return 1;
}

/* Whether the token at p (of length n) is the word w, in any case. */
static bool is(const char *p, size_t n, const char *w)
{
	return n == strlen(w) && strncasecmp(p, w, n) == 0;
}

/* The next token after p that is not blank or a comment (its length into *n). */
static const char *next(const char *p, size_t *n)
{
	p += token(p);
	while (*p != '\0' && (isspace((unsigned char)*p) || (p[0] == '-' && p[1] == '-') ||
			      (p[0] == '/' && p[1] == '*')))
		p += token(p);
	*n = token(p);
	return p;
}

/* An ORDER BY clause being followed: its items get SQLite's place for NULL. */
typedef struct order {
	int depth;      /* the parenthesis depth of the clause */
	bool desc;      /* the current item is DESC */
	bool nulls;     /* the current item says where its NULLs go */
} order;

/* End the current ORDER BY item: say where its NULLs go, as SQLite puts them. */
static void end_item(buf *b, order *o)
{
	if (!o->nulls)
		puts_(b, o->desc ? " NULLS LAST" : " NULLS FIRST");
	o->desc = false;
	o->nulls = false;
}

/* Whether the word at p ends an ORDER BY clause. */
static bool ends_order(const char *p, size_t n)
{
	static const char *const words[] = { "LIMIT", "OFFSET", "UNION", "EXCEPT", "INTERSECT",
					     "WINDOW", "FOR", NULL };

	for (int i = 0; words[i] != NULL; i++)
		if (is(p, n, words[i]))
			return true;
	return false;
}

/* Whether the word at p (of length n) cannot be a table's alias: the clause after one. */
static bool clause_word(const char *p, size_t n)
{
	static const char *const words[] = { "WHERE", "GROUP", "ORDER", "LIMIT", "OFFSET",
					     "UNION", "EXCEPT", "INTERSECT", "JOIN", "LEFT",
					     "RIGHT", "INNER", "CROSS", "NATURAL", "FULL", "ON",
					     "USING", "HAVING", "WINDOW", NULL };

	for (int i = 0; words[i] != NULL; i++)
		if (is(p, n, words[i]))
			return true;
	return false;
}

char *dialect_pg(const char *sql, int *params)
{
	buf b = { 0 };
	order orders[MAX_DEPTH];
	bool derived[MAX_DEPTH + 1] = { false };  /* the parenthesis is FROM's (JOIN's) table */
	int norders = 0, depth = 0, top = 0, aliases = 0;
	bool statement_start = true, after_from = false, after_index = false;
	const char *p = sql;

	put(&b, "", 0);
	while (*p != '\0') {
		size_t n = token(p), m;
		const char *q;
		order *o = norders > 0 && orders[norders - 1].depth == depth
			? &orders[norders - 1] : NULL;

		if (statement_start && is(p, n, "PRAGMA")) {  /* up to the end of the statement */
			p += strcspn(p, ";");
			p += *p == ';';
			continue;
		}
		if (!isspace((unsigned char)*p) && !(p[0] == '-' && p[1] == '-'))
			statement_start = false;
		if (*p == '?') {
			long k = n > 1 ? strtol(p + 1, NULL, 10) : top + 1;
			char num[24];
			if (k > top)
				top = (int)k;
			snprintf(num, sizeof num, "$%ld", k);
			puts_(&b, num);
		} else if (*p == '(') {
			depth++;
			if (depth <= MAX_DEPTH)
				derived[depth] = after_from;
			put(&b, p, n);
		} else if (*p == ')' || *p == ';') {
			if (o != NULL && (*p == ';' || depth == o->depth)) {
				end_item(&b, o);
				norders--;
			}
			statement_start = *p == ';';
			put(&b, p, n);
			/* PostgreSQL wants a name for a table made by a subquery. */
			if (*p == ')' && depth >= 1 && depth <= MAX_DEPTH && derived[depth]) {
				q = next(p, &m);
				if (m == 0 || !(isalpha((unsigned char)*q) || *q == '_') ||
				    clause_word(q, m)) {
					char alias[32];
					snprintf(alias, sizeof alias, " AS rg_table%d", ++aliases);
					puts_(&b, alias);
				}
			}
			if (*p == ')')
				depth--;
		} else if (*p == ',' && o != NULL) {
			end_item(&b, o);
			put(&b, p, n);
		} else if (o != NULL && ends_order(p, n)) {
			while (b.len > 0 && isspace((unsigned char)b.s[b.len - 1]))
				b.s[--b.len] = '\0';  /* the blank goes after NULLS ... */
			end_item(&b, o);
			norders--;
			puts_(&b, " ");
			put(&b, p, n);
		} else if (o != NULL && is(p, n, "DESC")) {
			o->desc = true;
			put(&b, p, n);
		} else if (o != NULL && is(p, n, "NULLS")) {
			o->nulls = true;
			put(&b, p, n);
		} else if (is(p, n, "ORDER") && (q = next(p, &m)) && is(q, m, "BY") &&
			   norders < MAX_DEPTH) {
			orders[norders++] = (order){ .depth = depth };
			put(&b, p, (size_t)(q + m - p));
			n = (size_t)(q + m - p);
		} else if (is(p, n, "IS")) {
			bool negated = false;
			q = next(p, &m);
			if (is(q, m, "NOT")) {
				negated = true;
				q = next(q, &m);
			}
			if (is(q, m, "NULL") || is(q, m, "TRUE") || is(q, m, "FALSE") ||
			    is(q, m, "DISTINCT")) {
				put(&b, p, n);
			} else {
				puts_(&b, negated ? "IS DISTINCT FROM " : "IS NOT DISTINCT FROM ");
				n = (size_t)(q - p);  /* NOT and the blanks are said above */
			}
		} else if (is(p, n, "GLOB")) {
			q = next(p, &m);
			if (*q == '?') {
				long k = m > 1 ? strtol(q + 1, NULL, 10) : top + 1;
				char call[48];
				if (k > top)
					top = (int)k;
				snprintf(call, sizeof call, "~ rg_glob($%ld)", k);
				puts_(&b, call);
			} else {
				puts_(&b, "~ rg_glob(");
				put(&b, q, m);
				puts_(&b, ")");
			}
			n = (size_t)(q + m - p);
		} else if (is(p, n, "IN") && (q = next(p, &m)) &&
			   (isalpha((unsigned char)*q) || *q == '_')) {
			puts_(&b, "IN (SELECT * FROM ");
			put(&b, q, m);
			puts_(&b, ")");
			n = (size_t)(q + m - p);
		} else if (is(p, n, "temp") && p[n] == '.' && after_index) {
			n++;  /* an index goes in its table's schema: no name for it */
		} else if (is(p, n, "temp") && p[n] == '.') {
			puts_(&b, "pg_temp");
		} else if (is(p, n, "REAL")) {
			puts_(&b, "double precision");
		} else {
			put(&b, p, n);
		}
		if (!isspace((unsigned char)*p) && !(p[0] == '-' && p[1] == '-')) {
			after_from = is(p, n, "FROM") || is(p, n, "JOIN");
			after_index = is(p, n, "INDEX") || (after_index && (is(p, n, "IF") ||
				      is(p, n, "NOT") || is(p, n, "EXISTS")));
		}
		p += n;
	}
	while (norders > 0)
		end_item(&b, &orders[--norders]);
	if (b.failed) {
		free(b.s);
		return NULL;
	}
	*params = top;
	return b.s;
}

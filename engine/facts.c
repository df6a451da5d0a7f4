/*
 * facts.c: a merge join in C.  The points come in code order; each table of facts about
 * a point is read by one forward cursor ordered by point, consumed up to the current
 * point's code; the facts reached another way are grouped by their key in maps loaded
 * once, before the first point.  A point's signals (on it, or on its post) and changes
 * (of its power, or of its post) come from two sorted sources, merged by date and id as
 * the one query with an OR ordered them.  The facts an agency declared (schemas/007) come
 * the same way: a point's by a cursor, its power's and post's from maps.
 * Depends on db.h, cursor.h, rules.h (types), arena.h, strmap.h, lookup.h (AGENCY_SCOPE),
 * status.h.
 */
#include "facts.h"

#include <assert.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cursor.h"
#include "lookup.h"
#include "strmap.h"

/* The points in scope (?1: agency or NULL), in code order so runs are deterministic. */
static const char points_sql[] =
	AGENCY_SCOPE
	"SELECT p.code, p.agency, ag.name AS agency_name, p.level, p.category, p.risk_type,"
	"  p.consequence,"
	"  p.manifestation, p.approved_tier, p.approved_on, p.last_graded,"
	"  pw.code AS \"power.code\", pw.name AS \"power.name\", pw.kind AS \"power.kind\","
	"  k.scope AS \"power.scope\", pw.legal_basis AS \"power.legal_basis\","
	"  pw.major AS \"power.major?\", pw.funds AS \"power.funds\","
	"  po.code AS \"post.code\", po.name AS \"post.name\","
	"  d.code AS \"department.code\", d.name AS \"department.name\""
	" FROM points p JOIN agencies ag ON ag.code = p.agency"
	" LEFT JOIN powers pw ON pw.code = p.power"
	" LEFT JOIN enum_power_kind k ON k.name = pw.kind"
	" LEFT JOIN posts po ON po.code = p.post"
	" LEFT JOIN departments d ON d.code = coalesce(p.department, po.department)"
	" WHERE ?1 IS NULL OR p.agency IN scope"
	" ORDER BY p.code";

/* The cursors: column 0 is the point's code, the others the facts.  %s: nothing, or the
 * scope's condition (SCOPE_WHERE or SCOPE_AND), when a scope is given. */
static const char ratings_sql[] =
	"SELECT point, source, factor, value, rated_on AS date FROM ratings%s"
	" ORDER BY point, rated_on, id";
static const char measures_sql[] =
	"SELECT point, text, status, due, responsible FROM measures%s ORDER BY point, id";

/* A signal as a pack sees it.  The complainant is never handed out.  via: a signal about
 * a point says 'point' even where it reaches another point through its post. */
#define SIGNAL_COLUMNS \
	"id, source, received_on AS date, severity, substantiated AS \"substantiated?\"," \
	" text, CASE WHEN point IS NOT NULL THEN 'point' ELSE 'post' END AS via"
static const char signals_sql[] =
	"SELECT point, " SIGNAL_COLUMNS " FROM signals WHERE point IS NOT NULL%s"
	" ORDER BY point, received_on, id";

#define SCOPE_POINTS " point IN (SELECT code FROM points WHERE agency IN scope)"
#define SCOPE_WHERE " WHERE" SCOPE_POINTS
#define SCOPE_AND " AND" SCOPE_POINTS

/* The maps: column 0 is the key, the others the facts, grouped by key. */
static const char post_signals_sql[] =
	"SELECT post, " SIGNAL_COLUMNS " FROM signals WHERE post IS NOT NULL"
	" ORDER BY post, received_on, id";

/* A change of a point's power (legal basis) or post (duties). */
#define CHANGE_COLUMNS \
	"id, kind, changed_on AS date, text," \
	" CASE WHEN power IS NOT NULL THEN 'power' ELSE 'post' END AS via"
static const char power_changes_sql[] =
	"SELECT power, " CHANGE_COLUMNS " FROM changes WHERE power IS NOT NULL"
	" ORDER BY power, changed_on, id";
static const char post_changes_sql[] =
	"SELECT post, " CHANGE_COLUMNS " FROM changes WHERE post IS NOT NULL"
	" ORDER BY post, changed_on, id";

/* The facts an agency declared: the owner's code, the fact's name, its value, whether
 * it is a 是否 (a boolean for packs) and whether a number (整数, 数值, 是否: a database
 * that keeps every value as text, as PostgreSQL's does, gives them as text).  %s: the
 * scope's condition, as for the cursors. */
#define DECLARED(store, owner) \
	"SELECT v." owner ", v.fact, v.value, d.type = '是否'," \
	" d.type IN ('整数', '数值', '是否') FROM " store " v" \
	" JOIN fact_definitions d ON d.name = v.fact"
static const char point_facts_sql[] =
	DECLARED("point_facts", "point") "%s ORDER BY v.point, v.fact";
static const char power_facts_sql[] = DECLARED("power_facts", "power") " ORDER BY 1, 2";
static const char post_facts_sql[] = DECLARED("post_facts", "post") " ORDER BY 1, 2";

/* Where packs read them: p.facts, p.power.facts, p.post.facts. */
#define FACTS_OF_POINT "facts"
#define FACTS_OF_POWER "power.facts"
#define FACTS_OF_POST "post.facts"

/* Who answers for a point (DOMAIN.md §4): of several, the first by code. */
static const char heads_sql[] =
	"SELECT department, min(code) FROM persons WHERE role = '科室负责人'"
	" AND department IS NOT NULL GROUP BY department";
static const char leaders_sql[] =
	"SELECT department, min(person) FROM oversight GROUP BY department";
static const char principals_sql[] =
	"SELECT agency, min(code) FROM persons WHERE role = '主要领导' GROUP BY agency";

/* Where the signals and changes are ordered by (date, id): their columns after the key. */
#define COL_ID 0
#define COL_DATE 2

/* How a column becomes a field, worked out once from its name. */
typedef struct {
	const char *table; /* "power" of "power.code", or NULL */
	const char *name;  /* "code" of "power.code", "major" of "power.major?" */
	bool boolean;      /* the name ends in "?" */
} column;

/* A forward cursor over the facts about points (cursor.h): the columns after the first. */
typedef struct {
	cursor at;     /* at.s ordered by point */
	column *cols;  /* how its columns 1.. become fields */
	int ncols;     /* how many */
} facts_cursor;

/* The facts of a map's key, in order. */
typedef struct {
	const rule_value *rows; /* nrows rows of the map's columns */
	int nrows;
} group;

/* A growing array of values. */
typedef struct {
	rule_value *v; /* n in use of cap */
	size_t n, cap;
} values;

struct facts_reader {
	arena mem;             /* the maps' rows and texts, the columns' names */
	db_stmt *points;       /* the points in scope, in code order */
	column *point_cols;    /* how its columns become fields */
	int npoint_cols;       /* how many */
	int col_code;          /* the points' columns the reader uses itself: code, */
	int col_agency;        /*   agency, */
	int col_department;    /*   department (the post's when the point has none), */
	int col_post;          /*   post, */
	int col_power;         /*   power */
	facts_cursor ratings;  /* a point's factor ratings */
	facts_cursor measures; /* a point's control measures */
	facts_cursor signals;  /* the signals on a point */
	strmap *post_signals;  /* post -> group: the signals on it */
	strmap *power_changes; /* power -> group: the changes of its legal basis */
	strmap *post_changes;  /* post -> group: the changes of its duties */
	int change_cols;       /* the columns of a change */
	strmap *heads;         /* department -> code of its 科室负责人 */
	strmap *leaders;       /* department -> code of its 分管领导 */
	strmap *principals;    /* agency -> code of its 主要领导 */
	values scratch;        /* the signals on the current point, before the merge */
	cursor declared;       /* the declared facts of the points in scope, by point */
	strmap *power_facts;   /* power -> group: its declared facts (table FACTS_OF_POWER) */
	strmap *post_facts;    /* post -> group: its declared facts (table FACTS_OF_POST) */
	strmap *fact_names;    /* a declared fact's name -> its copy in mem, kept for the run */
};

static const column people_cols[] = {
	{"people", "department_head", false},
	{"people", "leader_in_charge", false},
	{"people", "principal", false},
};

static rg_status out_of_memory(rg_err *e)
{
	return err_set(e, RG_DB, "out of memory reading the facts of the points");
}

/* Room for k more values at the end of *vs; NULL when out of memory. */
static rule_value *more(values *vs, size_t k)
{
	if (vs->n + k > vs->cap) {
		size_t cap = vs->cap ? vs->cap : 64;
		while (cap < vs->n + k)
			cap *= 2;
		rule_value *v = realloc(vs->v, cap * sizeof *v);
		if (v == NULL)
			return NULL;
		vs->v = v;
		vs->cap = cap;
	}
	vs->n += k;
	return vs->v + vs->n - k;
}

/* How the columns first.. of s become fields, into a new array *out of *n (in fr->mem). */
static rg_status describe(facts_reader *fr, db_stmt *s, int first, column **out, int *n,
			  rg_err *e)
{
	*n = db_col_count(s) - first;
	if ((*out = arena_alloc(&fr->mem, (size_t)*n * sizeof **out)) == NULL)
		return out_of_memory(e);
	for (int i = 0; i < *n; i++) {
		column *c = &(*out)[i];
		const char *name = db_col_name(s, first + i), *dot = strchr(name, '.');
		char *copy;
		size_t len;
		c->table = NULL;
		if (dot != NULL) {
			if ((copy = arena_alloc(&fr->mem, (size_t)(dot - name) + 1)) == NULL)
				return out_of_memory(e);
			memcpy(copy, name, (size_t)(dot - name));
			copy[dot - name] = '\0';
			c->table = copy;
			name = dot + 1;
		}
		if ((copy = arena_strdup(&fr->mem, name)) == NULL)
			return out_of_memory(e);
		len = strlen(copy);
		c->boolean = len > 0 && copy[len - 1] == '?';
		if (c->boolean)
			copy[len - 1] = '\0';
		c->name = copy;
	}
	return RG_OK;
}

/* The current row of s, columns first.., as values out[0..n-1] (texts copied into a);
 * false when out of memory. */
static bool read_row(db_stmt *s, int first, const column *cols, int n, rule_value *out,
		     arena *a)
{
	for (int i = 0; i < n; i++) {
		rule_value *v = &out[i];
		int c = first + i;
		v->table = cols[i].table;
		v->name = cols[i].name;
		switch (db_col_type(s, c)) {
		case DB_NULL:
			v->type = RULE_NIL;
			break;
		case DB_INT:
			v->type = cols[i].boolean ? RULE_BOOL : RULE_INT;
			v->v.i = db_col_int(s, c);
			break;
		case DB_REAL:
			if (cols[i].boolean) {
				v->type = RULE_BOOL;
				v->v.i = db_col_int(s, c) != 0;
			} else {
				v->type = RULE_REAL;
				v->v.d = db_col_double(s, c);
			}
			break;
		default:
			if (cols[i].boolean) {
				v->type = RULE_BOOL;
				v->v.i = db_col_int(s, c) != 0;
			} else {
				v->type = RULE_TEXT;
				if ((v->v.s = arena_strdup(a, db_col_text(s, c))) == NULL)
					return false;
			}
			break;
		}
	}
	return true;
}

/* Prepare sql (with the scope's condition cond when scope is not NULL) as cursor c. */
static rg_status open_cursor(facts_reader *fr, db *d, const char *sql, const char *scope,
			     const char *cond, facts_cursor *c, rg_err *e)
{
	char text[1024];
	rg_status st;

	if (scope != NULL) {
		int n = snprintf(text, sizeof text, "%s", AGENCY_SCOPE);
		snprintf(text + n, sizeof text - (size_t)n, sql, cond);
	} else {
		snprintf(text, sizeof text, sql, "");
	}
	if ((st = db_prepare(d, text, &c->at.s, e)) != RG_OK)
		return st;
	db_stream(c->at.s);
	if (scope != NULL)
		db_bind_text(c->at.s, 1, scope);
	return describe(fr, c->at.s, 1, &c->cols, &c->ncols, e);
}

/* Load the rows of sql, ordered by their key in column 0, as groups into a new map *out;
 * *ncols is set to the number of columns after the key. */
static rg_status load_groups(facts_reader *fr, db *d, const char *sql, strmap **out,
			     int *ncols, rg_err *e)
{
	db_stmt *s = NULL;
	column *cols;
	values rows = {0};
	char *key = NULL;
	bool row;
	rg_status st;

	if ((*out = strmap_new()) == NULL)
		return out_of_memory(e);
	if ((st = db_prepare(d, sql, &s, e)) != RG_OK ||
	    (st = describe(fr, s, 1, &cols, ncols, e)) != RG_OK)
		goto out;
	for (;;) {
		if ((st = db_step(s, &row, e)) != RG_OK)
			goto out;
		/* A group ends where the key changes, or with the last row. */
		if (key != NULL && (!row || strcmp(key, db_col_text(s, 0)) != 0)) {
			group *g = arena_alloc(&fr->mem, sizeof *g);
			rule_value *copy = arena_alloc(&fr->mem, rows.n * sizeof *copy);
			if (g == NULL || copy == NULL || !strmap_put(*out, key, g)) {
				st = out_of_memory(e);
				goto out;
			}
			memcpy(copy, rows.v, rows.n * sizeof *copy);
			g->rows = copy;
			g->nrows = (int)(rows.n / (size_t)*ncols);
			rows.n = 0;
			key = NULL;
		}
		if (!row)
			break;
		rule_value *v = more(&rows, (size_t)*ncols);
		if (v == NULL || !read_row(s, 1, cols, *ncols, v, &fr->mem) ||
		    (key == NULL && (key = arena_strdup(&fr->mem, db_col_text(s, 0))) == NULL)) {
			st = out_of_memory(e);
			goto out;
		}
	}
out:
	free(rows.v);
	db_finalize(s);
	return st;
}

/* The name of a declared fact as a copy in fr->mem, made once for the run: the names of a
 * point's values outlive the point (pool.h).  NULL when out of memory. */
static const char *fact_name(facts_reader *fr, const char *name)
{
	char *copy = strmap_get(fr->fact_names, name);

	if (copy == NULL && ((copy = arena_strdup(&fr->mem, name)) == NULL ||
			     !strmap_put(fr->fact_names, name, copy)))
		return NULL;
	return copy;
}

/* The declared fact on the current row of s (columns 1-4: its name, its value, whether
 * it is a 是否, whether a number) as *v, a field of sub-table table; a text is copied
 * into a.  A number given as text is read as the database that kept it typed gives it:
 * with a decimal point or an exponent a REAL, else an INTEGER.  false when out of
 * memory. */
static bool read_fact(facts_reader *fr, db_stmt *s, const char *table, rule_value *v,
		      arena *a)
{
	db_type type = db_col_type(s, 2);

	v->table = table;
	if ((v->name = fact_name(fr, db_col_text(s, 1))) == NULL)
		return false;
	if (type == DB_TEXT && db_col_int(s, 4))
		type = strpbrk(db_col_text(s, 2), ".eE") ? DB_REAL : DB_INT;
	switch (type) {
	case DB_INT:
		v->type = db_col_int(s, 3) ? RULE_BOOL : RULE_INT;
		v->v.i = db_col_int(s, 2);
		return true;
	case DB_REAL:
		v->type = RULE_REAL;
		v->v.d = db_col_double(s, 2);
		return true;
	default:
		v->type = RULE_TEXT;
		return (v->v.s = arena_strdup(a, db_col_text(s, 2))) != NULL;
	}
}

/* Load the declared facts of sql (powers' or posts'), grouped by owner, into a new map
 * *out: each group one value per row, a field of sub-table table. */
static rg_status load_fact_groups(facts_reader *fr, db *d, const char *sql, const char *table,
				  strmap **out, rg_err *e)
{
	db_stmt *s = NULL;
	values rows = {0};
	char *key = NULL;
	bool row;
	rg_status st;

	if ((*out = strmap_new()) == NULL)
		return out_of_memory(e);
	if ((st = db_prepare(d, sql, &s, e)) != RG_OK)
		goto out;
	for (;;) {
		if ((st = db_step(s, &row, e)) != RG_OK)
			goto out;
		if (key != NULL && (!row || strcmp(key, db_col_text(s, 0)) != 0)) {
			group *g = arena_alloc(&fr->mem, sizeof *g);
			rule_value *copy = arena_alloc(&fr->mem, rows.n * sizeof *copy);
			if (g == NULL || copy == NULL || !strmap_put(*out, key, g)) {
				st = out_of_memory(e);
				goto out;
			}
			memcpy(copy, rows.v, rows.n * sizeof *copy);
			*g = (group){copy, (int)rows.n};
			rows.n = 0;
			key = NULL;
		}
		if (!row)
			break;
		rule_value *v = more(&rows, 1);
		if (v == NULL || !read_fact(fr, s, table, v, &fr->mem) ||
		    (key == NULL && (key = arena_strdup(&fr->mem, db_col_text(s, 0))) == NULL)) {
			st = out_of_memory(e);
			goto out;
		}
	}
out:
	free(rows.v);
	db_finalize(s);
	return st;
}

/* Load the pairs key, name of sql into a new map *out (key -> name). */
static rg_status load_names(facts_reader *fr, db *d, const char *sql, strmap **out, rg_err *e)
{
	db_stmt *s = NULL;
	bool row;
	rg_status st;

	if ((*out = strmap_new()) == NULL)
		return out_of_memory(e);
	if ((st = db_prepare(d, sql, &s, e)) != RG_OK)
		return st;
	while ((st = db_step(s, &row, e)) == RG_OK && row) {
		char *name = arena_strdup(&fr->mem, db_col_text(s, 1));
		if (name == NULL || !strmap_put(*out, db_col_text(s, 0), name)) {
			st = out_of_memory(e);
			break;
		}
	}
	db_finalize(s);
	return st;
}

/* The index of the column called name in s; it must be there. */
static int column_index(db_stmt *s, const char *name)
{
	for (int i = 0; i < db_col_count(s); i++)
		if (strcmp(db_col_name(s, i), name) == 0)
			return i;
	assert(!"a column the reader needs is missing");
	return -1;
}

/* Prepare the cursor over the declared facts of the points of scope (NULL: all). */
static rg_status open_declared(facts_reader *fr, db *d, const char *scope, rg_err *e)
{
	char text[1024];
	rg_status st;

	if ((fr->fact_names = strmap_new()) == NULL)
		return out_of_memory(e);
	if (scope != NULL) {
		int n = snprintf(text, sizeof text, "%s", AGENCY_SCOPE);
		snprintf(text + n, sizeof text - (size_t)n, point_facts_sql, SCOPE_WHERE);
	} else {
		snprintf(text, sizeof text, point_facts_sql, "");
	}
	if ((st = db_prepare(d, text, &fr->declared.s, e)) != RG_OK)
		return st;
	db_stream(fr->declared.s);
	if (scope != NULL)
		db_bind_text(fr->declared.s, 1, scope);
	return RG_OK;
}

rg_status facts_open(db *d, const char *scope, facts_reader **out, rg_err *e)
{
	facts_reader *fr = calloc(1, sizeof *fr);
	int signal_cols = 0;
	rg_status st;

	if (fr == NULL)
		return out_of_memory(e);
	if ((st = db_prepare(d, points_sql, &fr->points, e)) != RG_OK) {
		facts_close(fr);
		return st;
	}
	db_stream(fr->points);
	if ((st = describe(fr, fr->points, 0, &fr->point_cols, &fr->npoint_cols, e)) != RG_OK ||
	    (st = open_cursor(fr, d, ratings_sql, scope, SCOPE_WHERE, &fr->ratings, e)) !=
		    RG_OK ||
	    (st = open_cursor(fr, d, measures_sql, scope, SCOPE_WHERE, &fr->measures, e)) !=
		    RG_OK ||
	    (st = open_cursor(fr, d, signals_sql, scope, SCOPE_AND, &fr->signals, e)) != RG_OK ||
	    (st = load_groups(fr, d, post_signals_sql, &fr->post_signals, &signal_cols, e)) !=
		    RG_OK ||
	    (st = load_groups(fr, d, power_changes_sql, &fr->power_changes, &fr->change_cols,
			      e)) != RG_OK ||
	    (st = load_groups(fr, d, post_changes_sql, &fr->post_changes, &fr->change_cols,
			      e)) != RG_OK ||
	    (st = load_names(fr, d, heads_sql, &fr->heads, e)) != RG_OK ||
	    (st = load_names(fr, d, leaders_sql, &fr->leaders, e)) != RG_OK ||
	    (st = load_names(fr, d, principals_sql, &fr->principals, e)) != RG_OK ||
	    (st = open_declared(fr, d, scope, e)) != RG_OK ||
	    (st = load_fact_groups(fr, d, power_facts_sql, FACTS_OF_POWER, &fr->power_facts,
				   e)) != RG_OK ||
	    (st = load_fact_groups(fr, d, post_facts_sql, FACTS_OF_POST, &fr->post_facts, e)) !=
		    RG_OK) {
		facts_close(fr);
		return st;
	}
	assert(signal_cols == fr->signals.ncols);
	db_bind_text(fr->points, 1, scope);
	fr->col_code = column_index(fr->points, "code");
	fr->col_agency = column_index(fr->points, "agency");
	fr->col_department = column_index(fr->points, "department.code");
	fr->col_post = column_index(fr->points, "post.code");
	fr->col_power = column_index(fr->points, "power.code");
	*out = fr;
	return RG_OK;
}

void facts_close(facts_reader *fr)
{
	if (fr == NULL)
		return;
	db_finalize(fr->points);
	db_finalize(fr->ratings.at.s);
	db_finalize(fr->measures.at.s);
	db_finalize(fr->signals.at.s);
	strmap_free(fr->post_signals);
	strmap_free(fr->power_changes);
	strmap_free(fr->post_changes);
	strmap_free(fr->heads);
	strmap_free(fr->leaders);
	strmap_free(fr->principals);
	db_finalize(fr->declared.s);
	strmap_free(fr->power_facts);
	strmap_free(fr->post_facts);
	strmap_free(fr->fact_names);
	free(fr->scratch.v);
	arena_free(&fr->mem);
	free(fr);
}

/* Append to *to the rows of cursor c about point code (texts into a), setting *n to their
 * number; rows about points before it (outside the scope) are passed over. */
static rg_status take(facts_cursor *c, const char *code, values *to, arena *a, int *n,
		      rg_err *e)
{
	bool at;
	rg_status st;

	*n = 0;
	for (;;) {
		if ((st = cursor_seek(&c->at, code, &at, e)) != RG_OK || !at)
			return st;
		rule_value *v = more(to, (size_t)c->ncols);
		if (v == NULL || !read_row(c->at.s, 1, c->cols, c->ncols, v, a))
			return out_of_memory(e);
		(*n)++;
		c->at.ready = false;
	}
}

/* Which of rows x and y comes first: by date, then id. */
static int order(const rule_value *x, const rule_value *y)
{
	int c = strcmp(x[COL_DATE].v.s, y[COL_DATE].v.s);

	if (c != 0)
		return c;
	return (x[COL_ID].v.i > y[COL_ID].v.i) - (x[COL_ID].v.i < y[COL_ID].v.i);
}

/* Append to *to the rows of x (nx) and y (ny), each in (date, id) order, merged in that
 * order; a row in both (the same id) once.  Sets *n to the rows appended. */
static rg_status merge(values *to, const rule_value *x, int nx, const rule_value *y, int ny,
		       int ncols, int *n, rg_err *e)
{
	rule_value *v;
	int i = 0, j = 0;

	*n = 0;
	if (nx + ny == 0)
		return RG_OK;
	if ((v = more(to, (size_t)(nx + ny) * (size_t)ncols)) == NULL)
		return out_of_memory(e);
	while (i < nx || j < ny) {
		const rule_value *from;
		if (j == ny) {
			from = x + (size_t)i++ * (size_t)ncols;
		} else if (i == nx) {
			from = y + (size_t)j++ * (size_t)ncols;
		} else {
			const rule_value *a = x + (size_t)i * (size_t)ncols;
			const rule_value *b = y + (size_t)j * (size_t)ncols;
			int c = order(a, b);
			from = c <= 0 ? a : b;
			i += c <= 0;
			j += c >= 0;
		}
		memcpy(v + (size_t)*n * (size_t)ncols, from, (size_t)ncols * sizeof *v);
		(*n)++;
	}
	to->n -= (size_t)(nx + ny - *n) * (size_t)ncols;
	return RG_OK;
}

/* The rows of the group of key in map m (none when key is NULL or has none). */
static group rows_of(const strmap *m, const char *key)
{
	const group *g = strmap_get(m, key);

	return g != NULL ? *g : (group){NULL, 0};
}

/* A person's code as the value of people field i. */
static void person(rule_value *v, int i, const char *code)
{
	v->table = people_cols[i].table;
	v->name = people_cols[i].name;
	v->type = code != NULL ? RULE_TEXT : RULE_NIL;
	v->v.s = code;
}

/* Append to *to the field v: RULE_TABLE name in table (NULL: the point itself), so that
 * it is a table even with nothing in it.  false when out of memory. */
static bool empty_table(values *to, const char *table, const char *name)
{
	rule_value *v = more(to, 1);

	if (v == NULL)
		return false;
	*v = (rule_value){.table = table, .name = name, .type = RULE_TABLE};
	return true;
}

/* Append to *to the declared facts of point code (texts into a), the cursor passing over
 * those of points before it. */
static rg_status take_declared(facts_reader *fr, const char *code, values *to, arena *a,
			       rg_err *e)
{
	bool at;
	rg_status st;

	for (;;) {
		if ((st = cursor_seek(&fr->declared, code, &at, e)) != RG_OK || !at)
			return st;
		rule_value *v = more(to, 1);
		if (v == NULL || !read_fact(fr, fr->declared.s, FACTS_OF_POINT, v, a))
			return out_of_memory(e);
		fr->declared.ready = false;
	}
}

/* Append to *to the facts declared for the point (p.facts, always a table) and for its
 * power and post (p.power.facts, p.post.facts, tables when it has them). */
static rg_status add_declared(facts_reader *fr, const char *code, const char *power,
			      const char *post, values *to, arena *a, rg_err *e)
{
	const struct {
		const char *owner;   /* the power's or post's code, or NULL */
		const strmap *facts; /* owner -> group */
		const char *table;   /* "power", "post" */
	} of[] = {{power, fr->power_facts, "power"}, {post, fr->post_facts, "post"}};
	rg_status st;

	if (!empty_table(to, NULL, FACTS_OF_POINT))
		return out_of_memory(e);
	if ((st = take_declared(fr, code, to, a, e)) != RG_OK)
		return st;
	for (size_t k = 0; k < sizeof of / sizeof of[0]; k++) {
		group g = rows_of(of[k].facts, of[k].owner);
		rule_value *v;
		if (of[k].owner == NULL)
			continue;
		if (!empty_table(to, of[k].table, "facts") ||
		    (g.nrows > 0 && (v = more(to, (size_t)g.nrows)) == NULL))
			return out_of_memory(e);
		if (g.nrows > 0)
			memcpy(v, g.rows, (size_t)g.nrows * sizeof *v);
	}
	return RG_OK;
}

rg_status facts_next(facts_reader *fr, facts_point *p, bool *got, rg_err *e)
{
	static const char *const keys[FACTS_LISTS] = {"ratings", "measures", "signals",
						      "changes"};
	values vs = {p->values, 0, p->cap};
	size_t start[FACTS_LISTS];
	int n[FACTS_LISTS], ncols[FACTS_LISTS];
	const int npeople = (int)(sizeof people_cols / sizeof people_cols[0]);
	const char *post, *power;
	rule_value *v;
	int nfields;
	bool row;
	rg_status st;

	*got = false;
	if ((st = db_step(fr->points, &row, e)) != RG_OK || !row)
		return st;
	arena_reset(&p->text);
	/* The point's row, then who answers for it. */
	if ((v = more(&vs, (size_t)(fr->npoint_cols + npeople))) == NULL ||
	    !read_row(fr->points, 0, fr->point_cols, fr->npoint_cols, v, &p->text)) {
		st = out_of_memory(e);
		goto out;
	}
	p->code = v[fr->col_code].v.s;
	p->agency = v[fr->col_agency].v.s;
	v += fr->npoint_cols;
	{
		const char *dept = db_col_text(fr->points, fr->col_department);
		person(&v[0], 0, strmap_get(fr->heads, dept));
		person(&v[1], 1, strmap_get(fr->leaders, dept));
		person(&v[2], 2, strmap_get(fr->principals, p->agency));
	}
	post = db_col_text(fr->points, fr->col_post);
	power = db_col_text(fr->points, fr->col_power);
	if ((st = add_declared(fr, p->code, power, post, &vs, &p->text, e)) != RG_OK)
		goto out;
	nfields = (int)vs.n;

	start[0] = vs.n;
	ncols[0] = fr->ratings.ncols;
	if ((st = take(&fr->ratings, p->code, &vs, &p->text, &n[0], e)) != RG_OK)
		goto out;
	start[1] = vs.n;
	ncols[1] = fr->measures.ncols;
	if ((st = take(&fr->measures, p->code, &vs, &p->text, &n[1], e)) != RG_OK)
		goto out;
	/* Signals on the point, or on its post. */
	fr->scratch.n = 0;
	if ((st = take(&fr->signals, p->code, &fr->scratch, &p->text, &n[2], e)) != RG_OK)
		goto out;
	group on_post = rows_of(fr->post_signals, post);
	start[2] = vs.n;
	ncols[2] = fr->signals.ncols;
	if ((st = merge(&vs, fr->scratch.v, n[2], on_post.rows, on_post.nrows, ncols[2], &n[2],
			e)) != RG_OK)
		goto out;
	/* Changes of its power or of its post. */
	group of_power = rows_of(fr->power_changes, power);
	group of_post = rows_of(fr->post_changes, post);
	start[3] = vs.n;
	ncols[3] = fr->change_cols;
	if ((st = merge(&vs, of_power.rows, of_power.nrows, of_post.rows, of_post.nrows,
			ncols[3], &n[3], e)) != RG_OK)
		goto out;

	/* Now that the values no longer move, point into them. */
	for (int k = 0; k < FACTS_LISTS; k++)
		p->lists[k] = (rule_list){keys[k], vs.v + start[k], n[k], ncols[k]};
	p->facts = (rule_facts){vs.v, nfields, fr->npoint_cols + 1, p->lists, FACTS_LISTS};
	*got = true;
out:
	p->values = vs.v;
	p->cap = vs.cap;
	p->nvalues = vs.n;
	return st;
}

void facts_point_free(facts_point *p)
{
	free(p->values);
	arena_free(&p->text);
	memset(p, 0, sizeof *p);
}

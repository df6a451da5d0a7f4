/*
 * facts.h: the facts of the points in scope, read for the batch run by streaming, not
 * looked up point by point: the points in code order, merged with one forward cursor per
 * table of facts about a point (ratings, measures, signals on a point), and the facts
 * reached through a post, a power, a department or an agency (signals on a post, changes,
 * who answers for the point) held in maps loaded once.  Each point comes out as plain
 * data (rules.h's rule_facts) that a rule state in any thread can be handed.
 * Depends on db.h, rules.h (the rule_facts types only), arena.h, status.h.
 */
#ifndef RG_FACTS_H
#define RG_FACTS_H

#include <stdbool.h>
#include <stddef.h>

#include "arena.h"
#include "db.h"
#include "rules.h"
#include "status.h"

/* The lists every point has, in the order they are set: ratings, measures, signals,
 * changes. */
#define FACTS_LISTS 4

typedef struct facts_reader facts_reader;

/* One point's facts, filled by facts_next().  Zero-initialise it ({0}) before its first
 * use; free what it holds with facts_point_free().  Everything it points to stays valid
 * until the next facts_next() into it or facts_close() of its reader, whichever is
 * first. */
typedef struct {
	const char *code;            /* the point's code */
	const char *agency;          /* its agency, whose pack grades it */
	rule_facts facts;            /* its fields and lists, for rules_set_point() */
	rule_list lists[FACTS_LISTS];/* the lists facts points to */
	rule_value *values;          /* storage: its fields, then the rows of its lists */
	size_t nvalues;              /* values in use */
	size_t cap;                  /* values allocated */
	arena text;                  /* storage: the strings read for this point */
} facts_point;

/*
 * facts_open: prepare to read the points of agency scope and the units under it (every
 * agency when scope is NULL) from d, in code order, and load the maps.  d must outlive
 * the reader and stay in one transaction while it is read (the batch run's), so the
 * facts are one consistent state.  On success *out is freed with facts_close().  RG_DB
 * with SQLite's message on failure, or when out of memory.
 */
rg_status facts_open(db *d, const char *scope, facts_reader **out, rg_err *e);

/* facts_close: finalize the reader's statements and free its maps.  NULL is allowed. */
void facts_close(facts_reader *fr);

/*
 * facts_next: read the next point into *p, or set *got to false when there is none left.
 * The facts are those the grade queries have always handed a pack, in the same order:
 * the point's row (with its agency, power, post and department), people (department
 * head, leader in charge, principal), the facts the agency declared (p.facts, always a
 * table; p.power.facts and p.post.facts when the point has a power or post, each value
 * a field of sub-table "facts", "power.facts" or "post.facts", named by its fact, the
 * name kept until facts_close()), then ratings (by date, id), measures (by id),
 * signals on the point or its post (by date, id) and changes of its power or post (by
 * date, id).  RG_DB with SQLite's message on failure or when out of memory.
 */
rg_status facts_next(facts_reader *fr, facts_point *p, bool *got, rg_err *e);

/* facts_point_free: free the storage p holds; p may be filled again afterwards. */
void facts_point_free(facts_point *p);

#endif

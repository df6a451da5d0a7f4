/*
 * lookup.h: checking that a code the user typed names something in the register (an
 * agency for --agency, a person for --by), with the same message everywhere, and the
 * agencies an --agency scope covers.
 * Depends on db.h, status.h.
 */
#ifndef RG_LOOKUP_H
#define RG_LOOKUP_H

#include <stddef.h>

#include "db.h"
#include "status.h"

/*
 * AGENCY_SCOPE: SQL opening a WITH clause with the table scope(code): the agency ?1 and the
 * units under it, or every agency when ?1 is NULL.  UNION (not UNION ALL) stops at a unit
 * already seen, so a cycle in the tree cannot loop.  A statement may add ", name AS (...)"
 * before its SELECT.
 */
#define AGENCY_SCOPE \
	"WITH RECURSIVE scope(code) AS (" \
	"  SELECT code FROM agencies WHERE ?1 IS NULL OR code = ?1" \
	"  UNION SELECT a.code FROM agencies a JOIN scope s ON a.parent = s.code) "

/* lookup_agency: RG_OK if an agency has code, else RG_INPUT naming option and code. */
rg_status lookup_agency(db *d, const char *option, const char *code, rg_err *e);

/* lookup_person: RG_OK and the person's name into name[size] (name may be NULL) if a
 * person has code, else RG_INPUT naming option and code. */
rg_status lookup_person(db *d, const char *option, const char *code, char *name, size_t size,
			rg_err *e);

#endif

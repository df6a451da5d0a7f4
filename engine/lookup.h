/*
 * lookup.h: checking that a code the user typed names something in the register (an
 * agency for --agency, a person for --by), with the same message everywhere.
 * Depends on db.h, status.h.
 */
#ifndef RG_LOOKUP_H
#define RG_LOOKUP_H

#include <stddef.h>

#include "db.h"
#include "status.h"

/* lookup_agency: RG_OK if an agency has code, else RG_INPUT naming option and code. */
rg_status lookup_agency(db *d, const char *option, const char *code, rg_err *e);

/* lookup_person: RG_OK and the person's name into name[size] (name may be NULL) if a
 * person has code, else RG_INPUT naming option and code. */
rg_status lookup_person(db *d, const char *option, const char *code, char *name, size_t size,
			rg_err *e);

#endif

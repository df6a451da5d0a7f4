/*
 * bounded.h: the C functions of Lua's string and table libraries that could run for a
 * long time inside C, where the sandbox's CPU limit cannot stop them, replaced for rule
 * packs by variants that check their arguments first: string.rep (result size),
 * string.find (always plain, and linear), table.concat, unpack, move, insert, remove and
 * sort (number of elements).  Depends on Lua.
 */
#ifndef RG_BOUNDED_H
#define RG_BOUNDED_H

#include <lua.h>

/* The caps (documented in rules/README.md, "What a pack may use"). */
#define BOUNDED_STRING_MAX (1 << 24) /* bytes string.rep may make */
#define BOUNDED_TABLE_MAX (1 << 20)  /* elements a table function may go through */

/*
 * bounded_open: replace, in the string library table at index string_lib and the table
 * library table at index table_lib of L's stack, the functions above by their bounded
 * variants (each keeps the original as an upvalue and calls it once the arguments pass).
 * A call over a cap raises a Lua error naming the function and the cap.  Raises only a
 * Lua memory error itself.
 */
void bounded_open(lua_State *L, int string_lib, int table_lib);

#endif

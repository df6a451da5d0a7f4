/*
 * arena.h: copies of strings that live until the arena is reset, in a few large blocks,
 * for results that must outlive the memory they were read from (a rule result's texts,
 * copied out of the Lua state).  Depends on nothing but the C library.
 */
#ifndef RG_ARENA_H
#define RG_ARENA_H

#include <stddef.h>

typedef struct arena_block arena_block;

/* An arena: zero-initialize it ({0}) before first use. */
typedef struct {
	arena_block *first; /* blocks, newest last; the first is kept by arena_reset */
	arena_block *last;
} arena;

/*
 * arena_copy: a zero-terminated copy of the len bytes at s (which may hold zero bytes),
 * owned by a and valid until arena_reset() or arena_free() of a.  Returns NULL when out
 * of memory.
 */
char *arena_copy(arena *a, const char *s, size_t len);

/* arena_reset: forget every copy (their memory is reused); keeps one block. */
void arena_reset(arena *a);

/* arena_free: free every block; a is empty (and usable) again. */
void arena_free(arena *a);

#endif

/*
 * arena.h: memory handed out in order from large blocks and given back all at once, for
 * the many small strings and rows one point (or one load of lookup tables) needs, so the
 * batch run does not call malloc and free for each of them; and copies of a rule
 * result's texts, taken out of the Lua state before it can free them.
 * Depends on the C library only.
 */
#ifndef RG_ARENA_H
#define RG_ARENA_H

#include <stddef.h>

typedef struct arena_block arena_block;

/* An arena: zero-initialise it ({0}) before first use; arena_free() gives it all back. */
typedef struct {
	arena_block *head; /* the block being filled, the earlier ones after it; NULL: none */
	size_t used;       /* bytes of head handed out */
} arena;

/*
 * arena_alloc: size bytes aligned for any type, valid until arena_reset() or arena_free()
 * of a.  NULL when out of memory.
 */
void *arena_alloc(arena *a, size_t size);

/* arena_strdup: a copy of s (NUL-terminated) in a, or NULL when out of memory. */
char *arena_strdup(arena *a, const char *s);

/*
 * arena_copy: a zero-terminated copy of the len bytes at s (which may hold zero bytes),
 * owned by a and valid until arena_reset() or arena_free() of a.  NULL when out of memory.
 */
char *arena_copy(arena *a, const char *s, size_t len);

/* arena_reset: give back everything handed out by a at once, keeping its first block for
 * reuse (so an arena reset for every point allocates only for unusually large points). */
void arena_reset(arena *a);

/* arena_free: give back everything, blocks included; a may be used again afterwards. */
void arena_free(arena *a);

#endif

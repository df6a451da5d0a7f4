/*
 * strmap.h: a hash map from text keys to pointers, for lookup tables the batch run loads
 * once and reads for every point (the signals of a post, the head of a department).
 * Depends on the C library only.
 */
#ifndef RG_STRMAP_H
#define RG_STRMAP_H

#include <stdbool.h>

typedef struct strmap strmap;

/* strmap_new: an empty map, or NULL when out of memory.  Free it with strmap_free(). */
strmap *strmap_new(void);

/* strmap_free: free m and its copies of the keys (not the values).  NULL is allowed. */
void strmap_free(strmap *m);

/* strmap_put: map key (copied) to value, replacing what it was mapped to.  false when out
 * of memory (m is then as it was). */
bool strmap_put(strmap *m, const char *key, void *value);

/* strmap_get: what key is mapped to, or NULL when it is not in m (or key is NULL). */
void *strmap_get(const strmap *m, const char *key);

/* strmap_count: how many keys m holds. */
long strmap_count(const strmap *m);

#endif

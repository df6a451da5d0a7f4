/*
 * arena.c: string copies in large blocks (see arena.h): one malloc per 64 KiB of text
 * instead of one per string, and one reset per point instead of one free per string.
 * Depends on nothing but the C library.
 */
#include "arena.h"

#include <stdlib.h>
#include <string.h>

#define BLOCK_SIZE 65536

struct arena_block {
	arena_block *next; /* the block made after this one */
	size_t size;       /* bytes of data */
	size_t used;       /* bytes of data handed out */
	char data[];
};

char *arena_copy(arena *a, const char *s, size_t len)
{
	arena_block *b = a->last;
	char *p;

	if (b == NULL || b->size - b->used < len + 1) {
		size_t size = len + 1 > BLOCK_SIZE ? len + 1 : BLOCK_SIZE;
		b = malloc(sizeof *b + size);
		if (b == NULL)
			return NULL;
		b->next = NULL;
		b->size = size;
		b->used = 0;
		if (a->last != NULL)
			a->last->next = b;
		else
			a->first = b;
		a->last = b;
	}
	p = b->data + b->used;
	memcpy(p, s, len);
	p[len] = '\0';
	b->used += len + 1;
	return p;
}

void arena_reset(arena *a)
{
	arena_block *b;

	if (a->first == NULL)
		return;
	b = a->first->next;
	while (b != NULL) {
		arena_block *next = b->next;
		free(b);
		b = next;
	}
	a->first->next = NULL;
	a->first->used = 0;
	a->last = a->first;
}

void arena_free(arena *a)
{
	arena_reset(a);
	free(a->first);
	a->first = NULL;
	a->last = NULL;
}

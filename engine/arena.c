/*
 * arena.c: a bump allocator over a list of blocks.  A request larger than a block gets a
 * block of its own.
 * Depends on the C library only.
 */
#include "arena.h"

#include <stdalign.h>
#include <stdlib.h>
#include <string.h>

#define BLOCK_SIZE ((size_t)64 << 10)

struct arena_block {
	arena_block *next; /* the block filled before this one */
	size_t size;       /* bytes in data */
	alignas(max_align_t) unsigned char data[];
};

void *arena_alloc(arena *a, size_t size)
{
	const size_t align = alignof(max_align_t);
	size_t start = (a->used + align - 1) & ~(align - 1);
	arena_block *b;

	if (a->head != NULL && start <= a->head->size && size <= a->head->size - start) {
		a->used = start + size;
		return a->head->data + start;
	}
	size_t bytes = size > BLOCK_SIZE ? size : BLOCK_SIZE;
	if ((b = malloc(sizeof *b + bytes)) == NULL)
		return NULL;
	b->size = bytes;
	b->next = a->head;
	a->head = b;
	a->used = size;
	return b->data;
}

char *arena_strdup(arena *a, const char *s)
{
	size_t n = strlen(s) + 1;
	char *p = arena_alloc(a, n);

	if (p != NULL)
		memcpy(p, s, n);
	return p;
}

char *arena_copy(arena *a, const char *s, size_t len)
{
	char *p = arena_alloc(a, len + 1);

	if (p != NULL) {
		memcpy(p, s, len);
		p[len] = '\0';
	}
	return p;
}

void arena_reset(arena *a)
{
	arena_block *b = a->head;

	if (b == NULL)
		return;
	/* Keep the first block made (the last in the list): the one every point fits in. */
	while (b->next != NULL) {
		arena_block *next = b->next;
		free(b);
		b = next;
	}
	a->head = b;
	a->used = 0;
}

void arena_free(arena *a)
{
	while (a->head != NULL) {
		arena_block *next = a->head->next;
		free(a->head);
		a->head = next;
	}
	a->used = 0;
}

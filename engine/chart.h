/*
 * chart.h: the report's figures drawn from numbers: the stacked bar chart of the tiers
 * per agency (inline SVG) and the heat map of the likelihood × harm matrix (an HTML table
 * shaded by count).  No script, no font or file from the network, integer arithmetic
 * only: the same numbers give the same bytes.  Knows nothing of the database.
 * Depends on html.h, text.h, vocab.h.
 */
#ifndef RG_CHART_H
#define RG_CHART_H

#include <stdio.h>

#include "vocab.h"

/* One bar of the tier chart: an agency and its points per tier. */
typedef struct {
	const char *code;          /* the agency's code, in the bars' data-figure keys */
	const char *name;          /* its name: the bar's label */
	long count[VOCAB_TIERS];   /* its points per tier, vocab_tier's order (一级 first) */
	long total;                /* its points: the number written after the bar */
} chart_bar;

/*
 * chart_tiers: write to f the <svg> element (and a newline) of the stacked bar chart of
 * bars[0..n-1], one bar per agency, top to bottom: a legend of the tiers, the name on the
 * left (squeezed when too long for the label column), a segment per tier in its colour
 * with its count in it when it is wide enough to hold it, and the total after the bar.
 * The longest total fills the bar area; the label column is as wide as the widest name
 * needs, within 60 to 260 units.  Each segment carries data-figure="bar:tierN:CODE" and
 * data-count.  title is the chart's accessible name (aria-label).  The strings are only
 * read; nothing is kept.  Write errors are left in f's error flag.
 */
void chart_tiers(FILE *f, const char *title, const chart_bar *bars, long n);

/*
 * chart_heatmap: write to f the <table class="matrix" id="ID"> of the n × n counts
 * cell[(row - 1) * n + col - 1], rows and columns numbered 1 to n: the rows from n at the
 * top down to 1 under the heading row_title, the columns 1 to n under col_title.  Each
 * cell holds its count with data-figure="matrix:ROW:COL" and class hS, S its shade: 0 for
 * none, else 1 + (count - 1) * 5 / max, max the fullest cell's count (so 1 to 5, and 5
 * only when max is 5 or more).  The page's stylesheet gives the shades their colours.
 * Write errors are left in f's error flag.
 */
void chart_heatmap(FILE *f, const char *id, const char *row_title, const char *col_title,
		   const long *cell, int n);

#endif

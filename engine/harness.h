/*
 * harness.h: `riskgrade test` and `riskgrade lint` over rule packs: the C side of the
 * pack test harness (engine/packtest.lua), its printed reports (failures, coverage, lint
 * findings), and the command driver that checks each pack in a fresh rule state.
 * Depends on rules.h, factdef.h (lint --db), status.h.
 */
#ifndef RG_HARNESS_H
#define RG_HARNESS_H

#include <stdio.h>

#include "factdef.h"
#include "rules.h"
#include "status.h"

/* What a check is given besides the pack. */
typedef struct {
	const fact_defs *facts; /* the facts declared in the database given with --db (lint
				 * checks p.facts.NAME... against them), or NULL */
} harness_ctx;

/*
 * harness_test: load pack name in r and run the cases it carries (its own CASES table),
 * printing to out each failure as expected/actual lines, a summary, the tiers no case
 * expects, and the lines of the pack's own functions that no case ran.  Use a fresh
 * state per pack, so coverage counts that pack's cases only.  *failures is set to the
 * number of failing cases.  RG_RULE or RG_IO if the pack cannot be loaded.
 */
rg_status harness_test(rules *r, const char *name, const harness_ctx *ctx, FILE *out,
			int *failures, rg_err *e);

/*
 * harness_lint: load pack name in r and print to out its static problems, one per line:
 * tier thresholds out of order; leaving scores without a tier or beyond the highest
 * score, by the pack's SCORE_RANGE, or without one by the scores its cases give (each
 * case graded under its own CPU limit; a case that stops is a finding); a malformed
 * SCORE_RANGE or TIERS level; a tier missing from TIERS, WEIGHTS that do not add up to
 * the pack's WEIGHT_TOTAL, references to point facts that do not exist (p.name in its
 * text; with ctx->facts, also p.facts.NAME, p.power.facts.NAME and p.post.facts.NAME
 * against the facts declared for each sheet), tiers no case expects.  *findings is set
 * to their number.  RG_RULE or RG_IO if the pack cannot be loaded.
 */
rg_status harness_lint(rules *r, const char *name, const harness_ctx *ctx, FILE *out,
		       int *findings, rg_err *e);

/*
 * harness_command: the body of `riskgrade test` and `riskgrade lint`: parse argv
 * ([--rules DIR] [PACK...], and when with_db [--db DB], usage and help as for
 * args_parse), read the facts declared in DB if given, then run check (harness_test or
 * harness_lint) on each pack named, or on the default and every DIR/agencies/CODE.lua,
 * each in a fresh rule state so its coverage counts its own cases only.  check prints to
 * stdout and counts what it found; RG_FAILED with "N findings" (lint) or "N failing
 * cases" (test) when the total is not zero, else the first failing status (RG_RULE,
 * RG_IO when a pack cannot be loaded, RG_DB when DB cannot be read).
 */
rg_status harness_command(int argc, char **argv, const char *usage, const char *help,
			  rg_status (*check)(rules *, const char *, const harness_ctx *, FILE *,
					     int *, rg_err *),
			  bool with_db, rg_err *e);

#endif

/*
 * cmd_lint.c: `riskgrade lint`, the static checks of rule packs before a review.  Needs
 * no database, but is given one (--db) to check the facts an agency declared.
 * Depends on harness.h.
 */
#include "cmd.h"
#include "i18n.h"
#include "harness.h"

static const char usage[] = "riskgrade lint [--rules DIR] [--db DB] [PACK...]";

static const char help[] =
	N_("usage: riskgrade lint [--rules DIR] [--db DB] [PACK...]\n"
	"\n"
	"Check rule packs before a review: tier thresholds (TIERS) out of order, or leaving\n"
	"scores without a tier or out of reach (checked against the pack's SCORE_RANGE =\n"
	"{ min = ..., max = ... }, whole or fractional, or without one against the scores its\n"
	"cases give), a tier missing from TIERS, WEIGHTS that do not add up to the pack's\n"
	"WEIGHT_TOTAL, references to facts a point does not have (p.name in the pack's text),\n"
	"and tiers that no case expects.  PACK is \"default\" or an agency code; without\n"
	"PACK, all packs.  Exits 1 if anything is found.\n"
	"\n"
	"  --rules DIR   rule pack directory (default: as for grade)\n"
	"  --db DB       also check the agency's own facts a pack reads (p.facts.NAME,\n"
	"                p.power.facts.NAME, p.post.facts.NAME) against those declared in\n"
	"                DB (riskgrade facts DB lists them); without it they are not checked\n");

rg_status cmd_lint(int argc, char **argv, rg_err *e)
{
	return harness_command(argc, argv, usage, help, harness_lint, true, e);
}

/*
 * cmd_lint.c: `riskgrade lint`, the static checks of rule packs before a review.  Needs
 * no database.  Depends on harness.h.
 */
#include "cmd.h"
#include "harness.h"

static const char usage[] = "riskgrade lint [--rules DIR] [PACK...]";

static const char help[] =
	"usage: riskgrade lint [--rules DIR] [PACK...]\n"
	"\n"
	"Check rule packs before a review: tier thresholds (TIERS) out of order or leaving low\n"
	"scores without a tier, a tier missing from TIERS, WEIGHTS that do not add up to the\n"
	"pack's WEIGHT_TOTAL, references to facts a point does not have (p.name in the pack's\n"
	"text), and tiers that no case expects.  PACK is \"default\" or an agency code;\n"
	"without PACK, all packs.  Exits 1 if anything is found.\n"
	"\n"
	"  --rules DIR   rule pack directory (default: as for grade)\n";

rg_status cmd_lint(int argc, char **argv, rg_err *e)
{
	return harness_command(argc, argv, usage, help, harness_lint, "finding", e);
}

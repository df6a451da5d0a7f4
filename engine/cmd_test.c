/*
 * cmd_test.c: `riskgrade test`, the cases rule packs carry, so a pack can be gated in CI
 * before it grades anything.  Needs no database.  Depends on harness.h.
 */
#include "cmd.h"
#include "i18n.h"
#include "harness.h"

static const char usage[] = "riskgrade test [--rules DIR] [PACK...]";

static const char help[] =
	N_("usage: riskgrade test [--rules DIR] [PACK...]\n"
	"\n"
	"Run the test cases each rule pack carries (its CASES table: facts in, expected tier,\n"
	"flags and warnings out) and print every failure as expected/actual, the tiers no case\n"
	"expects, and the lines of the pack's own functions that no case ran (coverage).\n"
	"PACK is \"default\" or an agency code; without PACK, the default and every pack in\n"
	"DIR/agencies/.  Exits 1 if any case fails, so a pack can be gated in CI.\n"
	"\n"
	"  --rules DIR   rule pack directory (default: as for grade)\n");

rg_status cmd_test(int argc, char **argv, rg_err *e)
{
	return harness_command(argc, argv, usage, help, harness_test, false, e);
}

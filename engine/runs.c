/*
 * runs.c: (being written)
 */
#include "cmd.h"

rg_status cmd_runs(int argc, char **argv, rg_err *e)
{
	(void)argc;
	(void)argv;
	return err_set(e, RG_USAGE, "runs: not built yet");
}

rg_status cmd_diff(int argc, char **argv, rg_err *e)
{
	(void)argc;
	(void)argv;
	return err_set(e, RG_USAGE, "diff: not built yet");
}

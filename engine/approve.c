/*
 * approve.c: (being written)
 */
#include "cmd.h"

rg_status cmd_flags(int argc, char **argv, rg_err *e)
{
	(void)argc;
	(void)argv;
	return err_set(e, RG_USAGE, "flags: not built yet");
}

rg_status cmd_approve(int argc, char **argv, rg_err *e)
{
	(void)argc;
	(void)argv;
	return err_set(e, RG_USAGE, "approve: not built yet");
}

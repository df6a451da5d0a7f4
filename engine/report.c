/*
 * report.c: (being written)
 */
#include "cmd.h"

rg_status cmd_report(int argc, char **argv, rg_err *e)
{
	(void)argc;
	(void)argv;
	return err_set(e, RG_USAGE, "report: not built yet");
}

/*
 * cmd.h: the subcommands, one per file (engine/cmd_NAME.c defines cmd_NAME), each called
 * by main.c with its own argv (argv[0] is the subcommand's name).  Each is a thin driver:
 * it parses its arguments, calls the services, prints its results to stdout, and returns
 * a status whose message main.c prints to stderr.
 */
#ifndef RG_CMD_H
#define RG_CMD_H

#include "status.h"

rg_status cmd_init(int argc, char **argv, rg_err *e);
rg_status cmd_import(int argc, char **argv, rg_err *e);
rg_status cmd_grade(int argc, char **argv, rg_err *e);
rg_status cmd_warnings(int argc, char **argv, rg_err *e);
rg_status cmd_explain(int argc, char **argv, rg_err *e);
rg_status cmd_rules(int argc, char **argv, rg_err *e);
rg_status cmd_test(int argc, char **argv, rg_err *e);
rg_status cmd_lint(int argc, char **argv, rg_err *e);
rg_status cmd_facts(int argc, char **argv, rg_err *e);

rg_status cmd_runs(int argc, char **argv, rg_err *e);
rg_status cmd_diff(int argc, char **argv, rg_err *e);
rg_status cmd_flags(int argc, char **argv, rg_err *e);
rg_status cmd_approve(int argc, char **argv, rg_err *e);
rg_status cmd_warning(int argc, char **argv, rg_err *e);
rg_status cmd_calibrate(int argc, char **argv, rg_err *e);
rg_status cmd_audit(int argc, char **argv, rg_err *e);
rg_status cmd_export(int argc, char **argv, rg_err *e);
rg_status cmd_report(int argc, char **argv, rg_err *e);
rg_status cmd_notice(int argc, char **argv, rg_err *e);
rg_status cmd_list(int argc, char **argv, rg_err *e);

#endif

/*
 * cmd.h: the subcommands, one per file, each called by main.c with its own argv
 * (argv[0] is the subcommand's name).  Each prints its --help to stdout, its results to
 * stdout, and returns a status whose message main.c prints to stderr.
 */
#ifndef RG_CMD_H
#define RG_CMD_H

#include "status.h"

rg_status cmd_init(int argc, char **argv, rg_err *e);     /* init.c */
rg_status cmd_import(int argc, char **argv, rg_err *e);   /* import.c */
rg_status cmd_grade(int argc, char **argv, rg_err *e);    /* grade.c */
rg_status cmd_warnings(int argc, char **argv, rg_err *e); /* warnings.c */
rg_status cmd_explain(int argc, char **argv, rg_err *e);  /* explain.c */
rg_status cmd_rules(int argc, char **argv, rg_err *e);    /* packs.c */
rg_status cmd_test(int argc, char **argv, rg_err *e);     /* packtest.c */
rg_status cmd_lint(int argc, char **argv, rg_err *e);     /* packtest.c */

rg_status cmd_runs(int argc, char **argv, rg_err *e);      /* runs.c */
rg_status cmd_diff(int argc, char **argv, rg_err *e);      /* runs.c */
rg_status cmd_flags(int argc, char **argv, rg_err *e);     /* approve.c */
rg_status cmd_approve(int argc, char **argv, rg_err *e);   /* approve.c */
rg_status cmd_warning(int argc, char **argv, rg_err *e);   /* warning.c */
rg_status cmd_calibrate(int argc, char **argv, rg_err *e); /* calibrate.c */
rg_status cmd_audit(int argc, char **argv, rg_err *e);     /* auditcmd.c */
rg_status cmd_export(int argc, char **argv, rg_err *e);    /* export.c */
rg_status cmd_report(int argc, char **argv, rg_err *e);    /* report.c */

#endif

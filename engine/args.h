/*
 * args.h: the command-line conventions every subcommand shares: options before or after
 * positional arguments, "--opt VALUE" or "--opt=VALUE", "--" ends options, --help and
 * --wait.
 * Depends on status.h and stdio (the help goes to stdout); --wait goes to db.h.
 */
#ifndef RG_ARGS_H
#define RG_ARGS_H

#include <stdbool.h>

#include "status.h"

/* One option a subcommand accepts.  Exactly one of value and flag is set. */
typedef struct {
	const char *name;   /* e.g. "--as-of" */
	const char **value; /* receives the option's value, or NULL for a flag */
	bool *flag;         /* set to true when the flag is given */
} arg_opt;

/*
 * args_parse: parse argv[1..argc-1] (argv[0] is the subcommand) against opts (terminated
 * by a NULL name).  Positional arguments go to pos[0..*npos-1]; between minpos and maxpos
 * are allowed.  "--help" or "-h" prints help_text to stdout, sets *help and stops
 * (RG_OK): the caller then returns at once.  "--wait SECONDS", which every command
 * takes, sets how long its database connections wait for another's lock
 * (db_set_wait; a number from 0 to DB_WAIT_MAX, fractions allowed).  RG_USAGE naming
 * the offending argument otherwise; usage (the one-line synopsis) is added to the
 * message.
 */
rg_status args_parse(int argc, char **argv, const arg_opt *opts, const char **pos,
		     int minpos, int maxpos, int *npos, bool *help, const char *usage,
		     const char *help_text, rg_err *e);

#endif

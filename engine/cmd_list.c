/*
 * cmd_list.c: `riskgrade list`, the register's codes looked up: the agencies,
 * departments, posts, persons, powers or risk points, with their names, so that a
 * supervisor can find the code an option such as --by or --agency wants.
 * Depends on db.h, out.h, args.h, lookup.h.
 */
#include <stdio.h>
#include <string.h>

#include "args.h"
#include "cmd.h"
#include "db.h"
#include "lookup.h"
#include "out.h"

static const char list_usage[] =
	"riskgrade list DB agencies|departments|posts|persons|powers|points [--agency CODE]\n"
	"       [--format table|csv|json|xlsx] [-o FILE]";

static const char list_help[] =
	"usage: riskgrade list DB agencies|departments|posts|persons|powers|points\n"
	"                      [--agency CODE] [--format table|csv|json|xlsx] [-o FILE]\n"
	"\n"
	"List one table of the register by code, with the names people know it by:\n"
	"  agencies (单位)      单位代码, 单位名称, 上级单位\n"
	"  departments (科室)   科室代码, 科室名称, 单位代码\n"
	"  posts (岗位)         岗位代码, 岗位名称, 单位代码, 科室代码\n"
	"  persons (人员)       人员代码, 姓名, 职务角色, 单位代码, 科室代码, 岗位代码\n"
	"  powers (职权)        职权编码, 职权名称, 职权类别, 单位代码, 行使科室, 行使岗位\n"
	"  points (风险点)      风险点编号, 单位代码, 层级, 风险类别, 岗位代码, 职权编码,\n"
	"                       审定等级, 表现形式\n"
	"The Chinese name in brackets may be given instead.  JSON keys are the column names of\n"
	"the import (code, name, parent, agency, department, post, role, kind, power, level,\n"
	"category, approved_tier, manifestation).\n"
	"\n"
	"  --agency CODE      only this agency and the units under it\n" OUT_HELP;

/* One table the command lists: its names, the query (?1: the --agency scope or NULL) and
 * the columns of its rows. */
typedef struct {
	const char *name;  /* as typed: the table's name */
	const char *alias; /* or its Chinese name */
	const char *title; /* the list's title (XLSX sheet) */
	const char *sql;
	out_col cols[8];
	int ncols;
} listing;

static const listing listings[] = {
	{"agencies", "单位", "单位清单",
	 AGENCY_SCOPE "SELECT a.code, a.name, a.parent FROM agencies a"
		      " WHERE a.code IN (SELECT code FROM scope) ORDER BY a.code",
	 {{"单位代码", "code"}, {"单位名称", "name"}, {"上级单位", "parent"}},
	 3},
	{"departments", "科室", "科室清单",
	 AGENCY_SCOPE "SELECT d.code, d.name, d.agency FROM departments d"
		      " WHERE d.agency IN (SELECT code FROM scope) ORDER BY d.code",
	 {{"科室代码", "code"}, {"科室名称", "name"}, {"单位代码", "agency"}},
	 3},
	{"posts", "岗位", "岗位清单",
	 AGENCY_SCOPE "SELECT p.code, p.name, p.agency, p.department FROM posts p"
		      " WHERE p.agency IN (SELECT code FROM scope) ORDER BY p.code",
	 {{"岗位代码", "code"}, {"岗位名称", "name"}, {"单位代码", "agency"},
	  {"科室代码", "department"}},
	 4},
	{"persons", "人员", "人员清单",
	 AGENCY_SCOPE "SELECT p.code, p.name, p.role, p.agency, p.department, p.post"
		      " FROM persons p WHERE p.agency IN (SELECT code FROM scope) ORDER BY p.code",
	 {{"人员代码", "code"}, {"姓名", "name"}, {"职务角色", "role"}, {"单位代码", "agency"},
	  {"科室代码", "department"}, {"岗位代码", "post"}},
	 6},
	{"powers", "职权", "职权清单",
	 AGENCY_SCOPE "SELECT p.code, p.name, p.kind, p.agency, p.department, p.post"
		      " FROM powers p WHERE p.agency IN (SELECT code FROM scope) ORDER BY p.code",
	 {{"职权编码", "code"}, {"职权名称", "name"}, {"职权类别", "kind"}, {"单位代码", "agency"},
	  {"行使科室", "department"}, {"行使岗位", "post"}},
	 6},
	{"points", "风险点", "风险点清单",
	 AGENCY_SCOPE "SELECT p.code, p.agency, p.level, p.category, p.post, p.power,"
		      " p.approved_tier, p.manifestation FROM points p"
		      " WHERE p.agency IN (SELECT code FROM scope) ORDER BY p.code",
	 {{"风险点编号", "code"}, {"单位代码", "agency"}, {"层级", "level"},
	  {"风险类别", "category"}, {"岗位代码", "post"}, {"职权编码", "power"},
	  {"审定等级", "approved_tier"}, {"表现形式", "manifestation"}},
	 8},
};

static const listing *find_listing(const char *name)
{
	for (size_t i = 0; i < sizeof listings / sizeof listings[0]; i++)
		if (strcmp(listings[i].name, name) == 0 || strcmp(listings[i].alias, name) == 0)
			return &listings[i];
	return NULL;
}

rg_status cmd_list(int argc, char **argv, rg_err *e)
{
	const char *pos[2], *format = NULL, *output = NULL, *agency = NULL;
	arg_opt opts[] = {{"--agency", &agency, NULL}, {"--format", &format, NULL},
			  {"-o", &output, NULL}, {"--output", &output, NULL},
			  {NULL, NULL, NULL}};
	const listing *l;
	out_target t;
	bool helped;
	int npos;
	long n = 0;
	db *d = NULL;
	db_stmt *s = NULL;
	rg_status st;

	st = args_parse(argc, argv, opts, pos, 2, 2, &npos, &helped, list_usage, list_help, e);
	if (st != RG_OK || helped)
		return st;
	if ((l = find_listing(pos[1])) == NULL)
		return err_set(e, RG_USAGE,
			       "list: expected agencies, departments, posts, persons, powers or "
			       "points (or 单位, 科室, 岗位, 人员, 职权, 风险点), got \"%s\"",
			       pos[1]);
	if ((st = out_choose("list", format, output, pos[0], OUT_ALL, &t, e)) != RG_OK)
		return st;
	if ((st = db_open(pos[0], &d, e)) != RG_OK)
		return st;
	if (agency != NULL && (st = lookup_agency(d, "--agency", agency, e)) != RG_OK)
		goto out;
	if ((st = db_prepare(d, l->sql, &s, e)) != RG_OK)
		goto out;
	db_bind_text(s, 1, agency);
	st = out_write(&t, &(out_list){l->title, NULL, l->cols, l->ncols}, s, &n, e);
	if (st == RG_OK && t.fmt == OUT_TABLE)
		printf("%ld %s\n", n, n == 1 ? "row" : "rows");
out:
	db_finalize(s);
	db_close(d);
	return st;
}

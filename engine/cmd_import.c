/*
 * cmd_import.c: `riskgrade import`, a CSV file or a sheet of an .xlsx or .xls workbook
 * into one table through the import service (import.c), all or nothing, recorded in
 * the audit log.
 * Depends on import.h (and sheet.h through it), db.h, audit.h, encoding.h, args.h, date.h,
 * i18n.h.
 */
#include <stdio.h>
#include <string.h>

#include "args.h"
#include "audit.h"
#include "cmd.h"
#include "date.h"
#include "db.h"
#include "encoding.h"
#include "i18n.h"
#include "import.h"

static const char usage[] =
	"riskgrade import DB TABLE FILE [--sheet NAME] [--encoding utf-8|gb18030|auto] "
	"[--dry-run] [--by NAME]";

static const char help[] =
	N_("usage: riskgrade import DB TABLE FILE [--sheet NAME]\n"
	"       [--encoding utf-8|gb18030|auto] [--dry-run] [--by NAME]\n"
	"\n"
	"Import FILE, a CSV file or an .xlsx or .xls workbook as Excel, WPS or LibreOffice\n"
	"save it (told apart by its content; - reads standard input), into TABLE, in one\n"
	"transaction: every problem is reported as file:line:column (a CSV file) or\n"
	"file:sheet!C17 (a workbook) with the field, what was expected and what was found,\n"
	"and if there is any, nothing is written.\n"
	"\n"
	"The header is the first row that is not empty.  Headers are the column names or\n"
	"their Chinese labels (e.g. code or 风险点编号); other columns (序号, 备注, ...) are\n"
	"ignored, with one notice naming them.  Rows whose cells are all empty are skipped.\n"
	"Empty fields are NULL; yes/no columns take 1/0 or 是/否; dates are YYYY-MM-DD,\n"
	"2026-7-21, 2026/7/21, 2026.7.21, 2026年7月21日 or Excel's day number (1 to 2958465,\n"
	"1900-01-01 to 9999-12-31; 60, Excel's 1900-02-29, is refused), stored YYYY-MM-DD.\n"
	"Tables, in the order their references need: fact_definitions agencies departments\n"
	"posts persons oversight powers points ratings measures signals changes.  The sheets\n"
	"of points, powers and posts also take the columns of the facts the agency declared\n"
	"in fact_definitions (riskgrade facts DB lists them), checked against each\n"
	"definition; an empty cell is a value the row does not have.\n"
	"\n"
	"Importing a file again updates the rows it imported: a row whose key is already in\n"
	"the table sets the columns the file has and leaves the others (and the grades,\n"
	"flags and warnings of a point) alone, so a file may hold the key and only the\n"
	"columns to change; a new row needs every required column.\n"
	"Keys: the code; oversight: 分管领导 and 分管科室;\n"
	"ratings: 风险点编号, 评议主体, 评定因素, 评议日期; measures: 风险点编号, 防控措施;\n"
	"signals: 信息来源, 风险点编号, 岗位代码, 收到日期, 内容摘要; changes: 变更类别,\n"
	"职权编码, 岗位代码, 变更日期, 变更内容.  A key may appear once in a file.\n"
	"\n"
	"  --sheet NAME  the sheet of a workbook to import (default: its first sheet)\n"
	"  --encoding E  utf-8 (\"CSV UTF-8\", with or without a byte-order mark), gb18030\n"
	"                (\"CSV\" on a Chinese Windows; also read for gbk) or auto (the\n"
	"                default): UTF-8 if the file starts with a byte-order mark or is\n"
	"                all UTF-8, else GB18030 if it is all GB18030, else an error\n"
	"  --dry-run     check everything and say what would be imported; write nothing\n"
	"                (what would be written is held in memory meanwhile)\n"
	"  --by NAME     who imports, for the audit log (default: $USER)\n"
	"\n"
	"Each import is recorded in the audit log with the file's SHA-256; the time is\n"
	"$RISKGRADE_NOW (YYYY-MM-DDTHH:MM:SSZ) when set, else the clock.\n");

rg_status cmd_import(int argc, char **argv, rg_err *e)
{
	const char *pos[3], *encoding = "auto", *by = NULL, *sheet_wanted = NULL;
	bool dry_run = false, helped;
	arg_opt opts[] = {
		{"--sheet", &sheet_wanted, NULL},
		{"--encoding", &encoding, NULL},
		{"--dry-run", NULL, &dry_run},
		{"--by", &by, NULL},
		{NULL, NULL, NULL},
	};
	int npos;
	char now[STAMP_BUF];
	import_opts o;
	import_result r;
	db *d = NULL;
	rg_status st;

	st = args_parse(argc, argv, opts, pos, 3, 3, &npos, &helped, usage, help, e);
	if (st != RG_OK || helped)
		return st;
	memset(&o, 0, sizeof o);
	if ((st = import_check_table(pos[1], e)) != RG_OK ||
	    (st = enc_parse(encoding, &o.encoding, e)) != RG_OK)
		return st;
	if (!dry_run && (st = date_now(now, NULL, e)) != RG_OK)
		return st;
	o.table = pos[1];
	o.path = pos[2];
	o.dry_run = dry_run;
	o.sheet = sheet_wanted;
	o.actor = audit_actor(by);
	if (!dry_run && (st = audit_require_actor(by, &o.actor, e)) != RG_OK)
		return st;
	o.at = now;
	o.progress = true;
	st = db_open(pos[0], &d, e);
	if (st == RG_OK)
		st = import_file(d, &o, &r, stderr, e);
	if (st == RG_OK) {
		char name[1024];
		const char *path = strcmp(o.path, "-") == 0 ? _("<stdin>") : o.path;
		if (r.format != SHEET_CSV)
			/* TRANSLATORS: the workbook's name, and the name of the sheet imported. */
			snprintf(name, sizeof name, _("%s (sheet %s)"), path, r.sheet);
		else
			snprintf(name, sizeof name, "%s%s", path,
				 r.encoding == ENC_GB18030 ? " (GB18030)" : "");
		if (dry_run)
			printf(ngettext("%s: would import %ld row into %s: %ld new, %ld updated, "
					"%ld unchanged (dry run: nothing was written)\n",
					"%s: would import %ld rows into %s: %ld new, %ld updated, "
					"%ld unchanged (dry run: nothing was written)\n", r.rows),
			       name, r.rows, o.table, r.added, r.updated, r.unchanged);
		else
			printf(ngettext("%s: %ld row imported into %s: %ld new, %ld updated, "
					"%ld unchanged\n",
					"%s: %ld rows imported into %s: %ld new, %ld updated, "
					"%ld unchanged\n", r.rows),
			       name, r.rows, o.table, r.added, r.updated, r.unchanged);
	}
	db_close(d);
	return st;
}

/*
 * notice.c: the warnings' notices (预警通知书), read from the database a warning at a time
 * and laid out one per A4 page: the heading and the document's kind, the recipient, the
 * table of the point, its tier, the reason, the evidence, the disposition and what it
 * requires, the due date, then the issuing body and the lines for 签收 and 反馈.
 * Depends on db.h, html.h, vocab.h, status.h.
 */
#include "notice.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "html.h"
#include "vocab.h"

/* The warnings chosen, each with what its notice shows.  ?1 one warning's number (NULL:
 * any), ?2 the responsible person's code (NULL: any), ?3 a run that must have issued or
 * escalated it (its events in warning_events; NULL: any).  Unless one warning is asked
 * for, only those awaiting an answer (发布 or 签收).  The tier, score and evidence are
 * those of the run that last raised the warning; the evidence is that of the point's
 * flags of that run whose label is the warning's reason.  The signals' complainant is
 * never read. */
static const char notices_sql[] =
	"SELECT w.id, a.code, a.name, dp.name, po.name, p.code, p.manifestation,"
	"  g.tier, g.score, coalesce(w.seen_run, w.run), w.reason,"
	"  (SELECT group_concat(evidence, '；') FROM (SELECT f.evidence FROM flags f"
	"    WHERE f.run = g.version AND f.point = w.point AND f.label = w.reason"
	"    AND f.evidence IS NOT NULL AND f.evidence <> '' ORDER BY f.code)),"
	"  w.disposition, w.text, w.due, coalesce(w.issued_on, w.due), pe.name"
	" FROM warnings w JOIN points p ON p.code = w.point"
	" JOIN agencies a ON a.code = p.agency"
	" LEFT JOIN posts po ON po.code = p.post"
	" LEFT JOIN departments dp ON dp.code = coalesce(p.department, po.department)"
	" LEFT JOIN persons pe ON pe.code = w.responsible"
	" LEFT JOIN run_grades g ON g.run = coalesce(w.seen_run, w.run) AND g.point = w.point"
	" WHERE (?1 IS NULL OR w.id = ?1)"
	"  AND (?1 IS NOT NULL OR w.status IN ('发布', '签收'))"
	"  AND (?2 IS NULL OR w.responsible = ?2)"
	"  AND (?3 IS NULL OR EXISTS (SELECT 1 FROM warning_events ev"
	"   WHERE ev.warning = w.id AND ev.run = ?3))"
	" ORDER BY w.id";

/* One notice, as read: strings borrowed from the query, valid until its next row; NULL
 * for what the database does not have. */
typedef struct {
	long id;                 /* the warning's number (预警编号) */
	const char *agency_code; /* the point's agency */
	const char *agency;      /* its name */
	const char *department;  /* the point's department (or its post's), or NULL */
	const char *post;        /* the point's post, or NULL */
	const char *point;       /* the point's code */
	const char *manifestation; /* what the risk looks like (表现形式) */
	const char *tier;        /* its tier in the run that last raised the warning, or NULL */
	double score;            /* its score there */
	long run;                /* that run */
	const char *reason;      /* 预警事由 */
	const char *evidence;    /* the evidence of the flags of that reason, or NULL */
	const char *disposition; /* 风险提示 | 诫勉谈话 | 责令纠错 */
	const char *text;        /* what must be done (整改要求) */
	const char *due;         /* YYYY-MM-DD */
	const char *issued_on;   /* the date of its latest issue, YYYY-MM-DD */
	const char *responsible; /* the responsible person's name, or NULL */
} notice_row;

/* Each disposition, mild to severe (vocab_disposition's order): the kind of document the
 * seed documents hand out for it (轻微问题下发监察整改建议书，一般性问题下发监察整改通知书)
 * and what it asks of the person. */
static const struct {
	const char *kind;
	const char *means;
} dispositions[VOCAB_DISPOSITIONS] = {
	{"监察整改建议书", "提醒责任人注意防范，对照风险点查找原因，完善并落实防控措施"},
	{"监察整改通知书", "由纪检监察机构对责任人进行诫勉谈话，责令限期整改"},
	{"监察整改通知书", "责令立即纠正错误做法，限期整改到位；逾期未整改的，依规依纪处理"},
};

/* The notices' own stylesheet, after the one every page shares (html.h): wider margins,
 * each notice on a page of its own and whole (on screen, a dashed line between two), a
 * form of labelled rows, blanks to sign and date by hand. */
static const char notice_css[] =
	"@page { size: A4; margin: 20mm 20mm 18mm }\n"
	"section.notice { break-inside: avoid; page-break-inside: avoid }\n"
	"section.notice + section.notice { break-before: page; page-break-before: always }\n"
	"@media screen { section.notice + section.notice { border-top: 1px dashed #999;"
	" margin-top: 10mm; padding-top: 10mm } }\n"
	"h1 { font-size: 20pt; letter-spacing: 2pt; margin: 0 0 1mm; color: #a00000 }\n"
	"p.kind { text-align: center; margin: 0 0 3mm }\n"
	"p.no { text-align: right; margin: 0 0 3mm }\n"
	"table.form, table.sign { width: 100% }\n"
	"table.form th, table.sign th { width: 26mm; text-align: center; vertical-align: middle }\n"
	"table.sign td { height: 22mm }\n"
	"table.sign td.feedback { height: 52mm }\n"
	".blank { display: inline-block; min-width: 32mm; border-bottom: 1px solid #222 }\n"
	".blank.wide { min-width: 60mm }\n"
	"p.issuer { text-align: right; margin: 4mm 0 4mm }\n"
	"p.note { font-size: 9pt; color: #555 }\n";

/* The blank for a handwritten date. */
static const char date_blank[] = "<span class=\"blank\">　　　　年　　月　　日</span>";

/* date_zh: write the date ymd (YYYY-MM-DD) as documents write it, 2026年12月1日; anything
 * else as it is (escaped). */
static void date_zh(FILE *f, const char *ymd)
{
	int y, m, d;
	char end;

	if (ymd != NULL && strlen(ymd) == 10 &&
	    sscanf(ymd, "%4d-%2d-%2d%c", &y, &m, &d, &end) == 3)
		fprintf(f, "%d年%d月%d日", y, m, d);
	else
		html_text(f, ymd);
}

/* read_row: the current row of s into *r. */
static void read_row(db_stmt *s, notice_row *r)
{
	r->id = (long)db_col_int(s, 0);
	r->agency_code = db_col_text(s, 1);
	r->agency = db_col_text(s, 2);
	r->department = db_col_text(s, 3);
	r->post = db_col_text(s, 4);
	r->point = db_col_text(s, 5);
	r->manifestation = db_col_text(s, 6);
	r->tier = db_col_text(s, 7);
	r->score = db_col_double(s, 8);
	r->run = (long)db_col_int(s, 9);
	r->reason = db_col_text(s, 10);
	r->evidence = db_col_text(s, 11);
	r->disposition = db_col_text(s, 12);
	r->text = db_col_text(s, 13);
	r->due = db_col_text(s, 14);
	r->issued_on = db_col_text(s, 15);
	r->responsible = db_col_text(s, 16);
}

/* field: a row of the form, its label and its text (escaped; NULL: "—"). */
static void field(FILE *f, const char *name, const char *label, const char *text)
{
	fprintf(f, "<tr><th>%s</th><td data-field=\"%s\">", label, name);
	html_text(f, text != NULL && text[0] != '\0' ? text : "—");
	fputs("</td></tr>\n", f);
}

/* heading: the title, the kind of document and its number, and whom it is for. */
static void heading(FILE *f, const notice_row *r, int disp)
{
	fprintf(f, "<section class=\"notice\" id=\"notice-%ld\" data-warning=\"%ld\">\n"
		   "<h1>廉政风险预警通知书</h1>\n", r->id, r->id);
	if (disp >= 0)
		fprintf(f, "<p class=\"kind\">（%s）</p>\n", dispositions[disp].kind);
	fprintf(f, "<p class=\"no\">预警编号：第 %ld 号</p>\n<p class=\"to\">", r->id);
	if (r->responsible != NULL) {
		html_text(f, r->responsible);
		fputs("同志", f);
	} else {
		html_text(f, r->agency);
	}
	fputs("：</p>\n<p>经廉政风险评定，下列廉政风险点存在需要整改的问题，现予预警。请按下列"
	      "要求认真整改，并于完成时限前将整改落实情况书面反馈。</p>\n", f);
}

/* form: the table of the point, its tier, the reason and evidence, the disposition and
 * what it requires, the due date. */
static void form(FILE *f, const notice_row *r, int disp)
{
	fputs("<table class=\"form\">\n<tr><th>单位</th><td data-field=\"agency\">", f);
	html_text(f, r->agency);
	fputs("（", f);
	html_text(f, r->agency_code);
	fputs("）</td></tr>\n", f);
	if (r->department != NULL || r->post != NULL) {
		fputs("<tr><th>科室、岗位</th><td data-field=\"post\">", f);
		html_text(f, r->department != NULL ? r->department : "—");
		fputs(" / ", f);
		html_text(f, r->post != NULL ? r->post : "—");
		fputs("</td></tr>\n", f);
	}
	fputs("<tr><th>风险点</th><td data-field=\"point\">", f);
	html_text(f, r->point);
	fputs("　", f);
	html_text(f, r->manifestation);
	fputs("</td></tr>\n<tr><th>风险等级</th><td data-field=\"tier\">", f);
	if (r->tier != NULL) {
		html_text(f, r->tier);
		fprintf(f, "（第 %ld 次评定，得分 ", r->run);
		html_number(f, r->score);
		fputs("）", f);
	} else {
		fputs("—", f);
	}
	fputs("</td></tr>\n", f);
	field(f, "reason", "预警事由", r->reason);
	field(f, "evidence", "事实依据", r->evidence);
	fputs("<tr><th>处置方式</th><td data-field=\"disposition\">", f);
	html_text(f, r->disposition);
	if (disp >= 0)
		fprintf(f, "：%s", dispositions[disp].means);
	fputs("</td></tr>\n", f);
	field(f, "requires", "整改要求", r->text);
	fputs("<tr><th>完成时限</th><td data-field=\"due\">", f);
	date_zh(f, r->due);
	fputs("前书面反馈整改落实情况</td></tr>\n</table>\n", f);
}

/* signatures: the issuing body and date, the lines for 签收 and 反馈, and the end of the
 * notice. */
static void signatures(FILE *f, const notice_row *r, const char *issuer)
{
	fputs("<p class=\"issuer\">发文单位：", f);
	if (issuer != NULL) {
		html_text(f, issuer);
	} else {
		fputs("<span class=\"blank wide\"></span>", f);
	}
	fputs("（盖章）<br>", f);
	date_zh(f, r->issued_on);
	fputs("</p>\n<table class=\"sign\">\n<tr><th>签收</th><td>本人已收到本通知书，"
	      "将按要求整改。<br><br>签收人（签名）：<span class=\"blank\"></span>　"
	      "签收日期：", f);
	fputs(date_blank, f);
	fputs("</td></tr>\n<tr><th>反馈</th><td class=\"feedback\">整改落实情况：<br><br><br>"
	      "<br><br><br>反馈人（签名）：<span class=\"blank\"></span>　反馈日期：", f);
	fputs(date_blank, f);
	fputs("</td></tr>\n</table>\n<p class=\"note\">本通知书一式两份，一份交责任人，"
	      "一份经责任人签收后由发文单位存档；整改落实情况请于完成时限前书面反馈。</p>\n"
	      "</section>\n", f);
}

/* none: the message when n chooses no warning, as a status. */
static rg_status none(const notice *n, rg_err *e)
{
	switch (n->by) {
	case NOTICE_WARNING:
		return err_set(e, RG_INPUT, "--warning: no warning %ld (riskgrade warnings DB "
			       "--status all lists them)", n->warning);
	case NOTICE_PERSON:
		return err_set(e, RG_INPUT, "--person: %s has no warning awaiting an answer "
			       "(发布 or 签收): no notice to write", n->person);
	case NOTICE_RUN:
		return err_set(e, RG_INPUT, "--run: run %ld issued or escalated no warning that "
			       "still awaits an answer (发布 or 签收): no notice to write", n->run);
	case NOTICE_OPEN:
		break;
	}
	return err_set(e, RG_INPUT, "no warning awaits an answer (发布 or 签收): no notice "
		       "to write");
}

rg_status notice_write(const notice *n, FILE *out, long *count, rg_err *e)
{
	db_stmt *s = NULL;
	notice_row r;
	bool row;
	rg_status st;

	*count = 0;
	if ((st = db_prepare(n->d, notices_sql, &s, e)) != RG_OK) {
		st = err_wrap(e, st, "notice: the warnings");
		goto out;
	}
	if (n->by == NOTICE_WARNING)
		db_bind_int(s, 1, n->warning);
	if (n->by == NOTICE_PERSON)
		db_bind_text(s, 2, n->person);
	if (n->by == NOTICE_RUN)
		db_bind_int(s, 3, n->run);
	while ((st = db_step(s, &row, e)) == RG_OK && row) {
		read_row(s, &r);
		int disp = vocab_index(vocab_disposition, VOCAB_DISPOSITIONS, r.disposition);
		/* the page starts with the first notice: nothing at all when there is none */
		if (++*count == 1)
			html_page_begin(out, "廉政风险预警通知书", notice_css);
		heading(out, &r, disp);
		form(out, &r, disp);
		signatures(out, &r, n->issuer);
	}
	if (st != RG_OK) {
		st = err_wrap(e, st, "notice: the warnings");
		goto out;
	}
	if (*count == 0) {
		st = none(n, e);
		goto out;
	}
	fputs("</body>\n</html>\n", out);
out:
	db_finalize(s);
	return st;
}

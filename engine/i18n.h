/*
 * i18n.h: messages in the user's language, by GNU gettext (the C library's own).  The
 * source text of every message is English; po/zh_CN.po translates it, and the locale
 * (LC_ALL, LC_MESSAGES, LANG; LANGUAGE too) decides: zh_CN.UTF-8 gives Chinese, C gives
 * English.  Column headers are not messages: they are the register's Chinese terms in
 * every language, the same the import reads.
 * Depends on libintl (glibc).
 */
#ifndef RG_I18N_H
#define RG_I18N_H

#include <libintl.h>
#include <stdbool.h>

/* _(s): s in the user's language.  N_(s): s marked for the catalog where it is defined
 * (a table, a static help text), translated with _() where it is used. */
#define _(s) gettext(s)
#define N_(s) s

/*
 * i18n_init: take the message language from the environment and find the catalogs:
 * the folder "locale" beside the program when there is one (the build tree), else the
 * installed PREFIX/share/locale.  Only LC_MESSAGES and LC_CTYPE follow the locale: numbers
 * keep the C format, which rule packs and CSV files rely on.  Call once, first thing.
 */
void i18n_init(void);

/* i18n_chinese: true when messages are in Chinese (so codes are shown by their labels). */
bool i18n_chinese(void);

#endif

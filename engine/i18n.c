/*
 * i18n.c: the message language and where its catalogs are (see i18n.h).
 * Depends on libintl and locale.h (glibc), unistd.h (readlink).
 */
#include "i18n.h"

#include <limits.h>
#include <locale.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define DOMAIN "riskgrade"

/* The folder "locale" beside the running program into dir[size], if it exists. */
static bool beside_program(char *dir, size_t size)
{
	struct stat sb;
	ssize_t n = readlink("/proc/self/exe", dir, size - sizeof "/locale");
	char *slash;

	if (n <= 0)
		return false;
	dir[n] = '\0';
	if ((slash = strrchr(dir, '/')) == NULL)
		return false;
	strcpy(slash, "/locale");
	return stat(dir, &sb) == 0 && S_ISDIR(sb.st_mode);
}

void i18n_init(void)
{
	char dir[PATH_MAX + sizeof "/locale"];

	setlocale(LC_CTYPE, "");
	setlocale(LC_MESSAGES, "");
	bindtextdomain(DOMAIN, beside_program(dir, sizeof dir) ? dir : RG_LOCALEDIR);
	/* The catalogs are UTF-8, and so is everything riskgrade writes, whatever the locale's
	 * own character set (a C locale would turn Chinese into question marks). */
	bind_textdomain_codeset(DOMAIN, "UTF-8");
	textdomain(DOMAIN);
}

bool i18n_chinese(void)
{
	/* The catalog says which language it is. */
	/* TRANSLATORS: not a message: the code of the catalog's language, zh_CN for Chinese. */
	return strcmp(_("language-code"), "zh_CN") == 0;
}

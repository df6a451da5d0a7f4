#!/bin/sh
# locale.sh: make sure the system has the zh_CN.UTF-8 locale, which the Chinese messages
# (LANG=zh_CN.UTF-8) and their tests need: Debian's locales package has its definition,
# localedef compiles it (as root).  Does nothing when it is there already.
set -e
if locale -a 2>/dev/null | grep -qix 'zh_CN\.utf-\?8'; then
	exit 0
fi
if [ "$(id -u)" != 0 ]; then
	echo "locale.sh: the zh_CN.UTF-8 locale is missing; as root run: localedef -i zh_CN -f UTF-8 zh_CN.UTF-8" >&2
	exit 1
fi
echo "generating the zh_CN.UTF-8 locale"
localedef -i zh_CN -f UTF-8 zh_CN.UTF-8

# riskgrade — rule-driven grading of 廉政风险 points.  `make help` lists the targets.

# ---- user settings -------------------------------------------------------------------
PREFIX   ?= /usr/local
CC       ?= cc
DEBUG    ?= 0
SANITIZE ?=
WERROR   ?= 0
BENCH_N  ?= 1000000
BENCH_PG_N ?= $(shell expr $(BENCH_N) / 100)

PKGS     := lua5.4 sqlite3 libpq libpcre2-8 libcrypto xlsxwriter libzip expat freexl
TEST_PKGS := cmocka
# Debian packages that provide the libraries and tools above (installed by `make deps`).
DEB_PKGS := build-essential pkg-config liblua5.4-dev libsqlite3-dev libpcre2-dev \
            libssl-dev libxlsxwriter-dev libzip-dev libexpat1-dev libfreexl-dev \
            libcmocka-dev sqlite3 time python3 gettext locales libpq-dev
# What the tests open riskgrade's files with: LibreOffice for the XLSX exports, Chromium
# for the HTML report (and a CJK font, so the screenshot shows the Chinese text); poppler
# reads the PDFs they print, page by page; man-db (man, and groff) for the installed
# manual page; PostgreSQL's server for the tests' throwaway cluster (tools/pg.sh).
TEST_DEB_PKGS := chromium libreoffice-calc-nogui fonts-noto-cjk poppler-utils man-db \
                 postgresql

# ---- flags ---------------------------------------------------------------------------
WARN   := -Wall -Wextra -Wshadow -Wundef -Wwrite-strings -Wstrict-prototypes \
          -Wmissing-prototypes
ifeq ($(WERROR),1)
WARN   += -Werror
endif
ifeq ($(DEBUG),1)
OPT    := -O0 -g3
else
OPT    := -O2 -g -DNDEBUG
endif
ifneq ($(SANITIZE),)
OPT    += -fsanitize=$(SANITIZE) -fno-omit-frame-pointer -fno-sanitize-recover=all
LDSAN  := -fsanitize=$(SANITIZE)
endif
VERSION := $(shell cat VERSION)
CFLAGS_ALL = -std=c11 -D_POSIX_C_SOURCE=200809L -pthread $(WARN) $(OPT) \
             -DRG_VERSION='"$(VERSION)"' \
             -Iengine $(shell pkg-config --cflags $(PKGS)) $(CFLAGS)
LIBS_ALL   = $(shell pkg-config --libs $(PKGS)) -lm -pthread $(LDSAN) $(LDFLAGS)

B ?= build

# ---- layers --------------------------------------------------------------------------
# base: no library but libc
BASE_OBJ   := $(B)/i18n.o $(B)/status.o $(B)/date.o $(B)/text.o $(B)/csv.o $(B)/sha.o \
              $(B)/encoding.o $(B)/progress.o $(B)/arena.o $(B)/strmap.o
# storage: the only layer that sees SQLite and PostgreSQL (and the audit chain kept in it)
DB_OBJ     := $(B)/db.o $(B)/db_sqlite.o $(B)/db_pg.o $(B)/dialect.o $(B)/migrations.o \
              $(B)/migrations_pg.o $(B)/audit.o
# rules: the only layer that sees Lua and PCRE2
RULES_OBJ  := $(B)/sandbox.o $(B)/bounded.o $(B)/luadate.o $(B)/rx.o \
              $(B)/rules.o $(B)/harness.o \
              $(B)/prelude.o
# workbooks: the only layer that sees libzip and expat (.xlsx) and FreeXL (.xls)
SHEET_OBJ  := $(B)/sheet.o $(B)/sheet_xlsx.o $(B)/sheet_xls.o
# services: what several commands share (output, lookups, pack resolution, run history,
# import); each one file and one prefix
SVC_OBJ    := $(B)/args.o $(B)/out.o $(B)/xlsx.o $(B)/lookup.o $(B)/atomic.o $(B)/pack.o \
              $(B)/run.o $(B)/import.o $(B)/factdef.o $(B)/warn.o $(B)/facts.o $(B)/pool.o \
              $(B)/grade.o $(B)/cursor.o $(B)/results.o $(B)/reuse.o \
              $(B)/html.o $(B)/chart.o $(B)/report.o $(B)/page.o $(B)/notice.o
# commands: one file per subcommand (engine/cmd_NAME.c), thin drivers over the services
CMD_OBJ    := $(patsubst engine/%.c,$(B)/%.o,$(sort $(wildcard engine/cmd_*.c)))
ENGINE_OBJ := $(BASE_OBJ) $(DB_OBJ) $(RULES_OBJ) $(SHEET_OBJ) $(SVC_OBJ) $(CMD_OBJ)

# the message catalogs, one per language (see "messages" below)
LINGUAS    := zh_CN en
MO         := $(foreach l,$(LINGUAS),$(B)/locale/$(l)/LC_MESSAGES/riskgrade.mo)

UNIT_TESTS := $(patsubst tests/unit/%.c,$(B)/tests/%,$(wildcard tests/unit/test_*.c))

.PHONY: all deps test-deps apt-install test unit cli golden demo bench install valgrind \
        sanitize fuzz clean help FORCE po po-check test-pg
all: $(B)/riskgrade $(MO)

help:
	@echo "make            build build/riskgrade"
	@echo "make deps       install the Debian packages it needs (apt-get, as root)"
	@echo "make demo       grade the bundled demo agency and print the results"
	@echo "make test       unit tests (cmocka) and command-line tests, on SQLite and PostgreSQL"
	@echo "make test-pg    the golden and PostgreSQL tests on a throwaway PostgreSQL cluster"
	@echo "make bench      grade BENCH_N synthetic points (default 1000000) on SQLite, BENCH_PG_N on PostgreSQL"
	@echo "make valgrind   the unit and command-line tests under valgrind"
	@echo "make sanitize   the unit and golden tests built with ASan and UBSan (build/sanitize)"
	@echo "make fuzz       fuzz the CSV reader and pack loading for FUZZ_SECONDS each (clang)"
	@echo "make install PREFIX=/usr/local"
	@echo "options: DEBUG=1 SANITIZE=address,undefined WERROR=1"

# Install what is missing; a no-op when everything is there.
deps:
	@$(MAKE) --no-print-directory apt-install APT_PKGS="$(DEB_PKGS)"
	@sh tools/locale.sh

test-deps:
	@$(MAKE) --no-print-directory apt-install APT_PKGS="$(TEST_DEB_PKGS)"

apt-install:
	@missing=$$(for p in $(APT_PKGS); do dpkg -s $$p >/dev/null 2>&1 || echo $$p; done); \
	if [ -n "$$missing" ]; then \
	  echo "installing:" $$missing; \
	  if [ "$$(id -u)" = 0 ]; then SUDO=; else SUDO=sudo; fi; \
	  $$SUDO apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq --no-install-recommends $$missing; \
	fi

$(B):
	@mkdir -p $(B)/tests

$(B)/%.o: engine/%.c $(wildcard engine/*.h) | $(B)
	$(CC) $(CFLAGS_ALL) -c $< -o $@

# The folder of the installed rule packs is compiled into pack.o alone, rebuilt whenever
# PREFIX differs from the last build's ($(B)/prefix), so that `make install PREFIX=DIR`
# after an ordinary build installs a binary that finds its rules under DIR.
$(B)/prefix: FORCE | $(B)
	@printf '%s\n' '$(PREFIX)' | cmp -s - $@ || printf '%s\n' '$(PREFIX)' > $@

$(B)/pack.o: $(B)/prefix
$(B)/pack.o: CFLAGS_ALL += -DRG_DATADIR='"$(PREFIX)/share/riskgrade"'
$(B)/i18n.o: $(B)/prefix
$(B)/i18n.o: CFLAGS_ALL += -DRG_LOCALEDIR='"$(PREFIX)/share/locale"'

FORCE:

# The SQL migrations are compiled in, so a database is always created by the schema
# this binary was built with.
$(B)/migrations.c: $(sort $(wildcard schemas/[0-9]*.sql)) tools/embed.sh | $(B)
	sh tools/embed.sh db_migrations $(sort $(wildcard schemas/[0-9]*.sql)) > $@

$(B)/migrations.o: $(B)/migrations.c
	$(CC) $(CFLAGS_ALL) -Wno-missing-prototypes -c $< -o $@

# PostgreSQL's schema, in the order it is applied: the whole schema at its base version
# and what the engine's SQL uses of SQLite (schemas/pg/sqlite.sql); then the PostgreSQL
# form of each later migration (schemas/pg/NNN_*.sql); then the roles and policies.
PG_SCHEMA := schemas/pg/000_base.sql schemas/pg/sqlite.sql
PG_MIGRATIONS := $(sort $(filter-out schemas/pg/000_base.sql,$(wildcard schemas/pg/[0-9]*.sql)))
$(B)/migrations_pg.c: $(PG_SCHEMA) $(PG_MIGRATIONS) schemas/pg/roles.sql tools/embed.sh | $(B)
	{ sh tools/embed.sh db_pg_schema $(PG_SCHEMA); \
	  sh tools/embed.sh db_pg_migrations $(PG_MIGRATIONS); \
	  sh tools/embed.sh db_pg_roles schemas/pg/roles.sql; } > $@

$(B)/migrations_pg.o: $(B)/migrations_pg.c
	$(CC) $(CFLAGS_ALL) -Wno-missing-prototypes -c $< -o $@

# The rule prelude and the pack test harness (engine/*.lua) are compiled in the same way.
$(B)/prelude.c: engine/prelude.lua engine/packtest.lua tools/embed.sh | $(B)
	sh tools/embed.sh rg_prelude engine/prelude.lua engine/packtest.lua > $@

$(B)/prelude.o: $(B)/prelude.c
	$(CC) $(CFLAGS_ALL) -Wno-missing-prototypes -c $< -o $@

# The message catalogs are built beside the program ($(B)/locale), where it looks first,
# so that the build tree speaks the user's language as an installed riskgrade does.
$(B)/riskgrade: $(B)/main.o $(ENGINE_OBJ) | $(MO)
	$(CC) -o $@ $(filter %.o,$^) $(LIBS_ALL)

# ---- messages (GNU gettext) ------------------------------------------------------------
# po/riskgrade.pot is extracted from the sources (`make po` after changing a message);
# po/zh_CN.po translates it, po/en.po is the English source text as its own catalog.
XGETTEXT := xgettext --from-code=UTF-8 --language=C --keyword=_ --keyword=N_ \
            --keyword=err_set:3 --keyword=err_wrap:3 --keyword=progress_start:2 \
            --flag=err_set:3:c-format \
            --flag=err_wrap:3:c-format --add-comments=TRANSLATORS: --sort-by-file \
            --package-name=riskgrade --package-version=$(VERSION)

$(B)/locale/%/LC_MESSAGES/riskgrade.mo: po/%.po
	@mkdir -p $(@D)
	msgfmt --check -o $@ $<

# Every message marked in the sources is in each catalog, translated and not fuzzy.
po-check: | $(B)
	@$(XGETTEXT) -o $(B)/riskgrade.pot $(sort $(wildcard engine/*.c engine/*.h))
	@for l in $(LINGUAS); do msgcmp po/$$l.po $(B)/riskgrade.pot || exit 1; done
	@echo "po: every message in $(LINGUAS) catalogs"

po:
	$(XGETTEXT) -o po/riskgrade.pot $(sort $(wildcard engine/*.c engine/*.h))
	msgmerge --quiet --update --backup=none po/zh_CN.po po/riskgrade.pot
	msginit --no-translator --locale=en_US.UTF-8 -i po/riskgrade.pot -o po/en.po

# ---- tests ---------------------------------------------------------------------------
$(B)/tests/test_%: tests/unit/test_%.c $(ENGINE_OBJ) | $(B)
	$(CC) $(CFLAGS_ALL) -UNDEBUG $(shell pkg-config --cflags $(TEST_PKGS)) -o $@ $< \
	  $(ENGINE_OBJ) $(LIBS_ALL) $(shell pkg-config --libs $(TEST_PKGS))

test: deps test-deps
	@$(MAKE) --no-print-directory unit cli test-pg

unit: $(B)/riskgrade $(UNIT_TESTS)
	@sh tests/run_unit.sh $(UNIT_TESTS)

cli: $(B)/riskgrade
	@$(MAKE) --no-print-directory po-check
	@sh tests/cli/run.sh $(B)/riskgrade
	@sh tests/i18n/demo.sh $(B)/riskgrade
	@sh tests/export/xlsx.sh $(B)/riskgrade
	@sh tests/oracle/run.sh $(B)/riskgrade
	@sh tests/agencies/run.sh $(B)/riskgrade
	@sh tests/methods/run.sh $(B)/riskgrade
	@sh tests/storage/run.sh $(B)/riskgrade
	@sh tests/jobs/run.sh $(B)/riskgrade
	@sh tests/reuse/run.sh $(B)/riskgrade
	@sh tests/report/run.sh $(B)/riskgrade $(B)/artifacts
	@sh tests/notice/run.sh $(B)/riskgrade $(B)/artifacts
	@sh tests/confidential/run.sh $(B)/riskgrade
	@sh tests/install/run.sh $(B)
	@$(B)/riskgrade test
	@$(B)/riskgrade lint

# The golden cases again on PostgreSQL, then the PostgreSQL tests (each tests/pg/*.sh is
# run as: sh tests/pg/X.sh CONNINFO RISKGRADE, CONNINFO a keyword/value string to the
# cluster's database postgres as its superuser), all in a throwaway cluster of their own
# in a folder under /tmp (which the server's system user can reach when run as root);
# each runs whatever the others gave.  The golden cases run in English only, in two shards
# at once: what they print in Chinese is the engine's, whatever the database (the SQLite
# run checks both languages).
test-pg: $(B)/riskgrade
	@dir=$$(mktemp -d /tmp/riskgrade-pg.XXXXXX) && trap 'sh tools/pg.sh stop "$$dir"' EXIT && \
	  trap 'exit 130' INT TERM && \
	  url=$$(sh tools/pg.sh start "$$dir") && conn=$$(sh tools/pg.sh conninfo "$$dir") || exit 1; \
	  ok=0; \
	  RG_PG="$$url" RG_LANGS=C RG_SHARD=0/2 sh tests/cli/run.sh $(B)/riskgrade & a=$$!; \
	  RG_PG="$$url" RG_LANGS=C RG_SHARD=1/2 sh tests/cli/run.sh $(B)/riskgrade || ok=1; \
	  wait $$a || ok=1; \
	  for t in $(sort $(wildcard tests/pg/*.sh)); do sh $$t "$$conn" $(B)/riskgrade || ok=1; done; \
	  exit $$ok

# The tests that need nothing but riskgrade itself: unit, golden, oracle, agencies, a
# method unlike the default (methods), storage, the same databases whatever grade --jobs,
# stored results taken as grading gives them (reuse), packs.
golden: $(B)/riskgrade $(UNIT_TESTS)
	@sh tests/run_unit.sh $(UNIT_TESTS)
	@sh tests/cli/run.sh $(B)/riskgrade
	@sh tests/oracle/run.sh $(B)/riskgrade
	@sh tests/agencies/run.sh $(B)/riskgrade
	@sh tests/methods/run.sh $(B)/riskgrade
	@sh tests/storage/run.sh $(B)/riskgrade
	@sh tests/jobs/run.sh $(B)/riskgrade
	@sh tests/reuse/run.sh $(B)/riskgrade
	@$(B)/riskgrade test >/dev/null
	@$(B)/riskgrade lint >/dev/null

# The same under AddressSanitizer and UndefinedBehaviorSanitizer, in a build of its own;
# any report fails the test that caused it (it lands on a stderr the tests compare).
# ASan and UBSan make the code two to three times slower: RISKGRADE_SLOWDOWN gives the
# sandbox's CPU limit (and the watchdogs, the hang guards) that time, as under valgrind,
# so that a test that stops at another limit (test_rules' memory cap: doubling a string to
# 256 MiB) is not stopped first by the CPU limit on a busy machine.
sanitize: deps
	@RISKGRADE_SLOWDOWN=3 $(MAKE) --no-print-directory B=build/sanitize \
	  SANITIZE=address,undefined DEBUG=1 golden

# PCRE2's JIT code is opaque to valgrind, so the regex interpreter is used here.
# The unit tests, then the golden cases, run in two shards at once, one per core; the
# golden cases in English only (the Chinese run differs in its catalog, not in its memory
# use).  RISKGRADE_SLOWDOWN gives the sandbox's CPU limit, the unit tests' watchdogs and
# the golden cases' hang guards the time valgrind's slowdown takes.
VALGRIND_RUN := RISKGRADE_NO_JIT=1 RISKGRADE_SLOWDOWN=10 RG_LANGS=C
# Definite leaks fail; "possibly lost" blocks do not: the .xls reader's child process
# (a fork, see engine/sheet_xls.c) exits holding its parent's heap, all of it reachable
# only through interior pointers in the copy, which valgrind calls possibly lost.
VALGRIND     := valgrind -q --error-exitcode=99 --leak-check=full \
                --errors-for-leak-kinds=definite --show-leak-kinds=definite
valgrind: $(B)/riskgrade $(UNIT_TESTS)
	@export $(VALGRIND_RUN) VALGRIND="$(VALGRIND)"; \
	  RG_SHARD=0/2 sh tests/run_unit.sh $(UNIT_TESTS) & a=$$!; \
	  RG_SHARD=1/2 sh tests/run_unit.sh $(UNIT_TESTS); b=$$?; \
	  wait $$a && [ $$b -eq 0 ]
	@export $(VALGRIND_RUN) RG_WRAP="$(VALGRIND)"; \
	  RG_SHARD=0/2 sh tests/cli/run.sh $(B)/riskgrade & a=$$!; \
	  RG_SHARD=1/2 sh tests/cli/run.sh $(B)/riskgrade; b=$$?; \
	  wait $$a && [ $$b -eq 0 ]

# ---- fuzzing ------------------------------------------------------------------------
# libFuzzer targets (tests/fuzz/), built with clang and the sanitizers in build/fuzz, each
# run for FUZZ_SECONDS from the bundled spreadsheets and packs as seeds; new inputs go to
# build/fuzz/corpus-*, a crash to build/fuzz/crash-* (rerun: build/fuzz/fuzz_csv FILE).
FUZZ_SECONDS  ?= 60
FUZZ_DEB_PKGS := clang
FUZZ_SAN      := address,undefined
FUZZ_TARGETS  := fuzz_csv fuzz_pack

fuzz:
	@$(MAKE) --no-print-directory apt-install APT_PKGS="$(DEB_PKGS) $(FUZZ_DEB_PKGS)"
	@$(MAKE) --no-print-directory B=build/fuzz CC=clang SANITIZE=$(FUZZ_SAN),fuzzer-no-link \
	  DEBUG=1 $(addprefix build/fuzz/,$(FUZZ_TARGETS))
	@mkdir -p build/fuzz/corpus-csv build/fuzz/corpus-pack
	@cd build/fuzz && ./fuzz_csv -max_total_time=$(FUZZ_SECONDS) -timeout=10 \
	  -rss_limit_mb=1024 -print_final_stats=1 corpus-csv ../../fixtures ../../tests/confidential
	@cd build/fuzz && ./fuzz_pack -max_total_time=$(FUZZ_SECONDS) -timeout=30 \
	  -rss_limit_mb=1024 -print_final_stats=1 corpus-pack ../../rules ../../tests/cli/packs

$(B)/fuzz_%: tests/fuzz/fuzz_%.c $(ENGINE_OBJ) | $(B)
	$(CC) $(CFLAGS_ALL) -UNDEBUG -fsanitize=fuzzer -o $@ $< $(ENGINE_OBJ) $(LIBS_ALL)

# ---- demo and bench ------------------------------------------------------------------
DEMO_DB    := $(B)/demo.db
DEMO_AS_OF := 2026-12-01
# Who imports and grades, for the audit log: the login name, or "demo" where it is unset.
DEMO_BY    := $(or $(USER),$(LOGNAME),demo)

demo: deps
	@$(MAKE) --no-print-directory $(B)/riskgrade
	@rm -f $(DEMO_DB)
	@$(B)/riskgrade init $(DEMO_DB)
	@for f in fixtures/demo/[0-9]*.csv; do \
	  t=$$(basename $$f .csv | sed 's/^[0-9]*_//'); \
	  $(B)/riskgrade import $(DEMO_DB) $$t $$f --by "$(DEMO_BY)" || exit $$?; \
	done
	@echo
	@$(B)/riskgrade grade $(DEMO_DB) --as-of $(DEMO_AS_OF) --by "$(DEMO_BY)"
	@echo
	@$(B)/riskgrade warnings $(DEMO_DB)

# SQLite at BENCH_N, then PostgreSQL (a throwaway cluster, tools/pg.sh) at BENCH_PG_N:
# there a run costs a round trip a row written, so its default is a hundredth of N.
bench: deps
	@$(MAKE) --no-print-directory $(B)/riskgrade apt-install APT_PKGS=postgresql
	@sh bench/run.sh $(B)/riskgrade $(BENCH_N)
	@echo
	@dir=$$(mktemp -d /tmp/riskgrade-pg.XXXXXX) && trap 'sh tools/pg.sh stop "$$dir"' EXIT && \
	  sh tools/pg.sh start "$$dir" >/dev/null && \
	  sh bench/pg.sh $(B)/riskgrade $(BENCH_PG_N) "$$(sh tools/pg.sh conninfo "$$dir")"

# The binary, its rule packs, the manual page and the bash completion (the file name is the
# command's, as bash-completion looks it up on first use).
install: $(B)/riskgrade $(MO)
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/share/riskgrade/rules \
	  $(DESTDIR)$(PREFIX)/share/man/man1 $(DESTDIR)$(PREFIX)/share/bash-completion/completions
	install -m 755 $(B)/riskgrade $(DESTDIR)$(PREFIX)/bin/riskgrade
	for l in $(LINGUAS); do \
	  install -d $(DESTDIR)$(PREFIX)/share/locale/$$l/LC_MESSAGES && \
	  install -m 644 $(B)/locale/$$l/LC_MESSAGES/riskgrade.mo \
	    $(DESTDIR)$(PREFIX)/share/locale/$$l/LC_MESSAGES/riskgrade.mo || exit 1; \
	done
	cp -R rules/. $(DESTDIR)$(PREFIX)/share/riskgrade/rules/
	install -m 644 doc/riskgrade.1 $(DESTDIR)$(PREFIX)/share/man/man1/riskgrade.1
	install -m 644 contrib/riskgrade.bash \
	  $(DESTDIR)$(PREFIX)/share/bash-completion/completions/riskgrade

clean:
	rm -rf $(B)

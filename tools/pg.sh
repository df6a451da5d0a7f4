#!/bin/sh
# pg.sh: the tests' throwaway PostgreSQL cluster, and what the tests do with its databases.
# Needs Debian's PostgreSQL server (/usr/lib/postgresql/VERSION/bin, the highest version;
# PG_BIN=DIR names another) and, as root, runuser and useradd.
#   pg.sh start DIR    initdb into DIR/data and start it: trust authentication, superuser
#                      "postgres", UTF-8 with byte-order (C) collation as SQLite's, fsync
#                      off, no TCP: one Unix socket in DIR.  Prints the URI template
#                      (also in DIR/url), where NAME stands for a database's name:
#                      postgresql:///NAME?host=DIR&port=5432&user=postgres
#                      As root the server runs as the system user "postgres" (which
#                      Debian's package creates), else "rgpg" (created); DIR becomes its
#                      own, so DIR's parent folders must let that user through (/tmp does).
#   pg.sh stop DIR     stop it and remove DIR (only a folder that start made).
#   pg.sh url DIR NAME the URI of database NAME in the cluster in DIR.
#   pg.sh conninfo DIR the same cluster's database "postgres" as a libpq keyword/value
#                      string, which a test may add keywords to (dbname=..., user=...).
#   pg.sh bin          the folder of the server's programs (psql, pg_dump, ... among them).
#   pg.sh errors DB    the errors the server logged for database DB (a URI of a cluster
#                      that start made), each with its statement: what the server refused.
#   pg.sh data DB|FILE the rows of every table of database DB (a URI) or of an archive FILE
#                      (pg_dump -Fc), each line a table's name and a row, sorted,
#                      sequences left out: equal for two databases that hold the same
#                      data, wherever the rows lie on disk.
# The golden cases' commands (tests/cli/run.sh, with RG_PG set) run with stand-ins for
# three programs, which act on the case's database $DB (a URI) as the originals do on the
# SQLite file, and are the originals for anything else:
#   pg.sh sqlite3 DB [SQL...]  each SQL through psql, printed as sqlite3 prints: one row a
#                              line, columns separated by |, no header (SQL on stdin when
#                              none is given)
#   pg.sh cp DB FILE           a copy of the database into FILE (pg_dump -Fc);
#   pg.sh cp FILE DB           the database made again from such a copy (RG_PG is the
#                              template, RG_PG_NAME the database's name)
#   pg.sh cmp [-s] A B         where A or B is DB: the same data (pg.sh data) or not
set -u
# The stand-ins' folder comes first on PATH in a case's command; take it off here, so that
# the originals are found.
if [ -n "${RG_SHIMS:-}" ]; then
	PATH=${PATH#"$RG_SHIMS":}
fi

die() {
	echo "pg.sh: $*" >&2
	exit 1
}

pg_bin() {
	if [ -n "${PG_BIN:-}" ]; then
		echo "$PG_BIN"
		return
	fi
	found=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
	[ -n "$found" ] && [ -x "$found/postgres" ] ||
		die "no PostgreSQL server in /usr/lib/postgresql/*/bin (Debian: apt-get install postgresql)"
	echo "$found"
}

# as_owner CMD...: run CMD as the cluster's owner: ourselves, or as root the unprivileged
# user that owns DIR (initdb and postgres refuse to run as root).
as_owner() {
	if [ "$(id -u)" = 0 ]; then
		runuser -u "$owner" -- "$@"
	else
		"$@"
	fi
}

# pick_owner: set owner to the user the server runs as, creating one if there is none.
pick_owner() {
	owner=$(id -un)
	[ "$(id -u)" = 0 ] || return 0
	if getent passwd postgres >/dev/null; then
		owner=postgres
	else
		owner=rgpg
		getent passwd rgpg >/dev/null ||
			useradd --system --no-create-home --home-dir /nonexistent \
				--shell /usr/sbin/nologin rgpg || die "cannot create the system user rgpg"
	fi
}

template() { # template DIR
	echo "postgresql:///NAME?host=$1&port=5432&user=postgres"
}

start() { # start DIR
	# A Unix socket's path holds at most 107 bytes.
	[ ${#1} -le 90 ] || die "$1: too long a path for the server's Unix socket"
	mkdir -p "$1" || die "$1: cannot create the folder"
	dir=$(cd "$1" && pwd) || die "$1: cannot enter the folder"
	[ -z "$(ls -A "$dir")" ] || die "$dir: not empty; start needs a new or empty folder"
	[ ${#dir} -le 90 ] || die "$dir: too long a path for the server's Unix socket"
	bin=$(pg_bin) || exit 1
	pick_owner
	if [ "$(id -u)" = 0 ]; then
		chown "$owner" "$dir" || die "$dir: cannot give the folder to $owner"
		runuser -u "$owner" -- test -w "$dir" ||
			die "$dir: user $owner cannot reach the folder (a parent folder shuts it out); use one under /tmp"
	fi
	as_owner "$bin/initdb" --pgdata="$dir/data" --username=postgres --auth=trust \
		--encoding=UTF8 --locale=C --no-sync >"$dir/initdb.log" 2>&1 ||
		{ cat "$dir/initdb.log" >&2; die "initdb into $dir/data failed"; }
	cat >>"$dir/data/postgresql.conf" <<EOF
# tools/pg.sh: a throwaway cluster for the tests
listen_addresses = ''
port = 5432
unix_socket_directories = '$dir'
fsync = off
synchronous_commit = off
full_page_writes = off
log_line_prefix = '%m [%p] %d '
EOF
	as_owner "$bin/pg_ctl" --pgdata="$dir/data" --log="$dir/server.log" --wait \
		--timeout=60 start >/dev/null ||
		{ cat "$dir/server.log" >&2; die "the server in $dir/data did not start"; }
	template "$dir" | tee "$dir/url"
}

stop() { # stop DIR
	[ -d "$1" ] || return 0
	dir=$(cd "$1" && pwd) || die "$1: cannot enter the folder"
	[ -f "$dir/url" ] || [ -f "$dir/data/PG_VERSION" ] || [ -f "$dir/initdb.log" ] ||
		die "$dir: not a folder that pg.sh start made; left as it is"
	if [ -f "$dir/data/postmaster.pid" ]; then
		bin=$(pg_bin) || exit 1
		owner=$(stat -c %U "$dir/data")
		as_owner "$bin/pg_ctl" --pgdata="$dir/data" --mode=immediate --wait stop >/dev/null ||
			echo "pg.sh: the server in $dir/data did not stop" >&2
	fi
	rm -rf "$dir"
}

# sorted_rows: a plain-text dump on stdin, reduced to its tables' rows, each line the
# table's name, a tab and the row, sorted (pg_dump and pg_restore order tables
# differently); comments, settings and sequences' values left out.
sorted_rows() {
	awk '
		/^COPY / { table = $2; print table; inrows = 1; next }
		inrows && $0 == "\\." { inrows = 0; next }
		inrows { print table "\t" $0 }' | LC_ALL=C sort
}

data() { # data DB|FILE
	bin=$(pg_bin) || exit 1
	work=$(mktemp -d) || exit 1
	case $1 in
	postgres://* | postgresql://* | *=*)
		"$bin/pg_dump" --data-only --no-owner --no-privileges --dbname="$1" ;;
	*)
		"$bin/pg_restore" --data-only --no-owner --no-privileges --file=- "$1" ;;
	esac >"$work/dump" 2>"$work/err"
	rc=$?
	# pg_dump warns of circular foreign keys on every data-only dump: only a failure counts.
	[ $rc -eq 0 ] || cat "$work/err" >&2
	sorted_rows <"$work/dump"
	rm -rf "$work"
	return $rc
}

errors() { # errors DB
	name=${1#*:///}
	name=${name%%\?*}
	host=${1#*host=}
	host=${host%%&*}
	[ -f "$host/server.log" ] || return 0
	# The engine asks the server for a statement's parameter types and retries when it
	# cannot tell: not a failure.
	LC_ALL=C awk -v db="$name" '
		$5 != db { next }
		$6 == "ERROR:" { skip = index($0, "could not determine data type of parameter") > 0 }
		($6 == "ERROR:" || $6 == "STATEMENT:") && !skip {
			$1 = $2 = $3 = $4 = $5 = ""
			sub(/^ +/, "")
			print substr($0, 1, 400)
		}' "$host/server.log"
}

# as_sqlite3 DB [SQL...]: see the header.
as_sqlite3() {
	if [ $# -ge 1 ] && [ "$1" = "${DB:-}" ]; then
		db=$1
		shift
		n=$#
		for sql in "$@"; do
			set -- "$@" --command="$sql"
		done
		shift $n
		PGCLIENTENCODING=UTF8 exec "$(pg_bin)/psql" --no-psqlrc --quiet --no-align \
			--tuples-only --field-separator='|' --set=ON_ERROR_STOP=1 --dbname="$db" "$@"
	fi
	exec sqlite3 "$@"
}

# fill TEMPLATE NAME: the URI (or conninfo) TEMPLATE with NAME for the database's name.
fill() {
	echo "${1%%NAME*}$2${1#*NAME}"
}

# as_cp A B: see the header.
as_cp() {
	if [ $# -eq 2 ] && [ "$1" = "${DB:-}" ]; then
		exec "$(pg_bin)/pg_dump" --format=custom --file="$2" --dbname="$1"
	fi
	if [ $# -eq 2 ] && [ "$2" = "${DB:-}" ]; then
		bin=$(pg_bin) || exit 1
		"$bin/psql" --no-psqlrc --quiet --dbname="$(fill "$RG_PG" postgres)" \
			--command="DROP DATABASE \"$RG_PG_NAME\" WITH (FORCE)" \
			--command="CREATE DATABASE \"$RG_PG_NAME\"" || exit 1
		exec "$bin/pg_restore" --exit-on-error --no-owner --dbname="$2" "$1"
	fi
	exec cp "$@"
}

# as_cmp [-s] A B: see the header.
as_cmp() {
	quiet=0
	if [ "${1:-}" = -s ]; then
		quiet=1
		shift
	fi
	if [ $# -eq 2 ] && { [ "$1" = "${DB:-}" ] || [ "$2" = "${DB:-}" ]; }; then
		a=$(data "$1") || exit 2
		b=$(data "$2") || exit 2
		[ "$a" = "$b" ] && exit 0
		[ $quiet = 1 ] || echo "$1 $2 differ: the data differs"
		exit 1
	fi
	[ $quiet = 1 ] && set -- -s "$@"
	exec cmp "$@"
}

cmd=${1:-}
[ $# -gt 0 ] && shift
case $cmd in
start) [ $# -eq 1 ] || die "usage: pg.sh start DIR"; start "$1" ;;
stop) [ $# -eq 1 ] || die "usage: pg.sh stop DIR"; stop "$1" ;;
url)
	[ $# -eq 2 ] || die "usage: pg.sh url DIR NAME"
	[ -f "$1/url" ] || die "$1: no cluster (pg.sh start $1)"
	fill "$(cat "$1/url")" "$2"
	;;
conninfo)
	[ $# -eq 1 ] || die "usage: pg.sh conninfo DIR"
	[ -f "$1/url" ] || die "$1: no cluster (pg.sh start $1)"
	dir=$(cd "$1" && pwd) || exit 1
	echo "host=$dir port=5432 user=postgres dbname=postgres"
	;;
bin) pg_bin ;;
errors) [ $# -eq 1 ] || die "usage: pg.sh errors DB"; errors "$1" ;;
data) [ $# -eq 1 ] || die "usage: pg.sh data DB|FILE"; data "$1" ;;
sqlite3) as_sqlite3 "$@" ;;
cp) as_cp "$@" ;;
cmp) as_cmp "$@" ;;
*) die "usage: pg.sh start DIR | stop DIR | url DIR NAME | conninfo DIR | bin | data DB|FILE" ;;
esac

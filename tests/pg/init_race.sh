#!/bin/sh
# init_race.sh CONNINFO RISKGRADE: several riskgrade init at once on a cluster that has
# not yet the roles (schemas/pg/roles.sql makes them, for the whole cluster): every init
# succeeds, whichever makes the roles.  The first two shards of the golden cases found
# this (one init failed with "UNIQUE constraint failed: pg_authid.rolname").  The roles
# of the cluster CONNINFO reaches exist already, so this test starts a cluster of its own
# (tools/pg.sh); CONNINFO is not used.
set -u
rg=$(cd "$(dirname "$2")" && pwd)/$(basename "$2")
dir=$(mktemp -d /tmp/riskgrade-pg.XXXXXX)
trap 'sh tools/pg.sh stop "$dir"' EXIT
sh tools/pg.sh start "$dir" >/dev/null || { echo "FAIL pg/init_race: no cluster"; exit 1; }
status=0
for i in 1 2 3 4; do
	"$rg" init "$(sh tools/pg.sh url "$dir" race$i)" >"$dir/init$i.out" 2>&1 &
	eval "pid$i=$!"
done
for i in 1 2 3 4; do
	eval "pid=\$pid$i"
	wait "$pid" || { echo "FAIL pg/init_race: init $i: $(cat "$dir/init$i.out")"; status=1; }
done
roles=$(psql "$(sh tools/pg.sh conninfo "$dir")" -Atc "SELECT count(*) FROM pg_roles
	WHERE rolname IN ('riskgrade_province', 'riskgrade_agency', 'riskgrade_petition')")
[ "$roles" = 3 ] || { echo "FAIL pg/init_race: $roles of the 3 roles"; status=1; }
[ $status = 0 ] && echo "pg/init_race: 4 inits at once on a new cluster, 4 databases, none of the 3 roles missing"
exit $status

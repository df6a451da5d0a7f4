#!/bin/sh
# setup.sh: the database of the calibrate-* cases: the three CSV files of this folder
# imported into $DB and graded once as of 2026-12-01 with the test pack
# tests/cli/packs/calibrate (every point at its 审定等级).  Run from the repository root
# with $RG and $DB set, as tests/cli/run.sh does; extra arguments go to grade
# (e.g. --agency CA).
set -e
d=tests/cli/data/calibrate
$RG init "$DB" >/dev/null
$RG import "$DB" agencies $d/01_agencies.csv >/dev/null
$RG import "$DB" powers $d/02_powers.csv >/dev/null
$RG import "$DB" points $d/03_points.csv >/dev/null
$RG grade "$DB" --as-of 2026-12-01 --rules tests/cli/packs/calibrate "$@" >/dev/null

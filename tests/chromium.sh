# chromium.sh: what the tests that print riskgrade's HTML with headless Chromium share
# (tests/report/run.sh, tests/notice/run.sh).  Sourced (. "$(dirname "$0")/../chromium.sh")
# after the test has defined fail() and with its own arguments, RISKGRADE [OUTDIR]: sets
# bin (RISKGRADE, absolute), outdir (OUTDIR, default build/artifacts, created, absolute),
# here (the test's folder) and tmp (a temporary folder removed on exit); fails unless
# chromium, sqlite3, python3, timeout and poppler's pdfinfo and pdftotext are installed;
# and defines chrome and demo_graded.

[ $# -ge 1 ] || { echo "usage: sh $0 RISKGRADE [OUTDIR]" >&2; exit 2; }
bin=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
[ -x "$bin" ] || fail "$1: no such program"
for tool in chromium sqlite3 python3 timeout pdfinfo pdftotext; do
	command -v $tool >/dev/null 2>&1 ||
		fail "$tool not found: this test needs it (make test-deps installs chromium and poppler-utils)"
done
outdir=${2:-build/artifacts}
mkdir -p "$outdir" || fail "cannot create $outdir"
outdir=$(cd "$outdir" && pwd)
here=$(cd "$(dirname "$0")" && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
trap 'exit 1' INT TERM

# chrome ARGS...: headless Chromium with a fresh profile; its chatter goes to a log.
chrome() {
	profile=$(mktemp -d "$tmp/profile.XXXXXX")
	timeout 300 chromium --headless --no-sandbox --disable-gpu --no-first-run \
		--disable-background-networking --disable-component-update --disable-sync \
		--user-data-dir="$profile" "$@" 2>>"$tmp/chromium.log"
}

# demo_graded DB: a new database DB of fixtures/demo, graded as of 2026-12-01 (run 1),
# recorded at RISKGRADE_NOW=2026-12-01T09:00:00Z, which stays exported.
demo_graded() {
	RISKGRADE_NOW=2026-12-01T09:00:00Z
	export RISKGRADE_NOW
	"$bin" init "$1" >/dev/null || fail "init"
	for f in fixtures/demo/[0-9]*.csv; do
		t=$(basename "$f" .csv | sed 's/^[0-9]*_//')
		"$bin" import "$1" "$t" "$f" >/dev/null || fail "import $f"
	done
	"$bin" grade "$1" --as-of 2026-12-01 >/dev/null || fail "grade (run 1)"
}

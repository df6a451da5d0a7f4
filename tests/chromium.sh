# chromium.sh: what the tests that print riskgrade's HTML with headless Chromium share
# (tests/report/run.sh, tests/notice/run.sh).  Sourced (. "$(dirname "$0")/../chromium.sh")
# after the test has defined fail() and with its own arguments, RISKGRADE [OUTDIR]: sets
# bin (RISKGRADE, absolute), outdir (OUTDIR, default build/artifacts, created, absolute),
# here (the test's folder) and tmp (a temporary folder removed on exit); fails unless
# chromium, sqlite3, python3, timeout and poppler's pdfinfo and pdftotext are installed;
# and defines chrome.

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

#!/bin/sh
# run.sh RISKGRADE: the identity of whoever filed a 信访举报 (the complainant column of
# signals, 举报人) never appears in anything riskgrade prints or writes.
#
# fixtures/tiny is imported, then tests/confidential/signals.csv: nine signals on the
# points A1..A7 and a post, most of them 信访举报, substantiated, some 严重, received
# between the points' last grading and the as-of date, so that the runs raise flags
# (new_signal) and warnings from these very signals.  Their complainants are strings no
# output would hold by chance: Chinese, ASCII, a phone number, an ID-card number with a
# comma, an apostrophe.  The identities are read from the 举报人 column of both signals
# files (and of the bad files below) with python's csv module, and must first be found
# in the database, so the test cannot pass for want of anything to find.
#
# tests/confidential/bad_signals.csv holds signal rows each bad in one way (date, enum,
# unknown point or post, no point nor post, a key twice, a field too many), each with a
# complainant; tests/confidential/headerless_signals.csv is a signals file saved without
# its header row, so that its first row, complainant and all, stands for the header;
# more broken files are written below (quotes, bytes, NUL, a field short, the 举报人
# header renamed or blank, a complainant swapped into another column).  Their import
# errors must not name them either.
#
# Then every command that prints or writes data is run, its stdout, its stderr and the
# files it writes kept (an XLSX is unzipped and each XML part kept): import (dry run,
# GB18030, and the errors of bad signal rows), grade (plain, --trace, --agency,
# --dry-run with and without a rule change), explain of every point after each run,
# warnings and flags in every format and filter, the warning steps, approve, runs, diff,
# calibrate, audit list/verify/head (the lists also as XLSX files), export of every kind
# in csv, json and xlsx (to a file and to stdout), list of every table in every format,
# report, notice (the notices of every
# open warning, of the signals' warnings, of a person and of a run), rules, test, lint
# and facts.  A probe rule pack writes every
# fact it is handed (the whole point, every signal with all its keys, ctx) into its
# reasons, flags and warnings, and is graded with: what a pack is never given it cannot
# leak.  Every command listed by `riskgrade --help` must have been run, and every
# --format a command's --help offers.
#
# Every output is searched for every identity with grep -F, and (scan.py) in its
# decoded forms: JSON \u escapes, HTML/XML character references, CSV doubled quotes.
# Self-checks first prove the search finds what it should: the identities in
# `sqlite3 DB "SELECT complainant FROM signals"`, and planted in a JSON escape, an HTML
# reference and an XLSX.  Needs sqlite3 and python3: fails if one is missing.
# Runs from the repository root (it goes there itself).
set -u

fail() {
	echo "confidential: FAIL: $*" >&2
	exit 1
}

[ $# -eq 1 ] || { echo "usage: sh tests/confidential/run.sh RISKGRADE" >&2; exit 2; }
bin=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
[ -x "$bin" ] || fail "$1: no such program"
for tool in sqlite3 python3; do
	command -v $tool >/dev/null 2>&1 || fail "$tool not found: this test needs it (make deps)"
done
here=$(cd "$(dirname "$0")" && pwd)
cd "$here/../.." || fail "cannot go to the repository root"
scan="python3 $here/scan.py"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
trap 'exit 1' INT TERM
out=$tmp/out # every output kept, one file each (an XLSX: a folder of its parts)
mkdir "$out" "$tmp/files" "$tmp/bad" || fail "mkdir"
: >"$tmp/commands"
db=$tmp/conf.db
RISKGRADE_NOW=2026-12-01T09:00:00Z
USER=tester
export RISKGRADE_NOW USER

tab=$(printf '\t')
seq=0
last=
# rg LABEL RC ARGS...: run riskgrade ARGS, keep its stdout and stderr as two outputs
# named after LABEL, and fail unless it exits with RC (so that each output is the one
# meant, not a usage error).
rg() {
	label=$1 want=$2
	shift 2
	seq=$((seq + 1))
	last=$(printf '%03d-%s' "$seq" "$label")
	"$bin" "$@" >"$out/$last.stdout" 2>"$out/$last.stderr"
	rc=$?
	printf '%s\t%s\triskgrade %s\n' "$last" "$1" "$*" | sed "s|$tmp|TMP|g" >>"$tmp/commands"
	if [ "$rc" != "$want" ]; then
		sed 's/^/    /' "$out/$last.stderr" >&2
		fail "riskgrade $* (in TMP=$tmp): exit code $rc, expected $want"
	fi
}

# keep FILE: keep a file the last command wrote as one more of its outputs (an XLSX as
# the folder of its parts).
keep() {
	[ -s "$1" ] || fail "$(sed -n '$p' "$tmp/commands" | cut -f3): wrote no $1"
	case $1 in
	*.xlsx)
		mkdir "$out/$last.xlsx" && $scan unzip "$1" "$out/$last.xlsx" ||
			fail "$1: cannot read the XLSX"
		;;
	*) cp "$1" "$out/$last.${1##*.}" ;;
	esac
}

# find_ids IDS DIR: every "FILE<TAB>IDENTITY" such that FILE under DIR holds IDENTITY,
# verbatim (grep -F) or decoded (scan.py decoded).
find_ids() {
	while IFS= read -r who; do
		grep -rlF -e "$who" "$2" | while IFS= read -r f; do printf '%s\t%s\n' "$f" "$who"; done
	done <"$1"
	$scan decoded "$1" "$2" || echo "scan.py failed"
}

# ---- the data ------------------------------------------------------------------------
rg init 0 init "$db"
for f in fixtures/tiny/[0-9]*.csv; do
	t=$(basename "$f" .csv | sed 's/^[0-9]*_//')
	rg "import-$t" 0 import "$db" "$t" "$f"
done
rg import-dry-run 0 import "$db" signals "$here/signals.csv" --dry-run
rg import-signals 0 import "$db" signals "$here/signals.csv" --by 信访室
rg import-again 0 import "$db" signals "$here/signals.csv"

# Bad signal rows: one file of well-formed CSV with a bad value in every row (kept in
# this folder), and files broken in ways a spreadsheet can break, written here, each
# with a complainant on the broken row.
h='信息来源,风险点编号,岗位代码,收到日期,严重程度,是否属实,内容摘要,举报人'
r='信访举报,A1,,2026-11-01,一般,是'
printf '%s\n%s,未闭合引号（坏）,"坏文件举报人Unclosed-2201\n' "$h" "$r" >"$tmp/bad/unclosed.csv"
printf '%s\n%s,引号后有字（坏）,"坏文件举报人After-2202"x\n' "$h" "$r" >"$tmp/bad/after.csv"
printf '%s\n%s,字段中有引号（坏）,坏文件举报人"Inside-2203\n' "$h" "$r" >"$tmp/bad/inside.csv"
printf '%s\n%s,非UTF-8字节（坏）,坏文件举报人\377Byte-2204\n' "$h" "$r" >"$tmp/bad/byte.csv"
printf '%s\n%s,字段中有NUL（坏）,坏文件举报人\000Nul-2205\n' "$h" "$r" >"$tmp/bad/nul.csv"
printf '%s\n信访举报,A1,2026-11-01,一般,是,短一列（坏）,坏文件举报人Short-2206\n' "$h" >"$tmp/bad/short.csv"
printf '%s\n%s,表头改名（坏）,坏文件举报人Header-2207\n' "$(echo "$h" | sed 's/举报人$/举报人姓名/')" \
	"$r" >"$tmp/bad/header.csv"
# A blank header cell over the 举报人 column (deleted by hand): the import stops, and
# must not echo the field's text either.
printf '%s\n%s,表头空白（坏）,坏文件举报人Blank-2208\n' "$(echo "$h" | sed 's/举报人$//')" \
	"$r" >"$tmp/bad/blank.csv"
# A complainant and the source swapped on a row: the complainant stands in a column
# whose values are checked.
printf '%s\n坏文件举报人Swapped-2209,A1,,2026-11-01,一般,是,错位（坏）,信访举报\n' "$h" \
	>"$tmp/bad/swapped.csv"
# the bad file in GB18030, as Excel saves "CSV" on a Chinese Windows
python3 -c 'import sys; sys.stdout.buffer.write(open(sys.argv[1], encoding="utf-8").read().encode("gb18030"))' \
	"$here/bad_signals.csv" >"$tmp/bad/gb18030.csv" || fail "cannot write the GB18030 file"
python3 -c 'import sys; sys.stdout.buffer.write(open(sys.argv[1], encoding="utf-8").read().encode("gb18030"))' \
	"$here/signals.csv" >"$tmp/files/signals-gb18030.csv" || fail "cannot write the GB18030 file"
# The identities the broken files hold, as their rows would have them (scan.py cannot
# parse these files, which is the point of them).
printf '%s\n' 坏文件举报人Unclosed-2201 坏文件举报人After-2202 Inside-2203 Byte-2204 \
	Nul-2205 坏文件举报人Short-2206 坏文件举报人Header-2207 坏文件举报人Blank-2208 \
	坏文件举报人Swapped-2209 >"$tmp/broken-ids"
# The file without a header: the 举报人 is the last of its eight fields.
python3 -c 'import csv, sys; [print(r[7]) for r in csv.reader(open(sys.argv[1], encoding="utf-8")) if len(r) == 8 and r[7]]' \
	"$here/headerless_signals.csv" >>"$tmp/broken-ids" || fail "cannot read headerless_signals.csv"
[ "$(wc -l <"$tmp/broken-ids")" -ge 11 ] || fail "headerless_signals.csv names fewer than 2 complainants"

cp "$db" "$tmp/before-bad.db"
rg import-bad-rows 3 import "$db" signals "$here/bad_signals.csv"
rg import-bad-rows-dry 3 import "$db" signals "$here/bad_signals.csv" --dry-run
rg import-bad-gb18030 3 import "$db" signals "$tmp/bad/gb18030.csv"
rg import-bad-gb18030-as-utf8 3 import "$db" signals "$tmp/bad/gb18030.csv" --encoding utf-8
rg import-gb18030-dry 0 import "$db" signals "$tmp/files/signals-gb18030.csv" --dry-run
for b in unclosed after inside byte nul short blank swapped; do
	rg "import-bad-$b" 3 import "$db" signals "$tmp/bad/$b.csv"
done
# A renamed 举报人 header is a column signals does not have: ignored, with a notice that
# names it by its place only (a dry run, so the register stays as the later steps expect).
rg import-renamed-header 0 import "$db" signals "$tmp/bad/header.csv" --dry-run
rg import-headerless 3 import "$db" signals "$here/headerless_signals.csv"
rg import-headerless-dry 3 import "$db" signals "$here/headerless_signals.csv" --dry-run
rg import-bad-byte-utf8 3 import "$db" signals "$tmp/bad/byte.csv" --encoding utf-8
rg import-bad-byte-gb 3 import "$db" signals "$tmp/bad/byte.csv" --encoding gb18030
rg import-wrong-table 3 import "$db" changes "$here/signals.csv"
rg import-wrong-table-points 3 import "$db" points "$here/signals.csv" --dry-run
cmp -s "$tmp/before-bad.db" "$db" || fail "a failed import changed the database"

# The identities: the 举报人 column of both signals files, then of the bad rows.
$scan ids fixtures/tiny/10_signals.csv "$here/signals.csv" >"$tmp/db-ids" ||
	fail "cannot read the complainants of the signals files"
n_ids=$(wc -l <"$tmp/db-ids")
[ "$n_ids" -ge 3 ] || fail "only $n_ids complainants in the signals files: expected at least 3"
$scan ids "$here/bad_signals.csv" >"$tmp/bad-ids" || fail "cannot read bad_signals.csv"
[ "$(wc -l <"$tmp/bad-ids")" -ge 3 ] || fail "bad_signals.csv names fewer than 3 complainants"
cat "$tmp/db-ids" "$tmp/bad-ids" "$tmp/broken-ids" >"$tmp/ids"

# They are in the database (the test would prove nothing otherwise), and nothing else is.
sqlite3 "$db" "SELECT complainant FROM signals WHERE complainant IS NOT NULL" |
	sort >"$tmp/in-db" || fail "sqlite3"
sort "$tmp/db-ids" | cmp -s - "$tmp/in-db" ||
	fail "the complainants in the database are not those of the signals files: $(cat "$tmp/in-db")"

# ---- self-checks: the search finds an identity wherever it is --------------------------
mkdir "$tmp/control" || fail "mkdir"
sqlite3 "$db" "SELECT complainant FROM signals" >"$tmp/control/sqlite3.txt" || fail "sqlite3"
find_ids "$tmp/db-ids" "$tmp/control" | cut -f2 | sort -u >"$tmp/control.found"
sort -u "$tmp/db-ids" | cmp -s - "$tmp/control.found" ||
	fail "self-check: the search did not find every identity in the sqlite3 output"
rm "$tmp/control/sqlite3.txt"
first=$(sed -n 1p "$tmp/db-ids")
python3 - "$first" "$tmp/control" <<'PY' || fail "self-check: cannot plant the identities"
import html, json, sys, zipfile
who, d = sys.argv[1], sys.argv[2]
open(d + "/escaped.json", "w").write(json.dumps({"x": "前" + who + "后"}, ensure_ascii=True))
open(d + "/escaped.html", "w").write("<td>" + "".join(f"&#x{ord(c):X};" for c in who) + "</td>")
with zipfile.ZipFile(d + "/planted.xlsx", "w", zipfile.ZIP_DEFLATED) as z:
    z.writestr("xl/worksheets/sheet1.xml", "<worksheet/>")
    z.writestr("xl/sharedStrings.xml",
               "<sst><si><t>" + html.escape(who + "&") + "</t></si></sst>")
PY
mkdir "$tmp/control/planted" && $scan unzip "$tmp/control/planted.xlsx" "$tmp/control/planted" ||
	fail "self-check: cannot unzip the planted XLSX"
rm "$tmp/control/planted.xlsx"
grep -qF -e "$first" "$tmp/control/escaped.json" "$tmp/control/escaped.html" &&
	fail "self-check: the planted identity was meant to be escaped in JSON and HTML"
find_ids "$tmp/db-ids" "$tmp/control" >"$tmp/control.hits"
for f in escaped.json escaped.html planted/xl__sharedStrings.xml; do
	grep -qxF -e "$tmp/control/$f$tab$first" "$tmp/control.hits" ||
		fail "self-check: the search missed the identity planted in $f"
done

# ---- run 1: plain grading, then everything that reads it --------------------------------
rg grade-plain 0 grade "$db" --as-of 2026-12-01 --by 纪检组
for p in A1 A2 A3 A4 A5 A6 A7; do rg "explain-run1-$p" 0 explain "$db" $p; done
# The signals of signals.csv raised what they should, so the lists below hold them.
# (The default pack names one signal per flag, the first new one, and per warning the
# worst; the fixture's own signals come first on A1, A5 and A7.)
[ "$(sqlite3 "$db" "SELECT count(*) FROM flags WHERE run = 1 AND code = 'new_signal'
	AND evidence LIKE '%保密测试%'")" -ge 3 ] || fail "setup: signals.csv raised too few flags"
[ "$(sqlite3 "$db" "SELECT count(DISTINCT w.id) FROM warnings w JOIN signals s
	ON s.point = w.point AND s.text LIKE '%保密测试%' AND w.text LIKE '%' || s.received_on || '%'
	WHERE w.run = 1")" -ge 4 ] || fail "setup: signals.csv raised too few warnings"

for f in table csv json; do
	rg "warnings-$f" 0 warnings "$db" --format $f --as-of 2026-12-01
	rg "warnings-all-$f" 0 warnings "$db" --status all --format $f --as-of 2026-12-20
	rg "warnings-overdue-$f" 0 warnings "$db" --overdue --as-of 2026-12-20 --format $f
	rg "flags-$f" 0 flags "$db" --format $f
	rg "runs-$f" 0 runs "$db" --format $f
done
rg warnings-tier 0 warnings "$db" --tier 一级 --as-of 2026-12-01
rg warnings-agency 0 warnings "$db" --agency T-1 --as-of 2026-12-01
rg warnings-run 0 warnings "$db" --run 1 --as-of 2026-12-01
rg flags-new-signal 0 flags "$db" --code new_signal
rg flags-agency 0 flags "$db" --agency T-1 --format json

# ---- the review: warning steps and an approval -------------------------------------------
wid() { # wid POINT REASON: the open warning of POINT for REASON
	sqlite3 "$db" "SELECT min(id) FROM warnings WHERE point = '$1' AND reason = '$2'
		AND status <> '解除'"
}
w1=$(wid A1 新的属实风险信息)
w3=$(wid A3 新的属实风险信息)
w6=$(wid A6 新的属实风险信息)
w7=$(wid A7 新的属实风险信息)
for w in "$w1" "$w3" "$w6" "$w7"; do
	[ -n "$w" ] || fail "setup: a point lacks its new_signal warning"
done
RISKGRADE_NOW=2026-12-05T09:00:00Z
rg warning-ack 0 warning "$db" "$w1" ack --by P3 --note 已签收信访举报核查通知 --on 2026-12-03
rg warning-feedback 0 warning "$db" "$w1" feedback --by P3 --note 已核查并整改 --on 2026-12-04
rg warning-release 0 warning "$db" "$w1" release --by P2 --note 核查属实整改到位 --on 2026-12-05
rg warning-escalate 0 warning "$db" "$w3" escalate --by P2 --note 拒不整改升级处置 --on 2026-12-05
rg warning-ack-zh 0 warning "$db" "$w6" 签收 --by P4 --note 已签收 --on 2026-12-05
rg warning-feedback-zh 0 warning "$db" "$w6" 反馈 --by P4 --note 已反馈 --on 2026-12-05
rg warning-escalate-zh 0 warning "$db" "$w7" 升级 --by P2 --note 升级 --on 2026-12-05 --due 2026-12-30
rg warning-bad-step 3 warning "$db" "$w1" ack --by P3 --note 已解除的不能再签收 --on 2026-12-05
rg approve 0 approve "$db" A5 二级 --by P1 --note 局党组会议集体审定（信访举报核查后） --on 2026-12-05
rg approve-bad 2 approve "$db" A5 四级 --by P1 --note 错误等级 --on 2026-12-05

# ---- run 2 with --trace, dry runs against it, run 3 of one agency ----------------------------
RISKGRADE_NOW=2026-12-20T09:00:00Z
rg grade-trace 0 grade "$db" --as-of 2026-12-20 --trace --by 纪检组
for p in A1 A2 A3 A4 A5 A6 A7; do rg "explain-trace-$p" 0 explain "$db" $p; done
grep -q '〔' "$out/$last.stdout" || fail "setup: explain after --trace shows no trace"
rg grade-dry-run 0 grade "$db" --as-of 2026-12-21 --dry-run
rg grade-dry-run-trace 0 grade "$db" --as-of 2026-12-21 --dry-run --trace
mkdir "$tmp/try" && cp -R rules/. "$tmp/try/" || fail "copy rules"
sed -i 's/{ tier = "一级", min = 36 }/{ tier = "一级", min = 24 }/' "$tmp/try/default.lua"
rg grade-dry-run-rules 0 grade "$db" --as-of 2026-12-20 --dry-run --rules "$tmp/try"
grep -q 等级升高 "$out/$last.stdout" || fail "setup: the rule change of the dry run changed no tier"
rg grade-agency 0 grade "$db" --as-of 2026-12-20 --agency T-1
rg explain-run3-A5 0 explain "$db" A5

for f in table csv json; do
	rg "diff-1-2-$f" 0 diff "$db" 1 2 --format $f
	rg "diff-2-3-$f" 0 diff "$db" 2 3 --format $f
	rg "runs-$f" 0 runs "$db" --format $f
	rg "flags-$f" 0 flags "$db" --format $f
	rg "warnings-all-$f" 0 warnings "$db" --status all --format $f --as-of 2026-12-20
	rg "calibrate-$f" 0 calibrate "$db" --format $f
	rg "calibrate-run1-$f" 0 calibrate "$db" --run 1 --format $f
	rg "audit-list-$f" 0 audit "$db" list --format $f
done
# The same lists written as XLSX files, each kept unzipped.
for c in runs flags calibrate; do
	rg "$c-xlsx" 0 $c "$db" --format xlsx -o "$tmp/files/$c.xlsx"
	keep "$tmp/files/$c.xlsx"
done
rg warnings-all-xlsx 0 warnings "$db" --status all --format xlsx -o "$tmp/files/w.xlsx" --as-of 2026-12-20
keep "$tmp/files/w.xlsx"
rg diff-1-2-xlsx 0 diff "$db" 1 2 --format xlsx -o "$tmp/files/diff.xlsx"
keep "$tmp/files/diff.xlsx"
rg audit-list-xlsx 0 audit "$db" list --format xlsx -o "$tmp/files/audit.xlsx"
keep "$tmp/files/audit.xlsx"
rg warnings-overdue 0 warnings "$db" --overdue --as-of 2026-12-31
rg calibrate-fail-on-lower 0 calibrate "$db" --fail-on-lower
rg audit-verify 0 audit "$db" verify
rg audit-head 0 audit "$db" head
rg audit-verify-head 0 audit "$db" verify --head "$(cat "$out/$last.stdout")"

# ---- exports, report, rules, test, lint ------------------------------------------------------
for k in tiers measures warnings powers; do
	for f in csv json xlsx; do
		rg "export-$k-$f" 0 export "$db" $k -o "$tmp/files/$k.$f" --format $f --as-of 2026-12-20
		keep "$tmp/files/$k.$f"
	done
	rg "export-$k-stdout-csv" 0 export "$db" $k -o - --format csv --as-of 2026-12-20
	rg "export-$k-stdout-json" 0 export "$db" $k -o - --format json --as-of 2026-12-20
done
rg export-tiers-run1 0 export "$db" tiers --run 1 -o "$tmp/files/tiers1.xlsx" --as-of 2026-12-20
keep "$tmp/files/tiers1.xlsx"
rg export-measures-run1 0 export "$db" 廉政风险防控措施台账 --run 1 -o - --format json --as-of 2026-12-20
rg report 0 report "$db" -o "$tmp/files/report.html" --as-of 2026-12-20
keep "$tmp/files/report.html"
rg report-run1 0 report "$db" --run 1 -o - --as-of 2026-12-20
rg report-run2 0 report "$db" --run 2 -o - --as-of 2026-12-20
rg report-agency 0 report "$db" --agency T-1 -o - --as-of 2026-12-20
# The notices (预警通知书) carry the evidence of signals: every open one, the warnings
# raised by signals.csv whatever their status, one person's and one run's.
rg notice 0 notice "$db" -o "$tmp/files/notices.html"
keep "$tmp/files/notices.html"
rg notice-stdout 0 notice "$db" -o - --issuer 纪检组
for w in "$w1" "$w3" "$w6" "$w7"; do rg "notice-warning-$w" 0 notice "$db" -o - --warning "$w"; done
who=$(sqlite3 "$db" "SELECT min(responsible) FROM warnings WHERE status IN ('发布', '签收')")
[ -n "$who" ] || fail "setup: no open warning has a responsible person"
rg notice-person 0 notice "$db" -o - --person "$who"
last_run=$(sqlite3 "$db" "SELECT max(e.run) FROM warning_events e JOIN warnings w
	ON w.id = e.warning WHERE w.status IN ('发布', '签收')")
[ -n "$last_run" ] || fail "setup: no run issued an open warning"
rg notice-run 0 notice "$db" -o - --run "$last_run"
rg rules 0 rules "$db"
rg rules-agency 0 rules "$db" --agency T-1
rg test 0 test
rg lint 0 lint
rg lint-db 0 lint --db "$db"
for f in table csv json; do
	rg "facts-$f" 0 facts "$db" --format $f
done
rg facts-xlsx 0 facts "$db" --format xlsx -o "$tmp/files/facts.xlsx"
keep "$tmp/files/facts.xlsx"
# The register's lists (list): every table, in every format.
for t in agencies departments posts persons powers points; do
	for f in table csv json; do rg "list-$t-$f" 0 list "$db" $t --format $f; done
	rg "list-$t-xlsx" 0 list "$db" $t --format xlsx -o "$tmp/files/list-$t.xlsx"
	keep "$tmp/files/list-$t.xlsx"
done
rg list-agency 0 list "$db" points --agency T-1
rg init-again 0 init "$db"

# ---- a probe pack: whatever a pack is handed goes into its output --------------------------
mkdir "$tmp/probe" "$tmp/probe/agencies" && cp rules/default.lua "$tmp/probe/" ||
	fail "probe pack"
cat >"$tmp/probe/agencies/T.lua" <<'LUA'
-- 保密测试探针：把交给规则包的全部事实写进理由、标记和预警（tests/confidential/run.sh）
local pack = inherit("default")
local base_grade = pack.grade

local function dump(v, path, out)
  if type(v) == "table" then
    local keys = {}
    for k in pairs(v) do keys[#keys + 1] = k end
    table.sort(keys, function(a, b) return tostring(a) < tostring(b) end)
    for _, k in ipairs(keys) do dump(v[k], path .. "." .. tostring(k), out) end
  elseif type(v) ~= "function" then
    out[#out + 1] = path .. "=" .. tostring(v)
  end
end

function pack:grade(p, ctx)
  local r = base_grade(self, p, ctx)
  local facts, context = {}, {}
  dump(p, "p", facts)
  dump(ctx, "ctx", context)
  local all = "PROBE " .. table.concat(facts, "; ") .. " | " .. table.concat(context, "; ")
  local reasons = {}
  for i, s in ipairs(r.reasons or {}) do reasons[i] = s end
  reasons[#reasons + 1] = all
  for _, s in ipairs(p.signals) do
    local one = {}
    dump(s, "signal", one)
    reasons[#reasons + 1] = "PROBE-SIGNAL " .. table.concat(one, "; ")
  end
  r.reasons = reasons
  r.trace = nil
  local flags = {}
  for i, f in ipairs(r.flags or {}) do flags[i] = f end
  flags[#flags + 1] = { code = "probe", label = "探针", evidence = all }
  r.flags = flags
  local warnings = {}
  for i, w in ipairs(r.warnings or {}) do warnings[i] = w end
  warnings[#warnings + 1] = { reason = "探针", disposition = "风险提示", due = ctx.as_of,
                              text = all }
  r.warnings = warnings
  return r
end

return pack
LUA
cp "$db" "$tmp/probe.db" || fail "copy the database"
pdb=$tmp/probe.db
rg probe-rules 0 rules "$pdb" --rules "$tmp/probe"
rg probe-dry-run 0 grade "$db" --as-of 2026-12-20 --dry-run --rules "$tmp/probe"
rg probe-grade 0 grade "$pdb" --as-of 2026-12-20 --rules "$tmp/probe"
for p in A1 A2 A3 A4 A5 A6 A7; do rg "probe-explain-$p" 0 explain "$pdb" $p; done
# The probe did hand out what it was given: every key of a signal, and the texts of
# signals.csv; so the search below would see a complainant a pack had been given.
for want in 'signal.via=' 'signal.substantiated=' 'signal.severity=' 'signal.source=' \
	'signal.text=实名举报处罚案件有人说情打招呼（保密测试一）' 'signal.id=' 'p.signals.1.date='; do
	grep -qF -e "$want" "$out"/*-probe-explain-A1.stdout ||
		fail "probe: explain A1 does not show $want: the probe pack did not work"
done
grep -rqiE '\.(complainant|reporter|informant|whistleblower)=|举报人=' "$out" &&
	fail "a pack is handed the complainant (see the probe's output)"
for f in table csv json; do
	rg "probe-flags-$f" 0 flags "$pdb" --format $f
	rg "probe-warnings-$f" 0 warnings "$pdb" --status all --format $f --as-of 2026-12-20
	rg "probe-diff-$f" 0 diff "$pdb" 3 4 --format $f
done
rg probe-flags-xlsx 0 flags "$pdb" --format xlsx -o "$tmp/files/probe-flags.xlsx"
keep "$tmp/files/probe-flags.xlsx"
rg probe-warnings-xlsx 0 warnings "$pdb" --status all --format xlsx -o "$tmp/files/probe-w.xlsx" --as-of 2026-12-20
keep "$tmp/files/probe-w.xlsx"
rg probe-diff-xlsx 0 diff "$pdb" 3 4 --format xlsx -o "$tmp/files/probe-diff.xlsx"
keep "$tmp/files/probe-diff.xlsx"
for k in tiers warnings; do
	rg "probe-export-$k-json" 0 export "$pdb" $k -o - --format json --as-of 2026-12-20
	rg "probe-export-$k-xlsx" 0 export "$pdb" $k -o "$tmp/files/probe-$k.xlsx" --as-of 2026-12-20
	keep "$tmp/files/probe-$k.xlsx"
done
rg probe-report 0 report "$pdb" -o - --as-of 2026-12-20
rg probe-notice 0 notice "$pdb" -o -
rg probe-audit 0 audit "$pdb" list --format json

# ---- every command, every format ------------------------------------------------------------
"$bin" --help >"$tmp/help" 2>&1
sed -n '/^commands:/,/^$/p' "$tmp/help" | awk 'NR > 1 && NF { print $1 }' >"$tmp/all-commands"
[ "$(wc -l <"$tmp/all-commands")" -ge 10 ] || fail "cannot read the commands of riskgrade --help"
while IFS= read -r c; do
	cut -f2 "$tmp/commands" | grep -qx -e "$c" || fail "riskgrade $c was not run: add it here"
	"$bin" "$c" --help 2>&1 | grep -o -e '--format [a-z|]*' | sed 's/--format //' | tr '|' '\n' |
		while IFS= read -r f; do
			[ -n "$f" ] || continue
			awk -F '\t' -v c="$c" -v f="--format $f" '$2 == c && index($3, f) { n++ }
				END { exit n == 0 }' "$tmp/commands" ||
				{ echo "riskgrade $c --format $f was not run: add it here" >&2; exit 1; }
		done || fail "a format is not covered"
done <"$tmp/all-commands"

# ---- the search ---------------------------------------------------------------------------
find_ids "$tmp/ids" "$out" | sort -u >"$tmp/found"
if [ -s "$tmp/found" ]; then
	while IFS="$tab" read -r f who; do
		if [ "$f" = "scan.py failed" ]; then
			echo "confidential: scan.py failed" >&2
			continue
		fi
		name=$(basename "$(dirname "$f")")
		[ "$name" = out ] && name=$(basename "$f")
		name=${name%%.*}
		cmd=$(awk -F '\t' -v n="$name" '$1 == n { print $3 }' "$tmp/commands")
		echo "confidential: LEAK: \"$who\" in $(basename "$f") of: $cmd" >&2
		grep -nF -e "$who" "$f" | head -3 | sed 's/^/    /' >&2
	done <"$tmp/found"
	fail "$(cut -f2 "$tmp/found" | sort -u | wc -l) complainant identities found in $(cut -f1 "$tmp/found" | sort -u | wc -l) outputs"
fi
n_out=$(find "$out" -type f | wc -l)
n_cmd=$(wc -l <"$tmp/commands")
n_sub=$(cut -f2 "$tmp/commands" | sort -u | wc -l)
echo "confidential: $n_out outputs of $n_cmd commands ($n_sub subcommands) checked for $(wc -l <"$tmp/ids") identities, no complainant identity found"

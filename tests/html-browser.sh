#!/bin/sh
# The HTML report in a real browser: headless Chromium (Debian package
# chromium) renders the demo network's report; the DOM it built must hold
# every device, every finding and the chart's bars, and a screenshot is
# saved as BUILD_DIR/html-report.png for people to look at.
#
# Usage: tests/html-browser.sh [BUILD_DIR | BINARY]
#   MANRS_CHECK=path  the binary (tests/run.sh sets the ASan one)
#   CHROMIUM=path     the browser (default: chromium, chromium-browser)
# Without a browser it prints a SKIP line and exits 0 (scripts/deps.sh test
# installs chromium).  Exit status: 0 passed or skipped, 1 failed, 2 setup.
set -u

here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")
. "$here/lib.sh"
test_bin html-browser "${1:-}"
test_need html-browser jq

browser=${CHROMIUM:-}
if [ -z "$browser" ]; then
	for b in chromium chromium-browser; do
		if command -v "$b" >/dev/null 2>&1; then
			browser=$b
			break
		fi
	done
fi
if [ -z "$browser" ]; then
	echo "html-browser: SKIP: no headless browser (install the Debian package chromium: scripts/deps.sh test)"
	exit 0
fi

W=$B/html-test
rm -rf "$W"
mkdir -p "$W" || exit 2
profile=$(mktemp -d "${TMPDIR:-/tmp}/manrs-chromium.XXXXXX") || exit 2
trap 'rm -rf "$profile"' EXIT INT TERM
export MANRS_TODAY=2026-11-26

pass=0
fail=0
failed=""
ok() { pass=$((pass + 1)); echo "ok   $1"; }
bad() { fail=$((fail + 1)); failed="$failed $1"; echo "FAIL $1: $2"; }

# Offline and quiet: no first-run, sync, updates, QUIC, background traffic.
chrome() {
	timeout 120 "$browser" --headless --no-sandbox --disable-gpu \
	    --disable-quic --no-first-run --disable-background-networking \
	    --disable-component-update --disable-sync --disable-extensions \
	    --user-data-dir="$profile" "$@" 2>>"$W/chromium.log"
}

report=$W/demo.html
(cd "$root" && "$bin" -f html --policy examples/manrs-check.yaml examples) >"$report" 2>"$W/err"
rc=$?
(cd "$root" && "$bin" -f json --policy examples/manrs-check.yaml examples) >"$W/demo.json" 2>/dev/null
if [ $rc -ne 1 ] || [ ! -s "$report" ]; then
	bad "render the demo report" "manrs-check exited $rc"
	echo "html-browser: 0 passed, 1 failed"
	exit 1
fi
cp "$report" "$B/html-report.html"

chrome --dump-dom "file://$report" >"$W/dom.html"
rc=$?
if [ $rc -ne 0 ] || [ ! -s "$W/dom.html" ]; then
	bad "chromium --dump-dom" "exit $rc (see $W/chromium.log)"
	tail -n 5 "$W/chromium.log"
	echo "html-browser: $pass passed, $fail failed"
	exit 1
fi
ok "chromium $("$browser" --version 2>/dev/null | sed 's/^[^0-9]*//' | cut -d' ' -f1) loaded the report"
dom=$W/dom.html

# every device, by hostname (from the JSON report of the same run)
missing=""
for h in $(jq -r '.devices[].hostname' "$W/demo.json"); do
	grep -q "data-hostname=\"$h\"" "$dom" && grep -q ">$h<" "$dom" || missing="$missing $h"
done
n=$(jq '.devices | length' "$W/demo.json")
if [ -z "$missing" ] && [ "$n" -ge 5 ]; then ok "every device is in the DOM ($n)"
else bad "every device is in the DOM" "missing:$missing"; fi

# every finding, with its rule id
nf=$(jq '.findings | length' "$W/demo.json")
nd=$(grep -o '<div class="finding [a-z]*[ a-z]*" data-rule="[A-Z0-9-]*"' "$dom" | wc -l)
rule=$(jq -r '[.findings[] | select(.severity == "error")][0].rule' "$W/demo.json")
if [ "$nd" -eq "$nf" ] && grep -q "data-rule=\"$rule\"" "$dom"; then
	ok "every finding is in the DOM ($nd, e.g. $rule)"
else bad "every finding is in the DOM" "$nd of $nf, rule $rule"; fi

# the chart: an <svg> with a bar per action and severity, drawn to scale
if grep -q '<svg id="findings-chart"' "$dom"; then ok "the chart's <svg> is there"
else bad "the chart's <svg> is there" "not in the DOM"; fi
nbar=$(grep -o '<rect class="bar" data-action="[0-4]" data-severity="[a-z]*" data-count="[0-9]*"[^>]*height="[0-9.]*"' "$dom" | wc -l)
tall=$(grep -o '<rect class="bar" [^>]*data-count="[1-9][0-9]*"[^>]*height="[0-9.]*"' "$dom" |
    sed 's/.*height="\([0-9.]*\)"/\1/' | awk '$1 > 0' | wc -l)
nonzero=$(grep -o '<rect class="bar" [^>]*data-count="[1-9][0-9]*"' "$dom" | wc -l)
if [ "$nbar" -eq 15 ] && [ "$tall" -gt 0 ] && [ "$tall" -eq "$nonzero" ]; then
	ok "the chart has its bars ($nbar rects, $tall with findings)"
else bad "the chart has its bars" "$nbar rects, $tall of $nonzero drawn"; fi
# the action cards agree with JSON
st=$(jq -r '.summary.actions["1"]' "$W/demo.json")
if grep -q "data-action=\"1\" data-status=\"$st\"" "$dom"; then ok "action 1 is '$st' as in JSON"
else bad "action status" "action 1 not '$st'"; fi

# the screenshot, under the build directory
rm -f "$B/html-report.png"
chrome --screenshot="$B/html-report.png" --window-size=1280,2000 \
    --hide-scrollbars "file://$report" >/dev/null
if [ -s "$B/html-report.png" ] && [ "$(head -c 4 "$B/html-report.png" | od -An -c | tr -d ' ')" = '211PNG' ] &&
    [ "$(wc -c <"$B/html-report.png")" -gt 20000 ]; then
	ok "screenshot saved: $B/html-report.png"
else bad "screenshot" "no PNG at $B/html-report.png"; fi

[ $fail -eq 0 ] && rm -rf "$W"
echo "html-browser: $pass passed, $fail failed${failed:+:$failed}"
[ $fail -eq 0 ]

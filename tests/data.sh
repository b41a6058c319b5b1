#!/bin/sh
# --vrps / --irr / --peeringdb: unreadable or malformed data is an input
# error (exit 2) that names the file and line; good data is used.
# Usage: tests/data.sh [MANRS_CHECK_BINARY]
set -u
here=$(cd "$(dirname "$0")" && pwd)
# The binary, or a build directory (tests/run.sh passes it and MANRS_CHECK).
bin=${MANRS_CHECK:-${1:-$here/../build/manrs-check}}
[ -d "$bin" ] && bin=$bin/manrs-check
cfg=$here/golden/data/roa-valid/edge-roa.frr.conf
tmp=$(mktemp -d "${TMPDIR:-/tmp}/data.XXXXXX")
trap 'rm -rf "$tmp"' EXIT INT TERM
nfail=0
ok() { echo "ok   data: $1"; }
bad() { echo "FAIL data: $1"; nfail=$((nfail + 1)); }
# check NAME WANT-STATUS WANT-STDERR-TEXT ARGS...
check() {
	name=$1 want=$2 text=$3
	shift 3
	"$bin" -q "$@" "$cfg" >"$tmp/out" 2>"$tmp/err"
	rc=$?
	if [ $rc -eq "$want" ] && { [ -z "$text" ] || grep -qF -- "$text" "$tmp/err"; }; then ok "$name"
	else bad "$name: exit $rc (wanted $want), stderr: $(head -c 200 "$tmp/err")"; fi
}
printf 'ASN,IP Prefix,Max Length\nAS1,10.0.0.0/8,8\nASx,1.2.3.0/24,24\n' > "$tmp/bad.csv"
printf 'route: 10.0.0.0/8\norigin: AS1\n\nroute: 10.0.0.0/33\norigin: AS1\n' > "$tmp/bad.db"
printf 'as-set: AS-X\nmembers: AS1\n' | gzip -c | head -c 20 > "$tmp/trunc.db.gz"
printf '{"net":{"data":[{"id":1,"asn":1}]' > "$tmp/bad.json"
printf '{"net":{"data":[{"id":1,"asn":"1"}]}}' > "$tmp/bad2.json"
check "bad VRP line" 2 "$tmp/bad.csv:3:" --vrps "$tmp/bad.csv"
check "missing VRP file" 2 "$tmp/none.csv" --vrps "$tmp/none.csv"
check "bad route object" 2 "$tmp/bad.db:4:" --irr "$tmp/bad.db"
check "truncated gzip dump" 2 "$tmp/trunc.db.gz" --irr "$tmp/trunc.db.gz"
printf 'route-set: RS-X\nmembers: 192.0.2.0/24^+,\n 198.51.100.0/24^40\n' > "$tmp/bad-rs.db"
check "bad route-set range operator" 2 "$tmp/bad-rs.db:3:" --irr "$tmp/bad-rs.db"
head -c 37 "$tmp/bad-rs.db" > "$tmp/trunc-rs.db"
check "route-set cut mid-line loads" 1 "" --rules GV-IRR-ROUTE --irr "$tmp/trunc-rs.db"
check "second --irr file bad" 2 "$tmp/bad.db:4:" --irr "$here/irr/filter.rpsl" --irr "$tmp/bad.db"
check "bad PeeringDB JSON" 2 "$tmp/bad.json:" --peeringdb "$tmp/bad.json"
check "PeeringDB net without integer asn" 2 "integer" --peeringdb "$tmp/bad2.json"
# Good data: the rules run (and a device-level finding appears).
check "all three loaded" 1 "" --rules GV-ROA-MISSING,GV-IRR-ROUTE,COORD-PEERINGDB \
    --vrps "$here/golden/data/roa-invalid/data/vrps.csv" \
    --irr "$here/golden/data/irr-missing/data/ripe.db" \
    --peeringdb "$here/golden/data/pdb-clean/data/peeringdb.json"
for r in GV-ROA-MISSING GV-IRR-ROUTE; do
	grep -q "$r" "$tmp/out" && ok "$r ran" || bad "$r did not run"
done
# --rtr against a local stayrtr (skips itself without stayrtr).
MANRS_CHECK=$bin sh "$here/rtr.sh" || nfail=$((nfail + 1))
[ $nfail -eq 0 ] || { echo "data: $nfail failed"; exit 1; }
echo "data: all passed"

#!/bin/sh
# --rtr HOST:PORT: the VRPs an RPKI-to-Router cache (stayrtr, on loopback,
# serving a JSON file this test writes) serves give the same report as the
# same VRPs read with --vrps; an unreachable or silent cache is an input
# error (exit 2) that says so.
# Usage: tests/rtr.sh [MANRS_CHECK_BINARY | BUILD_DIR]
set -u
here=$(cd "$(dirname "$0")" && pwd)
bin=${MANRS_CHECK:-${1:-$here/../build/manrs-check}}
[ -d "$bin" ] && bin=$bin/manrs-check
bin=$(cd "$(dirname "$bin")" && pwd)/$(basename "$bin")
if ! command -v stayrtr >/dev/null 2>&1; then
	echo "skip rtr: stayrtr not installed (Debian package stayrtr)"
	exit 0
fi
case=$here/golden/data/roa-invalid
cfg=$case/edge-roa.frr.conf
tmp=$(mktemp -d "${TMPDIR:-/tmp}/rtr.XXXXXX")
pids=""
cleanup() {
	for p in $pids; do kill "$p" 2>/dev/null; wait "$p" 2>/dev/null; done
	rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 1' INT TERM
nfail=0
ok() { echo "ok   rtr: $1"; }
bad() { echo "FAIL rtr: $1"; nfail=$((nfail + 1)); }

# A free loopback port: ask the kernel.
freeport() {
	python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'
}
# wait_port PORT: until something listens there (10 s at most).
wait_port() {
	i=0
	while [ $i -lt 100 ]; do
		python3 -c 'import socket,sys; socket.create_connection(("127.0.0.1",int(sys.argv[1])),1).close()' "$1" 2>/dev/null && return 0
		sleep 0.1
		i=$((i + 1))
	done
	return 1
}

# The golden case's VRPs plus 3000 generated ones (v4 and v6, some with
# maxLength above the length), as rpki-client JSON and as CSV.
python3 - "$tmp/vrps.json" "$tmp/vrps.csv" <<'EOF'
import json, sys
roas = [("AS206999", "185.66.84.0/22", 22), ("AS206999", "2a0e:b100::/32", 48),
        ("AS64500", "193.0.0.0/8", 8)]
for i in range(2000):
    roas.append(("AS%d" % (1000 + i % 97), "%d.%d.%d.0/24" % (20 + i // 65536 % 100, i // 256 % 256, i % 256), 24 + i % 3))
for i in range(1000):
    roas.append(("AS%d" % (4200000000 + i), "2a0f:%x:%x::/48" % (i // 7, i), 48 + i % 2))
with open(sys.argv[1], "w") as f:
    json.dump({"metadata": {"buildtime": "2026-11-26T00:00:00Z"},
               "roas": [{"asn": a, "prefix": p, "maxLength": m, "ta": "test"}
                        for a, p, m in roas]}, f)
with open(sys.argv[2], "w") as f:
    f.write("ASN,IP Prefix,Max Length,Trust Anchor\n")
    for a, p, m in roas:
        f.write("%s,%s,%d,test\n" % (a, p, m))
EOF

port=$(freeport)
mport=$(freeport)
stayrtr -bind "127.0.0.1:$port" -metrics.addr "127.0.0.1:$mport" \
    -cache "$tmp/vrps.json" -checktime=false -refresh 3600 \
    >"$tmp/stayrtr.log" 2>&1 &
pids="$pids $!"
if ! wait_port "$port"; then
	bad "stayrtr did not listen on 127.0.0.1:$port: $(tail -3 "$tmp/stayrtr.log")"
	exit 1
fi

run() {	# run OUT ARGS...: exit status in $rc
	out=$1
	shift
	(cd "$case" && MANRS_TODAY=2026-11-26 "$bin" -f json "$@" "$cfg") \
	    >"$tmp/$out" 2>"$tmp/$out.err"
	rc=$?
}
run file.json --vrps "$tmp/vrps.json"
rcf=$rc
run rtr.json --rtr "127.0.0.1:$port"
if [ $rc -eq 1 ] && [ $rcf -eq 1 ] && cmp -s "$tmp/file.json" "$tmp/rtr.json"; then
	ok "--rtr report = --vrps report (exit $rc)"
else
	bad "--rtr (exit $rc) differs from --vrps (exit $rcf): $(diff "$tmp/file.json" "$tmp/rtr.json" | head -5) $(head -c 300 "$tmp/rtr.json.err")"
fi
# Every VRP arrived: -v counts the distinct VRPs of the set.
nf=$("$bin" -v -q --vrps "$tmp/vrps.json" "$cfg" 2>&1 >/dev/null | sed -n 's/.*: \([0-9]*\) VRPs.*/\1/p')
nr=$("$bin" -v -q --rtr "127.0.0.1:$port" "$cfg" 2>&1 >/dev/null | sed -n 's/.*: \([0-9]*\) VRPs.*/\1/p')
[ -n "$nf" ] && [ "$nf" = "$nr" ] && [ "$nf" -eq 3003 ] && ok "same VRP count: $nr" ||
    bad "VRP count: file ${nf:-?}, RTR ${nr:-?} (wanted 3003)"
# The findings are the golden case's: the data really arrived.
for r in GV-ROA-INVALID GV-ROA-MISSING; do
	grep -q "\"$r\"" "$tmp/rtr.json" && ok "$r from RTR VRPs" ||
	    bad "$r missing with --rtr"
done
grep -q '185.66.86.0/24' "$tmp/rtr.json" && ok "invalid prefix named" ||
    bad "185.66.86.0/24 not reported with --rtr"
# The same VRPs as a CSV file through --vrps, and both sources at once.
run csv.json --vrps "$tmp/vrps.csv"
[ $rc -eq 1 ] && cmp -s "$tmp/csv.json" "$tmp/rtr.json" &&
    ok "--rtr report = CSV report" ||
    bad "--rtr report differs from the CSV one (exit $rc)"
run both.json --vrps "$tmp/vrps.csv" --rtr "127.0.0.1:$port"
[ $rc -eq 1 ] && cmp -s "$tmp/both.json" "$tmp/rtr.json" &&
    ok "--vrps + --rtr together" || bad "--vrps + --rtr differ (exit $rc)"
# Without the cache's VRPs the ROA rules say nothing (control: the
# comparison above can fail).
run none.json
if [ $rc -le 1 ] && grep -q '"schema"' "$tmp/none.json" &&
    ! grep -q '"GV-ROA-INVALID"' "$tmp/none.json"; then
	ok "control: no VRPs, no GV-ROA finding"
else
	bad "control: exit $rc, or GV-ROA-INVALID without data"
fi

# Errors: exit 2 with a message naming the cache.
check_err() {	# NAME TEXT ARGS...
	name=$1 text=$2
	shift 2
	start=$(date +%s)
	"$bin" -q "$@" "$cfg" >/dev/null 2>"$tmp/err"
	rc=$?
	secs=$(($(date +%s) - start))
	if [ $rc -eq 2 ] && grep -qF -- "$text" "$tmp/err"; then
		ok "$name (exit 2, ${secs}s)"
	else
		bad "$name: exit $rc, stderr: $(head -c 200 "$tmp/err")"
	fi
}
dead=$(freeport)
check_err "cache unreachable" "cannot reach the RPKI cache" --rtr "127.0.0.1:$dead"
check_err "bad HOST:PORT" "expected HOST:PORT" --rtr "127.0.0.1"
check_err "bad port" "expected HOST:PORT" --rtr "127.0.0.1:99999"
# A listener that accepts and never answers: the timeout ends the wait.
silent=$(freeport)
python3 -c '
import socket, sys, time
s = socket.socket(); s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
s.bind(("127.0.0.1", int(sys.argv[1]))); s.listen(4)
conns = []
while True:
    c, _ = s.accept(); conns.append(c)
' "$silent" &
pids="$pids $!"
wait_port "$silent"
MANRS_RTR_TIMEOUT=2 check_err "silent cache times out" "within 2 s" --rtr "127.0.0.1:$silent"
[ $secs -le 10 ] || bad "silent cache: took ${secs}s"

[ $nfail -eq 0 ] || { echo "rtr: $nfail failed"; exit 1; }
echo "rtr: all passed"

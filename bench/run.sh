#!/bin/sh
# make bench: throughput of manrs-check on a synthetic IOS-family network.
#   bench/run.sh [BUILD_DIR]
#   BENCH_ROUTERS (2000), BENCH_MB (200): size of the generated network
#   BENCH_RUNS (3): runs of each command; the best time is reported
#   BENCH_MEM_KB: address-space cap per run (default 80% of RAM)
# Generates BUILD_DIR/bench/net-ROUTERS-MB once (bench/gen, deterministic), then times
# `wc -l` over the files (the floor: reading the bytes), `manrs-check -q -j1`,
# `manrs-check -q -j$(nproc)`, the text and the JSON report on one thread, and prints
# MB/s and the ratio to wc -l.
# No assertions: the figures are for reading.
set -u
B=${1:-build}
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root" || exit 2
[ "${2:-}" = data ] && exec sh bench/data.sh "$B"	# data loaders alone
n=${BENCH_ROUTERS:-2000}
mb=${BENCH_MB:-200}
runs=${BENCH_RUNS:-3}
bin=$B/manrs-check
gen=$B/bench/gen
net=$B/bench/net-$n-$mb

[ -x "$bin" ] || { echo "bench: $bin missing (make all)" >&2; exit 2; }
if [ ! -x "$gen" ] || [ bench/gen.c -nt "$gen" ]; then
	make --no-print-directory "$gen" B="$B" || exit 2
fi
stamp="$net/.params"
if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$n $mb $(cksum <bench/gen.c)" ]; then
	rm -rf "$net"
	"$gen" -n "$n" -s "$mb" "$net" || exit 2
	echo "$n $mb $(cksum <bench/gen.c)" >"$stamp"
fi

bytes=$(cat "$net"/*.cfg | wc -c)
lines=$(cat "$net"/*.cfg | wc -l)
files=$(ls "$net"/*.cfg | wc -l)
cpus=$(nproc 2>/dev/null || echo 1)
mbytes=$(awk -v b="$bytes" 'BEGIN { printf "%.1f", b / 1048576 }')
echo "bench: $files files, $mbytes MB, $lines lines in $net; $cpus CPUs"

now() { date +%s.%N; }

# Keep a runaway run from taking the machine down: cap the address space
# (BENCH_MEM_KB, default 80% of RAM); a run that hits it fails and says so.
memkb=$(awk '/^MemTotal:/ { print int($2 * 0.8) }' /proc/meminfo 2>/dev/null)
memkb=${BENCH_MEM_KB:-${memkb:-unlimited}}

best() {	# $@ command; prints the best wall time of $runs runs, in seconds
	b=""
	i=0
	while [ $i -lt "$runs" ]; do
		t0=$(now)
		(ulimit -v "$memkb" 2>/dev/null; exec "$@") >/dev/null 2>"$B/bench/stderr.txt"
		rc=$?
		t1=$(now)
		t=$(awk -v a="$t0" -v z="$t1" 'BEGIN { printf "%.3f", z - a }')
		if [ "$rc" -gt 1 ]; then
			echo "bench: '$*' exited $rc:" >&2
			head -n 5 "$B/bench/stderr.txt" >&2
		fi
		if [ -z "$b" ] || awk -v x="$t" -v y="$b" 'BEGIN { exit !(x < y) }'; then
			b=$t
		fi
		i=$((i + 1))
	done
	echo "$b"
}

# warm the page cache so that every command reads from memory
cat "$net"/*.cfg >/dev/null

twc=$(best wc -l "$net"/*.cfg)
# Reading, parsing and building the model, with one rule that needs no
# policy analysis: the cost of the front end alone.
tp=$(best "$bin" -q -j1 --rules SEC-SESSION-AUTH "$net")
t1=$(best "$bin" -q -j1 "$net")
tn=$(best "$bin" -q -j"$cpus" "$net")
# The full text report: the same check with the fix texts (-q builds none).
tt=$(best "$bin" -o /dev/null -j1 "$net")
# The same check writing the full JSON report (about 136 findings a router).
tj=$(best "$bin" -f json -o /dev/null -j1 "$net")

report() {	# name seconds
	awk -v n="$1" -v t="$2" -v b="$bytes" -v w="$twc" 'BEGIN {
		mbs = (t > 0) ? b / 1048576 / t : 0
		printf "  %-28s %9.3f s %10.3f MB/s %10.1fx wc -l\n", n, t, mbs, (w > 0) ? t / w : 0
	}'
}
echo "best of $runs runs:"
report "wc -l" "$twc"
report "parse+model only -j1" "$tp"
report "manrs-check -q -j1" "$t1"
report "manrs-check -q -j$cpus" "$tn"
report "manrs-check (text) -j1" "$tt"
report "manrs-check -f json -j1" "$tj"
if [ -x /usr/bin/time ]; then
	/usr/bin/time -f "  full check -j1: %U s CPU (user), peak RSS %M KB" \
	    "$bin" -q -j1 "$net" >/dev/null 2>"$B/bench/time.txt"
	tail -n 1 "$B/bench/time.txt"
	/usr/bin/time -f "  JSON report -j1: %U s CPU (user), peak RSS %M KB" \
	    "$bin" -f json -o /dev/null -j1 "$net" >/dev/null \
	    2>"$B/bench/time.txt"
	tail -n 1 "$B/bench/time.txt"
fi
[ "${BENCH_DATA:-1}" = 0 ] || sh bench/data.sh "$B"	# VRP and RPSL loaders
exit 0

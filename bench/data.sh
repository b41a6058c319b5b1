#!/bin/sh
# make bench, data section: loading a full-size VRP set and a multi-gigabyte
# RPSL dump, against `wc -l` on the same file.
#   bench/data.sh [BUILD_DIR]          (also: bench/run.sh BUILD_DIR data)
#   BENCH_VRPS (800000): VRPs generated (rpki-client JSON and CSV)
#   BENCH_RPSL_MB (2048): size of the generated RPSL dump, in MB
# Files are generated once into BUILD_DIR/bench (deterministic, streamed:
# the generator never holds a file in memory).  Each figure is one run of
# /usr/bin/time: wall and CPU seconds and peak RSS of `manrs-check` checking
# one small configuration with the data (--rules limited to the rule that
# uses it), minus nothing: the no-data run is printed for comparison.
# No assertions: the figures are for reading.
set -u
B=${1:-build}
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root" || exit 2
bin=$B/manrs-check
nv=${BENCH_VRPS:-800000}
mb=${BENCH_RPSL_MB:-2048}
dir=$B/bench
cfg=tests/golden/data/roa-invalid/edge-roa.frr.conf
[ -x "$bin" ] || { echo "bench data: $bin missing (make all)" >&2; exit 2; }
[ -x /usr/bin/time ] || { echo "bench data: /usr/bin/time missing (Debian package time)" >&2; exit 2; }
mkdir -p "$dir"

# gen KIND COUNT OUT: deterministic VRP JSON/CSV or RPSL, streamed.
gen() {
	python3 - "$@" <<'EOF'
import random, sys
kind, count, out = sys.argv[1], int(sys.argv[2]), sys.argv[3]
rnd = random.Random(20261126)
def v4():
    while True:
        a = rnd.randrange(1, 224)
        if a not in (10, 127, 100, 169, 172, 192, 198, 203):
            break
    ln = rnd.choice((16, 18, 20, 22, 23, 24, 24, 24, 24))
    x = (a << 24 | rnd.getrandbits(24)) & (0xffffffff << (32 - ln)) & 0xffffffff
    return "%d.%d.%d.%d/%d" % (x >> 24, x >> 16 & 255, x >> 8 & 255, x & 255, ln), ln
def v6():
    ln = rnd.choice((29, 32, 36, 40, 44, 48, 48, 48))
    x = (0x2 << 125 | rnd.getrandbits(125)) & ((1 << 128) - (1 << (128 - ln)))
    g = ["%x" % (x >> (112 - 16 * i) & 0xffff) for i in range(3)]
    return "%s:%s:%s::/%d" % (g[0], g[1], g[2], ln), ln
with open(out, "w", buffering=1 << 20) as f:
    if kind in ("json", "csv"):
        if kind == "json":
            f.write('{"metadata":{"buildtime":"2026-11-26T00:00:00Z","vrps":%d},"roas":[\n' % count)
        else:
            f.write("ASN,IP Prefix,Max Length,Trust Anchor\n")
        tas = ("ripe", "arin", "apnic", "lacnic", "afrinic")
        for i in range(count):
            p, ln = v6() if i % 4 == 3 else v4()
            ml = min(ln + rnd.choice((0, 0, 0, 1, 2, 8)), 48 if ":" in p else 24)
            asn = rnd.randrange(1, 400000)
            if kind == "json":
                f.write('%s{"asn":%d,"prefix":"%s","maxLength":%d,"ta":"%s","expires":1795000000}\n'
                        % ("," if i else "", asn, p, ml, tas[i % 5]))
            else:
                f.write("AS%d,%s,%d,%s\n" % (asn, p, ml, tas[i % 5]))
        if kind == "json":
            f.write("]}\n")
    else:	# rpsl: count is megabytes
        limit = count << 20
        done = 0
        i = 0
        while done < limit:
            parts = []
            for _ in range(1000):
                i += 1
                asn = rnd.randrange(1, 400000)
                k = i % 50
                if k < 40:
                    p, _ = v4()
                    parts.append("route:          %s\ndescr:          Example customer %d\n"
                                 "origin:         AS%d\nmnt-by:         MAINT-AS%d\n"
                                 "created:        2019-03-01T10:00:00Z\n"
                                 "last-modified:  2024-06-11T08:12:44Z\nsource:         BENCH\n\n"
                                 % (p, i, asn, asn))
                elif k < 46:
                    p, _ = v6()
                    parts.append("route6:         %s\norigin:         AS%d\n"
                                 "mnt-by:         MAINT-AS%d\nsource:         BENCH\n\n" % (p, asn, asn))
                elif k == 46:
                    parts.append("aut-num:        AS%d\nas-name:        NET-%d\n"
                                 "admin-c:        P%d-BENCH\ntech-c:         P%d-BENCH\n"
                                 "remarks:        a remark\n+               continued\n"
                                 "source:         BENCH\n\n" % (asn, asn, i, i))
                elif k == 47:
                    parts.append("as-set:         AS%d:AS-CUST%d\nmembers:        AS%d, AS%d,\n"
                                 "                AS%d:AS-DOWN%d\nsource:         BENCH\n\n"
                                 % (asn, i, asn, asn + 1, asn, i))
                elif k == 48:
                    parts.append("person:         Person %d\naddress:        Street %d\n"
                                 "phone:          +1 555 %04d\nnic-hdl:        P%d-BENCH\n"
                                 "source:         BENCH\n\n" % (i, i, i % 10000, i))
                else:
                    parts.append("route-set:      RS-BENCH%d\nmembers:        %s^+, %s\n"
                                 "source:         BENCH\n\n" % (i, v4()[0], v4()[0]))
            s = "".join(parts)
            f.write(s)
            done += len(s)
EOF
}

# A file is regenerated when its parameters or this script change.
fresh() {	# OUT PARAMS
	[ -s "$1" ] && [ -f "$1.params" ] && [ "$(cat "$1.params")" = "$2 $(cksum <bench/data.sh)" ]
}
make_file() {	# KIND COUNT OUT
	if ! fresh "$3" "$1 $2"; then
		echo "bench data: generating $3 ..."
		rm -f "$3" "$3.params"
		gen "$1" "$2" "$3.tmp" && mv "$3.tmp" "$3" &&
		    echo "$1 $2 $(cksum <bench/data.sh)" >"$3.params" || exit 2
	fi
}
vj=$dir/vrps-$nv.json
vc=$dir/vrps-$nv.csv
db=$dir/irr-${mb}M.db
make_file json "$nv" "$vj"
make_file csv "$nv" "$vc"
make_file rpsl "$mb" "$db"

# measure NAME CMD...: one run, wall/CPU/peak RSS
measure() {
	name=$1
	shift
	cat "$@" >/dev/null 2>&1	# page cache (the files among the args)
	/usr/bin/time -f "%e %U %S %M" -o "$dir/time.txt" "$@" >/dev/null 2>"$dir/stderr.txt"
	rc=$?
	if [ $rc -gt 1 ]; then
		echo "bench data: '$*' exited $rc:" >&2
		head -n 5 "$dir/stderr.txt" >&2
	fi
	tail -n 1 "$dir/time.txt" | awk -v n="$name" '{ printf "  %-34s %8.2f s wall %8.2f s CPU %9.1f MB peak RSS\n", n, $1, $2 + $3, $4 / 1024 }'
}
size() { awk -v b="$(wc -c <"$1")" 'BEGIN { printf "%.1f MB", b / 1048576 }'; }

echo "data loaders ($(nproc 2>/dev/null || echo 1) CPUs; one run each):"
measure "no data (baseline)" "$bin" -q -j1 --rules GV-ROA-MISSING "$cfg"
echo " VRPs: $nv, $(wc -l <"$vj") lines, $(size "$vj") JSON / $(size "$vc") CSV"
measure "wc -l (JSON)" wc -l "$vj"
measure "--vrps rpki-client JSON" "$bin" -q -j1 --rules GV-ROA-MISSING --vrps "$vj" "$cfg"
measure "--vrps CSV" "$bin" -q -j1 --rules GV-ROA-MISSING --vrps "$vc" "$cfg"
echo " RPSL: $(size "$db"), $(wc -l <"$db") lines"
measure "wc -l (RPSL)" wc -l "$db"
measure "--irr RPSL dump" "$bin" -q -j1 --rules GV-IRR-ROUTE --irr "$db" "$cfg"
exit 0

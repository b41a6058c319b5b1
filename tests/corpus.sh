#!/bin/sh
# Run `manrs-check model` over every file of the shared corpus and report,
# per vendor folder: files read, errors (exit 2: unsupported or unreadable,
# not a failure), failures (a crash: exit status above 2 or a signal, or a
# hang past the time limit), BGP neighbours found, and the share of lines
# inside BGP/policy/interface/ACL sections that the parser understood.
#
#   tests/corpus.sh build/manrs-check [CORPUS_DIR]
#
# CORPUS_DIR defaults to ../shared/corpus beside the repository; CI machines
# may not have it, and then the script says so and succeeds.
# Exit status: 0 no failure, 1 at least one failure, 2 usage.
set -u

bin=${MANRS_CHECK:-${1:-}}
# tests/run.sh passes the build directory.
[ -d "$bin" ] && bin=$bin/manrs-check
if [ -z "$bin" ] || [ ! -x "$bin" ]; then
	echo "usage: $0 path/to/manrs-check [corpus-dir]" >&2
	exit 2
fi
root=$(cd "$(dirname "$0")/.." && pwd)
corpus=${2:-$root/../shared/corpus}
if [ ! -d "$corpus" ]; then
	echo "corpus.sh: no corpus at $corpus: skipped"
	exit 0
fi
if ! command -v jq >/dev/null 2>&1; then
	echo "corpus.sh: jq is needed (apt-get install jq)" >&2
	exit 2
fi
limit=${CORPUS_TIMEOUT:-60}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT INT TERM

total_fail=0
printf '%-10s %6s %6s %6s %5s %9s %9s %7s %11s\n' vendor files read errors fail \
    neighbors sect_lines unrec understood
for dir in "$corpus"/*/; do
	[ -d "$dir" ] || continue
	v=$(basename "$dir")
	files=0 ok=0 err=0 fail=0 nbrs=0 sect=0 unrec=0
	for f in "$dir"*; do
		[ -f "$f" ] || continue
		files=$((files + 1))
		timeout "$limit" "$bin" model "$f" >"$tmp/out" 2>"$tmp/err"
		rc=$?
		if [ $rc -eq 0 ] || [ $rc -eq 1 ]; then
			ok=$((ok + 1))
			set -- $(jq -r '[([.neighbors // [] | .[] |
			    select((.group_only // false) | not)] | length),
			    (.section_lines // 0), (.unrecognized // 0)] |
			    map(tostring) | join(" ")' "$tmp/out" 2>/dev/null ||
			    echo "0 0 0")
			nbrs=$((nbrs + ${1:-0}))
			sect=$((sect + ${2:-0}))
			unrec=$((unrec + ${3:-0}))
		elif [ $rc -eq 2 ]; then
			err=$((err + 1))
		else
			fail=$((fail + 1))
			echo "FAIL (exit $rc): $f" >&2
			head -5 "$tmp/err" >&2
		fi
	done
	if [ "$sect" -gt 0 ]; then
		share=$(awk -v s="$sect" -v u="$unrec" \
		    'BEGIN { printf "%.1f%%", 100 * (s - u) / s }')
	else
		share="n/a"
	fi
	printf '%-10s %6d %6d %6d %5d %9d %9d %7d %11s\n' "$v" "$files" "$ok" \
	    "$err" "$fail" "$nbrs" "$sect" "$unrec" "$share"
	total_fail=$((total_fail + fail))
done
if [ "$total_fail" -gt 0 ]; then
	echo "corpus.sh: $total_fail failure(s)"
	exit 1
fi
exit 0

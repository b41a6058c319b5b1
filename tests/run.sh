#!/bin/sh
# The whole test run (`make test` calls `tests/run.sh build` after building
# the plain and the ASan+UBSan trees):
#   1. every unit test binary in B/unit and B/asan/unit
#   2. tests/golden.sh with the ASan binary B/asan/manrs-check
#   3. tests/cli.sh and tests/corpus.sh when present (other helpers' suites;
#      called as `SCRIPT B` with MANRS_CHECK set to the ASan binary)
#   4. tests/oracles.sh: shipped FRR/BIRD/OpenBGPD configs pass their daemons
#   5. a short libFuzzer run of every B/fuzz/* target (only if clang exists;
#      FUZZ_SECONDS, default 10; FUZZ=0 skips it)
# Prints a PASS/FAIL/SKIP line per stage and exits 1 if any stage failed.
set -u
B=${1:-build}
here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")
cd "$root" || exit 2
case $B in /*) ;; *) B=$root/$B ;; esac

results=""
anyfail=0
log=$(mktemp -d "${TMPDIR:-/tmp}/manrs-test.XXXXXX")
trap 'rm -rf "$log"' EXIT INT TERM

stage() {	# $1 name, $2 PASS|FAIL|SKIP, $3 detail
	results="$results$(printf '%-8s %-4s %s' "$1" "$2" "$3")
"
	[ "$2" = FAIL ] && anyfail=1
	echo "== $1: $2 $3"
}

# Sanitizer settings.  LeakSanitizer does not work under ptrace or in some
# containers; probe it once with a tiny program and fall back without it.
export UBSAN_OPTIONS="halt_on_error=1:print_stacktrace=1"
lsan=1
if command -v cc >/dev/null 2>&1; then
	printf 'int main(void){return 0;}\n' >"$log/lsan.c"
	if cc -fsanitize=address -o "$log/lsan" "$log/lsan.c" 2>/dev/null; then
		if ! ASAN_OPTIONS=detect_leaks=1 "$log/lsan" >/dev/null 2>&1; then
			lsan=0
		fi
	fi
fi
if [ $lsan = 1 ]; then
	export ASAN_OPTIONS="detect_leaks=1:halt_on_error=1:abort_on_error=0:strict_string_checks=1"
else
	echo "note: LeakSanitizer unavailable here (ptrace/container); leaks not checked"
	export ASAN_OPTIONS="detect_leaks=0:halt_on_error=1:abort_on_error=0:strict_string_checks=1"
fi

# 1. unit tests
for kind in unit asan/unit; do
	dir=$B/$kind
	n=0; nf=0; names=""
	if [ -d "$dir" ]; then
		for t in "$dir"/test_*; do
			[ -f "$t" ] && [ -x "$t" ] || continue
			n=$((n + 1))
			if "$t" >"$log/unit.out" 2>&1; then
				:
			else
				nf=$((nf + 1))
				names="$names ${t##*/}"
				echo "--- $kind/${t##*/} failed:"
				tail -n 30 "$log/unit.out"
			fi
		done
	fi
	if [ $n -eq 0 ]; then
		stage "$kind" SKIP "(no test binaries in $dir)"
	elif [ $nf -eq 0 ]; then
		stage "$kind" PASS "($n binaries)"
	else
		stage "$kind" FAIL "($nf of $n failed:$names)"
	fi
done

# 2. golden tests under ASan+UBSan
abin=$B/asan/manrs-check
if [ ! -x "$abin" ]; then
	if [ -x "$B/manrs-check" ]; then
		echo "note: $abin missing, golden tests use $B/manrs-check"
		abin=$B/manrs-check
	else
		abin=""
	fi
fi
if [ -z "$abin" ]; then
	stage golden FAIL "(no manrs-check binary in $B)"
else
	if tests/golden.sh "$abin" >"$log/golden.out" 2>&1; then
		stage golden PASS "($(tail -n 1 "$log/golden.out"))"
	else
		grep -v '^ok ' "$log/golden.out"
		stage golden FAIL "($(grep '^golden:' "$log/golden.out" | head -n 1))"
	fi
fi

# 3. other suites, when present
export MANRS_CHECK="${abin:-$B/manrs-check}"
for s in cli corpus report-formats html-browser data filter equiv; do
	if [ -x "tests/$s.sh" ] || [ -f "tests/$s.sh" ]; then
		if sh "tests/$s.sh" "$B" >"$log/$s.out" 2>&1; then
			stage "$s" PASS "($(tail -n 1 "$log/$s.out"))"
		else
			tail -n 40 "$log/$s.out"
			stage "$s" FAIL "(tests/$s.sh)"
		fi
	else
		stage "$s" SKIP "(tests/$s.sh not present)"
	fi
done

# 3b. the differential lab: regressions (no daemon needed), then a quick
# seeded run against the real daemons (skips itself without root/netns).
if sh tests/lab/regress.sh "$B" >"$log/regress.out" 2>&1; then
	stage lab-regress PASS "($(tail -n 1 "$log/regress.out"))"
else
	tail -n 30 "$log/regress.out"
	stage lab-regress FAIL "($(tail -n 1 "$log/regress.out"))"
fi
if [ "${LAB:-1}" = 0 ]; then
	stage lab SKIP "(LAB=0)"
else
	# Every daemon must agree on every pair (FRR in a run of its own:
	# it is the slowest and its figures read better apart).
	if DAEMONS="openbgpd bird" bash tests/lab/run.sh "$B" quick >"$log/lab.out" 2>&1; then
		stage lab PASS "($(grep -E '^lab: (openbgpd|bird|SKIP)' "$log/lab.out" | tail -n 2 | tr '\n' ';'))"
	else
		tail -n 20 "$log/lab.out"
		stage lab FAIL "(tests/lab/run.sh quick, openbgpd bird)"
	fi
	if DAEMONS=frr bash tests/lab/run.sh "$B" quick >"$log/lab2.out" 2>&1; then
		stage lab-frr PASS "($(grep -E '^lab: (frr|SKIP)' "$log/lab2.out" | tail -n 1))"
	else
		tail -n 20 "$log/lab2.out"
		stage lab-frr FAIL "(tests/lab/run.sh quick, frr)"
	fi
	# Export policies: what the daemons send to a second speaker.
	if EXPORT=1 bash tests/lab/run.sh "$B" quick >"$log/lab3.out" 2>&1; then
		stage lab-export PASS "($(grep -E '^lab: (frr|bird|openbgpd|SKIP)' "$log/lab3.out" | tail -n 3 | tr '\n' ';'))"
	else
		tail -n 20 "$log/lab3.out"
		stage lab-export FAIL "(EXPORT=1 tests/lab/run.sh quick)"
	fi
fi

# 4. syntax oracles
if tests/oracles.sh "$root" >"$log/oracles.out" 2>&1; then
	stage oracles PASS "($(tail -n 1 "$log/oracles.out"))"
else
	grep -v '^ok ' "$log/oracles.out"
	stage oracles FAIL "($(tail -n 1 "$log/oracles.out"))"
fi

# 5. fuzzing, briefly
secs=${FUZZ_SECONDS:-10}
if [ "${FUZZ:-1}" = 0 ]; then
	stage fuzz SKIP "(FUZZ=0)"
elif ! command -v clang >/dev/null 2>&1; then
	stage fuzz SKIP "(clang not installed)"
elif ! ls tests/fuzz/fuzz_*.c >/dev/null 2>&1; then
	stage fuzz SKIP "(no tests/fuzz/fuzz_*.c)"
elif ! make --no-print-directory -j"$(nproc 2>/dev/null || echo 2)" B="${1:-build}" fuzz >"$log/fuzzbuild.out" 2>&1; then
	tail -n 30 "$log/fuzzbuild.out"
	stage fuzz FAIL "(make fuzz failed)"
else
	n=0; nf=0; names=""
	for f in "$B"/fuzz/fuzz_*; do
		[ -f "$f" ] && [ -x "$f" ] || continue
		name=${f##*/}
		n=$((n + 1))
		corpus="$log/corpus-$name"
		mkdir -p "$corpus"
		seeds=""
		[ -d "tests/fuzz/$name" ] && seeds="tests/fuzz/$name"
		[ -d "tests/fuzz/corpus/$name" ] && seeds="$seeds tests/fuzz/corpus/$name"
		# shellcheck disable=SC2086
		if "$f" -max_total_time="$secs" -rss_limit_mb=2048 -timeout=10 \
		    -artifact_prefix="$log/" "$corpus" $seeds >"$log/$name.out" 2>&1; then
			echo "fuzz $name: $(grep -E '^#[0-9]+.*(DONE|pulse)' "$log/$name.out" | tail -n 1)"
		else
			nf=$((nf + 1))
			names="$names $name"
			tail -n 40 "$log/$name.out"
			for a in "$log"/crash-* "$log"/leak-* "$log"/timeout-* "$log"/oom-*; do
				[ -f "$a" ] || continue
				mkdir -p "$B/fuzz-artifacts"
				cp "$a" "$B/fuzz-artifacts/$name-${a##*/}"
				echo "artifact kept: $B/fuzz-artifacts/$name-${a##*/}"
				rm -f "$a"
			done
		fi
	done
	if [ $n -eq 0 ]; then
		stage fuzz SKIP "(no fuzz targets built)"
	elif [ $nf -eq 0 ]; then
		stage fuzz PASS "($n targets x ${secs}s)"
	else
		stage fuzz FAIL "($nf of $n:$names)"
	fi
fi

echo
echo "================ summary ================"
printf '%s' "$results"
if [ $anyfail -eq 0 ]; then
	echo "ALL PASS"
	exit 0
fi
echo "FAILED"
exit 1

#!/bin/sh
# Lab regressions without the daemons: every tests/lab/regress/<case>/ holds
#   dut.frr.conf | dut.bird.conf | dut.openbgpd.conf   the configuration
#                   (dut.bird.refused | dut.openbgpd.refused for one the
#                   daemon refuses, so that tests/oracles.sh skips it)
#   queries.txt     routes, as for `manrs-check eval --batch`
#   expected.txt    "NEIGHBOR PREFIX accept|reject": the daemon's verdicts,
#                   written by `tests/lab/run.sh BUILD oracle DIR` (or, for a
#                   configuration the daemon refuses, by hand: see refused)
#   ours.txt        only for a documented platform quirk (QUIRKS.md): the
#                   verdicts manrs-check gives on purpose; the lines where it
#                   differs from expected.txt are the quirk
#   refused         with dut.*.refused: the daemon's message; its checker,
#                   when installed, must still refuse the configuration
# and manrs-check eval --batch must print the same verdicts.
#   usage: tests/lab/regress.sh [BUILD]    (BUILD defaults to build)
set -u
B=${1:-build}
here=$(cd "$(dirname "$0")" && pwd)
mc=${MANRS_CHECK:-$B/manrs-check}
PATH=$PATH:/usr/sbin:/sbin
[ -x "$mc" ] || { echo "regress: $mc not built" >&2; exit 2; }
tmp=$(mktemp -d "${TMPDIR:-/tmp}/labregress.XXXXXX")
trap 'rm -rf "$tmp"' EXIT INT TERM

n=0; nf=0; nk=0; nq=0; fails=""
for dir in "$here"/regress/*/; do
	dir=${dir%/}; name=${dir##*/}
	conf=$(ls "$dir"/dut.*.conf "$dir"/dut.*.refused 2>/dev/null | head -n 1)
	[ -n "$conf" ] && [ -f "$dir/queries.txt" ] && [ -f "$dir/expected.txt" ] || {
		echo "regress: $name: incomplete (dut.*.conf, queries.txt, expected.txt)"; nf=$((nf + 1)); continue; }
	n=$((n + 1))
	want=$dir/expected.txt
	[ -f "$dir/ours.txt" ] && want=$dir/ours.txt
	ok=1
	if ! "$mc" eval "$conf" --batch "$dir/queries.txt" >"$tmp/out" 2>"$tmp/err"; then
		echo "regress: $name: manrs-check eval failed:"; head -n 5 "$tmp/err"; ok=0
	fi
	awk '{ print $1, $2, $3 }' "$tmp/out" >"$tmp/got"
	if ! diff -u "$want" "$tmp/got" >"$tmp/diff"; then
		echo "regress: $name: verdicts differ from ${want##*/} (- expected, + manrs-check):"
		grep '^[-+][0-9]' "$tmp/diff" | head -n 20
		ok=0
	fi
	# A refused configuration must stay refused where the checker exists.
	case $conf in
	*.refused)
		case $conf in
		*.bird.refused) chk="bird -p -c" ;;
		*.openbgpd.refused) chk="bgpd -n -f" ;;
		*) chk="" ;;
		esac
		if [ -n "$chk" ] && command -v ${chk%% *} >/dev/null 2>&1 &&
		    $chk "$conf" >/dev/null 2>&1; then
			echo "regress: $name: ${chk%% *} accepts the configuration, but refused says it does not"
			ok=0
		fi
	esac
	nq=$((nq + $(grep -c . "$want")))
	# KNOWN names an open engine/extractor bug (tests/lab/README.md): the
	# case is reported, not failed, until the bug is fixed; then the KNOWN
	# file must go (a known case that passes is a failure).
	if [ -f "$dir/KNOWN" ]; then
		if [ $ok = 1 ]; then
			echo "regress: $name: passes now: remove $name/KNOWN"
			nf=$((nf + 1)); fails="$fails $name"
		else
			echo "known $name: $(head -n 1 "$dir/KNOWN")"
			nk=$((nk + 1))
		fi
	elif [ $ok = 1 ]; then
		echo "ok $name"
	else
		nf=$((nf + 1)); fails="$fails $name"
	fi
done
echo "regress: $n cases, $nq queries, $((n - nf - nk)) pass, $nk known bugs${fails:+, failing:$fails}"
[ $nf = 0 ]

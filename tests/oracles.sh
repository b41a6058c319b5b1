#!/bin/sh
# Syntax oracles: every FRR, BIRD and OpenBGPD configuration we ship under
# examples/ and tests/ must pass the daemon's own configuration check.
#   FRR       vtysh -C -f FILE   (needs /etc/frr with a daemons file)
#   BIRD 2    bird -p -c FILE
#   OpenBGPD  bgpd -n -f FILE
# Which files are which (see tests/README.md):
#   - by directory: tests/golden/<frr|bird|openbgpd>/<case>/ (the case's config)
#   - by name (this covers tests/equiv/{frr,bird,openbgpd}/ too):
#     *.frr.conf, frr.conf, frr-*.conf / *.bird.conf, bird.conf,
#     bird-*.conf / *.openbgpd.conf, openbgpd.conf, openbgpd-*.conf
#   - by content, for any other *.conf/*.cfg outside other vendors' golden
#     cases: a line `frr version`/`frr defaults` is FRR; a top-level
#     `protocol bgp`, `template bgp` or `router id A.B.C.D;` is BIRD; a top-level
#     `AS <number>` line with `neighbor ... {` is OpenBGPD.
# Templates (*.in) and files under build/ are never checked.
# A golden case that deliberately lacks include files (a backup without
# them) keeps stand-ins in its oracle-stubs/ directory: the daemon then
# checks a copy of the configuration with the stand-ins next to it.
# Usage: tests/oracles.sh [ROOT]; exit 1 if a file fails, 0 otherwise
# (a missing daemon is reported and skipped).
set -u
PATH=$PATH:/usr/sbin:/sbin
export PATH
root=${1:-$(cd "$(dirname "$0")/.." && pwd)}
cd "$root" || exit 2

tmp=$(mktemp -d "${TMPDIR:-/tmp}/oracles.XXXXXX")
trap 'rm -rf "$tmp"' EXIT INT TERM
: >"$tmp/frr"; : >"$tmp/bird"; : >"$tmp/openbgpd"

classify() {	# $1 file -> prints frr|bird|openbgpd or nothing
	f=$1
	case $f in
	*.in|*/expect|*/expected.json|*/args|*.yaml|*.md|*/oracle-stubs/*) return ;;
	esac
	case $f in
	tests/golden/frr/*/*) echo frr; return ;;
	tests/golden/bird/*/*) echo bird; return ;;
	tests/golden/openbgpd/*/*) echo openbgpd; return ;;
	esac
	case ${f##*/} in
	*.frr.conf|frr.conf|frr-*.conf) echo frr; return ;;
	*.bird.conf|bird.conf|bird-*.conf) echo bird; return ;;
	*.openbgpd.conf|openbgpd.conf|openbgpd-*.conf) echo openbgpd; return ;;
	esac
	case $f in
	tests/golden/*/*/*) return ;;	# another vendor's case: never guess by content
	esac
	case $f in
	*.conf|*.cfg) ;;
	*) return ;;
	esac
	if grep -qE '^frr (version|defaults) ' "$f" 2>/dev/null; then
		echo frr
	elif grep -qE '^(protocol[[:space:]]+bgp|template[[:space:]]+bgp|router[[:space:]]+id[[:space:]]+[0-9.]+;)' "$f" 2>/dev/null; then
		echo bird
	elif grep -qE '^AS[[:space:]]+[0-9]+' "$f" 2>/dev/null &&
	    grep -qE '^[[:space:]]*neighbor[[:space:]].*\{' "$f" 2>/dev/null; then
		echo openbgpd
	fi
}

for top in examples tests; do
	[ -d "$top" ] || continue
	find "$top" -type f ! -path '*/build/*' | sort | while IFS= read -r f; do
		k=$(classify "$f")
		[ -n "$k" ] && echo "$f" >>"$tmp/$k"
	done
done

fail=0
total=0
skipped=0

run_oracle() {	# $1 kind, $2 binary, $3... command with FILE placeholder
	kind=$1
	bin=$2
	shift 2
	n=$(wc -l <"$tmp/$kind")
	[ "$n" -eq 0 ] && return
	if ! command -v "$bin" >/dev/null 2>&1; then
		echo "oracles: SKIP $n $kind file(s): $bin not installed"
		skipped=$((skipped + n))
		return
	fi
	while IFS= read -r f; do
		total=$((total + 1))
		g=$f
		d=.
		stubs=$(dirname "$f")/oracle-stubs
		if [ -d "$stubs" ]; then
			rm -rf "$tmp/stubbed"
			mkdir -p "$tmp/stubbed"
			cp -R "$stubs/." "$tmp/stubbed/"
			cp "$f" "$tmp/stubbed/"
			g=$tmp/stubbed/${f##*/}
			d=$tmp/stubbed
		fi
		# shellcheck disable=SC2046
		if out=$(cd "$d" && "$@" "$g" 2>&1); then
			echo "ok   $kind $f"
		else
			echo "FAIL $kind $f"
			printf '%s\n' "$out" | head -n 10 | sed 's/^/    /'
			fail=$((fail + 1))
		fi
	done <"$tmp/$kind"
}

# FRR: vtysh -C parses the file with vtysh's own command tree and needs
# /etc/frr (the frr package creates it); it does not talk to the daemons.
frr_ok=1
if command -v vtysh >/dev/null 2>&1; then
	if [ ! -d /etc/frr ] || [ ! -f /etc/frr/daemons ]; then
		echo "oracles: SKIP FRR files: /etc/frr/daemons missing (install the frr package)"
		frr_ok=0
	fi
fi
if [ $frr_ok = 1 ]; then
	run_oracle frr vtysh vtysh -C -f
else
	skipped=$((skipped + $(wc -l <"$tmp/frr")))
fi
run_oracle bird bird bird -p -c
run_oracle openbgpd bgpd bgpd -n -f

echo "oracles: $total checked, $fail failed, $skipped skipped (frr $(wc -l <"$tmp/frr"), bird $(wc -l <"$tmp/bird"), openbgpd $(wc -l <"$tmp/openbgpd"))"
[ $fail -eq 0 ]

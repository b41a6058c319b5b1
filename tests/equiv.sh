#!/bin/sh
# Equivalence suite: one network (three routers, the same neighbours,
# policies and planted faults) written once per vendor under
# tests/equiv/<vendor>/, one policy file tests/equiv/manrs-check.yaml.
# Every version must give the same findings as the IOS-XE one, reduced to
# (rule, device, target) triples: device = hostname (the file name up to
# its first dot where the platform has none: OpenBGPD), target = neighbour
# address, or for an interface finding "if:" and the interface's connected
# network (names differ between vendors, addressing does not) and ":v4" or
# ":v6" when the message names one address family, or "." for a
# device-level finding.  Each device's sessions also count, as lines
# `SESSION device address=role`.
#
#   tests/equiv.sh [BUILD_DIR | BINARY]     (MANRS_CHECK overrides)
#
# tests/equiv/EXPECTED lists the IOS-XE triples (the planted faults), so
# that a regression common to every vendor still fails.  tests/equiv/EXEMPT
# lines `VENDOR RULE reason...` excuse a genuine platform difference for
# one rule on one vendor (e.g. anti-spoofing on a daemon without a data
# plane); differences there are printed as "exempt", never failed.
# Every version must also be read without errors, with three devices.
# Exit status: 0 all agree, 1 a difference, 2 setup error.
set -u

here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")
. "$here/lib.sh"
test_bin equiv "${1:-}"
test_need equiv jq
E=$root/tests/equiv
ref=iosxe
cd "$E" || exit 2
tmp=$(mktemp -d "${TMPDIR:-/tmp}/equiv.XXXXXX")
trap 'rm -rf "$tmp"' EXIT INT TERM
export MANRS_TODAY=2026-11-26

# triples VENDOR -> $tmp/VENDOR.t (sorted, unique); 1 on a broken run
triples() {
	v=$1
	"$bin" -f json --policy manrs-check.yaml "$v/" >"$tmp/$v.json" \
	    2>"$tmp/$v.err"
	rc=$?
	if [ $rc -gt 1 ] || [ ! -s "$tmp/$v.json" ]; then
		echo "equiv: $v: manrs-check exited $rc"
		head -n 5 "$tmp/$v.err"
		return 1
	fi
	if grep -q 'Sanitizer' "$tmp/$v.err"; then
		echo "equiv: $v: sanitizer report"
		head -n 20 "$tmp/$v.err"
		return 1
	fi
	nerr=$(jq '.errors | length' "$tmp/$v.json")
	ndev=$(jq '.devices | length' "$tmp/$v.json")
	if [ "$nerr" -ne 0 ] || [ "$ndev" -ne 3 ]; then
		echo "equiv: $v: $ndev devices, $nerr errors (want 3 devices, 0 errors)"
		jq -r '.errors[] | "  \(.file):\(.line): \(.message)"' "$tmp/$v.json"
		return 1
	fi
	# the directory names the vendor the files must be detected as
	want=${v%-set}
	bad=$(jq -r --arg w "$want" '[.devices[] | select(.vendor != $w) |
	    "\(.file) read as \(.vendor)"] | join(", ")' "$tmp/$v.json")
	if [ -n "$bad" ]; then
		echo "equiv: $v: $bad (want $want)"
		return 1
	fi
	# interface name -> connected network, from each file's model
	: >"$tmp/$v.if"
	for f in $(jq -r '[.findings[] | select(.interface != null) |
	    .file] | unique | .[]' "$tmp/$v.json"); do
		"$bin" model "$f" 2>/dev/null | jq -r --arg f "$f" \
		    '.interfaces[]? | [$f, .name,
		    ((.addresses // [])[0].network // "?")] | @tsv' \
		    >>"$tmp/$v.if"
	done
	jq -r '.findings[] | select(.waived != true) |
	    [.rule, (.hostname // (.file | sub(".*/"; "") | sub("[.].*"; ""))),
	    .file, (.neighbor // ""), (.interface // ""),
	    (if (.message | test("IPv6")) and (.message | test("IPv4") | not)
	    then ":v6" elif (.message | test("IPv4")) and
	    (.message | test("IPv6") | not) then ":v4" else "" end)] |
	    @tsv' "$tmp/$v.json" |
	awk -F '\t' -v ifmap="$tmp/$v.if" '
	    BEGIN { while ((getline l < ifmap) > 0) {
		split(l, a, "\t"); net[a[1] SUBSEP a[2]] = a[3] } }
	    {
		t = "."
		if ($4 != "") t = tolower($4)
		else if ($5 != "") {
			n = net[$3 SUBSEP $5]
			t = "if:" (n == "" ? $5 : n) $6
		}
		print $1 " " $2 " " t
	    }' >"$tmp/$v.raw"
	# one line per device: its eBGP/iBGP sessions by address and role, so
	# that a neighbour the extractor lost shows up as a difference too
	jq -r '.devices[] | (.hostname // (.file | sub(".*/"; "") |
	    sub("[.].*"; ""))) as $h | .neighbors[] |
	    "SESSION \($h) \(.address | ascii_downcase)=\(.role)"' \
	    "$tmp/$v.json" >>"$tmp/$v.raw"
	sort -u "$tmp/$v.raw" >"$tmp/$v.t"
	return 0
}

exempt() {	# VENDOR RULE -> reason or nothing
	[ -f EXEMPT ] || return 0
	awk -v v="$1" -v r="$2" '
	    /^[[:space:]]*(#|$)/ { next }
	    $1 == v && $2 == r { $1 = ""; $2 = ""; sub(/^ +/, ""); print; exit }
	' EXEMPT
}

fail=0
vendors=$(for d in */; do [ -d "$d" ] && echo "${d%/}"; done)
if ! triples "$ref"; then
	echo "equiv: FAIL (the reference $ref version does not run)"
	exit 1
fi
# the reference must find exactly the planted faults
grep -v '^[[:space:]]*\(#\|$\)' EXPECTED | sort -u >"$tmp/expected"
if ! cmp -s "$tmp/expected" "$tmp/$ref.t"; then
	echo "equiv: $ref differs from EXPECTED (the planted faults):"
	diff "$tmp/expected" "$tmp/$ref.t" | sed -n 's/^</  missing/p; s/^>/  extra  /p'
	fail=1
else
	echo "ok   $ref: $(wc -l <"$tmp/$ref.t") triples = EXPECTED"
fi

nv=0
ndiff=0
for v in $vendors; do
	[ "$v" = "$ref" ] && continue
	nv=$((nv + 1))
	if ! triples "$v"; then
		echo "FAIL $v: broken run"
		fail=1
		continue
	fi
	# "-" only in the reference (missed), "+" only in this vendor (extra)
	comm -23 "$tmp/$ref.t" "$tmp/$v.t" | sed 's/^/- /' >"$tmp/$v.d"
	comm -13 "$tmp/$ref.t" "$tmp/$v.t" | sed 's/^/+ /' >>"$tmp/$v.d"
	bad=0
	out=""
	while read -r sign rule dev tgt; do
		why=$(exempt "$v" "$rule")
		if [ -n "$why" ]; then
			out="$out    exempt $sign $rule $dev $tgt  ($why)
"
		else
			out="$out    $sign $rule $dev $tgt
"
			bad=$((bad + 1))
		fi
	done <"$tmp/$v.d"
	if [ $bad -eq 0 ]; then
		echo "ok   $v: $(wc -l <"$tmp/$v.t") triples, same as $ref$( [ -s "$tmp/$v.d" ] && echo " (exemptions used)")"
	else
		echo "FAIL $v: $bad triple(s) differ from $ref ('-' missed, '+' extra)"
		fail=1
		ndiff=$((ndiff + 1))
	fi
	printf '%s' "$out"
done
# an exemption that excuses nothing is stale
if [ -f EXEMPT ]; then
	grep -v '^[[:space:]]*\(#\|$\)' EXEMPT | while read -r v rule _; do
		if [ ! -f "$tmp/$v.d" ] || ! grep -q " $rule " "$tmp/$v.d"; then
			echo "note: EXEMPT $v $rule excuses no difference (stale?)"
		fi
	done
fi
if [ $fail -eq 0 ]; then
	echo "equiv: $nv vendors agree with $ref"
	exit 0
fi
echo "equiv: FAIL ($ndiff of $nv vendors differ from $ref)"
exit 1

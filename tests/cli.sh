#!/bin/sh
# Command-line tests: bad input gives a clear error that names the file and
# exit status 2, never a crash or a hang; options, subcommands, exit codes.
#
# Usage: tests/cli.sh [BUILD_DIR | BINARY]
#   MANRS_CHECK=path  the binary to test (tests/run.sh sets it to the ASan one)
#   CLI_BIG_MB=N      size of the big-file test in MB (default 100; 0 skips)
# Scratch files go under BUILD_DIR/cli-test (never into the repository).
# Exit status: 0 all passed, 1 some failed, 2 setup error.
set -u

here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")
. "$here/lib.sh"
test_bin cli "${1:-}"
W=$B/cli-test
rm -rf "$W"
mkdir -p "$W" || exit 2
cd "$W" || exit 2
# A policy file in the working directory would be picked up by default.
export MANRS_TODAY=2026-11-26
have_jq=0
command -v jq >/dev/null 2>&1 && have_jq=1
[ $have_jq = 1 ] || echo "cli: jq not found: JSON structure not checked"
unset NO_COLOR 2>/dev/null || true

pass=0
fail=0
failed=""

ok() {
	pass=$((pass + 1))
	echo "ok   $1"
}

bad() {
	fail=$((fail + 1))
	failed="$failed $1"
	echo "FAIL $1: $2"
	if [ -s out ]; then echo "  stdout:"; head -n 15 out | sed 's/^/    /'; fi
	if [ -s err ]; then echo "  stderr:"; head -n 15 err | sed 's/^/    /'; fi
}

# run CMD...: rc, stdout in ./out, stderr in ./err; a hang is killed.
run() {
	timeout "${T:-60}" "$@" >out 2>err
	rc=$?
}

# The status of a crash (signal, sanitizer abort) is never 0, 1 or 2.
sane() {
	[ "$rc" -eq 0 ] || [ "$rc" -eq 1 ] || [ "$rc" -eq 2 ]
}

# want STATUS NAME
want() {
	if [ "$rc" -eq "$1" ]; then ok "$2"; else bad "$2" "exit $rc, wanted $1"; fi
}

# expect_err NAME FILE: exit 2, and stderr names FILE.
expect_err() {
	if [ "$rc" -ne 2 ]; then
		bad "$1" "exit $rc, wanted 2"
	elif ! grep -qF -- "$2" err; then
		bad "$1" "stderr does not name $2"
	else
		ok "$1"
	fi
}

# ---- fixtures ---------------------------------------------------------------

cat >r1.cfg <<'EOF'
version 15.4
service timestamps debug datetime msec
no service pad
hostname cli-r1
!
interface GigabitEthernet0/1
 description customer link
 ip address 192.0.2.2 255.255.255.252
!
router bgp 64500
 bgp router-id 192.0.2.254
 bgp log-neighbor-changes
 neighbor 192.0.2.1 remote-as 64501
 !
 address-family ipv4
  neighbor 192.0.2.1 activate
 exit-address-family
!
ip classless
no ip http server
!
end
EOF

cat >junos.cfg <<'EOF'
system {
    host-name cli-j1;
}
routing-options {
    autonomous-system 64500;
}
protocols {
    bgp {
        group PEERS {
            type external;
            peer-as 64502;
            neighbor 198.51.100.1 {
                description "peer AS64502";
            }
        }
    }
}
EOF

# ---- options ----------------------------------------------------------------

run "$bin" --version
if [ $rc -eq 0 ] && grep -q '^manrs-check [0-9]' out; then ok version
else bad version "exit $rc"; fi

run "$bin" --help
if [ $rc -eq 0 ] && grep -q 'usage:' out && grep -q -- '--fail-on' out; then
	ok help
else bad help "exit $rc"; fi

run "$bin" --no-such-option r1.cfg
if [ $rc -eq 2 ] && grep -q 'usage' err; then ok bad-option
else bad bad-option "exit $rc, wanted 2 with usage"; fi

run "$bin"
if [ $rc -eq 2 ] && grep -q 'usage' err; then ok no-path
else bad no-path "exit $rc"; fi

# An RPKI cache that cannot be reached (port 1: nothing listens there):
# exit 2, the message names the cache.  tests/rtr.sh tests a real one.
run "$bin" --rtr 127.0.0.1:1 r1.cfg
if [ $rc -eq 2 ] && grep -q '127.0.0.1:1' err; then ok rtr-unreachable
else bad rtr-unreachable "exit $rc"; fi

# Data files that do not exist: exit 2 and the message names the file.
for o in "--vrps nope-x.json" "--irr nope-x.db" "--peeringdb nope-x.json" \
    "--baseline nope-b.json"; do
	# shellcheck disable=SC2086
	run "$bin" $o r1.cfg
	f=${o#* }
	if [ $rc -eq 2 ] && grep -q "$f" err; then ok "missing data: $o"
	else bad "missing data: $o" "exit $rc"; fi
done

run "$bin" -f yaml r1.cfg
want 2 unknown-format
run "$bin" --fail-on fatal r1.cfg
want 2 bad-fail-on
run "$bin" -j 0 r1.cfg
want 2 bad-jobs
run "$bin" --color sometimes r1.cfg
want 2 bad-color
run "$bin" --vendor cisco-9000 r1.cfg
want 2 bad-vendor
run "$bin" --rules NOPE-RULE r1.cfg
if [ $rc -eq 2 ] && grep -q 'NOPE-RULE' err; then ok bad-rules
else bad bad-rules "exit $rc"; fi
run env MANRS_TODAY=2026-13-45 "$bin" r1.cfg
want 2 bad-today

# ---- unreadable and hostile input ------------------------------------------

run "$bin" missing.cfg
expect_err missing-file missing.cfg

run "$bin" /nonexistent-dir/r9.cfg
expect_err missing-dir /nonexistent-dir/r9.cfg

: >empty.cfg
run "$bin" empty.cfg
expect_err empty-file empty.cfg

printf '\n   \n\t\n' >blank.cfg
run "$bin" blank.cfg
expect_err blank-file blank.cfg

head -c 100000 /dev/urandom >binary.cfg
run "$bin" binary.cfg
expect_err binary-file binary.cfg

cat >lorem.txt <<'EOF'
Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod
tempor incididunt ut labore et dolore magna aliqua.  Ut enim ad minim
veniam, quis nostrud exercitation ullamco laboris nisi ut aliquip.
EOF
run "$bin" lorem.txt
expect_err unknown-vendor lorem.txt

# Root reads anything, so "unreadable" is a FIFO (must not hang) and a
# directory where a file was expected.
rm -f fifo.cfg
if mkfifo fifo.cfg 2>/dev/null; then
	T=10 run "$bin" fifo.cfg
	expect_err fifo fifo.cfg
else
	echo "skip fifo (mkfifo failed)"
fi
run "$bin" model "$W"
expect_err model-on-directory "$W"

# Truncated configurations: parsed as far as they go or refused with the
# file named; never a crash.
for f in r1.cfg junos.cfg; do
	n=$(wc -c <"$f")
	for cut in 7 $((n / 3)) $((n / 2)) $((n - 5)); do
		head -c "$cut" "$f" >"trunc-$cut-$f"
		run "$bin" "trunc-$cut-$f"
		if ! sane; then
			bad "truncated $cut/$n $f" "exit $rc (crash?)"
		elif [ $rc -eq 2 ] && ! grep -qF "trunc-$cut-$f" err; then
			bad "truncated $cut/$n $f" "exit 2 without naming the file"
		else
			ok "truncated $cut/$n $f (exit $rc)"
		fi
	done
done

# Input errors win over findings.
run "$bin" r1.cfg missing.cfg
if [ $rc -eq 2 ] && grep -q 'missing.cfg' err && grep -q 'cli-r1' out; then
	ok errors-win
else bad errors-win "exit $rc (want 2, a report of r1 and the error)"; fi

# A big file: read and parsed, or refused clearly; never a crash.
big=${CLI_BIG_MB:-100}
if [ "$big" -gt 0 ]; then
	awk -v mb="$big" 'BEGIN {
		print "hostname big"
		target = mb * 1024 * 1024; n = 0; size = 0
		while (size < target) {
			s = sprintf("interface GigabitEthernet0/%d\n description filler %d\n ip address 10.%d.%d.1 255.255.255.0\n shutdown\n!\n", n, n, int(n / 256) % 256, n % 256)
			printf "%s", s; size += length(s); n++
		}
		print "router bgp 64500"
		print " neighbor 192.0.2.1 remote-as 64501"
	}' >big.cfg
	t0=$(date +%s)
	T=900 run "$bin" -q big.cfg
	t1=$(date +%s)
	if ! sane; then
		bad "big file ${big} MB" "exit $rc (crash or timeout)"
	elif [ $rc -eq 2 ] && ! grep -qF big.cfg err; then
		bad "big file ${big} MB" "exit 2 without naming the file"
	else
		ok "big file ${big} MB (exit $rc, $((t1 - t0)) s)"
	fi
	rm -f big.cfg
fi

# ---- reports and exit codes -------------------------------------------------

run "$bin" r1.cfg
if [ $rc -eq 1 ] && grep -q 'FLT-NO-IMPORT-POLICY' out; then
	ok "findings exit 1"
else bad "findings exit 1" "exit $rc"; fi

# An info finding does not fail by default, does with --fail-on info.
run "$bin" --rules COORD-NEIGHBOR-DESC r1.cfg
if [ $rc -eq 0 ] && grep -q 'COORD-NEIGHBOR-DESC' out; then
	ok "info finding exit 0"
else bad "info finding exit 0" "exit $rc"; fi
run "$bin" --rules COORD-NEIGHBOR-DESC --fail-on info r1.cfg
want 1 "--fail-on info exit 1"
run "$bin" --rules COORD-NEIGHBOR-DESC --fail-on warning r1.cfg
want 0 "--fail-on warning exit 0"
run "$bin" --rules 'FLT-NO-*' --skip FLT-NO-EXPORT-POLICY r1.cfg
if [ $rc -eq 1 ] && grep -q 'FLT-NO-IMPORT-POLICY' out &&
    ! grep -q 'FLT-NO-EXPORT-POLICY' out; then
	ok "--rules pattern, --skip"
else bad "--rules pattern, --skip" "exit $rc"; fi

# Waived findings do not count.
cat >waive.yaml <<'EOF'
waivers:
  - {rule: FLT-NO-IMPORT-POLICY, device: cli-r1, reason: "test waiver"}
  - {rule: FLT-NO-EXPORT-POLICY, device: cli-r1, reason: "test waiver"}
EOF
run "$bin" --policy waive.yaml --rules FLT-NO-IMPORT-POLICY,FLT-NO-EXPORT-POLICY r1.cfg
if [ $rc -eq 0 ] && grep -q 'waived' out; then ok "waived exit 0"
else bad "waived exit 0" "exit $rc"; fi
cat >expired.yaml <<'EOF'
waivers:
  - {rule: FLT-NO-IMPORT-POLICY, device: cli-r1, reason: "old", expires: 2026-01-31}
EOF
run "$bin" --policy expired.yaml --rules FLT-NO-IMPORT-POLICY r1.cfg
if [ $rc -eq 1 ] && grep -q 'CFG-WAIVER-EXPIRED' out; then
	ok "expired waiver"
else bad "expired waiver" "exit $rc"; fi
# ./manrs-check.yaml is read when present.
mkdir -p withpolicy
cp waive.yaml withpolicy/manrs-check.yaml
cp r1.cfg withpolicy/r1.cfg
(cd withpolicy && timeout 60 "$bin" --rules FLT-NO-IMPORT-POLICY,FLT-NO-EXPORT-POLICY r1.cfg) >out 2>err
rc=$?
if [ $rc -eq 0 ] && grep -q 'waived' out; then ok "default ./manrs-check.yaml"
else bad "default ./manrs-check.yaml" "exit $rc"; fi
printf 'neighbors: [ {role: nonsense-role\n' >broken.yaml
run "$bin" --policy broken.yaml r1.cfg
expect_err bad-policy-file broken.yaml
run "$bin" --policy missing.yaml r1.cfg
expect_err missing-policy-file missing.yaml

# JSON (jq checks the structure when it is installed)
run "$bin" -f json r1.cfg
if [ $rc -ne 1 ]; then
	bad json "exit $rc"
elif [ $have_jq = 0 ]; then
	if grep -q '"schema": "manrs-check/1"' out; then
		ok "json (no jq: schema only)"
	else bad json "no schema"; fi
elif jq -e '.schema == "manrs-check/1"
    and (keys_unsorted[0:6] == ["schema", "version", "devices", "findings", "errors", "summary"])
    and .devices[0].hostname == "cli-r1"
    and .summary.findings >= 1
    and (.findings == (.findings | sort_by([.file, .line, .rule])))' out >/dev/null 2>err; then
	ok json
else bad json "structure"; fi

# -o
rm -f report.json
run "$bin" -f json -o report.json r1.cfg
if [ $rc -eq 1 ] && [ ! -s out ] && grep -q '"manrs-check/1"' report.json; then
	ok "-o FILE"
else bad "-o FILE" "exit $rc"; fi
run "$bin" -o /nonexistent-dir/report.txt r1.cfg
expect_err "-o unwritable" /nonexistent-dir/report.txt

# Colour: never when piped unless asked.
run "$bin" r1.cfg
if grep -q "$(printf '\033')" out; then bad color-auto "escape codes in a pipe"
else ok color-auto; fi
run "$bin" --color always r1.cfg
if grep -q "$(printf '\033')" out; then ok color-always
else bad color-always "no escape codes"; fi
run "$bin" --color never r1.cfg
if grep -q "$(printf '\033')" out; then bad color-never "escape codes"
else ok color-never; fi

# -q, -v
run "$bin" -q r1.cfg
if grep -q '^r1.cfg:[0-9]*: error FLT-NO-IMPORT-POLICY' out &&
    ! grep -q '^  neighbour ' out; then ok quiet
else bad quiet "unexpected -q output"; fi
run "$bin" -v --rules FLT-DEFAULT-ROUTE r1.cfg
if [ $rc -eq 0 ] && grep -q 'neighbour 192.0.2.1' out; then ok verbose
else bad verbose "exit $rc"; fi

# Directories: recursive, sorted, deterministic, dot-files and docs skipped.
mkdir -p net/sub net/.git
cp r1.cfg net/a.cfg
sed 's/cli-r1/cli-r2/' r1.cfg >net/sub/b.cfg
sed 's/cli-r1/cli-r3/' r1.cfg >net/c.cfg
cp r1.cfg net/.git/config
cp r1.cfg net/.hidden.cfg
echo '# notes' >net/README.md
printf 'asn: 64500\n' >net/manrs-check.yaml
run "$bin" -f json -j 1 net
cp out j1.json
run "$bin" -f json -j 4 net
if ! cmp -s out j1.json; then
	bad "directory walk, -j 1 = -j 4" "outputs differ"
elif [ $have_jq = 1 ] && ! jq -e '[.devices[].file] == ["net/a.cfg", "net/c.cfg", "net/sub/b.cfg"]
    and .errors == []' j1.json >/dev/null; then
	bad "directory walk, -j 1 = -j 4" "wrong files: $(jq -c '[.devices[].file]' j1.json)"
else
	ok "directory walk, -j 1 = -j 4"
fi
# The text report is written device by device as the check goes: the same
# bytes as the whole run written at the end (MANRS_NO_STREAM), for any -j,
# with input errors and paths given out of order.
mkdir -p stream
cp "$root/examples/"*.cfg "$root/examples/"*.conf stream/
printf 'not a router\n' >stream/zz-bad.cfg
st_ok=1
for opts in "" "-q" "-v" "-q --fail-on info" "--color always"; do
	for j in 1 4; do
		# shellcheck disable=SC2086
		run "$bin" $opts -j $j stream/zz-bad.cfg net stream missing.cfg
		cp out s.out; cp err s.err; src=$rc
		# shellcheck disable=SC2086
		run env MANRS_NO_STREAM=1 "$bin" $opts -j $j stream/zz-bad.cfg \
		    net stream missing.cfg
		if ! cmp -s out s.out || ! cmp -s err s.err || [ $rc -ne $src ]
		then
			st_ok=0
			bad "text report as the check goes ($opts -j $j)" \
			    "differs from the whole run (exit $src vs $rc)"
		fi
	done
done
if [ $st_ok = 1 ] && grep -q 'zz-bad.cfg' s.err && [ $src -eq 2 ] &&
    grep -q 'FLT-' s.out; then
	ok "text report as the check goes = the whole run"
elif [ $st_ok = 1 ]; then
	bad "text report as the check goes" "errors or findings missing"
fi
mkdir -p emptydir
run "$bin" emptydir
want 2 "no configuration files"

# ---- subcommands -------------------------------------------------------------

run "$bin" rules
if [ $rc -eq 0 ]; then
	missing=""
	for f in "$root"/docs/rules/*.md; do
		id=$(basename "$f" .md)
		grep -q "^$id " out || missing="$missing $id"
	done
	if [ -z "$missing" ]; then ok "rules lists every rule"
	else bad "rules lists every rule" "missing:$missing"; fi
else bad rules "exit $rc"; fi

# explain works without the source tree (docs are embedded).
(cd / && timeout 30 "$bin" explain FLT-BOGON-PREFIX) >out 2>err
rc=$?
if [ $rc -eq 0 ] && grep -q '^# FLT-BOGON-PREFIX' out && grep -q 'OpenBGPD' out; then
	ok "explain FLT-BOGON-PREFIX"
else bad "explain FLT-BOGON-PREFIX" "exit $rc"; fi
missing=""
for f in "$root"/docs/rules/*.md; do
	id=$(basename "$f" .md)
	timeout 30 "$bin" explain "$id" >out 2>err || missing="$missing $id"
	cmp -s out "$f" || missing="$missing $id(differs)"
done
if [ -z "$missing" ]; then ok "explain every rule"
else bad "explain every rule" "$missing"; fi
run "$bin" explain NOPE
if [ $rc -eq 2 ] && grep -q NOPE err; then ok "explain NOPE"
else bad "explain NOPE" "exit $rc"; fi
run "$bin" explain
want 2 "explain without RULE"

run "$bin" model r1.cfg
if [ $rc -ne 0 ]; then
	bad model "exit $rc"
elif [ $have_jq = 1 ] && ! jq -e '.schema == "manrs-check-model/1"
    and .hostname == "cli-r1" and .neighbors[0].address == "192.0.2.1"
    and has("interfaces") and has("policies") and has("unparsed")' out \
    >/dev/null; then
	bad model "structure"
else
	ok model
fi
run "$bin" model missing.cfg
expect_err "model missing" missing.cfg

run "$bin" eval r1.cfg --neighbor 192.0.2.1 --route 10.0.0.0/8
if { [ $rc -eq 0 ] && grep -q '^ACCEPT' out; } ||
    { [ $rc -eq 1 ] && grep -q '^REJECT' out; }; then
	ok "eval (exit $rc: $(grep -E '^(ACCEPT|REJECT)' out))"
else bad eval "exit $rc"; fi
run "$bin" eval r1.cfg --neighbor 203.0.113.99 --route 10.0.0.0/8
if [ $rc -eq 2 ] && grep -q '192.0.2.1' err; then ok "eval unknown neighbour"
else bad "eval unknown neighbour" "exit $rc, wanted 2 and the list"; fi
run "$bin" eval r1.cfg --neighbor 192.0.2.1 --route not-a-prefix
want 2 "eval bad route"
run "$bin" eval r1.cfg --route 10.0.0.0/8
want 2 "eval without neighbour"
run "$bin" eval r1.cfg --neighbor 192.0.2.1 --route 10.0.0.0/8 --rov maybe
want 2 "eval bad --rov"
run "$bin" filter AS-EXAMPLE
want 2 "filter not yet"

cd "$root" || exit 2
rm -rf "$W"
echo "cli: $pass passed, $fail failed${failed:+:$failed}"
[ $fail -eq 0 ]

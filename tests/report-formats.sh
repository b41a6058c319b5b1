#!/bin/sh
# Report formats, waivers and baselines (issue 6):
#   - SARIF validates against the published SARIF 2.1.0 schema
#     (tests/schema/sarif-2.1.0.json, with python3-jsonschema) and holds
#     what code scanning needs: rules with help, locations, fingerprints,
#     suppressions for waived findings;
#   - JUnit XML is well-formed and valid against tests/schema/junit.xsd
#     (xmllint), with counts that add up;
#   - Markdown and HTML escape what comes from configurations;
#   - the text report's colours and its final counting line;
#   - waivers from the policy file and inline comments: match, no match,
#     expired; baselines: moved lines stay baselined, a new finding fails
#     the run, a fixed finding is gone.
#
# Usage: tests/report-formats.sh [BUILD_DIR | BINARY]
#   MANRS_CHECK=path  the binary to test (tests/run.sh sets the ASan one)
# Scratch files go under BUILD_DIR/report-test.  A check whose tool is
# missing (python3-jsonschema, xmllint, jq) is reported as SKIP, loudly.
# Exit status: 0 all passed, 1 some failed, 2 setup error.
set -u

here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")
. "$here/lib.sh"
test_bin report-formats "${1:-}"
test_need report-formats jq
schema=$here/schema
W=$B/report-test
rm -rf "$W"
mkdir -p "$W" || exit 2
cd "$W" || exit 2
export MANRS_TODAY=2026-11-26
unset NO_COLOR 2>/dev/null || true

# A python3 that has jsonschema (Debian's python3-jsonschema lives in
# /usr/bin's python, which a pyenv shim may hide).
PY=""
for p in python3 /usr/bin/python3; do
	if command -v "$p" >/dev/null 2>&1 && "$p" -c 'import jsonschema' 2>/dev/null; then
		PY=$p
		break
	fi
done
have_xmllint=0
command -v xmllint >/dev/null 2>&1 && have_xmllint=1

pass=0
fail=0
skip=0
failed=""

ok() {
	pass=$((pass + 1))
	echo "ok   $1"
}

bad() {
	fail=$((fail + 1))
	failed="$failed $1"
	echo "FAIL $1: $2"
	if [ -s err ]; then echo "  stderr:"; head -n 10 err | sed 's/^/    /'; fi
}

skipped() {
	skip=$((skip + 1))
	echo "SKIP $1: $2"
}

# A sanitizer report (the ASan binary of tests/run.sh) fails the run.
sanitized() {
	if grep -qE 'AddressSanitizer|LeakSanitizer|runtime error:' err; then
		bad "sanitizer: $*" "report on stderr"
		cp err "sanitizer-$fail.txt"
	fi
}

# run CMD...: status in rc, stdout in ./out, stderr in ./err
run() {
	timeout 120 "$@" >out 2>err
	rc=$?
	sanitized "$@"
}

# runin DIR CMD...: the same, inside DIR (file names in the report are
# then relative, as they are in a CI checkout)
runin() {
	rdir=$1
	shift
	(cd "$rdir" && timeout 120 "$@") >out 2>err
	rc=$?
	sanitized "$@"
}

check() {	# NAME CONDITION-STATUS [DETAIL]
	if [ "$2" -eq 0 ]; then ok "$1"; else bad "$1" "${3:-check failed}"; fi
}

# ---- fixtures ---------------------------------------------------------------
# An IOS-XE router whose texts are hostile: markup, quotes, '|', a control
# character and a Latin-1 byte in a description and in a policy name.

cat >r1.cfg <<'EOF'
!
hostname edge-r1
!
interface GigabitEthernet0/0
 description CUST: Acme <b>&"quoted"' | pipe
 ip address 198.18.0.1 255.255.255.252
!
router bgp 64500
 bgp router-id 10.255.0.1
 no bgp default ipv4-unicast
 neighbor 203.0.113.1 remote-as 64501
 neighbor 203.0.113.1 description CUST: Acme <script>alert(1)</script> & "co" | ltd
 neighbor 203.0.113.5 remote-as 64502
 neighbor 203.0.113.5 description PEER: Bravo
 !
 address-family ipv4
  neighbor 203.0.113.1 activate
  neighbor 203.0.113.1 route-map EVIL|<b>&"x' in
  neighbor 203.0.113.5 activate
  neighbor 203.0.113.5 route-map PEER-IN in
 exit-address-family
!
route-map PEER-IN permit 10
!
end
EOF
# a control character and a Latin-1 byte in the description
printf ' neighbor 203.0.113.5 description PEER: Bravo \033[31mred\001 caf\351\n' >ctl.line
awk 'FNR == NR { l = $0; next } /description PEER: Bravo/ { print l; next } { print }' \
    ctl.line r1.cfg >r1h.cfg
mv r1h.cfg r1.cfg

# ---- SARIF ------------------------------------------------------------------

runin "$root" "$bin" -f sarif --policy examples/manrs-check.yaml examples
cp out demo.sarif
check "sarif demo: exit 1 (the demo has errors)" "$([ $rc -eq 1 ]; echo $?)" "exit $rc"
run "$bin" -f sarif r1.cfg
cp out r1.sarif
check "sarif hostile: exit 1" "$([ $rc -eq 1 ]; echo $?)" "exit $rc"

cat >sarif_check.py <<'EOF'
import json, re, sys
import jsonschema
schema = json.load(open(sys.argv[1]))
jsonschema.Draft4Validator.check_schema(schema)
v = jsonschema.Draft4Validator(schema)
rc = 0
for path in sys.argv[2:]:
    doc = json.load(open(path))
    errs = sorted(v.iter_errors(doc), key=lambda e: list(e.path))
    for e in errs[:10]:
        print("%s: %s at %s" % (path, e.message, "/".join(map(str, e.path))))
    if errs:
        rc = 1
    # format "uri" is not checked by jsonschema without rfc3987: do it here
    def walk(o, key=None):
        global rc
        if isinstance(o, dict):
            for k, x in o.items():
                walk(x, k)
        elif isinstance(o, list):
            for x in o:
                walk(x, key)
        elif isinstance(o, str) and key in ("$schema", "informationUri", "helpUri", "downloadUri"):
            if not re.match(r"^[a-zA-Z][a-zA-Z0-9+.-]*:[^\s]+$", o):
                print("%s: %s is not an absolute URI: %r" % (path, key, o))
                rc = 1
        elif isinstance(o, str) and key == "uri":
            if re.search(r"[\s<>\"{}|\\^`]", o):
                print("%s: uri is not a URI reference: %r" % (path, o))
                rc = 1
    walk(doc)
sys.exit(rc)
EOF

if [ -z "$PY" ]; then
	skipped "sarif schema" "python3-jsonschema not installed (scripts/deps.sh test installs it)"
else
	"$PY" sarif_check.py "$schema/sarif-2.1.0.json" demo.sarif r1.sarif >err 2>&1
	check "sarif: valid against the SARIF 2.1.0 schema" $? "$(head -n 5 err)"
	# The validator must be able to say no.
	jq '.runs[0].results[0].level = "fatal" | .runs[0].results[1].locations[0].physicalLocation.region.startLine = 0' \
	    demo.sarif >broken.sarif
	if "$PY" sarif_check.py "$schema/sarif-2.1.0.json" broken.sarif >err 2>&1; then
		bad "sarif: a broken log is rejected" "the validator accepted level \"fatal\""
	else
		ok "sarif: a broken log is rejected"
	fi
fi

nrules=$("$bin" rules 2>/dev/null | grep -c -E '^[A-Z]+-[A-Z0-9-]+')
n=$(jq '.runs[0].tool.driver.rules | length' demo.sarif)
check "sarif: one rule entry per rule ($n of $nrules)" "$([ "$n" -eq "$nrules" ] && [ "$n" -gt 20 ]; echo $?)"
n=$(jq '[.runs[0].tool.driver.rules[] | select(.id as $i | (.help.markdown // "") | startswith("# " + $i))] | length' demo.sarif)
n2=$(jq '[.runs[0].tool.driver.rules[] | select(.help.text | length > 0)] | length' demo.sarif)
check "sarif: rules carry their docs/rules page as help ($n with Markdown)" \
    "$([ "$n2" -eq "$nrules" ] && [ "$n" -ge $((nrules - 1)) ]; echo $?)" "$n/$n2 of $nrules"
n=$(jq '[.runs[0].tool.driver.rules[] | select(.defaultConfiguration.level as $l | ["error","warning","note"] | index($l))] | length' demo.sarif)
check "sarif: defaultConfiguration.level from the severity" "$([ "$n" -eq "$nrules" ]; echo $?)"
jq -e '.runs[0].tool.driver | .name == "manrs-check" and (.version | length > 0) and (.informationUri | startswith("http"))' demo.sarif >/dev/null
check "sarif: driver name, version, informationUri" $?
# results: as many as JSON findings, same rules, lines and fingerprints
(cd "$root" && "$bin" -f json --policy examples/manrs-check.yaml examples) >demo.json 2>/dev/null
a=$(jq -c '[.findings[] | [.rule, .line, .fingerprint]]' demo.json)
b=$(jq -c '[.runs[0].results[] | [.ruleId, .locations[0].physicalLocation.region.startLine, (.partialFingerprints["manrsFinding/v1"] | split(":")[0])]]' demo.sarif)
check "sarif: results match the JSON findings (rule, line, fingerprint)" "$([ "$a" = "$b" ] && [ "$a" != "[]" ]; echo $?)"
jq -e '[.runs[0].results[] | .ruleIndex as $i | .ruleId == input_line_number or true] | length > 0' demo.sarif >/dev/null 2>&1
jq -e '.runs[0] as $r | all($r.results[]; $r.tool.driver.rules[.ruleIndex].id == .ruleId)' demo.sarif >/dev/null
check "sarif: ruleIndex points at the rule" $?
jq -e 'all(.runs[0].results[]; .locations[0].physicalLocation.artifactLocation.uri | test("^examples/[^/]+$"))' demo.sarif >/dev/null
check "sarif: artifact URIs are relative paths" $?
jq -e '[.runs[0].results[].partialFingerprints["manrsFinding/v1"]] | (length == (unique | length))' demo.sarif >/dev/null
check "sarif: fingerprints are unique within a run" $?
a=$(jq -c '[.findings[] | select(.waived) | .waiver_reason]' demo.json)
b=$(jq -c '[.runs[0].results[] | select(.suppressions) | .suppressions[0] | select(.kind == "inSource" or .kind == "external") | .justification]' demo.sarif)
check "sarif: waived findings carry a suppression with the reason" "$([ "$a" = "$b" ]; echo $?)" "$a vs $b"
jq -e '[.runs[0].results[] | select(.message.text | test("^import references|EVIL"))] | length > 0' r1.sarif >/dev/null
check "sarif: hostile names survive as JSON strings" $?

# ---- JUnit ------------------------------------------------------------------

run "$bin" -f junit --policy "$root/examples/manrs-check.yaml" "$root/examples"
cp out demo.xml
check "junit demo: exit 1" "$([ $rc -eq 1 ]; echo $?)" "exit $rc"
run "$bin" -f junit r1.cfg
cp out r1.xml
run "$bin" -f junit --fail-on info --policy "$root/examples/manrs-check.yaml" "$root/examples"
cp out demo-info.xml
if [ $have_xmllint = 0 ]; then
	skipped junit "xmllint not installed (libxml2-utils)"
else
	for f in demo.xml r1.xml demo-info.xml; do
		xmllint --noout "$f" 2>err
		check "junit $f: well-formed" $?
		xmllint --noout --schema "$schema/junit.xsd" "$f" 2>err
		check "junit $f: valid against tests/schema/junit.xsd" $?
	done
	# the XSD must be able to say no
	sed 's/<testcase /<testcas /' r1.xml >broken.xml
	if xmllint --noout --schema "$schema/junit.xsd" broken.xml 2>/dev/null; then
		bad "junit: a broken report is rejected" "the XSD accepted <testcas>"
	else ok "junit: a broken report is rejected"; fi

	x() { xmllint --xpath "$1" "$2" 2>/dev/null; }
	# counts add up, per suite and overall
	allok=0
	for f in demo.xml demo-info.xml r1.xml; do
		ns=$(x 'count(/testsuites/testsuite)' "$f")
		i=1
		while [ "$i" -le "$ns" ]; do
			s="/testsuites/testsuite[$i]"
			[ "$(x "string($s/@tests)" "$f")" = "$(x "count($s/testcase)" "$f")" ] || allok=1
			[ "$(x "string($s/@failures)" "$f")" = "$(x "count($s/testcase[failure])" "$f")" ] || allok=1
			[ "$(x "string($s/@skipped)" "$f")" = "$(x "count($s/testcase[skipped])" "$f")" ] || allok=1
			i=$((i + 1))
		done
		[ "$(x 'string(/testsuites/@tests)' "$f")" = "$(x 'count(//testcase)' "$f")" ] || allok=1
		[ "$(x 'string(/testsuites/@failures)' "$f")" = "$(x 'count(//testcase[failure])' "$f")" ] || allok=1
	done
	check "junit: tests/failures/skipped counts add up" $allok
	for h in $(jq -r '.devices[].hostname' demo.json); do
		[ "$(x "count(/testsuites/testsuite[@name='$h'])" demo.xml)" = 1 ] || allok=1
	done
	ndev=$(jq '.devices | length' demo.json)
	check "junit: one testsuite per device, named by hostname" \
	    "$([ $allok -eq 0 ] && [ "$(x 'count(/testsuites/testsuite)' demo.xml)" = "$ndev" ]; echo $?)"
	# rules that passed are there too: more testcases than findings
	nt=$(x 'count(//testcase)' demo.xml)
	nf=$(jq '.findings | length' demo.json)
	check "junit: passing testcases are listed ($nt testcases, $nf findings)" "$([ "$nt" -gt $((nf * 2)) ]; echo $?)"
	# error findings are failures; with --fail-on info more of them
	f1=$(x 'count(//testcase[failure])' demo.xml)
	f2=$(x 'count(//testcase[failure])' demo-info.xml)
	ne=$(jq '[.findings[] | select(.severity == "error" and (.waived | not))] | length' demo.json)
	check "junit: failures follow --fail-on ($f1 at error, $f2 at info)" \
	    "$([ "$f1" -gt 0 ] && [ "$f1" -le "$ne" ] && [ "$f2" -gt "$f1" ]; echo $?)"
	n=$(x "count(//testcase[@name='FLT-BOGON-PREFIX neighbor 203.0.113.5']/failure[@type='FLT-BOGON-PREFIX'])" r1.xml)
	check "junit: failure per rule x neighbour with type=RULE" "$([ "$n" = 1 ]; echo $?)"
	n=$(x "count(//testcase[contains(@name,'ASP-CUSTOMER-INGRESS') and not(contains(@name,'neighbor'))])" demo.xml)
	check "junit: device-level rules are one testcase per device" "$([ "$n" = "$ndev" ]; echo $?)"
	n=$(x 'count(//testcase/skipped[starts-with(@message,"waived")])' demo.xml)
	check "junit: waived findings are skipped" "$([ "$n" -ge 1 ]; echo $?)"
	n=$(x 'count(//testcase[starts-with(@name,"GV-ROA-INVALID")]/skipped[starts-with(@message,"not run")])' demo.xml)
	check "junit: rules without their data are skipped, not passed" "$([ "$n" = "$ndev" ]; echo $?)"
	# hostile text: escaped, control characters replaced
	x "string(//testcase/failure[@type='FLT-UNDEFINED-REF']/@message)" r1.xml >msg.txt
	grep -qF "EVIL|<b>&\"x'" msg.txt
	check "junit: markup and quotes round-trip through escaping" $?
fi
if LC_ALL=C grep -q "$(printf '[\001\033]')" r1.xml; then
	bad "junit: no control characters in the XML" "found"
else ok "junit: no control characters in the XML"; fi

# ---- Markdown ---------------------------------------------------------------

run "$bin" -f markdown --policy "$root/examples/manrs-check.yaml" "$root/examples"
cp out demo.md
check "markdown demo: exit 1" "$([ $rc -eq 1 ]; echo $?)" "exit $rc"
grep -q '^| MANRS action | status |' demo.md && grep -q '^| 1 Filtering | .* fail |' demo.md
check "markdown: per-action status" $?
grep -q "^| error | $(jq .summary.by_severity.error demo.json) |" demo.md &&
    grep -q "^| warning | $(jq .summary.by_severity.warning demo.json) |" demo.md &&
    grep -q "^| info | $(jq .summary.by_severity.info demo.json) |" demo.md
check "markdown: counts by severity" $?
nrow=$(grep -c '^| [a-z0-9-]* | .* | [A-Z]*-[A-Z0-9-]* | \(error\|warning\|info\) | ' demo.md)
nact=$(jq '[.findings[] | select(.waived | not)] | length' demo.json)
if [ "$nact" -gt 50 ]; then
	grep -q "and $((nact - 50)) more findings" demo.md
	check "markdown: capped at 50 rows with an 'and N more' line ($nrow rows, $nact findings)" \
	    "$([ $? -eq 0 ] && [ "$nrow" -eq 50 ]; echo $?)"
else
	check "markdown: one row per finding below the cap ($nrow rows, $nact findings)" \
	    "$([ "$nrow" -eq "$nact" ] && ! grep -q 'more findings' demo.md; echo $?)"
fi
# The cap itself, on more findings than the demo has: the golden cases.
run "$bin" -f markdown "$root/tests/golden/iosxe" "$root/tests/golden/eos"
cp out many.md
run "$bin" -f json "$root/tests/golden/iosxe" "$root/tests/golden/eos"
cp out many.json
nrow=$(grep -c '^| [a-z0-9-]* | .* | [A-Z]*-[A-Z0-9-]* | \(error\|warning\|info\) | ' many.md)
nact=$(jq '[.findings[] | select(.waived | not)] | length' many.json)
grep -q "and $((nact - 50)) more findings" many.md
check "markdown: capped at 50 rows with an 'and N more' line ($nrow rows, $nact findings)" \
    "$([ $? -eq 0 ] && [ "$nrow" -eq 50 ] && [ "$nact" -gt 50 ]; echo $?)"
run "$bin" -f markdown r1.cfg
cp out r1.md
# every table row has exactly the 6 unescaped pipes of 5 cells
badrows=$(grep '^| edge-r1' r1.md | sed 's/\\|//g' | awk -F'|' 'NF != 7' | wc -l)
grep -q 'EVIL\\|&lt;b&gt;&amp;' r1.md
check "markdown: pipes and markup in messages are escaped" "$([ $? -eq 0 ] && [ "$badrows" -eq 0 ]; echo $?)" "$badrows bad rows"

# ---- HTML -------------------------------------------------------------------

run "$bin" -f html --policy "$root/examples/manrs-check.yaml" "$root/examples"
cp out demo.html
check "html demo: exit 1" "$([ $rc -eq 1 ]; echo $?)" "exit $rc"
run "$bin" -f html r1.cfg
cp out r1.html
grep -q "Content-Security-Policy\" content=\"default-src 'none'" demo.html
check "html: a CSP forbids every external resource" $?
if grep -qiE '(src|href)="(https?:)?//|<script|<link|@import|url\(' demo.html r1.html; then
	bad "html: self-contained" "an external reference or a script"
else ok "html: self-contained (no script, no external reference)"; fi
if grep -qF '<script>alert' r1.html || grep -qF '<b>&' r1.html; then
	bad "html: configuration text is escaped" "raw markup found"
else
	grep -qF 'EVIL|&lt;b&gt;&amp;&quot;x&#39;' r1.html
	check "html: configuration text is escaped" $?
fi
n=$(grep -c '<rect class="bar" data-action="[0-4]" data-severity="\(error\|warning\|info\)" data-count="[0-9]*"' demo.html)
check "html: the chart has a bar per action and severity ($n)" "$([ "$n" -eq 15 ]; echo $?)"
s=$(sed -n 's/.*data-action="1" data-severity="error" data-count="\([0-9]*\)".*/\1/p' demo.html)
e=$(jq '[.findings[] | select(.action == 1 and .severity == "error" and (.waived | not))] | length' demo.json)
check "html: the chart counts what JSON counts (action 1 errors: $s)" "$([ "$s" = "$e" ]; echo $?)"
miss=""
for h in $(jq -r '.devices[].hostname' demo.json); do
	grep -q "data-hostname=\"$h\"" demo.html || miss="$miss $h"
done
check "html: every device has its section" "$([ -z "$miss" ]; echo $?)" "missing:$miss"

# ---- text -------------------------------------------------------------------

run "$bin" --color always r1.cfg
if grep -q "$(printf '\033')\[" out; then ok "text: --color always colours"
else bad "text: --color always colours" "no escape sequence"; fi
run "$bin" --color never r1.cfg
# the only ESC allowed is the one from the configuration, shown as '?'
if grep -q "$(printf '\033')" out; then bad "text: --color never" "escape sequence"
else ok "text: --color never (and the ESC in a description is neutralised)"; fi
tail -n 1 out | grep -qE '^1 device, [0-9]+ findings \([0-9]+ errors, [0-9]+ warnings, [0-9]+ info\)'
check "text: the last line counts findings by severity" $? "$(tail -n 1 out)"

# ---- waivers ----------------------------------------------------------------

waiver_case() {	# NAME POLICY-YAML-OR-EMPTY CONFIG
	wname=$1
	if [ -n "$2" ]; then
		printf '%s\n' "$2" >"w-$wname.yaml"
		run "$bin" -f json --policy "w-$wname.yaml" "$3"
	else
		run "$bin" -f json "$3"
	fi
	cp out "w-$wname.json"
}

sel() {	# FILE RULE NEIGHBOR JQ-CONDITION -> count
	jq --arg r "$2" --arg n "$3" "[.findings[] | select(.rule == \$r and .neighbor == \$n) | select($4)] | length" "$1"
}

waiver_case match "waivers:
  - {rule: SEC-GTSM, device: edge-r1, neighbor: 203.0.113.5, reason: \"IX LAN: GTSM not offered\", expires: 2027-06-30}" r1.cfg
check "waiver match: the finding is waived with its reason" \
    "$([ "$(sel w-match.json SEC-GTSM 203.0.113.5 '.waived and .waiver_reason == "IX LAN: GTSM not offered"')" = 1 ] &&
       [ "$(sel w-match.json SEC-GTSM 203.0.113.1 '.waived | not')" = 1 ]; echo $?)"
n=$(jq '.summary.waived' w-match.json)
check "waiver match: summary.waived" "$([ "$n" = 1 ]; echo $?)"
waiver_case nomatch "waivers:
  - {rule: SEC-GTSM, neighbor: 203.0.113.99, reason: other router}" r1.cfg
check "waiver no match: the finding stays active" \
    "$([ "$(sel w-nomatch.json SEC-GTSM 203.0.113.5 '.waived | not')" = 1 ] &&
       [ "$(jq '.summary.waived' w-nomatch.json)" = 0 ]; echo $?)"
waiver_case expired "waivers:
  - {rule: SEC-GTSM, neighbor: 203.0.113.5, reason: temporary, expires: 2026-01-31}" r1.cfg
check "waiver expired: the finding is back and CFG-WAIVER-EXPIRED fires" \
    "$([ "$(sel w-expired.json SEC-GTSM 203.0.113.5 '.waived | not')" = 1 ] &&
       [ "$(jq '[.findings[] | select(.rule == "CFG-WAIVER-EXPIRED" and (.message | test("2026-01-31")))] | length' w-expired.json)" = 1 ]; echo $?)"
# the expiry day itself is still covered
waiver_case lastday "waivers:
  - {rule: SEC-GTSM, neighbor: 203.0.113.5, reason: until today, expires: 2026-11-26}" r1.cfg
check "waiver expiring today still applies" \
    "$([ "$(sel w-lastday.json SEC-GTSM 203.0.113.5 '.waived')" = 1 ]; echo $?)"

# inline waivers, in the configuration's comment syntax
awk '/^ neighbor 203.0.113.5 remote-as/ { print " ! manrs-check: ignore SEC-SESSION-AUTH IX LAN: no MD5 with the route servers" } { print }' r1.cfg >inl.cfg
waiver_case inline "" inl.cfg
check "inline waiver: waived, with its reason" \
    "$([ "$(sel w-inline.json SEC-SESSION-AUTH 203.0.113.5 '.waived and (.waiver_reason | test("route servers"))')" = 1 ] &&
       [ "$(sel w-inline.json SEC-SESSION-AUTH 203.0.113.1 '.waived | not')" = 1 ]; echo $?)"
run "$bin" -f sarif --policy w-match.yaml inl.cfg
cp out w-inline.sarif
jq -e '[.runs[0].results[] | select(.suppressions) | {r: .ruleId, k: .suppressions[0].kind}] | (index({r: "SEC-SESSION-AUTH", k: "inSource"}) != null) and (index({r: "SEC-GTSM", k: "external"}) != null)' w-inline.sarif >/dev/null
check "sarif: inline waivers are inSource, policy-file ones external" $?
awk '/^ neighbor 203.0.113.5 remote-as/ { print " ! manrs-check: ignore SEC-SESSION-AUTH expires 2026-03-01 until the MD5 rollout" } { print }' r1.cfg >inlx.cfg
waiver_case inline-expired "" inlx.cfg
check "inline waiver expired: active again, CFG-WAIVER-EXPIRED" \
    "$([ "$(sel w-inline-expired.json SEC-SESSION-AUTH 203.0.113.5 '.waived | not')" = 1 ] &&
       [ "$(jq '[.findings[] | select(.rule == "CFG-WAIVER-EXPIRED")] | length' w-inline-expired.json)" = 1 ]; echo $?)"
run "$bin" --color never --policy w-match.yaml r1.cfg
grep -q 'waived  SEC-GTSM' out && tail -n 1 out | grep -q ', 1 waived'
check "text: waived findings are marked and counted" $?
run "$bin" -f junit --policy w-match.yaml r1.cfg
grep -q '<testcase name="SEC-GTSM neighbor 203.0.113.5"[^>]*>' out && grep -q '<skipped message="waived: IX LAN: GTSM not offered"/>' out
check "junit: the waived testcase is skipped with the reason" $?

# ---- baselines --------------------------------------------------------------
# FLT-RPKI-INVALID counts the eBGP sessions in its message, so adding a
# neighbour changes it; it is left out here to keep the cases sharp.
sk="--skip FLT-RPKI-INVALID"

# Each version of the configuration is r1.cfg in its own directory, as it
# would be in successive commits: the file name is part of the identity.
mkdir -p v0 moved new fixed
cp r1.cfg v0/r1.cfg
# shellcheck disable=SC2086
runin v0 "$bin" -f json $sk --write-baseline ../bl.json r1.cfg
cp out b0.json
nb=$(jq '.findings | length' bl.json 2>/dev/null || echo 0)
check "write-baseline: exit 0, today's findings accepted ($nb)" \
    "$([ $rc -eq 0 ] && [ "$nb" -gt 10 ] && [ "$(jq -r .schema bl.json)" = manrs-check-baseline/1 ] &&
       [ "$(jq '[.findings[] | select(.baselined | not)] | length' b0.json)" = 0 ]; echo $?)" "exit $rc"
a=$(jq -c '[.findings[].fingerprint] | sort' b0.json)
b=$(jq -c '[.findings[].fingerprint] | sort' bl.json)
# shellcheck disable=SC2086
runin v0 "$bin" -f sarif $sk r1.cfg
c=$(jq -c '[.runs[0].results[].partialFingerprints["manrsFinding/v1"] | split(":")[0]] | sort' out)
check "baseline, JSON and SARIF share the fingerprints" "$([ "$a" = "$b" ] && [ "$a" = "$c" ]; echo $?)"
jq -e 'all(.findings[]; has("fingerprint") and has("rule") and has("hostname") and has("neighbor") and has("message"))' bl.json >/dev/null
check "baseline entries: fingerprint, rule, hostname, neighbor, message" $?

# shellcheck disable=SC2086
runin v0 "$bin" -f json $sk --baseline ../bl.json r1.cfg
check "baseline, same config: exit 0, all baselined" \
    "$([ $rc -eq 0 ] && [ "$(jq '.summary.baselined' out)" = "$nb" ] && [ "$(jq '.summary.findings' out)" = 0 ]; echo $?)" "exit $rc"
# shellcheck disable=SC2086
runin v0 "$bin" -f json $sk --baseline ../bl.json ./r1.cfg
check "baseline: ./r1.cfg is r1.cfg" "$([ $rc -eq 0 ] && [ "$(jq '.summary.baselined' out)" = "$nb" ]; echo $?)" "exit $rc"

# moved: lines inserted above everything and between the neighbours and
# the route-map, whose line the PEER-IN findings quote ("decided by
# route-map PEER-IN 10: permit, line N")
{ printf '!\n! moved around\n!\nbanner motd ^C\nhello\n^C\n!\n'; cat r1.cfg; } |
    awk '/^route-map PEER-IN/ { print "ip prefix-list UNUSED seq 5 permit 185.66.84.0/22"; print "!" } { print }' >moved/r1.cfg
# shellcheck disable=SC2086
runin moved "$bin" -f json $sk --baseline ../bl.json r1.cfg
cp out moved.json
l0=$(jq -c '[.findings[].line]' b0.json)
l1=$(jq -c '[.findings[].line]' moved.json)
m0=$(jq -c '[.findings[].message | select(test("line [0-9]+"))]' b0.json)
m1=$(jq -c '[.findings[].message | select(test("line [0-9]+"))]' moved.json)
check "baseline, lines moved: still baselined, exit 0" \
    "$([ $rc -eq 0 ] && [ "$l0" != "$l1" ] && [ "$(jq '.summary.baselined' moved.json)" = "$nb" ]; echo $?)" "exit $rc"
check "baseline, moved: messages whose line numbers changed still match" \
    "$([ "$m0" != "$m1" ] && [ "$m1" != "[]" ]; echo $?)"

# new: another neighbour without policy
awk '/^ neighbor 203.0.113.5 remote-as/ { print " neighbor 203.0.113.9 remote-as 64503" } /^  neighbor 203.0.113.5 activate/ { print "  neighbor 203.0.113.9 activate" } { print }' moved/r1.cfg >new/r1.cfg
# shellcheck disable=SC2086
runin new "$bin" -f json $sk --baseline ../bl.json r1.cfg
cp out new.json
check "baseline, new finding: exit 1, only the new neighbour's findings count" \
    "$([ $rc -eq 1 ] && [ "$(jq -c '[.findings[] | select(.baselined | not) | .neighbor] | unique' new.json)" = '["203.0.113.9"]' ] &&
       [ "$(jq '.summary.baselined' new.json)" = "$nb" ]; echo $?)" "exit $rc"
# shellcheck disable=SC2086
runin new "$bin" $sk --color never --baseline ../bl.json r1.cfg
grep -q '(baselined)' out && tail -n 1 out | grep -q ", $nb baselined"
check "text: baselined findings are marked and counted" $?
# shellcheck disable=SC2086
runin new "$bin" -f sarif $sk --baseline ../bl.json r1.cfg
jq -e '[.runs[0].results[].baselineState] | (index("new") != null) and (index("unchanged") != null)' out >/dev/null
check "sarif: baselineState new/unchanged" $?

# fixed: the customer session with the undefined route-map is gone
grep -a -v '203.0.113.1' moved/r1.cfg >fixed/r1.cfg
# shellcheck disable=SC2086
runin fixed "$bin" -f json $sk --baseline ../bl.json r1.cfg
cp out fixed.json
n=$(jq '.findings | length' fixed.json)
check "baseline, fixed finding: gone, exit 0 ($n of $nb left)" \
    "$([ $rc -eq 0 ] && [ "$n" -lt "$nb" ] && [ "$(jq '[.findings[] | select(.neighbor == "203.0.113.1")] | length' fixed.json)" = 0 ] &&
       [ "$(jq '[.findings[] | select(.baselined | not)] | length' fixed.json)" = 0 ]; echo $?)" "exit $rc"

# an entry taken out of the baseline is new again
jq '.findings |= map(select(.rule != "SEC-GTSM" or .neighbor != "203.0.113.1"))' bl.json >bl-minus.json
# shellcheck disable=SC2086
runin v0 "$bin" -f json $sk --fail-on info --baseline ../bl-minus.json r1.cfg
check "baseline: an entry removed from the baseline is new again" \
    "$([ $rc -eq 1 ] && [ "$(jq -c '[.findings[] | select(.baselined | not) | [.rule, .neighbor]]' out)" = '[["SEC-GTSM","203.0.113.1"]]' ]; echo $?)" "exit $rc"

printf '{"findings": []}\n' >notbl.json
run "$bin" --baseline notbl.json r1.cfg
check "baseline: not a baseline -> exit 2 naming the file" "$([ $rc -eq 2 ] && grep -q notbl.json err; echo $?)" "exit $rc"
run "$bin" --baseline missing.json r1.cfg
check "baseline: missing file -> exit 2" "$([ $rc -eq 2 ] && grep -q missing.json err; echo $?)" "exit $rc"
printf '{"schema": "manrs-check-baseline/1", "findings": [{"fingerprint": "xyz"}]}\n' >badfp.json
run "$bin" --baseline badfp.json r1.cfg
check "baseline: a bad fingerprint -> exit 2" "$([ $rc -eq 2 ] && grep -q 'fingerprint' err; echo $?)" "exit $rc"
run "$bin" --write-baseline /nonexistent/dir/bl.json r1.cfg
check "write-baseline: unwritable -> exit 2" "$([ $rc -eq 2 ] && grep -q 'bl.json' err; echo $?)" "exit $rc"


cd "$root" || exit 2
[ $fail -eq 0 ] && rm -rf "$W"
echo "report-formats: $pass passed, $fail failed${skip:+, $skip skipped}${failed:+:$failed}"
[ $fail -eq 0 ]

#!/bin/sh
# Golden tests: for each tests/golden/<vendor>/<case>/, run
#   manrs-check -f json [--policy manrs-check.yaml] $(cat args) CONFIG
# inside the case directory with MANRS_TODAY=2026-11-26, compare the output
# with expected.json and check every line of `expect` against the findings.
#
# Usage: tests/golden.sh [MANRS_CHECK_BINARY] [CASE_DIR...]
#   UPDATE=1   rewrite expected.json from the current output (review the
#              diff by hand before committing it); a case whose output
#              contradicts its expect file is never rewritten
#   VERBOSE=1  print the findings of every case
# Exit status: 0 all cases pass, 1 some case failed, 2 setup error.
#
# expect lines (see tests/README.md):
#   fires  RULE [TARGET] [severity=S] [text=WORD]
#                                       an unwaived finding of RULE exists (with
#                                       that severity, message containing WORD)
#   silent RULE [TARGET]                no unwaived finding of RULE
#   waived RULE [TARGET]                a finding of RULE exists and is waived
#   max-severity S                      no unwaived finding above S
#   exit N                              manrs-check exited with status N
#   known <any line above>              a documented disagreement (KNOWN-ISSUES.md):
#                                       reported and counted, not failed; once it
#                                       holds, the run says so and "known" must go
# TARGET is a neighbour address/name or an interface name; "." means a
# device-level finding (neighbor and interface null); absent means any.
set -u

here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")
bin=${1:-$root/build/manrs-check}
[ $# -gt 0 ] && shift
case $bin in /*) ;; *) bin=$(pwd)/$bin ;; esac
if [ ! -x "$bin" ]; then
	echo "golden: $bin not found or not executable" >&2
	exit 2
fi
have_jq=0
command -v jq >/dev/null 2>&1 && have_jq=1
[ $have_jq = 1 ] || echo "golden: jq not found: comparing raw text, expect files NOT checked" >&2

if [ $# -gt 0 ]; then
	cases="$*"
else
	cases=$(find "$here/golden" -mindepth 2 -maxdepth 2 -type d | sort)
fi

tmp=$(mktemp -d "${TMPDIR:-/tmp}/golden.XXXXXX")
trap 'rm -rf "$tmp"' EXIT INT TERM

npass=0
nfail=0
nknown=0
failed=""

# The one configuration file of a case: everything that is not a test file.
case_config() {
	for f in "$1"/*; do
		[ -f "$f" ] || continue
		case ${f##*/} in
		expect|expected.json|manrs-check.yaml|args|README*|*.md|*.orig|*.rej|*~) ;;
		*) echo "${f##*/}" ;;
		esac
	done
}

# jq filter selecting the findings an expect line is about.
# $1 rule, $2 target ("" any, "." device level)
sel() {
	printf '[.findings[]? | select(.rule == $r)'
	case $2 in
	"") ;;
	.) printf ' | select(.neighbor == null and .interface == null)' ;;
	*) printf ' | select(.neighbor == $t or .interface == $t)' ;;
	esac
}

# One expect line (verb, rule, target, sev, text, json, status, lineno set by
# check_expect); prints the problem, if any.
check_one() {
	case $verb in
	fires)
		q="$(sel "$rule" "$target") | select(.waived != true)"
		[ -n "$sev" ] && q="$q | select(.severity == \$s)"
		[ -n "$text" ] && q="$q | select((.message // \"\") | contains(\$x))"
		n=$(jq --arg r "$rule" --arg t "$target" --arg s "$sev" --arg x "$text" "$q] | length" "$json")
		[ "$n" -gt 0 ] || echo "expect:$lineno: '$verb $rule $target${sev:+ severity=$sev}${text:+ text=$text}': no such finding"
		;;
	silent)
		q="$(sel "$rule" "$target") | select(.waived != true)"
		n=$(jq --arg r "$rule" --arg t "$target" "$q] | length" "$json")
		if [ "$n" -gt 0 ]; then
			echo "expect:$lineno: '$verb $rule $target': $n finding(s):"
			jq -r --arg r "$rule" --arg t "$target" \
			    "$q] | .[] | \"    line \\(.line) \\(.severity) \\(.neighbor // .interface // \"-\"): \\(.message)\"" "$json"
		fi
		;;
	waived)
		q="$(sel "$rule" "$target") | select(.waived == true)"
		n=$(jq --arg r "$rule" --arg t "$target" "$q] | length" "$json")
		[ "$n" -gt 0 ] || echo "expect:$lineno: '$verb $rule $target': no waived finding"
		;;
	max-severity)
		q="[.findings[]? | select(.waived != true) | select(($sevrank[.severity] // 9) > ($sevrank[\$m] // -1))]"
		n=$(jq --arg m "$rule" "$q | length" "$json")
		if [ "$n" -gt 0 ]; then
			echo "expect:$lineno: 'max-severity $rule': $n finding(s) above it:"
			jq -r --arg m "$rule" "$q | .[] | \"    line \\(.line) \\(.rule) \\(.severity) \\(.neighbor // .interface // \"-\"): \\(.message)\"" "$json"
		fi
		;;
	exit)
		[ "$status" = "$rule" ] || echo "expect:$lineno: 'exit $rule': manrs-check exited $status"
		;;
	*)
		echo "expect:$lineno: unknown verb '$verb'"
		;;
	esac
}

check_expect() {	# $1 expect file, $2 json, $3 exit status; prints problems
	efile=$1
	json=$2
	status=$3
	sevrank='{"info":0,"warning":1,"error":2}'
	lineno=0
	while IFS= read -r line || [ -n "$line" ]; do
		lineno=$((lineno + 1))
		line=${line%%#*}
		set -f
		# shellcheck disable=SC2086
		set -- $line
		set +f
		[ $# -eq 0 ] && continue
		known=0
		if [ "$1" = known ]; then
			# A documented disagreement (tests/golden/KNOWN-ISSUES.md):
			# reported, not failed; once the tool meets it, "known" must go.
			known=1
			shift
			[ $# -eq 0 ] && continue
		fi
		verb=$1
		shift
		rule=${1:-}
		[ $# -gt 0 ] && shift
		target=""
		sev=""
		text=""
		for a in "$@"; do
			case $a in
			severity=*) sev=${a#severity=} ;;
			text=*) text=${a#text=} ;;
			*) target=$a ;;
			esac
		done
		m=$(check_one)
		if [ $known = 1 ]; then
			if [ -n "$m" ]; then
				printf '%s\n' "$m" | sed 's/^/known issue: /' >>"$tmp/known.txt"
			else
				echo "expect:$lineno: 'known $line' holds now: drop 'known' and its KNOWN-ISSUES.md entry"
			fi
		elif [ -n "$m" ]; then
			printf '%s\n' "$m"
		fi
	done < "$efile"
}

for dir in $cases; do
	dir=${dir%/}
	name=${dir#"$here"/golden/}
	[ -f "$dir/expect" ] || { echo "SKIP $name (no expect file)"; continue; }
	cfg=$(case_config "$dir")
	if [ -z "$cfg" ] || [ "$(printf '%s\n' "$cfg" | wc -l)" -ne 1 ]; then
		echo "FAIL $name: need exactly one configuration file, found: $(echo $cfg)"
		nfail=$((nfail + 1)); failed="$failed $name"
		continue
	fi
	pol=""
	[ -f "$dir/manrs-check.yaml" ] && pol="--policy manrs-check.yaml"
	args=""
	[ -f "$dir/args" ] && args=$(head -n 1 "$dir/args")
	out="$tmp/out.json"
	err="$tmp/err.txt"
	# shellcheck disable=SC2086
	(cd "$dir" && MANRS_TODAY=2026-11-26 "$bin" -f json $pol $args "$cfg") >"$out" 2>"$err"
	rc=$?
	problems=""
	if [ $rc -gt 2 ] || [ ! -s "$out" ]; then
		problems="manrs-check exited $rc
$(head -n 20 "$err")"
	elif [ $have_jq = 1 ] && ! jq -e . "$out" >/dev/null 2>&1; then
		problems="output is not JSON
$(head -c 400 "$out")"
	fi
	if [ -z "$problems" ] && [ -s "$err" ] && grep -qE 'AddressSanitizer|LeakSanitizer|runtime error:' "$err"; then
		problems="sanitizer report:
$(head -n 30 "$err")"
	fi
	if [ -z "$problems" ]; then
		ex=""
		[ $have_jq = 1 ] && ex=$(check_expect "$dir/expect" "$out" $rc)
		if [ "${UPDATE:-0}" = 1 ]; then
			# Never bless an output that contradicts the case's intent.
			if [ -n "$ex" ]; then
				echo "note $name: expected.json NOT updated, the output contradicts expect"
			elif [ $have_jq = 1 ]; then
				jq -S . "$out" >"$dir/expected.json"
			else
				cp "$out" "$dir/expected.json"
			fi
		fi
		if [ ! -f "$dir/expected.json" ]; then
			problems="no expected.json (run with UPDATE=1 and review it)"
		elif [ $have_jq = 1 ]; then
			jq -S 'del(.version)' "$dir/expected.json" >"$tmp/a.json"
			jq -S 'del(.version)' "$out" >"$tmp/b.json"
			if ! diff -u "$tmp/a.json" "$tmp/b.json" >"$tmp/diff.txt"; then
				problems="output differs from expected.json:
$(head -n 60 "$tmp/diff.txt")"
			fi
		elif ! diff -u "$dir/expected.json" "$out" >"$tmp/diff.txt"; then
			problems="output differs from expected.json:
$(head -n 60 "$tmp/diff.txt")"
		fi
		[ -n "$ex" ] && problems="${problems:+$problems
}$ex"
	fi
	if [ "${VERBOSE:-0}" = 1 ] && [ $have_jq = 1 ] && [ -s "$out" ]; then
		jq -r '.findings[]? | "    \(.line) \(.rule) \(.severity) \(.neighbor // .interface // "-")\(if .waived then " (waived)" else "" end): \(.message)"' "$out" 2>/dev/null
	fi
	if [ -s "$tmp/known.txt" ]; then
		nknown=$((nknown + $(grep -c '^known issue: expect:' "$tmp/known.txt")))
		[ "${VERBOSE:-0}" = 1 ] && sed "s|^|    $name: |" "$tmp/known.txt"
		: >"$tmp/known.txt"
	fi
	if [ -z "$problems" ]; then
		echo "ok   $name"
		npass=$((npass + 1))
	else
		echo "FAIL $name ($dir/$cfg)"
		printf '%s\n' "$problems" | sed 's/^/    /'
		nfail=$((nfail + 1))
		failed="$failed $name"
	fi
done

echo "golden: $npass passed, $nfail failed, $nknown known issues (tests/golden/KNOWN-ISSUES.md; VERBOSE=1 lists them)"
[ $nfail -eq 0 ] || { echo "golden: failed:$failed"; exit 1; }
exit 0

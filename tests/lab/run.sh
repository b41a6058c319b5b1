#!/bin/bash
# Differential lab: real BGP daemons (FRR, BIRD 2, OpenBGPD) decide which
# routes a policy accepts; manrs-check eval must decide the same, route by
# route.
#
#   tests/lab/run.sh BUILD quick|full [SEED...]   random policies and routes
#   tests/lab/run.sh BUILD oracle DIR...          a hand-made or kept case:
#       DIR holds one dut.{frr,bird,openbgpd}.conf, queries.txt and maybe
#       vrps.json; the daemon's verdicts are written to DIR/expected.txt
#       (this is how tests/lab/regress/* cases get their expectations, and
#       how a kept run directory is replayed)
#   env: DAEMONS="frr bird openbgpd"  PEERS=N ROUTES=N  TIMEOUT=90 (s)
#        STALL=30 (s: a VRP count stuck that long restarts the daemon once)
#        RPKI=0 (no RTR cache, no ROV in policies)  KEEP=1 (keep run dirs)
#        V6=0 (FRR: IPv4 only; by default FRR also gets IPv6 policies and
#        routes over the same IPv4 sessions, next hops on 2001:db8:ffff::/64)
#        APPROX_OK=1 (a disagreement on a pair manrs-check itself marks
#        "approximate" does not fail the run; the figures still count it)
#        EXPORT=1 (export policies: one source speaker, 192.0.2.9, sends
#        2 x ROUTES routes that the DUT imports as they are; the neighbours
#        get random export policies and a second ExaBGP receives what the
#        DUT sends them; queries carry dir=out; IPv4 only)
#
# Random mode, per daemon and seed: tests/lab/gen.py writes the daemon's
# configuration (one eBGP neighbour per random policy), an ExaBGP
# configuration that announces random routes from every neighbour, VRPs,
# and the queries for `manrs-check eval --batch`.  The daemon runs in a
# network namespace of our own with stayrtr (RTR cache) on that namespace's
# loopback; ExaBGP runs in a second namespace, linked by a veth pair.  Only
# 192.0.2.0/24 and 127.0.0.1 inside those namespaces are used; no daemon
# installs routes in a kernel table.  Every process started here is stopped
# by PID (also on failure or ^C) and the namespaces are deleted.
# A disagreement prints the daemon, seed, neighbour, route and both
# verdicts; the run directory is kept and can be replayed with `oracle`
# (a queries.txt with dir=out is replayed in export mode).
set -u
BUILD=${1:-build}; MODE=${2:-quick}; shift 2 2>/dev/null || true
HERE=$(cd "$(dirname "$0")" && pwd)
MC=$(cd "$BUILD" 2>/dev/null && pwd)/manrs-check
PATH=$PATH:/usr/sbin:/sbin
case $MODE in
quick) PEERS=${PEERS:-10}; ROUTES=${ROUTES:-100}; SEEDS=${*:-3 4} ;;
full)  PEERS=${PEERS:-20}; ROUTES=${ROUTES:-500}; SEEDS=${*:-1 2 3} ;;
oracle) [ $# -gt 0 ] || { echo "usage: $0 BUILD oracle DIR..." >&2; exit 2; } ;;
*) echo "usage: $0 BUILD quick|full [SEED...] | $0 BUILD oracle DIR..." >&2; exit 2 ;;
esac
DAEMONS=${DAEMONS:-frr bird openbgpd}
FRR_AFS="ipv4 ipv6"	# the families FRR is read back in (random mode: per run)

skip_all() { echo "lab: SKIP: $*"; exit 0; }
[ "$(id -u)" = 0 ] || skip_all "needs root for network namespaces"
for t in ip jq python3 exabgp bc; do
	command -v "$t" >/dev/null 2>&1 || skip_all "$t is not installed"
done
[ -x "$MC" ] || { echo "lab: $MC not built" >&2; exit 2; }
ip netns add mclab-probe-$$ 2>/dev/null || skip_all "cannot create network namespaces here"
ip netns del mclab-probe-$$

NS1=mclab-$$-dut; NS2=mclab-$$-spk; V1=mcl$$a; V2=mcl$$b
PIDS=()
RUN=""
cleanup() {
	local p alive
	for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null; done
	for _ in 1 2 3 4 5 6 7 8 9 10; do
		alive=0
		for p in "${PIDS[@]}"; do kill -0 "$p" 2>/dev/null && alive=1; done
		[ $alive = 0 ] && break
		sleep 0.1
	done
	for p in "${PIDS[@]}"; do kill -9 "$p" 2>/dev/null; done
	wait 2>/dev/null
	PIDS=()
	ip netns del $NS1 2>/dev/null; ip netns del $NS2 2>/dev/null
}
trap cleanup EXIT
trap 'cleanup; exit 130' INT TERM

topology() {
	local a
	ip netns add $NS1 && ip netns add $NS2 || return 1
	ip link add $V1 type veth peer name $V2 || return 1
	ip link set $V1 netns $NS1; ip link set $V2 netns $NS2
	ip -n $NS1 link set lo up; ip -n $NS2 link set lo up
	ip -n $NS1 addr add 192.0.2.1/24 dev $V1
	while read -r a _ _; do ip -n $NS2 addr add $a/24 dev $V2; done < $RUN/neighbors.txt
	if [ -f $RUN/neighbors6.txt ]; then	# IPv6 next hops (gen.py --v6)
		ip -n $NS1 addr add 2001:db8:ffff::1/64 dev $V1 nodad
		while read -r _ a; do ip -n $NS2 addr add $a/64 dev $V2 nodad; done < $RUN/neighbors6.txt
	fi
	ip -n $NS1 link set $V1 up; ip -n $NS2 link set $V2 up
}

T_START=$(date +%s.%N)
vlog() {
	[ "${VERBOSE:-0}" = 1 ] && printf 'lab: [%7.2fs] %s\n' "$(echo "$(date +%s.%N) - $T_START" | bc)" "$*"
	return 0
}

# neighbors.txt is "ADDR AS NAME"; map NAME COUNT|PREFIX lines to ADDR ...
by_name() { awk 'NR == FNR { a[$3] = $1; next } ($1 in a) { print a[$1], $2 }' $RUN/neighbors.txt -; }

# ---- per daemon: missing, check, start, vrps (count loaded), received
# ("ADDR COUNT" per neighbour, pre-policy), accepted ("ADDR PREFIX") --------

frr_missing() {
	[ -x /usr/lib/frr/bgpd ] || { echo "/usr/lib/frr/bgpd missing (Debian package frr)"; return; }
	command -v vtysh >/dev/null || echo "vtysh missing (Debian package frr)"
}
frr_rpki_ok() { ls /usr/lib/*/frr/modules/bgpd_rpki.so >/dev/null 2>&1; }
frr_check() { vtysh -C -f $CONF; }
frr_start() {
	local mods=()
	[ $USE_RPKI = 1 ] && mods=(-M rpki)
	mkdir -p $RUN/frr
	ip netns exec $NS1 /usr/lib/frr/bgpd -d -S -Z "${mods[@]}" -f $CONF \
	    --vty_socket $RUN/frr -i $RUN/frr/bgpd.pid --log file:$RUN/frr/bgpd.log || return 1
	for _ in $(seq 50); do [ -s $RUN/frr/bgpd.pid ] && break; sleep 0.1; done
	PIDS+=("$(cat $RUN/frr/bgpd.pid)")
}
frr_q() { vtysh --vty_socket $RUN/frr -c "$1"; }
frr_vrps() { frr_q "show rpki prefix-table" 2>/dev/null | awk '/Number of IPv4 Prefixes/ {print $NF}'; }
# soft-reconfiguration inbound keeps the pre-policy Adj-RIB-In
frr_received() {
	local addr
	while read -r addr _; do
		echo "$addr $(( $( { for af in $FRR_AFS; do
		    frr_q "show bgp $af unicast neighbors $addr received-routes json" 2>/dev/null |
		    jq -r '.totalPrefixCounter // 0' 2>/dev/null; done; echo 0; } | paste -sd+) ))"
	done < $RUN/neighbors.txt
}
frr_accepted() {
	local af
	for af in $FRR_AFS; do
		frr_q "show bgp $af unicast json" | jq -r '.routes // {} | to_entries[] | .key as $p | .value[] | select(.valid==true) | "\(.peerId) \($p)"'
	done
}

bird_missing() { command -v bird >/dev/null && command -v birdc >/dev/null || echo "bird/birdc missing (Debian package bird2)"; }
bird_rpki_ok() { true; }
bird_check() { bird -p -c $CONF; }
bird_start() {
	ip netns exec $NS1 bird -c $CONF -s $RUN/bird.ctl -P $RUN/bird.pid || return 1
	for _ in $(seq 50); do [ -s $RUN/bird.pid ] && break; sleep 0.1; done
	PIDS+=("$(cat $RUN/bird.pid)")
}
bird_q() { birdc -s $RUN/bird.ctl "$@"; }
bird_vrps() { bird_q show route table r4 count 2>/dev/null | awk '/routes for/ {print $1}'; }
# "Import updates: received ..." per protocol (one route = one update here;
# counted before the filter, like the import table)
bird_received() {
	bird_q show protocols all | awk '
		/^[A-Za-z_][A-Za-z0-9_]* +BGP/ { p = $1 }
		/Import updates:/ && p != "" { print p, $3; p = "" }' | by_name
}
# master4: a line with a prefix starts a network, indented lines are more
# routes for it; "[NAME ...]" names the protocol (= neighbour).
bird_accepted() {
	bird_q show route | awk '
		/^[0-9]+\.[0-9]+\.[0-9]+\.[0-9]+\/[0-9]+/ { pfx = $1 }
		match($0, /\[[A-Za-z_][A-Za-z0-9_]* /) { print substr($0, RSTART + 1, RLENGTH - 2), pfx }' | by_name
}

openbgpd_missing() { command -v bgpd >/dev/null && command -v bgpctl >/dev/null || echo "bgpd/bgpctl missing (Debian package openbgpd)"; }
openbgpd_rpki_ok() { true; }
openbgpd_check() { bgpd -n -f $CONF; }
openbgpd_start() {
	mkdir -p /run/openbgpd   # chroot of user _openbgpd (systemd makes it normally)
	# the control socket goes into this run's directory
	sed "s|^socket .*|socket \"$RUN/bgpd.sock\"|" $CONF > $RUN/bgpd.run.conf
	grep -q '^socket ' $RUN/bgpd.run.conf || sed -i "1i socket \"$RUN/bgpd.sock\"" $RUN/bgpd.run.conf
	ip netns exec $NS1 bgpd -d -f $RUN/bgpd.run.conf > $RUN/bgpd.log 2>&1 &
	PIDS+=($!)
	for _ in $(seq 50); do [ -S $RUN/bgpd.sock ] && break; sleep 0.1; done
}
openbgpd_q() { bgpctl -s $RUN/bgpd.sock "$@"; }
openbgpd_vrps() {
	if grep -q '^rpki_source=roa-set' $RUN/meta.txt; then sed -n 's/^vrp_prefixes=//p' $RUN/meta.txt; return; fi
	openbgpd_q show sets 2>/dev/null | awk '$1 == "ROA" {print $(NF-3)}'
}
# show summary: descr (or address) ... State/PrfRcvd (a number once up)
openbgpd_received() {
	openbgpd_q show summary 2>/dev/null | awk 'NR > 1 && $NF ~ /^[0-9]+$/ { print $1, $NF }' | by_name
}
openbgpd_accepted() {
	openbgpd_q -j show rib 2>/dev/null | jq -r '.rib[]? | "\(.neighbor.remote_addr) \(.prefix)"'
}

start_rtr() {
	ip netns exec $NS1 stayrtr -bind 127.0.0.1:8282 -metrics.addr 127.0.0.1:9847 \
	    -cache $RUN/vrps.json -checktime=false -refresh 3600 > $RUN/stayrtr.log 2>&1 &
	PIDS+=($!)
	for _ in $(seq 50); do ip netns exec $NS1 ss -ltn | grep -q 127.0.0.1:8282 && break; sleep 0.1; done
}
start_exabgp() {	# [NAME]: $RUN/NAME.conf (default exabgp)
	local n=${1:-exabgp}
	ip netns exec $NS2 env exabgp.daemon.user=root exabgp.daemon.daemonize=false \
	    exabgp.api.cli=false exabgp.log.destination=$RUN/$n.log \
	    exabgp $RUN/$n.conf > $RUN/$n.out 2>&1 &
	PIDS+=($!)
}

# EXPORT=1: what the receiving sessions got, from ExaBGP's JSON (rx.json):
# "ADDR PREFIX" per route announced and not withdrawn since; ADDR is the
# receiver (ExaBGP's local address).
rx_routes() {
	[ -s $RUN/rx.json ] || return 0
	jq -r 'select(.type == "update") | .neighbor.address.local as $a | .neighbor.message.update // .message.update // {} |
	    (((.announce // {})["ipv4 unicast"] // {}) | to_entries[] | .value[] | "A \($a) \(.nlri // .)"),
	    (((.withdraw // {})["ipv4 unicast"] // []) | .[] | "W \($a) \(.nlri // .)")' $RUN/rx.json 2>/dev/null |
	awk '{ k = $2 " " $3; if ($1 == "A") s[k] = 1; else delete s[k] } END { for (k in s) print k }'
}
# receivers whose session sent End-of-RIB for IPv4 unicast
rx_eors() {
	[ -s $RUN/rx.json ] || return 0
	jq -r 'select(.type == "update") | select((.neighbor.message.eor // .message.eor // null) != null) | .neighbor.address.local' $RUN/rx.json 2>/dev/null | sort -u
}

# EXPORT=1 after the daemon started: the source's routes in, then the
# receivers' sessions; writes $RUN/daemon.txt ("RECEIVER PREFIX" sent).
export_run() {
	local d=$1 src want ok deadline acc n nr
	src=$(sed -n 's/^src=//p' $RUN/meta.txt)
	want=$(grep -c '^ *route ' $RUN/exabgp.conf)
	start_exabgp exabgp
	ok=0; deadline=$(( $(date +%s) + ${TIMEOUT:-90} ))
	while [ "$(date +%s)" -lt $deadline ]; do
		n=$(${d}_accepted | awk -v s=$src '$1 == s' | sort -u | wc -l)
		[ "$n" = "$want" ] && { ok=1; break; }
		sleep 0.3
	done
	if [ $ok != 1 ]; then
		echo "lab: $LABEL: INCONCLUSIVE, the source's routes in $d: $n of $want"
		cleanup; return 1
	fi
	vlog "$LABEL: $want routes from the source in the RIB"
	start_exabgp exabgp-rx
	# every receiver sends End-of-RIB (ExaBGP announces graceful restart),
	# then nothing changes for a while
	nr=$(awk -v s=$src '$1 != s' $RUN/neighbors.txt | wc -l)
	ok=0; deadline=$(( $(date +%s) + ${TIMEOUT:-90} ))
	while [ "$(date +%s)" -lt $deadline ]; do
		[ "$(rx_eors | wc -l)" = "$nr" ] && { ok=1; break; }
		sleep 0.3
	done
	if [ $ok != 1 ]; then
		echo "lab: $LABEL: INCONCLUSIVE, End-of-RIB from $(rx_eors | wc -l) of $nr receiving sessions"
		cleanup; return 1
	fi
	acc=$(rx_routes | sort); for _ in $(seq 20); do sleep 0.5; n=$(rx_routes | sort); [ "$n" = "$acc" ] && break; acc=$n; done
	echo "$acc" > $RUN/daemon.txt
	vlog "$LABEL: routes sent to the receivers read"
	cleanup
	vlog "$LABEL: stopped"
}

# Every VRP of $RUN loaded by the daemon $1: up to TIMEOUT seconds (RTR
# loads slowly on a busy CI machine), or about STALL seconds (30) in which
# a count above zero does not change (a daemon that stopped loading).
# Returns 1 when not, with what was loaded in VRPS_LOADED.
wait_vrps() {
	local d=$1 want now last="" still=0
	want=$(sed -n 's/^vrps=//p' $RUN/meta.txt)
	[ $d = openbgpd ] && want=$(sed -n 's/^vrp_prefixes=//p' $RUN/meta.txt)
	for _ in $(seq $(( ${TIMEOUT:-90} * 10 ))); do
		now=$(${d}_vrps)
		[ "$now" = "$want" ] && return 0
		if [ "$now" = "$last" ]; then still=$((still + 1)); else still=0; last=$now; fi
		# a stall only once some came in: a session still connecting
		# shows none for a while
		case $now in ''|0|*[!0-9]*) still=0 ;; esac
		[ $still -ge $(( ${STALL:-30} * 10 )) ] && break
		sleep 0.1
	done
	VRPS_LOADED="$(${d}_vrps) of $want"
	return 1
}

# The topology, the RTR cache (with RPKI) and the daemon $1, every VRP
# loaded before the first route arrives.  Returns 1 when the daemon did
# not start, 2 when its VRPs did not all load.
daemon_up() {
	local d=$1
	topology || { echo "lab: cannot build the topology"; cleanup; return 1; }
	[ $USE_RPKI = 1 ] && start_rtr
	${d}_start || { echo "lab: $LABEL: $d did not start"; cleanup; return 1; }
	if [ $USE_RPKI = 1 ] && ! wait_vrps $d; then
		cleanup; return 2
	fi
	return 0
}

# The daemon $1 on $CONF with the routes of $RUN: writes $RUN/daemon.txt
# ("ADDR PREFIX" accepted).  Returns 1 when it could not be decided.
daemon_run() {
	local d=$1 ok deadline acc n rc
	if ! ${d}_check > $RUN/check.log 2>&1; then
		echo "lab: $LABEL: config rejected by the daemon's check:"; head -5 $RUN/check.log
		return 1
	fi
	vlog "$LABEL: config checked"
	daemon_up $d; rc=$?
	if [ $rc = 2 ]; then
		# OpenBGPD 8 can stop short while it loads a ROA set ("ROA
		# softreload skipped, old still running"): a second start from
		# nothing, once, before the run is called inconclusive.
		echo "lab: $LABEL: VRPs loaded: $VRPS_LOADED; starting $d again"
		daemon_up $d; rc=$?
	fi
	if [ $rc = 2 ]; then
		echo "lab: $LABEL: INCONCLUSIVE, VRPs loaded: $VRPS_LOADED"
		return 1
	fi
	[ $rc = 0 ] || return 1
	vlog "$LABEL: $d started, VRPs loaded"
	if grep -q '^export=1' $RUN/meta.txt; then export_run $d; return; fi
	start_exabgp
	# Wait until every neighbour delivered all its routes (pre-policy).
	awk '!/^#/ && NF {print $1}' $RUN/queries.txt | sort | uniq -c | awk '{print $2, $1}' | sort > $RUN/want.txt
	ok=0; deadline=$(( $(date +%s) + ${TIMEOUT:-90} ))
	while [ "$(date +%s)" -lt $deadline ]; do
		${d}_received | sort > $RUN/received.txt
		cmp -s $RUN/want.txt $RUN/received.txt && { ok=1; break; }
		sleep 0.3
	done
	if [ $ok != 1 ]; then
		echo "lab: $LABEL: INCONCLUSIVE, not every route arrived:"
		diff $RUN/want.txt $RUN/received.txt | head -5
		cleanup; return 1
	fi
	vlog "$LABEL: all routes received"
	# bgpd validates some lines only when it loads them (vtysh -C passes)
	if [ $d = frr ] && grep -q 'error processing configuration' $RUN/frr/bgpd.log 2>/dev/null; then
		echo "lab: $LABEL: note: bgpd refused $(grep -c 'error processing configuration' $RUN/frr/bgpd.log)" \
		    "configuration change(s) at load, e.g.: $(grep -m1 -o 'xpath .*' $RUN/frr/bgpd.log)"
	fi
	# Policy application is asynchronous: read until two reads agree.
	acc=$(${d}_accepted | sort); for _ in $(seq 20); do sleep 0.3; n=$(${d}_accepted | sort); [ "$n" = "$acc" ] && break; acc=$n; done
	echo "$acc" > $RUN/daemon.txt
	vlog "$LABEL: accepted routes read"
	cleanup
	vlog "$LABEL: stopped"
}

# Route by route: $RUN/daemon.txt against manrs-check eval --batch.
# Sets RES_N, RES_A, RES_X (approximate), RES_Y (daemon accepted), RES_W
# (disagreements where manrs-check did not say "approximate").  Succeeds
# when every pair agrees, or with APPROX_OK=1 when RES_W is 0.
compare() {
	local d=$1
	RES_N=""
	if ! "$MC" eval $CONF --batch $RUN/queries.txt > $RUN/ours.txt 2> $RUN/ours.err; then
		echo "lab: $LABEL: manrs-check eval --batch failed:"; head -5 $RUN/ours.err
		return 1
	fi
	read -r RES_N RES_A RES_X RES_Y RES_W < <(awk -v label="$LABEL" '
		FILENAME == ARGV[1] { acc[$1 " " $2] = 1; next }
		FILENAME == ARGV[2] { ours[$1 " " $2] = $3; if ($4 == "approximate") approx[$1 " " $2] = 1; next }
		/^#/ || NF == 0 { next }
		{
			k = $1 " " $2; dv = (k in acc) ? "accept" : "reject"; o = (k in ours) ? ours[k] : "none"
			n++
			if (dv == "accept") y++
			if (k in approx) x++
			if (dv == o) a++
			else if (!(k in approx)) w++
			if (dv != o && n - a <= 20) print "DISAGREE " label " neighbor=" $1 " route=" $2 " " $3 " " $4 " " $5 " daemon=" dv " manrs-check=" o (k in approx ? " (approximate)" : "") > "/dev/stderr"
		}
		END { print n + 0, a + 0, x + 0, y + 0, w + 0 }' $RUN/daemon.txt $RUN/ours.txt $RUN/queries.txt)
	[ "$RES_A" = "$RES_N" ] || { [ "${APPROX_OK:-0}" = 1 ] && [ "$RES_W" = 0 ]; }
}

rpki_for() {	# $1 daemon: sets USE_RPKI
	USE_RPKI=${RPKI:-1}
	if [ $USE_RPKI = 1 ] && ! command -v stayrtr >/dev/null; then
		echo "lab: $1: no RPKI checks: stayrtr missing (Debian package stayrtr)"; USE_RPKI=0
	fi
	if [ $USE_RPKI = 1 ] && ! $1_rpki_ok; then
		echo "lab: $1: no RPKI checks: bgpd rpki module missing (Debian package frr-rpki-rtrlib)"; USE_RPKI=0
	fi
}

# ---- oracle: the daemon's verdicts for hand-made cases ----------------------
if [ $MODE = oracle ]; then
	STATUS=0
	for dir in "$@"; do
		dir=$(cd "$dir" && pwd) || { STATUS=1; continue; }
		RUN=$(mktemp -d /tmp/mclab.XXXXXX); chmod 755 $RUN
		cp "$dir"/dut.*.conf "$dir"/queries.txt $RUN/ && cp "$dir"/vrps.json $RUN/ 2>/dev/null
		python3 $HERE/gen.py --from-queries $RUN || { STATUS=1; continue; }
		d=$(sed -n 's/^daemon=//p' $RUN/meta.txt); CONF=$(ls $RUN/dut.*.conf); LABEL="$d ${dir#$PWD/}"
		why=$(${d}_missing)
		[ -n "$why" ] && { echo "lab: $LABEL: SKIP: $why"; continue; }
		USE_RPKI=$(sed -n 's/^rpki=//p' $RUN/meta.txt)
		if [ $USE_RPKI = 1 ] && { ! command -v stayrtr >/dev/null || ! ${d}_rpki_ok; }; then
			echo "lab: $LABEL: SKIP: needs stayrtr (and frr-rpki-rtrlib for FRR)"; continue
		fi
		if ! daemon_run $d; then STATUS=1; echo "lab: run dir kept: $RUN"; continue; fi
		awk 'NR == FNR { acc[$1 " " $2] = 1; next } /^#/ || NF == 0 { next }
		    { print $1, $2, (($1 " " $2) in acc) ? "accept" : "reject" }' $RUN/daemon.txt $RUN/queries.txt > "$dir/expected.txt"
		CONF="$dir/$(basename $CONF)"
		compare $d; rc=$?
		echo "lab: $LABEL: $RES_N queries, daemon accepted $RES_Y, manrs-check agrees on $RES_A -> $dir/expected.txt"
		[ $rc = 0 ] && rm -rf $RUN || echo "lab: run dir kept: $RUN"
	done
	exit $STATUS
fi

# ---- random policies --------------------------------------------------------
STATUS=0; SUMMARY=""
for d in $DAEMONS; do
	case $d in frr|bird|openbgpd) ;; *) echo "lab: unknown daemon $d"; exit 2 ;; esac
	why=$(${d}_missing)
	if [ -n "$why" ]; then
		echo "lab: $d: SKIP: $why"
		SUMMARY="$SUMMARY$(printf 'lab: %-8s SKIP (%s)' $d "$why")\n"
		continue
	fi
	rpki_for $d
	T0=$(date +%s.%N); TOTAL=0; AGREE=0; BROKEN=0; APPROX=0; SURE=0
	for seed in $SEEDS; do
		RUN=$(mktemp -d /tmp/mclab.XXXXXX); chmod 755 $RUN
		LABEL="$d seed=$seed"
		rpki_arg=(); [ $USE_RPKI = 1 ] && rpki_arg=(--rpki)
		FRR_AFS=ipv4; nroutes=$ROUTES
		if [ "${EXPORT:-0}" = 1 ]; then	# one source, 2 x ROUTES routes, IPv4
			rpki_arg+=(--export); nroutes=$((ROUTES * 2)); LABEL="$d export seed=$seed"
		elif [ "${V6:-1}" = 1 ] && [ $d = frr ]; then rpki_arg+=(--v6); FRR_AFS="ipv4 ipv6"; fi
		if ! python3 $HERE/gen.py --daemon $d --seed $seed --peers $PEERS --routes $nroutes "${rpki_arg[@]}" --out $RUN; then
			STATUS=1; BROKEN=$((BROKEN + 1)); continue
		fi
		CONF=$(ls $RUN/dut.*.conf)
		if ! daemon_run $d; then
			STATUS=1; BROKEN=$((BROKEN + 1)); echo "lab: run dir kept: $RUN"; continue
		fi
		compare $d || STATUS=1
		if [ -z "$RES_N" ]; then
			BROKEN=$((BROKEN + 1)); echo "lab: run dir kept: $RUN"; continue
		fi
		echo "lab: $LABEL ($(grep -E '^(profile|rpki_source)=' $RUN/meta.txt | tr '\n' ' ')rpki=$USE_RPKI):" \
		    "$RES_N pairs ($RES_Y accepted by $d), $RES_A agree, $RES_X approximate," \
		    "$RES_W disagree where manrs-check was sure"
		TOTAL=$((TOTAL + RES_N)); AGREE=$((AGREE + RES_A)); APPROX=$((APPROX + RES_X))
		SURE=$((SURE + RES_W))
		if [ "$RES_A" = "$RES_N" ] && [ "${KEEP:-0}" != 1 ]; then
			rm -rf $RUN
		else
			echo "lab: run dir kept: $RUN (replay: $0 $BUILD oracle $RUN)"
		fi
	done
	T1=$(date +%s.%N)
	line=$(printf 'lab: %-8s %6d pairs tried, %6d agree (%.2f%%), %d approximate, %d sure disagreements, %d broken runs, %.1f s' \
	    $d $TOTAL $AGREE "$(echo "if ($TOTAL > 0) 100 * $AGREE / $TOTAL else 0" | bc -l)" $APPROX $SURE $BROKEN \
	    "$(echo "$T1 - $T0" | bc)")
	echo "$line"
	SUMMARY="$SUMMARY$line\n"
done
if [ "${EXPORT:-0}" = 1 ]; then
	echo "---- lab summary, export (seeds: $SEEDS; $((ROUTES * 2)) routes from one source x $PEERS receivers per seed) ----"
else
	echo "---- lab summary (seeds: $SEEDS; $PEERS neighbours x $ROUTES routes per seed) ----"
fi
printf '%b' "$SUMMARY"
exit $STATUS

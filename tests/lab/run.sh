#!/bin/bash
# Differential lab: real BGP daemons decide which routes a random policy
# accepts; manrs-check eval must decide the same, route by route.
#
#   tests/lab/run.sh BUILD quick|full [SEED...]
#
# Each seed: tests/lab/gen.py writes a DUT configuration (one eBGP neighbour
# per random policy) and an ExaBGP configuration announcing random routes from
# every neighbour.  The DUT runs in a network namespace of our own, the
# speaker in a second one, linked by a veth pair; only 192.0.2.0/24 inside
# those namespaces is used.  Every process started here is stopped by PID,
# also on failure, and the namespaces are deleted.
# A disagreement prints the seed, the neighbour, the route and the daemon's
# and our verdicts; the run directory is kept for replay.
set -u
BUILD=${1:-build}; MODE=${2:-quick}; shift 2 2>/dev/null || true
HERE=$(cd "$(dirname "$0")" && pwd)
MC=$(cd "$BUILD" && pwd)/manrs-check
case $MODE in
quick) PEERS=${PEERS:-8}; ROUTES=${ROUTES:-60}; SEEDS=${*:-1} ;;
full)  PEERS=${PEERS:-20}; ROUTES=${ROUTES:-500}; SEEDS=${*:-1 2} ;;
*) echo "usage: $0 BUILD quick|full [SEED...]" >&2; exit 2 ;;
esac

skip() { echo "lab: SKIP: $*"; exit 0; }
[ "$(id -u)" = 0 ] || skip "needs root for network namespaces"
for t in ip jq python3 exabgp vtysh /usr/lib/frr/bgpd; do
	command -v "$t" >/dev/null 2>&1 || [ -x "$t" ] || skip "$t is not installed"
done
[ -x "$MC" ] || { echo "lab: $MC not built" >&2; exit 2; }
ip netns add mclab-probe-$$ 2>/dev/null || skip "cannot create network namespaces here"
ip netns del mclab-probe-$$

NS1=mclab-$$-dut; NS2=mclab-$$-spk; V1=mcl$$a; V2=mcl$$b
PIDS=()
RUN=""
cleanup() {
	for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null; done
	sleep 0.2
	for p in "${PIDS[@]}"; do kill -9 "$p" 2>/dev/null; done
	PIDS=()
	ip netns del $NS1 2>/dev/null; ip netns del $NS2 2>/dev/null
}
trap cleanup EXIT INT TERM

topology() {
	local n=$1 i
	ip netns add $NS1 && ip netns add $NS2 || return 1
	ip link add $V1 type veth peer name $V2 || return 1
	ip link set $V1 netns $NS1; ip link set $V2 netns $NS2
	ip -n $NS1 link set lo up; ip -n $NS2 link set lo up
	ip -n $NS1 addr add 192.0.2.1/24 dev $V1
	for i in $(seq 0 $((n - 1))); do ip -n $NS2 addr add 192.0.2.$((10 + i))/24 dev $V2; done
	ip -n $NS1 link set $V1 up; ip -n $NS2 link set $V2 up
}

start_frr() {
	mkdir -p $RUN/frr
	ip netns exec $NS1 /usr/lib/frr/bgpd -d -S -Z -f $RUN/dut.frr.conf \
	    --vty_socket $RUN/frr -i $RUN/frr/bgpd.pid --log file:$RUN/frr/bgpd.log || return 1
	for _ in $(seq 50); do [ -s $RUN/frr/bgpd.pid ] && break; sleep 0.1; done
	PIDS+=($(cat $RUN/frr/bgpd.pid))
}
Q() { vtysh --vty_socket $RUN/frr -c "$1"; }
frr_received() { Q "show bgp ipv4 unicast neighbors $1 received-routes json" 2>/dev/null | jq -r '.totalPrefixCounter // 0'; }
frr_accepted() {
	Q "show bgp ipv4 unicast json" | jq -r '.routes | to_entries[] | .key as $p | .value[] | select(.valid==true) | "\(.peerId) \($p)"' | sort
}

start_exabgp() {
	ip netns exec $NS2 env exabgp.daemon.user=root exabgp.daemon.daemonize=false \
	    exabgp.api.cli=false exabgp.log.destination=$RUN/exabgp.log \
	    exabgp $RUN/exabgp.conf > $RUN/exabgp.out 2>&1 &
	PIDS+=($!)
}

TOTAL=0; AGREE=0; FAILED=0
T0=$(date +%s.%N)
for seed in $SEEDS; do
	RUN=$(mktemp -d /tmp/mclab.XXXXXX); chmod 755 $RUN
	python3 $HERE/gen.py --daemon frr --seed $seed --peers $PEERS --routes $ROUTES --out $RUN || exit 2
	if ! vtysh -C -f $RUN/dut.frr.conf >$RUN/check.log 2>&1; then
		echo "lab: seed $seed: generated FRR config rejected by vtysh -C:"; cat $RUN/check.log; exit 1
	fi
	topology $PEERS || { echo "lab: cannot build the topology"; exit 2; }
	start_frr || { echo "lab: bgpd did not start"; exit 2; }
	start_exabgp
	# Wait until every neighbour delivered all its routes (pre-policy Adj-RIB-In).
	want=$(awk '{print $1}' $RUN/queries.txt | sort | uniq -c | awk '{print $2" "$1}')
	ok=0; deadline=$(( $(date +%s) + ${TIMEOUT:-90} ))
	while [ $(date +%s) -lt $deadline ]; do
		ok=1
		while read -r addr n; do
			[ "$(frr_received $addr)" = "$n" ] || { ok=0; break; }
		done <<< "$want"
		[ $ok = 1 ] && break
		sleep 0.3
	done
	if [ $ok != 1 ]; then
		echo "lab: seed $seed: INCONCLUSIVE, not every route arrived (run dir $RUN)"
		cleanup; FAILED=1; continue
	fi
	# Policy application is asynchronous: read until two reads agree.
	acc=$(frr_accepted); for _ in $(seq 20); do sleep 0.3; n=$(frr_accepted); [ "$n" = "$acc" ] && break; acc=$n; done
	echo "$acc" > $RUN/daemon.txt
	cleanup
	# Our verdicts for the same pairs.
	if ! "$MC" eval $RUN/dut.frr.conf --batch $RUN/queries.txt > $RUN/ours.txt 2> $RUN/ours.err; then
		echo "lab: seed $seed: manrs-check eval --batch failed:"; head -5 $RUN/ours.err; FAILED=1; continue
	fi
	# One pass: daemon's accepted set, our verdicts, the queries.
	read -r n a < <(awk -v seed=$seed '
		FILENAME == ARGV[1] { acc[$1 " " $2] = 1; next }
		FILENAME == ARGV[2] { ours[$1 " " $2] = $3; next }
		{
			k = $1 " " $2; d = (k in acc) ? "accept" : "reject"; o = (k in ours) ? ours[k] : "none"
			n++
			if (d == o) a++
			else if (n - a <= 10) print "DISAGREE seed=" seed " neighbor=" $1 " route=" $2 " " $3 " " $4 " daemon=" d " manrs-check=" o > "/dev/stderr"
		}
		END { print n + 0, a + 0 }' $RUN/daemon.txt $RUN/ours.txt $RUN/queries.txt)
	echo "lab: frr seed $seed: $n pairs, $a agree"
	TOTAL=$((TOTAL + n)); AGREE=$((AGREE + a))
	if [ $a = $n ] && [ $FAILED = 0 ]; then rm -rf $RUN; else echo "lab: run dir kept: $RUN"; FAILED=1; fi
done
T1=$(date +%s.%N)
printf 'lab: frr: %d pairs tried, %d agree (%.2f%%), %.1f s\n' $TOTAL $AGREE \
    "$(echo "if ($TOTAL > 0) 100 * $AGREE / $TOTAL else 0" | bc -l)" "$(echo "$T1 - $T0" | bc)"
[ $FAILED = 0 ] && [ $TOTAL = $AGREE ]

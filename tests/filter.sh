#!/bin/sh
# `manrs-check filter`: the IRR-implied prefix filter.
#  1. the same prefixes as bgpq4 (when installed) for the same RPSL data,
#     served to bgpq4 by tests/irr/fake_irrd.py on loopback;
#  2. the output of every vendor is accepted by FRR, BIRD and OpenBGPD
#     (when installed) as configuration.
# Usage: tests/filter.sh [MANRS_CHECK_BINARY]
set -u
here=$(cd "$(dirname "$0")" && pwd)
# The binary, or a build directory (tests/run.sh passes it and MANRS_CHECK).
bin=${MANRS_CHECK:-${1:-$here/../build/manrs-check}}
[ -d "$bin" ] && bin=$bin/manrs-check
db=$here/irr/filter.rpsl
tmp=$(mktemp -d "${TMPDIR:-/tmp}/filter.XXXXXX")
pid=""
trap '[ -n "$pid" ] && kill "$pid" 2>/dev/null; rm -rf "$tmp"' EXIT INT TERM
nfail=0
ok() { echo "ok   filter: $1"; }
bad() { echo "FAIL filter: $1"; nfail=$((nfail + 1)); }

# Known answers (independent of bgpq4).
"$bin" filter AS-TOP --irr "$db" --name T > "$tmp/t4" 2>"$tmp/err"
cat > "$tmp/want4" <<'EOT'
no ip prefix-list T
ip prefix-list T permit 185.20.0.0/22
ip prefix-list T permit 185.20.0.0/24
ip prefix-list T permit 185.20.1.0/24
ip prefix-list T permit 185.20.8.0/21
ip prefix-list T permit 194.99.0.0/16
EOT
if cmp -s "$tmp/t4" "$tmp/want4"; then ok "AS-TOP ipv4"; else bad "AS-TOP ipv4: $(diff "$tmp/want4" "$tmp/t4" | head -5)"; fi
grep -q 'includes itself' "$tmp/err" && ok "loop reported" || bad "loop not reported"
"$bin" filter AS205001:AS-CUST --irr "$db" -6 --name C --vendor junos > "$tmp/c6"
printf 'policy-options {\nreplace:\n prefix-list C {\n    2a0e:4000:10::/48;\n    2a0e:5000::/29;\n }\n}\n' > "$tmp/wantc6"
if cmp -s "$tmp/c6" "$tmp/wantc6"; then ok "hierarchical ipv6 junos"; else bad "hierarchical ipv6 junos"; fi
"$bin" filter AS-AGG --irr "$here/irr/aggregate.rpsl" --aggregate --name L > "$tmp/agg"
if cmp -s "$tmp/agg" "$here/irr/aggregate.bgpq4-A"; then ok "--aggregate known answer"
else bad "--aggregate known answer: $(diff "$here/irr/aggregate.bgpq4-A" "$tmp/agg" | head -6)"; fi
"$bin" filter AS-NOPE --irr "$db" >/dev/null 2>&1; [ $? -eq 2 ] && ok "unknown set: exit 2" || bad "unknown set"
"$bin" filter AS205999 --irr "$db" -6 >/dev/null 2>&1; [ $? -eq 1 ] && ok "no routes: exit 1" || bad "no routes"

# 1. bgpq4 through the local IRRd-protocol responder.
if command -v bgpq4 >/dev/null 2>&1 && command -v python3 >/dev/null 2>&1; then
	port=$((20000 + $$ % 20000))
	python3 "$here/irr/fake_irrd.py" "$db" "$port" 2>"$tmp/irrd.log" &
	pid=$!
	i=0
	while ! grep -q listening "$tmp/irrd.log" && [ $i -lt 50 ]; do sleep 0.1; i=$((i + 1)); done
	for q in "AS-TOP" "AS-TOP -6" "AS-MID" "AS205001:AS-CUST" "AS205001:AS-CUST -6" "AS205000"; do
		set -- $q
		name=$1; shift
		bgpq4 -h "127.0.0.1:$port" -S TEST -l L "$@" "$name" 2>/dev/null | grep permit | sort > "$tmp/b"
		"$bin" filter "$name" --irr "$db" --name L "$@" 2>/dev/null | grep permit | sort > "$tmp/m"
		if [ -s "$tmp/b" ] && cmp -s "$tmp/b" "$tmp/m"; then ok "= bgpq4 $q ($(wc -l < "$tmp/m") prefixes)"
		else bad "bgpq4 $q differs: $(diff "$tmp/b" "$tmp/m" | head -5)"; fi
	done
	kill "$pid" 2>/dev/null
	wait "$pid" 2>/dev/null
	pid=""
	# --aggregate = bgpq4 -A on random dense data (seeded, so repeatable):
	# siblings, prefixes with and without their children, v4 and v6.
	for seed in 1 2 3 4 5 6 7 8; do
		python3 - "$seed" > "$tmp/rand.rpsl" <<'EOP'
import random, sys, ipaddress
r = random.Random(int(sys.argv[1]))
print("as-set: AS-RAND\nmembers: AS205100, AS205101\nsource: TEST\n")
seen = set()
for fam, base, lens in ((4, ipaddress.ip_network("185.40.0.0/18"), (18, 25)),
                        (6, ipaddress.ip_network("2a0e:6000::/36"), (36, 44))):
    for _ in range(r.choice((40, 150, 400))):
        l = r.randint(*lens)
        n = list(base.subnets(new_prefix=l)) if l - base.prefixlen < 5 else None
        net = r.choice(n) if n else ipaddress.ip_network((int(base.network_address) + (r.getrandbits(l - base.prefixlen) << (base.max_prefixlen - l)), l))
        if net in seen: continue
        seen.add(net)
        print("%s: %s\norigin: AS%d\nsource: TEST\n" % ("route" if fam == 4 else "route6", net, r.choice((205100, 205101))))
EOP
		port=$((port + 1))
		rm -f "$tmp/irrd.log"
		python3 "$here/irr/fake_irrd.py" "$tmp/rand.rpsl" "$port" 2>"$tmp/irrd.log" &
		pid=$!
		i=0
		while ! grep -q listening "$tmp/irrd.log" 2>/dev/null && [ $i -lt 50 ]; do sleep 0.1; i=$((i + 1)); done
		for fam in -4 -6; do
			bgpq4 -h "127.0.0.1:$port" -S TEST -A $fam -l L AS-RAND 2>/dev/null | grep permit | sort > "$tmp/b"
			"$bin" filter AS-RAND --irr "$tmp/rand.rpsl" --aggregate $fam --name L 2>/dev/null | grep permit | sort > "$tmp/m"
			if [ -s "$tmp/b" ] && cmp -s "$tmp/b" "$tmp/m"; then ok "--aggregate = bgpq4 -A, seed $seed $fam ($(wc -l < "$tmp/m") lines, $(grep -c " le " "$tmp/m") with ranges)"
			else bad "--aggregate seed $seed $fam differs from bgpq4 -A: $(diff "$tmp/b" "$tmp/m" | head -6)"; fi
		done
		kill "$pid" 2>/dev/null
		wait "$pid" 2>/dev/null
		pid=""
	done
else
	echo "skip filter: bgpq4 or python3 not installed"
fi

# 2. The daemons accept what we print.
if command -v vtysh >/dev/null 2>&1 && [ -d /etc/frr ]; then
	{ echo "hostname t"; "$bin" filter AS-TOP --irr "$db" --vendor frr --name L4
	  "$bin" filter AS-TOP --irr "$db" --vendor frr -6 --name L6
	  "$bin" filter AS-AGG --irr "$here/irr/aggregate.rpsl" --vendor frr --aggregate --name A4; } 2>/dev/null | grep -v '^no ' > "$tmp/frr.conf"
	vtysh -C -f "$tmp/frr.conf" >/dev/null 2>&1 && ok "vtysh -C" || bad "vtysh -C rejects the FRR output"
fi
if command -v bird >/dev/null 2>&1; then
	{ echo "router id 192.0.2.1;"; "$bin" filter AS-TOP --irr "$db" --vendor bird --name L4
	  "$bin" filter AS-TOP --irr "$db" --vendor bird -6 --name L6
	  "$bin" filter AS-AGG --irr "$here/irr/aggregate.rpsl" --vendor bird --aggregate --name A4; echo "protocol device {}"; } 2>/dev/null > "$tmp/bird.conf"
	bird -p -c "$tmp/bird.conf" >/dev/null 2>&1 && ok "bird -p" || bad "bird -p rejects the BIRD output"
fi
if command -v bgpd >/dev/null 2>&1; then
	{ echo "AS 64500"; echo "router-id 192.0.2.1"; "$bin" filter AS-TOP --irr "$db" --vendor openbgpd --name L4
	  "$bin" filter AS-TOP --irr "$db" --vendor openbgpd -6 --name L6
	  "$bin" filter AS-AGG --irr "$here/irr/aggregate.rpsl" --vendor openbgpd --aggregate --name A4; } 2>/dev/null > "$tmp/bgpd.conf"
	bgpd -n -f "$tmp/bgpd.conf" >/dev/null 2>&1 && ok "bgpd -n" || bad "bgpd -n rejects the OpenBGPD output"
fi
[ $nfail -eq 0 ] || { echo "filter: $nfail failed"; exit 1; }
echo "filter: all passed"

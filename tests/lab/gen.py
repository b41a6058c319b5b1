#!/usr/bin/env python3
"""Random routing policies and routes for the differential lab (tests/lab/run.sh).

Writes, for one seed, a configuration for the daemon under test (FRR for now;
BIRD and OpenBGPD follow the same plan) with one eBGP neighbour per random
policy, an ExaBGP configuration announcing random routes from each neighbour,
and queries.txt: one line per (neighbour, route) pair, the input of
`manrs-check eval --batch`.  The same seed always gives the same files.
"""
import argparse
import ipaddress
import os
import random

DUT_AS = 100
DUT_ADDR = "192.0.2.1"

# Prefixes the policies and the routes are built around: bogons, a default,
# public space, nested ranges, so that ge/le boundaries and shadowing occur.
BASES = ["0.0.0.0/0", "10.0.0.0/8", "10.1.0.0/16", "10.1.2.0/24",
         "100.64.0.0/10", "172.16.0.0/12", "192.168.0.0/16", "185.10.0.0/16",
         "185.10.4.0/22", "185.10.4.0/24", "193.0.0.0/8", "193.0.0.0/21",
         "203.0.113.0/24", "224.0.0.0/4"]

# ExaBGP announces 224.0.0.0/4 as the multicast SAFI: policies may name it,
# routes stay outside it.
ROUTE_BASES = [b for b in BASES if not b.startswith("224.")]
MULTICAST_E = ipaddress.ip_network("224.0.0.0/3")

ASPATH_REGEXES = ["_64512_", "_23456_", "^{peer}_", "^{peer}$", "_6451[2-9]_",
                  "^[0-9]+$", ".*", "_174_", "^{peer}_[0-9]+$", "_65000$",
                  "^$", "_(64512|65535)_", "^{peer}(_{peer})*$", "3356"]

COMMUNITIES = ["{peer}:1", "{peer}:2", "65000:666", "65535:666", "64496:100"]

# AS 0 is not here: RFC 7607 makes FRR treat such an UPDATE as a withdrawal.
PRIVATE_ASNS = [64512, 64513, 65000, 65535, 23456, 4200000000]
PUBLIC_ASNS = [174, 3356, 1299, 13335, 15169, 2914, 6939, 8075, 64496]


def rand_prefix(rng, base, lens):
    """A prefix inside base with a length from lens (host bits random)."""
    net = ipaddress.ip_network(base)
    length = rng.choice([l for l in lens if net.prefixlen <= l <= 32] or [net.prefixlen])
    if length == net.prefixlen:
        return net
    sub_bits = length - net.prefixlen
    idx = rng.randrange(0, 1 << sub_bits) if sub_bits < 24 else rng.randrange(0, 1 << 24) << (sub_bits - 24)
    addr = int(net.network_address) + (idx << (32 - length))
    return ipaddress.ip_network((addr, length))


class Policy:
    """One neighbour's import policy in FRR syntax, plus the lengths it uses."""

    def __init__(self, rng, idx, peer_as):
        self.idx = idx
        self.peer_as = peer_as
        self.lines = []
        self.lens = set()
        self.name = "RM-%d" % idx
        self.plists = []
        for p in range(rng.randint(1, 3)):
            name = "PL-%d-%d" % (idx, p)
            self.plists.append(name)
            for seq in range(rng.randint(1, 5)):
                base = ipaddress.ip_network(rng.choice(BASES))
                act = rng.choice(["permit", "permit", "deny"])
                ge = le = None
                r = rng.random()
                if r < 0.3:
                    le = rng.randint(max(base.prefixlen, 1), 32)
                elif r < 0.5:
                    ge = rng.randint(max(base.prefixlen, 1), 32)
                elif r < 0.75:
                    ge = rng.randint(max(base.prefixlen, 1), 32)
                    le = rng.randint(ge, 32)
                text = "ip prefix-list %s seq %d %s %s" % (name, (seq + 1) * 5, act, base)
                self.lens.add(base.prefixlen)
                if ge is not None:
                    if ge <= base.prefixlen:
                        ge = base.prefixlen + 1 if base.prefixlen < 32 else None
                    if ge is not None:
                        text += " ge %d" % ge
                        self.lens.update({ge, ge - 1})
                if le is not None and (ge is None or le >= ge) and le >= base.prefixlen:
                    text += " le %d" % le
                    self.lens.update({le, min(le + 1, 32)})
                self.lines.append(text)
        self.aspaths = []
        for a in range(rng.randint(0, 2)):
            name = "AP-%d-%d" % (idx, a)
            self.aspaths.append(name)
            for seq in range(rng.randint(1, 3)):
                act = rng.choice(["permit", "deny", "permit"])
                rx = rng.choice(ASPATH_REGEXES).format(peer=peer_as)
                self.lines.append("bgp as-path access-list %s seq %d %s %s" % (name, (seq + 1) * 5, act, rx))
        self.clists = []
        for c in range(rng.randint(0, 1)):
            name = "CL-%d-%d" % (idx, c)
            self.clists.append(name)
            for _ in range(rng.randint(1, 2)):
                act = rng.choice(["permit", "deny", "permit"])
                self.lines.append("bgp community-list standard %s %s %s" % (
                    name, act, rng.choice(COMMUNITIES).format(peer=peer_as)))
        nterms = rng.randint(1, 4)
        for t in range(nterms):
            act = rng.choice(["permit", "deny"]) if t < nterms - 1 else rng.choice(["permit", "permit", "deny"])
            self.lines.append("route-map %s %s %d" % (self.name, act, (t + 1) * 10))
            matches = []
            if self.plists and rng.random() < 0.8:
                matches.append(" match ip address prefix-list %s" % rng.choice(self.plists))
            if self.aspaths and rng.random() < 0.4:
                matches.append(" match as-path %s" % rng.choice(self.aspaths))
            if self.clists and rng.random() < 0.3:
                matches.append(" match community %s" % rng.choice(self.clists))
            self.lines.extend(matches)
            self.lines.append("exit")


def frr_config(policies, neighbors):
    out = ["frr defaults traditional", "hostname lab-dut", "log stdout informational", "!"]
    for p in policies:
        out.extend(p.lines)
        out.append("!")
    out.append("router bgp %d" % DUT_AS)
    out.append(" bgp router-id %s" % DUT_ADDR)
    for addr, asn, _ in neighbors:
        out.append(" neighbor %s remote-as %d" % (addr, asn))
        out.append(" neighbor %s timers connect 1" % addr)
    out.append(" !")
    out.append(" address-family ipv4 unicast")
    for (addr, _, _), p in zip(neighbors, policies):
        out.append("  neighbor %s soft-reconfiguration inbound" % addr)
        out.append("  neighbor %s route-map %s in" % (addr, p.name))
    out.append(" exit-address-family")
    out.append("exit")
    out.append("!")
    return "\n".join(out) + "\n"


def routes_for(rng, policy, count):
    lens = sorted(policy.lens | {8, 16, 24, 25, 32})
    seen = set()
    routes = []
    tries = 0
    while len(routes) < count and tries < count * 20:
        tries += 1
        pfx = rand_prefix(rng, rng.choice(ROUTE_BASES), lens)
        if pfx in seen or (pfx.prefixlen > 0 and pfx.overlaps(MULTICAST_E)):
            continue
        seen.add(pfx)
        path = [policy.peer_as]
        for _ in range(rng.choice([0, 0, 1, 1, 2, 3])):
            path.append(rng.choice(PRIVATE_ASNS + PUBLIC_ASNS))
        comms = sorted({rng.choice(COMMUNITIES).format(peer=policy.peer_as)
                        for _ in range(rng.choice([0, 0, 1, 2]))})
        routes.append((str(pfx), path, comms))
    return routes


def exabgp_config(neighbors, routes):
    out = []
    for (addr, asn, _), rts in zip(neighbors, routes):
        out.append("neighbor %s {" % DUT_ADDR)
        out.append("    router-id %s;" % addr)
        out.append("    local-address %s;" % addr)
        out.append("    local-as %d;" % asn)
        out.append("    peer-as %d;" % DUT_AS)
        out.append("    hold-time 30;")
        out.append("    family { ipv4 unicast; }")
        out.append("    static {")
        for pfx, path, comms in rts:
            line = "        route %s next-hop self as-path [ %s ]" % (pfx, " ".join(map(str, path)))
            if comms:
                line += " community [ %s ]" % " ".join(comms)
            out.append(line + ";")
        out.append("    }")
        out.append("}")
    return "\n".join(out) + "\n"


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--daemon", default="frr", choices=["frr"])
    ap.add_argument("--seed", type=int, required=True)
    ap.add_argument("--peers", type=int, default=20)
    ap.add_argument("--routes", type=int, default=500)
    ap.add_argument("--out", required=True)
    a = ap.parse_args()
    rng = random.Random(a.seed)
    neighbors = [("192.0.2.%d" % (10 + i), 200 + i, i) for i in range(a.peers)]
    policies = [Policy(rng, i, asn) for (_, asn, i) in neighbors]
    routes = [routes_for(rng, p, a.routes) for p in policies]
    os.makedirs(a.out, exist_ok=True)
    with open(os.path.join(a.out, "dut.frr.conf"), "w") as f:
        f.write(frr_config(policies, neighbors))
    with open(os.path.join(a.out, "exabgp.conf"), "w") as f:
        f.write(exabgp_config(neighbors, routes))
    with open(os.path.join(a.out, "queries.txt"), "w") as f:
        for (addr, _, _), rts in zip(neighbors, routes):
            for pfx, path, comms in rts:
                f.write("%s %s path=%s comm=%s\n" % (addr, pfx, ",".join(map(str, path)),
                                                     ",".join(comms) or "-"))
    with open(os.path.join(a.out, "neighbors.txt"), "w") as f:
        for addr, asn, _ in neighbors:
            f.write("%s %d\n" % (addr, asn))


if __name__ == "__main__":
    main()

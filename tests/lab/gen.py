#!/usr/bin/env python3
"""Random routing policies and routes for the differential lab (tests/lab/run.sh).

For one seed and one daemon (FRR, BIRD 2 or OpenBGPD) this writes:
  dut.frr.conf | dut.bird.conf | dut.openbgpd.conf   the daemon under test,
      one eBGP neighbour per random policy (192.0.2.10.., AS 200..)
  exabgp.conf     ExaBGP announcing random routes from every neighbour
  queries.txt     one line per (neighbour, route): the input of
                  `manrs-check eval --batch` (with rov= when RPKI is on)
  vrps.json       with --rpki: VRPs in rpki-client JSON (stayrtr -cache)
  neighbors.txt   "ADDR AS NAME" per neighbour (NAME: BIRD protocol name)
  meta.txt        key=value facts run.sh needs (VRP count, profile, ...)
The same seed and options always give the same files.

`gen.py --from-queries DIR` instead writes exabgp.conf, neighbors.txt and
meta.txt for a hand-made case (DIR's own dut.*.conf, queries.txt and maybe
vrps.json): how `run.sh BUILD oracle` replays regress cases and run dirs.
"""
import argparse
import ipaddress
import os
import random
import re

DUT_AS = 100
DUT_ADDR = "192.0.2.1"
# --export: the one speaker that sends every route to the DUT (imported
# as is); the neighbours 192.0.2.10.. only receive, through their export
# policies.
SRC_ADDR = "192.0.2.9"
SRC_AS = 199
RTR_PORT = 8282

# Prefixes the policies and the routes are built around: bogons, a default,
# public space, nested ranges, so that ge/le boundaries and shadowing occur.
BASES = ["0.0.0.0/0", "10.0.0.0/8", "10.1.0.0/16", "10.1.2.0/24",
         "100.64.0.0/10", "172.16.0.0/12", "192.168.0.0/16", "185.10.0.0/16",
         "185.10.4.0/22", "185.10.4.0/24", "193.0.0.0/8", "193.0.0.0/21",
         "203.0.113.0/24", "224.0.0.0/4"]

# ExaBGP announces 224.0.0.0/4 as the multicast SAFI: policies may name it,
# routes stay outside 224.0.0.0/3.
ROUTE_BASES = [b for b in BASES if not b.startswith("224.")]
MULTICAST_E = ipaddress.ip_network("224.0.0.0/3")
# IPv6 (V6=1 in run.sh; FRR only so far): documentation, ULA, 6to4,
# 6bone, global unicast, the default.  Routes stay out of link-local and
# multicast space (bgpd ignores such NLRI).
BASES6 = ["::/0", "2000::/3", "2001:db8::/32", "2001:db8:1::/48", "2001:db8:1:2::/64",
          "2002::/16", "3ffe::/16", "fc00::/7", "2a00:1450::/32", "2a02:1000::/24",
          "2a02:1000:4::/48"]
ROUTE_BASES6 = [b for b in BASES6 if b != "::/0"]
MARTIANS6 = [ipaddress.ip_network("fe80::/10"), ipaddress.ip_network("ff00::/8"),
             ipaddress.ip_network("::/8")]

# Routes never fall in 0.0.0.0/8 or 127.0.0.0/8 (besides 0.0.0.0/0): these
# are martians to some daemons or RTR caches (BIRD drops a 127/8 VRP), a
# platform matter, not a policy one.
MARTIANS = [MULTICAST_E, ipaddress.ip_network("0.0.0.0/8"), ipaddress.ip_network("127.0.0.0/8")]

COMMUNITIES = ["{peer}:1", "{peer}:2", "65000:666", "65535:666", "64496:100",
               "65000:1", "65535:65281"]
LARGE_COMMUNITIES = ["65000:1:2", "{peer}:0:1", "4200000000:7:7"]

# AS 0 is not here: RFC 7607 makes daemons treat such an UPDATE as a
# withdrawal.  AS 100 (ours) neither: loop detection is not policy.
PRIVATE_ASNS = [64512, 64513, 65000, 65534, 65535, 23456, 4200000000]
PUBLIC_ASNS = [174, 3356, 1299, 13335, 15169, 2914, 6939, 8075, 64496]

RFC1997 = {"65535:65281", "65535:65282", "65535:65283"}

# Communities that policies set and then test again later in the same
# policy (set ... additive, bgp_community.add, set community).
TAG_AS = 65001


def net(s):
    return ipaddress.ip_network(s)


def rand_prefix(rng, base, lens):
    """A prefix inside base with a length from lens (host bits random)."""
    base = net(base) if isinstance(base, str) else base
    bits = base.max_prefixlen
    length = rng.choice([l for l in lens if base.prefixlen <= l <= bits] or [base.prefixlen])
    if length == base.prefixlen:
        return base
    sub_bits = length - base.prefixlen
    idx = rng.randrange(0, 1 << sub_bits) if sub_bits < 24 else rng.randrange(0, 1 << 24) << (sub_bits - 24)
    addr = int(base.network_address) + (idx << (bits - length))
    return ipaddress.ip_network((addr, length))


class Hints:
    """What a policy talks about, so the routes can stress its edges."""

    def __init__(self):
        self.lens = set()
        self.pfx = []
        self.asns = set()
        self.comms = set()

    def prefix(self, p, *lens):
        self.pfx.append(net(str(p)))
        self.lens.add(net(str(p)).prefixlen)
        for l in lens:
            if l is not None and 0 <= l <= net(str(p)).max_prefixlen:
                self.lens.add(l)


# ===================================================================== FRR

ASPATH_REGEXES = ["_64512_", "_23456_", "^{peer}_", "^{peer}$", "_6451[2-9]_",
                  "^[0-9]+$", ".*", "_174_", "^{peer}_[0-9]+$", "_65000$",
                  "^$", "_(64512|65535)_", "^{peer}(_{peer})*$", "3356",
                  "_{peer}_{peer}_", "^{peer}_174_", "_42[0-9]+$"]


def v6_names(line):
    """An IPv4 FrrPolicy line for the IPv6 policy of the same neighbour:
    its own list and route-map names, the IPv6 commands."""
    line = re.sub(r"\b(PL|AP|CL|AL|LCL|CLT|RMC|RM)-", r"\g<1>6-", line)
    line = line.replace("ip prefix-list ", "ipv6 prefix-list ")
    line = line.replace("match ip address ", "match ipv6 address ")
    if line.startswith("access-list "):
        line = "ipv6 " + line
    return line


class FrrPolicy:
    """One neighbour's import policy in FRR syntax.

    kind: rmap (route-map), none (no policy at all), undef (route-map named
    but not defined), plist (neighbour prefix-list, maybe with a route-map),
    flist (neighbour filter-list, maybe with a route-map), group (member of
    a peer-group that carries the route-map)."""

    def __init__(self, rng, idx, peer_as, rpki, undef_ok=True, kind=None, fam=4):
        self.fam = fam
        self.bases = BASES if fam == 4 else BASES6
        self.bits = 32 if fam == 4 else 128
        self.rng = rng
        self.idx = idx
        self.peer_as = peer_as
        self.rpki = rpki
        self.lists = []         # prefix/as-path/community lists
        self.rmaps = []         # route-maps
        self.nbr = []           # address-family lines for the neighbour
        self.h = Hints()
        self.tags = {}          # tag value -> community-list name
        self.plists, self.aspaths, self.clists, self.lclists = [], [], [], []
        self.lp_set = set()     # local-preference values set by earlier entries
        self.kind = kind or rng.choices(["rmap", "none", "undef", "plist", "flist", "dlist"],
                                        [72, 7, 4 if undef_ok else 0, 8, 5, 4])[0]
        self._lists()
        if self.kind == "none":
            return
        if self.kind == "undef":
            self.nbr.append("route-map RM-UNDEF-%d in" % idx)
            return
        if self.kind == "plist":
            name = rng.choice(self.plists + (["PL-UNDEF-%d" % idx] if undef_ok else []))
            self.nbr.append("prefix-list %s in" % name)
            if rng.random() < 0.5:
                return
        if self.kind == "dlist":
            name = rng.choice(self.acls + (["AL-UNDEF-%d" % idx] if undef_ok else []))
            self.nbr.append("distribute-list %s in" % name)
            if rng.random() < 0.5:
                return
        if self.kind == "flist":
            name = rng.choice(self.aspaths + (["AP-UNDEF-%d" % idx] if undef_ok else []))
            self.nbr.append("filter-list %s in" % name)
            if rng.random() < 0.5:
                return
        self.subs = []
        for k in range(rng.choice([0, 0, 1, 2])):
            sub = "RMC-%d-%d" % (idx, k)
            self.subs.append(sub)
            self._route_map(sub, rng.randint(1, 3), calls=False)
        self.name = "RM-%d" % idx
        self._route_map(self.name, rng.randint(1, 6), calls=True)
        self.nbr.append("route-map %s in" % self.name)

    @property
    def lines(self):
        if self.fam == 4:
            return self.lists + self.rmaps
        return [v6_names(l) for l in self.lists + self.rmaps]

    def _lists(self):
        rng, idx = self.rng, self.idx
        for p in range(rng.randint(1, 3)):
            name = "PL-%d-%d" % (idx, p)
            self.plists.append(name)
            if rng.random() < 0.04:     # defined but empty: permits all
                self.lists.append("ip prefix-list %s description empty" % name)
                continue
            for seq in range(rng.randint(1, 5)):
                act = rng.choice(["permit", "permit", "deny"])
                if rng.random() < 0.04:
                    self.lists.append("ip prefix-list %s seq %d %s any" % (name, (seq + 1) * 5, act))
                    continue
                base = net(rng.choice(self.bases))
                ge = le = None
                r = rng.random()
                if r < 0.3:
                    le = rng.randint(max(base.prefixlen, 1), self.bits)
                elif r < 0.5:
                    ge = rng.randint(max(base.prefixlen, 1), self.bits)
                elif r < 0.75:
                    ge = rng.randint(max(base.prefixlen, 1), self.bits)
                    le = rng.randint(ge, self.bits)
                text = "ip prefix-list %s seq %d %s %s" % (name, (seq + 1) * 5, act, base)
                self.h.prefix(base)
                if ge is not None:
                    if ge <= base.prefixlen:
                        ge = base.prefixlen + 1 if base.prefixlen < self.bits else None
                    if ge is not None:
                        text += " ge %d" % ge
                        self.h.lens.update({ge, ge - 1})
                if le is not None and (ge is None or le >= ge) and le >= base.prefixlen:
                    text += " le %d" % le
                    self.h.lens.update({le, min(le + 1, self.bits)})
                self.lists.append(text)
        for a in range(rng.randint(0, 2)):
            name = "AP-%d-%d" % (idx, a)
            self.aspaths.append(name)
            for seq in range(rng.randint(1, 3)):
                act = rng.choice(["permit", "deny", "permit"])
                rx = rng.choice(ASPATH_REGEXES).format(peer=self.peer_as)
                self.lists.append("bgp as-path access-list %s seq %d %s %s" % (name, (seq + 1) * 5, act, rx))
        for c in range(rng.randint(0, 2)):
            name = "CL-%d-%d" % (idx, c)
            self.clists.append(name)
            for _ in range(rng.randint(1, 2)):
                act = rng.choice(["permit", "deny", "permit"])
                if rng.random() < 0.7:
                    cm = [rng.choice(COMMUNITIES).format(peer=self.peer_as)
                          for _ in range(rng.choice([1, 1, 2]))]
                    self.h.comms.update(cm)
                    self.lists.append("bgp community-list standard %s %s %s" % (name, act, " ".join(cm)))
                else:
                    rx = rng.choice(["_65000:", "^%d:" % self.peer_as, ":666$", "65535:666", ".*",
                                     "blackhole", "no-export", "^65000:1 ", "_65001:[0-9]+$"])
                    self.lists.append("bgp community-list expanded %s %s %s" % (name, act, rx))
        self.acls = []
        if rng.random() < 0.3 or self.kind == "dlist":
            # zebra access-list: P matches every prefix inside P,
            # "exact-match" only P itself
            name = "AL-%d" % idx
            self.acls.append(name)
            for seq in range(rng.randint(1, 3)):
                act = rng.choice(["permit", "deny", "permit"])
                if rng.random() < 0.15:
                    self.lists.append("access-list %s seq %d %s any" % (name, (seq + 1) * 5, act))
                    continue
                base = net(rng.choice(self.bases))
                self.h.prefix(base)
                self.lists.append("access-list %s seq %d %s %s%s" % (
                    name, (seq + 1) * 5, act, base, " exact-match" if rng.random() < 0.3 else ""))
        if rng.random() < 0.2:
            name = "LCL-%d" % idx
            self.lclists.append(name)
            lc = rng.choice(LARGE_COMMUNITIES).format(peer=self.peer_as)
            self.h.comms.add(lc)
            self.lists.append("bgp large-community-list standard %s permit %s" % (name, lc))

    def _tag_list(self, tag):
        if tag not in self.tags:
            name = "CLT-%d-%d" % (self.idx, tag)
            self.tags[tag] = name
            self.lists.append("bgp community-list standard %s permit %d:%d" % (name, TAG_AS, tag))
        return self.tags[tag]

    def _route_map(self, name, nterms, calls):
        rng = self.rng
        seqs = [(t + 1) * 10 for t in range(nterms)]
        for t, seq in enumerate(seqs):
            last = t == nterms - 1
            act = rng.choice(["permit", "deny"]) if not last else rng.choice(["permit", "permit", "deny"])
            self.rmaps.append("route-map %s %s %d" % (name, act, seq))
            m = []
            catch_all = last and act == "permit" and rng.random() < 0.35
            if catch_all:
                pass            # a final "permit everything else"
            elif self.plists and rng.random() < 0.7:
                pl = rng.choice(self.plists)
                if rng.random() < 0.04:
                    pl = "PL-UNDEF-%d" % self.idx
                m.append("match ip address prefix-list %s" % pl)
            if not catch_all and self.aspaths and rng.random() < 0.35:
                ap = rng.choice(self.aspaths)
                if rng.random() < 0.05:
                    ap = "AP-UNDEF-%d" % self.idx
                m.append("match as-path %s" % ap)
            if self.clists and rng.random() < 0.3:
                cl = rng.choice(self.clists)
                if rng.random() < 0.05:
                    cl = "CL-UNDEF-%d" % self.idx
                m.append("match community %s%s" % (cl, " exact-match" if rng.random() < 0.15 else ""))
            if self.lclists and rng.random() < 0.4:
                m.append("match large-community %s" % rng.choice(self.lclists))
            if self.acls and rng.random() < 0.25:
                m.append("match ip address %s" % rng.choice(self.acls))
            if self.lp_set and rng.random() < 0.4:
                # 0: what an eBGP route has before any set (100 it never has)
                m.append("match local-preference %d" % rng.choice(sorted(self.lp_set | {0, 100})))
            if self.tags and rng.random() < 0.5:
                m.append("match community %s" % rng.choice(sorted(self.tags.values())))
            if self.rpki and rng.random() < 0.3:
                m.append("match rpki %s" % rng.choice(["invalid", "valid", "notfound"]))
            self.rmaps.extend(" " + x for x in m)
            if act == "permit":
                r = rng.random()
                if r < 0.3:
                    tag = rng.randint(1, 4)
                    self._tag_list(tag)
                    self.rmaps.append(" set community %d:%d%s" % (
                        TAG_AS, tag, " additive" if rng.random() < 0.8 else ""))
                elif r < 0.4:
                    # "+N"/"-N": from the value so far (0 if none), saturating
                    lp = rng.choice(["50", "200", "50", "200", "+30", "-20"])
                    self.lp_set.update({"+30": [30, 80, 230], "-20": [30, 180]}.get(lp, [int(lp)]))
                    self.rmaps.append(" set local-preference %s" % lp)
                elif r < 0.45 and self.clists:
                    self.rmaps.append(" set comm-list %s delete" % rng.choice(self.clists))
                elif r < 0.5:
                    self.rmaps.append(" set as-path prepend %d" % rng.choice([65010, self.peer_as]))
                if calls and rng.random() < 0.2:
                    target = rng.choice(self.subs + ["RM-UNDEF-CALL-%d" % self.idx]) \
                        if self.subs else "RM-UNDEF-CALL-%d" % self.idx
                    self.rmaps.append(" call %s" % target)
            later = seqs[t + 1:]
            # bgpd refuses an exit policy on a deny entry (vtysh -C does not)
            r = rng.random() if act == "permit" else 1.0
            if r < 0.2:
                self.rmaps.append(" on-match next")
            elif r < 0.3 and later:
                tgt = rng.choice(later)
                if rng.random() < 0.3:
                    tgt -= 5     # no term there: the next one at or after it
                self.rmaps.append(" on-match goto %d" % tgt)
            elif r < 0.4 and later:
                self.rmaps.append(" continue %d" % rng.choice(later))
            self.rmaps.append("exit")


def frr_config(policies, neighbors, profile, rpki, groups, pol6=None, export=False):
    first = "frr defaults datacenter" if profile == "datacenter" else "frr defaults traditional"
    out = [first, "hostname lab-dut", "log stdout informational", "!"]
    if rpki:
        out += ["rpki", " rpki polling_period 3600",
                " rpki cache 127.0.0.1 %d preference 1" % RTR_PORT, "exit", "!"]
    for p in policies + (pol6 or []):
        out.extend(p.lines)
        out.append("!")
    if export:
        out += ["route-map LAB-ALL permit 10", "exit", "!"]
    out.append("router bgp %d" % DUT_AS)
    out.append(" bgp router-id %s" % DUT_ADDR)
    if profile == "no-requires-policy":
        out.append(" no bgp ebgp-requires-policy")
    for g in groups:
        out.append(" neighbor %s peer-group" % g)
    if export:
        out.append(" neighbor %s remote-as %d" % (SRC_ADDR, SRC_AS))
        out.append(" neighbor %s timers connect 1" % SRC_ADDR)
    for (addr, asn, _), p in zip(neighbors, policies):
        out.append(" neighbor %s remote-as %d" % (addr, asn))
        out.append(" neighbor %s timers connect 1" % addr)
        if p.group:
            out.append(" neighbor %s peer-group %s" % (addr, p.group))
    out.append(" !")
    out.append(" address-family ipv4 unicast")
    d = "out" if export else "in"
    if export:
        out.append("  neighbor %s soft-reconfiguration inbound" % SRC_ADDR)
        out.append("  neighbor %s route-map LAB-ALL in" % SRC_ADDR)
    for g in groups:
        out.append("  neighbor %s route-map %s %s" % (g, groups[g], d))
    for (addr, _, _), p in zip(neighbors, policies):
        if not export:
            out.append("  neighbor %s soft-reconfiguration inbound" % addr)
        for l in p.nbr:
            out.append("  neighbor %s %s" % (addr, re.sub(r" in$", " " + d, l)))
    out.append(" exit-address-family")
    if pol6:
        out.append(" !")
        out.append(" address-family ipv6 unicast")
        for g in groups:
            out.append("  neighbor %s activate" % g)
        for (addr, _, _), p in zip(neighbors, pol6):
            out.append("  neighbor %s activate" % addr)
            out.append("  neighbor %s soft-reconfiguration inbound" % addr)
            for l in p.nbr:
                out.append("  neighbor %s %s" % (addr, v6_names(l)))
        out.append(" exit-address-family")
    out.append("exit")
    out.append("!")
    return "\n".join(out) + "\n"


def frr_build(rng, neighbors, seed, rpki, v6=False, export=False):
    profile = ["datacenter", "traditional", "no-requires-policy"][seed % 3]
    # The first neighbours always carry the semantics cases: no policy
    # (RFC 8212 unless switched off), an undefined route-map.
    forced = {1: "none", 2: "undef"}
    # export: regexes and communities name the AS the routes come from
    policies = [FrrPolicy(rng, i, SRC_AS if export else asn, rpki, kind=forced.get(i))
                for (_, asn, i) in neighbors]
    # Peer-groups: a few route-map neighbours move their route-map to a
    # group; half of the members override it with their own (inbound
    # policy may differ per member).
    groups = {}
    for p in policies:
        p.group = None
    cands = [p for p in policies if p.kind == "rmap" and len(p.nbr) == 1]
    for k, p in enumerate(cands[:rng.choice([0, 1, 2])]):
        g = "PG-%d" % k
        groups[g] = p.name
        p.group = g
        p.nbr = []
        for q in policies:
            if q is not p and q.kind == "rmap" and q.group is None and rng.random() < 0.15:
                q.group = g
                if rng.random() < 0.5:
                    q.nbr = []      # inherits the group's route-map
    # IPv6: a policy of its own per neighbour (own lists and route-maps,
    # own random stream so that the IPv4 part does not change).
    pol6 = None
    if v6:
        rng6 = random.Random("frr-v6-%d" % seed)
        pol6 = [FrrPolicy(rng6, i, asn, rpki, kind=forced.get(i), fam=6) for (_, asn, i) in neighbors]
    return frr_config(policies, neighbors, profile, rpki, groups, pol6, export), \
        [p.h for p in policies], {"profile": profile, "v6": int(v6)}, \
        [p.h for p in pol6] if pol6 else None


# ==================================================================== BIRD

class BirdGen:
    """BIRD 2 filters: defines, bool and deciding functions, one filter (or
    inline filter, `import where`, `import all/none`, template filter) per
    neighbour."""

    def __init__(self, rng, neighbors, rpki, export=False):
        self.rng = rng
        self.rpki = rpki
        self.export = export
        self.neighbors = neighbors
        self.defs = []          # define lines
        self.funcs = []         # function texts
        self.psets = []         # (name, hints-items)
        self.isets = []
        self.bfuncs = []        # bool functions (name)
        self.dfuncs = []        # deciding functions (name)
        self.nfuncs = 0
        self.h = None
        self.peer = None

    # --- atoms ------------------------------------------------------
    def pitem(self):
        rng = self.rng
        base = net(rng.choice(BASES))
        l = base.prefixlen
        r = rng.random()
        if r < 0.3:
            self.h.prefix(base, l, l + 1 if l < 32 else None)
            return "%s+" % base
        if r < 0.4:
            self.h.prefix(base, l, max(l - 1, 0), 0)
            return "%s-" % base
        if r < 0.75:
            a = rng.randint(max(l - 4, 0), 32) if rng.random() < 0.2 else rng.randint(l, 32)
            b = rng.randint(a, 32)
            self.h.prefix(base, a, b, a - 1, b + 1)
            return "%s{%d,%d}" % (base, a, b)
        self.h.prefix(base, l)
        return str(base)

    def pset_text(self):
        return "[ %s ]" % ", ".join(self.pitem() for _ in range(self.rng.randint(1, 4)))

    def asn(self):
        rng = self.rng
        r = rng.random()
        if r < 0.3:
            a = self.peer
        elif r < 0.5:
            a = rng.choice(self.neighbors)[1]
        else:
            a = rng.choice(PRIVATE_ASNS + PUBLIC_ASNS)
        self.h.asns.add(a)
        return a

    def asn_items(self, n):
        """n int-set items (numbers, ranges) that do not overlap: BIRD
        2.0.12 looks sets up in a tree built for disjoint intervals and
        misses members of overlapping ones (tests/lab/QUIRKS.md)."""
        rng = self.rng
        items, spans = [], []
        for _ in range(n):
            if rng.random() < 0.3:
                lo = rng.choice([64512, 64496, 4200000000, 65000, 200])
                hi = lo + rng.choice([0, 5, 1000, 1022])
            else:
                lo = hi = self.asn()
            if any(lo <= b and a <= hi for a, b in spans):
                continue
            spans.append((lo, hi))
            if lo != hi:
                self.h.asns.update({lo, hi, hi + 1})
            items.append("%d..%d" % (lo, hi) if lo != hi else str(lo))
        return items

    def iset_text(self):
        return "[ %s ]" % ", ".join(self.asn_items(self.rng.randint(1, 3)))

    def comm(self):
        rng = self.rng
        if rng.random() < 0.3:
            t = rng.randint(1, 4)
            return "(%d,%d)" % (TAG_AS, t)
        c = rng.choice(COMMUNITIES).format(peer=self.peer)
        self.h.comms.add(c)
        return "(%s)" % c.replace(":", ",")

    def cmp(self):
        return self.rng.choice(["=", "!=", "<", ">", "<=", ">="])

    def atom(self):
        rng = self.rng
        kinds = ["pset", "psetname", "pmatch", "peq", "netlen", "mask", "pathlen",
                 "first", "last", "pathset", "comm", "commset", "lcomm", "func", "plen"]
        w = [14, 6, 4, 2, 10, 8, 6, 3, 5, 4, 8, 3, 2, 4, 3]
        if self.rpki:
            kinds.append("roa")
            w.append(8)
        k = rng.choices(kinds, w)[0]
        if k == "pset":
            return "net ~ %s" % self.pset_text()
        if k == "psetname":
            if not self.psets or rng.random() < 0.3:
                name = "PS_%d" % len(self.psets)
                self.defs.append("define %s = %s;" % (name, self.pset_text()))
                self.psets.append(name)
            return "net ~ %s" % rng.choice(self.psets)
        if k == "pmatch":
            base = net(rng.choice(BASES))
            self.h.prefix(base)
            return "net ~ %s" % base
        if k == "peq":
            base = net(rng.choice(BASES))
            self.h.prefix(base)
            return "net = %s" % base
        if k == "netlen":
            n = rng.choice([8, 16, 20, 22, 23, 24, 25, 32, 0, 12])
            self.h.lens.update({n, max(n - 1, 0), min(n + 1, 32)})
            return "net.len %s %d" % (self.cmp(), n)
        if k == "mask":
            el = []
            for _ in range(rng.randint(1, 4)):
                r = rng.random()
                el.append("*" if r < 0.35 else "?" if r < 0.45 else str(self.asn()))
            if rng.random() < 0.5:
                el[0] = str(self.peer)
            if rng.random() < 0.15:
                el.insert(rng.randrange(len(el) + 1), "[%s]" % ", ".join(self.asn_items(rng.randint(1, 2))))
            return "bgp_path ~ [= %s =]" % " ".join(el)
        if k == "pathlen":
            return "bgp_path.len %s %d" % (self.cmp(), rng.randint(1, 5))
        if k == "first":
            return "bgp_path.first %s %d" % (rng.choice(["=", "!="]), self.asn())
        if k == "last":
            if rng.random() < 0.5:
                return "bgp_path.last %s %d" % (rng.choice(["=", "!="]), self.asn())
            return "bgp_path.last ~ %s" % self.isets_name()
        if k == "pathset":
            return "bgp_path ~ %s" % self.isets_name()
        if k == "comm":
            return "%s ~ bgp_community" % self.comm()
        if k == "commset":
            a = rng.choice([self.peer, 65000, TAG_AS, 65535])
            return "bgp_community ~ [(%d, *)]" % a
        if k == "lcomm":
            if rng.random() < 0.3:
                return "bgp_large_community ~ [(%d, *, *)]" % rng.choice([65000, self.peer])
            c = rng.choice(LARGE_COMMUNITIES).format(peer=self.peer)
            self.h.comms.add(c)
            return "(%s) ~ bgp_large_community" % c.replace(":", ",")
        if k == "func":
            if not self.bfuncs or rng.random() < 0.4:
                self.bool_func()
            return "%s()" % rng.choice(self.bfuncs)
        if k == "plen":
            lo = rng.choice([0, 8, 16, 19])
            hi = rng.choice([24, 24, 22, 32])
            self.h.lens.update({lo, hi, max(lo - 1, 0), min(hi + 1, 32)})
            return "plen_in(%d, %d)" % (lo, hi)
        if k == "roa":
            return "roa_check(r4, net, bgp_path.last) %s %s" % (
                rng.choice(["=", "=", "!="]), rng.choice(["ROA_INVALID", "ROA_VALID", "ROA_UNKNOWN"]))
        raise AssertionError(k)

    def isets_name(self):
        if not self.isets or self.rng.random() < 0.4:
            name = "AS_%d" % len(self.isets)
            self.defs.append("define %s = %s;" % (name, self.iset_text()))
            self.isets.append(name)
        return self.rng.choice(self.isets)

    def cond(self, depth=0):
        rng = self.rng
        r = rng.random()
        if depth < 2 and r < 0.12:
            return "(%s) && (%s)" % (self.cond(depth + 1), self.cond(depth + 1))
        if depth < 2 and r < 0.22:
            return "(%s) || (%s)" % (self.cond(depth + 1), self.cond(depth + 1))
        if depth < 2 and r < 0.28:
            return "!(%s)" % self.cond(depth + 1)
        return self.atom()

    # --- functions --------------------------------------------------
    def bool_func(self):
        name = "fb_%d" % self.nfuncs
        self.nfuncs += 1
        body = []                    # calls only older functions
        for _ in range(self.rng.randint(1, 3)):
            body.append("  if %s then return %s;" % (self.cond(1), self.rng.choice(["true", "false"])))
        body.append("  return %s;" % self.rng.choice(["true", "false"]))
        self.bfuncs.append(name)
        self.funcs.append("function %s()\n{\n%s\n}" % (name, "\n".join(body)))

    def decide_func(self):
        name = "fd_%d" % len(self.dfuncs)
        body = self.stmts(1, self.rng.randint(1, 3), allow_calls=False)
        self.dfuncs.append(name)
        self.funcs.append("function %s()\n{\n%s\n}" % (name, "\n".join(body)))
        return name

    # --- statements -------------------------------------------------
    def action(self):
        rng = self.rng
        r = rng.random()
        if r < 0.45:
            return "reject;"
        if r < 0.8:
            return "accept;"
        if r < 0.93:
            t = rng.randint(1, 4)
            return "bgp_community.add((%d,%d));" % (TAG_AS, t)
        if r < 0.96:
            return "bgp_community.delete([(65000, *)]);"
        if r < 0.98:
            return "bgp_path.prepend(%d);" % rng.choice([65010, self.peer])
        return "bgp_local_pref = %d;" % rng.choice([50, 200])

    def stmts(self, depth, n, allow_calls=True):
        rng = self.rng
        ind = "  " * depth
        out = []
        for _ in range(n):
            r = rng.random()
            if r < 0.55 or depth >= 3:
                out.append("%sif %s then %s" % (ind, self.cond(), self.action()))
            elif r < 0.72:
                out.append("%sif %s then {" % (ind, self.cond()))
                out += self.stmts(depth + 1, rng.randint(1, 2), allow_calls)
                if rng.random() < 0.6:
                    out.append("%s} else {" % ind)
                    out += self.stmts(depth + 1, rng.randint(1, 2), allow_calls)
                out.append("%s}" % ind)
            elif r < 0.82:
                out += self.case_stmt(depth)
            elif r < 0.9 and allow_calls:
                name = rng.choice(self.dfuncs) if self.dfuncs and rng.random() < 0.5 else self.decide_func()
                out.append("%s%s();" % (ind, name))
            else:
                out.append("%s%s" % (ind, self.action()))
                if out[-1].strip() in ("accept;", "reject;"):
                    break       # nothing after it would run
        return out

    def case_stmt(self, depth):
        rng = self.rng
        ind = "  " * depth
        if rng.random() < 0.5:
            out = ["%scase bgp_path.last {" % ind]
            for label in self.asn_items(rng.randint(1, 3)):
                out.append("%s  %s: %s" % (ind, label, self.action()))
        else:
            out = ["%scase net.len {" % ind]
            cuts = sorted(rng.sample(range(1, 32), rng.randint(1, 3)))
            lo = 0
            for c in cuts:
                self.h.lens.update({c, c - 1, c + 1})
                if rng.random() < 0.7:
                    out.append("%s  %d..%d: %s" % (ind, lo, c - 1, self.action()))
                lo = c
        if rng.random() < 0.6:
            out.append("%s  else: %s" % (ind, self.action()))
        out.append("%s}" % ind)
        return out

    def filter_body(self, end=None):
        rng = self.rng
        body = self.stmts(1, rng.randint(1, 6))
        end = end or rng.choice(["accept", "accept", "reject", "none"])
        if end != "none":
            body.append("  %s;" % end)
        return body

    def build(self):
        rng = self.rng
        hints = []
        filters = []
        chans = []
        for addr, asn, i in self.neighbors:
            self.h = Hints()
            # export: the routes come from SRC_AS
            self.peer = SRC_AS if self.export else asn
            hints.append(self.h)
            # n1 imports all, n2 none, n3 has a filter that may fall
            # through; the others are random.
            k = {1: "all", 2: "none", 3: "filter"}.get(i) or \
                rng.choices(["filter", "where", "inline", "all", "none", "tmpl", "varfilter"],
                            [70, 7, 6, 3, 3, 6, 5])[0]
            if k == "filter":
                body = self.filter_body("none" if i == 3 else None)
                filters.append("filter F_%d\n{\n%s\n}" % (i, "\n".join(body)))
                chans.append("import filter F_%d;" % i)
            elif k == "varfilter":
                lo = rng.choice([8, 12, 16])
                self.h.lens.update({lo, lo - 1, 24, 25})
                body = ["  l = net.len;", "  if l < %d then reject;" % lo] + self.filter_body()
                filters.append("filter F_%d\nint l;\n{\n%s\n}" % (i, "\n".join(body)))
                chans.append("import filter F_%d;" % i)
            elif k == "where":
                chans.append("import where %s;" % self.cond())
            elif k == "inline":
                chans.append("import filter {\n%s\n    };" % "\n".join("  " + l for l in self.filter_body()))
            elif k == "all":
                chans.append("import all;")
            elif k == "none":
                chans.append("import none;")
            else:
                chans.append(None)      # inherits the template's filter
        self.h = Hints()
        self.peer = 65000
        # the shared template filter asks which session the route came on
        tb = self.filter_body()
        users = [i for (_, _, i), c in zip(self.neighbors, chans) if c is None]
        if users and rng.random() < 0.7:
            # on export, proto is still the protocol the route came from:
            # never "nN" there but "s199", the source (the queries say
            # from=, regress/bird-export-2)
            who = "n%d" % rng.choice(users)
            if self.export and rng.random() < 0.5:
                who = "s199"
            tb.insert(0, '  if proto = "%s" then %s' % (who, self.action()))
        tmpl_filter = "filter F_T\n{\n%s\n}" % "\n".join(tb)
        for hh, c in zip(hints, chans):
            if c is None:
                hh.lens |= self.h.lens
                hh.pfx += self.h.pfx
                hh.asns |= self.h.asns
                hh.comms |= self.h.comms
        return filters, chans, tmpl_filter, hints


def bird_config(g, filters, chans, tmpl_filter, rpki, export=False):
    out = ["router id %s;" % DUT_ADDR, "protocol device { }", ""]
    if rpki:
        out += ["roa4 table r4;",
                "protocol rpki rtr1 {",
                "  roa4 { table r4; };",
                "  remote 127.0.0.1 port %d;" % RTR_PORT,
                "  retry keep 5; refresh keep 3600; expire keep 7200;",
                "}", ""]
    out += g.defs + [""]
    out.append("function plen_in(int lo; int hi)\n{\n  return net.len >= lo && net.len <= hi;\n}")
    out += g.funcs + [""]
    out += filters
    out.append(tmpl_filter)
    out.append("")
    if export:
        # the source imports everything; the channels' export filters decide
        chans = [c and "export" + c[len("import"):] for c in chans]
        out.append("template bgp T {\n  local %s as %d;\n  connect delay time 1;\n  connect retry time 1;\n"
                   "  ipv4 { import none; export none; };\n}" % (DUT_ADDR, DUT_AS))
        out.append("template bgp TF {\n  local %s as %d;\n  connect delay time 1;\n  connect retry time 1;\n"
                   "  ipv4 { import none; export filter F_T; };\n}" % (DUT_ADDR, DUT_AS))
        out.append("protocol bgp s199 from T {\n  neighbor %s as %d;\n"
                   "  ipv4 { import table on; import all; export none; };\n}" % (SRC_ADDR, SRC_AS))
        for (addr, asn, i), c in zip(g.neighbors, chans):
            if c is None:
                out.append("protocol bgp n%d from TF {\n  neighbor %s as %d;\n}" % (i, addr, asn))
            else:
                out.append("protocol bgp n%d from T {\n  neighbor %s as %d;\n"
                           "  ipv4 { import none; %s };\n}" % (i, addr, asn, c))
        return "\n".join(out) + "\n"
    out.append("template bgp T {\n  local %s as %d;\n  connect delay time 1;\n  connect retry time 1;\n"
               "  ipv4 { import table on; export none; import none; };\n}" % (DUT_ADDR, DUT_AS))
    out.append("template bgp TF {\n  local %s as %d;\n  connect delay time 1;\n  connect retry time 1;\n"
               "  ipv4 { import table on; export none; import filter F_T; };\n}" % (DUT_ADDR, DUT_AS))
    for (addr, asn, i), c in zip(g.neighbors, chans):
        if c is None:
            out.append("protocol bgp n%d from TF {\n  neighbor %s as %d;\n}" % (i, addr, asn))
        else:
            out.append("protocol bgp n%d from T {\n  neighbor %s as %d;\n"
                       "  ipv4 { import table on; export none; %s };\n}" % (i, addr, asn, c))
    return "\n".join(out) + "\n"


def bird_build(rng, neighbors, seed, rpki, export=False):
    g = BirdGen(rng, neighbors, rpki, export)
    filters, chans, tmpl, hints = g.build()
    return bird_config(g, filters, chans, tmpl, rpki, export), hints, {}


# ================================================================ OpenBGPD

class ObgpdGen:
    """bgpd.conf filter rules: last match wins, quick decides at once,
    `match` only sets, default deny."""

    def __init__(self, rng, neighbors, rpki, sock, roaset, export=False):
        self.export = export
        self.rng = rng
        self.neighbors = neighbors
        self.rpki = rpki
        self.sock = sock
        self.roaset = roaset
        self.sets = []          # text
        self.psets = {}         # name -> has prefixlen operators
        self.asets = []
        self.osets = []
        self.group = set()      # indices in group "lab"
        self.hints = [Hints() for _ in neighbors]
        self.h = None
        self.peer = None

    def prange(self, lo_min, in_set=False):
        """A prefixlen range whose lengths stay within [lo_min, 32]
        (bgpd refuses a range below the prefix's own length; prefix-sets
        take neither != nor ><)."""
        rng = self.rng
        ops = ["=", "<", "<=", ">", ">=", "-"] + ([] if in_set else ["!=", "><"])
        op = rng.choice(ops)
        lo_min = max(lo_min, 1)
        if op in ("-", "><"):
            a = rng.randint(lo_min, 31)
            b = rng.randint(a + (1 if op == "><" else 0), 32)
            self.h.lens.update({a, b, a - 1, b + 1, a + 1, b - 1})
            return "%d %s %d" % (a, op, b)
        if op == "<":
            n = rng.randint(lo_min + 1, 32) if lo_min < 32 else None
        elif op == ">":
            n = rng.randint(lo_min, 31) if lo_min < 32 else None
        else:
            n = rng.randint(lo_min, 32)
        if n is None:
            op, n = "=", 32
        self.h.lens.update({n, n - 1, min(n + 1, 32)})
        return "%s %d" % (op, n)

    def pset(self):
        rng = self.rng
        if self.psets and rng.random() < 0.5:
            return rng.choice(sorted(self.psets))
        name = "ps%d" % len(self.psets)
        items = []
        ops = False
        for _ in range(rng.randint(1, 4)):
            base = net(rng.choice(BASES))
            self.h.prefix(base)
            r = rng.random()
            if r < 0.4:
                items.append("%s or-longer" % base)
                ops = True      # bgpd counts or-longer as an operator too
            elif r < 0.65:
                items.append("%s prefixlen %s" % (base, self.prange(base.prefixlen, True)))
                ops = True
            else:
                items.append(str(base))
        self.psets[name] = ops
        self.sets.append("prefix-set %s {\n\t%s\n}" % (name, "\n\t".join(items)))
        return name

    def asn(self):
        rng = self.rng
        r = rng.random()
        if r < 0.3:
            a = self.peer
        elif r < 0.45:
            a = rng.choice(self.neighbors)[1]
        else:
            a = rng.choice(PRIVATE_ASNS + PUBLIC_ASNS)
        self.h.asns.add(a)
        return a

    def asspec(self):
        rng = self.rng
        r = rng.random()
        if r < 0.45:
            return str(self.asn())
        if r < 0.5:
            return "{ %s }" % " ".join(str(self.asn()) for _ in range(rng.randint(2, 3)))
        if r < 0.62:
            return "neighbor-as"
        if r < 0.8:
            lo = rng.choice([64512, 64496, 4200000000, 65000, 200])
            hi = lo + rng.choice([5, 1000, 1022])
            self.h.asns.update({lo, hi, hi + 1, lo - 1})
            return "%d %s %d" % (lo, rng.choice(["-", "-", "><"]), hi)
        if r < 0.88:
            return "!= %d" % self.asn()
        if not self.asets or rng.random() < 0.4:
            name = "as%d" % len(self.asets)
            self.asets.append(name)
            self.sets.append("as-set %s { %s }" % (name, " ".join(str(self.asn()) for _ in range(rng.randint(1, 3)))))
        return "as-set %s" % rng.choice(self.asets)

    def params(self):
        rng = self.rng
        out = []
        r = rng.random()
        if r < 0.3:
            base = net(rng.choice(BASES))
            self.h.prefix(base)
            q = rng.random()
            if q < 0.35:
                out.append("prefix %s or-longer" % base)
            elif q < 0.7:
                out.append("prefix %s prefixlen %s" % (base, self.prange(base.prefixlen)))
            else:
                out.append("prefix %s" % base)
        elif r < 0.5:
            name = self.pset()
            if not self.psets[name] and rng.random() < 0.4:
                out.append("prefix-set %s or-longer" % name)
            else:
                out.append("prefix-set %s" % name)
        elif r < 0.62:
            out.append("inet prefixlen %s" % self.prange(0))
        elif r < 0.7:
            items = []
            for _ in range(rng.randint(2, 3)):
                base = net(rng.choice(BASES))
                self.h.prefix(base)
                q = rng.random()
                items.append("%s or-longer" % base if q < 0.3 else
                             "%s prefixlen %s" % (base, self.prange(base.prefixlen, True)) if q < 0.5 else str(base))
            out.append("prefix { %s }" % " ".join(items))
        used = set()
        for _ in range(rng.choice([0, 0, 1, 1, 2])):
            k = rng.choices(["AS", "peer-as", "source-as", "transit-as", "comm", "lcomm",
                             "maxlen", "ovs", "origin"], [6, 2, 4, 3, 5, 1, 2, 4 if self.rpki else 0, 1])[0]
            # one filter of each kind per rule (bgpd: "AS filters already
            # specified")
            kind = "as" if k in ("AS", "peer-as", "source-as", "transit-as") else k
            if kind in used:
                continue
            used.add(kind)
            if k in ("AS", "peer-as", "source-as", "transit-as"):
                out.append("%s %s" % (k, self.asspec()))
            elif k == "comm":
                q = rng.random()
                if q < 0.25:
                    out.append("community %d:%d" % (TAG_AS, rng.randint(1, 4)))
                elif q < 0.4:
                    out.append("community neighbor-as:%d" % rng.choice([1, 2]))
                    self.h.comms.add("%d:1" % self.nas)
                elif q < 0.55:
                    out.append("community %s:*" % rng.choice(["65000", "65535", "neighbor-as"]))
                else:
                    c = rng.choice(COMMUNITIES).format(peer=self.peer)
                    self.h.comms.add(c)
                    out.append("community %s" % c)
            elif k == "lcomm":
                c = rng.choice(LARGE_COMMUNITIES).format(peer=self.peer)
                self.h.comms.add(c)
                out.append("large-community %s" % c)
            elif k == "maxlen":
                # export: "nexthop neighbor" compares with the peer the
                # route came from (the queries say from=,
                # regress/openbgpd-export-2)
                if rng.random() < 0.1:
                    out.append("nexthop neighbor")
                else:
                    out.append("max-as-len %d" % rng.randint(1, 5))
            elif k == "ovs":
                out.append("ovs %s" % rng.choice(["invalid", "valid", "not-found"]))
            elif k == "origin":
                if not self.osets or rng.random() < 0.4:
                    name = "os%d" % len(self.osets)
                    self.osets.append(name)
                    items = []
                    for _ in range(rng.randint(1, 3)):
                        base = net(rng.choice(ROUTE_BASES))
                        self.h.prefix(base)
                        ml = ""
                        if rng.random() < 0.5 and base.prefixlen < 32:
                            m = rng.randint(base.prefixlen + 1, 32)
                            ml = " maxlen %d" % m
                            self.h.lens.update({m, min(m + 1, 32)})
                        items.append("%s%s source-as %d" % (base, ml, self.asn()))
                    self.sets.append("origin-set %s {\n\t%s\n}" % (name, "\n\t".join(items)))
                out.append("origin-set %s" % rng.choice(self.osets))
        return out

    def rule(self, scope):
        """scope: index of a neighbour, or 'any' / 'ebgp' / 'group'."""
        rng = self.rng
        if isinstance(scope, int):
            addr, asn, _ = self.neighbors[scope]
            self.h = self.hints[scope]
            self.peer = self.nas = asn
            frm = "from %s" % addr if rng.random() < 0.85 else "from AS %d" % asn
        else:
            self.h = Hints()
            self.peer = self.nas = rng.choice(self.neighbors)[1]
            frm = {"any": "from any", "ebgp": "from ebgp", "group": 'from group "lab"'}[scope]
        if self.export:
            # to the receiving neighbour; the routes come from SRC_AS
            frm = "to" + frm[len("from"):]
            if rng.random() < 0.5:
                self.peer = SRC_AS
        act = rng.choices(["allow", "deny", "match"], [50, 40, 10])[0]
        quick = act != "match" and rng.random() < 0.3
        params = self.params()
        # a bare shared rule would decide for every neighbour at once
        while not isinstance(scope, int) and not params:
            params = self.params()
        words = [act] + (["quick"] if quick else []) + [frm] + params
        if act == "match" or (act == "allow" and rng.random() < 0.2):
            r = rng.random()
            if r < 0.75:
                words.append("set community %d:%d" % (TAG_AS, rng.randint(1, 4)))
            elif r < 0.85:
                words.append("set prepend-neighbor %d" % rng.randint(1, 2))
            elif r < 0.92:
                words.append("set community delete %s" % rng.choice(["65000:666", "65000:1", "%d:*" % TAG_AS]))
            else:
                words.append("set localpref %d" % rng.choice([50, 200]))
        if not isinstance(scope, int):
            for hh in self.hints:      # shared rules concern everyone
                hh.lens |= self.h.lens
                hh.pfx += self.h.pfx
                hh.asns |= self.h.asns
                hh.comms |= self.h.comms
        return " ".join(words)

    def build(self):
        rng = self.rng
        n = len(self.neighbors)
        self.group = {i for i in range(n) if rng.random() < 0.4} or {0}
        rules = []
        for i in range(n):
            if i == 1 or rng.random() < 0.06:
                continue        # no rule of its own: shared rules, default deny
            for _ in range(rng.randint(1, 5)):
                rules.append((rng.random(), self.rule(i)))
        for _ in range(rng.randint(0, 4)):
            rules.append((rng.random(), self.rule(rng.choice(["any", "ebgp", "group"]))))
        # Rules mostly keep a neighbour's own order; shared ones fall in
        # between.
        rules.sort(key=lambda x: x[0]) if rng.random() < 0.5 else None
        return [r for _, r in rules]


def obgpd_config(g, rules, vrps, export=False):
    out = ["AS %d" % DUT_AS, "router-id %s" % DUT_ADDR, "listen on %s" % DUT_ADDR,
           "fib-update no", 'socket "%s"' % g.sock, ""]
    out += g.sets
    if g.rpki and g.roaset:
        out.append("roa-set {")
        for p, ml, asn in vrps:
            out.append("\t%s%s source-as %d" % (p, " maxlen %d" % ml if ml > p.prefixlen else "", asn))
        out.append("}")
    elif g.rpki:
        out.append('rtr 127.0.0.1 {\n\tdescr "stayrtr"\n\tport %d\n}' % RTR_PORT)
    out.append("")
    grp = [x for x in g.neighbors if x[2] in g.group]
    if grp:
        out.append('group "lab" {')
        for addr, asn, i in grp:
            out.append('\tneighbor %s {\n\t\tremote-as %d\n\t\tdescr "n%d"\n\t}' % (addr, asn, i))
        out.append("}")
    for addr, asn, i in g.neighbors:
        if i not in g.group:
            out.append('neighbor %s {\n\tremote-as %d\n\tdescr "n%d"\n}' % (addr, asn, i))
    if export:
        out.append('neighbor %s {\n\tremote-as %d\n\tdescr "s199"\n}' % (SRC_ADDR, SRC_AS))
        out.append("")
        out.append("allow quick from %s" % SRC_ADDR)
    out.append("")
    out += rules
    return "\n".join(out) + "\n"


# ================================================================= routes

def routes_for(rng, h, peer_as, peers, count, fam=4):
    if fam == 4:
        lens = sorted(h.lens | {8, 16, 24, 25, 32})
        bases = ROUTE_BASES + [str(p) for p in h.pfx if not p.overlaps(MULTICAST_E) or p.prefixlen == 0]
        martians = MARTIANS
    else:
        lens = sorted(h.lens | {16, 32, 48, 49, 56, 64, 127, 128})
        bases = ROUTE_BASES6 + [str(p) for p in h.pfx]
        martians = MARTIANS6
    seen = set()
    routes = []
    tries = 0
    while len(routes) < count and tries < count * 20:
        tries += 1
        r = rng.random()
        if r < 0.15 and h.pfx:
            pfx = rng.choice(h.pfx)         # exactly a prefix the policy names
        else:
            pfx = rand_prefix(rng, rng.choice(bases), lens)
        # ExaBGP 4.2.21 cannot announce an IPv6 /32 from its configuration
        # (the /32 netmask it caches for the route then makes the IPv4 peer
        # address a range: "can only use ip ranges ... passive neighbors")
        if fam == 6 and pfx.prefixlen == 32:
            continue
        if pfx in seen or (pfx.prefixlen > 0 and any(pfx.overlaps(m) for m in martians)):
            continue
        seen.add(pfx)
        path = [peer_as] * rng.choice([1, 1, 1, 1, 1, 2, 3])
        pool = PRIVATE_ASNS + PUBLIC_ASNS + sorted(a for a in h.asns if a not in (0, DUT_AS)) + \
            [p for p in peers if p != peer_as]
        for _ in range(rng.choice([0, 0, 1, 1, 2, 3, 4, 6])):
            path.append(rng.choice(pool))
        comms = set()
        cpool = [c.format(peer=peer_as) for c in COMMUNITIES] + sorted(h.comms)
        cpool += ["%d:%d" % (TAG_AS, t) for t in (1, 2)]
        for _ in range(rng.choice([0, 0, 1, 1, 2, 3])):
            comms.add(rng.choice(cpool))
        if rng.random() < 0.1:
            comms.add(rng.choice(LARGE_COMMUNITIES).format(peer=peer_as))
        comms = sorted(comms)
        rng.shuffle(comms)      # wire order is not value order
        routes.append((pfx, path, comms))
    return routes


def make_vrps(rng, routes):
    """VRPs around the announced routes, so that every RPKI state occurs
    (about a third each): covering prefixes no shorter than /20 (a /16 VRP
    would cover most routes, which cluster in a few ranges), maxLength
    at, above or below the route's length, the route's origin or another."""
    allr = [r for rts in routes for r in rts if r[0].prefixlen >= 20]
    vrps = set()
    for pfx, path, _ in rng.sample(allr, min(len(allr), max(4, len(allr) // 4))):
        short = min(rng.choice([0, 0, 0, 1, 2, 4]), pfx.prefixlen - 20)
        vp = pfx.supernet(new_prefix=pfx.prefixlen - short) if short else pfx
        ml = min(32, vp.prefixlen + rng.choice([0, 0, 1, 2, 8]))
        r = rng.random()
        asn = path[-1] if r < 0.6 else 0 if r < 0.65 else rng.choice(PRIVATE_ASNS + PUBLIC_ASNS)
        vrps.add((vp, ml, asn))
    return sorted(vrps, key=lambda v: (int(v[0].network_address), v[0].prefixlen, v[1], v[2]))


def vrp_index(vrps):
    idx = {}
    for vp, ml, asn in vrps:
        idx.setdefault((int(vp.network_address), vp.prefixlen), []).append((ml, asn))
    return idx


def rov_state(idx, pfx, origin):
    """RFC 6811 state of pfx originated by origin (idx from vrp_index)."""
    covered = False
    addr = int(pfx.network_address)
    for l in range(pfx.prefixlen + 1):
        key = (addr & (((1 << l) - 1) << (32 - l)), l)
        for ml, asn in idx.get(key, ()):
            covered = True
            if asn != 0 and asn == origin and pfx.prefixlen <= ml:
                return "valid"
    return "invalid" if covered else "notfound"


def vrps_json(vrps):
    rows = ",\n".join('\t\t{ "asn": %d, "prefix": "%s", "maxLength": %d, "ta": "lab", "expires": 1893456000 }'
                      % (asn, p, ml) for p, ml, asn in vrps)
    return ('{\n\t"metadata": {\n\t\t"buildmachine": "lab",\n\t\t"buildtime": "2026-11-26T00:00:00Z",\n'
            '\t\t"vrps": %d,\n\t\t"uniquevrps": %d\n\t},\n\t"roas": [\n%s\n\t]\n}\n') % (len(vrps), len(vrps), rows)


def v6_addr(i):
    """The IPv6 address of neighbour i on the lab link (DUT: ::1)."""
    return "2001:db8:ffff::%d" % (10 + i)


def exabgp_config(neighbors, routes):
    out = []
    v6 = any(r[0].version == 6 for rts in routes for r in rts)
    for (addr, asn, i), rts in zip(neighbors, routes):
        out.append("neighbor %s {" % DUT_ADDR)
        out.append("    router-id %s;" % addr)
        out.append("    local-address %s;" % addr)
        out.append("    local-as %d;" % asn)
        out.append("    peer-as %d;" % DUT_AS)
        out.append("    hold-time 30;")
        out.append("    family { ipv4 unicast;%s }" % (" ipv6 unicast;" if v6 else ""))
        out.append("    static {")
        for pfx, path, comms in rts:
            nh = "self" if pfx.version == 4 else v6_addr(i)
            line = "        route %s next-hop %s as-path [ %s ]" % (pfx, nh, " ".join(map(str, path)))
            std = [c for c in comms if c.count(":") == 1]
            large = [c for c in comms if c.count(":") == 2]
            if std:
                line += " community [ %s ]" % " ".join(std)
            if large:
                line += " large-community [ %s ]" % " ".join(large)
            out.append(line + ";")
        out.append("    }")
        out.append("}")
    return "\n".join(out) + "\n"


def exabgp_rx_config(neighbors, script):
    """--export: ExaBGP sessions of the receiving neighbours; every UPDATE
    the DUT sends them goes, as JSON, to script (which appends it to
    rx.json)."""
    out = ["process rx {", "    run %s;" % script, "    encoder json;", "}"]
    for addr, asn, i in neighbors:
        out.append("neighbor %s {" % DUT_ADDR)
        out.append("    router-id %s;" % addr)
        out.append("    local-address %s;" % addr)
        out.append("    local-as %d;" % asn)
        out.append("    peer-as %d;" % DUT_AS)
        out.append("    hold-time 30;")
        out.append("    family { ipv4 unicast; }")
        out.append("    capability { graceful-restart 120; }")
        out.append("    api {")
        out.append("        processes [ rx ];")
        out.append("        receive { parsed; update; }")
        out.append("        neighbor-changes;")
        out.append("    }")
        out.append("}")
    return "\n".join(out) + "\n"


def merge_hints(hints):
    m = Hints()
    for h in hints:
        m.lens |= h.lens
        m.pfx += h.pfx
        m.asns |= h.asns
        m.comms |= h.comms
    return m


def from_queries(d):
    """For a hand-made case (tests/lab/regress/*): exabgp.conf, neighbors.txt
    and meta.txt from the directory's queries.txt, dut.*.conf, vrps.json."""
    import glob
    import json
    import re
    conf = glob.glob(os.path.join(d, "dut.*.conf"))
    if len(conf) != 1:
        raise SystemExit("gen.py: %s: want exactly one dut.*.conf" % d)
    daemon = {"frr": "frr", "bird": "bird", "openbgpd": "openbgpd"}[conf[0].split(".")[-2]]
    text = open(conf[0]).read()
    names = {}
    if daemon == "bird":
        # each "protocol bgp NAME" up to the next "protocol": its neighbor
        for m in re.finditer(r"protocol\s+bgp\s+(\w+)(.*?)(?=\bprotocol\b|\Z)", text, re.S):
            a = re.search(r"neighbor\s+([0-9.]+)", m.group(2))
            if a:
                names[a.group(1)] = m.group(1)
    elif daemon == "openbgpd":
        for m in re.finditer(r"neighbor\s+([0-9.]+)\s*\{([^}]*)\}", text):
            a = re.search(r'descr\s+"([^"]+)"', m.group(2))
            names[m.group(1)] = a.group(1) if a else m.group(1)
    order, routes, export = [], {}, False
    for line in open(os.path.join(d, "queries.txt")):
        f = line.split()
        if not f or f[0].startswith("#"):
            continue
        kv = dict(x.split("=", 1) for x in f[2:])
        export = export or kv.get("dir") == "out"
        path = [int(x) for x in kv.get("path", "-").split(",") if x not in ("-", "")]
        comms = [c for c in kv.get("comm", "-").split(",") if c not in ("-", "")]
        if f[0] not in routes:
            order.append(f[0])
            routes[f[0]] = []
        routes[f[0]].append((net(f[1]), path, comms))
    # "# neighbor ADDR as ASN" sets a neighbour's AS (iBGP: the routes'
    # paths do not start with it); otherwise the first AS of its paths
    forced = {}
    for line in open(os.path.join(d, "queries.txt")):
        m = re.match(r"#\s*neighbor\s+(\S+)\s+as\s+(\d+)", line)
        if m:
            forced[m.group(1)] = int(m.group(2))
    neighbors = []
    for addr in order:
        if export and addr not in forced:
            # the receiver's AS from the configuration (FRR remote-as,
            # BIRD "neighbor A as N", OpenBGPD remote-as in its block)
            m = re.search(r"neighbor\s+%s\s+(?:remote-as|as|\{[^}]*?remote-as)\s+(\d+)" % re.escape(addr), text)
            if not m:
                raise SystemExit("gen.py: %s: no AS for receiver %s (add '# neighbor %s as N')" % (d, addr, addr))
            forced[addr] = int(m.group(1))
        asn = forced.get(addr) or routes[addr][0][1][0]
        neighbors.append((addr, asn, len(neighbors)))
    if export:
        # dir=out: SRC_ADDR sends every route once (the same prefix must
        # carry the same path and communities for every receiver)
        src, seen = [], {}
        for a in order:
            for r in routes[a]:
                if r[0] in seen:
                    if seen[r[0]] != r:
                        raise SystemExit("gen.py: %s: %s differs between receivers" % (d, r[0]))
                    continue
                seen[r[0]] = r
                src.append(r)
        with open(os.path.join(d, "exabgp.conf"), "w") as f:
            f.write(exabgp_config([(SRC_ADDR, SRC_AS, 0)], [src]))
        script = os.path.join(os.path.abspath(d), "rx.sh")
        with open(script, "w") as f:
            f.write('#!/bin/sh\ncat >> "%s"\n' % os.path.join(os.path.abspath(d), "rx.json"))
        os.chmod(script, 0o755)
        with open(os.path.join(d, "exabgp-rx.conf"), "w") as f:
            f.write(exabgp_rx_config(neighbors, script))
    else:
        with open(os.path.join(d, "exabgp.conf"), "w") as f:
            f.write(exabgp_config(neighbors, [routes[a] for a in order]))
    with open(os.path.join(d, "neighbors.txt"), "w") as f:
        for addr, asn, _ in neighbors:
            f.write("%s %d %s\n" % (addr, asn, names.get(addr, addr)))
        if export:
            f.write("%s %d %s\n" % (SRC_ADDR, SRC_AS, names.get(SRC_ADDR, SRC_ADDR)))
    if any(r[0].version == 6 for a in order for r in routes[a]):
        with open(os.path.join(d, "neighbors6.txt"), "w") as f:
            for addr, _, i in neighbors:
                f.write("%s %s\n" % (addr, v6_addr(i)))
    meta = {"daemon": daemon, "rpki": 0, "vrps": 0, "vrp_prefixes": 0, "export": int(export)}
    if export:
        meta["src"] = SRC_ADDR
    vj = os.path.join(d, "vrps.json")
    if os.path.exists(vj):
        roas = json.load(open(vj))["roas"]
        meta.update(rpki=1, vrps=len(roas), vrp_prefixes=len({r["prefix"] for r in roas}))
        if daemon == "openbgpd":
            meta["rpki_source"] = "roa-set" if "roa-set" in text else "rtr"
    with open(os.path.join(d, "meta.txt"), "w") as f:
        for k in sorted(meta):
            f.write("%s=%s\n" % (k, meta[k]))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--daemon", default="frr", choices=["frr", "bird", "openbgpd"])
    ap.add_argument("--seed", type=int)
    ap.add_argument("--from-queries", metavar="DIR",
                    help="write exabgp.conf, neighbors.txt, meta.txt for DIR's own config and queries")
    ap.add_argument("--peers", type=int, default=20)
    ap.add_argument("--routes", type=int, default=500)
    ap.add_argument("--rpki", action="store_true", help="VRPs over RTR (or roa-set) and ROV in policies")
    ap.add_argument("--v6", action="store_true", help="IPv6 policies and routes as well (FRR)")
    ap.add_argument("--export", action="store_true",
                    help="export policies: one speaker (%s) sends --routes routes, the neighbours receive" % SRC_ADDR)
    ap.add_argument("--out")
    a = ap.parse_args()
    if a.from_queries:
        from_queries(a.from_queries)
        return
    if a.seed is None or a.out is None:
        ap.error("--seed and --out are required")
    if a.export and a.v6:
        ap.error("--export is IPv4 only")
    rng = random.Random("%s-%d" % (a.daemon, a.seed))
    neighbors = [("192.0.2.%d" % (10 + i), 200 + i, i) for i in range(a.peers)]
    peers = [asn for _, asn, _ in neighbors]
    os.makedirs(a.out, exist_ok=True)
    meta = {"daemon": a.daemon, "seed": a.seed, "rpki": int(a.rpki), "export": int(a.export)}
    roaset = a.daemon == "openbgpd" and a.seed % 2 == 0
    if a.daemon == "frr":
        conf, hints, m, hints6 = frr_build(rng, neighbors, a.seed, a.rpki, a.v6, a.export)
        meta.update(m)
    elif a.daemon == "bird":
        conf, hints, m = bird_build(rng, neighbors, a.seed, a.rpki, a.export)
    else:
        g = ObgpdGen(rng, neighbors, a.rpki, os.path.join(os.path.abspath(a.out), "bgpd.sock"), roaset, a.export)
        rules = g.build()
        hints = g.hints
    if a.export:
        # one route set from the source, around what every policy names
        src_routes = routes_for(rng, merge_hints(hints), SRC_AS, peers, a.routes)
        # no NO_EXPORT, NO_ADVERTISE, NO_EXPORT_SUBCONFED: every daemon
        # keeps such a route from an eBGP peer whatever the policy says
        # (RFC 1997), and eval --batch answers for the policy alone
        # FRR does the same with BLACKHOLE (RFC 7999; tests/lab/QUIRKS.md)
        drop = RFC1997 | ({"65535:666"} if a.daemon == "frr" else set())
        src_routes = [(p, path, [c for c in comms if c not in drop])
                      for p, path, comms in src_routes]
        routes = [src_routes] * len(neighbors)
        vrps = make_vrps(rng, [src_routes]) if a.rpki else []
    else:
        routes = [routes_for(rng, h, asn, peers, a.routes) for h, (_, asn, _) in zip(hints, neighbors)]
        vrps = make_vrps(rng, routes) if a.rpki else []
    if a.daemon == "frr" and hints6:
        # IPv6 routes after the IPv4 ones, from their own random stream;
        # no IPv6 VRPs: their RPKI state is "not found"
        rng6 = random.Random("routes-v6-%d" % a.seed)
        routes = [rts + routes_for(rng6, h, asn, peers, a.routes // 2, fam=6)
                  for rts, h, (_, asn, _) in zip(routes, hints6, neighbors)]
    if a.daemon == "openbgpd":
        conf = obgpd_config(g, rules, vrps, a.export)
        meta["rpki_source"] = "roa-set" if roaset else "rtr"
    meta["vrps"] = len(vrps)
    meta["vrp_prefixes"] = len({v[0] for v in vrps})   # bgpctl show sets counts these
    name = {"frr": "dut.frr.conf", "bird": "dut.bird.conf", "openbgpd": "dut.openbgpd.conf"}[a.daemon]
    with open(os.path.join(a.out, name), "w") as f:
        f.write(conf)
    with open(os.path.join(a.out, "exabgp.conf"), "w") as f:
        if a.export:
            f.write(exabgp_config([(SRC_ADDR, SRC_AS, 0)], [src_routes]))
        else:
            f.write(exabgp_config(neighbors, routes))
    if a.export:
        script = os.path.join(os.path.abspath(a.out), "rx.sh")
        with open(script, "w") as f:
            # no exec: the shell keeps ExaBGP's pipe on stdout open (ExaBGP
            # takes EOF there for the helper's death)
            f.write('#!/bin/sh\ncat >> "%s"\n' % os.path.join(os.path.abspath(a.out), "rx.json"))
        os.chmod(script, 0o755)
        with open(os.path.join(a.out, "exabgp-rx.conf"), "w") as f:
            f.write(exabgp_rx_config(neighbors, script))
        meta["src"] = SRC_ADDR
    if a.rpki:
        with open(os.path.join(a.out, "vrps.json"), "w") as f:
            f.write(vrps_json(vrps))
    vidx = vrp_index(vrps)
    with open(os.path.join(a.out, "queries.txt"), "w") as f:
        for (addr, _, _), rts in zip(neighbors, routes):
            for pfx, path, comms in rts:
                line = "%s %s path=%s comm=%s" % (addr, pfx, ",".join(map(str, path)), ",".join(comms) or "-")
                if a.rpki:
                    line += " rov=%s" % (rov_state(vidx, pfx, path[-1]) if pfx.version == 4 else "notfound")
                if a.export:
                    # FRR: the route's local preference on export: the
                    # source is eBGP and its import sets none (B10)
                    # every route comes from the source speaker
                    line += " from=%s" % SRC_ADDR
                    line += " lp=0 dir=out" if a.daemon == "frr" else " dir=out"
                f.write(line + "\n")
    with open(os.path.join(a.out, "neighbors.txt"), "w") as f:
        for addr, asn, i in neighbors:
            f.write("%s %d n%d\n" % (addr, asn, i))
        if a.export:
            f.write("%s %d s199\n" % (SRC_ADDR, SRC_AS))
    if a.daemon == "frr" and hints6:
        with open(os.path.join(a.out, "neighbors6.txt"), "w") as f:
            for addr, asn, i in neighbors:
                f.write("%s %s\n" % (addr, v6_addr(i)))
    with open(os.path.join(a.out, "meta.txt"), "w") as f:
        for k in sorted(meta):
            f.write("%s=%s\n" % (k, meta[k]))


if __name__ == "__main__":
    main()

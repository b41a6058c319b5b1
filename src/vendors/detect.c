/*
 * Vendor detection from content only.  Each line that looks like one
 * platform's syntax adds points to it (bounded per kind of line, so that a
 * long list of one ambiguous kind cannot outvote a real marker); the best
 * score wins when it is clear.  Calibrated on ../shared/corpus.
 */
#include <stdbool.h>
#include <string.h>

#include "manrs/conf.h"
#include "manrs/vendor.h"

#define SCAN_BYTES	(1024u * 1024)	/* enough to decide */
#define CLEAR_LEAD	40		/* stop early once one vendor leads so */
#define MIN_SCORE	6

enum {
	/* kinds of evidence, each with its own cap */
	K_FRR_MARK, K_FRR_LINE, K_FRR_NB, K_FRR_IF, K_EOS_MARK, K_EOS_LINE,
	K_EOS_INDENT, K_XE_MARK, K_IOS_MARK, K_IOS_LINE, K_IOS_MASK,
	K_NXOS_MARK, K_NXOS_LINE, K_XR_MARK, K_XR_LINE, K_NBBLOCK, K_JUNOS_BRACE,
	K_JUNOS_SET, K_JUNOS_MARK, K_BIRD_MARK, K_BIRD_LINE, K_OBGPD_MARK,
	K_OBGPD_LINE, K_SROS_MARK, K_SROS_LINE, K_VRP_MARK, K_VRP_LINE,
	K_ROS_LINE, K_CISCO_FAMILY, K_COUNT
};

typedef struct det {
	int score[MC_VENDOR_COUNT];
	int kind[K_COUNT];
	bool xe, ios_version;
	bool in_bgp, nb_block;	/* IOS-XR / NX-OS "neighbor X" sub-blocks */
	bool af_bare;		/* last address-family had no SAFI (IOS style) */
	int bgp_indent;
} det;

static void
add(det *d, mc_vendor v, int k, int pts, int cap)
{
	if (d->kind[k] >= cap)
		return;
	d->kind[k] += pts;
	d->score[v] += pts;
}

/* Does [s, e) start with the word sequence w (words end at a blank)? */
static bool
is(const char *s, const char *e, const char *w)
{
	size_t n;

	if (s >= e || *s != *w)		/* most lines fail here, cheaply */
		return false;
	n = strlen(w);
	return (size_t)(e - s) >= n && memcmp(s, w, n) == 0 &&
	    ((size_t)(e - s) == n || s[n] == ' ' || s[n] == '\t' ||
	    w[n - 1] == ' ');
}

/* plain prefix */
static bool
pre(const char *s, const char *e, const char *w)
{
	size_t n = strlen(w);

	return (size_t)(e - s) >= n && memcmp(s, w, n) == 0;
}

static bool
has(const char *s, const char *e, const char *w)
{
	return memmem(s, (size_t)(e - s), w, strlen(w)) != NULL;
}

static const char *
word(const char *s, const char *e, int i)
{
	while (s < e && (*s == ' ' || *s == '\t'))
		s++;
	for (; i > 0; i--) {
		while (s < e && *s != ' ' && *s != '\t')
			s++;
		while (s < e && (*s == ' ' || *s == '\t'))
			s++;
	}
	return s;
}

static int
nchar(const char *s, const char *e, char c)
{
	int n = 0;

	for (; s < e; s++)
		n += *s == c;
	return n;
}

static bool
dotted_mask(const char *s, const char *e)
{
	/* "255.x.x.x" as a word */
	return e - s >= 7 && memcmp(s, "255.", 4) == 0;
}

static void
line_col0(det *d, const char *s, const char *e)
{
	const char *w1 = word(s, e, 1);

	/* RANCID's own label, when present, is the best evidence there is. */
	if (is(s, e, "!RANCID-CONTENT-TYPE:") ||
	    is(s, e, "#RANCID-CONTENT-TYPE:")) {
		if (is(w1, e, "arista"))
			add(d, MC_VENDOR_EOS, K_EOS_MARK, 30, 80);
		else if (is(w1, e, "cisco-nx"))
			add(d, MC_VENDOR_NXOS, K_NXOS_MARK, 30, 40);
		else if (is(w1, e, "cisco-xr"))
			add(d, MC_VENDOR_IOSXR, K_XR_MARK, 30, 45);
		else if (is(w1, e, "cisco"))
			add(d, MC_VENDOR_IOS, K_IOS_MARK, 10, 30);
		else if (is(w1, e, "juniper"))
			add(d, MC_VENDOR_JUNOS, K_JUNOS_MARK, 15, 30);
	}
	if (is(s, e, "router bgp") && has(s, e, " vrf "))
		add(d, MC_VENDOR_FRR, K_FRR_LINE, 8, 16);

	/* FRR / Quagga */
	if (is(s, e, "frr version") || is(s, e, "frr defaults") ||
	    is(s, e, "service integrated-vtysh-config"))
		add(d, MC_VENDOR_FRR, K_FRR_MARK, 30, 60);
	else if (is(s, e, "log syslog") || is(s, e, "log stdout") ||
	    is(s, e, "log file") || is(s, e, "log commands") ||
	    is(s, e, "log timestamp precision") || is(s, e, "agentx") ||
	    (e - s == 8 && memcmp(s, "line vty", 8) == 0) ||
	    is(s, e, "ip forwarding") || is(s, e, "ipv6 forwarding") ||
	    is(s, e, "no ipv6 forwarding") || is(s, e, "debug bgp") ||
	    is(s, e, "password") || is(s, e, "bgp as-path access-list") ||
	    is(s, e, "bgp community-list") || is(s, e, "rpki") ||
	    is(s, e, "bgp large-community-list") || is(s, e, "int ") ||
	    is(s, e, "ip nht") || is(s, e, "segment-routing") ||
	    (e - s == 4 && memcmp(s, "exit", 4) == 0))
		add(d, MC_VENDOR_FRR, K_FRR_LINE, 4, 16);
	else if (is(s, e, "interface") && (is(w1, e, "lo") ||
	    is(w1, e, "eth") || has(w1, e, "-eth") || is(w1, e, "swp") ||
	    (e - w1 > 3 && memcmp(w1, "eth", 3) == 0) ||
	    (e - w1 > 3 && memcmp(w1, "swp", 3) == 0) || is(w1, e, "ens") ||
	    is(w1, e, "bond")))
		add(d, MC_VENDOR_FRR, K_FRR_IF, 3, 9);

	/* Arista EOS */
	if (is(s, e, "! device:") && has(s, e, "EOS"))
		add(d, MC_VENDOR_EOS, K_EOS_MARK, 40, 80);
	else if (is(s, e, "! Command: show") || is(s, e, "transceiver qsfp") ||
	    is(s, e, "management api http-commands") ||
	    is(s, e, "service routing protocols model") ||
	    is(s, e, "vrf instance") || is(s, e, "daemon TerminAttr") ||
	    is(s, e, "management api gnmi") || is(s, e, "queue-monitor") ||
	    is(s, e, "ip virtual-router") || is(s, e, "peer-filter") ||
	    is(s, e, "management security") || is(s, e, "router l2-vpn") ||
	    is(s, e, "ip routing vrf") || is(s, e, "mlag configuration") ||
	    is(s, e, "event-handler") || is(s, e, "management api netconf") ||
	    is(s, e, "router general") || is(s, e, "ip address virtual"))
		add(d, MC_VENDOR_EOS, K_EOS_MARK, 10, 40);
	else if (is(s, e, "spanning-tree mode mstp") ||
	    (is(s, e, "interface") && e - w1 > 8 &&
	    memcmp(w1, "Ethernet", 8) == 0 && w1[8] >= '0' && w1[8] <= '9' &&
	    memchr(w1, '/', (size_t)(e - w1)) == NULL) ||
	    is(s, e, "interface Management1") || is(s, e, "interface Vxlan"))
		add(d, MC_VENDOR_EOS, K_EOS_LINE, 3, 9);

	/* Cisco IOS / IOS-XE */
	if (pre(s, e, "version 16.") || pre(s, e, "version 17.") ||
	    is(s, e, "license udi") || is(s, e, "platform ") ||
	    is(s, e, "! Cisco IOS XE") || is(s, e, "vrf definition") ||
	    is(s, e, "license boot level"))
		d->xe = true;
	if (pre(s, e, "version 12.") || pre(s, e, "version 15.") ||
	    pre(s, e, "version 11."))
		d->ios_version = true;
	if (pre(s, e, "version 12.") || pre(s, e, "version 15.") ||
	    pre(s, e, "version 16.") || pre(s, e, "version 17.") ||
	    pre(s, e, "version 11.") || is(s, e, "boot-start-marker") ||
	    is(s, e, "license udi") ||
	    is(s, e, "ip classless") || is(s, e, "no ip http server") ||
	    is(s, e, "ip cef") || is(s, e, "no service pad") ||
	    is(s, e, "service password-encryption") ||
	    is(s, e, "no service password-encryption"))
		add(d, MC_VENDOR_IOS, K_IOS_MARK, 10, 30);
	else if ((is(s, e, "interface") && (is(w1, e, "GigabitEthernet") ||
	    is(w1, e, "FastEthernet") || is(w1, e, "Serial") ||
	    is(w1, e, "TenGigabitEthernet") || is(w1, e, "Tunnel")) &&
	    nchar(w1, e, '/') >= 1 && nchar(w1, e, '/') <= 2) ||
	    (is(s, e, "ip route") && dotted_mask(word(s, e, 3), e)) ||
	    is(s, e, "access-list") || is(s, e, "ip access-list extended") ||
	    is(s, e, "ip access-list standard") ||
	    (is(s, e, "line vty") && e - s > 8) || is(s, e, "ip vrf") ||
	    is(s, e, "template peer-"))
		add(d, MC_VENDOR_IOS, K_IOS_LINE, 2, 8);
	if (is(s, e, "service timestamps") || is(s, e, "route-map") ||
	    is(s, e, "ip prefix-list") || is(s, e, "router bgp") ||
	    is(s, e, "ip as-path access-list") || is(s, e, "ip community-list"))
		add(d, MC_VENDOR_IOS, K_CISCO_FAMILY, 1, 3);

	/* Cisco NX-OS */
	if (is(s, e, "feature") || is(s, e, "vrf context") ||
	    is(s, e, "boot nxos") || is(s, e, "!Command: show") ||
	    is(s, e, "switchname") || is(s, e, "copp profile") ||
	    is(s, e, "system default switchport") || is(s, e, "nv overlay"))
		add(d, MC_VENDOR_NXOS, K_NXOS_MARK, 10, 40);
	else if (is(s, e, "version") && has(s, e, "(") && has(s, e, "Bios"))
		add(d, MC_VENDOR_NXOS, K_NXOS_MARK, 10, 40);

	/* Cisco IOS-XR */
	if (is(s, e, "!! IOS XR") || is(s, e, "end-policy") ||
	    is(s, e, "end-set") || pre(s, e, "RP/0/"))
		add(d, MC_VENDOR_IOSXR, K_XR_MARK, 15, 45);
	else if ((is(s, e, "route-policy") && w1 < e &&
	    !has(w1, e, " permit node") && !has(w1, e, " deny node")) ||
	    (is(s, e, "prefix-set") && !has(s, e, "{")) ||
	    is(s, e, "community-set") ||
	    is(s, e, "as-path-set") || is(s, e, "extcommunity-set") ||
	    (is(s, e, "interface") && nchar(w1, e, '/') == 3) ||
	    is(s, e, "vty-pool") || is(s, e, "line template") ||
	    is(s, e, "ipv4 conflict-policy") || is(s, e, "telnet ipv4") ||
	    is(s, e, "interface Bundle-Ether") || is(s, e, "interface TenGigE") ||
	    is(s, e, "interface HundredGigE") || is(s, e, "interface MgmtEth"))
		add(d, MC_VENDOR_IOSXR, K_XR_LINE, 5, 20);

	/* Juniper */
	if (is(s, e, "set ") && (is(w1, e, "system") ||
	    is(w1, e, "interfaces") || is(w1, e, "protocols") ||
	    is(w1, e, "policy-options") || is(w1, e, "routing-options") ||
	    is(w1, e, "firewall") || is(w1, e, "routing-instances") ||
	    is(w1, e, "security") || is(w1, e, "groups") ||
	    is(w1, e, "chassis") || is(w1, e, "snmp") || is(w1, e, "vlans") ||
	    is(w1, e, "version") || is(w1, e, "apply-groups")))
		add(d, MC_VENDOR_JUNOS, K_JUNOS_SET, 5, 40);
	else if (e > s && e[-1] == '{' && (is(s, e, "system {") ||
	    is(s, e, "interfaces {") || is(s, e, "protocols {") ||
	    is(s, e, "policy-options {") || is(s, e, "routing-options {") ||
	    is(s, e, "firewall {") || is(s, e, "routing-instances {") ||
	    is(s, e, "chassis {") || is(s, e, "snmp {") ||
	    is(s, e, "security {") || is(s, e, "groups {")))
		add(d, MC_VENDOR_JUNOS, K_JUNOS_BRACE, 15, 45);
	else if (is(s, e, "## Last commit") || (is(s, e, "version") &&
	    e[-1] == ';'))
		add(d, MC_VENDOR_JUNOS, K_JUNOS_MARK, 15, 30);

	/* BIRD */
	if ((is(s, e, "protocol") && e[-1] == '{') ||
	    (is(s, e, "template bgp") && e[-1] == '{') ||
	    (is(s, e, "router id") && e[-1] == ';') ||
	    (is(s, e, "filter") && e[-1] != ';') || is(s, e, "function") ||
	    (is(s, e, "define") && has(s, e, "=")) ||
	    is(s, e, "roa4 table") || is(s, e, "roa6 table") ||
	    is(s, e, "ipv4 table") || is(s, e, "ipv6 table") ||
	    (is(s, e, "log") && e[-1] == ';' && has(s, e, "{")))
		add(d, MC_VENDOR_BIRD, K_BIRD_MARK, 10, 40);
	else if ((pre(s, e, "include \"") && e[-1] == ';') ||
	    (is(s, e, "log") && e[-1] == ';') || is(s, e, "timeformat") ||
	    (is(s, e, "debug protocols") && e[-1] == ';'))
		add(d, MC_VENDOR_BIRD, K_BIRD_LINE, 3, 9);

	/* OpenBGPD */
	if ((e - s > 3 && memcmp(s, "AS ", 3) == 0 && w1[0] >= '0' &&
	    w1[0] <= '9') || is(s, e, "allow from") || is(s, e, "deny from") ||
	    is(s, e, "match from") || is(s, e, "match to") ||
	    is(s, e, "allow to") || is(s, e, "deny to") ||
	    is(s, e, "allow quick") || is(s, e, "deny quick") ||
	    (is(s, e, "neighbor") && e[-1] == '{') ||
	    (is(s, e, "group") && e[-1] == '{') || is(s, e, "roa-set") ||
	    is(s, e, "aspa-set") || is(s, e, "listen on") ||
	    (is(s, e, "rde") && has(s, e, "evaluate")))
		add(d, MC_VENDOR_OPENBGPD, K_OBGPD_MARK, 10, 40);
	else if ((is(s, e, "prefix-set") && has(s, e, "{")) ||
	    (is(s, e, "as-set") && e[-1] == '{') || pre(s, e, "socket \""))
		add(d, MC_VENDOR_OPENBGPD, K_OBGPD_LINE, 5, 15);

	/* Nokia SR OS */
	if (pre(s, e, "# TiMOS") || is(s, e, "configure {") ||
	    is(s, e, "# Configuration format version") ||
	    is(s, e, "exit all") || pre(s, e, "echo \"") ||
	    is(s, e, "/configure"))
		add(d, MC_VENDOR_SROS, K_SROS_MARK, 15, 45);
	else if (e - s == 9 && memcmp(s, "configure", 9) == 0)
		add(d, MC_VENDOR_SROS, K_SROS_LINE, 5, 10);

	/* Huawei VRP */
	if (is(s, e, "sysname") || is(s, e, "ip ip-prefix") ||
	    is(s, e, "acl number") || is(s, e, "ip route-static") ||
	    (is(s, e, "route-policy") && (has(s, e, " permit node") ||
	    has(s, e, " deny node"))) || is(s, e, "ip as-path-filter") ||
	    is(s, e, "ip community-filter"))
		add(d, MC_VENDOR_VRP, K_VRP_MARK, 10, 40);
	else if ((is(s, e, "bgp") && w1 < e && *w1 >= '0' && *w1 <= '9') ||
	    is(s, e, "undo") || (e - s == 6 && memcmp(s, "return", 6) == 0))
		add(d, MC_VENDOR_VRP, K_VRP_LINE, 4, 12);

	/* MikroTik RouterOS */
	if (*s == '/' && (is(s, e, "/routing") || is(s, e, "/ip") ||
	    is(s, e, "/interface") || is(s, e, "/system") || is(s, e, "/ipv6") ||
	    is(s, e, "/tool") || is(s, e, "/user") || is(s, e, "/snmp")))
		add(d, MC_VENDOR_ROUTEROS, K_ROS_LINE, 10, 40);
	else if (is(s, e, "# by RouterOS") || is(s, e, "# software id"))
		add(d, MC_VENDOR_ROUTEROS, K_ROS_LINE, 20, 40);
}

static void
line_indented(det *d, const char *s, const char *e, int indent)
{
	const char *w1 = word(s, e, 1), *w2 = word(s, e, 2),
	    *w3 = word(s, e, 3);

	if (indent == 3)
		add(d, MC_VENDOR_EOS, K_EOS_INDENT, 1, 6);
	if (is(s, e, "neighbor")) {
		/* FRR only: "neighbor X remote-as external|internal",
		 * "neighbor IF interface ..."; EOS: "neighbor X peer group" */
		if (is(w2, e, "remote-as") && (is(w3, e, "external") ||
		    is(w3, e, "internal")))
			add(d, MC_VENDOR_FRR, K_FRR_NB, 8, 16);
		else if (is(w2, e, "interface"))
			add(d, MC_VENDOR_FRR, K_FRR_NB, 8, 16);
		else if (is(w2, e, "peer group") || is(w2, e, "maximum-routes") ||
		    is(w2, e, "maximum-accepted-routes"))
			add(d, MC_VENDOR_EOS, K_EOS_MARK, 10, 40);
		if (d->in_bgp && w2 == e)
			d->nb_block = true;
	} else if (d->nb_block && (is(s, e, "remote-as") ||
	    is(s, e, "update-source") || is(s, e, "address-family"))) {
		add(d, MC_VENDOR_IOSXR, K_NBBLOCK, 4, 12);
		add(d, MC_VENDOR_NXOS, K_NBBLOCK, 4, 12);
	} else if (is(s, e, "ip address") && w2 < e && w3 < e &&
	    dotted_mask(w3, e))
		add(d, MC_VENDOR_IOS, K_IOS_MASK, 3, 12);
	else if (is(s, e, "ipv4 address"))
		add(d, MC_VENDOR_IOSXR, K_XR_LINE, 5, 20);
	else if (is(s, e, "bgp ebgp-requires-policy") ||
	    is(s, e, "no bgp ebgp-requires-policy") ||
	    is(s, e, "bgp bestpath peer-type"))
		add(d, MC_VENDOR_FRR, K_FRR_MARK, 20, 60);
	else if (is(s, e, "peer") && has(w2, e, "as-number"))
		add(d, MC_VENDOR_VRP, K_VRP_MARK, 10, 40);
	else if (is(s, e, "update-source lo") ||
	    (is(s, e, "neighbor") && is(w2, e, "update-source") &&
	    (is(w3, e, "lo") || has(w3, e, "-eth"))))
		add(d, MC_VENDOR_FRR, K_FRR_NB, 6, 16);
	else if (is(s, e, "no synchronization") ||
	    is(s, e, "no auto-summary") || is(s, e, "address-family ipv4 vrf"))
		add(d, MC_VENDOR_IOS, K_IOS_LINE, 3, 8);
	else if (e - s == 19 && memcmp(s, "exit-address-family", 19) == 0) {
		if (d->af_bare)
			add(d, MC_VENDOR_IOS, K_IOS_LINE, 2, 8);
		else
			add(d, MC_VENDOR_FRR, K_FRR_LINE, 2, 16);
	} else if (is(s, e, "address-family ipv4") ||
	    is(s, e, "address-family ipv6"))
		d->af_bare = w2 == e;
	else if (is(s, e, "ip verify unicast source reachable-via") ||
	    is(s, e, "ip vrf forwarding") || is(s, e, "vrf forwarding") ||
	    is(s, e, "ip virtual-reassembly") || is(s, e, "duplex auto") ||
	    is(s, e, "negotiation auto") || is(s, e, "ip ospf") ||
	    is(s, e, "no ip address"))
		add(d, MC_VENDOR_IOS, K_IOS_LINE, 1, 8);
	(void)w1;
}

/* A lead no later line could plausibly undo: stop reading. */
static bool
clear_winner(const det *d)
{
	int i, a = 0, b = 0;

	for (i = 1; i < MC_VENDOR_COUNT; i++)
		if (d->score[i] > a) {
			b = a;
			a = d->score[i];
		} else if (d->score[i] > b)
			b = d->score[i];
	return a - b >= CLEAR_LEAD;
}

mc_vendor
mc_detect_vendor(const char *buf, size_t len)
{
	const char *p = buf, *end = buf + (len > SCAN_BYTES ? SCAN_BYTES : len);
	const char *s, *e, *nl;
	det d;
	int i, indent, best = MC_VENDOR_UNKNOWN, second = 0, nlines = 0;

	memset(&d, 0, sizeof(d));
	while (p < end) {
		if (++nlines % 32 == 0 && clear_winner(&d))
			break;
		nl = memchr(p, '\n', (size_t)(end - p));
		s = p;
		e = nl != NULL ? nl : end;
		p = nl != NULL ? nl + 1 : end;
		while (e > s && (e[-1] == '\r' || e[-1] == ' ' || e[-1] == '\t'))
			e--;
		for (indent = 0; s < e && (*s == ' ' || *s == '\t'); s++)
			indent++;
		if (s == e)
			continue;
		if (indent == 0) {
			d.in_bgp = is(s, e, "router bgp");
			d.nb_block = false;
			/* Prefix-list lines are often most of a file (bgpq4
			 * output) and only one of them is evidence: the
			 * Cisco family's point, as line_col0 gives it. */
			if (e - s > 15 && memcmp(s, "ip prefix-list ", 15) == 0) {
				add(&d, MC_VENDOR_IOS, K_CISCO_FAMILY, 1, 3);
				continue;
			}
			if (e - s > 17 && memcmp(s, "ipv6 prefix-list ", 17) == 0)
				continue;
			line_col0(&d, s, e);
		} else
			line_indented(&d, s, e, indent);
	}
	/* IOS-XE is IOS with markers of its own. */
	for (i = 1; i < MC_VENDOR_COUNT; i++)
		if (d.score[i] > d.score[best]) {
			second = d.score[best];
			best = i;
		} else if (d.score[i] > second)
			second = d.score[i];
	if (best == MC_VENDOR_UNKNOWN || d.score[best] < MIN_SCORE)
		return MC_VENDOR_UNKNOWN;
	/* A tie is not a decision, except between the IOS family's own
	 * members where the more specific marker has already won. */
	if (d.score[best] == second)
		return MC_VENDOR_UNKNOWN;
	if (best == MC_VENDOR_IOS && d.xe && !d.ios_version)
		return MC_VENDOR_IOSXE;
	return (mc_vendor)best;
}

int
mc_vendor_supported(mc_vendor v)
{
	switch (v) {
	case MC_VENDOR_IOS:
	case MC_VENDOR_IOSXE:
	case MC_VENDOR_EOS:
	case MC_VENDOR_FRR:
	case MC_VENDOR_IOSXR:
	case MC_VENDOR_JUNOS:
	case MC_VENDOR_BIRD:
	case MC_VENDOR_OPENBGPD:
		return 1;
	default:
		return 0;
	}
}

/*
 * VRPs from an RPKI-to-Router cache (RFC 8210, RFC 6810) with RTRlib: one
 * connection, wait until the cache has sent a complete set (End of Data),
 * copy the prefix table into the same VRP store the file loaders fill,
 * disconnect.  No state outlives the call, so threads never see RTRlib.
 */
#include <fcntl.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <rtrlib/rtrlib.h>

#include "manrs/vrp.h"

#define RTR_HOST_MAX 255

typedef struct rtr_wait {
	atomic_int error;	/* the manager reported an error */
} rtr_wait;

static void
on_status(const struct rtr_mgr_group *g, enum rtr_mgr_status st,
    const struct rtr_socket *sock, void *arg)
{
	rtr_wait *w = arg;

	if (st == RTR_MGR_ERROR)
		atomic_store(&w->error, 1);
}

/* RTRlib keeps addresses in host byte order, v6 as four words. */
static void
to_vrp(const struct pfx_record *r, mc_vrp *v)
{
	int i;

	memset(v, 0, sizeof(*v));
	if (r->prefix.ver == LRTR_IPV4) {
		uint32_t a = r->prefix.u.addr4.addr;

		v->p.af = MC_AF4;
		v->p.a[0] = a >> 24;
		v->p.a[1] = a >> 16;
		v->p.a[2] = a >> 8;
		v->p.a[3] = a;
	} else {
		v->p.af = MC_AF6;
		for (i = 0; i < 4; i++) {
			uint32_t a = r->prefix.u.addr6.addr[i];

			v->p.a[4 * i] = a >> 24;
			v->p.a[4 * i + 1] = a >> 16;
			v->p.a[4 * i + 2] = a >> 8;
			v->p.a[4 * i + 3] = a;
		}
	}
	v->p.len = r->min_len;
	mc_prefix_clear_host(&v->p);
	v->maxlen = r->max_len;
	v->asn = r->asn;
}

static void
on_record(const struct pfx_record *r, void *arg)
{
	mc_vrp v;

	if (r->min_len > r->max_len ||
	    r->max_len > (r->prefix.ver == LRTR_IPV4 ? 32 : 128))
		return;		/* RTRlib rejects these already */
	to_vrp(r, &v);
	mc_vrps_add(arg, &v);
}

/* "host:port", "[v6addr]:port"; host and port written NUL-terminated. */
static bool
split_hostport(const char *s, char *host, char *port)
{
	const char *colon, *h = s, *he;
	size_t n;

	if (*s == '[') {
		h = s + 1;
		if ((he = strchr(h, ']')) == NULL || he[1] != ':')
			return false;
		colon = he + 1;
	} else {
		if ((colon = strrchr(s, ':')) == NULL ||
		    strchr(s, ':') != colon)
			return false;
		he = colon;
	}
	n = (size_t)(he - h);
	if (n == 0 || n > RTR_HOST_MAX || colon[1] == '\0' ||
	    strlen(colon + 1) > 5 ||
	    strspn(colon + 1, "0123456789") != strlen(colon + 1) ||
	    atoi(colon + 1) < 1 || atoi(colon + 1) > 65535)
		return false;
	memcpy(host, h, n);
	host[n] = '\0';
	strcpy(port, colon + 1);
	return true;
}

/*
 * Debian's RTRlib is built with debug logging to stderr; silence it while
 * the session runs (the loaders run before any worker thread exists) unless
 * MANRS_RTR_DEBUG is set.  Our own errors go to the diag, printed later.
 */
static int
quiet_begin(void)
{
	int saved, null;

	if (getenv("MANRS_RTR_DEBUG") != NULL)
		return -1;
	fflush(stderr);
	if ((saved = dup(STDERR_FILENO)) < 0)
		return -1;
	if ((null = open("/dev/null", O_WRONLY | O_CLOEXEC)) < 0) {
		close(saved);
		return -1;
	}
	dup2(null, STDERR_FILENO);
	close(null);
	return saved;
}

static void
quiet_end(int saved)
{
	if (saved < 0)
		return;
	fflush(stderr);
	dup2(saved, STDERR_FILENO);
	close(saved);
}

static double
now_sec(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

int
mc_vrps_load_rtr(mc_vrps *s, const char *hostport, unsigned timeout,
    mc_diag *d)
{
	char host[RTR_HOST_MAX + 1], port[8];
	struct tr_tcp_config tcp;
	struct tr_socket tr;
	struct rtr_socket rs, *socks[1];
	struct rtr_mgr_group group;
	struct rtr_mgr_config *conf = NULL;
	struct timespec tick = { 0, 20 * 1000 * 1000 };
	rtr_wait w;
	double end;
	int rc = -1, saved;
	bool synced = false;

	if (!split_hostport(hostport, host, port)) {
		mc_diag_error(d, NULL, 0, "--rtr %s: expected HOST:PORT "
		    "(\"[ADDR]:PORT\" for IPv6)", hostport);
		return -1;
	}
	if (timeout == 0)
		timeout = MC_RTR_TIMEOUT;
	memset(&tcp, 0, sizeof(tcp));
	tcp.host = host;
	tcp.port = port;
	tcp.connect_timeout = timeout;
	memset(&tr, 0, sizeof(tr));
	memset(&rs, 0, sizeof(rs));
	saved = quiet_begin();
	if (tr_tcp_init(&tcp, &tr) != TR_SUCCESS) {
		quiet_end(saved);
		mc_diag_error(d, NULL, 0, "--rtr %s: cannot set up the "
		    "connection", hostport);
		return -1;
	}
	rs.tr_socket = &tr;
	socks[0] = &rs;
	memset(&group, 0, sizeof(group));
	group.sockets = socks;
	group.sockets_len = 1;
	group.preference = 1;
	atomic_init(&w.error, 0);
	/* Intervals only matter for a long-lived session; ours is one
	 * fetch.  RTRlib's bounds: refresh 1..86400, expire 600..172800,
	 * retry 1..7200. */
	if (rtr_mgr_init(&conf, &group, 1, 3600, 7200, 600, NULL, NULL,
	    on_status, &w) != RTR_SUCCESS) {
		mc_diag_error(d, NULL, 0, "--rtr %s: cannot initialise "
		    "RTRlib", hostport);
		tr.free_fp(&tr);
		quiet_end(saved);
		return -1;
	}
	if (rtr_mgr_start(conf) != RTR_SUCCESS) {
		mc_diag_error(d, NULL, 0, "--rtr %s: cannot start the RTR "
		    "session", hostport);
		goto out;
	}
	end = now_sec() + timeout;
	while (now_sec() < end) {
		if (rtr_mgr_conf_in_sync(conf)) {
			synced = true;
			break;
		}
		if (atomic_load(&w.error))
			break;
		nanosleep(&tick, NULL);
	}
	if (synced) {
		rtr_mgr_for_each_ipv4_record(conf, on_record, s);
		rtr_mgr_for_each_ipv6_record(conf, on_record, s);
		rc = 0;
	} else if (atomic_load(&w.error))
		mc_diag_error(d, NULL, 0, "--rtr %s: cannot reach the RPKI "
		    "cache (connection failed or refused)", hostport);
	else
		mc_diag_error(d, NULL, 0, "--rtr %s: no complete VRP set "
		    "from the RPKI cache within %u s", hostport, timeout);
	rtr_mgr_stop(conf);
out:
	rtr_mgr_free(conf);	/* frees the transport socket too */
	quiet_end(saved);
	return rc;
}

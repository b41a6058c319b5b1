#!/bin/sh
# Installs the Debian packages manrs-check needs to build and test, if missing.
# Usage: scripts/deps.sh [build|test|lab]
set -e
want="gcc make pkg-config libjansson-dev libpcre2-dev libyaml-dev zlib1g-dev
	librtr-dev nettle-dev"
case "${1:-build}" in
test) want="$want libcmocka-dev clang libclang-rt-14-dev jq frr bird2 openbgpd
	    python3-jsonschema libxml2-utils chromium
	    exabgp stayrtr frr-rpki-rtrlib iproute2 bc python3" ;;	# report-formats, html-browser, the quick lab
lab) want="$want libcmocka-dev jq frr bird2 openbgpd exabgp gobgpd stayrtr iproute2
	    frr-rpki-rtrlib bc python3" ;;
esac
# tests/filter.sh compares `manrs-check filter` with bgpq4.
case "${1:-build}" in test) want="$want bgpq4" ;; esac
missing=""
for p in $want; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed" || missing="$missing $p"
done
[ -z "$missing" ] && exit 0
if [ "$(id -u)" != 0 ]; then
	echo "manrs-check: missing Debian packages:$missing (run as root or install them)" >&2
	exit 1
fi
echo "manrs-check: installing$missing" >&2
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq >/dev/null || true
# Daemons are used only as configuration checkers and test oracles: never
# let the package start them on this machine.
printf '#!/bin/sh\nexit 101\n' > /usr/sbin/policy-rc.d.manrs
chmod +x /usr/sbin/policy-rc.d.manrs
[ -e /usr/sbin/policy-rc.d ] || cp /usr/sbin/policy-rc.d.manrs /usr/sbin/policy-rc.d
apt-get install -y -qq --no-install-recommends $missing >/dev/null
rm -f /usr/sbin/policy-rc.d.manrs

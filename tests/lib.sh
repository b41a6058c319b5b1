# The test scripts' shared preamble: sourced as `. "$here/lib.sh"` once
# `here` (tests/) and `root` (the repository) are set.

# test_bin NAME [ARG]: bin, the manrs-check to test, and B, its build
# directory, from ARG (a build directory or a binary; default
# $root/build).  MANRS_CHECK names another binary.  Both absolute; exit 2
# when the binary cannot be run.
test_bin() {
	_arg=${2:-$root/build}
	if [ -d "$_arg" ]; then
		B=$_arg
		bin=${MANRS_CHECK:-$_arg/manrs-check}
	else
		bin=${MANRS_CHECK:-$_arg}
		B=$(dirname "$_arg")
	fi
	case $bin in /*) ;; *) bin=$(pwd)/$bin ;; esac
	case $B in /*) ;; *) B=$(pwd)/$B ;; esac
	if [ ! -x "$bin" ]; then
		echo "$1: $bin not found or not executable" >&2
		exit 2
	fi
}

# test_need NAME COMMAND: exit 2 unless COMMAND is installed.
test_need() {
	if ! command -v "$2" >/dev/null 2>&1; then
		echo "$1: $2 is needed (scripts/deps.sh test)" >&2
		exit 2
	fi
}

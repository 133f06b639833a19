# Sourced by tests: a private network namespace to probe, joined to the root
# namespace by a veth pair, on a /29 of 10.213.240.0/24 that no other run is
# using.  Every name carries the test's pid so concurrent runs do not meet.
#
#   mb_netns_setup     sets MB_NS, MB_VETH_HOST, MB_VETH_TARGET,
#                      MB_HOST_IP, MB_TARGET_IP, MB_SILENT_IP (on the subnet,
#                      nobody answers) and installs an EXIT trap for cleanup
#   mb_netns_cleanup   deletes them, kills $MB_PIDS and removes $MB_TMP
#                      (also run by the trap)
#   mb_netns_tap_setup makes $MB_TMP and runs mb_netns_setup as the test's
#                      first TAP result; bails out if it fails (needs
#                      tests/e2e/tap.sh)
#
# A /29 gives the root side .1, the target .2, and .3-.6 unused.

MB_NET_PREFIX=10.213.240
MB_NET_LOCK=/run/lock/migbench-netns.lock

mb_netns_cleanup() {
	local pid
	for pid in ${MB_PIDS:-}; do
		kill "$pid" 2>/dev/null && wait "$pid" 2>/dev/null
	done
	MB_PIDS=
	if [ -n "${MB_TMP:-}" ]; then
		rm -rf "$MB_TMP"
		MB_TMP=
	fi
	if [ -n "${MB_NS:-}" ]; then
		ip netns del "$MB_NS" 2>/dev/null || true
		ip link del "$MB_VETH_HOST" 2>/dev/null || true   # gone with its peer, as a rule
		MB_NS=
	fi
	return 0
}

# Succeeds if no address of the /29 starting at $1 is on the host already.
mb_block_free() {
	local base=$1 a
	for a in $(seq "$base" $((base + 7))); do
		if ip -4 -o addr show | grep -q "inet $MB_NET_PREFIX\.$a/"; then
			return 1
		fi
	done
	return 0
}

# Picks a free /29, starting at one derived from the pid; prints its base.
mb_pick_block() {
	local start=$(( $$ % 32 )) i idx
	for i in $(seq 0 31); do
		idx=$(( (start + i) % 32 ))
		if mb_block_free $((idx * 8)); then
			echo $((idx * 8))
			return 0
		fi
	done
	return 1
}

mb_netns_setup() {
	local base
	MB_NS=mbprobe$$
	MB_VETH_HOST=mbp$$h
	MB_VETH_TARGET=mbp$$t
	trap mb_netns_cleanup EXIT
	trap 'exit 130' INT TERM
	# The lock makes choosing a block and taking it one step.
	exec 9>"$MB_NET_LOCK" || return 1
	flock 9 || return 1
	base=$(mb_pick_block) || { flock -u 9; echo "no free /29 in $MB_NET_PREFIX.0/24" >&2; return 1; }
	MB_HOST_IP=$MB_NET_PREFIX.$((base + 1))
	MB_TARGET_IP=$MB_NET_PREFIX.$((base + 2))
	MB_SILENT_IP=$MB_NET_PREFIX.$((base + 5))
	ip netns add "$MB_NS" &&
	ip link add "$MB_VETH_HOST" type veth peer name "$MB_VETH_TARGET" netns "$MB_NS" &&
	ip addr add "$MB_HOST_IP/29" dev "$MB_VETH_HOST" &&
	ip link set "$MB_VETH_HOST" up &&
	ip -n "$MB_NS" link set lo up &&
	ip -n "$MB_NS" addr add "$MB_TARGET_IP/29" dev "$MB_VETH_TARGET" &&
	ip -n "$MB_NS" link set "$MB_VETH_TARGET" up
	local rc=$?
	flock -u 9
	exec 9>&-
	[ $rc -eq 0 ] || return $rc
	# The link is usable once the target answers an ordinary ping.
	local tries
	for tries in $(seq 1 50); do
		ping -c 1 -W 1 -q "$MB_TARGET_IP" >/dev/null 2>&1 && return 0
		sleep 0.1
	done
	echo "target $MB_TARGET_IP in $MB_NS never answered ping" >&2
	return 1
}

mb_netns_tap_setup() {
	MB_TMP=$(mktemp -d) || exit 1
	if ! mb_netns_setup >"$MB_TMP/setup.log" 2>&1; then
		tap_result 1 "set up namespace $MB_NS"
		tap_diag "$(cat "$MB_TMP/setup.log")"
		echo "Bail out! no test network"
		exit 1
	fi
	tap_result 0 "set up namespace $MB_NS: $MB_HOST_IP -> $MB_TARGET_IP"
}

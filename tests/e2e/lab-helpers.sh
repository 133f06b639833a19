# Helpers for tests that use a private lab: sourced after tap.sh.

# What this lab may leave on the machine: its links, namespaces, mounts,
# processes and state.  Only its own, since other tests run beside it.
machine_snapshot() {
	{
		echo "== links"; ip -o link show | awk -F': ' '{print $2}' | sed 's/@.*//' | grep -F "mb-$lab-" | sort
		echo "== netns"; ip netns list | grep -F "mb-$lab-" | sort
		echo "== mounts"; awk '{print $4, $5}' /proc/*/mountinfo 2>/dev/null | grep -F "/lab/$lab/" | sort -u
		echo "== processes"; pgrep -a -f "lab/$lab/|mb-$lab-" | grep -v pgrep || true
		echo "== state"; ls -d "/run/migbench/lab/$lab" 2>/dev/null
	}
}

lab_uri() { # lab_uri compute1
	awk -v h="$1" '$1 == h {print $2}' "$hosts_file"
}

guest_addr() { echo "$(awk '$1 == "compute1" {print $3}' "$hosts_file" | cut -d. -f1-3).101"; }
# The lab's rule (migbench-lab(8)): 10.213.N.101 has fd00:10:213:N::101 beside it.
guest_addr6() { echo "fd00:10:213:$(guest_addr | cut -d. -f3)::101"; }

# guest_exec URI DOMAIN PATH ARG...: run a program in the guest through the
# agent; prints its stdout, returns its exit code.
guest_exec() {
	local uri=$1 dom=$2 path=$3 req pid status i
	shift 3
	# jq would take an argument like --version for its own option: feed them as data.
	local args='[]'
	[ $# = 0 ] || args=$(printf '%s\n' "$@" | jq -R . | jq -cs .)
	req=$(jq -cn --arg p "$path" --argjson a "$args" \
		'{execute:"guest-exec",arguments:{path:$p,arg:$a,"capture-output":true}}')
	pid=$(virsh -c "$uri" qemu-agent-command "$dom" "$req" | jq -r '.return.pid') || return 125
	for i in $(seq 1 600); do
		status=$(virsh -c "$uri" qemu-agent-command "$dom" \
			"{\"execute\":\"guest-exec-status\",\"arguments\":{\"pid\":$pid}}") || return 125
		if [ "$(jq -r '.return.exited' <<<"$status")" = true ]; then
			jq -r '.return["out-data"] // ""' <<<"$status" | base64 -d
			jq -r '.return["err-data"] // ""' <<<"$status" | base64 -d >&2
			return "$(jq -r '.return.exitcode // 125' <<<"$status")"
		fi
		sleep 0.1
	done
	return 124
}

domain_running_on() { # domain_running_on HOST DOMAIN
	[ "$(virsh -q -c "$(lab_uri "$1")" domstate "$2" 2>/dev/null)" = running ]
}

ping_guest() { ping -n -q -c 3 -i 0.2 -W 2 "$(guest_addr)" >/dev/null; }

# guest_host: the lab host guest1 runs on.
guest_host() {
	local h
	for h in $(awk '!/^#/ {print $1}' "$hosts_file"); do
		domain_running_on "$h" guest1 && { echo "$h"; return 0; }
	done
	return 1
}

# guest_answers HOST SECONDS: ping and guest1's agent both answer within SECONDS.
guest_answers() {
	local deadline=$((SECONDS + $2))
	until ping -n -q -c 1 -W 1 "$(guest_addr)" >/dev/null 2>&1; do
		[ $SECONDS -lt "$deadline" ] || return 1
	done
	until virsh -q -c "$(lab_uri "$1")" qemu-agent-command guest1 '{"execute":"guest-ping"}' >/dev/null 2>&1; do
		[ $SECONDS -lt "$deadline" ] || return 1
		sleep 0.5
	done
}

# guest_settle: before a step that needs a live guest after a migration.
# The lab's TCG guest sometimes dies on the destination seconds after a
# completed, well-measured migration: its console shows "virtio_net
# virtio0: output.0:id N is not a head!" and then a kernel panic in the
# receive path (QEMU 7.2's virtio-net ring state; migbench-lab(8), BUGS).
# It reboots itself (panic=1) in about 10 s.  This waits up to 20 s;
# a guest still silent is reported (a TAP comment with what the lab saw)
# and reset in place, so one hypervisor hang costs one step, not the file.
guest_settle() {
	local h
	h=$(guest_host) || { tap_diag "guest_settle: guest1 runs on no host"; return 1; }
	guest_answers "$h" 20 && return 0
	{
		echo "guest1 on $h stopped answering (ping or agent) after the last migration:"
		virsh -q -c "$(lab_uri "$h")" domstate --reason guest1 2>&1
		virsh -q -c "$(lab_uri "$h")" domifaddr guest1 2>&1
		bridge fdb show 2>/dev/null | grep -i "52:54:00:d5:"
		# The lab's signature (QEMU 7.2, TCG): a virtio-net ring left
		# inconsistent by the migration, then a kernel panic.
		"$LAB" console guest1 2>&1 | grep -E 'is not a head|panic|general protection|BUG|Oops|Call Trace' | tail -n 6
		"$LAB" console guest1 2>&1 | tail -n 5
		echo "resetting guest1 on $h"
	} | tap_diag
	virsh -q -c "$(lab_uri "$h")" reset guest1 >/dev/null 2>&1 && guest_answers "$h" 90 && return 0
	tap_diag "guest1 did not come back after a reset on $h"
	return 1
}

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

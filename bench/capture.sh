#!/bin/bash
# Benchmark of the data-volume capture on the lab's migration path (root).
#
# Traffic from compute1 to compute2, as fast as the path carries it, on a
# port inside the migration range, while two captures watch the fabric
# bridge side by side with the same filter, snap length (128) and kernel
# buffer (32 MiB): `migbench analyze --live` and `tcpdump -w /dev/null`.
# Each run has two transfers, each with captures of its own:
#   iperf3  for SECONDS: migbench's unique TCP payload src -> dst against
#           the bytes iperf3 sent on its data connection;
#   exact   tests/e2e/tcp_transfer.py sends as many bytes as iperf3 did,
#           with sendfile(), and the receiver confirms them all: migbench
#           must count exactly that (iperf3 cannot always say: see below).
# For each: migbench's drops (must be 0) and tcpdump's, retransmissions,
# and the CPU time (user + system) of each capture process from
# "capturing" to just before the stop, per GB of wire bytes counted, from
# /proc/PID/stat (clock ticks) and, finer, the sum of
# /proc/PID/task/*/schedstat (nanoseconds).
# Two path settings: "gso" as the lab is (the sender's TCP hands 64 KiB
# super-packets down, few packets per GB), and "mtu" with gso_max_segs 1
# on compute1's br0 and eth0 (every packet one 1500-byte frame: the packet
# rate a capture has to keep up with).
#
#   bench/capture.sh [--lab NAME] [--runs N] [--time SECONDS] [--mode gso|mtu|both] [--out FILE]
#
# --lab uses a lab that is up (its settings are restored afterwards);
# without it a private lab is brought up and down again.  MIGBENCH names
# the binary (default: $top_builddir/src/migbench); build it without
# --enable-sanitizers for numbers worth comparing.  --out writes the
# Markdown table (e.g. bench/RESULTS.md); it is always printed.
#
# iperf3's data connection is bound to client port 49160 (--cport), inside
# the range, and the server listens on 5201, outside it: iperf3 also opens
# a control connection to the server port, whose bytes it does not count.
# compute1's ephemeral ports are moved below the range for the run so the
# control connection cannot land in it.  The data connection starts with
# iperf3's 37-byte cookie, which iperf3 does not count either: migbench
# sees sent + 37, unless the end of the test cut the stream: iperf3's
# server closes its data socket at TEST_END with data unread, the reset
# discards what the client had written but not yet sent, and iperf3's
# "sent" counts bytes written, not bytes that left.  Then received <=
# migbench <= sent + 37, and the row says so ("cut by RST").
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
XFER="python3 $here/../tests/e2e/tcp_transfer.py"

top_builddir=${top_builddir:-$(pwd)}
MIGBENCH=${MIGBENCH:-$top_builddir/src/migbench}
LAB=${LAB:-$top_builddir/scripts/migbench-lab}
export MIGBENCH_MKGUEST=${MIGBENCH_MKGUEST:-$top_builddir/scripts/mkguest}
export MIGBENCH_DIRTIER=${MIGBENCH_DIRTIER:-$top_builddir/probes/guest/migbench-dirtier}
COOKIE=37

lab= runs=3 secs=10 mode=both out=
while [ $# -gt 0 ]; do
	case $1 in
	--lab) lab=$2; shift 2 ;;
	--runs) runs=$2; shift 2 ;;
	--time) secs=$2; shift 2 ;;
	--mode) mode=$2; shift 2 ;;
	--out) out=$2; shift 2 ;;
	*) echo "usage: $0 [--lab NAME] [--runs N] [--time SECONDS] [--mode gso|mtu|both] [--out FILE]" >&2
	   exit 1 ;;
	esac
done
case $mode in gso | mtu) modes=$mode ;; both) modes="gso mtu" ;; *) echo "capture.sh: --mode gso, mtu or both" >&2; exit 1 ;; esac
[ "$(id -u)" = 0 ] || { echo "capture.sh: needs root" >&2; exit 2; }
for p in iperf3 tcpdump jq python3 "$MIGBENCH" "$LAB"; do
	command -v "$p" >/dev/null || { echo "capture.sh: $p not found" >&2; exit 2; }
done

work=$(mktemp -d)
own_lab=false
pids=
restore=()
cleanup() {
	local p i
	for p in $pids; do kill "$p" 2>/dev/null && wait "$p" 2>/dev/null || true; done
	for ((i = ${#restore[@]} - 1; i >= 0; i--)); do eval "${restore[i]}" || true; done
	if $own_lab; then
		MIGBENCH_LAB=$lab "$LAB" --quiet down >/dev/null 2>&1 || true
	fi
	rm -rf "$work"
}
trap cleanup EXIT

if [ -z "$lab" ]; then
	lab=bc$(printf '%05d' $(($$ % 100000)))
	own_lab=true
	echo "capture.sh: bringing up lab $lab" >&2
	MIGBENCH_LAB=$lab "$LAB" --quiet up >&2
fi
hosts=$(MIGBENCH_LAB=$lab "$LAB" hosts-file)
src=$(awk '$1 == "compute1" {print $3}' "$hosts")
dst=$(awk '$1 == "compute2" {print $3}' "$hosts")
fabric=mb-$lab-f ns1=mb-$lab-compute1 ns2=mb-$lab-compute2
data_port=49160 server_port=5201

wait_for_line() { # wait_for_line FILE PATTERN
	local i
	for i in $(seq 1 150); do
		grep -q -- "$2" "$1" 2>/dev/null && return 0
		sleep 0.1
	done
	echo "capture.sh: no '$2' in $1" >&2
	return 1
}

# CPU seconds of a process, all threads: "TICKS_S SCHED_S".
cpu_seconds() {
	local ticks sched
	ticks=$(awk -v hz="$(getconf CLK_TCK)" '{ sub(/^.*\) /, ""); printf "%.2f", ($12 + $13) / hz }' \
		"/proc/$1/stat")
	sched=$(cat /proc/"$1"/task/*/schedstat | awk '{ s += $1 } END { printf "%.4f", s / 1e9 }')
	echo "$ticks $sched"
}

set_gso_segs() { # set_gso_segs N: on compute1's br0 and eth0, restored at exit
	local dev old
	for dev in br0 eth0; do
		old=$(ip -n "$ns1" -d link show "$dev" | grep -o 'gso_max_segs [0-9]*' | cut -d' ' -f2)
		ip -n "$ns1" link set dev "$dev" gso_max_segs "$1"
		restore+=("ip -n $ns1 link set dev $dev gso_max_segs $old")
	done
}

start_captures() {
	"$MIGBENCH" analyze --live "$fabric" --src-addr "$src" --json "$work/mb.json" \
		>/dev/null 2>"$work/mb.err" &
	mb=$!
	tcpdump -i "$fabric" -s 128 -B 32768 -w /dev/null "tcp portrange 49152-49261" 2>"$work/td.err" &
	tdp=$!
	pids="$pids $mb $tdp"
	wait_for_line "$work/mb.err" "capturing on"
	wait_for_line "$work/td.err" "listening on"
	sleep 0.5
	read -r mb_t0 mb_s0 < <(cpu_seconds "$mb")
	read -r td_t0 td_s0 < <(cpu_seconds "$tdp")
}

stop_captures() {
	sleep 1.5 # tcpdump's ring blocks time out after 1 s
	read -r mb_t1 mb_s1 < <(cpu_seconds "$mb")
	read -r td_t1 td_s1 < <(cpu_seconds "$tdp")
	kill -INT "$mb" "$tdp"
	wait "$mb"
	wait "$tdp" || true
	pids=
}

# iperf3 for $secs: sets ref_sent (+ the cookie), ref_recv, gbit, retx.
iperf3_transfer() {
	local srv
	ip netns exec "$ns2" iperf3 -s -1 -B "$dst" -p "$server_port" --json >"$work/srv.json" 2>&1 &
	srv=$!
	pids="$srv"
	start_captures
	ip netns exec "$ns1" iperf3 -c "$dst" -p "$server_port" -B "$src" --cport "$data_port" \
		-t "$secs" --json >"$work/cli.json"
	wait "$srv" || true
	stop_captures
	ref_sent=$(jq --argjson c "$COOKIE" '.end.sum_sent.bytes + $c' "$work/cli.json")
	ref_recv=$(jq --argjson c "$COOKIE" '.end.sum_received.bytes + $c' "$work/cli.json")
	gbit=$(jq '.end.sum_sent.bits_per_second / 1e9 * 100 | round / 100' "$work/cli.json")
	retx=$(jq .end.sum_sent.retransmits "$work/cli.json")
}

# tcp_transfer.py, $1 bytes: the receiver's count is the reference.
exact_transfer() {
	local srv
	ip netns exec "$ns2" $XFER serve "$dst" "$data_port" 0 >"$work/xsrv.out" &
	srv=$!
	pids="$srv"
	start_captures
	wait_for_line "$work/xsrv.out" listening
	ip netns exec "$ns1" $XFER send "$src" 40001 "$dst" "$data_port" "$1" >/dev/null 2>"$work/xcli.err"
	wait "$srv"
	stop_captures
	ref_sent=$1
	ref_recv=$(tail -1 "$work/xsrv.out")
	gbit=$(awk '{printf "%.2f", $(NF - 1)}' "$work/xcli.err")
	retx=-
}

# One TSV line for the last transfer.
row() { # row MODE RUN TRAFFIC
	jq -r --arg mode "$1" --arg run "$2" --arg traffic "$3" --argjson sent "$ref_sent" \
		--argjson recv "$ref_recv" --arg gbit "$gbit" --arg retx "$retx" \
		--arg tdrops "$(awk '/packets dropped by kernel/ {print $1}' "$work/td.err")" \
		--argjson m "[$(awk -v a="$mb_t1" -v b="$mb_t0" -v c="$mb_s1" -v d="$mb_s0" 'BEGIN {printf "%f,%f", a - b, c - d}')]" \
		--argjson t "[$(awk -v a="$td_t1" -v b="$td_t0" -v c="$td_s1" -v d="$td_s0" 'BEGIN {printf "%f,%f", a - b, c - d}')]" '
	  .figures.data_volume as $v | ($v.wire_bytes / 1e9) as $gb | $v.src_to_dst.unique_payload_bytes as $u |
	  [$mode, $run, $traffic, $gbit, $sent, $recv, $u,
	   (if $u == $sent then "yes" elif $u >= $recv and $u < $sent then "cut by RST" else "NO" end),
	   $retx, $v.src_to_dst.retransmitted_bytes, $v.packets,
	   "\($v.drops.kernel)/\($v.drops.interface)", $tdrops,
	   "\($m[0] * 100 | round / 100) / \($m[1] * 1000 | round / 1000)",
	   "\($t[0] * 100 | round / 100) / \($t[1] * 1000 | round / 1000)",
	   ($m[1] / $gb * 10000 | round / 10000), ($t[1] / $gb * 10000 | round / 10000)] | @tsv' "$work/mb.json"
}

old_range=$(ip netns exec "$ns1" cat /proc/sys/net/ipv4/ip_local_port_range | tr '\t' ' ')
ip netns exec "$ns1" sh -c 'echo "32768 49151" >/proc/sys/net/ipv4/ip_local_port_range'
restore+=("ip netns exec $ns1 sh -c 'echo \"$old_range\" >/proc/sys/net/ipv4/ip_local_port_range'")

results=$work/results.tsv
: >"$results"
for m in $modes; do
	[ "$m" = mtu ] && set_gso_segs 1
	for r in $(seq 1 "$runs"); do
		echo "capture.sh: $m, run $r of $runs: iperf3 for $secs s" >&2
		iperf3_transfer
		row "$m" "$r" iperf3 | tee -a "$results" >&2
		echo "capture.sh: $m, run $r of $runs: exact transfer of $((ref_sent - COOKIE)) bytes" >&2
		exact_transfer "$((ref_sent - COOKIE))"
		row "$m" "$r" exact | tee -a "$results" >&2
	done
done

{
	echo "## Capture benchmark"
	echo
	echo "$(date -u +%Y-%m-%d); kernel $(uname -r); $(nproc) CPUs ($(awk -F': ' '/model name/ {print $2; exit}' /proc/cpuinfo));"
	echo "libpcap $(pkg-config --modversion libpcap 2>/dev/null || echo '?'); $(tcpdump --version 2>&1 | head -1);"
	echo "$(iperf3 --version | head -1 | cut -d' ' -f1-2); $runs runs per mode on the lab's fabric bridge, iperf3 for $secs s."
	echo "Both captures: snap length 128, 32 MiB kernel buffer, filter \`tcp portrange 49152-49261\`."
	echo "CPU = user + system over the transfer: /proc/PID/stat (10 ms ticks) / sum of /proc/PID/task/*/schedstat (ns);"
	echo "per GB = schedstat seconds per 10^9 wire bytes as migbench counted them (both saw the same packets)."
	echo
	echo "Columns: sent = bytes the sender put into the connection (iperf3: its count + 37 for the cookie);"
	echo "received = the receiver's count (+ 37); equal = migbench's unique payload src->dst is sent;"
	echo "CPU s = ticks / schedstat."
	echo
	echo "| mode | run | traffic | Gbit/s | sent | received | migbench unique payload src->dst | equal | iperf3 retransmits | migbench retransmitted bytes | packets | migbench drops kernel/if | tcpdump drops | migbench CPU s | tcpdump CPU s | migbench CPU s/GB | tcpdump CPU s/GB |"
	echo "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|"
	sed 's/\t/ | /g; s/^/| /; s/$/ |/' "$results"
	echo
	awk -F'\t' '{ k = $1 " mode, " $3; m[k] += $16; t[k] += $17; n[k]++ } END {
		for (k in n) printf "Mean CPU per GB, %s: migbench %.4f s, tcpdump %.4f s (migbench %s tcpdump).  \n",
			k, m[k] / n[k], t[k] / n[k], m[k] <= t[k] ? "at most" : "ABOVE" }' "$results" | sort
} >"$work/table.md"
cat "$work/table.md"
[ -z "$out" ] || cp "$work/table.md" "$out"

#!/bin/bash
# bench/observer.sh: does measuring a migration change it?  The same idle
# lab migration, interleaved, with plain `virsh migrate --live --p2p` and
# with `migbench` probing at 1 ms and at 100 µs (capture on, as by
# default); the ratios migbench / virsh of the median total time and the
# median hypervisor downtime, each with its 95% bootstrap interval.
#
#   cd build && sudo ../bench/observer.sh [--rounds N] [--variants 'V ...'] [--csv FILE] [--out FILE] [--seed S]
#
# Variants (default "virsh migbench-1ms migbench-100us"): virsh,
# migbench-1ms, migbench-100us, and migbench-1ms-nodr (1 ms probing with
# --no-dirty-rate: no libvirt dirty-rate calculation in the baseline).
#
# A round is one migration of each variant, in an order that rotates every
# round; each migration moves the guest to the other host, so with three variants, over every 6
# rounds each variant migrates each way at each position equally often.
# Figures come from libvirt's completed job statistics in every variant,
# from the same host and the same report, so the comparison is like for
# like: total time = time_elapsed, downtime = downtime of the source's
# job-completed event.  migbench keeps the first job-completed event it
# sees, and in this lab only the source sends one (checked: the JSON's
# events name the host; the figures_from column records it).  For virsh,
# `virsh event --event job-completed` on the source, listening from before
# the migration; the destination's `virsh domjobinfo --completed` right
# after is recorded beside it (dst_*: its time elapsed is shorter, by the
# source's Confirm step).  The source's own `domjobinfo --completed` is no
# use here: on the way back the source's domain was transient and is gone.
#
# Brings up a lab of its own (name obsNNNNN) and takes it down at exit.
# Every run's figures go to the CSV; bench/observer_stats (built by make)
# prints the Markdown table from it.  --from-csv FILE skips the lab and
# prints the table of an earlier run.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
top_builddir=${top_builddir:-$(pwd)}
MIGBENCH=${MIGBENCH:-$top_builddir/src/migbench}
LAB=${LAB:-$top_builddir/scripts/migbench-lab}
STATS=${STATS:-$top_builddir/bench/observer_stats}
export MIGBENCH_MKGUEST=${MIGBENCH_MKGUEST:-$top_builddir/scripts/mkguest}
export MIGBENCH_DIRTIER=${MIGBENCH_DIRTIER:-$top_builddir/probes/guest/migbench-dirtier}

rounds=24 csv= out= seed=14 from= variants_arg="virsh migbench-1ms migbench-100us"
usage() { echo "usage: $0 [--rounds N] [--variants 'V ...'] [--csv FILE] [--out FILE] [--seed S] [--from-csv FILE]" >&2; exit 1; }
while [ $# -gt 0 ]; do
	[ $# -ge 2 ] || usage
	case $1 in
	--rounds) rounds=$2 ;;
	--csv) csv=$2 ;;
	--out) out=$2 ;;
	--seed) seed=$2 ;;
	--variants) variants_arg=$2 ;;
	--from-csv) from=$2 ;;
	*) usage ;;
	esac
	shift 2
done
[[ $rounds =~ ^[0-9]+$ ]] && [ "$rounds" -ge 1 ] || usage
read -r -a variants <<<"$variants_arg"
for v in "${variants[@]}"; do
	case $v in virsh | migbench-1ms | migbench-100us | migbench-1ms-nodr) ;; *) usage ;; esac
done
[ "${#variants[@]}" -ge 2 ] && [ "${variants[0]}" = virsh ] || usage

table() { # table CSV: the Markdown table, to stdout and --out
	[ -x "$STATS" ] || { echo "observer.sh: $STATS not found: run make in the build tree" >&2; exit 2; }
	local md
	md=$(mktemp)
	{
		sed -n 's/^# //p' "$1"
		echo
		"$STATS" --seed "$seed" "$1"
	} >"$md" || { rm -f "$md"; exit 2; }
	cat "$md"
	if [ -n "$out" ]; then cp "$md" "$out"; fi
	rm -f "$md"
}
if [ -n "$from" ]; then
	table "$from"
	exit 0
fi

[ "$(id -u)" = 0 ] || { echo "observer.sh: needs root (the lab)" >&2; exit 2; }
for p in virsh jq "$MIGBENCH" "$LAB" "$STATS"; do
	command -v "$p" >/dev/null || { echo "observer.sh: $p not found (run it from a build tree, after make)" >&2; exit 2; }
done

work=$(mktemp -d)
lab=obs$(printf '%05d' $(($$ % 100000)))
cleanup() {
	[ -z "${listener:-}" ] || kill "$listener" 2>/dev/null || true
	MIGBENCH_LAB=$lab "$LAB" --quiet down >/dev/null 2>&1 || true
	rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

echo "observer.sh: bringing up lab $lab" >&2
MIGBENCH_LAB=$lab "$LAB" --quiet up >&2
hosts=$(MIGBENCH_LAB=$lab "$LAB" hosts-file)
# A Linux bridge whose address was never set takes its ports' lowest MAC:
# when a host's random eth0 MAC is above the guest tap's fe:54:00:..., br0
# turns into the tap's MAC as the guest arrives, the other host's neighbour
# entry then points at its own tap, and every later migration stalls until
# libvirt's keepalive drops it (seen once: "client socket is closed").
# Pin each br0 to its eth0's address, which keeps it.
for h in compute1 compute2; do
	ip -n "mb-$lab-$h" link set br0 address "$(ip netns exec "mb-$lab-$h" cat /sys/class/net/eth0/address)"
done
export MIGBENCH_HOSTS=$hosts
uri() { awk -v h="$1" '$1 == h {print $2}' "$hosts"; }
guest=$(awk '$1 == "compute1" {print $3}' "$hosts" | cut -d. -f1-3).101

csv=${csv:-$PWD/observer.csv}
{
	echo "# began $(date -u +%Y-%m-%dT%H:%M:%SZ); $(uname -n), kernel $(uname -r), $(nproc) CPUs" \
		"($(awk -F': ' '/model name/ {print $2; exit}' /proc/cpuinfo)); $(virsh --version 2>/dev/null |
		sed 's/^/libvirt /'); the lab's TCG guest, idle; $rounds rounds"
} >"$csv"
echo "round,seq,variant,src,dst,status,total_ms,downtime_ms,dst_total_ms,dst_downtime_ms,probe_downtime_ms,send_late_p99_us,figures_from,wall_s" >>"$csv"

# A field of `virsh domjobinfo` ("Time elapsed:  812 ms" -> 812), or empty.
jobfield() { awk -F': *' -v k="$1" '$1 == k {split($2, a, " "); print a[1]; exit}'; }

# Before each migration, whatever the variant: the guest answers, then 1 s
# of quiet, so that no run starts inside the previous one's aftermath.
settle() {
	local i
	for i in $(seq 1 60); do
		ping -n -q -c 1 -W 1 "$guest" >/dev/null 2>&1 && break
	done
	sleep 1
}

# The source's job-completed event, listened for from before the
# migration: virsh prints its parameters as "\tNAME: VALUE" lines.
listen() { # listen SRC: in the background, into $work/ev.out
	virsh -q -c "$(uri "$1")" event --domain guest1 --event job-completed --timeout 120 >"$work/ev.out" 2>&1 &
	listener=$!
}
evfield() { awk -v k="$1" '$1 == k ":" {print $2; exit}' "$work/ev.out"; }

# virsh SRC DST: prints status,total,downtime,dst_total,dst_downtime,,,from
run_virsh() {
	local d status=completed from="src event"
	virsh -q -c "$(uri "$1")" migrate --live --p2p guest1 "$(uri "$2")" >"$work/v.out" 2>&1 || status=failed
	d=$(virsh -c "$(uri "$2")" domjobinfo --completed guest1 2>/dev/null || true)
	wait "$listener" || true
	listener=
	[ $status = completed ] || sed 's/^/observer.sh: virsh: /' "$work/v.out" >&2
	[ -n "$(evfield time_elapsed)" ] || from="none: no event"
	echo "$status,$(evfield time_elapsed),$(evfield downtime),$(jobfield 'Time elapsed' <<<"$d"),$(jobfield 'Total downtime' <<<"$d"),,,$from"
}

# migbench INTERVAL SRC DST [OPTION...]: the same columns from its JSON.
run_migbench() {
	rm -f "$work/m.json"
	"$MIGBENCH" --src "$2" --dst "$3" --interval "$1" --target "$guest" --baseline 1s --tail 1s \
		--quiet --json "$work/m.json" "${@:4}" >/dev/null 2>"$work/m.err" || true
	[ -s "$work/m.json" ] || { sed 's/^/observer.sh: migbench: /' "$work/m.err" >&2; echo "failed,,,,,,,"; return; }
	jq -r '[.migbench.status,
	        (.figures.total_time.hypervisor_ns // null | if . then . / 1e6 else "" end),
	        (.figures.downtime.hypervisor_ns // null | if . then . / 1e6 else "" end), "", "",
	        (.figures.downtime.probe_ns // null | if . then . / 1e6 else "" end),
	        (.probe.prober.send_late.p99_ns // null | if . then . / 1e3 else "" end),
	        ([.events[] | select(.kind == "job-completed") | .host][0] // "none" | "\(.) event")]
	       | map(tostring) | join(",")' "$work/m.json" || echo "failed,,,,,,,"
}

nv=${#variants[@]}
at=compute1 seq=0 listener=
for r in $(seq 0 $((rounds - 1))); do
	for p in $(seq 0 $((nv - 1))); do
		v=${variants[$(((p + r) % nv))]}
		to=$([ $at = compute1 ] && echo compute2 || echo compute1)
		[ $v != virsh ] || listen $at
		settle
		t0=$(date +%s.%N)
		# Not in a subshell: run_virsh waits for the listener, its child.
		case $v in
		virsh) run_virsh $at $to >"$work/line" ;;
		migbench-1ms) run_migbench 1ms $at $to >"$work/line" ;;
		migbench-100us) run_migbench 100us $at $to >"$work/line" ;;
		migbench-1ms-nodr) run_migbench 1ms $at $to --no-dirty-rate >"$work/line" ;;
		esac
		line=$(cat "$work/line")
		wall=$(awk -v a="$t0" -v b="$(date +%s.%N)" 'BEGIN {printf "%.2f", b - a}')
		seq=$((seq + 1))
		echo "$((r + 1)),$seq,$v,$at,$to,$line,$wall" | tee -a "$csv" >&2
		# The guest is wherever libvirt says it runs now (a failed migration leaves it).
		virsh -q -c "$(uri $to)" domstate guest1 2>/dev/null | grep -qx running && at=$to
	done
done
table "$csv"

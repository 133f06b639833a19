#!/bin/bash
# bench/memory.sh: migbench's resident memory stays flat, in two long runs.
#   probe (default): `migbench probe --interval 100us --duration 10m` (10
#     kHz, 6,000,000 probes) against a private network namespace (no lab),
#     with --out, so the streaming CSV writer is part of what is measured.
#   --campaign N: a campaign of N real migrations in a private lab (`migbench
#     --src compute1 --dst compute2 --runs N`, the shortest settings that are
#     still whole runs: --baseline 0.2s --tail 0.2s --pause 0), every run's
#     files and the summary written.
# Either way VmRSS is read from /proc/PID/status every few seconds, and the
# growth after the first minute (the largest sample after it minus the
# first sample at or after it) must be under 1 MiB.
#
# Run as root from a build tree built without --enable-sanitizers (ASan's
# quarantine and shadow memory would hide or fake a leak):
#   cd build && ../bench/memory.sh [--duration 10m] [--interval 100us]
#                                  [--campaign N] [--lab NAME]
#                                  [--every 5] [--report FILE]
# --lab uses a lab that is up (campaign only); otherwise one is brought up
# and down again.  Exit status: 0 flat, 1 grew, 2 could not run.
set -u

here=$(cd "$(dirname "$0")" && pwd)
top_builddir=${top_builddir:-$(pwd)}
MIGBENCH=${MIGBENCH:-$top_builddir/src/migbench}
LAB=${LAB:-$top_builddir/scripts/migbench-lab}
export MIGBENCH_MKGUEST=${MIGBENCH_MKGUEST:-$top_builddir/scripts/mkguest}
export MIGBENCH_DIRTIER=${MIGBENCH_DIRTIER:-$top_builddir/probes/guest/migbench-dirtier}
DURATION=10m
INTERVAL=100us
EVERY=5
REPORT=
CAMPAIGN=
lab=
LIMIT_KB=1024
WARMUP_S=${WARMUP_S:-60}

usage() {
	sed -n '2,/^set -u/p' "$0" | sed '$d; s/^# \{0,1\}//'
	exit "$1"
}

while [ $# -gt 0 ]; do
	case $1 in
	--duration) DURATION=$2; shift 2 ;;
	--interval) INTERVAL=$2; shift 2 ;;
	--campaign) CAMPAIGN=$2; shift 2 ;;
	--lab) lab=$2; shift 2 ;;
	--every) EVERY=$2; shift 2 ;;
	--report) REPORT=$2; shift 2 ;;
	--help) usage 0 ;;
	*) echo "memory.sh: unknown argument: $1" >&2; usage 2 >&2 ;;
	esac
done
[ "$(id -u)" = 0 ] || { echo "memory.sh: needs root (network namespace, raw socket)" >&2; exit 2; }
[ -x "$MIGBENCH" ] || { echo "memory.sh: $MIGBENCH: not found (run from a build tree or set MIGBENCH)" >&2; exit 2; }

MB_TMP=$(mktemp -d) || exit 2
samples=$MB_TMP/rss.tsv
own_lab=false
mb_pid=
cleanup() {
	[ -z "$mb_pid" ] || { kill -INT "$mb_pid" 2>/dev/null; wait "$mb_pid" 2>/dev/null; }
	if $own_lab; then
		MIGBENCH_LAB=$lab "$LAB" --quiet down >/dev/null 2>&1
	fi
	rm -rf "$MB_TMP"
}

# sample PID: VmRSS every $EVERY s while PID lives, then its exit status.
sample() {
	local pid=$1 start rss
	start=$(date +%s)
	while kill -0 "$pid" 2>/dev/null; do
		rss=$(awk '/^VmRSS:/ { print $2 }' "/proc/$pid/status" 2>/dev/null)
		[ -n "$rss" ] && printf '%d\t%s\n' $(( $(date +%s) - start )) "$rss" >>"$samples"
		sleep "$EVERY"
	done
	wait "$pid"
}

run_probe() {
	. "$here/../tests/helpers/netns.sh"
	if ! mb_netns_setup >"$MB_TMP/setup.log" 2>&1; then
		echo "memory.sh: network namespace: $(tail -n 1 "$MB_TMP/setup.log")" >&2
		exit 2
	fi
	"$MIGBENCH" probe --target "$MB_TARGET_IP" --interval "$INTERVAL" --duration "$DURATION" \
		--out "$MB_TMP/out" --quiet 2>"$MB_TMP/mb.err" &
	MB_PIDS=$!
	sample "$MB_PIDS"
	rc=$?
	MB_PIDS=
	title="migbench probe --interval $INTERVAL --duration $DURATION"
	counts="probe: $(jq -r '.probe | "\(.sent) sent, \(.lost) lost, \(.windows | length) windows"' \
		"$MB_TMP/out/probe.json" 2>/dev/null); probes.csv: $(wc -l <"$MB_TMP/out/probes.csv" 2>/dev/null) lines"
}

run_campaign() {
	local hosts
	trap cleanup EXIT
	if [ -z "$lab" ]; then
		lab=bm$(printf '%05d' $(($$ % 100000)))
		own_lab=true
		echo "memory.sh: bringing up lab $lab" >&2
		MIGBENCH_LAB=$lab "$LAB" --quiet up >&2 || exit 2
	fi
	hosts=$(MIGBENCH_LAB=$lab "$LAB" hosts-file) || exit 2
	# --target: the lab guest's address (as tests/e2e/lab-helpers.sh has
	# it); asking its agent fails now and then right after a migration.
	target=$(awk '$1 == "compute1" {print $3}' "$hosts" | cut -d. -f1-3).101
	MIGBENCH_HOSTS=$hosts "$MIGBENCH" --src compute1 --dst compute2 --runs "$CAMPAIGN" --target "$target" \
		--baseline 0.2s --tail 0.2s --pause 0 --timeout 5m --quiet --out "$MB_TMP/out" \
		>"$MB_TMP/mb.out" 2>"$MB_TMP/mb.err" &
	mb_pid=$!
	sample "$mb_pid"
	rc=$?
	mb_pid=
	title="migbench --runs $CAMPAIGN --baseline 0.2s --tail 0.2s --pause 0 (a lab, TCG guest)"
	counts="campaign: $(jq -r '"\(.measured) measured, \(.failed) failed"' "$MB_TMP/out/summary.json" 2>/dev/null);"
	counts+=" $(find "$MB_TMP/out" -name migbench.json | wc -l) run results"
}

if [ -n "$CAMPAIGN" ]; then
	run_campaign
else
	run_probe
fi
# A campaign whose runs failed (2, 3) still ran every run and its summary:
# the memory figures stand, with the counts beside them.
if [ $rc -ne 0 ] && { [ -z "$CAMPAIGN" ] || ! [ -s "$MB_TMP/out/summary.json" ]; }; then
	echo "memory.sh: migbench exited $rc: $(tail -n 3 "$MB_TMP/mb.err")" >&2
	exit 2
fi
# A lab whose guest stopped answering refuses the later runs at their
# baseline: a cheap loop, no evidence for a campaign of migrations.
if [ -n "$CAMPAIGN" ] && [ "$(jq -r '.measured' "$MB_TMP/out/summary.json")" -lt $((CAMPAIGN * 9 / 10)) ]; then
	NOT_MIGRATIONS=1
fi
[ $rc = 0 ] || counts+="; exit status $rc: $(sort "$MB_TMP/mb.err" | uniq -c | sort -rn | head -n 3 | tr -s ' \n' ' ')"

# The summary: RSS at start, at the end of the warm-up, its maximum after,
# the growth, and the run's own counts.
summary=$(awk -v warm="$WARMUP_S" -v limit="$LIMIT_KB" '
	NR == 1 { first = $2 }
	$1 >= warm && base == "" { base = $2; base_t = $1 }
	$1 >= warm && $2 > max { max = $2; max_t = $1 }
	{ last = $2; last_t = $1; n++ }
	END {
		if (base == "") { print "FAIL too short: no sample after " warm " s"; exit }
		g = max - base
		printf "%s %d samples; VmRSS %d kB at 0 s, %d kB at %d s, max %d kB at %d s, %d kB at %d s; growth after %d s: %d kB (limit %d kB)\n",
			(g < limit ? "PASS" : "FAIL"), n, first, base, base_t, max, max_t, last, last_t, warm, g, limit
	}' "$samples")
{
	echo "$title ($(uname -r), $(nproc) CPUs, $(date -u +%F))"
	echo "$counts"
	echo "${summary#* }"
	echo "samples (s, kB):"
	awk '{ printf "%s%s:%s", (NR > 1 ? " " : ""), $1, $2 } END { print "" }' "$samples" | fold -s -w 76
} | tee ${REPORT:+"$REPORT"}
if [ -n "${NOT_MIGRATIONS:-}" ]; then
	echo "memory.sh: fewer than 90% of the runs were measured migrations: not a campaign figure" >&2
	exit 2
fi
case $summary in
PASS*) exit 0 ;;
*) exit 1 ;;
esac

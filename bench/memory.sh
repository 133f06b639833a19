#!/bin/bash
# bench/memory.sh: migbench's resident memory stays flat over a long, fast
# probe.  Runs `migbench probe --interval 100us --duration 10m` (10 kHz,
# 6,000,000 probes) against a private network namespace (no lab), samples
# VmRSS from /proc/PID/status every few seconds, and checks that the growth
# after the first minute (the largest sample after it minus the first
# sample at or after it) is under 1 MiB.  The CSV of every probe is written
# too (--out), so the streaming writer is part of what is measured.
#
# Run as root from a build tree built without --enable-sanitizers (ASan's
# quarantine and shadow memory would hide or fake a leak):
#   cd build && ../bench/memory.sh [--duration 10m] [--interval 100us]
#                                  [--every 5] [--report FILE]
# Exit status: 0 flat, 1 grew, 2 could not run.
set -u

here=$(cd "$(dirname "$0")" && pwd)
MIGBENCH=${MIGBENCH:-./src/migbench}
DURATION=10m
INTERVAL=100us
EVERY=5
REPORT=
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
	--every) EVERY=$2; shift 2 ;;
	--report) REPORT=$2; shift 2 ;;
	--help) usage 0 ;;
	*) echo "memory.sh: unknown argument: $1" >&2; usage 2 >&2 ;;
	esac
done
[ "$(id -u)" = 0 ] || { echo "memory.sh: needs root (network namespace, raw socket)" >&2; exit 2; }
[ -x "$MIGBENCH" ] || { echo "memory.sh: $MIGBENCH: not found (run from a build tree or set MIGBENCH)" >&2; exit 2; }

. "$here/../tests/helpers/netns.sh"
MB_TMP=$(mktemp -d) || exit 2
if ! mb_netns_setup >"$MB_TMP/setup.log" 2>&1; then
	echo "memory.sh: network namespace: $(tail -n 1 "$MB_TMP/setup.log")" >&2
	exit 2
fi

samples=$MB_TMP/rss.tsv
"$MIGBENCH" probe --target "$MB_TARGET_IP" --interval "$INTERVAL" --duration "$DURATION" \
	--out "$MB_TMP/out" --quiet 2>"$MB_TMP/probe.err" &
pid=$!
MB_PIDS=$pid
start=$(date +%s)
while kill -0 "$pid" 2>/dev/null; do
	rss=$(awk '/^VmRSS:/ { print $2 }' "/proc/$pid/status" 2>/dev/null)
	[ -n "$rss" ] && printf '%d\t%s\n' $(( $(date +%s) - start )) "$rss" >>"$samples"
	sleep "$EVERY"
done
wait "$pid"
rc=$?
MB_PIDS=
if [ $rc -ne 0 ]; then
	echo "memory.sh: migbench probe exited $rc: $(cat "$MB_TMP/probe.err")" >&2
	exit 2
fi

# The summary: RSS at start, at the end of the warm-up, its maximum after,
# the growth, and the probe's own counts.
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
counts=$(jq -r '.probe | "\(.sent) sent, \(.lost) lost, \(.windows | length) windows"' \
	"$MB_TMP/out/probe.json" 2>/dev/null)
csv_lines=$(wc -l <"$MB_TMP/out/probes.csv" 2>/dev/null)
{
	echo "migbench probe --interval $INTERVAL --duration $DURATION ($(uname -r), $(nproc) CPUs, $(date -u +%F))"
	echo "probe: $counts; probes.csv: $csv_lines lines"
	echo "${summary#* }"
	echo "samples (s, kB):"
	awk '{ printf "%s%s:%s", (NR > 1 ? " " : ""), $1, $2 } END { print "" }' "$samples" | fold -s -w 76
} | tee ${REPORT:+"$REPORT"}
case $summary in
PASS*) exit 0 ;;
*) exit 1 ;;
esac

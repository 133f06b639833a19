#!/bin/bash
# bench/prober.sh: the downtime prober against the tools labs use, on the
# same injected outages and the same target.
#
#   cd build && sudo ../bench/prober.sh [--rounds N] [--out FILE]
#
# Target: a private network namespace behind a veth (tests/helpers/netns.sh).
# Outages: tests/helpers/outage_inject puts a blackhole qdisc on the
# target's side of the veth for known lengths; the truth is its
# CLOCK_MONOTONIC brackets around each netlink request (the cut took effect
# somewhere inside).  Rows, one after the other on the same schedule, each
# with the machine to itself (ping -i 0.001 keeps a core busy, so running
# the rows at once would load the others):
#   migbench probe --interval 1ms, 100us, 50us (and 1ms, 100us with
#   --no-cpu-latency: no PM QoS request)
#   ping -D -i 0.001 (iputils, as root)
#   fping -D -l -p 10 (fping's fastest period: it refuses less than 10 ms)
# each on an idle machine and with 3 busy loops on the cores.
#
# Columns (per row, over every injected outage of every round; skipped:
# deadlines the sender missed by a whole interval, migbench only):
#   windows  windows matched to injected outages / injected (extra: windows
#            with no outage)
#   worst/mean error  |estimate - injected length|, the length taken
#            between the midpoints of the injector's brackets
#   beyond   the estimate's distance from the injected length taken as a
#            range: from the latest cut to the earliest restore, to the
#            earliest cut to the latest restore (0 inside it); the range's
#            widest width is the last column.  The busy loops delay the
#            injector too (its restore bracket reached 5 ms), so there the
#            midpoint is itself uncertain by half the range.
#   inside   yes when every injected length (the range its brackets allow)
#            meets the reported [lower, upper] bounds
#   CPU      user + system seconds of the tool per 10,000 probes
#   late p99 send lateness p99, the worst round's (migbench's kernel stamps;
#            the others do not report their send times)
# ping and fping windows are read from their reply timestamps (-D, realtime,
# moved to CLOCK_MONOTONIC by an offset read at start): a run of missing
# sequence numbers between replies at t1 and t2, estimate t2 - t1 - P,
# bounds [t2 - t1 - 2P, t2 - t1] with P the median spacing of consecutive
# replies (their real period; ping -i 0.001 sends every 3-4 ms here).
set -euo pipefail
rounds=2 out=
while [ $# -gt 0 ]; do
	case $1 in
	--rounds) rounds=$2; shift 2 ;;
	--out) out=$2; shift 2 ;;
	*) echo "usage: $0 [--rounds N] [--out FILE]" >&2; exit 1 ;;
	esac
done
here=$(cd "$(dirname "$0")/.." && pwd)
export MIGBENCH=${MIGBENCH:-$PWD/src/migbench} INJECT=${INJECT:-$PWD/tests/helpers/outage_inject}
for f in "$MIGBENCH" "$INJECT"; do
	[ -x "$f" ] || { echo "prober.sh: $f not found: run it from a build tree (make check builds the injector)" >&2; exit 2; }
done
for t in ping fping python3 /usr/bin/time; do
	command -v "$t" >/dev/null || { echo "prober.sh: needs $t" >&2; exit 2; }
done
[ "$(id -u)" -eq 0 ] || { echo "prober.sh: needs root (namespaces, qdiscs)" >&2; exit 2; }
. "$here/tests/helpers/netns.sh"
MB_TMP=$(mktemp -d)
mb_netns_setup >/dev/null
export MB_NS MB_VETH_TARGET MB_TARGET_IP MB_TMP ROUNDS=$rounds
python3 "$here/bench/prober_eval.py" | tee "${out:-/dev/null}"

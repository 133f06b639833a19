#!/bin/bash
# bench/pinglog.sh: `migbench analyze --ping-log` on a 10-minute ping log at
# 10 kHz (6 million lines) against an awk script that finds the same gaps
# and the seed write-up's method-1 script (grep the statistics line,
# subtract, bc).  Run from a build tree built
# without --enable-sanitizers:
#
#   cd build && ../bench/pinglog.sh [--runs N] [--out FILE]
#
# Prints a Markdown table: wall time, CPU time and peak RSS of each, and
# each one's wall time over migbench's.  The seed script only reads the
# footer's two counts; awk finds the gaps; migbench reads every line and
# gives the windows, their bounds, late replies and the response gap.
set -euo pipefail
runs=3 out=
while [ $# -gt 0 ]; do
	case $1 in
	--runs) runs=$2; shift 2 ;;
	--out) out=$2; shift 2 ;;
	*) echo "usage: $0 [--runs N] [--out FILE]" >&2; exit 1 ;;
	esac
done
migbench=${MIGBENCH:-src/migbench}
[ -x /usr/bin/time ] || { echo "pinglog.sh: needs GNU time (apt-get install time)" >&2; exit 2; }
[ -x "$migbench" ] || { echo "pinglog.sh: $migbench not found: run it from a build tree" >&2; exit 2; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
log=$work/ping.log

# 6,000,000 probes every 100 us; three outages (40, 250 and 1200 probes).
python3 - "$log" <<'PY'
import random, sys
random.seed(7)
n, lost = 6_000_000, set()
for start, length in ((1_000_000, 40), (3_000_000, 250), (5_000_000, 1200)):
    lost.update(range(start, start + length))
with open(sys.argv[1], "w", buffering=1 << 20) as f:
    f.write("PING 10.0.0.2 (10.0.0.2) 56(84) bytes of data.\n")
    for i in range(1, n + 1):
        if i not in lost:
            f.write("64 bytes from 10.0.0.2: icmp_seq=%d ttl=64 time=%.3f ms\n"
                    % (i & 0xFFFF, 0.2 + random.random() * 0.2))
    f.write("\n--- 10.0.0.2 ping statistics ---\n")
    f.write("%d packets transmitted, %d received, %.4f%% packet loss, time 600000ms\n"
            % (n, n - len(lost), 100.0 * len(lost) / n))
PY

# What a lab engineer would write to find the windows: awk over every
# reply line, unwrapping the 16-bit icmp_seq, printing each gap.
cat >"$work/awk-gaps.sh" <<'AWK'
#!/bin/bash
awk -F'icmp_seq=' '/ bytes from / {
	split($2, f, " "); s = f[1] + 0
	u = s + 65536 * lap; if (u < prev - 32768) { lap++; u += 65536 }
	if (prev && u > prev + 1) printf "gap %d-%d (%d lost)\n", prev + 1, u - 1, u - prev - 1
	prev = u }' "$1"
AWK
chmod +x "$work/awk-gaps.sh"

cat >"$work/seed-method1.sh" <<'SEED'
#!/bin/bash
# The seed write-up's method 1, as published (interval 0.1 ms here).
transmitted=`grep 'packets transmitted' $1 | tail -n 1 | awk '{print $1}'`
received=`grep 'packets transmitted' $1 | tail -n 1 | awk '{print $4}'`
lost=`expr $transmitted - $received`
downtime=$(echo "scale=4; $lost / 10000" | bc)
echo "downtime is $downtime s"
SEED
chmod +x "$work/seed-method1.sh"

# wall s, cpu s, peak RSS KiB of one command (GNU time: its small fork
# keeps the RSS floor low; a fork from python would count python's pages).
measure() {
	local f=$work/time.out
	/usr/bin/time -o "$f" -f '%e %U %S %M' "$@" >/dev/null ||
		{ echo "pinglog.sh: $1 failed" >&2; exit 1; }
	awk '{printf "%.3f %.3f %d\n", $1, $2 + $3, $4}' "$f"
}

"$migbench" analyze --ping-log "$log" --interval 100us >"$work/report.txt"
grep -q '^continuity:  3 windows' "$work/report.txt" ||
	{ echo "pinglog.sh: migbench did not find the 3 windows:" >&2; cat "$work/report.txt" >&2; exit 1; }

row() { # row RUN TOOL WALL CPU RSS_KIB MIGBENCH_WALL
	awk -v i="$1" -v t="$2" -v w="$3" -v c="$4" -v r="$5" -v m="$6" 'BEGIN {
		printf "| %d | %s | %.2f s | %.2f s | %.1f MiB | %.2f |\n", i, t, w, c, r / 1024, w / m }'
}

table() {
	local i m s
	echo "| run | tool | wall | CPU | peak RSS | wall / migbench's |"
	echo "|---|---|---|---|---|---|"
	for i in $(seq 1 "$runs"); do
		m=($(measure "$migbench" analyze --ping-log "$log" --interval 100us --quiet --json /dev/null))
		row "$i" "migbench analyze --ping-log" "${m[@]}" "${m[0]}"
		row "$i" "awk gap finder" $(measure "$work/awk-gaps.sh" "$log") "${m[0]}"
		row "$i" "seed method 1 (footer only)" $(measure "$work/seed-method1.sh" "$log") "${m[0]}"
	done
	echo
	echo "Log: $(wc -l <"$log") lines, $(du -m "$log" | cut -f1) MiB; $(nproc) CPUs; $(date -u +%Y-%m-%d)."
}
if [ -n "$out" ]; then table | tee "$out"; else table; fi

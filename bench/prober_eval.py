#!/usr/bin/env python3
"""bench/prober.sh's driver: runs each tool on the injected outages and
prints the Markdown table (see prober.sh for the method)."""
import json, os, platform, re, signal, subprocess, sys, time

NS, VETH, TARGET, TMP = (os.environ[k] for k in ("MB_NS", "MB_VETH_TARGET", "MB_TARGET_IP", "MB_TMP"))
MIGBENCH, INJECT, ROUNDS = os.environ["MIGBENCH"], os.environ["INJECT"], int(os.environ["ROUNDS"])
SCHEDULE = ["300:3", "300:5", "300:20", "300:80", "300:150", "300:300"]
LEAD, RUN_S = 0.5, 4.0
SLACK = 100_000  # ns: the veth's one-way delay and the clock offset, generously
BUSY_LOOPS = 3


def mig(iv, iv_ns, *extra):
    return {"name": " ".join(["migbench %s" % iv] + list(extra)), "period": iv_ns,
            "kind": "migbench",
            "cmd": [MIGBENCH, "probe", "--target", TARGET, "--interval", iv,
                    "--duration", "%gs" % RUN_S, "--quiet", "--json", TMP + "/m.json"] + list(extra)}


TOOLS = [
    mig("1ms", 1_000_000), mig("100us", 100_000), mig("50us", 50_000),
    # The same without the PM QoS CPU latency request (probes/cpulatency.h).
    mig("1ms", 1_000_000, "--no-cpu-latency"), mig("100us", 100_000, "--no-cpu-latency"),
    {"name": "ping -D -i 0.001", "period": 1_000_000, "kind": "ping",
     "cmd": ["ping", "-D", "-i", "0.001", TARGET]},
    {"name": "fping -D -l -p 10", "period": 10_000_000, "kind": "fping",
     "cmd": ["fping", "-D", "-l", "-p", "10", TARGET]},
]


def clock_offset():
    """CLOCK_REALTIME - CLOCK_MONOTONIC, from the tightest of a few brackets."""
    best = None
    for _ in range(9):
        m1 = time.clock_gettime_ns(time.CLOCK_MONOTONIC)
        r = time.clock_gettime_ns(time.CLOCK_REALTIME)
        m2 = time.clock_gettime_ns(time.CLOCK_MONOTONIC)
        if best is None or m2 - m1 < best[0]:
            best = (m2 - m1, r - (m1 + m2) // 2)
    return best[1]


def replies_windows(replies, period):
    """Windows from (seq, monotonic arrival) pairs: runs of missing seqs.
    P is the median spacing of consecutive replies (the tool's real period:
    ping -i 0.001 sends every 3-4 ms here), else the nominal one."""
    steps = sorted(t2 - t1 for (s1, t1), (s2, t2) in zip(replies, replies[1:]) if s2 == s1 + 1)
    if steps:
        period = steps[len(steps) // 2]
    out = []
    for (s1, t1), (s2, t2) in zip(replies, replies[1:]):
        if s2 > s1 + 1:
            gap = t2 - t1
            out.append({"start": t1, "end": t2, "est": gap - period,
                        "lo": gap - 2 * period, "hi": gap})
    return out


def parse_ping(text, off):
    rep, sent = [], 0
    for line in text.splitlines():
        m = re.match(r"\[(\d+\.\d+)\] \d+ bytes from .*icmp_seq=(\d+)", line)
        if m:
            rep.append((int(m.group(2)), int(round(float(m.group(1)) * 1e9)) - off))
        m = re.match(r"(\d+) packets transmitted", line)
        if m:
            sent = int(m.group(1))
    return rep, sent


def parse_fping(text, off):
    rep, sent = [], 0
    for line in text.splitlines():
        m = re.match(r"\[(\d+\.\d+)\] \S+ : \[(\d+)\], \d+ bytes", line)
        if m:
            rep.append((int(m.group(2)), int(round(float(m.group(1)) * 1e9)) - off))
        m = re.search(r"xmt/rcv/%loss = (\d+)/", line)
        if m:
            sent = int(m.group(1))
    return rep, sent


def run_tool(tool):
    off = clock_offset()
    with open(TMP + "/out", "w") as fo, open(TMP + "/err", "w") as fe:
        p = subprocess.Popen(tool["cmd"], stdout=fo, stderr=fe, start_new_session=True)
        time.sleep(LEAD)
        inj = subprocess.run(["ip", "netns", "exec", NS, INJECT, VETH] + SCHEDULE,
                             capture_output=True, text=True, check=True).stdout
        if tool["kind"] != "migbench":
            time.sleep(0.4)  # the last outage's end is seen, as migbench's tail
            os.killpg(p.pid, signal.SIGINT)
        _, status, ru = os.wait4(p.pid, 0)
    cpu = ru.ru_utime + ru.ru_stime
    text = open(TMP + "/out").read() + open(TMP + "/err").read()
    outages = []
    for line in inj.splitlines():
        f = line.split()
        if f and f[0] == "outage":
            ab, aa, rb, ra = map(int, f[3:7])
            outages.append((ab, aa, rb, ra))
    if tool["kind"] == "migbench":
        doc = json.load(open(TMP + "/m.json"))["probe"]
        wins = [{"start": w["start_ns"], "end": w["end_ns"], "est": w["estimate_ns"],
                 "lo": w["lower_ns"], "hi": w["upper_ns"]} for w in doc["windows"]]
        sl = doc["prober"]["send_late"]
        return outages, wins, doc["sent"], cpu, (sl["p99_ns"], sl["skipped_slots"])
    rep, sent = (parse_ping if tool["kind"] == "ping" else parse_fping)(text, off)
    return outages, replies_windows(rep, tool["period"]), sent, cpu, None


def judge(outages, wins):
    """Per outage: (error ns or None if not found, inside bool); extra windows."""
    res, used = [], set()
    for ab, aa, rb, ra in outages:
        match = None
        for i, w in enumerate(wins):
            if i not in used and w["start"] <= ra + 20_000_000 and w["end"] >= ab - 20_000_000:
                match = i
                break
        if match is None:
            res.append((None, None, False, ra - ab - (rb - aa)))
            continue
        used.add(match)
        w = wins[match]
        # The truth is a range: the cut and the restore each took effect
        # somewhere in their bracket.  The error is the estimate's distance
        # from that range (0 inside it); the range's width is reported.
        tmin, tmax = rb - aa, ra - ab
        inside = w["lo"] - SLACK <= tmax and tmin <= w["hi"] + SLACK
        beyond = w["est"] - tmax if w["est"] > tmax else w["est"] - tmin if w["est"] < tmin else 0
        mid = w["est"] - ((rb + ra) / 2 - (ab + aa) / 2)
        res.append((mid, beyond, inside, tmax - tmin))
    return res, len(wins) - len(used)


def start_busy(n):
    return [subprocess.Popen(["sh", "-c", "while :; do :; done"]) for _ in range(n)]


def stop_busy(procs):
    for p in procs:
        p.kill()
        p.wait()


def main():
    rows = {}
    for rnd in range(ROUNDS):
        for load in ("idle", "busy"):
            for tool in TOOLS:
                busy = start_busy(BUSY_LOOPS) if load == "busy" else []
                try:
                    outages, wins, sent, cpu, p99 = run_tool(tool)
                finally:
                    stop_busy(busy)
                r = rows.setdefault((tool["name"], load), {"res": [], "extra": 0, "sent": 0,
                                                          "cpu": 0.0, "p99": [], "skipped": 0})
                res, extra = judge(outages, wins)
                r["res"] += res
                r["extra"] += extra
                r["sent"] += sent
                r["cpu"] += cpu
                if p99 is not None:
                    r["p99"].append(p99[0])
                    r["skipped"] += p99[1]
                print("# round %d %s %s: %d sent, %d windows, cpu %.2f s"
                      % (rnd + 1, load, tool["name"], sent, len(wins), cpu), file=sys.stderr)
    print("machine: %s, kernel %s, %d cores; %d rounds of %d outages (%s ms) per row"
          % (platform.node(), platform.release(), os.cpu_count(), ROUNDS, len(SCHEDULE),
             ", ".join(s.split(":")[1] for s in SCHEDULE)))
    print()
    print("| tool | load | windows found | worst error | mean error | truth inside bounds "
          "| CPU s per 10,000 probes | send late p99 | skipped slots | worst error beyond the truth range "
          "| widest truth range |")
    print("|---|---|---|---|---|---|---|---|---|---|---|")
    for (name, load), r in rows.items():
        errs = [abs(e) for e, _, _, _ in r["res"] if e is not None]
        beyond = max(abs(b) for _, b, _, _ in r["res"] if b is not None) if errs else None
        width = max(wd for _, _, _, wd in r["res"])
        found = len(errs)
        inside = all(ok for _, _, ok, _ in r["res"])
        worst = "%.3f ms" % (max(errs) / 1e6) if errs else "-"
        mean = "%.3f ms" % (sum(errs) / len(errs) / 1e6) if errs else "-"
        missed = len(r["res"]) - found
        ins = "yes" if inside else "no (%d of %d%s)" % (
            sum(1 for _, _, ok, _ in r["res"] if not ok), len(r["res"]),
            ", %d missed" % missed if missed else "")
        cpu = "%.3f" % (r["cpu"] / r["sent"] * 10000) if r["sent"] else "-"
        p99 = "%.1f us" % (max(r["p99"]) / 1e3) if r["p99"] else "not reported"  # worst round
        skipped = "%d of %d" % (r["skipped"], r["sent"] + r["skipped"]) if r["p99"] else "not reported"
        extra = " (+%d extra)" % r["extra"] if r["extra"] else ""
        print("| %s | %s | %d/%d%s | %s | %s | %s | %s | %s | %s | %s | %.3f ms |"
              % (name, "idle" if load == "idle" else "%d busy loops" % BUSY_LOOPS,
                 found, len(r["res"]), extra, worst, mean, ins, cpu, p99, skipped,
                 "%.3f ms" % (beyond / 1e6) if beyond is not None else "-", width / 1e6))


main()

# Helpers for the snapio lab tests: sourced after tap.sh and lab-helpers.sh
# once $hosts_file is set.

# The source file of a domain's disk, as it runs (or as defined when off).
disk_source() { # disk_source DOMAIN TARGET
	virsh -q -c "$(lab_uri compute1)" domblklist "$1" | awk -v t="$2" '$1 == t {print $2}'
}

# The persistent <disk> element of a target, canonical (attribute order,
# whitespace), so a definition before and after a campaign compare equal.
disk_definition() { # disk_definition DOMAIN TARGET
	virsh -q -c "$(lab_uri compute1)" dumpxml --inactive "$1" | python3 -c '
import sys, xml.etree.ElementTree as ET
for d in ET.parse(sys.stdin).getroot().iter("disk"):
    t = d.find("target")
    if t is not None and t.get("dev") == sys.argv[1]:
        for e in d.iter():
            e.text = e.tail = None
        print(ET.canonicalize(ET.tostring(d)))' "$2"
}

# The journal's state as one document, folded as migbench-snapio(1) says:
# its first line, then the cursor, inflight and status changes after it.
# (A line being written makes jq fail: callers poll.)
journal_state() { # journal_state DIR
	jq -s 'reduce .[1:][] as $c (.[0]; . + ($c | with_entries(select(.key |
	  IN("cursor", "inflight", "status", "failure")))))' "$1/journal.json"
}

# FILE is strict UTF-8 and JSON: one document, or one a line (jq would
# mend bad bytes, so python reads it).
strict_json() { # strict_json FILE
	python3 -c 'import json, sys
text = open(sys.argv[1], encoding="utf-8", errors="strict").read()
try:
    json.loads(text)
except ValueError:
    [json.loads(line) for line in text.splitlines()]' "$1"
}

agent_answers() { # agent_answers DOMAIN
	virsh -q -c "$(lab_uri compute1)" qemu-agent-command "$1" '{"execute":"guest-ping"}' >/dev/null
}

# No snapshot metadata, no overlay file beside the disk's file, no
# temporary storage pool.
no_leftovers() { # no_leftovers DOMAIN BASE-FILE
	[ -z "$(virsh -q -c "$(lab_uri compute1)" snapshot-list --name "$1")" ] &&
		! ls "$(dirname "$2")"/*.snapio-* >/dev/null 2>&1 &&
		! virsh -q -c "$(lab_uri compute1)" pool-list --all --name | grep -q migbench-snapio
}

# The domain is back where it started: running, on the same disk
# definition, nothing of the campaign left, the agent answering.
restored() { # restored DOMAIN TARGET BASE-FILE DEFINITION
	domain_running_on compute1 "$1" && [ "$(disk_source "$1" "$2")" = "$3" ] &&
		[ "$(disk_definition "$1" "$2")" = "$4" ] && no_leftovers "$1" "$3" && agent_answers "$1"
}

# snapio.json of a campaign of N layers is complete: depths N..0, four
# jobs each with figures, integrity passed with the files of each layer;
# R fio runs at each depth (default 1), each job's runs described.
report_complete() { # report_complete DIR N [R]
	local r=${3:-1}
	jq -e --argjson n "$2" --argjson r "$r" --slurpfile j "$1/journal.json" '
	  def jobs_ok: (.jobs | length) == 4 and
	      ([.jobs[].name] == ["write", "randwrite", "read", "randread"]) and
	      all(.jobs[]; .iops > 0 and .bw_bytes > 0 and .lat_p99_ns > 0);
	  .migbench.status == "done" and .migbench.exit_status == 0 and
	  ([.depths[].depth] | sort) == [range(0; $n + 1)] and
	  all(.depths[]; (.fio | jobs_ok) and
	      .integrity.ok and .integrity.missing == 0 and .integrity.unexpected == 0 and
	      .integrity.changed == 0 and
	      .integrity.files_found == ($j[0].layers[.depth].manifest | length) and
	      .runs == $r and ((.fio_repeats // []) | length) == $r - 1 and
	      all(.fio_repeats[]?; jobs_ok) and
	      ([.stats[].name] == ["write", "randwrite", "read", "randread"]) and
	      all(.stats[]; .iops.n == $r and .iops.median > 0)) and
	  all(.depths[] | select(.depth > 0) | .fio.jobs[]; .slowdown_pct != null)' "$1/snapio.json" >/dev/null &&
		[ "$(wc -l <"$1/snapio.csv")" = $((4 * ($2 + 1) * r + 1)) ] &&
		[ "$(wc -l <"$1/snapio-stats.csv")" = $((4 * ($2 + 1) + 1)) ] && return 0
	report_summary "$1"
	return 1
}

# What report_complete looks at, one line per depth: a failure says why.
report_summary() { # report_summary DIR
	jq -c '{status: .migbench.status, exit: .migbench.exit_status, failure}' "$1/snapio.json"
	jq -c --slurpfile j "$1/journal.json" '.depths[] | {depth, manifest: ($j[0].layers[.depth].manifest | length),
	  integrity: (.integrity | del(.detail)),
	  runs, jobs: [.fio.jobs[]? | [.name, .iops, .bw_bytes, .lat_p99_ns, .slowdown_pct]]}' "$1/snapio.json"
	echo "snapio.csv: $(wc -l <"$1/snapio.csv") lines"
	tail -n 5 "$1/snapio.csv"
}

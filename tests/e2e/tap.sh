# Minimal TAP for the shell end-to-end tests: sourced, not run.
# Every check prints "ok N - desc" or "not ok N - desc" with the command's
# output as "# " diagnostics; tap_done's status is 0 only if all passed.
tap_n=0
tap_failed=0

tap_plan() { echo "1..$1"; }

# tap_skip_unless_root WHY: as anyone but root, skip the whole test.
tap_skip_unless_root() {
	[ "$(id -u)" = 0 ] && return 0
	echo "1..0 # SKIP $1"
	exit 0
}

tap_result() { # tap_result STATUS DESC: ok when STATUS is 0
	tap_n=$((tap_n + 1))
	if [ "$1" = 0 ]; then
		echo "ok $tap_n - $2"
	else
		echo "not ok $tap_n - $2"
		tap_failed=$((tap_failed + 1))
	fi
}

# tap_diag [TEXT...]: each line of the arguments, or of stdin if there are
# none, as a "# " diagnostic.
tap_diag() {
	if [ $# -gt 0 ]; then printf '%s\n' "$@"; else cat; fi | sed 's/^/# /'
}

# tap_results: results from a checker that cannot count, on stdin:
# "PASS desc" and "FAIL desc" become numbered results, other lines pass
# through (e.g. "# " diagnostics).
tap_results() {
	local word rest
	while read -r word rest; do
		case $word in
		PASS) tap_result 0 "$rest" ;;
		FAIL) tap_result 1 "$rest" ;;
		*) echo "$word $rest" ;;
		esac
	done
}

# check DESC CMD...: ok when CMD exits 0; its output goes to diagnostics.
check() {
	local desc=$1 out status
	shift
	out=$("$@" 2>&1) && status=0 || status=$?
	tap_result "$status" "$desc"
	[ -z "$out" ] || printf '%s\n' "$out" | tail -n 40 | tap_diag
}

# check_fails DESC WANT_STATUS PATTERN CMD...: the command must exit with
# WANT_STATUS and print exactly one line on stderr, matching PATTERN.
check_fails() {
	local desc=$1 want=$2 pattern=$3 err status
	shift 3
	err=$("$@" 2>&1 >/dev/null) && status=0 || status=$?
	if [ "$status" = "$want" ] && [ "$(printf '%s\n' "$err" | wc -l)" = 1 ] &&
		printf '%s\n' "$err" | grep -Eq -- "$pattern"; then
		tap_result 0 "$desc"
	else
		tap_result 1 "$desc (wanted exit $want and one line matching '$pattern')"
	fi
	printf '%s\n' "exit $status: $err" | tap_diag
}

tap_done() { [ "$tap_failed" = 0 ]; }

# matches EXPECTED ACTUAL: every leaf of the JSON text EXPECTED is equal in
# the JSON file ACTUAL; the paths that differ are printed.
matches() {
	local diff
	diff=$(jq -r --argjson x "$1" '. as $doc | $x | paths(type != "object") as $p |
	  select(($x | getpath($p)) != ($doc | getpath($p))) |
	  "\($p | map(tostring) | join(".")): expected \($x | getpath($p)), got \($doc | getpath($p))"' "$2") ||
		return 1
	[ -z "$diff" ] || { printf '%s\n' "$diff"; return 1; }
}

# A lab name no user or concurrent test run uses: 1-8 of [a-z0-9].
tap_lab_name() { printf 't%s%s' "$1" "$(printf '%05d' $(($$ % 100000)))" | cut -c1-8; }

# Build-tree locations of what the tests run.
export MIGBENCH_MKGUEST="$top_builddir/scripts/mkguest"
export MIGBENCH_DIRTIER="$top_builddir/probes/guest/migbench-dirtier"
LAB="$top_builddir/scripts/migbench-lab"
MIGBENCH="$top_builddir/src/migbench"

# The machine a timing test needs: make -j2 check runs two tests at once,
# and a lab's TCG guest keeps a core busy, so a prober beside it can be
# held off its schedule for milliseconds (an 8 ms send gap at the end of an
# injected outage failed probe-accuracy.test in CI).  A test that asserts
# timing sets MB_QUIET_MACHINE=1 before sourcing this file and holds the
# machine lock exclusively; every other end-to-end test holds it shared,
# so no test runs beside a timing test.  Lab daemons inherit the lock's
# descriptor, so a wait is bounded: after 30 minutes the test goes on and
# says so.
tap_machine_lock() {
	local lock=$top_builddir/tests/machine.lock mode=-s
	[ "${MB_QUIET_MACHINE:-0}" = 1 ] && mode=-x
	mkdir -p "$top_builddir/tests" && exec {MB_MACHINE_FD}>>"$lock" || return 0
	flock "$mode" -w 1800 "$MB_MACHINE_FD" ||
		echo "# $lock: not taken in 30 minutes; this test runs beside others"
}
tap_machine_lock

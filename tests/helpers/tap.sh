# Sourced by tests: TAP output for tap-driver.sh.
#   tap_plan N; tap_result STATUS DESCRIPTION (STATUS 0 = ok); tap_diag TEXT
#   tap_results: numbers "PASS desc" / "FAIL desc" / "# diag" lines from stdin

MB_TAP_N=0

tap_plan() { echo "1..$1"; }

tap_result() {
	MB_TAP_N=$((MB_TAP_N + 1))
	if [ "$1" -eq 0 ]; then
		echo "ok $MB_TAP_N - $2"
	else
		echo "not ok $MB_TAP_N - $2"
	fi
}

tap_diag() { printf '%s\n' "$@" | sed 's/^/# /'; }

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

# tests/fuzz/local.mk: one libFuzzer harness per parser of outside input.
# make check replays the committed corpus (tests/fuzz/corpus/NAME/)
# through each one with replay.c's main(), under ASan and UBSan in the
# sanitizer build; scripts/fuzz builds them with clang -fsanitize=fuzzer
# (configure --enable-fuzzer) and fuzzes each for a while.
fuzz_harnesses = tests/fuzz/fuzz_units tests/fuzz/fuzz_hosts tests/fuzz/fuzz_pingline \
	tests/fuzz/fuzz_pinglog tests/fuzz/fuzz_capture tests/fuzz/fuzz_volume \
	tests/fuzz/fuzz_fio tests/fuzz/fuzz_agent tests/fuzz/fuzz_manifest tests/fuzz/fuzz_journal
check_PROGRAMS += $(fuzz_harnesses)
TESTS += tests/fuzz/replay.test
EXTRA_DIST += tests/fuzz/replay.test tests/fuzz/corpus

fuzz_common = tests/fuzz/fuzz.h tests/fuzz/fuzz_util.c
if !FUZZER
fuzz_common += tests/fuzz/replay.c
endif
fuzz_ldflags = $(AM_LDFLAGS) $(FUZZ_LDFLAGS)

# Durations, sizes, ports, addresses; the command line's number parsers.
tests_fuzz_fuzz_units_SOURCES = tests/fuzz/fuzz_units.c src/common/cli.c src/common/problem.c \
	$(fuzz_common)
tests_fuzz_fuzz_units_CFLAGS = $(AM_CFLAGS) $(JSONC_CFLAGS)
tests_fuzz_fuzz_units_LDFLAGS = $(fuzz_ldflags)
tests_fuzz_fuzz_units_LDADD = analysis/libmbanalysis.a $(JSONC_LIBS)
# Hosts files and HOST arguments (libxml2's URI parser).
tests_fuzz_fuzz_hosts_SOURCES = tests/fuzz/fuzz_hosts.c src/common/hosts.c $(fuzz_common)
tests_fuzz_fuzz_hosts_CFLAGS = $(AM_CFLAGS) $(LIBXML_CFLAGS)
tests_fuzz_fuzz_hosts_LDFLAGS = $(fuzz_ldflags)
tests_fuzz_fuzz_hosts_LDADD = $(LIBXML_LIBS)
# Ping log lines, and whole logs through the outage analyzer.
tests_fuzz_fuzz_pingline_SOURCES = tests/fuzz/fuzz_pingline.c $(fuzz_common)
tests_fuzz_fuzz_pingline_LDFLAGS = $(fuzz_ldflags)
tests_fuzz_fuzz_pingline_LDADD = analysis/libmbanalysis.a
tests_fuzz_fuzz_pinglog_SOURCES = tests/fuzz/fuzz_pinglog.c $(fuzz_common)
tests_fuzz_fuzz_pinglog_LDFLAGS = $(fuzz_ldflags)
tests_fuzz_fuzz_pinglog_LDADD = analysis/libmbanalysis.a
# Capture files through libpcap and probes/capture.c; one packet's headers.
tests_fuzz_fuzz_capture_SOURCES = tests/fuzz/fuzz_capture.c $(fuzz_common)
tests_fuzz_fuzz_capture_LDFLAGS = $(fuzz_ldflags)
tests_fuzz_fuzz_capture_LDADD = probes/libmbprobes.a analysis/libmbanalysis.a \
	$(PCAP_LIBS) $(NL_LIBS) -lm
tests_fuzz_fuzz_volume_SOURCES = tests/fuzz/fuzz_volume.c $(fuzz_common)
tests_fuzz_fuzz_volume_LDFLAGS = $(fuzz_ldflags)
tests_fuzz_fuzz_volume_LDADD = analysis/libmbanalysis.a
# fio's JSON; guest agent answers (json-c, base64).
tests_fuzz_fuzz_fio_SOURCES = tests/fuzz/fuzz_fio.c $(fuzz_common)
tests_fuzz_fuzz_fio_CFLAGS = $(AM_CFLAGS) $(JSONC_CFLAGS)
tests_fuzz_fuzz_fio_LDFLAGS = $(fuzz_ldflags)
tests_fuzz_fuzz_fio_LDADD = analysis/libmbsnapio.a $(JSONC_LIBS) -lm
tests_fuzz_fuzz_agent_SOURCES = tests/fuzz/fuzz_agent.c src/common/agent_reply.c $(fuzz_common)
tests_fuzz_fuzz_agent_CFLAGS = $(AM_CFLAGS) $(JSONC_CFLAGS)
tests_fuzz_fuzz_agent_LDFLAGS = $(fuzz_ldflags)
tests_fuzz_fuzz_agent_LDADD = analysis/libmbsnapio.a $(JSONC_LIBS) -lm
# Guest sha256sum listings; the snapio journal read back (--resume).
tests_fuzz_fuzz_manifest_SOURCES = tests/fuzz/fuzz_manifest.c $(fuzz_common)
tests_fuzz_fuzz_manifest_LDFLAGS = $(fuzz_ldflags)
tests_fuzz_fuzz_manifest_LDADD = analysis/libmbsnapio.a
tests_fuzz_fuzz_journal_SOURCES = tests/fuzz/fuzz_journal.c src/snapio/snapio_journal.c \
	src/common/outfile.c src/common/json.c $(fuzz_common)
tests_fuzz_fuzz_journal_CFLAGS = $(AM_CFLAGS) $(JSONC_CFLAGS) $(LIBVIRT_CFLAGS)
tests_fuzz_fuzz_journal_LDFLAGS = $(fuzz_ldflags)
tests_fuzz_fuzz_journal_LDADD = probes/libmbprobes.a analysis/libmbsnapio.a \
	analysis/libmbanalysis.a $(JSONC_LIBS) -lm

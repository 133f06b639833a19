# tests/e2e/capture.mk: the data-volume capture.  capture-offline counts the
# committed captures of tests/data (no privileges); capture-cli refuses bad
# command lines; capture-vlan counts tagged frames live between two network
# namespaces (root, no lab); capture brings up a private lab (root).
TESTS += tests/e2e/capture-offline.test tests/e2e/capture-cli.test tests/e2e/capture-vlan.test \
	tests/e2e/capture.test
EXTRA_DIST += tests/e2e/capture-offline.test tests/e2e/capture-cli.test \
	tests/e2e/capture-vlan.test tests/e2e/tagged_frames.py \
	tests/e2e/capture.test tests/e2e/tcp_transfer.py \
	tests/data/mkcaptures.py \
	tests/data/eth-ipv4-migration.pcap tests/data/eth-ipv4-migration.expect.json \
	tests/data/eth-ipv4-migration.bins.csv \
	tests/data/sll2-ipv6-parallel.pcap tests/data/sll2-ipv6-parallel.expect.json \
	tests/data/sll2-ipv6-parallel.bins.csv \
	tests/data/raw-bigtcp.pcapng tests/data/raw-bigtcp.expect.json \
	tests/data/raw-bigtcp.bins.csv \
	tests/data/truncated.pcap tests/data/truncated.expect.json \
	tests/data/eth-vlan-qinq.pcap tests/data/eth-vlan-qinq.expect.json \
	tests/data/eth-vlan-qinq.bins.csv tests/data/eth-vlan-qinq.by-ports.bins.csv \
	tests/data/bad-stamps.pcapng tests/data/bad-stamps.expect.json \
	tests/data/bad-stamps.bins.csv

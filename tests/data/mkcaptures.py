#!/usr/bin/env python3
"""Writes the capture files of tests/data and what `migbench analyze` must
find in them: NAME.pcap / NAME.pcapng, NAME.expect.json and NAME.bins.csv.

The expected figures are worked out here, from the packets as they are
built (which bytes are new, retransmitted, padding, noise), not by running
migbench.  Everything is deterministic: running the script again gives the
same bytes (tests/e2e/capture-offline.test checks that).

    tests/data/mkcaptures.py [OUTDIR]     (default: the script's directory)
"""
import json
import os
import struct
import sys

MS = 1_000_000
DIRS = ("src_to_dst", "dst_to_src", "other")


def csum_free_ipv4(src, dst, proto, payload_len, ihl_words=5, tot_len=None):
    """An IPv4 header (checksum left 0: nothing here checks it)."""
    tot = 4 * ihl_words + payload_len if tot_len is None else tot_len
    hdr = struct.pack("!BBHHHBBH4s4s", 0x40 | ihl_words, 0, tot, 0, 0x4000, 64, proto, 0,
                      bytes(src), bytes(dst))
    return hdr + bytes(4 * ihl_words - 20)


def ipv6_header(src, dst, nh, payload_len):
    return struct.pack("!IHBB16s16s", 6 << 28, payload_len, nh, 64, bytes(src), bytes(dst))


def tcp_header(sport, dport, seq, flags, words=8):
    """TCP header of 4*words bytes (8: with the timestamp option, as Linux sends)."""
    return struct.pack("!HHIIBBHHH", sport, dport, seq & 0xffffffff, 0, words << 4, flags,
                       65535, 0, 0) + bytes(4 * words - 20)


ETH_IPV4 = bytes(6) + bytes([2, 0, 0, 0, 0, 1]) + b"\x08\x00"
ETH_IPV6 = bytes(6) + bytes([2, 0, 0, 0, 0, 1]) + b"\x86\xdd"
ACK, PSH, SYN, FIN = 0x10, 0x08, 0x02, 0x01


class Expect:
    """Counts per direction and per bin, kept as the packets are made."""

    def __init__(self, origin_ns, bin_ns=10 * MS):
        self.origin, self.bin_ns = origin_ns, bin_ns
        self.counted = []
        self.dirs = {d: dict(packets=0, wire_bytes=0, payload_bytes=0, retransmitted_bytes=0)
                     for d in DIRS}
        self.unparsed = [0, 0]
        self.bins = {}
        self.first = self.last = None

    def count(self, t_ns, direction, wire, payload, retransmitted=0):
        self.counted.append((t_ns, direction, wire, payload, retransmitted))
        d = self.dirs[direction]
        d["packets"] += 1
        d["wire_bytes"] += wire
        d["payload_bytes"] += payload
        d["retransmitted_bytes"] += retransmitted
        self.first = t_ns if self.first is None else min(self.first, t_ns)
        self.last = t_ns if self.last is None else max(self.last, t_ns)
        k = (t_ns - self.origin) // self.bin_ns
        b = self.bins.setdefault(k, [0] * 7)
        i = DIRS.index(direction)
        b[i] += wire
        b[3 + i] += payload
        b[6] += 1

    def figures(self):
        f = {}
        for d, c in self.dirs.items():
            f[d] = dict(c, unique_payload_bytes=c["payload_bytes"] - c["retransmitted_bytes"])
        for key in ("packets", "wire_bytes", "payload_bytes", "retransmitted_bytes"):
            f[key] = sum(c[key] for c in self.dirs.values())
        f["unique_payload_bytes"] = f["payload_bytes"] - f["retransmitted_bytes"]
        f["unparsed_packets"] = self.unparsed[0]
        f["first_packet_ns"] = self.first - self.origin
        f["last_packet_ns"] = self.last - self.origin
        lo, hi = min(self.bins), max(self.bins)
        f["throughput"] = {"bin_ns": self.bin_ns, "first_bin_ns": lo * self.bin_ns,
                           "end_ns": (hi + 1) * self.bin_ns, "bins_with_traffic": len(self.bins)}
        return f

    def unparse(self, wire):
        """A packet the filter passes whose headers cannot be read."""
        self.unparsed = [self.unparsed[0] + 1, self.unparsed[1] + wire]

    def rebinned(self, bin_ns):
        """The same packets in bins of another width."""
        other = Expect(self.origin, bin_ns)
        for args in self.counted:
            other.count(*args)
        other.unparsed = self.unparsed
        return other

    def bins_csv(self):
        lines = ["t_ns,wire_bytes_src_to_dst,wire_bytes_dst_to_src,wire_bytes_other,"
                 "payload_bytes_src_to_dst,payload_bytes_dst_to_src,payload_bytes_other,packets"]
        lo, hi = min(self.bins), max(self.bins)
        for k in range(lo, hi + 1):
            b = self.bins.get(k, [0] * 7)
            lines.append(",".join(str(x) for x in [k * self.bin_ns] + b))
        return "\n".join(lines) + "\n"


class PcapWriter:
    """Classic pcap, little-endian; nano selects the nanosecond magic."""

    def __init__(self, linktype, nano, snaplen=128):
        self.nano, self.snaplen = nano, snaplen
        magic = 0xa1b23c4d if nano else 0xa1b2c3d4
        self.data = bytearray(struct.pack("<IHHiIII", magic, 2, 4, 0, 0, snaplen, linktype))

    def packet(self, t_ns, frame, wire_len=None):
        wire = len(frame) if wire_len is None else wire_len
        cap = frame[:self.snaplen]
        sub = t_ns % 1_000_000_000 if self.nano else (t_ns % 1_000_000_000) // 1000
        self.data += struct.pack("<IIII", t_ns // 1_000_000_000, sub, len(cap), wire) + cap


class PcapngWriter:
    """pcapng: one section, one interface with nanosecond resolution."""

    def __init__(self, linktype, snaplen=128):
        self.snaplen = snaplen
        shb = struct.pack("<IHHq", 0x1a2b3c4d, 1, 0, -1)
        self.data = bytearray(self.block(0x0a0d0d0a, shb))
        tsresol = struct.pack("<HHB3x", 9, 1, 9) + struct.pack("<HH", 0, 0)
        self.data += self.block(1, struct.pack("<HHI", linktype, 0, snaplen) + tsresol)

    @staticmethod
    def block(btype, body):
        body += bytes(-len(body) % 4)
        n = 12 + len(body)
        return struct.pack("<II", btype, n) + body + struct.pack("<I", n)

    def packet(self, t_ns, frame, wire_len=None):
        wire = len(frame) if wire_len is None else wire_len
        cap = frame[:self.snaplen]
        body = struct.pack("<IIIII", 0, t_ns >> 32, t_ns & 0xffffffff, len(cap), wire) + cap
        self.data += self.block(6, body)


def capture_filter(lo, hi, vlan=True):
    """The filter migbench sets: on Ethernet also behind one or two tags."""
    t = "tcp port %d" % lo if lo == hi else "tcp portrange %d-%d" % (lo, hi)
    return "%s or (vlan and (%s or (vlan and %s)))" % (t, t, t) if vlan else t


def eth_tags(tpids, inner):
    """An Ethernet header with a tag per TPID (VLAN 100, 200, ...) before
    the inner EtherType."""
    hdr = bytes(6) + bytes([2, 0, 0, 0, 0, 1])
    for i, tpid in enumerate(tpids):
        hdr += struct.pack("!HH", tpid, 100 * (i + 1))
    return hdr + struct.pack("!H", inner)


def v4(a, b, c, d):
    return bytes([a, b, c, d])


def v6(last):
    return bytes([0xfd] + [0] * 14 + [last])


def tcp4(src, dst, sport, dport, seq, flags, payload_len, words=8, tot_len=None):
    ip = csum_free_ipv4(src, dst, 6, 4 * words + payload_len, tot_len=tot_len)
    return ip + tcp_header(sport, dport, seq, flags, words)


def eth_ipv4_migration(out):
    """A migration on Ethernet/IPv4, microsecond stamps: handshake, data up
    to 64 KiB GRO segments, one retransmission, one reordered pair, ACKs
    (two padded to 60 bytes), a 16-byte reply, FINs, another host's
    migration to the same destination, a packet captured too short to read
    its TCP header, and noise the filter drops."""
    S, D, X = v4(10, 213, 9, 11), v4(10, 213, 9, 12), v4(10, 213, 9, 13)
    w = PcapWriter(1, nano=False)
    t0 = 1_700_000_000 * 10**9 + 123_456_000
    e = Expect(origin_ns=t0 + MS)  # the first packet the filter passes

    def emit(t, frame, direction=None, payload=0, retx=0, wire=None):
        wire_len = len(ETH_IPV4) + len(frame) if wire is None else wire
        w.packet(t, ETH_IPV4 + frame, wire_len)
        if direction:
            e.count(t, direction, wire_len, payload, retx)

    def data(t, seq, n, retx=0, src=S, sport=40001, direction="src_to_dst"):
        hdr = tcp4(src, D, sport, 49152, seq, ACK | PSH, n)
        # headers only in the file: the wire length says how long it was
        emit(t, hdr, direction, n, retx, wire=len(ETH_IPV4) + len(hdr) + n)

    t = t0
    emit(t, csum_free_ipv4(S, D, 17, 8 + 40) + struct.pack("!HHHH", 5353, 5353, 48, 0) + bytes(40))
    t += MS
    isn, rsn = 1000, 900_000
    emit(t, tcp4(S, D, 40001, 49152, isn, SYN, 0), "src_to_dst")
    t += 200_000
    emit(t, tcp4(D, S, 49152, 40001, rsn, SYN | ACK, 0), "dst_to_src")
    t += 150_000
    emit(t, tcp4(S, D, 40001, 49152, isn + 1, ACK, 0), "src_to_dst")
    seq = isn + 1
    sizes = [1448, 65160, 65160, 30000, 4344, 65160, 7]
    starts = []
    for n in sizes:
        starts.append(seq)
        seq += n
    end = seq
    t += MS
    for i in (0, 1, 2, 3):
        data(t, starts[i], sizes[i])
        t += 700_000
        if i == 1:  # a bare ACK back, 54 bytes padded to 60 on the wire
            ack = tcp4(D, S, 49152, 40001, rsn + 1, ACK, 0, words=5)
            emit(t, ack + bytes(6), "dst_to_src")
            t += 100_000
    # noise the filter drops: ARP, ssh on a port outside the range, ICMP
    w.packet(t, bytes(12) + b"\x08\x06" + bytes(28), 42)
    t += 50_000
    emit(t, tcp4(S, D, 40010, 22, 5, ACK | PSH, 300), None)
    t += 50_000
    emit(t, csum_free_ipv4(S, D, 1, 64) + bytes(64), None)
    t += 2 * MS
    # segments 5 and 4 out of order: both new
    data(t, starts[5], sizes[5])
    t += 300_000
    data(t, starts[4], sizes[4])
    t += 9 * MS
    # segment 2 again: retransmitted
    data(t, starts[2], sizes[2], retx=sizes[2])
    t += 400_000
    data(t, starts[6], sizes[6])
    t += 300_000
    # a reply of 16 bytes and a padded ACK
    hdr = tcp4(D, S, 49152, 40001, rsn + 1, ACK | PSH, 16)
    emit(t, hdr, "dst_to_src", 16, wire=len(ETH_IPV4) + len(hdr) + 16)
    t += 100_000
    emit(t, tcp4(D, S, 49152, 40001, rsn + 17, ACK, 0, words=5) + bytes(6), "dst_to_src")
    t += 5 * MS
    # another host migrating to the same destination: "other"
    hdr = tcp4(X, D, 40100, 49160, 77, ACK | PSH, 2000)
    emit(t, hdr, "other", 2000, wire=len(ETH_IPV4) + len(hdr) + 2000)
    t += 100_000
    # in the range, but the capture ends in the TCP header (40 bytes)
    full = ETH_IPV4 + tcp4(S, D, 40002, 49153, 1, ACK | PSH, 1000, words=5)
    w.packet(t, full[:40], len(full) + 1000)
    e.unparsed = [1, len(full) + 1000]
    t += 12 * MS
    emit(t, tcp4(S, D, 40001, 49152, end, FIN | ACK, 0), "src_to_dst")
    t += 100_000
    emit(t, tcp4(D, S, 49152, 40001, rsn + 17, FIN | ACK, 0), "dst_to_src")
    t += 100_000
    emit(t, tcp4(S, D, 40001, 49152, end + 1, ACK, 0), "src_to_dst")
    figures = e.figures()
    capture = {"linktype": "EN10MB", "snaplen": 128, "tstamp_resolution_ns": 1,
               "filter": capture_filter(49152, 49261), "ignored_packets": 0,
               "unparsed_packets": e.unparsed[0], "unparsed_wire_bytes": e.unparsed[1],
               "unbinned_packets": 0, "untracked_packets": 0, "warning": None}
    runs = [{"args": ["--src-addr", "10.213.9.11"], "expect": {
        "figures": {"data_volume": dict(figures, lower_bound=True,
                                        drops={"kernel": None, "interface": None})},
        "capture": dict(capture, direction_by="address")}}]
    save(out, "eth-ipv4-migration.pcap", w.data, runs, e.bins_csv())


def sll2_ipv6_parallel(out):
    """Two parallel migration connections over IPv6 on a Linux "any"
    capture (SLL2), nanosecond stamps, the second with a retransmission;
    counted by address and, the same, by ports."""
    S, D = v6(0x11), v6(0x12)
    w = PcapWriter(276, nano=True)
    t0 = 1_700_000_100 * 10**9 + 7
    e = Expect(origin_ns=t0)

    def sll2(proto):
        return struct.pack("!HHIHBB8s", proto, 0, 3, 1, 0, 6, bytes(8))

    def seg(t, sport, dport, seq, n, direction, retx=0, src=S, dst=D, flags=ACK | PSH):
        tcp = tcp_header(sport, dport, seq, flags)
        frame = sll2(0x86dd) + ipv6_header(src, dst, 6, len(tcp) + n) + tcp
        w.packet(t, frame, len(frame) + n)
        e.count(t, direction, len(frame) + n, n, retx)

    t = t0
    a, b = 10_000, 20_000
    for i in range(6):
        seg(t, 40001, 49200, a, 9000, "src_to_dst")
        a += 9000
        t += 1  # one nanosecond apart: the stamps keep it
        seg(t, 40002, 49201, b, 8000, "src_to_dst")
        b += 8000
        t += 3_333_333
        seg(t, 49200, 40001, 1, 0, "dst_to_src", src=D, dst=S, flags=ACK)
        t += 1_000_000
    seg(t, 40002, 49201, b - 8000, 8000, "src_to_dst", retx=8000)
    t += 1_000_000
    seg(t, 49201, 40002, 1, 24, "dst_to_src", src=D, dst=S)
    capture = {"linktype": "LINUX_SLL2", "snaplen": 128, "tstamp_resolution_ns": 1,
               "ignored_packets": 0, "unparsed_packets": 0, "warning": None}
    figures = dict(e.figures(), lower_bound=False)
    runs = [{"args": ["--src-addr", "fd00::11"],
             "expect": {"figures": {"data_volume": figures}, "capture": dict(capture, direction_by="address")}},
            {"args": [],
             "expect": {"figures": {"data_volume": figures}, "capture": dict(capture, direction_by="ports")}}]
    save(out, "sll2-ipv6-parallel.pcap", w.data, runs, e.bins_csv())


def raw_bigtcp_pcapng(out):
    """pcapng, raw IPv4, nanosecond resolution: BIG TCP segments (IP length
    0, 150 kB on the wire) between ordinary ones, on a single port range."""
    S, D = v4(192, 168, 77, 1), v4(192, 168, 77, 2)
    w = PcapngWriter(101)
    t0 = 1_700_000_200 * 10**9 + 999_999_999
    e = Expect(origin_ns=t0)
    t, seq = t0, 1
    for n, big in ((1448, False), (150_000, True), (150_000, True), (60_000, False)):
        hdr = tcp4(S, D, 51000, 50000, seq, ACK | PSH, n, tot_len=0 if big else None)
        w.packet(t, hdr, len(hdr) + n)
        e.count(t, "src_to_dst", len(hdr) + n, n)
        seq += n
        t += 4 * MS
        ack = tcp4(D, S, 50000, 51000, 1, ACK, 0)
        w.packet(t, ack)
        e.count(t, "dst_to_src", len(ack), 0)
        t += 2 * MS
    e5 = e.rebinned(5 * MS)
    capture = {"linktype": "RAW", "tstamp_resolution_ns": 1, "filter": capture_filter(50000, 50000, False),
               "unparsed_packets": 0, "warning": None}
    runs = [{"args": ["--ports", "50000", "--src-addr", "192.168.77.1", "--bin", "5ms"],
             "expect": {"figures": {"data_volume": dict(e5.figures(), lower_bound=False)},
                        "capture": capture}}]
    save(out, "raw-bigtcp.pcapng", w.data, runs, e5.bins_csv())


def eth_vlan_qinq(out):
    """Migration traffic behind VLAN tags, nanosecond stamps: a connection
    on 802.1Q (with a retransmission), one on 802.1ad outside 802.1Q
    (QinQ, IPv6), one on two stacked 802.1Q tags, an untagged one, another
    host's behind the old 0x9100 TPID; noise the filter drops (tagged ssh,
    ARP and UDP, and a migration port three tags deep, further than the
    filter looks); and frames the filter passes that cannot be read:
    counted as unparsed, with their wire bytes.  Counted by address (the
    source's IPv4 one: the IPv6 connection is "other") and by ports."""
    S, D, X = v4(10, 213, 9, 11), v4(10, 213, 9, 12), v4(10, 213, 9, 13)
    S6, D6 = v6(0x11), v6(0x12)
    Q, AD, OLD = 0x8100, 0x88a8, 0x9100
    w = PcapWriter(1, nano=True)
    t0 = 1_700_000_300 * 10**9 + 5
    e, ep = Expect(origin_ns=t0), Expect(origin_ns=t0)  # by address, by ports
    state = {"t": t0}

    def emit(tags, l3, frame, n, direction, retx=0, cut=None, by_ports=None):
        """frame: the IP packet's headers, n payload bytes not in the file;
        direction: counted there (by ports: by_ports, if it differs),
        "unparsed", or None: the filter drops it."""
        link = eth_tags(tags, l3)
        wire = len(link) + len(frame) + n
        whole = link + frame
        w.packet(state["t"], whole if cut is None else whole[:cut], wire)
        if direction == "unparsed":
            e.unparse(wire)
            ep.unparse(wire)
        elif direction:
            e.count(state["t"], direction, wire, n, retx)
            ep.count(state["t"], by_ports or direction, wire, n, retx)
        state["t"] += 700_000

    def seg6(src, dst, sport, dport, seq, flags, n):
        tcp = tcp_header(sport, dport, seq, flags)
        return ipv6_header(src, dst, 6, len(tcp) + n) + tcp

    I4 = 0x0800
    # 802.1Q: handshake, data (a GRO segment among them), one again, FIN
    isn, rsn = 5000, 70_000
    emit([Q], I4, tcp4(S, D, 40001, 49152, isn, SYN, 0), 0, "src_to_dst")
    emit([Q], I4, tcp4(D, S, 49152, 40001, rsn, SYN | ACK, 0), 0, "dst_to_src")
    emit([Q], I4, tcp4(S, D, 40001, 49152, isn + 1, ACK, 0), 0, "src_to_dst")
    seq = isn + 1
    for n in (1448, 65160, 30000):
        emit([Q], I4, tcp4(S, D, 40001, 49152, seq, ACK | PSH, n), n, "src_to_dst")
        seq += n
    emit([Q], I4, tcp4(D, S, 49152, 40001, rsn + 1, ACK, 0, words=5) + bytes(6), 0, "dst_to_src")
    emit([Q], I4, tcp4(S, D, 40001, 49152, isn + 1 + 1448, ACK | PSH, 65160), 65160,
         "src_to_dst", retx=65160)
    # QinQ, IPv6: 802.1ad outside, 802.1Q inside
    b = 1
    for _ in range(3):
        emit([AD, Q], 0x86dd, seg6(S6, D6, 40002, 49153, b, ACK | PSH, 9000), 9000, "other",
             by_ports="src_to_dst")
        b += 9000
    emit([AD, Q], 0x86dd, seg6(D6, S6, 49153, 40002, 1, ACK, 0), 0, "other", by_ports="dst_to_src")
    state["t"] += 11_000_000
    # two stacked 802.1Q tags; an untagged segment; another host on 0x9100
    emit([Q, Q], I4, tcp4(S, D, 40003, 49154, 1, ACK | PSH, 4344), 4344, "src_to_dst")
    emit([Q, Q], I4, tcp4(S, D, 40003, 49154, 4345, ACK | PSH, 4344), 4344, "src_to_dst")
    emit([Q, Q], I4, tcp4(D, S, 49154, 40003, 1, ACK, 0), 0, "dst_to_src")
    emit([], I4, tcp4(S, D, 40004, 49155, 1, ACK | PSH, 1000), 1000, "src_to_dst")
    emit([OLD], I4, tcp4(X, D, 40005, 49156, 1, ACK | PSH, 500), 500, "other", by_ports="src_to_dst")
    # noise the filter drops: none of it counts anywhere
    emit([Q], I4, tcp4(S, D, 40010, 22, 1, ACK | PSH, 300), 300, None)
    emit([Q], 0x0806, bytes(28), 0, None)
    emit([AD, Q], I4, csum_free_ipv4(S, D, 17, 8) + struct.pack("!HHHH", 49152, 49152, 8, 0), 0,
         None)
    emit([AD, Q, Q], I4, tcp4(S, D, 40001, 49152, 1, ACK | PSH, 100), 100, None)
    state["t"] += 9_000_000
    # the filter passes them, their headers cannot be read
    emit([Q], I4, tcp4(S, D, 40001, 49152, seq, ACK | PSH, 1000), 1000, "unparsed",
         cut=18 + 20 + 10)  # the capture ends inside the TCP header
    emit([AD, Q], I4, tcp4(S, D, 40002, 49153, 1, ACK | PSH, 0, tot_len=30), 0, "unparsed")
    bad_version = bytearray(tcp4(S, D, 40001, 49152, seq, ACK, 0))
    bad_version[0] = 0x65  # IPv6's version in an IPv4 header
    emit([Q], I4, bytes(bad_version), 0, "unparsed")
    short_tcp = bytearray(tcp4(S, D, 40003, 49154, 1, ACK, 0, words=5))
    short_tcp[20 + 12] = 4 << 4  # a TCP header of 16 bytes
    emit([Q, Q], I4, bytes(short_tcp), 0, "unparsed")
    emit([Q], I4, tcp4(S, D, 40001, 49152, seq, ACK | PSH, 0, tot_len=2000), 0, "unparsed")
    emit([Q], I4, tcp4(S, D, 40001, 49152, seq, FIN | ACK, 0), 0, "src_to_dst")
    capture = {"linktype": "EN10MB", "snaplen": 128, "tstamp_resolution_ns": 1,
               "filter": capture_filter(49152, 49261), "ignored_packets": 0,
               "unparsed_packets": e.unparsed[0], "unparsed_wire_bytes": e.unparsed[1],
               "bad_timestamp_packets": 0, "unbinned_packets": 0, "warning": None}
    damage = "5 packets with unreadable headers"
    runs = [{"args": ["--src-addr", "10.213.9.11"], "error_matches": damage,
             "expect": {"figures": {"data_volume": dict(e.figures(), lower_bound=True)},
                        "capture": dict(capture, direction_by="address")}},
            {"args": [], "error_matches": damage, "bins": "eth-vlan-qinq.by-ports.bins.csv",
             "expect": {"figures": {"data_volume": dict(ep.figures(), lower_bound=True)},
                        "capture": dict(capture, direction_by="ports")}}]
    save(out, "eth-vlan-qinq.pcap", w.data, runs, e.bins_csv())
    with open(os.path.join(out, "eth-vlan-qinq.by-ports.bins.csv"), "w") as f:
        f.write(ep.bins_csv())


def bad_stamps_pcapng(out):
    """pcapng, raw IPv4: two records whose 64-bit timestamps are beyond
    what nanoseconds since 1970 in an int64 hold (2^64 - 1 and 2^63 ns),
    one of them first, between ordinary ones.  They count as unparsed (no
    time to bin them at), apart, with a warning; bin 0 starts at the first
    good one."""
    S, D = v4(192, 168, 77, 1), v4(192, 168, 77, 2)
    w = PcapngWriter(101)
    t0 = 1_700_000_400 * 10**9 + 1
    e = Expect(origin_ns=t0)
    hdr = tcp4(S, D, 51000, 49200, 1, ACK | PSH, 100)
    w.packet(2**64 - 1, hdr, len(hdr) + 100)
    e.unparse(len(hdr) + 100)
    t, seq = t0, 101
    for i in range(4):
        hdr = tcp4(S, D, 51000, 49200, seq, ACK | PSH, 1000)
        w.packet(t, hdr, len(hdr) + 1000)
        e.count(t, "src_to_dst", len(hdr) + 1000, 1000)
        seq += 1000
        t += 3 * MS
        if i == 1:
            w.packet(2**63, hdr, len(hdr) + 1000)
            e.unparse(len(hdr) + 1000)
    figures = dict(e.figures(), lower_bound=True)
    capture = {"linktype": "RAW", "filter": capture_filter(49152, 49261, False),
               "unparsed_packets": 2, "unparsed_wire_bytes": e.unparsed[1],
               "bad_timestamp_packets": 2, "unbinned_packets": 0}
    runs = [{"args": ["--src-addr", "192.168.77.1"], "error_matches": "2 packets with timestamps out of range",
             "expect": {"figures": {"data_volume": figures}, "capture": capture}}]
    save(out, "bad-stamps.pcapng", w.data, runs, e.bins_csv())


def truncated(out, whole):
    """The Ethernet capture cut in the middle of its last packet, as a
    killed tcpdump leaves it: counted up to there, with a warning."""
    with open(os.path.join(out, whole), "rb") as f:
        data = f.read()
    with open(os.path.join(out, "eth-ipv4-migration.expect.json")) as f:
        expect = json.load(f)
    # the last record: 16-byte header + 54 captured bytes (Ethernet ACK)
    cut = data[:len(data) - 30]
    dv = expect["runs"][0]["expect"]["figures"]["data_volume"]
    last_wire = 14 + 20 + 32
    only = {"packets": dv["packets"] - 1, "wire_bytes": dv["wire_bytes"] - last_wire,
            "payload_bytes": dv["payload_bytes"],
            "src_to_dst": {"packets": dv["src_to_dst"]["packets"] - 1,
                           "unique_payload_bytes": dv["src_to_dst"]["unique_payload_bytes"]}}
    runs = [{"args": ["--src-addr", "10.213.9.11"], "error_matches": "truncated dump file",
             "expect": {"figures": {"data_volume": only}}}]
    save(out, "truncated.pcap", cut, runs, None)


def save(out, name, data, runs, bins):
    base = name.rsplit(".", 1)[0]
    with open(os.path.join(out, name), "wb") as f:
        f.write(bytes(data))
    with open(os.path.join(out, base + ".expect.json"), "w") as f:
        json.dump({"capture": name, "runs": runs}, f, indent=1, sort_keys=True)
        f.write("\n")
    if bins is not None:
        with open(os.path.join(out, base + ".bins.csv"), "w") as f:
            f.write(bins)


def main():
    out = sys.argv[1] if len(sys.argv) > 1 else os.path.dirname(os.path.abspath(__file__))
    eth_ipv4_migration(out)
    sll2_ipv6_parallel(out)
    raw_bigtcp_pcapng(out)
    truncated(out, "eth-ipv4-migration.pcap")
    eth_vlan_qinq(out)
    bad_stamps_pcapng(out)


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""Migration-port TCP frames behind VLAN tags, written raw onto an
interface, for tests/e2e/capture-vlan.test (no 8021q module needed: the
frames carry their tags themselves; the receiving kernel takes the outer
one off into the packet's metadata, as it does on a trunk).

  tagged_frames.py send IFACE
      sends the frames (AF_PACKET) and prints, as JSON, what a capture of
      the migration ports on the other end must count: packets, wire_bytes
      and payload_bytes src -> dst (10.250.0.1 -> 10.250.0.2), per tagging
      and in all.
"""
import json
import socket
import struct
import sys

SRC, DST = bytes([10, 250, 0, 1]), bytes([10, 250, 0, 2])
Q, AD = 0x8100, 0x88a8
# (name, TPIDs outer first, client port); each its own connection
KINDS = [("untagged", [], 40001), ("802.1Q", [Q], 40002), ("802.1ad+802.1Q", [AD, Q], 40003),
         ("802.1Q+802.1Q", [Q, Q], 40004)]
FRAMES, PAYLOAD = 5, 1000


def frame(tpids, sport, dport, seq, n):
    eth = bytes([2, 0, 0, 0, 0, 2, 2, 0, 0, 0, 0, 1])
    for i, tpid in enumerate(tpids):
        eth += struct.pack("!HH", tpid, 100 * (i + 1))
    tcp = struct.pack("!HHIIBBHHH", sport, dport, seq, 1, 5 << 4, 0x18, 65535, 0, 0)
    ip = struct.pack("!BBHHHBBH4s4s", 0x45, 0, 20 + 20 + n, 0, 0x4000, 64, 6, 0, SRC, DST)
    return eth + struct.pack("!H", 0x0800) + ip + tcp + bytes(n)


def main():
    if len(sys.argv) != 3 or sys.argv[1] != "send":
        sys.exit(__doc__)
    s = socket.socket(socket.AF_PACKET, socket.SOCK_RAW)
    s.bind((sys.argv[2], 0))
    want = {"all": {"packets": 0, "wire_bytes": 0, "payload_bytes": 0}}
    for name, tpids, sport in KINDS:
        w = want[name] = {"packets": 0, "wire_bytes": 0, "payload_bytes": 0}
        for k in range(FRAMES):
            f = frame(tpids, sport, 49200, 1 + k * PAYLOAD, PAYLOAD)
            s.send(f)
            for c in (w, want["all"]):
                c["packets"] += 1
                c["wire_bytes"] += len(f)
                c["payload_bytes"] += PAYLOAD
    # not the capture's: a port outside the range behind a tag, and a
    # migration port three tags deep (further than the filter looks)
    for _ in range(3):
        s.send(frame([Q], 40010, 22, 1, PAYLOAD))
        s.send(frame([AD, Q, Q], 40011, 49200, 1, PAYLOAD))
    print(json.dumps(want, sort_keys=True))


if __name__ == "__main__":
    main()

#!/usr/bin/python3
"""A misbehaving ICMP echo responder, for testing the prober's matching.

Run inside a network namespace whose kernel does not answer echo requests
itself (net.ipv4.icmp_echo_ignore_all=1).  It answers every request, but
according to the 16-bit ICMP sequence number modulo 20:

   3  twice (a duplicate)
   5  150 ms late
   7  after the reply to the next request (reordered)
  11  1.5 s late (lost at the default lost-after, then a stale reply)
  13  normally, plus a reply with a corrupted payload (foreign)

Everything else at once.  Runs until killed; prints nothing.
"""
import heapq
import select
import socket
import struct
import sys
import time

DUP, LATE, REORDER, LOST, FOREIGN = 3, 5, 7, 11, 13


def checksum(data):
    if len(data) % 2:
        data += b"\0"
    s = sum(struct.unpack("!%dH" % (len(data) // 2), data))
    while s >> 16:
        s = (s & 0xFFFF) + (s >> 16)
    return ~s & 0xFFFF


def reply_for(icmp):
    """The echo reply to an echo request (ICMP bytes, no IP header)."""
    body = b"\0\0\0\0" + icmp[4:]
    c = checksum(body)
    return body[:2] + struct.pack("!H", c) + body[4:]


def corrupted(reply):
    """Same reply with the payload's nonce flipped, checksum fixed."""
    b = bytearray(reply)
    b[16] ^= 0xFF
    b[2:4] = b"\0\0"
    b[2:4] = struct.pack("!H", checksum(bytes(b)))
    return bytes(b)


def main():
    sock = socket.socket(socket.AF_INET, socket.SOCK_RAW, socket.IPPROTO_ICMP)
    pending = []  # heap of (due, n, addr, data)
    held = None   # a reordered reply waiting for the next one
    n = 0
    while True:
        timeout = max(0.0, pending[0][0] - time.monotonic()) if pending else None
        ready, _, _ = select.select([sock], [], [], timeout)
        now = time.monotonic()
        while pending and pending[0][0] <= now:
            _, _, addr, data = heapq.heappop(pending)
            sock.sendto(data, addr)
        if not ready:
            continue
        packet, addr = sock.recvfrom(65535)
        ihl = (packet[0] & 0x0F) * 4
        icmp = packet[ihl:]
        if len(icmp) < 8 or icmp[0] != 8:
            continue
        seq = struct.unpack("!H", icmp[6:8])[0]
        reply = reply_for(icmp)
        dest = (addr[0], 0)
        r = seq % 20
        if r == LATE or r == LOST:
            n += 1
            heapq.heappush(pending, (now + (0.15 if r == LATE else 1.5), n, dest, reply))
            continue
        if r == REORDER:
            held = (dest, reply)
            continue
        sock.sendto(reply, dest)
        if held:
            sock.sendto(held[1], held[0])
            held = None
        if r == DUP:
            sock.sendto(reply, dest)
        if r == FOREIGN:
            sock.sendto(corrupted(reply), dest)


if __name__ == "__main__":
    try:
        main()
    except KeyboardInterrupt:
        sys.exit(0)

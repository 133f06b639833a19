#!/usr/bin/env python3
"""Known TCP traffic between two lab hosts, as fast as the path carries it:
the exact reference for tests/e2e/capture.test and bench/capture.sh.

  tcp_transfer.py serve ADDR PORT REPLY_BYTES
      accepts one connection, reads it to the end, answers REPLY_BYTES
      random bytes, closes; prints "listening" once it listens and the
      number of bytes it received at the end.
  tcp_transfer.py send LOCAL_ADDR LOCAL_PORT ADDR PORT NBYTES
      from LOCAL_ADDR:LOCAL_PORT (fixed, so that no ephemeral port can fall
      into a port range under test) sends NBYTES random bytes, closes its
      side, reads the answer to the end; prints the number of bytes it
      received, and the rate it sent at on stderr.

The sender uses sendfile() from 64 MiB of random bytes in memory and the
receiver recv_into() one buffer, so Python costs next to nothing per byte.
"""
import os
import socket
import sys
import time

CHUNK = 64 << 20


def listen_socket(addr, port):
    s = socket.socket(socket.AF_INET6 if ":" in addr else socket.AF_INET)
    s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    s.bind((addr, port))
    return s


def drain(c):
    buf = memoryview(bytearray(4 << 20))
    got = 0
    while True:
        n = c.recv_into(buf)
        if n == 0:
            return got
        got += n


def serve(addr, port, reply):
    s = listen_socket(addr, port)
    s.listen(1)
    print("listening", flush=True)
    c, _ = s.accept()
    got = drain(c)
    c.sendall(os.urandom(reply))
    c.close()
    print(got, flush=True)


def send(laddr, lport, addr, port, n):
    s = listen_socket(laddr, lport)
    s.connect((addr, port))
    fd = os.memfd_create("tcp_transfer")
    src = os.fdopen(fd, "w+b")
    src.write(os.urandom(min(n, CHUNK)))
    src.flush()
    start, left = time.monotonic(), n
    while left > 0:
        left -= s.sendfile(src, 0, min(left, CHUNK))
    s.shutdown(socket.SHUT_WR)
    secs = time.monotonic() - start
    got = drain(s)
    s.close()
    print(got, flush=True)
    print("sent %d bytes at %.2f Gbit/s" % (n, n * 8 / max(secs, 1e-9) / 1e9), file=sys.stderr)


if __name__ == "__main__":
    if sys.argv[1:2] == ["serve"] and len(sys.argv) == 5:
        serve(sys.argv[2], int(sys.argv[3]), int(sys.argv[4]))
    elif sys.argv[1:2] == ["send"] and len(sys.argv) == 7:
        send(sys.argv[2], int(sys.argv[3]), sys.argv[4], int(sys.argv[5]), int(sys.argv[6]))
    else:
        sys.exit(__doc__)

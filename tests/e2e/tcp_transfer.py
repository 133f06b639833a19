#!/usr/bin/env python3
"""Known TCP traffic between two lab hosts, for tests/e2e/capture.test.

  tcp_transfer.py serve ADDR PORT REPLY_BYTES
      accepts one connection, reads it to the end, answers REPLY_BYTES
      random bytes, closes; prints "listening" once it listens and the
      number of bytes it received at the end.
  tcp_transfer.py send LOCAL_ADDR LOCAL_PORT ADDR PORT NBYTES
      from LOCAL_ADDR:LOCAL_PORT (fixed, so that no ephemeral port can fall
      into a port range under test) sends NBYTES random bytes, reads the
      answer to the end, prints the number of bytes it received.
"""
import os
import socket
import sys


def serve(addr, port, reply):
    s = socket.socket(socket.AF_INET6 if ":" in addr else socket.AF_INET)
    s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    s.bind((addr, port))
    s.listen(1)
    print("listening", flush=True)
    c, _ = s.accept()
    got = 0
    while True:
        b = c.recv(1 << 20)
        if not b:
            break
        got += len(b)
    c.sendall(os.urandom(reply))
    c.close()
    print(got, flush=True)


def send(laddr, lport, addr, port, n):
    s = socket.socket(socket.AF_INET6 if ":" in addr else socket.AF_INET)
    s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    s.bind((laddr, lport))
    s.connect((addr, port))
    chunk = os.urandom(1 << 20)
    left = n
    while left > 0:
        k = min(left, len(chunk))
        s.sendall(chunk[:k])
        left -= k
    s.shutdown(socket.SHUT_WR)
    got = 0
    while True:
        b = s.recv(1 << 20)
        if not b:
            break
        got += len(b)
    s.close()
    print(got, flush=True)


if __name__ == "__main__":
    if sys.argv[1:2] == ["serve"] and len(sys.argv) == 5:
        serve(sys.argv[2], int(sys.argv[3]), int(sys.argv[4]))
    elif sys.argv[1:2] == ["send"] and len(sys.argv) == 7:
        send(sys.argv[2], int(sys.argv[3]), sys.argv[4], int(sys.argv[5]), int(sys.argv[6]))
    else:
        sys.exit(__doc__)

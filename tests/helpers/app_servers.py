#!/usr/bin/python3
"""Servers for the application probe's end-to-end test.

    app_servers.py HTTP_PORT ECHO_PORT

HTTP_PORT: HTTP/1.1 with keep-alive (python's http.server, Content-Length
on every answer); GET /status/NNN answers with status NNN, anything else
200 with a one-line body.  ECHO_PORT: a line echo (each line sent back as
is, connections kept).  Both on every address, one thread per connection.
Runs until killed; prints "ready" once both listen.
"""
import http.server
import socketserver
import sys
import threading


class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    # One write per answer: head and body in two segments would meet the
    # client's delayed ACK under Nagle (40 ms per request on a kept
    # connection), a server defect the probe would faithfully measure.
    wbufsize = 65536

    def do_GET(self):
        status = 200
        if self.path.startswith("/status/"):
            status = int(self.path[8:11])
        body = b"migbench test\n"
        self.send_response(status)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


class Echo(socketserver.StreamRequestHandler):
    def handle(self):
        for line in self.rfile:
            self.wfile.write(line)
            self.wfile.flush()


class Threaded(socketserver.ThreadingMixIn, socketserver.TCPServer):
    daemon_threads = True
    allow_reuse_address = True


def main():
    http_srv = Threaded(("", int(sys.argv[1])), Handler)
    echo_srv = Threaded(("", int(sys.argv[2])), Echo)
    for srv in (http_srv, echo_srv):
        threading.Thread(target=srv.serve_forever, daemon=True).start()
    print("ready", flush=True)
    threading.Event().wait()


if __name__ == "__main__":
    main()

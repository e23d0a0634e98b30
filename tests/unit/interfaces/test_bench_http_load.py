"""The bench's load generator: keyed requests each carry an Idempotency-Key of their own."""

import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import ClassVar

import pytest

from interfaces.bench.http_load import Request, run_load


class Recorder(BaseHTTPRequestHandler):
    keys: ClassVar[list[str | None]] = []
    protocol_version = "HTTP/1.1"  # keep-alive, as the clients expect

    def do_POST(self) -> None:
        self.rfile.read(int(self.headers["Content-Length"]))
        self.keys.append(self.headers.get("Idempotency-Key"))
        self.send_response(201)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def server() -> Iterator[str]:
    Recorder.keys = []
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Recorder)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def test_keyed_requests_each_send_a_key_no_other_request_sent(server: str) -> None:
    request = Request("POST", "/orders", b"{}", expect=201, keyed=True)
    first = run_load(server, request, clients=3, seconds=0.3)
    second = run_load(server, request, clients=3, seconds=0.3)
    keys = Recorder.keys
    assert first.failures == second.failures == 0
    assert len(keys) == first.requests + second.requests > 6
    assert None not in keys
    assert len(set(keys)) == len(keys)  # across clients and across runs


def test_unkeyed_requests_send_no_key(server: str) -> None:
    load = run_load(server, Request("POST", "/orders", b"{}", expect=201), clients=2, seconds=0.2)
    assert load.requests == len(Recorder.keys) > 0
    assert set(Recorder.keys) == {None}

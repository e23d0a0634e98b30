"""The bench's load generator: keyed requests each carry an Idempotency-Key of their own."""

import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import ClassVar

import pytest

from interfaces.bench.http_load import Request, paced_load, run_load


class Recorder(BaseHTTPRequestHandler):
    keys: ClassVar[list[str | None]] = []
    delay_s: ClassVar[float] = 0.0
    protocol_version = "HTTP/1.1"  # keep-alive, as the clients expect

    def do_POST(self) -> None:
        self.rfile.read(int(self.headers["Content-Length"]))
        self.keys.append(self.headers.get("Idempotency-Key"))
        time.sleep(self.delay_s)
        self.send_response(201)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def server() -> Iterator[str]:
    Recorder.keys = []
    Recorder.delay_s = 0.0
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


def test_a_paced_load_keeps_to_its_rate_and_says_what_it_reached(server: str) -> None:
    request = Request("POST", "/orders", b"{}", expect=201, keyed=True)
    with paced_load(server, request, rate=40, clients=4) as paced:
        started = paced.mark()
        time.sleep(1.0)
        reached = paced.rate_since(started)

    assert 25 <= reached <= 45
    assert paced.failures == 0
    assert paced.answered == len(Recorder.keys) == len(set(Recorder.keys))


def test_a_paced_load_its_server_cannot_keep_up_with_reports_the_lower_rate(server: str) -> None:
    Recorder.delay_s = 0.1  # one client answered 10 times a second at most
    request = Request("POST", "/orders", b"{}", expect=201)
    with paced_load(server, request, rate=100, clients=1) as paced:
        started = paced.mark()
        time.sleep(1.0)
        reached = paced.rate_since(started)

    assert reached <= 12


def test_a_paced_load_does_not_burst_above_its_rate_after_its_server_stalled(server: str) -> None:
    Recorder.delay_s = 0.5  # the server stalls: every client waits half a second
    request = Request("POST", "/orders", b"{}", expect=201)
    with paced_load(server, request, rate=100, clients=8) as paced:
        time.sleep(0.6)
        Recorder.delay_s = 0.0  # it recovers; the sends missed meanwhile are not made up
        time.sleep(0.3)
        started = paced.mark()
        time.sleep(1.0)
        reached = paced.rate_since(started)

    assert reached <= 110

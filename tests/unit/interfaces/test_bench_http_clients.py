"""The bench's closed-loop clients read every answer in full, count the answers that were
not expected, and fail loudly on an answer they cannot frame."""

from __future__ import annotations

import http.client
import socketserver
import threading
import time
from collections.abc import Callable, Iterator
from typing import BinaryIO, ClassVar

import pytest

from interfaces.bench.http_clients import HttpLoadError
from interfaces.bench.http_load import Request, run_load

Piece = bytes | float  # bytes to send, or a pause (seconds) before the next piece
HANG_UP = b""  # as the last piece: the server closes the connection there


def framed(status: int, body: bytes = b"", *fields: str) -> bytes:
    head = f"HTTP/1.1 {status} Whatever\r\nContent-Length: {len(body)}\r\n"
    return (head + "".join(f"{field}\r\n" for field in fields) + "\r\n").encode() + body


class Scripted(socketserver.BaseRequestHandler):
    """Reads requests framed by Content-Length; answers the n-th as `answer(n)` says."""

    answer: ClassVar[Callable[[int], list[Piece]]]
    requests: ClassVar[list[bytes]] = []
    connections: ClassVar[int] = 0
    lock: ClassVar[threading.Lock] = threading.Lock()

    def handle(self) -> None:
        with self.lock:
            Scripted.connections += 1
        stream = self.request.makefile("rb")
        while head := _read_head(stream):  # until the client hangs up
            request = head + stream.read(_content_length(head))
            with self.lock:
                number = len(self.requests)
                self.requests.append(request)
            pieces = Scripted.answer(number)
            for piece in pieces:
                if isinstance(piece, float):
                    time.sleep(piece)
                elif piece:
                    self.request.sendall(piece)
            if pieces and pieces[-1] == HANG_UP:
                return


def _read_head(stream: BinaryIO) -> bytes:
    head = b""
    while not head.endswith(b"\r\n\r\n"):
        try:
            line = stream.readline()
        except ConnectionError:  # a client failing its load hangs up abruptly
            return b""
        if not line:
            return b""
        head += line
    return head


def _content_length(head: bytes) -> int:
    for line in head.split(b"\r\n"):
        name, _, value = line.partition(b":")
        if name.lower() == b"content-length":
            return int(value)
    return 0


@pytest.fixture
def url() -> Iterator[str]:
    Scripted.requests, Scripted.connections = [], 0
    answering(lambda n: [framed(201)])
    server = socketserver.ThreadingTCPServer(("127.0.0.1", 0), Scripted)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def answering(answer: Callable[[int], list[Piece]]) -> None:
    Scripted.answer = staticmethod(answer)


ORDER = Request("POST", "/orders", b'{"a": 1}', (("Content-Type", "application/json"),), 201)


def test_every_request_sent_is_answered_once_and_timed(url: str) -> None:
    load = run_load(url, ORDER, clients=4, seconds=0.3)

    assert load.requests == len(load.latencies_ms) == len(Scripted.requests) > 20
    assert Scripted.connections == 4  # kept alive
    assert load.failures == load.conflicts == 0


def test_a_latency_runs_from_the_send_to_the_answers_last_byte(url: str) -> None:
    answering(lambda n: [b"HTTP/1.1 201 Created\r\nContent-Length: 2\r\n\r\n{", 0.03, b"}"])
    load = run_load(url, ORDER, clients=2, seconds=0.2)

    assert load.requests > 0
    assert min(load.latencies_ms) >= 30
    assert max(load.latencies_ms) < 1000


def test_answers_other_than_the_one_expected_are_failures_and_409s_are_counted(url: str) -> None:
    answering(lambda n: [framed((201, 409, 500)[n % 3], b'{"status": 0}')])
    load = run_load(url, ORDER, clients=3, seconds=0.3)

    statuses = [(201, 409, 500)[n % 3] for n in range(load.requests)]
    assert load.failures == sum(status != 201 for status in statuses) > 0
    assert load.conflicts == statuses.count(409) > 0


def test_a_request_is_the_bytes_http_client_sends_with_its_own_key(url: str) -> None:
    keyed = Request("POST", "/orders", None, ORDER.headers, 201, (b"{1}", b"{22}"), keyed=True)
    load = run_load(url, keyed, clients=2, seconds=0.2)
    sent = Scripted.requests[:]
    second = next(request for request in sent if request.endswith(b"{22}"))
    key = second.split(b"Idempotency-Key: ")[1].split(b"\r\n")[0].decode()
    connection = http.client.HTTPConnection(url.removeprefix("http://"))
    headers = {"Content-Type": "application/json", "Idempotency-Key": key}
    connection.request("POST", "/orders", b"{22}", headers)
    connection.getresponse().read()
    connection.close()

    assert Scripted.requests[-1] == second
    keys = {request.split(b"Idempotency-Key: ")[1].split(b"\r\n")[0] for request in sent}
    assert len(keys) == len(sent) == load.requests


def test_an_answer_arriving_in_pieces_larger_than_one_read_is_read_whole(url: str) -> None:
    body = b"x" * 600_000
    answering(lambda n: [framed(201, body)[:1000], 0.01, framed(201, body)[1000:]])
    load = run_load(url, ORDER, clients=2, seconds=0.2)

    assert load.requests == len(Scripted.requests) > 0
    assert load.failures == 0


def test_a_connection_the_server_closes_after_its_answer_is_opened_again(url: str) -> None:
    answering(lambda n: [framed(201, b"{}", "Connection: close"), HANG_UP])
    load = run_load(url, ORDER, clients=2, seconds=0.2)

    assert load.requests == len(Scripted.requests) == Scripted.connections > 4
    assert load.failures == 0


@pytest.mark.parametrize(
    "answer",
    [
        [b"HTTP/1.1 201 Created\r\nTransfer-Encoding: chunked\r\n\r\n2\r\n{}\r\n0\r\n\r\n"],
        [b"HTTP/1.1 201 Created\r\nContent-Type: application/json\r\n\r\n{}", HANG_UP],
        [b"HTTP/1.1 201 Created\r\nContent-Length: 10\r\n\r\n{}", HANG_UP],
        [b"HTTP/1.1 201 Created\r\nContent-Length: 2\r\n\r\n{}{}"],
        [b"HTTP/1.0 201 Created\r\nContent-Length: 2\r\n\r\n{}"],
        [b"HTTP/1.1 20 Created\r\nContent-Length: 2\r\n\r\n{}"],
        [b"HTTP/1.1 201 Created\r\nContent-Length: two\r\n\r\n{}"],
        [HANG_UP],
    ],
    ids=[
        "chunked",
        "unframed",
        "cut short",
        "bytes beyond",
        "HTTP/1.0",
        "status",
        "length",
        "hung up",
    ],
)
def test_an_answer_that_cannot_be_framed_fails_the_load(url: str, answer: list[Piece]) -> None:
    answering(lambda n: answer)

    with pytest.raises(HttpLoadError):
        run_load(url, ORDER, clients=2, seconds=0.2)

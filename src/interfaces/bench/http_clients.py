"""Many closed-loop HTTP/1.1 clients on one thread: the bench's load generator.

Each client is a keep-alive connection that sends its next request as soon as the last
answer has been read in full, and times each request from its send to the answer's last
byte. One thread waits on all the sockets (`selectors`) instead of a thread per client, so
the generator, which shares the machine with the server it measures, spends little CPU per
request: each body's request is encoded once (only the Idempotency-Key is added per
request) and answers are framed by their Content-Length.

Anything it cannot frame raises `HttpLoadError`: a chunked or unframed body, a broken
status line, bytes beyond the answer, a connection closed before its answer was complete.
A figure is never made of answers that were not read.
"""

from __future__ import annotations

import re
import select
import selectors
import socket
import time
from collections.abc import Callable
from dataclasses import dataclass, field

ANSWER_TIMEOUT_S = 30.0  # no answer on any connection for this long: the load fails
MAX_HEAD = 65536
_CLOSES = re.compile(rb"\r\nconnection:[^\r]*\bclose\b")  # in a lower-cased head


class HttpLoadError(RuntimeError):
    """An answer the load generator could not read as HTTP/1.1 with a framed body."""


@dataclass
class Answers:
    """Every answer of a closed-loop load: latencies (ms), and those not `expect`ed."""

    latencies_ms: list[float] = field(default_factory=list)
    failures: int = 0
    conflicts: int = 0  # answered 409 (counted among the failures too)
    seconds: float = 0.0


@dataclass
class _Client:
    sock: socket.socket
    sent_at: float = 0.0
    data: bytes = b""
    end: int = -1  # the answer's last byte + 1, once its head is read
    status: int = 0
    close: bool = False  # the server closes the connection after this answer


def closed_loop(
    address: tuple[str, int],
    encode: Callable[[int], bytes],
    *,
    expect: int,
    clients: int,
    seconds: float,
) -> Answers:
    """`clients` connections to `address`, each sending `encode(n)` (n counting the
    requests of the load from 0) back to back until `seconds` have passed."""
    answers = Answers()
    selector = selectors.DefaultSelector()
    numbers = iter(range(1 << 62))
    started = time.perf_counter()
    deadline = started + seconds
    try:
        for _ in range(clients):
            client = _Client(_connect(address))
            selector.register(client.sock, selectors.EVENT_READ, client)
            _send(client, encode(next(numbers)))
        while selector.get_map():
            ready = selector.select(ANSWER_TIMEOUT_S)
            if not ready:
                raise HttpLoadError(f"no answer on any connection for {ANSWER_TIMEOUT_S:.0f} s")
            for key, _ in ready:
                client = key.data
                status, close = _receive(client)
                if status is None:
                    continue
                now = time.perf_counter()
                answers.latencies_ms.append((now - client.sent_at) * 1000)
                if status != expect:
                    answers.failures += 1
                    answers.conflicts += status == 409
                if close or now >= deadline:
                    selector.unregister(client.sock)
                    client.sock.close()
                    if now >= deadline:
                        continue
                    client = _Client(_connect(address))
                    selector.register(client.sock, selectors.EVENT_READ, client)
                _send(client, encode(next(numbers)))
    finally:
        for key in list(selector.get_map().values()):
            key.fileobj.close()  # type: ignore[union-attr]
        selector.close()
    answers.seconds = time.perf_counter() - started
    return answers


def _connect(address: tuple[str, int]) -> socket.socket:
    sock = socket.create_connection(address, timeout=ANSWER_TIMEOUT_S)
    sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    sock.setblocking(False)
    return sock


def _send(client: _Client, request: bytes) -> None:
    client.sent_at = time.perf_counter()
    sent = client.sock.send(request)
    while sent < len(request):  # only when the socket's buffer is full: wait for room
        if not select.select([], [client.sock], [], ANSWER_TIMEOUT_S)[1]:
            raise HttpLoadError("the server took no request bytes for 30 s")
        sent += client.sock.send(request[sent:])


def _receive(client: _Client) -> tuple[int | None, bool]:
    """Read what has arrived; once the answer is complete, its status and whether the
    server closes the connection after it, else (None, False)."""
    chunk = client.sock.recv(262144)
    if not chunk:
        raise HttpLoadError("the server closed a connection before its answer was complete")
    data = client.data + chunk if client.data else chunk
    if client.end < 0:
        head_end = data.find(b"\r\n\r\n")
        if head_end < 0:
            if len(data) > MAX_HEAD:
                raise HttpLoadError(f"an answer's head is longer than {MAX_HEAD} bytes")
            client.data = data
            return None, False
        client.status, length, client.close = _head(data[:head_end])
        client.end = head_end + 4 + length
    if len(data) < client.end:
        client.data = data
        return None, False
    if len(data) > client.end:
        raise HttpLoadError(f"{len(data) - client.end} bytes arrived beyond an answer's body")
    client.data, client.end = b"", -1
    return client.status, client.close


def _head(head: bytes) -> tuple[int, int, bool]:
    """An answer's status, body length and whether the server closes the connection after
    it; `HttpLoadError` unless it is HTTP/1.1 with a three-digit status and a
    Content-Length (or a status without a body)."""
    if not head.startswith(b"HTTP/1.1 ") or not head[9:12].isdigit() or head[12:13] not in b" \r":
        raise HttpLoadError(f"not an HTTP/1.1 status line: {head[:40]!r}")
    fields = head.lower()
    if b"\r\ntransfer-encoding:" in fields:
        raise HttpLoadError("Transfer-Encoding (chunked) is not accepted, only Content-Length")
    status, close = int(head[9:12]), _CLOSES.search(fields) is not None
    at = fields.find(b"\r\ncontent-length:")
    if at < 0:
        if status in (204, 304):
            return status, 0, close
        raise HttpLoadError(f"an answer {head[9:12].decode()} without Content-Length")
    line_end = fields.find(b"\r\n", at + 2)
    value = fields[at + 17 : line_end if line_end >= 0 else len(fields)].strip()
    if not value.isdigit():
        raise HttpLoadError(f"not a Content-Length: {value!r}")
    return status, int(value), close

"""Small HTTP load generators over keep-alive connections.

- `run_load`: closed loop, N clients sending back to back (what the server manages), all
  on one thread (`http_clients`): the generator shares the cores with the server it
  measures, so its CPU per request is kept as low as Python allows;
- `paced_load`: open loop, requests at a fixed rate whatever the answers take (as long as
  a client is free), to load a server at a given pace beside something else measured;
  plain `http.client`, one thread per client.
"""

from __future__ import annotations

import http.client
import threading
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from interfaces.bench.http_clients import closed_loop
from interfaces.bench.report import percentile


@dataclass(frozen=True)
class Request:
    method: str
    path: str
    body: bytes | None = None
    headers: tuple[tuple[str, str], ...] = ()
    expect: int = 200  # the status of a successful answer
    bodies: tuple[bytes, ...] = ()  # when given, each request sends the next of these
    keyed: bool = False  # each request with an Idempotency-Key of its own, as a shop retries


@dataclass(frozen=True)
class Load:
    requests: int
    seconds: float
    latencies_ms: list[float]
    failures: int
    conflicts: int = 0  # answers 409 (counted among the failures too)

    @property
    def rps(self) -> float:
        return self.requests / self.seconds if self.seconds else 0.0

    def p(self, q: float) -> float:
        return percentile(self.latencies_ms, q)

    @classmethod
    def merged(cls, loads: list[Load]) -> Load:
        """Several loads of the same request as one (their requests, time and latencies)."""
        return cls(
            sum(load.requests for load in loads),
            sum(load.seconds for load in loads),
            [ms for load in loads for ms in load.latencies_ms],
            sum(load.failures for load in loads),
            sum(load.conflicts for load in loads),
        )


def run_load(base_url: str, request: Request, *, clients: int, seconds: float) -> Load:
    """Send `request` over `clients` connections back to back for `seconds`; raises
    `HttpLoadError` on an answer it cannot read."""
    address = _address(base_url)
    answers = closed_loop(
        address, _encoder(request, address), expect=request.expect, clients=clients, seconds=seconds
    )
    latencies = answers.latencies_ms
    return Load(len(latencies), answers.seconds, latencies, answers.failures, answers.conflicts)


def _encoder(request: Request, address: tuple[str, int]) -> Callable[[int], bytes]:
    """The bytes of the `n`-th request of a load (what `http.client` sends for it): each
    body's request line and headers encoded once, an Idempotency-Key added per request."""
    host, port = address
    head = f"{request.method} {request.path} HTTP/1.1\r\nHost: {host}:{port}\r\n"
    head += "Accept-Encoding: identity\r\n"
    fields = "".join(f"{name}: {value}\r\n" for name, value in request.headers)
    bodies = request.bodies or (request.body,)
    parts = [
        (f"{head}{_length(request.method, body)}{fields}".encode(), body or b"") for body in bodies
    ]
    if not request.keyed:
        whole = [start + b"\r\n" + body for start, body in parts]
        return lambda n: whole[n % len(whole)]
    key = f"Idempotency-Key: bench-{uuid.uuid4().hex[:12]}-".encode()  # unique across runs
    keyed = [(start + key, b"\r\n\r\n" + body) for start, body in parts]

    def encode(n: int) -> bytes:
        start, rest = keyed[n % len(keyed)]
        return b"%s%d%s" % (start, n, rest)

    return encode


def _length(method: str, body: bytes | None) -> str:
    if body is None and method not in ("POST", "PUT", "PATCH"):
        return ""
    return f"Content-Length: {len(body or b'')}\r\n"


@dataclass
class Paced:
    """What a paced load has had answered so far (read while it runs)."""

    answered: int = 0
    failures: int = 0
    latencies_ms: list[float] = field(default_factory=list)

    def rate_since(self, mark: tuple[float, int]) -> float:
        """Answers per second since `mark` (a `mark()` taken earlier)."""
        at, answered = mark
        return (self.answered - answered) / (time.perf_counter() - at)

    def mark(self) -> tuple[float, int]:
        return time.perf_counter(), self.answered


GIVEN_UP_AFTER_S = 0.05  # a paced send time this late is given up


@contextmanager
def paced_load(base_url: str, request: Request, *, rate: float, clients: int) -> Iterator[Paced]:
    """Send `request` at `rate`/s until the block ends, open loop: one schedule of send
    times, each taken by whichever of the `clients` threads is free, so a slow answer delays
    no other request while a client is free. A server (or client) falling behind shows as a
    lower rate: send times more than `GIVEN_UP_AFTER_S` late are given up, not made up
    later (a longer grace let a backlog burst out after a stall, and a rate measured
    over the next seconds came out above the one asked)."""
    host, port = _address(base_url)
    paced = Paced()
    lock = threading.Lock()
    stop = threading.Event()
    numbers = iter(range(1 << 62))
    run = uuid.uuid4().hex[:12]
    slot = [time.perf_counter()]

    def client() -> None:
        conn = http.client.HTTPConnection(host, port, timeout=30)
        while not stop.is_set():
            with lock:
                slot[0] = max(slot[0] + 1 / rate, time.perf_counter() - GIVEN_UP_AFTER_S)
                due, number = slot[0], next(numbers)
            if stop.wait(max(0.0, due - time.perf_counter())):
                break
            ms, status = _send(conn, request, number, run)
            with lock:
                paced.answered += 1
                paced.failures += status != request.expect
                paced.latencies_ms.append(ms)
        conn.close()

    threads = [threading.Thread(target=client, daemon=True) for _ in range(clients)]
    for thread in threads:
        thread.start()
    try:
        yield paced
    finally:
        stop.set()
        for thread in threads:
            thread.join()


def _send(
    conn: http.client.HTTPConnection, request: Request, number: int, run: str
) -> tuple[float, int]:
    """Send the `number`-th request of a load; its latency (ms) and status."""
    body = request.bodies[number % len(request.bodies)] if request.bodies else request.body
    headers = dict(request.headers)
    if request.keyed:
        headers["Idempotency-Key"] = f"bench-{run}-{number}"
    started = time.perf_counter()
    conn.request(request.method, request.path, body=body, headers=headers)
    response = conn.getresponse()
    response.read()
    return (time.perf_counter() - started) * 1000, response.status


def _address(base_url: str) -> tuple[str, int]:
    parts = urlsplit(base_url)
    return parts.hostname or "127.0.0.1", parts.port or 80

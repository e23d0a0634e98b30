"""A small closed-loop HTTP load generator: N clients, each with one keep-alive connection.

Plain `http.client` in threads keeps the client's own cost per request low (tens of
microseconds), so the figures are mostly the server's.
"""

from __future__ import annotations

import http.client
import threading
import time
import uuid
from dataclasses import dataclass
from urllib.parse import urlsplit

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
    """Send `request` from `clients` threads back to back for `seconds`."""
    parts = urlsplit(base_url)
    host, port = parts.hostname or "127.0.0.1", parts.port or 80
    deadline = time.perf_counter() + seconds
    samples: list[list[float]] = [[] for _ in range(clients)]
    failures = [0] * clients
    conflicts = [0] * clients
    run = uuid.uuid4().hex[:12]  # keys unique across runs on the same database

    def client(n: int) -> None:
        conn = http.client.HTTPConnection(host, port, timeout=30)
        headers = dict(request.headers)
        sent = n
        while time.perf_counter() < deadline:
            body = request.bodies[sent % len(request.bodies)] if request.bodies else request.body
            if request.keyed:
                headers["Idempotency-Key"] = f"bench-{run}-{sent}"
            sent += clients
            started = time.perf_counter()
            conn.request(request.method, request.path, body=body, headers=headers)
            response = conn.getresponse()
            response.read()
            samples[n].append((time.perf_counter() - started) * 1000)
            if response.status != request.expect:
                failures[n] += 1
                conflicts[n] += response.status == 409
        conn.close()

    started = time.perf_counter()
    threads = [threading.Thread(target=client, args=(n,)) for n in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    took = time.perf_counter() - started
    latencies = [sample for per_client in samples for sample in per_client]
    return Load(len(latencies), took, latencies, sum(failures), sum(conflicts))

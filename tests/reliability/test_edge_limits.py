"""Defects 4 and 8: limits and protections applied before any route runs.

Against `oms serve` with API keys (a real uvicorn in its own process, so its memory can
be measured): authentication before the body is read, a streamed body cap, failed
authentication rate-limited per client, browser security headers on every answer.
"""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest

from tests.e2e.helpers import problem
from tests.reliability.served import Served, oms_serve

ADMIN = {"X-API-Key": "admin-key-0123456789"}
MB = 1024 * 1024


@pytest.fixture(scope="module")
def served(module_database_url: str) -> Iterator[Served]:
    with oms_serve(
        module_database_url,
        OMS_API_KEYS="admin-key-0123456789:admin",
        OMS_AUTH_FAILURES_PER_MINUTE="5",
    ) as running:
        yield running


def client_at(served: Served, address: str) -> httpx.Client:
    """A client whose requests come from `address` (a loopback address of its own)."""
    transport = httpx.HTTPTransport(local_address=address)
    return httpx.Client(base_url=served.url, transport=transport, timeout=30)


def rss_kib(served: Served) -> int:
    with open(f"/proc/{served.pid}/status") as status:
        line = next(line for line in status if line.startswith("VmRSS:"))
    return int(line.split()[1])


def zeros(total: int, chunk: int = MB) -> Iterator[bytes]:
    """A streamed (chunked) body of `total` bytes."""
    for _ in range(total // chunk):
        yield b"\0" * chunk


def test_a_write_without_a_key_is_401_even_when_its_body_is_malformed(served: Served) -> None:
    with client_at(served, "127.0.0.10") as http:
        response = http.post("/orders", content=b"{not json", headers={"content-type": "json"})
    problem(response, 401)


def test_an_unauthenticated_huge_body_is_refused_without_being_read(served: Served) -> None:
    before = rss_kib(served)
    with client_at(served, "127.0.0.11") as http:
        for _ in range(2):
            response = http.post("/orders", content=zeros(100 * MB))
            problem(response, 401)
    assert rss_kib(served) - before < 20 * 1024  # not the 100 MB it was sent


@pytest.mark.parametrize("path", ["/orders", "/graphql"])
def test_an_authenticated_body_over_the_limit_is_413_whether_declared_or_streamed(
    served: Served, path: str
) -> None:
    headers = {**ADMIN, "content-type": "application/json"}
    with client_at(served, "127.0.0.12") as http:
        declared = http.post(path, content=b"\0" * (MB + 1), headers=headers)
        streamed = http.post(path, content=zeros(50 * MB), headers=headers)
    for response in (declared, streamed):
        assert "larger than 1048576 bytes" in problem(response, 413)["detail"]


def test_failed_authentications_are_rate_limited_per_client(served: Served) -> None:
    with client_at(served, "127.0.0.13") as guesser, client_at(served, "127.0.0.14") as other:
        for n in range(5):
            problem(guesser.post("/nodes", json={}, headers={"X-API-Key": f"guess-{n}"}), 401)
        refused = guesser.post("/nodes", json={}, headers={"X-API-Key": "guess-5"})
        assert 1 <= int(refused.headers["retry-after"]) <= 60
        problem(refused, 429)
        # Even the right key waits: guessing must not go on. Other clients are unaffected.
        problem(guesser.get("/graphql?query={__typename}", headers=ADMIN), 429)
        assert other.post("/graphql", json={"query": "{__typename}"}, headers=ADMIN).is_success


@pytest.mark.parametrize("path", ["/health", "/orders", "/no-such-page", "/docs"])
def test_every_answer_carries_the_security_headers(served: Served, path: str) -> None:
    with client_at(served, "127.0.0.15") as http:
        response = http.post(path) if path == "/orders" else http.get(path)
    assert response.headers["x-content-type-options"] == "nosniff"
    assert "frame-ancestors 'none'" in response.headers["content-security-policy"]
    assert response.headers["referrer-policy"] == "no-referrer"


def test_in_development_mode_only_loopback_host_names_are_answered(
    module_database_url: str,
) -> None:
    with oms_serve(module_database_url) as dev, httpx.Client(base_url=dev.url) as http:
        port = dev.url.rsplit(":", 1)[1]
        for host in (f"localhost:{port}", f"127.0.0.1:{port}", f"[::1]:{port}"):
            assert http.get("/health", headers={"Host": host}).status_code == 200
        for host in (f"rebound.example:{port}", "10.0.0.5", f"127.0.0.1.evil.example:{port}"):
            problem(http.post("/nodes", json={}, headers={"Host": host}), 421)

"""Defects 4 and 8: limits and protections applied before any route runs.

Against `oms serve` with API keys (a real uvicorn in its own process, so its memory can
be measured): authentication before the body is read, a streamed body cap, failed
authentication rate-limited per client, browser security headers on every answer.
"""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
import websockets
from websockets.exceptions import InvalidStatus
from websockets.typing import Subprotocol

from tests.e2e.helpers import problem
from tests.reliability.server_process import Served, served

ADMIN = {"X-API-Key": "admin-key-0123456789"}
MB = 1024 * 1024


@pytest.fixture(scope="module")
def server(module_database_url: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    with served(
        module_database_url,
        tmp_path_factory.mktemp("edge") / "server.log",
        api_keys="admin-key-0123456789:admin",
        auth_failures_per_minute="5",
        projections_in_process="false",
    ) as running:
        yield running


def client_at(server: Served, address: str) -> httpx.Client:
    """A client whose requests come from `address` (a loopback address of its own)."""
    transport = httpx.HTTPTransport(local_address=address)
    return httpx.Client(base_url=server.url, transport=transport, timeout=30)


def zeros(total: int, chunk: int = MB) -> Iterator[bytes]:
    """A streamed (chunked) body of `total` bytes."""
    for _ in range(total // chunk):
        yield b"\0" * chunk


def test_a_write_without_a_key_is_401_even_when_its_body_is_malformed(server: Served) -> None:
    with client_at(server, "127.0.0.10") as http:
        response = http.post("/orders", content=b"{not json", headers={"content-type": "json"})
    problem(response, 401)


def test_an_unauthenticated_huge_body_is_refused_without_being_read(server: Served) -> None:
    before = server.rss_kib()
    with client_at(server, "127.0.0.11") as http:
        for _ in range(2):
            response = http.post("/orders", content=zeros(100 * MB))
            problem(response, 401)
    assert server.rss_kib() - before < 20 * 1024  # not the 100 MB it was sent


@pytest.mark.parametrize("path", ["/orders", "/graphql"])
def test_an_authenticated_body_over_the_limit_is_413_whether_declared_or_streamed(
    server: Served, path: str
) -> None:
    headers = {**ADMIN, "content-type": "application/json"}
    with client_at(server, "127.0.0.12") as http:
        declared = http.post(path, content=b"\0" * (MB + 1), headers=headers)
        streamed = http.post(path, content=zeros(50 * MB), headers=headers)
    for response in (declared, streamed):
        assert "larger than 1048576 bytes" in problem(response, 413)["detail"]


def test_failed_authentications_are_rate_limited_per_client(server: Served) -> None:
    with client_at(server, "127.0.0.13") as guesser, client_at(server, "127.0.0.14") as other:
        for n in range(5):
            problem(guesser.post("/nodes", json={}, headers={"X-API-Key": f"guess-{n}"}), 401)
        refused = guesser.post("/nodes", json={}, headers={"X-API-Key": "guess-5"})
        assert 1 <= int(refused.headers["retry-after"]) <= 60
        problem(refused, 429)
        # Even the right key waits: guessing must not go on. Other clients are unaffected.
        problem(guesser.get("/graphql?query={__typename}", headers=ADMIN), 429)
        assert other.post("/graphql", json={"query": "{__typename}"}, headers=ADMIN).is_success


@pytest.mark.parametrize("path", ["/health", "/orders", "/no-such-page", "/docs"])
def test_every_answer_carries_the_security_headers(server: Served, path: str) -> None:
    with client_at(server, "127.0.0.15") as http:
        response = http.post(path) if path == "/orders" else http.get(path)
    assert response.headers["x-content-type-options"] == "nosniff"
    assert "frame-ancestors 'none'" in response.headers["content-security-policy"]
    assert response.headers["referrer-policy"] == "no-referrer"


def test_in_development_mode_only_loopback_host_names_are_answered(
    module_database_url: str, tmp_path: Path
) -> None:
    log = tmp_path / "server.log"
    dev_server = served(module_database_url, log, projections_in_process="false")
    with dev_server as dev, httpx.Client(base_url=dev.url) as http:
        port = dev.url.rsplit(":", 1)[1]
        for host in (f"localhost:{port}", f"127.0.0.1:{port}", f"[::1]:{port}"):
            assert http.get("/health", headers={"Host": host}).status_code == 200
        for host in (f"rebound.example:{port}", "10.0.0.5", f"127.0.0.1.evil.example:{port}"):
            problem(http.post("/nodes", json={}, headers={"Host": host}), 421)


def test_subscription_handshakes_count_as_authentication_attempts(server: Served) -> None:
    url = server.url.replace("http://", "ws://") + "/graphql"

    async def handshake(key: str, address: str) -> str:
        try:
            async with websockets.connect(
                url,
                subprotocols=[Subprotocol("graphql-transport-ws")],
                additional_headers={"X-API-Key": key},
                local_addr=(address, 0),
            ) as socket:
                await socket.send('{"type": "connection_init"}')
                return str(await asyncio.wait_for(socket.recv(), 5))
        except InvalidStatus as refused:
            return f"refused {refused.response.status_code}"

    async def attempts() -> list[str]:
        guesses = [await handshake(f"guess-{n}", "127.0.0.16") for n in range(5)]
        late = await handshake(ADMIN["X-API-Key"], "127.0.0.16")
        other = await handshake(ADMIN["X-API-Key"], "127.0.0.17")
        return [*guesses, late, other]

    *guesses, late, other = asyncio.run(attempts())
    assert guesses == ["refused 403"] * 5
    assert late == "refused 403"  # over the limit: even the right key waits
    assert "connection_ack" in other

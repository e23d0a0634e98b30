"""Defect 4: connections that never finish their headers cannot take the server down.

Against `oms serve` itself (a real uvicorn with the project's connection limits), whose
file descriptors are capped at 1,024: 1,500 connections from one client send half a
request and stall. Before, each held a descriptor forever, and once they ran out,
/health, /ready and GraphQL all failed.
"""

from __future__ import annotations

import socket
import time
from collections.abc import Iterator

import httpx
import pytest

from tests.reliability.server_process import Served, served

ATTACKER = "127.0.0.2"  # another loopback address: one client, not the prober
STALLED = 1500


@pytest.fixture(scope="module")
def server(module_database_url: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    with served(
        module_database_url,
        tmp_path_factory.mktemp("stalled") / "server.log",
        open_files=1024,
        header_timeout_s="2",
        keep_alive_timeout_s="1",
        max_connections_per_client="50",
        projections_in_process="false",
    ) as running:
        yield running


def _stall(url: str, count: int) -> list[socket.socket]:
    port = int(url.rsplit(":", 1)[1])
    stalled = []
    for _ in range(count):
        sock = socket.socket()
        sock.bind((ATTACKER, 0))
        sock.settimeout(5)
        try:
            sock.connect(("127.0.0.1", port))
            sock.sendall(b"GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ")
        except OSError:
            pass  # refused or reset: the server is shedding them, as it should
        stalled.append(sock)
    return stalled


def _closed_by_server(sock: socket.socket) -> bool:
    sock.settimeout(0.01)
    try:
        return sock.recv(1) == b""
    except TimeoutError:
        return False
    except OSError:
        return True


def test_health_answers_while_thousands_of_connections_stall_in_their_headers(
    server: Served,
) -> None:
    stalled = _stall(server.url, STALLED)
    try:
        for _ in range(5):
            started = time.monotonic()
            response = httpx.get(f"{server.url}/health", timeout=5)
            assert response.status_code == 200
            assert time.monotonic() - started < 1
        assert server.open_files() < 200  # the excess was closed, not queued
        time.sleep(3)  # past the header deadline
        assert all(_closed_by_server(sock) for sock in stalled)
    finally:
        for sock in stalled:
            sock.close()


def test_a_request_trickling_its_headers_is_cut_off_at_the_header_deadline(
    server: Served,
) -> None:
    (sock,) = _stall(server.url, 1)
    try:
        started = time.monotonic()
        while not _closed_by_server(sock) and time.monotonic() - started < 10:
            sock.sendall(b"x")  # a byte at a time keeps no timer alive
            time.sleep(0.2)
        assert 1.5 < time.monotonic() - started < 5
    finally:
        sock.close()


def test_an_idle_kept_alive_connection_is_closed_after_the_keep_alive_timeout(
    server: Served,
) -> None:
    port = int(server.url.rsplit(":", 1)[1])
    with socket.create_connection(("127.0.0.1", port), timeout=5) as sock:
        sock.sendall(b"GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
        answer = b""
        while not answer.endswith(b'{"status":"ok"}'):
            answer += sock.recv(65536)
        assert answer.startswith(b"HTTP/1.1 200")
        assert not _closed_by_server(sock)  # kept alive for a next request…
        time.sleep(2)
        assert _closed_by_server(sock)  # …but not beyond OMS_KEEP_ALIVE_TIMEOUT_S

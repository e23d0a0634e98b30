"""The http-socket bench: placements over real sockets to the app as `oms serve` runs it."""

from __future__ import annotations

from interfaces.bench import http_socket
from interfaces.bench.main import SECTIONS


def test_the_server_and_the_client_cpu_per_placement_are_measured() -> None:
    # cpu_per_answer raises unless every placement was answered 201.
    server, client = http_socket.cpu_per_answer("WARNING", 0.5)

    assert server > 0
    assert client > 0
    assert "http-socket" in SECTIONS

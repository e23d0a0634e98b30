"""The HTTP front-end over real sockets: CPU per placement in the server process, the
writer answering at once.

`http_layer` drives the ASGI app in process; this runs it as `oms serve` does (uvicorn,
uvloop, httptools, the connection guards of `api.connections`) in a process of its own,
with 16 keep-alive clients placing keyed orders, and measures the CPU time (user and
system) the server process spends per answer: the HTTP layer with the protocol, the event
loop and the sockets' kernel time. The OMS answers every command at once, as in
`http_layer`, so no database is involved.
"""

from __future__ import annotations

import socket
import subprocess
import sys
import time

import httpx
import psutil
import uvicorn

from application.oms import OMS
from application.settings import Settings
from interfaces.api.app import create_app
from interfaces.api.connections import uvicorn_options
from interfaces.bench.http_layer import AnsweringOMS
from interfaces.bench.http_load import run_load
from interfaces.bench.report import Figure
from interfaces.bench.server import order_request

SECTION = "http-socket"
CLIENTS = 16


def cpu_per_answer(log_level: str, seconds: float) -> tuple[float, float]:
    """CPU µs per answered placement: (server process, this client process)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = int(probe.getsockname()[1])
    command = [sys.executable, "-m", "interfaces.bench.http_socket", str(port), log_level]
    server = subprocess.Popen(command, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    try:
        _wait_for(url, server)
        request = order_request()
        run_load(url, request, clients=CLIENTS, seconds=min(1.0, seconds))  # warm up
        measured, client = psutil.Process(server.pid), psutil.Process()
        server_before, client_before = _cpu(measured), _cpu(client)
        load = run_load(url, request, clients=CLIENTS, seconds=seconds)
        server_spent = _cpu(measured) - server_before
        client_spent = _cpu(client) - client_before
    finally:
        server.terminate()
        server.wait(timeout=30)
    if load.failures:
        raise RuntimeError(f"{load.failures} of {load.requests} placements failed")
    answered = max(1, load.requests)
    return 1e6 * server_spent / answered, 1e6 * client_spent / answered


def _cpu(process: psutil.Process) -> float:
    times = process.cpu_times()
    return float(times.user + times.system)


def _wait_for(url: str, server: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + 60
    while True:
        try:
            httpx.get(f"{url}/health", timeout=5)
            return
        except httpx.TransportError:
            if server.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError("the HTTP bench server did not start") from None
            time.sleep(0.1)


def serve(port: int, log_level: str) -> None:
    """The app as `oms serve` runs it, without its lifespan (no database): the OMS answers
    at once."""
    settings = Settings(log_level=log_level, api_keys="", port=port)
    app = create_app(settings)
    app.state.oms = AnsweringOMS()
    options = uvicorn_options(settings)
    config = uvicorn.Config(
        app, port=port, lifespan="off", log_level="warning", access_log=False, **options
    )
    uvicorn.Server(config).run()


def run(oms: OMS, database_url: str, scale: float = 1.0) -> list[Figure]:
    server, client = cpu_per_answer("WARNING", max(2.0, 10 * scale))
    name = "CPU per placement over sockets (writer answering at once)"
    return [
        Figure(SECTION, f"{name}, server process", server, "µs"),
        Figure(SECTION, f"{name}, load client", client, "µs"),
    ]


if __name__ == "__main__":
    serve(int(sys.argv[1]), sys.argv[2])

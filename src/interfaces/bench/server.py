"""`oms serve` itself under load: orders over HTTP, and the memory of its processes.

The server is the real command (front-end, projector child) in its own processes on the
section's database. 16 clients place two-line orders back to back (each a new order, over
50 SKUs at 3 nodes);
the baseline is the raw one-row INSERT + COMMIT rate measured in the same run. RSS is
the sum over the server's processes (front-ends and projector), sampled during the load;
its baseline is the same sum just after start-up. The CPU time each part spends per order
(front-ends, projector, PostgreSQL, the load generator itself) is measured over the load
(`cpu`): on a shared machine it moves much less than the rate.
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from urllib.parse import urlsplit

import httpx
import psutil

from application.oms import OMS
from interfaces.bench.cpu import CpuMeter, server_groups
from interfaces.bench.http_load import Load, Request, run_load
from interfaces.bench.report import Figure
from interfaces.bench.writes import order, prepare, raw_inserts

SECTION = "server"
CLIENTS = 16
MB = 1024 * 1024


def order_request() -> Request:
    """Two-line orders over the bench's SKUs (as the writes section places them), each a
    new order: stock contention as in a shop, not every client on the same two SKUs."""
    bodies = tuple(json.dumps(order(i).model_dump(mode="json")).encode() for i in range(500))
    headers = (("Content-Type", "application/json"),)
    return Request("POST", "/orders", None, headers, expect=201, bodies=bodies, keyed=True)


@contextmanager
def served(database_url: str, *args: str) -> Iterator[tuple[str, int]]:
    """`oms serve` (front-end and projector child) on a free port; yields its URL and process id."""
    port = _free_port()
    env = {k: v for k, v in os.environ.items() if k != "OMS_API_KEYS"}
    env |= {"DATABASE_URL": database_url, "OMS_LOG_LEVEL": "WARNING", "OMS_PORT": str(port)}
    command = [sys.executable, "-m", "interfaces.cli", "serve", *args]
    process = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 120
        while not _ready(url):
            if process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError("oms serve did not become ready")
            time.sleep(0.2)
        yield url, process.pid
    finally:
        process.terminate()
        process.wait(timeout=60)


def tree(pid: int) -> list[psutil.Process]:
    """A process and all its descendants (finding them reads every process on the machine:
    milliseconds, so a sampler finds them once)."""
    root = psutil.Process(pid)
    return [root, *root.children(recursive=True)]


def rss(processes: list[psutil.Process]) -> float:
    """Resident memory (MB) of those of `processes` still running."""
    return sum(p.memory_info().rss for p in processes if p.is_running()) / MB


def run(oms: OMS, database_url: str, scale: float = 1.0) -> list[Figure]:
    prepare(oms)
    raw_rate, _ = raw_inserts(database_url, 1000)
    with served(database_url) as (url, pid):
        processes = tree(pid)
        started_rss = rss(processes)
        peak = [started_rss]
        stop = threading.Event()

        def sample() -> None:
            while not stop.wait(0.5):
                peak[0] = max(peak[0], rss(processes))

        sampler = threading.Thread(target=sample, daemon=True)
        sampler.start()
        run_load(url, order_request(), clients=CLIENTS, seconds=2.0)  # warm up
        database = urlsplit(database_url).path.strip("/")
        meter = CpuMeter(lambda: server_groups(pid, database))
        meter.start()
        load = run_load(url, order_request(), clients=CLIENTS, seconds=max(5.0, 20 * scale))
        spent = meter.stop()
        stop.set()
        sampler.join()
        peak[0] = max(peak[0], rss(tree(pid)))
    placed = load.requests - load.failures
    return [
        Figure(
            SECTION,
            f"orders over HTTP, {CLIENTS} clients",
            placed / load.seconds,
            "orders/s",
            raw_rate,
            ">= 1,000/s (baseline: raw INSERT rate)",
        ),
        Figure(SECTION, "order over HTTP p50", load.p(50), "ms"),
        Figure(SECTION, "order over HTTP p99", load.p(99), "ms", target="<= 50 ms"),
        Figure(SECTION, "orders answered 409", load.conflicts, "answers", target="0"),
        Figure(SECTION, "orders failed otherwise", load.failures - load.conflicts, "answers"),
        Figure(
            SECTION,
            "server RSS (front-end + projector), peak under load",
            peak[0],
            "MB",
            started_rss,
            "<= 400 MB (baseline: just started)",
        ),
        *cpu_figures(spent, load),
    ]


def cpu_figures(spent: dict[str, float], load: Load) -> list[Figure]:
    """CPU time per answered request of each part, and of the server's parts together
    (2 cores give 1,000 orders/s only below 2 ms in all)."""
    per_order = {name: seconds * 1e6 / max(1, load.requests) for name, seconds in spent.items()}
    server = sum(us for name, us in per_order.items() if name != "client")
    return [
        *(Figure(SECTION, f"{name} CPU per order", us, "µs") for name, us in per_order.items()),
        Figure(
            SECTION,
            "server CPU per order (all but the client)",
            server,
            "µs",
            target="<= 2,000 µs (1,000/s on 2 cores)",
        ),
    ]


def _ready(url: str) -> bool:
    try:
        return httpx.get(f"{url}/ready", timeout=5).status_code == 200
    except httpx.TransportError:
        return False


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])

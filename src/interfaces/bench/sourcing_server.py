"""The OMS API in its own process, for benchmarks over HTTP."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager

import httpx

# Start-up and the read models' catch-up on the bench's log (thousands of stock records).
READY_WITHIN_S = 120


@contextmanager
def api_server(database_url: str) -> Iterator[str]:
    """`oms serve` (one uvicorn worker, dev mode) on a free port; yields its base URL once
    it is ready (its read models at the log head: catching up would share its CPU)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    command = [sys.executable, "-c", "from interfaces.cli import app; app()", "serve"]
    command += ["--port", str(port)]
    env = {**os.environ, "DATABASE_URL": database_url, "OMS_LOG_LEVEL": "WARNING"}
    env.pop("OMS_API_KEYS", None)
    process = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + READY_WITHIN_S
        while not _ready(base):
            if process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError("the API server did not get ready")
            time.sleep(0.2)
        yield base
    finally:
        process.terminate()
        process.wait(timeout=15)


def _ready(base: str) -> bool:
    try:
        return httpx.get(f"{base}/ready").status_code == 200
    except httpx.TransportError:
        return False

"""A real OMS server in its own process (uvicorn, as `oms serve` runs it) for a test."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@contextmanager
def server_process(database_url: str, log: Path, **settings: str) -> Iterator[str]:
    """Serve the OMS on `database_url` from a child process; yields its base URL.

    `settings` are OMS_ variables without the prefix (`pool_size="3"`); the child's output
    goes to `log`, which a failing test can show.
    """
    port = free_port()
    env = {
        **os.environ,
        "DATABASE_URL": database_url,
        "OMS_PORT": str(port),
        "OMS_LOG_LEVEL": "WARNING",
        "OMS_POOL_SIZE": "3",
        **{f"OMS_{key.upper()}": value for key, value in settings.items()},
    }
    env.pop("OMS_API_KEYS", None)
    command = [sys.executable, "-c", "from interfaces.cli import app; app()", "serve"]
    with log.open("wb") as output:
        child = subprocess.Popen(command, env=env, stdout=output, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    try:
        _wait_until_up(url, child)
        yield url
    finally:
        child.terminate()
        try:
            child.wait(timeout=15)
        except subprocess.TimeoutExpired:
            child.kill()
            child.wait()


def _wait_until_up(url: str, child: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if child.poll() is not None:
            raise RuntimeError(f"the server exited with {child.returncode}")
        try:
            if httpx.get(f"{url}/health", timeout=1).status_code == 200:
                return
        except httpx.TransportError:
            pass
        time.sleep(0.1)
    raise RuntimeError("the server did not answer /health within 60 s")

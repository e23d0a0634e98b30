"""A real OMS server in its own process (uvicorn, as `oms serve` runs it) for a test."""

from __future__ import annotations

import os
import resource
import socket
import subprocess
import sys
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
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
    with server_child(database_url, log, **settings) as (url, _):
        yield url


@contextmanager
def server_child(
    database_url: str,
    log: Path,
    *,
    open_files: int | None = None,
    args: Sequence[str] = (),
    **settings: str,
) -> Iterator[tuple[str, subprocess.Popen[bytes]]]:
    """`server_process`, yielding the child too; `open_files` caps its file descriptors,
    `args` go to `oms serve`."""
    port = free_port()
    env = {key: value for key, value in os.environ.items() if key != "OMS_API_KEYS"}
    env.update(
        {
            "DATABASE_URL": database_url,
            "OMS_PORT": str(port),
            "OMS_LOG_LEVEL": "WARNING",
            "OMS_POOL_SIZE": "3",
            **{f"OMS_{key.upper()}": value for key, value in settings.items()},
        }
    )

    def limit_files() -> None:
        if open_files is not None:
            resource.setrlimit(resource.RLIMIT_NOFILE, (open_files, open_files))

    command = [sys.executable, "-c", "from interfaces.cli import app; app()", "serve", *args]
    with log.open("wb") as output:
        child = subprocess.Popen(
            command, env=env, stdout=output, stderr=subprocess.STDOUT, preexec_fn=limit_files
        )
    url = f"http://127.0.0.1:{port}"
    try:
        _wait_until_up(url, child)
        yield url, child
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


@dataclass(frozen=True)
class Served:
    """A server child's URL and process id, to look at its resources (Linux /proc)."""

    url: str
    pid: int

    def open_files(self) -> int:
        return len(os.listdir(f"/proc/{self.pid}/fd"))

    def rss_kib(self) -> int:
        with open(f"/proc/{self.pid}/status") as status:
            line = next(line for line in status if line.startswith("VmRSS:"))
        return int(line.split()[1])


@contextmanager
def served(
    database_url: str, log: Path, *, open_files: int | None = None, **settings: str
) -> Iterator[Served]:
    """`server_child` as a `Served`."""
    with server_child(database_url, log, open_files=open_files, **settings) as (url, child):
        yield Served(url, child.pid)

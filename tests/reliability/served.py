"""`oms serve` in a child process, started the way an operator starts it (env + CLI)."""

from __future__ import annotations

import os
import resource
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import IO

import httpx


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@dataclass(frozen=True)
class Served:
    url: str
    pid: int

    def open_files(self) -> int:
        """How many file descriptors the server holds (Linux /proc)."""
        return len(os.listdir(f"/proc/{self.pid}/fd"))


@contextmanager
def oms_serve(database_url: str, *, open_files: int = 4096, **env: str) -> Iterator[Served]:
    """Run `oms serve` on a free loopback port with the variables `env` until the block ends.

    `open_files` caps the server's file descriptors (RLIMIT_NOFILE), so a test can show
    that stalled connections do not use them up.
    """
    port = free_port()
    variables = {
        **os.environ,
        "DATABASE_URL": database_url,
        "OMS_HOST": "127.0.0.1",
        "OMS_PORT": str(port),
        "OMS_PROJECTIONS_IN_PROCESS": "false",
        "OMS_LOG_LEVEL": "WARNING",
        "OMS_POOL_SIZE": "2",
        **env,
    }

    def limit_files() -> None:
        resource.setrlimit(resource.RLIMIT_NOFILE, (open_files, open_files))

    oms = Path(sys.executable).with_name("oms")
    log = tempfile.TemporaryFile()  # noqa: SIM115 (closed when the server is stopped)
    process = subprocess.Popen(
        [str(oms), "serve"], env=variables, preexec_fn=limit_files, stdout=log, stderr=log
    )
    url = f"http://127.0.0.1:{port}"
    try:
        _wait_until_healthy(url, process, log)
        yield Served(url, process.pid)
    finally:
        process.terminate()
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        log.close()


def _wait_until_healthy(url: str, process: subprocess.Popen[bytes], log: IO[bytes]) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            log.seek(0)
            output = log.read().decode(errors="replace")
            raise RuntimeError(f"oms serve exited with {process.returncode}: {output}")
        try:
            if httpx.get(f"{url}/health", timeout=1).status_code == 200:
                return
        except httpx.TransportError:
            pass
        time.sleep(0.2)
    raise RuntimeError("oms serve did not become healthy within 60 s")

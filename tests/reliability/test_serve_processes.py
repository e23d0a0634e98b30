"""`oms serve --workers 2` runs front-ends and a projector process: started,
restarted and stopped together, reads following writes across them, no process left behind."""

from __future__ import annotations

import os
import signal
import subprocess
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import httpx
import psutil
import psycopg
import pytest

from tests.e2e.conftest import e2e_settings, serve
from tests.e2e.helpers import register, unique
from tests.reliability.server_process import server_child

NODE = "query($code: String!) { node(code: $code) { code name } }"


def children(parent: int, marker: str) -> list[psutil.Process]:
    return [p for p in psutil.Process(parent).children() if marker in " ".join(p.cmdline())]


def eventually(check: Callable[[], bool], seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while not check():
        assert time.monotonic() < deadline, "not within the time allowed"
        time.sleep(0.2)


def ready(url: str) -> bool:
    return httpx.get(f"{url}/ready", timeout=10).status_code == 200


def stopped(process: subprocess.Popen[bytes], descendants: list[psutil.Process]) -> None:
    process.wait(timeout=60)
    _, alive = psutil.wait_procs(descendants, timeout=30)
    assert alive == [], f"left running: {[p.pid for p in alive]}"


@pytest.fixture
def started(database_url: str, tmp_path: Path) -> Iterator[tuple[str, subprocess.Popen[bytes]]]:
    """`oms serve --workers 2` on a fresh database: both front-ends (and the
    projector) create tables at once."""
    args = ["--workers", "2"]
    with server_child(database_url, tmp_path / "serve.log", args=args) as running:
        yield running


def test_serve_runs_a_projector_and_a_second_front_end_and_reads_follow_writes(
    started: tuple[str, subprocess.Popen[bytes]], database_url: str
) -> None:
    url, parent = started
    assert len(children(parent.pid, "interfaces.cli project")) == 1
    assert len(children(parent.pid, "interfaces.front_end")) == 1
    eventually(lambda: ready(url))
    with httpx.Client(base_url=url, timeout=20) as client:
        code = unique("DC")
        position = register(client, code)["position"]
        answer = client.post(
            "/graphql",
            json={"query": NODE, "variables": {"code": code}},
            headers={"X-OMS-Consistent-After": str(position)},
        ).json()
    assert answer["data"]["node"]["code"] == code
    assert answer["extensions"]["consistency"]["stale"] is False
    eventually(lambda: {"oms-projector", "oms-front-end-1"} <= connected(database_url))


def connected(database_url: str) -> set[str]:
    """The application names of the database's connections (front-end 1 starts later)."""
    with psycopg.connect(database_url, autocommit=True) as conn:
        return {r[0] for r in conn.execute("SELECT application_name FROM pg_stat_activity")}


def test_a_killed_projector_is_started_again_and_the_service_is_ready_again(
    started: tuple[str, subprocess.Popen[bytes]],
) -> None:
    url, parent = started
    eventually(lambda: ready(url))
    (projector,) = children(parent.pid, "interfaces.cli project")
    projector.kill()
    projector.wait(timeout=10)
    eventually(lambda: len(children(parent.pid, "interfaces.cli project")) == 1)
    (again,) = children(parent.pid, "interfaces.cli project")
    assert again.pid != projector.pid
    eventually(lambda: ready(url))


@pytest.mark.parametrize("stop", [signal.SIGTERM, signal.SIGINT], ids=["SIGTERM", "Ctrl-C"])
def test_stopping_the_server_stops_every_process_it_started(
    started: tuple[str, subprocess.Popen[bytes]], stop: signal.Signals
) -> None:
    _, parent = started
    descendants = psutil.Process(parent.pid).children(recursive=True)
    assert len(descendants) >= 2
    os.kill(parent.pid, stop)
    stopped(parent, descendants)
    assert parent.returncode is not None


def test_ready_is_503_while_no_projector_process_is_connected(database_url: str) -> None:
    settings = e2e_settings(database_url, require_projector=True)
    with serve(settings) as running, httpx.Client(base_url=running.url, timeout=20) as client:
        answer = client.get("/ready")
    assert answer.status_code == 503
    assert "no projector process is running" in answer.json()["detail"]

"""The server bench's CPU accounting: time per process group over a load, per order."""

from __future__ import annotations

import os
import subprocess
import sys
import time

import psutil

from interfaces.bench.cpu import CpuMeter, server_groups
from interfaces.bench.http_load import Load
from interfaces.bench.server import cpu_figures


def _spin(seconds: float) -> None:
    end = time.process_time() + seconds
    while time.process_time() < end:
        pass


def test_the_meter_counts_the_cpu_a_group_spent_between_start_and_stop() -> None:
    me = psutil.Process()
    meter = CpuMeter(lambda: {"busy": [me], "none": []})
    _spin(0.05)  # before start: not counted
    meter.start()
    _spin(0.2)
    spent = meter.stop()

    assert 0.18 <= spent["busy"] < 0.4
    assert spent["none"] == 0.0


def test_a_process_started_during_the_load_counts_from_zero() -> None:
    me = psutil.Process()
    groups: dict[str, list[psutil.Process]] = {"late": []}
    meter = CpuMeter(lambda: groups)
    meter.start()
    groups["late"] = [me]
    spent = meter.stop()

    assert spent["late"] >= me.cpu_times().user * 0.99 - 0.01


def test_the_servers_children_are_grouped_by_role_and_this_process_is_the_client() -> None:
    sleep = [sys.executable, "-c", "import time; time.sleep(60)"]
    projector = subprocess.Popen([*sleep, "interfaces.cli", "project"])
    front_end = subprocess.Popen([*sleep, "interfaces.front_end", "3"])
    try:
        groups = server_groups(os.getpid(), "no_such_database")
    finally:
        for child in (projector, front_end):
            child.kill()
            child.wait()

    pids = {name: {p.pid for p in group} for name, group in groups.items()}
    assert projector.pid in pids["projector"]
    assert projector.pid not in pids["front-end"]
    assert {os.getpid(), front_end.pid} <= pids["front-end"]
    assert pids["client"] == {os.getpid()}
    assert pids["PostgreSQL"] == set()


def test_cpu_figures_are_per_order_and_the_server_total_leaves_out_the_client() -> None:
    load = Load(requests=1000, seconds=2.0, latencies_ms=[], failures=0)
    spent = {"front-end": 1.0, "projector": 0.5, "PostgreSQL": 0.25, "client": 2.0}

    figures = {f.name: f.value for f in cpu_figures(spent, load)}

    assert figures["front-end CPU per order"] == 1000.0
    assert figures["client CPU per order"] == 2000.0
    assert figures["server CPU per order (all but the client)"] == 1750.0

"""The server bench's CPU accounting: time per process group over a load, per order."""

from __future__ import annotations

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


def test_this_process_is_the_client_and_not_a_part_of_the_server() -> None:
    groups = server_groups(psutil.Process().pid, "no_such_database")

    assert groups["client"][0].pid == psutil.Process().pid
    assert groups["PostgreSQL"] == []
    assert [p.pid for p in groups["front-end"]] == [psutil.Process().pid]


def test_cpu_figures_are_per_order_and_the_server_total_leaves_out_the_client() -> None:
    load = Load(requests=1000, seconds=2.0, latencies_ms=[], failures=0)
    spent = {"front-end": 1.0, "projector": 0.5, "PostgreSQL": 0.25, "client": 2.0}

    figures = {f.name: f.value for f in cpu_figures(spent, load)}

    assert figures["front-end CPU per order"] == 1000.0
    assert figures["client CPU per order"] == 2000.0
    assert figures["server CPU per order (all but the client)"] == 1750.0

"""CPU time a measured server spends, per process group, while a load runs.

Throughput on a shared 2-core machine follows whatever else runs on it; the CPU time each
part of the server spends per request does much less. The groups: the HTTP front-ends
(`oms serve` and its `interfaces.front_end` children), the projector child, the
PostgreSQL backends serving the section's database (found by their process title, so
only for a database on this machine) and the load generator (this process).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

import psutil

Groups = dict[str, list[psutil.Process]]


def server_groups(pid: int, database: str) -> Groups:
    """The processes of `oms serve` `pid` by role, the backends of `database`, and this one."""
    root = psutil.Process(pid)
    groups: Groups = {"front-end": [root], "projector": [], "PostgreSQL": [], "client": []}
    for child in root.children(recursive=True):
        command = " ".join(_cmdline(child))
        groups["projector" if " project" in command else "front-end"].append(child)
    groups["PostgreSQL"] = [p for p in psutil.process_iter() if _serves(p, database)]
    groups["client"] = [psutil.Process()]
    return groups


@dataclass
class CpuMeter:
    """CPU seconds (user + system) per group between `start` and `stop`. A backend that
    appears meanwhile (a pool opening a connection) counts from zero."""

    find: Callable[[], Groups]
    _before: dict[int, float] = field(default_factory=dict)

    def start(self) -> None:
        found = ((p.pid, _cpu(p)) for group in self.find().values() for p in group)
        self._before = {pid: cpu for pid, cpu in found if cpu is not None}

    def stop(self) -> dict[str, float]:
        groups = self.find()
        spent = dict.fromkeys(groups, 0.0)
        for name, group in groups.items():
            for process in group:
                now = _cpu(process)
                if now is not None:  # a process gone meanwhile: its time cannot be read
                    spent[name] += now - self._before.get(process.pid, 0.0)
        return spent


def _cpu(process: psutil.Process) -> float | None:
    try:
        times = process.cpu_times()
    except psutil.Error:
        return None
    return float(times.user + times.system)


def _cmdline(process: psutil.Process) -> list[str]:
    try:
        return list(process.cmdline())
    except psutil.Error:
        return []


def _serves(process: psutil.Process, database: str) -> bool:
    """A PostgreSQL backend (title `postgres: user database …`) of `database`."""
    title = _cmdline(process)
    words = " ".join(title).split()
    return len(words) >= 3 and words[0] == "postgres:" and words[2] == database

"""`oms serve`: HTTP front-ends and a projector process over one database.

Topology (documented in docs/performance.md):
- this process resolves the database (starting the embedded PostgreSQL if needed), binds
  the listening socket, and serves HTTP on it itself (front-end 0);
- `workers - 1` more front-ends run as child processes accepting on the same socket; every
  front-end has its own OMS (its own writer and caches): commands in different front-ends
  on the same aggregates meet as optimistic conflicts in the database and are retried as
  between any two OMS processes, so correctness never depends on which front-end a request
  reaches;
- one projector child (`oms project`) keeps the read models current (with
  `--no-projector`, `OMS_PROJECTIONS_IN_PROCESS` decides: in each front-end, or elsewhere);
  the front-ends read them and wait for read-your-writes through the read models' NOTIFY
  channel, and `/ready` is 503 while no projector is connected (`OMS_REQUIRE_PROJECTOR`).
Children that die are restarted (see `children`); all of them stop with this process.
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass

import uvicorn

from application.settings import Settings
from interfaces.children import Child, Supervisor
from interfaces.front_end import serve_on
from projections.status import PROJECTOR_APPLICATION


@dataclass(frozen=True)
class Topology:
    workers: int = 1  # HTTP front-end processes, this one included
    projector: bool = True  # start a projector process (else OMS_PROJECTIONS_IN_PROCESS)


def front_end_settings(settings: Settings, database_url: str, topology: Topology) -> Settings:
    """The settings of every front-end: this database, and no read models in process when
    a projector keeps them."""
    update: dict[str, object] = {"database_url": database_url}
    if topology.projector:
        update |= {"projections_in_process": False, "require_projector": True}
    return settings.model_copy(update=update)


def children(settings: Settings, topology: Topology, fd: int) -> list[Child]:
    """The projector and the front-ends beyond this process, with their environments."""
    env = dict(os.environ) | {
        "DATABASE_URL": settings.database_url or "",
        "OMS_PROJECTIONS_IN_PROCESS": str(settings.projections_in_process).lower(),
        "OMS_REQUIRE_PROJECTOR": str(settings.require_projector).lower(),
    }
    found = [
        Child(
            f"front-end {n}",
            [sys.executable, "-m", "interfaces.front_end", str(fd)],
            env | {"PGAPPNAME": f"oms-front-end-{n}"},
            pass_fds=(fd,),
        )
        for n in range(1, topology.workers)
    ]
    if topology.projector:
        command = [sys.executable, "-m", "interfaces.cli", "project"]
        found.insert(0, Child("projector", command, env | {"PGAPPNAME": PROJECTOR_APPLICATION}))
    return found


def run(settings: Settings, database_url: str, topology: Topology) -> None:
    """Serve until SIGINT or SIGTERM; the children are stopped before this returns."""
    settings = front_end_settings(settings, database_url, topology)
    sock = uvicorn.Config("", host=settings.host, port=settings.port).bind_socket()
    supervisor = Supervisor(children(settings, topology, sock.fileno()))
    supervisor.start()
    try:
        serve_on(settings, sock)
    finally:
        supervisor.stop()
        sock.close()

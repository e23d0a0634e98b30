"""Who may connect to the embedded PostgreSQL (`pgserver`), and over what.

pgserver runs `initdb --auth=trust` and starts the server with `-h ""` (Unix socket only).
Here the access rules are rewritten so that TCP never trusts anyone: the socket keeps
`trust` (it lives in the data directory, or a private runtime directory), except for
`oms_bi`, which always needs its password, and TCP on loopback accepts SCRAM-SHA-256
passwords only (the `postgres` superuser has none, so it cannot log in over TCP at all).
With `OMS_BI_PORT` set, the server is restarted listening on 127.0.0.1 at that port.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

import psycopg

log = logging.getLogger(__name__)

LOOPBACK = "127.0.0.1"
HBA = """\
# Written by the OMS (src/interfaces/embedded_access.py); rewritten at every start.
# TYPE  DATABASE  USER    ADDRESS         METHOD
local   all       oms_bi                  scram-sha-256
local   all       all                     trust
host    all       all     127.0.0.1/32    scram-sha-256
host    all       all     ::1/128         scram-sha-256
"""


def restrict(server: Any) -> None:
    """Install the access rules above, reloading the server's configuration if they changed."""
    hba = Path(server.pgdata) / "pg_hba.conf"
    if hba.read_text() == HBA:
        return
    hba.write_text(HBA)  # in place: the file keeps its owner (the server's system user)
    with psycopg.connect(uri(server), autocommit=True) as conn:
        conn.execute("SELECT pg_reload_conf()")


def listen_on_loopback(server: Any, port: int) -> None:
    """Restart the server listening on 127.0.0.1:`port` too, unless it does already."""
    from pgserver import pg_ctl  # type: ignore[attr-defined]  # made per binary on import
    from pgserver.utils import PostmasterInfo

    info = server.get_postmaster_info()
    if info.hostname == LOOPBACK and info.port == port:
        return
    log.warning("restarting the embedded PostgreSQL to listen on %s:%d", LOOPBACK, port)
    pg_ctl(
        [
            "-w",
            "-m",
            "fast",
            "-o",
            f"-h {LOOPBACK} -p {port} -k {info.socket_dir}",
            "-l",
            str(server.log),
            "restart",
        ],
        pgdata=server.pgdata,
        user=server.system_user,
        timeout=30,
    )
    # pgserver reads postmaster.pid once; the restarted server has a new pid and port.
    server._postmaster_info = PostmasterInfo.read_from_pgdata(server.pgdata)


def uri(server: Any) -> str:
    """The server's socket URI, naming the port (the socket file is named after it)."""
    info = server.get_postmaster_info()
    base = server.get_uri()
    return f"{base}&port={info.port}" if info.port and "?" in base else base

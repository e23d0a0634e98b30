"""An HTTP front-end serving the OMS on a socket it was given (`oms serve --workers N`).

`oms serve` binds the listening socket once and runs one front-end in its own process and
N-1 more as children (`python -m interfaces.front_end FD`), all accepting on that socket;
the kernel spreads connections among them. Each child reads its settings from the
environment `oms serve` gave it.
"""

from __future__ import annotations

import socket
import sys

import uvicorn

from application.settings import Settings
from interfaces.api.app import create_app
from interfaces.api.connections import uvicorn_options


def serve_on(settings: Settings, sock: socket.socket) -> None:
    """Serve the API on `sock` until SIGINT or SIGTERM (graceful shutdown)."""
    config = uvicorn.Config(
        create_app(settings),
        log_level=settings.log_level.lower(),
        access_log=False,  # the API logs each request itself, as structured JSON
        **uvicorn_options(settings),
    )
    uvicorn.Server(config).run(sockets=[sock])


def main() -> None:
    (fd,) = sys.argv[1:]
    serve_on(Settings(), socket.socket(fileno=int(fd)))


if __name__ == "__main__":
    main()

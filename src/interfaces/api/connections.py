"""How `oms serve` runs uvicorn: connection limits that keep the server answering.

uvicorn waits for a request's headers without any time limit, and its `limit_concurrency`
only answers 503 once headers have arrived (to `/health` as well) while the stalled
connections keep their file descriptors. So the protocol here adds, per connection:
- a header deadline: a connection whose request headers are not complete within
  `header_timeout_s` of its start (or of the next request's first byte) is closed;
- a cap per client address and a cap in total: a connection beyond either is closed as
  soon as it is accepted, so stalled connections cannot use up the file descriptors.
One client cannot then starve the others; `/health` keeps answering.
Idle keep-alive connections close after `keep_alive_timeout_s` (uvicorn's own timer).
Each connection writes through a `CoalescingTransport`: an answer leaves in one send.
"""

from __future__ import annotations

import asyncio
from typing import Any, ClassVar

from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol

from application.settings import Settings
from interfaces.api.write_coalescing import CoalescingTransport


class GuardedHttpProtocol(HttpToolsProtocol):
    header_timeout_s: ClassVar[float] = 10.0
    max_connections: ClassVar[int] = 1000
    max_per_client: ClassVar[int] = 100

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.header_deadline: asyncio.TimerHandle | None = None

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        self.coalescing = CoalescingTransport(transport, self.loop)
        super().connection_made(self.coalescing)  # type: ignore[arg-type]
        if self._over_capacity():
            transport.close()
            return
        self._arm_header_deadline()

    def handle_websocket_upgrade(self) -> None:
        # A WebSocket protocol takes over the connection with the socket's own transport.
        self.transport = self.coalescing.unwrapped()
        super().handle_websocket_upgrade()

    def on_message_begin(self) -> None:
        super().on_message_begin()
        self._arm_header_deadline()  # the next request on a kept-alive connection

    def on_headers_complete(self) -> None:
        self._disarm_header_deadline()
        super().on_headers_complete()

    def connection_lost(self, exc: Exception | None) -> None:
        self._disarm_header_deadline()
        super().connection_lost(exc)

    def _over_capacity(self) -> bool:
        if len(self.connections) > self.max_connections:
            return True
        if len(self.connections) <= self.max_per_client or self.client is None:
            return False
        address = self.client[0]
        same = sum(1 for c in self.connections if _address(c) == address)
        return same > self.max_per_client

    def _arm_header_deadline(self) -> None:
        if self.header_deadline is None:
            self.header_deadline = self.loop.call_later(self.header_timeout_s, self._headers_late)

    def _disarm_header_deadline(self) -> None:
        if self.header_deadline is not None:
            self.header_deadline.cancel()
            self.header_deadline = None

    def _headers_late(self) -> None:
        self.header_deadline = None
        if not self.transport.is_closing():
            self.transport.close()


def _address(connection: object) -> str | None:
    client = getattr(connection, "client", None)
    return client[0] if client else None


def uvicorn_options(settings: Settings) -> dict[str, Any]:
    """The uvicorn.run/Config keyword arguments that apply these limits from `settings`."""
    protocol = type(
        "OMSHttpProtocol",
        (GuardedHttpProtocol,),
        {
            "header_timeout_s": settings.header_timeout_s,
            "max_connections": settings.max_connections,
            "max_per_client": settings.max_connections_per_client,
        },
    )
    return {"http": protocol, "timeout_keep_alive": settings.keep_alive_timeout_s}

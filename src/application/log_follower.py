"""Follows the application's event log so this process's view of it stays current.

Aggregates are cached without a database round trip per load. Before each command the
follower reads what was recorded since it last looked (one query) and evicts cached
aggregates that some other writer has moved on; anything it still misses shows up as a
version conflict at save time, which evicts and retries. The same pass feeds the
network index the events sourcing needs.
"""

from __future__ import annotations

from threading import Lock
from typing import TYPE_CHECKING
from uuid import UUID

from application.network import NetworkIndex

if TYPE_CHECKING:
    from application.base import OMSBase


class LogFollower:
    def __init__(self, app: OMSBase, network: NetworkIndex, batch: int = 1000) -> None:
        self._app = app
        self._network = network
        self._batch = batch
        self._lock = Lock()
        self._position = 0

    def catch_up(self) -> None:
        with self._lock:
            while True:
                notifications = self._app.recorder.select_notifications(
                    start=self._position, limit=self._batch, inclusive_of_start=False
                )
                for notification in notifications:
                    self._app.evict_if_older(
                        UUID(str(notification.originator_id)), notification.originator_version
                    )
                    if notification.topic in NetworkIndex.TOPICS:
                        self._network.learn(self._app.mapper.to_domain_event(notification))
                    self._position = notification.id
                if len(notifications) < self._batch:
                    return

"""Each logged event decoded once in a process, however many of its readers want it.

In the projector process the projections, the log follower and the arrival policy each
read the log for their own topics, and an order's events are wanted by several of them
(a placement by two projections and the follower, an allocation by a projection, the
follower and the policy). Decoding (JSON, value types, unsealing) is the costliest part of
reading, so the newest decoded events are kept by log position and handed to whoever asks.
Events are immutable once committed and decoded events are frozen; readers must not
change what they are handed (the domain's handlers copy what they keep).

Unsealed personal data is not kept across an erasure: once the sealer has learned of one,
everything kept is dropped, and later reads decode afresh (reading the erased values).
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Sequence
from threading import Lock
from typing import Any

from eventsourcing.persistence import Mapper, Notification

from application.personal_data import PersonalMapper

# A few seconds of the log under load, while its readers are at most a batch apart.
DEFAULT_SIZE = 4096


class DecodedEvents:
    def __init__(self, mapper: Mapper[Any], size: int = DEFAULT_SIZE) -> None:
        self.mapper, self.size = mapper, size
        sealer = mapper.sealer if isinstance(mapper, PersonalMapper) else None
        self._sealer = sealer
        self._erasures = sealer.erasures if sealer is not None else 0
        self._kept: OrderedDict[int, Any] = OrderedDict()
        # Held while decoding: a reader asking for events another is decoding waits for
        # them rather than decode them too.
        self._lock = Lock()

    def of(self, notifications: Sequence[Notification]) -> list[Any]:
        """The domain events of `notifications`, in their order."""
        with self._lock:
            self._drop_if_erased()
            kept = self._kept
            found = {n.id: e for n in notifications if (e := kept.get(n.id)) is not None}
            missing = [n for n in notifications if n.id not in found]
            if missing:
                for notification, event in zip(missing, self._decode(missing), strict=True):
                    found[notification.id] = kept[notification.id] = event
                while len(kept) > self.size:
                    kept.popitem(last=False)
            return [found[n.id] for n in notifications]

    def _decode(self, notifications: Sequence[Notification]) -> list[Any]:
        if isinstance(self.mapper, PersonalMapper):
            return self.mapper.to_domain_events(notifications)
        return [self.mapper.to_domain_event(n) for n in notifications]

    def _drop_if_erased(self) -> None:
        if self._sealer is not None and self._sealer.erasures != self._erasures:
            self._erasures = self._sealer.erasures
            self._kept.clear()

"""A mapper counting the logged events it decodes, for tests of how often events are decoded."""

from __future__ import annotations

from collections import Counter
from typing import Any

from eventsourcing.persistence import Notification

from application.personal_data import PersonalMapper


class CountingMapper(PersonalMapper):
    """The application's mapper, counting the events it decodes by log position."""

    def __init__(self, mapper: PersonalMapper) -> None:
        super().__init__(mapper.transcoder, mapper.compressor, mapper.cipher)
        self.sealer = mapper.sealer
        self.decoded: Counter[int] = Counter()

    def to_domain_event(self, stored: Any) -> Any:
        if isinstance(stored, Notification):
            self.decoded[stored.id] += 1
        return super().to_domain_event(stored)

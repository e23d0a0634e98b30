"""Idempotency records: the first result of a keyed request, saved with its effects."""

from __future__ import annotations

from typing import Any
from uuid import UUID, uuid5

from eventsourcing.domain import Aggregate

from domain.values import NAMESPACE


def record_id(key: str) -> UUID:
    return uuid5(NAMESPACE, f"idempotency:{key}")


class IdempotencyRecord(Aggregate):
    """Saved in the same transaction as the command it answers, so both or neither exist."""

    TOPIC = "oms:IdempotencyRecord"

    class Event(Aggregate.Event):
        TOPIC = "oms:IdempotencyRecord.Event"

    class Created(Event, Aggregate.Created):
        TOPIC = "oms:IdempotencyRecord.Created"
        key: str
        fingerprint: str
        result: dict[str, Any]

    class Completed(Event):
        """The log position of the command's last event, known only after the save."""

        TOPIC = "oms:IdempotencyRecord.Completed"
        position: int

        def apply(self, record: IdempotencyRecord) -> None:
            record.position = self.position

    def __init__(self, key: str, fingerprint: str, result: dict[str, Any]) -> None:
        self.key = key
        self.fingerprint = fingerprint
        self.result = result
        self.position: int | None = None

    @classmethod
    def start(cls, key: str, fingerprint: str, result: dict[str, Any]) -> IdempotencyRecord:
        return cls._create(
            cls.Created, id=record_id(key), key=key, fingerprint=fingerprint, result=result
        )

    def complete(self, position: int) -> None:
        self.trigger_event(self.Completed, position=position)

"""Idempotency records: the first result of a keyed request, saved with its effects.

A record is saved in the same transaction as the command it answers, after the command's
events, so both or neither exist, and the record's own log position is at or after every
event of its command: that position is the answer's `position`, read back with the record
(records saved before the writer carried it in a second event, `Completed`).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any
from uuid import UUID

from eventsourcing.domain import Aggregate
from eventsourcing.persistence import ApplicationRecorder, StoredEvent
from eventsourcing.popo import POPOApplicationRecorder

from application import memory
from application.persistence import Recorder
from domain.errors import NotAllowed
from domain.values import NAMESPACE, name_id

if TYPE_CHECKING:
    from application.base import OMSBase
    from application.command import Command


def record_id(key: str) -> UUID:
    return name_id(NAMESPACE, f"idempotency:{key}")  # uuid5's value, made faster


class IdempotencyRecord(Aggregate):
    """The first answer to a keyed request and a fingerprint of that request."""

    TOPIC = "oms:IdempotencyRecord"

    class Event(Aggregate.Event):
        TOPIC = "oms:IdempotencyRecord.Event"

    class Created(Event, Aggregate.Created):
        TOPIC = "oms:IdempotencyRecord.Created"
        key: str
        fingerprint: str
        result: dict[str, Any]

    class Completed(Event):
        """The log position of the command's last event (records saved before the writer)."""

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

    def answer(self, command: Command) -> dict[str, Any]:
        """The first answer again, for the same request; a different one is refused."""
        if not command.same_request(self.fingerprint):
            raise NotAllowed(
                f"Idempotency-Key {self.key!r} was already used for a different request"
            )
        return {**self.result, "position": self.position}


@dataclass
class KeyLookup:
    """The records of many keys, read in one query."""

    app: OMSBase

    def records(self, keys: Iterable[str]) -> dict[str, IdempotencyRecord]:
        ids = {record_id(key): key for key in keys}
        if not ids:
            return {}
        rows = sorted(
            _select_positioned(self.app.recorder, list(ids)),
            key=lambda row: (str(row[1].originator_id), row[1].originator_version),
        )
        found: dict[str, IdempotencyRecord] = {}
        for position, stored in rows:
            key = ids[UUID(str(stored.originator_id))]
            event: Any = self.app.mapper.to_domain_event(stored)
            record = event.mutate(found.get(key))
            assert isinstance(record, IdempotencyRecord)
            if record.position is None:
                record.position = position  # its Created event: the new way
            found[key] = record
        return found


def _select_positioned(
    recorder: ApplicationRecorder, ids: list[UUID]
) -> list[tuple[int, StoredEvent]]:
    if isinstance(recorder, POPOApplicationRecorder):
        return memory.select_positioned(recorder, ids)
    assert isinstance(recorder, Recorder), "the OMS stores events with application.persistence"
    return recorder.select_positioned(ids)

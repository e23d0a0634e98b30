"""Events as an earlier release stored them (`tests/fixtures/events_before_typed_payloads.json`)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any
from uuid import UUID

from eventsourcing.persistence import Recorder, StoredEvent

FIXTURE = Path(__file__).parent.parent / "fixtures" / "events_before_typed_payloads.json"


def recorded() -> dict[str, Any]:
    """The stored events and, per order, its history as that release showed it."""
    document: dict[str, Any] = json.loads(FIXTURE.read_text())
    return document


def stored_events(document: dict[str, Any]) -> list[StoredEvent]:
    return [
        StoredEvent(
            originator_id=UUID(e["originator_id"]),
            originator_version=e["originator_version"],
            topic=e["topic"],
            state=json.dumps(e["state"], separators=(",", ":")).encode(),
        )
        for e in document["events"]
    ]


def load_into(recorder: Recorder, document: dict[str, Any]) -> None:
    """Write the old events into an empty event store, in their original order."""
    recorder.insert_events(stored_events(document))


def order_with(document: dict[str, Any], topic: str, **fields: Any) -> UUID:
    """The fixture's order that has an event of this topic (with these fields)."""
    return next(
        UUID(e["originator_id"])
        for e in document["events"]
        if e["topic"] == topic and all(e["state"].get(k) == v for k, v in fields.items())
    )

from __future__ import annotations

from datetime import datetime

import strawberry
from strawberry.scalars import JSON

from application.logged_event import LoggedEvent
from interfaces.graphql.types.event_actor import EventActor


@strawberry.type(description="One stored event of an order or of one of its returns.")
class OrderEvent:
    position: int = strawberry.field(description="The event's position in the log.")
    aggregate_id: strawberry.ID = strawberry.field(
        description="The order's id, or the return's for a return's event."
    )
    aggregate_type: str = strawberry.field(description="Order or Return.")
    version: int = strawberry.field(description="The aggregate's version after this event.")
    type: str = strawberry.field(description="The event type, e.g. Placed, Allocated.")
    at: datetime = strawberry.field(description="When it was stored.")
    actor: EventActor | None = strawberry.field(
        description="Who caused it; null for events stored before actors were recorded."
    )
    command: str | None = strawberry.field(
        description="The command that stored it (null if not stored by a command)."
    )
    data: JSON = strawberry.field(description="The event's own attributes, as stored.")

    @classmethod
    def from_logged(cls, logged: LoggedEvent) -> OrderEvent:
        event, actor = logged.event, logged.actor
        return cls(
            position=logged.position,
            aggregate_id=strawberry.ID(str(event.originator_id)),
            aggregate_type=logged.aggregate_type,
            version=event.originator_version,
            type=type(event).__name__,
            at=event.timestamp,
            actor=EventActor.from_record(actor) if actor else None,
            command=actor.get("command") if actor else None,
            data=JSON(logged.data),
        )

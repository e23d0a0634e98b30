from __future__ import annotations

from typing import Any

import strawberry


@strawberry.type(
    name="Actor",
    description="Who caused an event: the API key's role and name (`dev` in development "
    "mode; `system` or `policy` for work the OMS did on its own) and the request's id.",
)
class EventActor:
    role: str = strawberry.field(description="admin, agent, store, auditor, system, policy or dev.")
    key_name: str = strawberry.field(
        description="The name of the API key (or of the process) that caused it."
    )
    request_id: str | None = strawberry.field(description="The HTTP request it came from, if any.")

    @classmethod
    def from_record(cls, record: dict[str, Any]) -> EventActor:
        """From the actor stored with an event (see `application.actor`)."""
        return cls(
            role=str(record["role"]),
            key_name=str(record["key_name"]),
            request_id=record.get("request_id"),
        )

from __future__ import annotations

from typing import Any

import strawberry


@strawberry.type(
    name="Actor",
    description="Who caused an event: the API key's role and name (`dev` in development "
    "mode; `system` or `policy` for work the OMS did on its own) and the request's id.",
)
class EventActor:
    role: str
    key_name: str
    request_id: str | None

    @classmethod
    def from_record(cls, record: dict[str, Any]) -> EventActor:
        """From the actor stored with an event (see `application.actor`)."""
        return cls(
            role=str(record["role"]),
            key_name=str(record["key_name"]),
            request_id=record.get("request_id"),
        )

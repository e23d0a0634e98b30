from __future__ import annotations

import strawberry


@strawberry.type(description="How far a read model has got through the event log.")
class ProjectionStatus:
    name: str = strawberry.field(description="The read model (projection) name.")
    position: int = strawberry.field(description="The last log position applied.")
    head: int = strawberry.field(description="The newest log position.")
    lag_events: int = strawberry.field(description="head - position (at least 0).")
    error: str | None = strawberry.field(description="The last error if it is failing now.")

    @classmethod
    def from_row(cls, name: str, position: int, head: int, error: str | None) -> ProjectionStatus:
        return cls(
            name=name, position=position, head=head, lag_events=max(0, head - position), error=error
        )

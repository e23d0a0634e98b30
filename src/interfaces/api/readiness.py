"""Whether this service can answer reads: every read model healthy and close to the head."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from projections.status import ProjectionStatus


@dataclass(frozen=True)
class Readiness:
    head: int
    projections: Sequence[ProjectionStatus]
    max_lag: int  # positions behind the head a read model may be (OMS_READY_MAX_LAG)
    # False when OMS_REQUIRE_PROJECTOR is set and no projector process is connected.
    projector_connected: bool = True

    @property
    def problems(self) -> list[str]:
        """Why the service is not ready, one sentence per read model; empty when ready."""
        found = []
        if not self.projector_connected:
            found.append("no projector process is running: the read models are not kept current")
        for s in self.projections:
            if s.error is not None:
                found.append(f"read model {s.name} is failing")
            elif s.lag > self.max_lag:
                found.append(f"read model {s.name} is {s.lag:,} positions behind the log head")
        return found

    @property
    def ready(self) -> bool:
        return not self.problems

    def details(self) -> dict[str, Any]:
        """What authenticated callers see: the head and each read model's state."""
        return {
            "head": self.head,
            "max_lag": self.max_lag,
            "projections": [
                {
                    "name": s.name,
                    "position": s.position,
                    "lag": s.lag,
                    "error": s.error,
                    "failed_at": s.failed_at.isoformat() if s.failed_at else None,
                }
                for s in self.projections
            ],
        }

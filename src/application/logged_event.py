"""A stored event as auditors read it: its position, aggregate, actor, command and data."""

from __future__ import annotations

from dataclasses import MISSING, Field, dataclass, fields, is_dataclass
from datetime import date, datetime
from decimal import Decimal
from enum import Enum
from typing import Any
from uuid import UUID

from application.actor import ATTRIBUTE, actor_of

# Attributes every stored event has, shown on their own rather than in `data`.
_ENVELOPE = frozenset(
    {"originator_id", "originator_version", "originator_topic", "timestamp", ATTRIBUTE}
)


@dataclass(frozen=True)
class LoggedEvent:
    """A stored domain event and its position in the application's log."""

    position: int
    event: Any

    @property
    def aggregate_type(self) -> str:
        """The aggregate class the event belongs to (`Order`, `Return`, `NodeStock`…)."""
        return type(self.event).__qualname__.split(".")[0]

    @property
    def actor(self) -> dict[str, Any] | None:
        return actor_of(self.event)

    @property
    def data(self) -> dict[str, Any]:
        """The event's own attributes, JSON-ready."""
        return {k: plain(v) for k, v in sorted(vars(self.event).items()) if k not in _ENVELOPE}

    def record(self) -> dict[str, Any]:
        """Everything about the event, JSON-ready."""
        event = self.event
        return {
            "position": self.position,
            "aggregate_id": str(event.originator_id),
            "aggregate_type": self.aggregate_type,
            "version": event.originator_version,
            "type": type(event).__name__,
            "at": event.timestamp.isoformat(),
            "actor": self.actor,
            "data": self.data,
        }


def plain(value: Any) -> Any:
    """The value as JSON holds it: ids, amounts and times as strings, values as objects."""
    if is_dataclass(value) and not isinstance(value, type):
        return {f.name: plain(getattr(value, f.name)) for f in fields(value) if _shown(value, f)}
    if isinstance(value, dict):
        return {str(k): plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple | set | frozenset):
        return [plain(v) for v in value]
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, Enum):
        return plain(value.value)
    if isinstance(value, UUID | Decimal):
        return str(value)
    return value


def _shown(value: Any, f: Field[Any]) -> bool:
    """A field marked "shown if set" is left out while it holds its default."""
    if f.metadata.get("shown") != "if set":
        return True
    default = f.default_factory() if f.default_factory is not MISSING else f.default
    return bool(getattr(value, f.name) != default)

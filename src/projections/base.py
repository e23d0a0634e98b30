"""What every read model provides, and the events it is handed."""

from __future__ import annotations

import hashlib
from abc import ABC, abstractmethod
from collections.abc import Sequence
from dataclasses import dataclass
from importlib import resources
from typing import Any

from eventsourcing.domain import Aggregate
from psycopg import Cursor

from projections.parts import Part


@dataclass(frozen=True)
class Envelope:
    """One domain event and its position (notification id) in the application's log."""

    position: int
    event: Any  # a domain event of one of the projection's topics


class Projection(ABC):
    """A read model kept in its own PostgreSQL schema, named after the projection.

    `apply` runs inside the batch transaction with `search_path` set to the schema being
    written (the live one, or its shadow during a rebuild), so it uses unqualified table
    names. It must load what it needs in bulk and write back in bulk, and must depend on
    nothing but the events and its own rows, so a rebuild gives the same rows as live.
    """

    name: str
    topics: tuple[str, ...]
    # When the fold can be split into parts (see `split`): the topics every part is handed;
    # each other event goes to the part holding its aggregate.
    shared_topics: tuple[str, ...] = ()
    # Roughly how costly refolding the whole log is, relative to the others (measured on
    # the bench's log): `oms audit verify` starts the costliest folds first.
    refold_cost: float = 1.0

    def ddl(self) -> str:
        """The SQL creating this projection's tables (unqualified) and its tracking row."""
        sql_files = resources.files("projections").joinpath("sql")
        own = sql_files.joinpath(f"{self.name}.sql").read_text()
        return sql_files.joinpath("tracking.sql").read_text() + "\n" + own

    def fingerprint(self) -> str:
        """Names this version of the tables: a schema built from other DDL must be rebuilt."""
        return hashlib.sha256(self.ddl().encode()).hexdigest()[:16]

    def split(self, part: Part) -> Projection | None:
        """This fold restricted to the rows of `part` (`projections.parts`), or None when
        the read model's rows do not divide by aggregate and it is folded whole."""
        return None

    @abstractmethod
    def apply(self, cur: Cursor[Any], envelopes: Sequence[Envelope]) -> None:
        """Apply the events, oldest first, to the rows in the current schema."""


def event_topics(*aggregates: type[Aggregate]) -> tuple[str, ...]:
    """The pinned topics of every event class nested in the given aggregate classes.

    An event defined in a concept's module and named in the aggregate class (see
    `domain.order`) is redefined there; its topic is the one that module's class pins.
    """
    topics = []
    for aggregate in aggregates:
        for value in vars(aggregate).values():
            if isinstance(value, type) and issubclass(value, Aggregate.Event):
                topic = getattr(value, "TOPIC", None)
                if topic and value.__name__ != "Event":
                    topics.append(topic)
    return tuple(sorted(topics))

"""The auditors' reads that combine the event store with the read models' folds."""

from __future__ import annotations

from datetime import datetime
from uuid import UUID

from application.audit import AuditLog, utc
from projections.base import Envelope
from projections.order_as_of import OrderRows, order_rows


def order_as_of(audit: AuditLog, order_id: UUID, at: datetime) -> OrderRows | None:
    """The order (and its returns) folded from the events stored up to `at`; None before."""
    at = utc(at)
    return order_rows(
        [
            Envelope(e.position, e.event)
            for e in audit.order_history(order_id)
            if e.event.timestamp <= at
        ]
    )

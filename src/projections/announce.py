"""Telling readers that a read model moved on: NOTIFY on one channel as a batch commits.

The payload is `<projection name>:<position>`. The notification goes out with the batch's
transaction, so a reader woken by it sees the new rows. Readers (GraphQL subscriptions,
read-your-writes waits) still look again now and then without one: a notification can be
missed while their connection is down.
"""

from __future__ import annotations

CHANNEL = "oms_read_models"


def announcing(projection: str, position: int) -> tuple[str, str]:
    """The channel and payload telling that `projection` stands at `position`; queued with
    the batch's move (`schemas.set_position`), PostgreSQL sends it when that commits."""
    return CHANNEL, f"{projection}:{position}"

"""A large save (one that psycopg's pipeline would hang on) is stored whole, or not at all."""

import psycopg
import pytest
from eventsourcing.persistence import IntegrityError

from application.oms import OMS
from application.persistence import Recorder
from domain.node_stock import NodeStock


def large_batch(prefix: str, records: int = 600) -> list[NodeStock]:
    stocks = [NodeStock.open("DC-1", f"{prefix}-{n:05d}") for n in range(records)]
    for stock in stocks:
        for _ in range(4):
            stock.receive(1, "x" * 40)
    return stocks


def stored(connection: psycopg.Connection) -> int:
    row = connection.execute("SELECT count(*) FROM oms_events").fetchone()
    assert row is not None
    return int(row[0])


def test_a_large_save_records_every_event_in_log_order(
    oms: OMS, connection: psycopg.Connection
) -> None:
    assert isinstance(oms.recorder, Recorder)
    stocks = large_batch("BIG")
    pending = [event for stock in stocks for event in stock.pending_events]
    assert sum(len(oms.mapper.to_stored_event(e).state) for e in pending) > 64 * 1024

    recordings = oms.save(*stocks)

    ids = [r.notification.id for r in recordings]
    assert len(ids) == len(pending) == stored(connection)
    assert ids == list(range(ids[0], ids[0] + len(ids)))
    assert oms.stock("DC-1", "BIG-00599").on_hand == 4


def test_a_large_save_that_conflicts_records_nothing(
    oms: OMS, connection: psycopg.Connection
) -> None:
    stocks = large_batch("DUP")
    oms.save(stocks[-1])
    before = stored(connection)
    stale = NodeStock.open("DC-1", "DUP-00599")  # version 1 again: taken already
    with pytest.raises(IntegrityError):
        oms.save(*stocks[:-1], stale)
    assert stored(connection) == before

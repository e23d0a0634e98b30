"""A read model folded in parts (one process each in `oms audit verify`) gives the same rows
as one fold of the whole log, erasures included."""

from __future__ import annotations

from decimal import Decimal
from typing import Any
from uuid import UUID

import pytest
from psycopg_pool import ConnectionPool

from application import commands as c
from application.oms import OMS
from projections import ProjectionRunner, all_projections, erasure, schemas
from projections.base import Projection
from projections.model_check import fold_into_scratch, scratch_name
from projections.parts import Part, all_parts
from projections.source import EventLog
from tests.integration.projections.conftest import snapshot
from tests.integration.projections.workload import ADDRESS, Workload

PARTS = 3
SPLIT = [p for p in all_projections() if p.split(Part(0, PARTS)) is not None]


def place_for(oms: OMS, customer: str) -> UUID:
    answer = oms.place_order(
        c.PlaceOrder(
            channel="WEB",
            delivery={"method": "SHIP", "address": ADDRESS},
            lines=[{"sku": "TEE", "quantity": 1, "unit_price": Decimal("5.00")}],
            customer={"id": customer, "name": "Ada", "email": "ada@example.com"},
        )
    )
    return UUID(answer["order_id"])


def orders_in_every_part(oms: OMS, customer: str) -> list[UUID]:
    """Orders of `customer` until each part holds at least one."""
    placed: list[UUID] = []
    while not all(any(p.holds(o) for o in placed) for p in all_parts(PARTS)):
        assert len(placed) < 60, "order ids should spread over the parts"
        placed.append(place_for(oms, customer))
    return placed


def folded(
    pool: ConnectionPool, log: EventLog, projection: Projection, parts: list[Part | None]
) -> dict[str, list[tuple[Any, ...]]]:
    """The scratch schema's rows after folding the log into it, part after part."""
    scratch = scratch_name(projection)
    with pool.connection() as conn, conn.transaction(), conn.cursor() as cur:
        schemas.recreate(cur, projection, scratch)
        head = schemas.position(cur, projection.name)
    try:
        for part in parts:
            fold_into_scratch(pool, log, projection, head, part=part, batch_size=40)
        rows = snapshot(pool, scratch)
    finally:
        with pool.connection() as conn, conn.transaction(), conn.cursor() as cur:
            schemas.drop(cur, scratch)
    return {name.split(".", 1)[1]: found for name, found in rows.items()}


def test_postgresql_hands_each_part_its_aggregates_events_and_every_shared_one(
    oms: OMS,
) -> None:
    Workload(oms, seed=2).setup()
    orders_in_every_part(oms, "C-1")
    oms.erase_personal_data("C-1")
    stored = oms.recorder.select_notifications(1, 10_000)
    topics = sorted({n.topic for n in stored})
    shared = [erasure.TOPIC]

    for part in all_parts(PARTS):
        chosen = part.select(oms.recorder, 0, oms.head(), 10_000, topics, shared)
        expected = [n for n in stored if n.topic in shared or part.holds(n.originator_id)]
        assert [n.id for n in chosen] == [n.id for n in expected]
        assert chosen == expected
    assert any(n.topic == erasure.TOPIC for n in stored)


def test_a_part_reads_its_events_on_after_a_database_restart_dropped_its_connections(
    oms: OMS, pool: ConnectionPool
) -> None:
    Workload(oms, seed=2).setup()
    place_for(oms, "C-2")
    part, topics = Part(0, 1), [n.topic for n in oms.recorder.select_notifications(1, 100)]
    head = oms.head()
    before = part.select(oms.recorder, 0, head, 100, topics, [])
    with pool.connection() as conn:
        conn.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
            " WHERE datname = current_database() AND pid <> pg_backend_pid()"
        )

    assert part.select(oms.recorder, 0, head, 100, topics, []) == before


def test_order_tracking_and_receivables_fold_in_parts() -> None:
    assert {p.name for p in SPLIT} == {"order_tracking", "receivables"}


@pytest.mark.parametrize("projection", SPLIT, ids=lambda p: p.name)
def test_folding_in_parts_gives_the_rows_of_one_fold_and_of_the_live_model(
    oms: OMS, pool: ConnectionPool, projection: Projection
) -> None:
    workload = Workload(oms, seed=5)
    workload.setup()
    workload.run(60)
    orders_in_every_part(oms, "C-3")
    oms.erase_personal_data("C-3")
    later = orders_in_every_part(oms, "C-3")  # under a new key: not erased
    workload.run(60)
    ProjectionRunner(pool, oms.recorder, oms.mapper).catch_up()
    log = EventLog(oms.recorder, oms.mapper)

    whole = folded(pool, log, projection, [None])
    in_parts = folded(pool, log, projection, list(all_parts(PARTS)))

    assert in_parts == whole
    live = snapshot(pool, projection.name)
    assert {name.split(".", 1)[1]: found for name, found in live.items()} == whole
    names = {o.customer.name for o in map(oms.order, later)}
    assert names == {"Ada"}

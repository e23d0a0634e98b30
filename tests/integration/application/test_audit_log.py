"""Reading the PostgreSQL event store for auditors: history with positions, state as of."""

from __future__ import annotations

import time
from datetime import UTC, datetime
from uuid import UUID

from application.actor import Actor, acting_as
from application.audit import AuditLog
from application.commands import AdjustStock, CreateReturn
from application.oms import OMS
from domain.node_stock import NodeStock
from tests.application.network import Network


def now() -> datetime:
    time.sleep(0.002)  # a clear gap between what came before and after the instant
    instant = datetime.now(UTC)
    time.sleep(0.002)
    return instant


def test_an_orders_history_holds_its_returns_events_in_log_order_with_actors(oms: OMS) -> None:
    network = Network(oms)
    network.stock("DC-NJ", "TEE", 5)
    with acting_as(Actor("agent", "alice", "req-1")):
        answer = network.place({"TEE": 2})
    oid = UUID(answer["order_id"])
    network.deliver(answer)
    with acting_as(Actor("agent", "bob", "req-2")):
        ret = oms.create_return(
            CreateReturn(
                order_id=oid, lines=[{"sku": "TEE", "quantity": 1, "reason": "x"}], method="MAIL"
            )
        )

    history = AuditLog(oms).order_history(oid)

    positions = [e.position for e in history]
    assert positions == sorted(positions)
    assert [e.aggregate_type for e in history].count("Return") == 1
    assert [type(e.event).__name__ for e in history][:2] == ["Placed", "Allocated"]
    assert history[0].actor == {
        "role": "agent",
        "key_name": "alice",
        "request_id": "req-1",
        "command": "place_order",
    }
    [authorized] = [e for e in history if e.aggregate_type == "Return"]
    assert str(authorized.event.originator_id) == ret["return_id"]
    assert authorized.actor is not None
    assert authorized.actor["key_name"] == "bob"
    assert authorized.record()["data"]["order_id"] == str(oid)


def test_an_unknown_order_has_no_history(oms: OMS) -> None:
    assert AuditLog(oms).order_history(UUID(int=7)) == []


def test_a_skus_stock_as_of_an_instant_is_what_each_node_held_then(oms: OMS) -> None:
    network = Network(oms)
    audit = AuditLog(oms)
    before_any = now()
    network.stock("DC-NJ", "MUG", 10)
    after_receipt = now()
    network.place({"MUG": 3})
    network.stock("DC-TX", "MUG", 4)
    after_order = now()
    oms.adjust_stock("DC-NJ", AdjustStock(sku="MUG", delta=-2, reason="broken"))

    assert audit.stock_as_of("MUG", before_any) == []
    [nj] = audit.stock_as_of("MUG", after_receipt)
    assert (nj.stock.node_code, nj.stock.on_hand, nj.stock.reserved) == ("DC-NJ", 10, 0)
    assert nj.node is not None
    assert nj.node.code == "DC-NJ"
    then = {
        s.stock.node_code: (s.stock.on_hand, s.stock.reserved)
        for s in audit.stock_as_of("MUG", after_order)
    }
    assert then == {"DC-NJ": (10, 3), "DC-TX": (4, 0)}
    today = {s.stock.node_code: s.stock.on_hand for s in audit.stock_as_of("MUG", now())}
    assert today == {"DC-NJ": 8, "DC-TX": 4}


def test_as_of_folds_from_a_snapshot_when_the_record_is_long(postgres_env: dict[str, str]) -> None:
    oms = OMS(postgres_env, snapshot_interval=10)
    try:
        Network(oms).stock("DC-NJ", "PEN", 1)
        instants = []
        for _ in range(25):
            Network(oms, register=False).stock("DC-NJ", "PEN", 1)
            instants.append(now())
        audit = AuditLog(oms)

        on_hand = [audit.stock_as_of("PEN", at)[0].stock.on_hand for at in instants]

        assert on_hand == list(range(2, 27))
        assert isinstance(
            audit.as_of(audit.stock_as_of("PEN", instants[0])[0].stock.id, instants[-1]), NodeStock
        )
    finally:
        oms.close()

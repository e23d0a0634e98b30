"""`bi.daily_kpis` against figures computed here from the commands sent."""

from __future__ import annotations

import time
from collections import defaultdict
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from typing import Any
from uuid import UUID

from psycopg.rows import dict_row
from psycopg_pool import ConnectionPool

from application.commands import CancelOrder, CreateReturn
from application.oms import OMS
from projections import ProjectionRunner
from tests.application.network import Network


def units(lines: list[dict[str, Any]]) -> int:
    return sum(int(line["quantity"]) for line in lines)


def test_daily_kpis_equal_figures_computed_from_the_commands_sent(
    oms: OMS, pool: ConnectionPool
) -> None:
    started = time.time()
    today = datetime.now(UTC).date()
    net = Network(oms)
    net.stock("DC-NJ", "A", 10)
    net.known("DC-NJ", "B")
    plans: list[dict[str, Any]] = [
        {
            "channel": "WEB",
            "lines": {"A": 2},
            "requested_date": today + timedelta(days=5),
            "deliver": True,
        },
        {"channel": "WEB", "lines": {"A": 3, "B": 2}},
        {"channel": "WEB", "lines": {"A": 1}, "cancel": True},
        {"channel": "MOBILE", "lines": {"A": 2}, "requested_date": today, "deliver": True},
        {"channel": "MOBILE", "lines": {"A": 1}, "deliver": True, "return": True},
    ]
    expected: dict[str, dict[str, Any]] = defaultdict(lambda: defaultdict(int))
    for plan in plans:
        extra = {"requested_date": plan["requested_date"]} if "requested_date" in plan else {}
        answer = net.place(plan["lines"], channel=plan["channel"], **extra)
        oid = UUID(answer["order_id"])
        kpi = expected[plan["channel"]]
        kpi["orders"] += 1
        kpi["lines"] += len(plan["lines"])
        kpi["units"] += sum(plan["lines"].values())
        kpi["allocated"] += sum(units(s["lines"]) for s in answer["shipments"])
        kpi["backordered_orders"] += bool(answer["backorders"])
        if plan.get("cancel"):
            oms.cancel_order(oid, CancelOrder(reason="changed mind"))
            kpi["cancelled"] += 1
        else:
            kpi["revenue"] += Decimal(10) * sum(plan["lines"].values())
        if plan.get("deliver"):
            net.deliver(answer)
            kpi["delivered_with_date"] += "requested_date" in plan
        if plan.get("return"):
            oms.create_return(
                CreateReturn(
                    order_id=oid,
                    lines=[{"sku": "A", "quantity": 1, "reason": "too small"}],
                    method="MAIL",
                )
            )
            kpi["returned"] += 1
    ProjectionRunner(pool, oms.recorder, oms.mapper).catch_up()
    hours = (time.time() - started) / 3600

    with pool.connection() as conn, conn.cursor(row_factory=dict_row) as cur:
        rows = {r["channel"]: r for r in cur.execute("SELECT * FROM bi.daily_kpis").fetchall()}

    assert set(rows) == {"WEB", "MOBILE"}
    for channel, kpi in expected.items():
        row = rows[channel]
        assert row["day"] == today
        assert (row["orders"], row["lines"], row["units"]) == (
            kpi["orders"],
            kpi["lines"],
            kpi["units"],
        )
        assert row["revenue"] == kpi["revenue"]
        assert row["fill_rate"] == round(Decimal(kpi["allocated"]) / kpi["units"], 4)
        assert row["backorder_rate"] == round(Decimal(kpi["backordered_orders"]) / kpi["orders"], 4)
        assert row["cancel_rate"] == round(Decimal(kpi["cancelled"]) / kpi["orders"], 4)
        assert row["return_rate"] == round(Decimal(kpi["returned"]) / kpi["orders"], 4)
        assert row["on_time_rate"] == (1 if kpi["delivered_with_date"] else None)
        assert (
            0 <= row["avg_hours_to_ship"] <= row["avg_hours_to_deliver"] <= round(hours, 2) + 0.01
        )


def test_bi_shipments_name_each_shipments_type_and_a_transfers_nodes(
    oms: OMS, pool: ConnectionPool
) -> None:
    net = Network(oms)
    net.stock("DC-NJ", "T", 5)
    net.stock("STORE-NYC", "P", 5)
    shipped = net.place({"T": 1})
    transferred = net.place({"T": 2}, pickup="STORE-NYC")
    picked_up = net.place({"P": 1}, pickup="STORE-NYC")
    ProjectionRunner(pool, oms.recorder, oms.mapper).catch_up()
    wanted = [UUID(a["order_id"]) for a in (shipped, transferred, picked_up)]

    with pool.connection() as conn, conn.cursor() as cur:
        found = cur.execute(
            "SELECT order_id, node_code, shipment_type, transfer_from, transfer_to, units"
            " FROM bi.shipments WHERE order_id = ANY(%s)",
            (wanted,),
        ).fetchall()

    rows = {oid: rest for oid, *rest in found}
    assert [rows[oid] for oid in wanted] == [
        ["DC-NJ", "SHIP", None, None, 1],
        ["DC-NJ", "TRANSFER", "DC-NJ", "STORE-NYC", 2],
        ["STORE-NYC", "PICKUP", None, None, 1],
    ]

"""Erasing a customer's personal data, as an admin and an auditor see it afterwards.

After `DELETE /customers/{id}/personal-data`, a dump of the whole database, every GraphQL
field, the order's history (GraphQL and `oms audit history`), every BI view and every
export hold none of the customer's name, email, address strings or coordinates; the
history still lists every event, and `oms audit verify` still passes.
"""

from __future__ import annotations

import json
import subprocess
import uuid
from pathlib import Path
from typing import Any

import pgserver  # type: ignore[import-untyped]
import psycopg
from typer.testing import CliRunner

from interfaces.cli import app
from projections import bi
from tests.e2e.graphql_server import Live, live
from tests.e2e.helpers import fulfil, ok, order_body, problem, receive, register, unique

__all__ = ["live"]

ORDER = """
query($id: ID!) {
  order(id: $id) {
    id status total
    customer { id name email phone }
    delivery { method address { line1 city postalCode region country lat lon } }
    lines { sku quantity } shipments { status } timeline { type detail }
  }
}
"""
HISTORY = "query($id: ID!) { orderHistory(id: $id) { position type data } }"
CUSTOMER = "query($id: ID!) { customer(id: $id) { hasAccount name email phone balance } }"
PG_DUMP = Path(pgserver.__file__).parent / "pginstall" / "bin" / "pg_dump"


def a_customer() -> tuple[str, dict[str, Any], dict[str, Any]]:
    """A customer id, their details and address, with strings found nowhere else."""
    tag = uuid.uuid4().hex[:10]
    customer = {
        "id": unique("CUST"),
        "name": f"Zebulon Quibble{tag}",
        "email": f"zq{tag}@example.test",
        "phone": f"+31 6 {int(tag[:6], 16) % 10**8:08d}",
    }
    address = {
        "line1": f"77 Quixotic Lane {tag}",
        "city": f"Xanadu{tag}",
        "postal_code": f"Q{tag[:8]}",
        "region": f"Erewhon{tag}",
        "country": "NL",
        # Coordinates of their own (sourcing keeps them to about a kilometre only).
        "lat": float(f"52.3{int(tag[:4], 16):05d}7"),
        "lon": float(f"4.8{int(tag[4:8], 16):05d}3"),
    }
    return customer["id"], customer, address


def secrets(customer: dict[str, Any], *addresses: dict[str, Any]) -> list[str]:
    fields = ("line1", "city", "postal_code", "region", "lat", "lon")
    phone = customer["phone"].replace(" ", "")
    personal = [customer["name"], customer["email"], phone, phone[3:]]
    return [*personal, *(str(a[f]) for a in addresses for f in fields)]


def found_in(text: str, strings: list[str]) -> list[str]:
    return [s for s in strings if s in text]


def dump(database_url: str) -> str:
    done = subprocess.run(
        [str(PG_DUMP), "--dbname", database_url, "--no-owner"],
        capture_output=True,
        check=True,
        timeout=120,
    )
    return done.stdout.decode()


def event_table(database_url: str) -> str:
    with psycopg.connect(database_url) as conn:
        return repr(conn.execute("SELECT state FROM oms_events").fetchall())


def bi_views(database_url: str) -> str:
    with psycopg.connect(database_url) as conn:
        return "\n".join(
            repr(conn.execute(f"SELECT * FROM bi.{view}".encode()).fetchall()) for view in bi.VIEWS
        )


def exports(database_url: str, folder: Path) -> str:
    texts = []
    for view in bi.VIEWS:
        out = folder / f"{view}.csv"
        done = CliRunner().invoke(
            app, ["export", view, "--out", str(out)], env={"DATABASE_URL": database_url}
        )
        assert done.exit_code == 0, done.output
        texts.append(out.read_text())
    return "\n".join(texts)


def test_after_erasure_no_dump_read_view_export_or_history_holds_the_customers_strings(
    live: Live, module_database_url: str, tmp_path: Path
) -> None:
    rest, dc, sku = live.rest, unique("DC"), unique("SKU")
    register(rest, dc)
    receive(rest, dc, sku, 20)
    cid, customer, first = a_customer()
    moved = {**a_customer()[2], "country": "NL"}
    contact = {k: customer[k] for k in ("name", "email", "phone")}
    ok(rest.put(f"/customers/{cid}", json=contact))
    body = order_body({sku: 2}, customer=customer)
    body["delivery"]["address"] = first
    order = ok(rest.post("/orders", json=body), 201)
    oid = order["order_id"]
    moved_order = ok(rest.put(f"/orders/{oid}/address", json=moved))  # re-sourced
    [live_shipment] = [s for s in moved_order["shipments"] if s["status"] == "ALLOCATED"]
    shipped = fulfil(rest, oid, live_shipment["shipment_id"])
    strings = secrets(customer, first, moved)
    before = live.read(HISTORY, {"id": oid}, after=shipped["position"])["orderHistory"]
    seen = live.read(ORDER, {"id": oid}, after=shipped["position"])["order"]
    assert seen["customer"]["name"] == customer["name"]  # readable until erased
    assert seen["customer"]["phone"] == customer["phone"].replace(" ", "")
    assert live.read(CUSTOMER, {"id": cid})["customer"]["phone"] == seen["customer"]["phone"]
    assert found_in(event_table(module_database_url), strings) == []  # sealed in the log

    erased = ok(rest.delete(f"/customers/{cid}/personal-data"))

    after = erased["position"]
    assert erased["keys_destroyed"] >= 1
    read = live.read(ORDER, {"id": oid}, after=after)["order"]
    assert read["customer"] == {"id": cid, "name": "[erased]", "email": "[erased]", "phone": None}
    assert read["delivery"]["address"]["line1"] == "[erased]"
    assert read["delivery"]["address"]["country"] == "NL"
    assert (read["status"], read["total"]) == (seen["status"], seen["total"])
    history = live.read(HISTORY, {"id": oid}, after=after)["orderHistory"]
    assert [e["position"] for e in history] == [e["position"] for e in before]
    account = live.read(CUSTOMER, {"id": cid}, after=after)["customer"]
    cli_history = CliRunner().invoke(
        app, ["audit", "history", oid, "--json"], env={"DATABASE_URL": module_database_url}
    )
    assert cli_history.exit_code == 0, cli_history.output
    texts = {
        "graphql order": json.dumps(read),
        "graphql history": json.dumps(history),
        "graphql customer": json.dumps(account),
        "audit history": cli_history.stdout,
        "bi views": bi_views(module_database_url),
        "exports": exports(module_database_url, tmp_path),
        "pg_dump": dump(module_database_url),
    }
    leaks = {where: found_in(text, strings) for where, text in texts.items()}
    assert {where: found for where, found in leaks.items() if found} == {}
    verify = CliRunner().invoke(
        app, ["audit", "verify", "--json"], env={"DATABASE_URL": module_database_url}
    )
    assert verify.exit_code == 0, verify.output
    assert json.loads(verify.stdout)["ok"] is True


def test_erasing_twice_is_harmless_and_an_unknown_customer_is_404(live: Live) -> None:
    rest, dc, sku = live.rest, unique("DC"), unique("SKU")
    register(rest, dc)
    receive(rest, dc, sku, 5)
    cid, customer, _ = a_customer()
    ok(rest.post("/orders", json=order_body({sku: 1}, customer=customer)), 201)

    first = ok(rest.delete(f"/customers/{cid}/personal-data"))
    again = ok(rest.delete(f"/customers/{cid}/personal-data"))

    assert (again["keys_destroyed"], again["erased_at"]) == (0, first["erased_at"])
    problem(rest.delete(f"/customers/{unique('NOBODY')}/personal-data"), 404)
    problem(rest.delete("/customers/bad id!/personal-data"), 422)


def test_a_phone_number_not_in_e164_is_422_and_stores_nothing(live: Live) -> None:
    cid, customer, _ = a_customer()
    body = {"name": customer["name"], "email": customer["email"], "phone": "020 555 0100"}
    assert "phone" in json.dumps(problem(live.rest.put(f"/customers/{cid}", json=body), 422))
    order = order_body({"SKU-1": 1}, customer={**customer, "phone": "+31 6"})
    assert "phone" in json.dumps(problem(live.rest.post("/orders", json=order), 422))
    assert live.rest.get(f"/customers/{cid}").status_code == 404

"""`oms audit …`: what auditors ask of the event store, as tables or (`--json`) for tools."""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from typing import Annotated, Any, NoReturn
from uuid import UUID

import typer
from rich.console import Console
from rich.table import Table

from application.audit import AuditLog
from application.logged_event import LoggedEvent, plain
from interfaces.audit_reads import order_as_of
from interfaces.cli_settings import load_settings
from interfaces.database import resolve_database_url
from interfaces.wiring import build_oms
from projections.order_as_of import OrderRows

group = typer.Typer(
    no_args_is_help=True, help="Audit the event log: history, state as of, verify, seal."
)

OrderId = Annotated[UUID, typer.Argument(help="The order's id.", show_default=False)]
Json = Annotated[bool, typer.Option("--json", help="Print JSON for tools instead of tables.")]


def register(app: typer.Typer) -> None:
    """Attach the `audit` group to the `oms` command line (`cli_verify` adds to it)."""
    app.add_typer(group, name="audit")


@contextmanager
def opened_audit() -> Iterator[AuditLog]:
    settings = load_settings()
    oms = build_oms(settings, resolve_database_url(settings))
    try:
        yield AuditLog(oms)
    finally:
        oms.close()


@group.command()
def history(order_id: OrderId, as_json: Json = False) -> None:
    """Every stored event of an order and of its returns, oldest first, with its actor."""
    with opened_audit() as audit:
        events = audit.order_history(order_id)
    if not events:
        _fail(f"no events stored for order {order_id}")
    if as_json:
        typer.echo(json.dumps([e.record() for e in events], indent=2))
        return
    Console().print(_history_table(order_id, events))


@group.command("as-of")
def as_of(
    order_id: OrderId,
    at: Annotated[
        datetime,
        typer.Option(
            help="The instant, ISO 8601 (no offset: UTC).",
            formats=[
                "%Y-%m-%dT%H:%M:%S.%f%z",
                "%Y-%m-%dT%H:%M:%S%z",
                "%Y-%m-%dT%H:%M:%S.%f",
                "%Y-%m-%dT%H:%M:%S",
                "%Y-%m-%d",
            ],
        ),
    ],
    as_json: Json = False,
) -> None:
    """The order as it stood at an instant, folded from the events stored up to then."""
    with opened_audit() as audit:
        rows = order_as_of(audit, order_id, at)
    if rows is None:
        _fail(f"order {order_id} was not placed by {at.isoformat()}")
    if as_json:
        typer.echo(json.dumps(_as_json(rows), indent=2))
        return
    _print_order(rows, at)


def _history_table(order_id: UUID, events: list[LoggedEvent]) -> Table:
    table = Table(title=f"history of order {order_id}")
    for column in ("position", "of", "version", "type", "at", "role", "key", "request", "command"):
        table.add_column(column, justify="right" if column in ("position", "version") else "left")
    for e in events:
        actor = e.actor or {}
        table.add_row(
            f"{e.position:,}",
            e.aggregate_type,
            str(e.event.originator_version),
            type(e.event).__name__,
            e.event.timestamp.isoformat(timespec="milliseconds"),
            actor.get("role", "-"),
            actor.get("key_name", "-"),
            actor.get("request_id") or "-",
            actor.get("command") or "-",
        )
    return table


def _print_order(rows: OrderRows, at: datetime) -> None:
    console, order = Console(), rows.order
    console.print(
        f"[bold]order {order['order_id']}[/bold] as of {at.isoformat()}: "
        f"[bold]{order['status']}[/bold]"
        f" (version {order['version']}, channel {order['channel']}, total {order['total']},"
        f" paid {order['paid']}, refunded {order['refunded']})"
    )
    if order["holds"]:
        console.print(
            "holds: " + ", ".join(f"{k} ({v})" for k, v in sorted(order["holds"].items()))
        )
    quantities = (
        "ordered",
        "allocated",
        "shipped",
        "delivered",
        "cancelled",
        "returned",
        "backordered",
    )
    console.print(
        _table(
            "lines",
            ("sku", *quantities),
            ([ln["sku"], *(ln[q] for q in quantities)] for ln in rows.lines),
        )
    )
    carried: dict[Any, list[str]] = {}
    for line in rows.shipment_lines:
        carried.setdefault(line["shipment_id"], []).append(f"{line['sku']}x{line['quantity']}")
    console.print(
        _table(
            "shipments",
            ("shipment", "node", "status", "carrier", "tracking", "lines"),
            (
                [
                    str(s["shipment_id"]),
                    s["node_code"],
                    s["status"],
                    s["carrier"] or "-",
                    s["tracking_number"] or "-",
                    ", ".join(carried.get(s["shipment_id"], [])),
                ]
                for s in rows.shipments
            ),
        )
    )
    if rows.returns:
        console.print(
            _table(
                "returns",
                ("return", "status", "method", "refund"),
                (
                    [str(r["return_id"]), r["status"], r["method"], r["refund_amount"] or "-"]
                    for r in rows.returns
                ),
            )
        )


def _table(title: str, columns: tuple[str, ...], rows: Any) -> Table:
    table = Table(title=title)
    for column in columns:
        table.add_column(column)
    for row in rows:
        table.add_row(*(str(value) for value in row))
    return table


def _as_json(rows: OrderRows) -> dict[str, Any]:
    return plain(
        {
            "order": {k: v for k, v in rows.order.items() if k != "recorded_returns"},
            "lines": rows.lines,
            "shipments": rows.shipments,
            "shipment_lines": rows.shipment_lines,
            "timeline": rows.timeline,
            "sourcing": rows.sourcing,
            "returns": [
                {**r, "lines": rows.return_lines.get(r["return_id"], [])} for r in rows.returns
            ],
        }
    )


def _fail(message: str) -> NoReturn:
    typer.secho(message, fg=typer.colors.RED, err=True)
    raise typer.Exit(code=1)

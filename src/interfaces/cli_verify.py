"""`oms audit verify` and `oms audit seal`: the tamper-evident log, checked and sealed."""

from __future__ import annotations

import json
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from interfaces.cli_audit import group
from interfaces.cli_projections import opened
from interfaces.cli_settings import load_settings
from interfaces.database import resolve_database_url
from interfaces.progress import Bars
from interfaces.verify_workers import ProcessRefolds
from projections import ProjectionRunner, all_projections
from projections.chain import ensure_schema, events_table
from projections.seals import seal as record_seal
from projections.verify import Verification, verify

JsonOption = Annotated[bool, typer.Option("--json", help="Print JSON instead of tables.")]


@group.command("verify")
def verify_command(as_json: JsonOption = False) -> None:
    """Check the hash chain over every stored event and refold every read model.

    Names the first position where a stored event was changed, deleted or inserted,
    and every read-model row that differs from a fresh fold of the log. Exits 1 on any.
    The read models are refolded in worker processes, one per core.
    """
    with opened() as (oms, pool), Bars() as bars:
        projections = all_projections()
        ProjectionRunner(pool, oms.recorder, oms.mapper, projections).setup()
        refolds = ProcessRefolds(oms, resolve_database_url(load_settings()))
        report = verify(pool, oms.recorder, oms.mapper, projections, bars.update, refolds)
    if as_json:
        typer.echo(json.dumps(report.as_json(), indent=2, default=str))
    else:
        _print(report, Console())
    if not report.ok:
        raise typer.Exit(code=1)


@group.command("seal")
def seal_command(as_json: JsonOption = False) -> None:
    """Chain every stored event and record a seal of the chain (position, hash) now."""
    with opened() as (oms, pool), pool.connection() as conn:
        ensure_schema(conn)
        made = record_seal(conn, events_table(oms.recorder))
    if as_json:
        typer.echo(json.dumps(made.as_json(), indent=2))
    else:
        typer.echo(f"sealed #{made.seal_id} at position {made.position:,}: {made.hash.hex()}")


def _print(report: Verification, console: Console) -> None:
    first = report.first_break
    if first is None:
        console.print(
            f"[green]hash chain intact[/green] over {report.chained_to:,} positions "
            f"({report.newly_chained:,} newly chained)"
        )
    else:
        console.print(
            f"[red]hash chain broken: first altered position {first.position:,}[/red] "
            f"({first.detail})"
        )
        table = Table(title="chain breaks")
        for column in ("position", "kind", "detail"):
            table.add_column(column)
        for b in sorted(report.breaks, key=lambda b: b.position):
            table.add_row(f"{b.position:,}", b.kind, b.detail)
        console.print(table)
    for model in report.models:
        if model.error is not None:
            console.print(f"[red]{model.name}: the log no longer folds:[/red] {model.error}")
            continue
        if not model.differences:
            console.print(
                f"[green]{model.name}[/green] equals a fresh fold at position {model.position:,}"
            )
            continue
        console.print(
            f"[red]{model.name}: {len(model.differences)} row(s) differ from a fresh fold "
            f"at position {model.position:,}[/red]"
        )
        for difference in model.differences:
            console.print(
                f"  {difference.describe()}", markup=False, highlight=False, soft_wrap=True
            )

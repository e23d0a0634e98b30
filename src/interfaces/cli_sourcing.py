"""`oms sourcing backtest`: recorded sourcing decisions replayed under another rule set."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Annotated, Any

import typer
from pydantic import ValidationError
from rich.console import Console
from rich.table import Table

from application.backtest import backtest, recorded_decisions
from application.rules_input import ReplaceSourcingRules
from interfaces.cli_settings import load_settings

group = typer.Typer(no_args_is_help=True, help="Sourcing rules: try them against history.")

ROWS = (
    ("decisions", "Decisions replayed"),
    ("shipments_per_order", "Shipments per order"),
    ("split_rate", "Split rate"),
    ("total_distance_km", "Total distance (km)"),
    ("total_ship_cost", "Total ship cost"),
    ("backordered_units", "Backordered units"),
)


def register(app: typer.Typer) -> None:
    app.add_typer(group, name="sourcing")


@group.command("backtest")
def backtest_command(
    rules: Annotated[Path, typer.Option(help="A rule set as JSON (the PUT /sourcing/rules body).")],
    since: Annotated[
        str | None, typer.Option(help="Only decisions on or after this date (YYYY-MM-DD).")
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON instead of a table.")] = False,
) -> None:
    """Replay recorded decisions (their candidates and quantities) under RULES, side by side
    with the rules that decided: shipments per order, split rate, distance, cost, backorders."""
    candidate_rules = _read_rules(rules)
    start = _parse_since(since)
    from interfaces.database import resolve_database_url
    from interfaces.wiring import build_oms

    settings = load_settings()
    oms = build_oms(settings, resolve_database_url(settings))
    try:
        report = backtest(recorded_decisions(oms, start), candidate_rules)
    finally:
        oms.close()
    if as_json:
        typer.echo(json.dumps(report, indent=2))
    else:
        _print(report, rules.name)


def _read_rules(path: Path) -> Any:
    try:
        return ReplaceSourcingRules.model_validate_json(path.read_bytes()).rules()
    except OSError as error:
        raise typer.BadParameter(f"cannot read {path}: {error.strerror}") from None
    except ValidationError as error:
        problems = "; ".join(
            f"{'.'.join(str(p) for p in e['loc'])}: {e['msg']}" for e in error.errors()
        )
        raise typer.BadParameter(f"{path} is not a valid rule set: {problems}") from None


def _parse_since(since: str | None) -> datetime | None:
    if since is None:
        return None
    try:
        return datetime.combine(date.fromisoformat(since), datetime.min.time(), UTC)
    except ValueError:
        raise typer.BadParameter(f"--since {since!r} is not a date (YYYY-MM-DD)") from None


def _print(report: dict[str, Any], name: str) -> None:
    versions = ", ".join(str(v) for v in report["recorded"]["rules_versions"]) or "-"
    table = Table(title="Sourcing backtest")
    table.add_column("")
    table.add_column(f"Recorded (rules v{versions})", justify="right")
    table.add_column(f"With {name}", justify="right")
    for key, label in ROWS:
        table.add_row(label, str(report["recorded"][key]), str(report["backtest"][key]))
    console = Console()
    console.print(table)
    if report["skipped"]:
        console.print(f"{report['skipped']} older decisions lack candidate details: skipped")

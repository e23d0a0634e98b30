"""`oms export VIEW --format csv|parquet --out FILE`."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated

import psycopg
import typer

from interfaces.cli_settings import load_settings
from interfaces.database import resolve_database_url
from interfaces.export import export_view
from interfaces.progress import Bars
from projections import bi

View = StrEnum("View", {name: name for name in bi.VIEWS})  # type: ignore[misc]


class Format(StrEnum):
    CSV = "csv"
    PARQUET = "parquet"


def register(app: typer.Typer) -> None:
    app.command("export")(export)


def export(
    view: Annotated[View, typer.Argument(help="A view of schema bi.")],
    out: Annotated[Path, typer.Option("--out", help="File to write (replaced).")],
    fmt: Annotated[Format, typer.Option("--format", help="File format.")] = Format.CSV,
) -> None:
    """Write one BI view to a CSV or Parquet file, streaming it (memory stays flat)."""
    url = resolve_database_url(load_settings())
    try:
        with psycopg.connect(url) as conn, Bars("rows") as bars:
            rows = export_view(
                conn, str(view), str(fmt), out, lambda done, total: bars.update(view, done, total)
            )
    except psycopg.errors.UndefinedTable:
        typer.secho(
            "the bi views do not exist yet: start `oms serve` or `oms project` once",
            fg=typer.colors.RED,
            err=True,
        )
        raise typer.Exit(code=1) from None
    typer.echo(f"wrote {rows:,} rows of bi.{view} to {out}")

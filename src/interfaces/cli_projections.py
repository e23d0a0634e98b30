"""`oms project` (a projection worker), `oms policies` (a policy worker) and
`oms projections status|rebuild [NAME]`."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Annotated

import typer
from psycopg_pool import ConnectionPool
from rich.console import Console
from rich.progress import BarColumn, Progress, TaskID, TextColumn, TimeElapsedColumn
from rich.table import Table
from rich.text import Text

from application.oms import OMS
from application.policies import Policies
from application.settings import Settings
from interfaces.cli_settings import exit_cleanly_on_sigterm, load_settings
from interfaces.database import connection_pool, resolve_database_url
from interfaces.heap import serving_heap
from interfaces.wiring import build_oms, chain_keeper
from projections import (
    ProjectionRunner,
    ProjectionStatus,
    RebuildInProgress,
    RebuildProgress,
    all_projections,
    projection_named,
    rebuild,
)
from projections.status import PROJECTOR_APPLICATION

# The projector makes a great many short-lived containers (decoded events, rows) and few
# cycles: the young generation is collected far less often than Python's default (700).
PROJECTOR_GC_THRESHOLDS = (20_000, 50, 100)

group = typer.Typer(no_args_is_help=True, help="Inspect and rebuild the read models.")


def register(app: typer.Typer) -> None:
    """Attach `project`, `policies` and the `projections` group to the `oms` command line."""
    app.command()(project)
    app.command()(policies)
    app.add_typer(group, name="projections")


@contextmanager
def opened(application_name: str | None = None) -> Iterator[tuple[OMS, ConnectionPool]]:
    settings: Settings = load_settings()
    database_url = resolve_database_url(settings)
    oms = build_oms(settings, database_url)
    try:
        # One connection per worker, the hash chain, status queries, one spare.
        pool = connection_pool(
            database_url,
            max_size=len(all_projections()) + 3,
            name="project",
            timeout=settings.database_timeout,
            application_name=application_name,
        )
        try:
            yield oms, pool
        finally:
            pool.close()
    finally:
        oms.close()


def project() -> None:
    """Run the projection workers and the policies until Ctrl-C (scale-out: several may
    run at once)."""
    exit_cleanly_on_sigterm()
    # Named in pg_stat_activity: an API with OMS_REQUIRE_PROJECTOR looks for it there.
    with opened(PROJECTOR_APPLICATION) as (oms, pool), serving_heap(PROJECTOR_GC_THRESHOLDS):
        settings = load_settings()
        runner = ProjectionRunner(
            pool,
            oms.recorder,
            oms.mapper,
            gap=settings.projection_batch_gap,
            decoded=oms.decoded,  # shared with the policies' log follower
        )
        chain = chain_keeper(settings, pool, oms.recorder)
        running = Policies(oms)
        runner.start()
        chain.start()
        running.start()
        typer.echo("projecting and chaining the log, running the policies; Ctrl-C to stop")
        try:
            threading.Event().wait()
        except KeyboardInterrupt:
            pass
        finally:
            running.stop()
            chain.stop()
            runner.stop()
            _print_status(runner)


def policies() -> None:
    """Run only the policies (backorders allocated when stock arrives, pickups not
    collected in time cancelled) until Ctrl-C; several may run at once, each effect
    happens once."""
    exit_cleanly_on_sigterm()
    settings = load_settings()
    oms = build_oms(settings, resolve_database_url(settings))
    running = Policies(oms)
    try:
        running.start()
        typer.echo("running the policies; Ctrl-C to stop")
        threading.Event().wait()
    except KeyboardInterrupt:
        pass
    finally:
        running.stop()
        oms.close()


@group.command()
def status(
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON instead of a table.")] = False,
) -> None:
    """Position, log head and lag of each projection, and why one is failing."""
    with opened() as (oms, pool):
        runner = ProjectionRunner(pool, oms.recorder, oms.mapper)
        if as_json:
            typer.echo(json.dumps([_as_dict(s) for s in runner.status()], indent=2))
        else:
            _print_status(runner)


def _as_dict(s: ProjectionStatus) -> dict[str, object]:
    failed_at = s.failed_at.isoformat() if s.failed_at else None
    return {
        "name": s.name,
        "position": s.position,
        "head": s.head,
        "lag": s.lag,
        "error": s.error,
        "failed_at": failed_at,
    }


def _print_status(runner: ProjectionRunner) -> None:
    table = Table(title="projections")
    for column in ("name", "position", "head", "lag"):
        table.add_column(column, justify="left" if column == "name" else "right")
    table.add_column("error", style="red")
    for s in runner.status():
        error = Text(f"{s.error} (since {s.failed_at:%Y-%m-%d %H:%M:%S %Z})" if s.error else "")
        table.add_row(s.name, f"{s.position:,}", f"{s.head:,}", f"{s.lag:,}", error)
    Console().print(table)


@group.command("rebuild")
def rebuild_command(
    name: Annotated[
        str | None, typer.Argument(help="Projection to rebuild (default: every one).")
    ] = None,
    batch_size: Annotated[int, typer.Option(min=1, help="Events per transaction.")] = 10_000,
) -> None:
    """Rebuild from the first event into fresh tables, then swap them in atomically."""
    try:
        chosen = [projection_named(name)] if name else all_projections()
    except KeyError as error:
        raise typer.BadParameter(str(error.args[0])) from None
    columns = (
        TextColumn("{task.description:<16}"),
        BarColumn(),
        TextColumn("{task.completed:,.0f}/{task.total:,.0f}"),
        TextColumn("{task.fields[rate]:>16}"),
        TimeElapsedColumn(),
    )
    with opened() as (oms, pool), Progress(*columns) as progress:
        for projection in chosen:
            task = progress.add_task(projection.name, total=1, rate="")

            def show(p: RebuildProgress, task: TaskID = task) -> None:
                rate = f"{p.events_per_second:,.0f} events/s"
                progress.update(task, completed=p.position, total=p.head, rate=rate)

            try:
                rebuild(
                    pool,
                    oms.recorder,
                    oms.mapper,
                    projection,
                    batch_size=batch_size,
                    on_progress=show,
                )
            except RebuildInProgress as error:
                progress.console.print(f"[red]{error}[/red]")
                raise typer.Exit(code=1) from None

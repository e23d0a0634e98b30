"""The `oms` command line.

Commands are plain functions registered on `app`. A group of commands (`projections`,
`audit`, `sourcing`) lives in its own `cli_*` module as a `typer.Typer()`, attached
here by that module's `register(app)`; `oms <group> --help` lists its commands.
What every command needs (settings, a clean exit on SIGTERM) is in `cli_settings`.
"""

import os
import uuid
from pathlib import Path
from typing import Annotated

import typer

from application.actor import SYSTEM, Actor, acting_as
from interfaces import cli_verify  # noqa: F401  (adds `verify` and `seal` to the audit group)
from interfaces.auth import InsecureBindError, ensure_safe_bind
from interfaces.cli_audit import register as register_audit
from interfaces.cli_export import register as register_export
from interfaces.cli_projections import register as register_projections
from interfaces.cli_settings import exit_cleanly_on_sigterm, load_settings
from interfaces.cli_sourcing import register as register_sourcing
from interfaces.database import resolve_database_url

# Locals in tracebacks could print secrets (API keys, database passwords).
app = typer.Typer(no_args_is_help=True, add_completion=False, pretty_exceptions_show_locals=False)


@app.callback()
def main() -> None:
    """Omnichannel order management system: event-sourced CQRS over PostgreSQL.

    Configuration comes from the environment: DATABASE_URL (unset: embedded
    PostgreSQL in OMS_DATA_DIR), OMS_HOST, OMS_PORT, OMS_API_KEYS, OMS_LOG_LEVEL.
    """


@app.command()
def serve(
    host: Annotated[str | None, typer.Option(help="Interface to bind (default OMS_HOST).")] = None,
    port: Annotated[int | None, typer.Option(help="Port to bind (default OMS_PORT).")] = None,
    workers: Annotated[
        int, typer.Option(min=1, max=64, help="HTTP front-end processes (about one per core).")
    ] = 1,
    projector: Annotated[
        bool,
        typer.Option(
            help="Keep the read models in a projector process started, restarted and stopped"
            " with the server. --no-projector: in process, or by `oms project` workers"
            " elsewhere, as OMS_PROJECTIONS_IN_PROCESS says (see docs/performance.md)."
        ),
    ] = True,
) -> None:
    """Serve the REST API, GraphQL and the web console (see docs/performance.md)."""
    from interfaces.serving import Topology, run

    settings = load_settings(host=host, port=port)
    try:
        ensure_safe_bind(settings)
    except InsecureBindError as error:
        typer.secho(str(error), fg=typer.colors.RED, err=True)
        raise typer.Exit(code=2) from None
    exit_cleanly_on_sigterm()
    database_url = resolve_database_url(settings)
    typer.echo(f"OMS on http://{settings.host}:{settings.port} (database: {_redact(database_url)})")
    if settings.bi_port is not None and not settings.database_url:
        typer.echo(
            f"BI tools: postgresql://oms_bi@127.0.0.1:{settings.bi_port}/postgres"
            " (password: OMS_BI_PASSWORD)"
        )
    if workers > (os.cpu_count() or 1):
        typer.echo(f"note: {workers} front-ends on {os.cpu_count()} cores")
    run(settings, database_url, Topology(workers=workers, projector=projector))


@app.command()
def demo(
    orders: Annotated[
        int, typer.Option(min=0, max=100_000, help="Generated orders beside the named ones.")
    ] = 60,
) -> None:
    """Load the demo network, stock and orders (safe to run again: nothing is duplicated)."""
    from interfaces.demo import load
    from interfaces.demo_progress import progress_bar
    from interfaces.wiring import build_oms

    settings = load_settings()
    oms = build_oms(settings, resolve_database_url(settings))
    try:
        with acting_as(Actor(SYSTEM, "oms demo", uuid.uuid4().hex)), progress_bar() as bar:
            track, say = bar
            load(oms, say, orders=orders, track=track)
        typer.echo(f"demo data loaded; log head at position {oms.head()}")
    finally:
        oms.close()


@app.command()
def bench(
    section: Annotated[
        list[str] | None, typer.Option(help="Section(s) to run (default: all).")
    ] = None,
    scale: Annotated[float, typer.Option(help="Multiply every workload size.")] = 1.0,
    out: Annotated[
        Path, typer.Option(help="Where to write every figure as JSON (docs/performance.md).")
    ] = Path("bench-results.json"),
) -> None:
    """Measure throughput and latency, each beside a baseline measured in the same run;
    print them and write them to bench-results.json."""
    from interfaces.bench.main import SECTIONS, run

    unknown = set(section or ()) - set(SECTIONS)
    if unknown:
        raise typer.BadParameter(f"unknown section(s) {sorted(unknown)}; known: {list(SECTIONS)}")
    run(load_settings(), section or list(SECTIONS), scale, out)


def _redact(url: str) -> str:
    """The URL without its password, for display."""
    scheme, sep, rest = url.partition("://")
    credentials, at, location = rest.rpartition("@")
    if not at:
        return url
    user = credentials.split(":", 1)[0]
    return f"{scheme}{sep}{user}@{location}"


register_projections(app)
register_audit(app)
register_export(app)
register_sourcing(app)


if __name__ == "__main__":  # `python -m interfaces.cli`: how `oms serve` starts its projector
    app()

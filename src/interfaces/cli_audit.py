"""`oms audit ...`: commands for auditors (history, as-of, verify, seal)."""

from __future__ import annotations

import typer

group = typer.Typer(no_args_is_help=True, help="Audit the event log: history, verify, seal.")


def register(app: typer.Typer) -> None:
    """Attach the `audit` group to the `oms` command line."""
    from interfaces import cli_verify  # noqa: F401  (its commands join `group`)

    app.add_typer(group, name="audit")

"""What every `oms` command needs: its settings, and a clean exit on SIGTERM."""

import signal
from types import FrameType

import typer
from pydantic import ValidationError

from application.settings import Settings
from interfaces.auth import api_keys


def load_settings(**overrides: object) -> Settings:
    """Settings from the environment, with command-line overrides that are not None."""
    try:
        settings = Settings()
        api_keys(settings)  # a malformed OMS_API_KEYS stops every command here
    except (ValidationError, ValueError) as error:
        typer.secho(f"Invalid configuration: {error}", fg=typer.colors.RED, err=True)
        raise typer.Exit(code=2) from None
    changes = {key: value for key, value in overrides.items() if value is not None}
    return settings.model_copy(update=changes) if changes else settings


def exit_cleanly_on_sigterm() -> None:
    """Turn SIGTERM into SystemExit so exit handlers (stopping the embedded server) run.

    uvicorn re-raises the signal after its graceful shutdown; with the default
    handler the process would die without running them.
    """

    def _exit(signum: int, frame: FrameType | None) -> None:
        raise SystemExit(128 + signum)

    signal.signal(signal.SIGTERM, _exit)

"""Browser assets served by the service itself, so the docs and GraphiQL work offline.

Swagger UI comes with the `fastapi-offline` package (see `app.create_app`); GraphiQL's
files come from pinned npm packages that `make` unpacks into `web/vendor` (see the
Makefile), served here at `/static/vendor`.
"""

from __future__ import annotations

from functools import cache
from importlib import resources
from pathlib import Path

from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles

WEB = resources.files("interfaces").joinpath("web")


def install_assets(app: FastAPI) -> None:
    vendor = Path(str(WEB.joinpath("vendor")))
    # check_dir=False: without `make`, the page explains itself instead of failing start-up.
    app.mount("/static/vendor", StaticFiles(directory=vendor, check_dir=False), name="vendor")


@cache
def graphiql_page() -> str:
    return WEB.joinpath("graphiql.html").read_text(encoding="utf-8")

"""The web console: `/` serves its page, `/console/…` its scripts and style sheet.

The assets are plain files in `interfaces/web/` (ES modules, no build step, no CDN):
the page reads through GraphQL and writes through the REST commands, with the API key
the user enters (kept in the tab's sessionStorage).
"""

from __future__ import annotations

from functools import cache
from importlib import resources
from pathlib import Path

from fastapi import APIRouter, FastAPI
from fastapi.responses import HTMLResponse
from fastapi.staticfiles import StaticFiles

router = APIRouter(include_in_schema=False)
WEB = resources.files("interfaces").joinpath("web")


@cache
def _page() -> str:
    return WEB.joinpath("index.html").read_text(encoding="utf-8")


@router.get("/", response_class=HTMLResponse)
def console() -> HTMLResponse:
    return HTMLResponse(_page())


def mount_assets(app: FastAPI) -> None:
    """Serve `web/console/` under `/console` (installed as package data)."""
    app.mount("/console", StaticFiles(directory=Path(str(WEB.joinpath("console")))), "console")

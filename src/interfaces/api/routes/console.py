"""The web console: a static page linking the API docs and GraphiQL."""

from __future__ import annotations

from functools import cache
from importlib import resources

from fastapi import APIRouter
from fastapi.responses import HTMLResponse

router = APIRouter(include_in_schema=False)


@cache
def _page() -> str:
    return resources.files("interfaces").joinpath("web/index.html").read_text(encoding="utf-8")


@router.get("/", response_class=HTMLResponse)
def console() -> HTMLResponse:
    return HTMLResponse(_page())

"""Runs the benchmark sections, each in its own scratch database, and prints the figures."""

from __future__ import annotations

from collections.abc import Callable

from application.settings import Settings
from interfaces.bench import writes
from interfaces.bench.report import Figure, print_figures
from interfaces.bench.scratch import admin_url, scratch_database
from interfaces.database import resolve_database_url
from interfaces.wiring import build_oms


def _writes(settings: Settings, url: str, scale: float) -> list[Figure]:
    oms = build_oms(settings, url)
    try:
        return writes.run(oms, url, n=int(1000 * scale))
    finally:
        oms.close()


SECTIONS: dict[str, Callable[[Settings, str, float], list[Figure]]] = {"writes": _writes}


def run(settings: Settings, sections: list[str], scale: float) -> list[Figure]:
    server = admin_url(resolve_database_url(settings))
    figures: list[Figure] = []
    for name in sections:
        with scratch_database(server) as url:
            figures += SECTIONS[name](settings, url, scale)
    print_figures(figures)
    return figures

"""Runs the benchmark sections, each in its own scratch database, and prints the figures."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

from application.oms import OMS
from application.settings import Settings
from interfaces.bench import (
    arrivals,
    audit_chain,
    audit_reads,
    graphql,
    graphql_writes,
    http_layer,
    http_socket,
    projections,
    scale,
    server,
    sourcing,
    writes,
)
from interfaces.bench.report import Figure, print_figures
from interfaces.bench.results import Run
from interfaces.database import database_url_with_name, resolve_database_url, temporary_database
from interfaces.wiring import build_oms

Section = Callable[[OMS, str, float], list[Figure]]

SECTIONS: dict[str, Section] = {
    "writes": lambda oms, url, scale: writes.run(oms, url, n=max(100, int(1000 * scale))),
    "projections": projections.run,
    # The event store reads first: their server then catches up on a short log.
    "audit": lambda oms, url, scale: (
        audit_reads.run(oms, url, scale) + audit_chain.run(oms, url, scale)
    ),
    # One uvicorn worker per core serves both the GraphQL and the plain endpoint.
    "graphql": lambda oms, url, scale: graphql.run(
        oms,
        url,
        orders=max(100, int(1000 * scale)),
        seconds=max(2.0, 5 * scale),
        workers=os.cpu_count() or 1,
    ),
    "sourcing": sourcing.run,
    "scale": scale.run,
    "server": server.run,
    "http-layer": http_layer.run,
    "http-socket": http_socket.run,
    "graphql-under-writes": graphql_writes.run,
    "arrivals": arrivals.run,
}


def run(
    settings: Settings, sections: list[str], scale: float, out: Path | None = None
) -> list[Figure]:
    """Run `sections`, print the figures and write them to `out` (bench-results.json).

    The figures are printed and written after each section, so a section that fails
    leaves those measured before it.
    """
    record = Run(sections, scale)
    server = database_url_with_name(resolve_database_url(settings), "postgres")
    figures: list[Figure] = []
    for name in sections:
        with temporary_database(server, "oms_bench") as url:
            oms = build_oms(settings, url)
            try:
                found = SECTIONS[name](oms, url, scale)
            finally:
                oms.close()
        figures += found
        print_figures(found)
        if out is not None:
            record.write(out, figures)
    return figures

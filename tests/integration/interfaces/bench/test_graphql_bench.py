"""The GraphQL read-side benchmark runs end to end on a small workload."""

from application.oms import OMS
from interfaces.bench.graphql import run


def test_every_figure_is_measured_beside_the_plain_endpoint(oms: OMS, database_url: str) -> None:
    figures = run(oms, database_url, orders=120, seconds=0.3)

    named = {figure.name: figure for figure in figures}
    by_id = named["order(id) req/s, 8 clients"]
    assert by_id.value > 0
    assert by_id.baseline is not None
    assert by_id.baseline > 0
    assert named["orders(first:100) p99"].value > 0
    assert named["orders(first:100)+lines+shipments p99"].value > 0

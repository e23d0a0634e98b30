"""GraphQL `order(id)` while orders are placed at 500/s, beside the plain endpoint under
the same writes.

The read server is the GraphQL section's (`/graphql` beside a plain JSON endpoint reading
the same row). The writes go to `oms serve` on the same database (its front-end and its
projector child, as deployed), placed over HTTP at a steady 500 orders/s, open loop: 64
clients share one schedule, so slow answers do not slow the pace while a client is free,
and the read models stay current as they would in service. The rate the writes reached is
reported for the reads' whole run and, beforehand, with no reads at all: when the second is
500/s and the first less, the cores are shared out between reads and writes; when even
the second falls short, this machine cannot place 500/s through `oms serve` at all.
"""

from __future__ import annotations

import time

from application.oms import OMS
from interfaces.bench.graphql import BY_ID, bench_server, graphql_request, measure, seed
from interfaces.bench.http_load import Request, paced_load
from interfaces.bench.report import Figure
from interfaces.bench.server import order_request, served
from interfaces.bench.writes import prepare

SECTION = "graphql-under-writes"
RATE = 500.0  # orders per second asked for
WRITERS = 64  # client threads sharing the writes' schedule
WRITES_ALONE_S = 4.0  # the writes' own rate is measured over this, before any read


def run(oms: OMS, database_url: str, scale: float = 1.0) -> list[Figure]:
    order_id = seed(oms, database_url, max(100, int(1000 * scale)))
    prepare(oms)
    with (
        bench_server(database_url) as base,
        served(database_url) as (url, _pid),
        paced_load(url, order_request(), rate=RATE, clients=WRITERS) as writes,
    ):
        time.sleep(1.0)  # the writes settle
        started = writes.mark()
        time.sleep(WRITES_ALONE_S)
        alone = writes.rate_since(started)
        reading = writes.mark()
        loads = measure(
            base,
            {
                "plain by id": Request("GET", f"/plain/orders/{order_id}"),
                "by id": graphql_request(BY_ID, {"id": order_id}),
            },
            max(2.0, 5 * scale),
        )
        during = writes.rate_since(reading)
    plain, by_id = loads["plain by id"], loads["by id"]
    return [
        Figure(
            SECTION,
            "order(id) req/s while orders are placed",
            by_id.rps,
            "req/s",
            plain.rps,
            ">= 0.5x plain",
        ),
        Figure(SECTION, "order(id) p99 while orders are placed", by_id.p(99), "ms", plain.p(99)),
        Figure(
            SECTION,
            "orders placed meanwhile (asked: 500/s)",
            during,
            "orders/s",
            RATE,
            "500/s",
        ),
        Figure(SECTION, "orders not placed (answered other than 201)", writes.failures, "answers"),
        Figure(
            SECTION,
            "orders placed before the reads, no reads (asked: 500/s)",
            alone,
            "orders/s",
            RATE,
            "what the machine manages",
        ),
    ]

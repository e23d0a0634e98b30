"""A database holding the demo data with every read model (and the bi views) at the head."""

from __future__ import annotations

from application.oms import OMS
from application.settings import Settings, eventsourcing_env
from interfaces.database import connection_pool
from interfaces.demo import load
from projections import ProjectionRunner


def load_demo(url: str) -> None:
    oms = OMS(eventsourcing_env(Settings(database_url=url), url))
    try:
        load(oms, say=lambda _: None, network="core")
        pool = connection_pool(url, max_size=4)
        try:
            ProjectionRunner(pool, oms.recorder, oms.mapper).catch_up()
        finally:
            pool.close()
    finally:
        oms.close()

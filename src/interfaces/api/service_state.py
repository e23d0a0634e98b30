"""`app.state` of the OMS service, typed: what the lifespan starts and the routes read.

The composition root (`api/app.py`) gives the app a `ServiceState`; `runtime.start` and
the GraphQL router's lifespan fill it in. Every attribute exists from the start (None
until its part has started), so readers check for None instead of `getattr(state, …)`,
and mypy knows each one's type.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, TypeVar

from starlette.applications import Starlette
from starlette.datastructures import State

if TYPE_CHECKING:
    from psycopg_pool import ConnectionPool

    from application.oms import OMS
    from application.policies import Policies
    from application.settings import Settings
    from interfaces.api.metrics import Metrics
    from interfaces.graphql.auth import ConnectionKeyCheck
    from interfaces.graphql.db import ReadPool
    from interfaces.graphql.read_signal import ReadModelSignal
    from projections.chain_keeper import ChainKeeper
    from projections.runner import ProjectionRunner

T = TypeVar("T")

STARTED_LATER = (
    "database_url",
    "oms",
    "projections",
    "chain",
    "policies",
    "projections_pool",
    "graphql_pool",
    "read_signal",
    "connection_key_check",
)


class ServiceState(State):
    settings: Settings
    metrics: Metrics
    database_url: str | None
    oms: OMS | None
    # The in-process projection runner, None when `oms project` workers keep the read
    # models current; the hash chain keeper and the pool both use.
    projections: ProjectionRunner | None
    chain: ChainKeeper | None
    policies: Policies | None  # run where the projections run
    projections_pool: ConnectionPool | None
    graphql_pool: ReadPool | None
    read_signal: ReadModelSignal | None
    connection_key_check: ConnectionKeyCheck | None

    def __init__(self, settings: Settings, metrics: Metrics) -> None:
        super().__init__({"settings": settings, "metrics": metrics, **dict.fromkeys(STARTED_LATER)})

    def started_oms(self) -> OMS:
        return _started(self.oms, "the OMS")

    def started_database_url(self) -> str:
        return _started(self.database_url, "the database URL")

    def started_read_pool(self) -> ReadPool:
        """The GraphQL side's read pool (its router's lifespan opens it)."""
        return _started(self.graphql_pool, "the GraphQL read pool")


def _started(part: T | None, name: str) -> T:
    if part is None:
        raise RuntimeError(f"{name} is not set: is the service started?")
    return part


def service_state(app: Starlette) -> ServiceState:
    """The app's typed state (the app was made by `create_app` or given one)."""
    state = app.state
    if not isinstance(state, ServiceState):
        raise RuntimeError("this app has no ServiceState: make it with create_app")
    return state

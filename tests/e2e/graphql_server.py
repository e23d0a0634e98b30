"""A live server with its projections running, and a gql client for its /graphql endpoint.

Import the `live` fixture into a test module: `from tests.e2e.graphql_server import live`.
Reads pass the position of the last write as `X-OMS-Consistent-After`, so no test sleeps.
A module that sets `BOTH_GRAPHQL_PATHS = True` runs its tests on `live` twice: with the
GraphQL fast path, and without it (`OMS_GRAPHQL_FAST_PATH=false`) on a fresh database.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import nullcontext
from dataclasses import dataclass
from typing import Any

import httpx
import pytest
from gql import Client, GraphQLRequest
from gql.transport.httpx import HTTPXTransport
from graphql import ExecutionResult

from interfaces.database import temporary_database
from tests.e2e.conftest import Server, e2e_settings, serve

CONSISTENT_AFTER = "X-OMS-Consistent-After"


@dataclass
class Live:
    server: Server
    rest: httpx.Client
    graphql: Any  # gql's SyncClientSession

    @property
    def ws_url(self) -> str:
        return self.server.url.replace("http://", "ws://") + "/graphql"

    def result(
        self, query: str, variables: dict[str, Any] | None = None, *, after: int | None = None
    ) -> ExecutionResult:
        """The whole result (data, extensions); raises if it has errors."""
        headers = {CONSISTENT_AFTER: str(after)} if after is not None else {}
        request = GraphQLRequest(query, variable_values=variables)
        result: ExecutionResult = self.graphql.execute(
            request, get_execution_result=True, extra_args={"headers": headers}
        )
        if after is not None:
            consistency = (result.extensions or {})["consistency"]
            assert consistency["stale"] is False, consistency
        return result

    def read(
        self, query: str, variables: dict[str, Any] | None = None, *, after: int | None = None
    ) -> dict[str, Any]:
        data = self.result(query, variables, after=after).data
        assert data is not None
        return data


@pytest.fixture(scope="module")
def live(request: pytest.FixtureRequest, postgres_server_url: str) -> Iterator[Live]:
    fast_path: bool = getattr(request, "param", True)
    # The fast path's run uses the module's database (other fixtures may share it).
    with (
        nullcontext(request.getfixturevalue("module_database_url"))
        if fast_path
        else temporary_database(postgres_server_url, "test")
    ) as url:
        yield from _serve_live(url, fast_path)


def _serve_live(url: str, fast_path: bool) -> Iterator[Live]:
    settings = e2e_settings(url, projections_in_process=True, graphql_fast_path=fast_path)
    with serve(settings) as server, httpx.Client(base_url=server.url, timeout=20) as rest:
        transport = HTTPXTransport(url=f"{server.url}/graphql", timeout=20)
        with Client(transport=transport) as session:
            yield Live(server, rest, session)

"""A live server with its projections running, and a gql client for its /graphql endpoint.

Import the `live` fixture into a test module: `from tests.e2e.graphql_server import live`.
Reads pass the position of the last write as `X-OMS-Consistent-After`, so no test sleeps.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import httpx
import pytest
from gql import Client, GraphQLRequest
from gql.transport.httpx import HTTPXTransport
from graphql import ExecutionResult

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
def live(module_database_url: str) -> Iterator[Live]:
    settings = e2e_settings(module_database_url, projections_in_process=True)
    with serve(settings) as server, httpx.Client(base_url=server.url, timeout=20) as rest:
        transport = HTTPXTransport(url=f"{server.url}/graphql", timeout=20)
        with Client(transport=transport) as session:
            yield Live(server, rest, session)

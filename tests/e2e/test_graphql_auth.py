"""With API keys configured, GraphQL reads need one (any role may read)."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator

import httpx
import pytest
from gql import Client, gql
from gql.transport.exceptions import TransportError, TransportQueryError
from gql.transport.websockets import WebsocketsTransport
from websockets.exceptions import InvalidStatus

from interfaces.auth import Role
from tests.e2e.conftest import Server, e2e_settings, serve

KEYS = {"reader-key-0123456789": Role.AUDITOR, "store-key-0123456789": Role.STORE}
QUERY = {"query": "{ nodes { code } }"}


@pytest.fixture(scope="module")
def secured(module_database_url: str) -> Iterator[Server]:
    with serve(
        e2e_settings(module_database_url, api_keys=KEYS, projections_in_process=True)
    ) as server:
        yield server


def test_a_read_without_a_key_or_with_an_unknown_one_is_401(secured: Server) -> None:
    with httpx.Client(base_url=secured.url) as http:
        assert http.post("/graphql", json=QUERY).status_code == 401
        wrong = http.post("/graphql", json=QUERY, headers={"X-API-Key": "guess"})
        assert wrong.status_code == 401


def test_any_role_may_read_with_its_key_as_header_or_bearer(secured: Server) -> None:
    with httpx.Client(base_url=secured.url) as http:
        by_header = http.post(
            "/graphql", json=QUERY, headers={"X-API-Key": "reader-key-0123456789"}
        )
        by_bearer = http.post(
            "/graphql", json=QUERY, headers={"Authorization": "Bearer store-key-0123456789"}
        )
    assert by_header.status_code == by_bearer.status_code == 200
    assert by_header.json() == {"data": {"nodes": []}}


SUBSCRIPTION = 'subscription { orderUpdates(id: "%s") { id } }'
SOME_ORDER = "6f1c6b1e-4a8e-4d55-9a53-2f0a4c6b8e11"


def first_update(server: Server, order_id: str = SOME_ORDER, **transport: object) -> None:
    url = server.url.replace("http://", "ws://") + "/graphql"

    async def subscribe() -> None:
        ws = WebsocketsTransport(
            url=url,
            subprotocols=[WebsocketsTransport.GRAPHQLWS_SUBPROTOCOL],
            **transport,  # type: ignore[arg-type]
        )
        async with Client(transport=ws) as session:
            async for _ in session.subscribe(gql(SUBSCRIPTION % order_id)):
                break

    asyncio.run(subscribe())


@pytest.mark.parametrize(
    "transport",
    [{}, {"headers": {"X-API-Key": "guess"}}, {"init_payload": {"apiKey": "guess"}}],
    ids=["no key", "unknown key in the handshake", "unknown key in connection_init"],
)
def test_a_subscription_without_a_known_key_is_refused_before_it_starts(
    secured: Server, transport: dict[str, object]
) -> None:
    with pytest.raises((InvalidStatus, TransportError)):
        first_update(secured, **transport)


def test_a_browser_subscription_may_send_its_key_in_connection_init(secured: Server) -> None:
    # The subscription is accepted and runs: its resolver refuses the malformed id.
    with pytest.raises(TransportQueryError, match="not a UUID"):
        first_update(secured, "not-a-uuid", init_payload={"apiKey": "reader-key-0123456789"})


def test_keys_guessed_in_connection_init_are_rate_limited_per_client(
    module_database_url: str,
) -> None:
    settings = e2e_settings(module_database_url, api_keys=KEYS, auth_failures_per_minute=2)
    with serve(settings) as server:
        for _ in range(2):
            with pytest.raises(TransportError):
                first_update(server, init_payload={"apiKey": "guess-0123456789"})
        # Over the limit: even the right key is refused for the rest of the minute.
        with pytest.raises(TransportError) as refused:
            first_update(server, "not-a-uuid", init_payload={"apiKey": "reader-key-0123456789"})
        assert not isinstance(refused.value, TransportQueryError)  # refused, not run


def test_a_key_sent_in_connection_init_carries_its_role(secured: Server) -> None:
    url = secured.url.replace("http://", "ws://") + "/graphql"
    history = gql('{ orderHistory(id: "6f1c6b1e-4a8e-4d55-9a53-2f0a4c6b8e11") { type } }')

    async def read_history(key: str) -> object:
        ws = WebsocketsTransport(
            url=url,
            subprotocols=[WebsocketsTransport.GRAPHQLWS_SUBPROTOCOL],
            init_payload={"apiKey": key},
        )
        async with Client(transport=ws) as session:
            return await session.execute(history)

    with pytest.raises(TransportQueryError, match="may not read the audit log"):
        asyncio.run(read_history("store-key-0123456789"))
    assert asyncio.run(read_history("reader-key-0123456789")) == {"orderHistory": []}

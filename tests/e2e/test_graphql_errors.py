"""Over HTTP, bad GraphQL requests are GraphQL errors with a code, never a 500."""

from __future__ import annotations

import uuid
from typing import Any

import httpx

from tests.e2e.conftest import e2e_settings, serve
from tests.e2e.graphql_server import CONSISTENT_AFTER, Live, live

BOTH_GRAPHQL_PATHS = True  # with OMS_GRAPHQL_FAST_PATH on and off

__all__ = ["live"]


def post(live: Live, query: str, headers: dict[str, str] | None = None) -> dict[str, Any]:
    response = live.rest.post("/graphql", json={"query": query}, headers=headers or {})
    assert response.status_code == 200, response.text
    body: dict[str, Any] = response.json()
    return body


def codes(body: dict[str, Any]) -> list[str]:
    return [error["extensions"]["code"] for error in body["errors"]]


def test_an_unknown_order_is_null(live: Live) -> None:
    assert post(live, f'{{ order(id: "{uuid.uuid4()}") {{ id }} }}') == {"data": {"order": None}}


def test_a_page_over_100_a_bad_id_and_a_bad_header_are_bad_user_input(live: Live) -> None:
    assert codes(post(live, "{ orders(first: 500) { edges { cursor } } }")) == ["BAD_USER_INPUT"]
    assert codes(post(live, '{ order(id: "ORD-1") { id } }')) == ["BAD_USER_INPUT"]
    body = post(live, "{ nodes { code } }", {CONSISTENT_AFTER: "later"})
    assert codes(body) == ["BAD_USER_INPUT"]


def test_a_too_deep_query_is_refused(live: Live) -> None:
    deep = '{ order(id: "x") ' + "{ returns { order " * 6 + "{ id }" + " } }" * 6 + " }"
    body = post(live, deep)
    assert codes(body) == ["GRAPHQL_VALIDATION_FAILED"]
    assert "data" not in body or body["data"] is None


def test_graphiql_is_served_on_get(live: Live) -> None:
    response = live.rest.get("/graphql", headers={"Accept": "text/html"})
    assert response.status_code == 200
    assert "graphiql" in response.text.lower()


def test_a_query_without_the_header_has_no_consistency_report(live: Live) -> None:
    result = live.result("{ projections { name lagEvents } }")
    assert not (result.extensions or {}).get("consistency")
    assert {p["name"] for p in (result.data or {})["projections"]} == {
        "stock",
        "order_tracking",
        "returns",
        "receivables",
    }


def test_a_malformed_body_is_a_client_error(live: Live) -> None:
    response = live.rest.post(
        "/graphql", content=b"{not json", headers={"content-type": "application/json"}
    )
    assert response.status_code == 400
    assert isinstance(live.rest, httpx.Client)


def test_before_any_projector_set_the_read_models_up_reads_say_so(database_url: str) -> None:
    with serve(e2e_settings(database_url)) as server, httpx.Client(base_url=server.url) as http:
        body = http.post("/graphql", json={"query": "{ nodes { code } }"}).json()
    assert codes(body) == ["READ_MODEL_UNAVAILABLE"]

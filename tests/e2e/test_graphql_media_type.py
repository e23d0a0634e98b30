"""GraphQL over HTTP: application/graphql-response+json for clients that accept it."""

from __future__ import annotations

from typing import Any

import httpx

from tests.e2e.graphql_server import CONSISTENT_AFTER, Live, live

BOTH_GRAPHQL_PATHS = True  # with OMS_GRAPHQL_FAST_PATH on and off

__all__ = ["live"]

GRAPHQL_RESPONSE = "application/graphql-response+json"


def post(
    live: Live, body: dict[str, Any], accept: str, headers: dict[str, str] | None = None
) -> httpx.Response:
    return live.rest.post("/graphql", json=body, headers={"accept": accept, **(headers or {})})


def test_a_query_answers_in_the_media_type_the_client_accepts(live: Live) -> None:
    accepted = post(live, {"query": "{ nodes { code } }"}, GRAPHQL_RESPONSE)
    plain = post(live, {"query": "{ nodes { code } }"}, "application/json")

    assert accepted.status_code == 200
    assert accepted.headers["content-type"] == GRAPHQL_RESPONSE
    assert plain.headers["content-type"] == "application/json"
    assert accepted.json() == plain.json()
    assert "nodes" in accepted.json()["data"]


def test_parse_validation_and_variable_failures_are_400_without_data(live: Live) -> None:
    broken = {
        "parse": {"query": "{ nodes { code "},
        "validation": {"query": "{ nodes { noSuchField } }"},
        "variables": {
            "query": "query($id: ID!) { order(id: $id) { id } }",
            "variables": {"id": None},
        },
        "variable type": {
            "query": "query($first: Int) { orders(first: $first) { edges { cursor } } }",
            "variables": {"first": "many"},
        },
    }
    for failure, body in broken.items():
        response = post(live, body, f"{GRAPHQL_RESPONSE}, application/json;q=0.9")

        assert response.status_code == 400, failure
        assert response.headers["content-type"] == GRAPHQL_RESPONSE, failure
        assert "data" not in response.json(), failure
        assert response.json()["errors"], failure


def test_a_bad_consistency_header_is_a_request_error_too(live: Live) -> None:
    response = post(
        live, {"query": "{ nodes { code } }"}, GRAPHQL_RESPONSE, {CONSISTENT_AFTER: "later"}
    )

    assert response.status_code == 400
    assert "data" not in response.json()


def test_an_error_while_executing_keeps_data_and_200(live: Live) -> None:
    response = post(live, {"query": '{ order(id: "ORD-1") { id } }'}, GRAPHQL_RESPONSE)

    assert response.status_code == 200
    assert response.json()["data"] == {"order": None}
    assert response.json()["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT"


def test_application_json_clients_see_what_they_always_saw(live: Live) -> None:
    for accept in ("application/json", "*/*", f"application/json, {GRAPHQL_RESPONSE};q=0.5"):
        response = post(live, {"query": "{ nodes { code "}, accept)

        assert response.status_code == 200, accept
        assert response.headers["content-type"] == "application/json", accept
        assert response.json()["data"] is None, accept

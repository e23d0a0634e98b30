"""Control characters in any GraphQL string input are BAD_USER_INPUT, never an internal error.

PostgreSQL cannot take NUL in a query parameter; before the check, `stock(sku: "A\\u0000")`
reached the database and came back as INTERNAL_SERVER_ERROR.
"""

from __future__ import annotations

import base64
import json
from typing import Any

import pytest

from tests.e2e.graphql_server import Live, live

BOTH_GRAPHQL_PATHS = True  # with OMS_GRAPHQL_FAST_PATH on and off

__all__ = ["live"]

NUL = "\\u0000"  # as written inside a GraphQL string literal

LITERAL_QUERIES = [
    f'{{ stock(sku: "A{NUL}B") {{ sku }} }}',
    f'{{ node(code: "DC{NUL}") {{ code }} }}',
    f'{{ nodeStock(nodeCode: "{NUL}") {{ edges {{ cursor }} }} }}',
    f'{{ availability(sku: "S{NUL}", quantity: 1) {{ nodeCode }} }}',
    f'{{ orders(filter: {{customerId: "C{NUL}"}}) {{ edges {{ cursor }} }} }}',
    f'{{ orders(filter: {{sku: "{NUL}"}}) {{ edges {{ cursor }} }} }}',
    f'{{ orders(filter: {{nodeCode: "N{NUL}"}}) {{ edges {{ cursor }} }} }}',
    f'{{ orders(after: "{NUL}") {{ edges {{ cursor }} }} }}',
    f'{{ order(id: "{NUL}") {{ id }} }}',
    '{ stock(sku: "A\\u001bB") { sku } }',
    '{ stock(sku: "A\\u007fB") { sku } }',
]

VARIABLE_QUERIES: list[tuple[str, dict[str, Any]]] = [
    ("query ($s: String!) { stock(sku: $s) { sku } }", {"s": "A\x00B"}),
    ("query ($c: String!) { node(code: $c) { code } }", {"c": "\x00"}),
    (
        "query ($f: OrderFilter) { orders(filter: $f) { edges { cursor } } }",
        {"f": {"customerId": "C\x00"}},
    ),
    ("query ($a: String) { orders(after: $a) { edges { cursor } } }", {"a": "\x00"}),
]


def codes(body: dict[str, Any]) -> list[str]:
    return [error["extensions"]["code"] for error in body["errors"]]


def post(live: Live, payload: dict[str, Any]) -> dict[str, Any]:
    # The json module escapes lone surrogates (httpx's json= cannot encode them).
    content, headers = json.dumps(payload), {"content-type": "application/json"}
    response = live.rest.post("/graphql", content=content, headers=headers)
    assert response.status_code == 200, response.text
    body: dict[str, Any] = response.json()
    return body


@pytest.mark.parametrize("query", LITERAL_QUERIES)
def test_a_control_character_in_a_string_argument_is_bad_user_input(live: Live, query: str) -> None:
    body = post(live, {"query": query})

    assert codes(body) == ["BAD_USER_INPUT"], body
    assert "Traceback" not in str(body)


@pytest.mark.parametrize(("query", "variables"), VARIABLE_QUERIES)
def test_a_control_character_in_a_variable_is_bad_user_input(
    live: Live, query: str, variables: dict[str, Any]
) -> None:
    body = post(live, {"query": query, "variables": variables})

    assert codes(body) == ["BAD_USER_INPUT"], body


def test_a_cursor_hiding_a_nul_is_bad_user_input(live: Live) -> None:
    forged = base64.urlsafe_b64encode(b"2026-01-01T00:00:00+00:00\x1fA\x00B").decode()

    body = post(live, {"query": f'{{ orders(after: "{forged}") {{ edges {{ cursor }} }} }}'})

    assert codes(body) == ["BAD_USER_INPUT"], body


def test_a_lone_surrogate_is_a_request_that_is_not_json(live: Live) -> None:
    payload = {
        "query": "query ($s: String!) { stock(sku: $s) { sku } }",
        "variables": {"s": "\ud800"},
    }

    response = live.rest.post(
        "/graphql", content=json.dumps(payload), headers={"content-type": "application/json"}
    )

    assert response.status_code == 400


def test_ordinary_unicode_arguments_still_read(live: Live) -> None:
    body = post(live, {"query": '{ stock(sku: "T\\u00e9\\ud83d\\ude00") { sku } }'})

    assert body == {"data": {"stock": None}}

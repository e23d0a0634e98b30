"""API keys and roles, against a server started with OMS_API_KEYS set."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import httpx
import pytest

from interfaces.auth import Role
from tests.e2e.conftest import e2e_settings, serve
from tests.e2e.helpers import node_body, order_body, problem, unique

KEYS = {
    "k-admin-0123456789": Role.ADMIN,
    "k-agent-0123456789": Role.AGENT,
    "k-store-0123456789": Role.STORE,
    "k-auditor-0123456789": Role.AUDITOR,
}


@pytest.fixture(scope="module")
def secured(module_database_url: str) -> Iterator[httpx.Client]:
    with (
        serve(e2e_settings(module_database_url, api_keys=KEYS)) as running,
        httpx.Client(base_url=running.url, timeout=20) as http,
    ):
        yield http


@pytest.fixture(scope="module")
def node(secured: httpx.Client) -> str:
    code = unique("DC")
    admin = as_("k-admin-0123456789")
    response = secured.post("/nodes", json=node_body(code), headers=admin)
    assert response.status_code == 201, response.text
    receipt = {"sku": "SKU-A", "quantity": 10}
    response = secured.post(f"/nodes/{code}/receipts", json=receipt, headers=admin)
    assert response.status_code == 200, response.text
    return code


def as_(key: str) -> dict[str, str]:
    return {"X-API-Key": key}


def test_a_write_without_a_key_is_unauthorized_and_stores_nothing(
    secured: httpx.Client, stored_events: Callable[[], int]
) -> None:
    before = stored_events()

    response = secured.post("/nodes", json=node_body(unique("DC")))

    problem(response, 401)
    assert response.headers["www-authenticate"].startswith("Bearer")
    assert stored_events() == before


def test_an_unknown_key_is_unauthorized(secured: httpx.Client) -> None:
    problem(secured.post("/nodes", json=node_body(unique("DC")), headers=as_("k-guess")), 401)


def test_the_key_may_come_as_a_bearer_token(secured: httpx.Client) -> None:
    response = secured.post(
        "/nodes",
        json=node_body(unique("DC")),
        headers={"Authorization": "Bearer k-admin-0123456789"},
    )

    assert response.status_code == 201, response.text


@pytest.mark.parametrize(
    ("key", "allowed"),
    [
        ("k-admin-0123456789", True),
        ("k-agent-0123456789", True),
        ("k-store-0123456789", False),
        ("k-auditor-0123456789", False),
    ],
)
def test_orders_are_placed_by_agents_and_admins_only(
    secured: httpx.Client, node: str, key: str, allowed: bool
) -> None:
    response = secured.post("/orders", json=order_body({"SKU-A": 1}), headers=as_(key))

    if allowed:
        assert response.status_code == 201, response.text
    else:
        problem(response, 403)


@pytest.mark.parametrize(
    ("key", "allowed"),
    [
        ("k-admin-0123456789", True),
        ("k-store-0123456789", True),
        ("k-agent-0123456789", False),
        ("k-auditor-0123456789", False),
    ],
)
def test_stock_is_received_by_stores_and_admins_only(
    secured: httpx.Client, node: str, key: str, allowed: bool
) -> None:
    response = secured.post(
        f"/nodes/{node}/receipts", json={"sku": "SKU-B", "quantity": 1}, headers=as_(key)
    )

    if allowed:
        assert response.status_code == 200, response.text
    else:
        problem(response, 403)


@pytest.mark.parametrize(
    "key", ["k-agent-0123456789", "k-store-0123456789", "k-auditor-0123456789"]
)
def test_only_admins_register_nodes(secured: httpx.Client, key: str) -> None:
    problem(secured.post("/nodes", json=node_body(unique("DC")), headers=as_(key)), 403)


def test_a_forbidden_request_is_refused_before_its_body_is_used(
    secured: httpx.Client, stored_events: Callable[[], int]
) -> None:
    before = stored_events()

    response = secured.post(
        "/nodes", json=node_body(unique("DC")), headers=as_("k-auditor-0123456789")
    )

    assert "auditor" in problem(response, 403)["detail"]
    assert stored_events() == before


@pytest.mark.parametrize("path", ["/health", "/ready", "/metrics", "/", "/openapi.json"])
def test_operations_and_docs_need_no_key(secured: httpx.Client, path: str) -> None:
    assert secured.get(path).status_code == 200


@pytest.mark.parametrize(
    "key", ["k-agent-0123456789", "k-store-0123456789", "k-auditor-0123456789"]
)
def test_only_an_admin_may_replace_or_read_the_sourcing_rules(
    secured: httpx.Client, key: str
) -> None:
    problem(secured.put("/sourcing/rules", json={}, headers=as_(key)), 403)
    problem(secured.get("/sourcing/rules", headers=as_(key)), 403)
    problem(secured.get("/sourcing/rules/0", headers=as_(key)), 403)


def test_an_admin_reads_the_sourcing_rules_and_any_version(secured: httpx.Client) -> None:
    admin = as_("k-admin-0123456789")
    current = secured.get("/sourcing/rules", headers=admin)
    assert current.status_code == 200
    assert secured.get("/sourcing/rules/0", headers=admin).json()["version"] == 0


@pytest.mark.parametrize(
    ("method", "path", "body", "key", "status"),
    [
        ("PUT", "/holds/rules", {}, "k-agent-0123456789", 403),
        ("PUT", "/holds/rules", {}, "k-admin-0123456789", 200),
        ("GET", "/holds/rules", None, "k-auditor-0123456789", 200),
        ("GET", "/holds/rules", None, "k-store-0123456789", 403),
        ("POST", "/invoices/INV-none/write-off", {"reason": "x"}, "k-agent-0123456789", 403),
        ("POST", "/invoices/INV-none/write-off", {"reason": "x"}, "k-admin-0123456789", 404),
        ("PUT", "/customers/C-9", {"name": "A", "email": "a@b.c"}, "k-store-0123456789", 403),
        ("PUT", "/customers/C-9", {"name": "A", "email": "a@b.c"}, "k-agent-0123456789", 200),
    ],
)
def test_hold_rules_and_write_offs_are_for_admins_and_accounts_for_agents(
    secured: httpx.Client, method: str, path: str, body: dict | None, key: str, status: int
) -> None:
    response = secured.request(method, path, json=body, headers=as_(key))
    assert response.status_code == status, response.text


def test_an_auditor_may_read_an_account_but_not_change_it(secured: httpx.Client) -> None:
    cid = unique("C")
    body = {"name": "A", "email": "a@b.c", "credit_limit": "10.00"}
    assert (
        secured.put(f"/customers/{cid}", json=body, headers=as_("k-agent-0123456789")).status_code
        == 200
    )

    read = secured.get(f"/customers/{cid}", headers=as_("k-auditor-0123456789"))

    assert read.json()["credit_limit"] == "10.00"
    assert (read.json()["balance"], read.json()["overdue"]) == ("0.00", "0.00")
    problem(secured.put(f"/customers/{cid}", json=body, headers=as_("k-auditor-0123456789")), 403)

"""Defect 8: Swagger UI and GraphiQL work offline, from files the service serves itself.

Both pages used to load their scripts from CDNs and were blank without internet. Every
script and stylesheet they name must now be a path on this server, and answer.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import httpx
import pytest

from tests.e2e.conftest import e2e_settings, serve

ADMIN = {"X-API-Key": "admin-key-0123456789"}
HTML = {"Accept": "text/html"}


@pytest.fixture(scope="module")
def http(module_database_url: str) -> Iterator[httpx.Client]:
    settings = e2e_settings(module_database_url, api_keys={"admin-key-0123456789": "admin"})
    with serve(settings) as running, httpx.Client(base_url=running.url, timeout=20) as client:
        yield client


def assets_of(page: str) -> list[str]:
    return re.findall(r'(?:src|href)="([^"]+\.(?:js|css))"', page)


@pytest.mark.parametrize(("path", "least"), [("/docs", 2), ("/graphql", 4)])
def test_the_page_names_only_assets_this_server_serves(
    http: httpx.Client, path: str, least: int
) -> None:
    page = http.get(path, headers=HTML)  # no key: the pages hold no data
    assert page.status_code == 200
    assets = assets_of(page.text)
    assert len(assets) >= least
    assert not re.search(r"unpkg|jsdelivr|cdnjs|esm\.sh", page.text)
    for asset in assets:
        assert re.match(r"/\w", asset), asset  # a path on this server, not a CDN
        response = http.get(asset)
        assert response.status_code == 200, asset
        assert response.headers["content-type"].split(";")[0] in ("text/javascript", "text/css")
        assert len(response.content) > 5_000


def test_the_graphiql_page_needs_no_key_but_its_queries_do(http: httpx.Client) -> None:
    assert http.get("/graphql", headers=HTML).status_code == 200
    query = {"query": "{ __typename }"}
    assert http.post("/graphql", json=query).status_code == 401
    assert http.post("/graphql", json=query, headers=ADMIN).json() == {
        "data": {"__typename": "Query"}
    }

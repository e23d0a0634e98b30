"""Domain errors become problem+json with the contract's status codes (no database needed)."""

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from domain.errors import (
    ConcurrencyConflict,
    DomainError,
    InvalidRequest,
    NotAllowed,
    NotFound,
    OutOfStock,
)
from interfaces.api.errors import install


@pytest.mark.parametrize(
    ("error", "status"),
    [
        (NotFound("no order"), 404),
        (InvalidRequest("bad lines"), 422),
        (NotAllowed("shipped already"), 409),
        (OutOfStock("none left"), 409),
        (ConcurrencyConflict("try again"), 409),
    ],
)
def test_each_domain_error_maps_to_its_status_as_problem_json(
    error: DomainError, status: int
) -> None:
    app = FastAPI()
    install(app)

    @app.get("/boom")
    def boom() -> None:
        raise error

    response = TestClient(app).get("/boom")
    assert response.status_code == status
    assert response.headers["content-type"].startswith("application/problem+json")
    assert response.json()["detail"] == str(error)


def test_a_concurrency_conflict_tells_the_client_when_to_try_again() -> None:
    app = FastAPI()
    install(app)

    @app.get("/boom")
    def boom() -> None:
        raise ConcurrencyConflict("other writers kept changing the same records; try again")

    response = TestClient(app).get("/boom")
    assert response.status_code == 409
    assert response.headers["retry-after"] == "1"
    assert response.json()["type"].endswith("/concurrency-conflict")

"""The write load beside GraphQL reads keeps to its schedule and says what it reached."""

import time
from collections.abc import Iterator

import pytest

from application.oms import OMS
from interfaces.bench.graphql_writes import paced_writes
from interfaces.bench.writes import prepare


@pytest.fixture
def oms(postgres_env: dict[str, str]) -> Iterator[OMS]:
    app = OMS(postgres_env)
    yield app
    app.close()


def test_orders_are_placed_at_no_more_than_the_asked_rate_and_the_rate_is_reported(
    oms: OMS,
) -> None:
    prepare(oms)
    before = oms.head()
    with paced_writes(oms, rate=20) as reached:
        time.sleep(1.0)
    assert len(reached) == 1
    assert 0 < reached[0] <= 25
    assert oms.head() > before

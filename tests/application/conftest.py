"""Application tests run the whole OMS on the in-memory (POPO) event store."""

from collections.abc import Iterator

import pytest

from application.oms import OMS
from application.settings import in_memory_env
from tests.application.network import Network


@pytest.fixture
def oms() -> Iterator[OMS]:
    app = OMS(in_memory_env())
    yield app
    app.close()


@pytest.fixture
def network(oms: OMS) -> Network:
    return Network(oms)

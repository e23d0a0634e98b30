"""OMS_GRAPHQL_FAST_PATH: the GraphQL fast path can be switched off for a whole process."""

from __future__ import annotations

import pytest

from application.settings import Settings
from interfaces.api import app as composition
from interfaces.graphql.execution import FastExecutionContext
from interfaces.graphql.schema import OMSSchema, schema_for


def test_the_fast_path_is_on_unless_switched_off(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("OMS_GRAPHQL_FAST_PATH", raising=False)
    assert Settings().graphql_fast_path is True
    monkeypatch.setenv("OMS_GRAPHQL_FAST_PATH", "false")
    assert Settings().graphql_fast_path is False


def test_switched_off_the_schema_runs_strawberrys_own_execution() -> None:
    plain, fast = schema_for(fast_path=False), schema_for(fast_path=True)

    assert plain.fast_path is False
    assert fast.fast_path is True
    assert plain.execution_context_class is not FastExecutionContext
    assert fast.execution_context_class is FastExecutionContext
    assert schema_for(fast_path=False) is plain  # built once


@pytest.mark.parametrize("fast_path", [True, False])
def test_the_app_mounts_the_schema_the_setting_asks_for(
    monkeypatch: pytest.MonkeyPatch, fast_path: bool
) -> None:
    mounted: list[OMSSchema] = []
    real = composition.graphql_router

    def spy(schema: OMSSchema) -> object:
        mounted.append(schema)
        return real(schema)

    monkeypatch.setattr(composition, "graphql_router", spy)
    composition.create_app(Settings(api_keys={}, graphql_fast_path=fast_path))

    assert [s.fast_path for s in mounted] == [fast_path]

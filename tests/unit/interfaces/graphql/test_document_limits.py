"""A query document's size is capped before any costly work, and it is checked off the loop."""

from __future__ import annotations

import asyncio
import threading
from typing import Any

import pytest
from graphql import get_introspection_query

from interfaces.graphql import document
from interfaces.graphql.internals import core_schema
from interfaces.graphql.schema import schema, schema_for
from tests.unit.interfaces.graphql.conftest import Execute, error_codes, errors


def test_a_query_longer_than_the_byte_limit_is_refused_unparsed(execute: Execute) -> None:
    # The shape of the reported attack: thousands of aliases of one field.
    query = "{ nodes { " + " ".join(f"a{i}: code" for i in range(4900)) + " } }"
    result = execute(query)
    assert error_codes(result) == [document.TOO_LARGE]
    assert str(document.MAX_BYTES) in errors(result)[0].message
    assert result.data is None


def test_a_query_with_more_tokens_than_the_limit_is_refused(execute: Execute) -> None:
    many = "query(" + ", ".join(f"$v{i}: Int" for i in range(300)) + ") { nodes { code } }"
    assert len(many.encode()) <= document.MAX_BYTES
    result = execute(many)
    assert error_codes(result) == [document.TOO_LARGE]
    assert "tokens" in errors(result)[0].message


def test_one_field_repeated_beyond_the_field_limit_is_refused_before_validation(
    execute: Execute,
) -> None:
    # Within bytes and tokens, yet validation of it would grow with the square of its fields.
    query = "{ nodes { " + " code" * (document.MAX_FIELDS + 1) + " } }"
    result = execute(query)
    assert error_codes(result) == [document.TOO_LARGE]
    assert str(document.MAX_FIELDS) in errors(result)[0].message


def test_fields_in_fragments_count_towards_the_limit() -> None:
    parsed = document.check(
        core_schema(schema), "{ nodes { ...F code } } fragment F on Node { code name }"
    ).document
    assert parsed is not None
    assert document.count_fields(parsed) == 4


def test_the_full_introspection_query_fits_the_limits(execute: Execute) -> None:
    result = execute(get_introspection_query(descriptions=True, input_value_deprecation=True))
    assert not result.errors
    assert result.data is not None


def test_a_repeated_query_gets_the_same_checked_document() -> None:
    query = "{ nodes { code name } }"
    first = document.check(core_schema(schema), query)
    assert document.cached(core_schema(schema), query) is first
    assert document.check(core_schema(schema), query).document is first.document


def test_a_new_document_is_checked_in_a_worker_thread_not_on_the_event_loop(
    execute: Execute, monkeypatch: pytest.MonkeyPatch
) -> None:
    threads: list[threading.Thread] = []
    check = document.check

    def watched(*args: Any) -> document.Checked:
        threads.append(threading.current_thread())
        return check(*args)

    monkeypatch.setattr(document, "check", watched)
    loop_thread = threading.current_thread()  # asyncio.run runs the loop here
    execute("{ nodes { code type } }  # new text, so not cached yet")
    assert threads, "the document was not checked"
    assert threads[0] is not loop_thread


def test_too_large_queries_are_not_kept_in_the_cache(execute: Execute) -> None:
    query = "{ nodes { code } }" + " " * document.MAX_BYTES
    execute(query)
    assert document.cached(core_schema(schema), query) is None


@pytest.mark.parametrize("fast_path", [True, False], ids=["fast-path", "plain-path"])
def test_limits_hold_for_queries_run_without_the_http_layer(fast_path: bool) -> None:
    query = "{ nodes { " + " code" * (document.MAX_FIELDS + 1) + " } }"
    result = asyncio.run(schema_for(fast_path=fast_path).execute(query))
    assert error_codes(result) == [document.TOO_LARGE]

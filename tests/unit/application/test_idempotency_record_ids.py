"""An idempotency record's id is the same name-based UUID it always was, so that records
stored by earlier releases are still found."""

from __future__ import annotations

from uuid import uuid5

from hypothesis import given
from hypothesis import strategies as st

from application.idempotency import record_id
from domain.values import NAMESPACE


@given(st.text(max_size=80))
def test_a_keys_record_id_is_uuid5_of_the_key_in_the_oms_namespace(key: str) -> None:
    assert record_id(key) == uuid5(NAMESPACE, f"idempotency:{key}")

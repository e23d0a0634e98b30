"""Arrays packed in PostgreSQL's binary format read back as the values they were made of."""

from __future__ import annotations

from uuid import uuid4

import psycopg

from application import binary_arrays as arrays


def test_packed_arrays_read_back_as_their_values(connection: psycopg.Connection) -> None:
    ids = [uuid4(), uuid4()]
    row = connection.execute(
        "SELECT %b::uuid[], %b::uuid[], %b::bigint[], %b::text[], %b::bytea[]",
        (
            arrays.uuids(ids),
            arrays.uuids([str(ids[0])]),
            arrays.int8s([1, -2, 2**62]),
            arrays.texts(["oms:Order.Placed", "ünïcödé", ""]),
            arrays.byteas([b"", b"\x00\xff" * 300]),
        ),
    ).fetchone()
    assert row is not None
    assert row[0] == ids
    assert row[1] == [ids[0]]
    assert row[2] == [1, -2, 2**62]
    assert row[3] == ["oms:Order.Placed", "ünïcödé", ""]
    assert [bytes(b) for b in row[4]] == [b"", b"\x00\xff" * 300]


def test_empty_packed_arrays_are_empty_arrays(connection: psycopg.Connection) -> None:
    row = connection.execute(
        "SELECT cardinality(%b::uuid[]), cardinality(%b::text[]), cardinality(%b::bytea[])",
        (arrays.uuids([]), arrays.texts([]), arrays.byteas([])),
    ).fetchone()
    assert row == (0, 0, 0)
    assert isinstance(arrays.uuids([]), bytes)

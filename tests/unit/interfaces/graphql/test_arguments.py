from __future__ import annotations

import pytest

from interfaces.graphql.arguments import decode_cursor, encode_cursor, page_size, parse_id
from interfaces.graphql.errors import BadUserInput


def test_a_cursor_gives_back_the_values_it_holds() -> None:
    cursor = encode_cursor("2026-01-01T00:00:00+00:00", "6f1c6b1e-4a8e-4d55-9a53-2f0a4c6b8e11")
    assert decode_cursor(cursor, 2) == [
        "2026-01-01T00:00:00+00:00",
        "6f1c6b1e-4a8e-4d55-9a53-2f0a4c6b8e11",
    ]


def test_a_cursor_with_the_wrong_number_of_values_is_refused() -> None:
    with pytest.raises(BadUserInput):
        decode_cursor(encode_cursor("only-one"), 2)


def test_page_size_defaults_to_20_and_stops_at_100() -> None:
    assert (page_size(None), page_size(0), page_size(100)) == (20, 0, 100)
    with pytest.raises(BadUserInput) as raised:
        page_size(101)
    assert raised.value.extensions == {
        "code": "BAD_USER_INPUT",
        "argument": "first",
        "maximum": 100,
    }


def test_an_id_must_be_a_uuid() -> None:
    assert str(parse_id("6F1C6B1E-4A8E-4D55-9A53-2F0A4C6B8E11")).startswith("6f1c6b1e")
    with pytest.raises(BadUserInput):
        parse_id("ORD-1")

"""The OMS's JSON transcoder writes exactly what the library's writes, only faster."""

from datetime import UTC, datetime
from decimal import Decimal
from uuid import uuid4

import pytest
from eventsourcing.persistence import (
    DatetimeAsISO,
    DecimalAsStr,
    JSONTranscoder,
    TranscodingNotRegisteredError,
    UUIDAsHex,
)

from application.transcodings import Transcoder, ValueAsDict
from domain.order_values import LineItem


def registered(transcoder: JSONTranscoder) -> JSONTranscoder:
    for transcoding in (UUIDAsHex(), DecimalAsStr(), DatetimeAsISO()):
        transcoder.register(transcoding)
    transcoder.register(ValueAsDict(LineItem, "line_item"))
    return transcoder


@pytest.mark.parametrize(
    "value",
    [
        {
            "when": datetime(2026, 12, 1, 1, 2, 3, 456789, tzinfo=UTC),
            "id": uuid4(),
            "lines": (LineItem("SKU-1", 2, Decimal("9.99")),),
            "note": "Zoë's ☂ order",
            "ratio": 0.1,
            "none": None,
            "flag": True,
            "nested": {"a": [1, 2.5, "x"], "b": {}},
        },
        "a string alone",
        [Decimal("1.10"), 3],
    ],
)
def test_the_transcoder_writes_the_same_bytes_as_the_librarys(value: object) -> None:
    ours, theirs = registered(Transcoder()), registered(JSONTranscoder())
    encoded = ours.encode(value)
    assert encoded == theirs.encode(value)
    assert ours.decode(encoded) == theirs.decode(encoded)


def test_an_unregistered_type_is_refused_as_by_the_library() -> None:
    with pytest.raises(TranscodingNotRegisteredError):
        registered(Transcoder()).encode({"x": object()})

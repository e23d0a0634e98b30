"""Fingerprints of keyed requests, in format 2 and in format 1 (records saved before)."""

from __future__ import annotations

from application.commands import ReceiveStock
from application.fingerprints import FORMAT_2, fingerprint, fingerprint_v1, same_request

REQUEST = ("receive_stock", ("DC-NJ", ReceiveStock(sku="TEE", quantity=2)), {"note": "é"})
OTHER = ("receive_stock", ("DC-NJ", ReceiveStock(sku="TEE", quantity=3)), {"note": "é"})
# Made by the format-1 function as it was before format 2 (main at ac28379).
REQUEST_IN_FORMAT_1 = "efb7f6cf9a355042206dc39cc6abaaa43df96baf5c40019360439467d5c5ab0d"


def test_format_1_is_what_records_saved_before_format_2_hold() -> None:
    assert fingerprint_v1(*REQUEST) == REQUEST_IN_FORMAT_1


def test_equal_requests_have_one_format_2_fingerprint_whatever_the_order_of_their_keywords() -> (
    None
):
    reordered = (REQUEST[0], REQUEST[1], {"b": "1", "a": "2"})
    assert fingerprint(*reordered) == fingerprint(REQUEST[0], REQUEST[1], {"a": "2", "b": "1"})
    assert fingerprint(*REQUEST).startswith(FORMAT_2)
    assert fingerprint(*REQUEST) != fingerprint(*OTHER)


def test_a_request_is_compared_in_the_format_its_record_was_saved_in() -> None:
    current = fingerprint(*REQUEST)

    assert same_request(current, *REQUEST, current)
    assert same_request(REQUEST_IN_FORMAT_1, *REQUEST, current)
    assert not same_request(fingerprint(*OTHER), *REQUEST, current)
    assert not same_request(fingerprint_v1(*OTHER), *REQUEST, current)

"""Expected receipts: supply announced for a node, in transit until a receipt books it in."""

from datetime import UTC, datetime

import pytest

from application.commands import ExpectReceipt, ReceiveStock
from application.oms import OMS
from domain.errors import InvalidRequest, NotAllowed, NotFound
from tests.application.network import Network

DUE = datetime(2026, 12, 7, 9, tzinfo=UTC)


def expect(oms: OMS, code: str, sku: str, quantity: int, reference: str = "PO-1") -> dict:
    return oms.expect_receipt(
        code, ExpectReceipt(sku=sku, quantity=quantity, expected_at=DUE, reference=reference)
    )


def test_an_expected_receipt_answers_its_id_and_counts_in_transit(oms: OMS, network: Network):
    answer = expect(oms, "DC-NJ", "SKU-1", 12)

    assert answer["receipt_id"]
    assert (answer["in_transit"], answer["on_hand"], answer["available"]) == (12, 0, 0)


def test_receiving_under_the_reference_moves_it_from_in_transit_to_on_hand(
    oms: OMS, network: Network
):
    expect(oms, "DC-NJ", "SKU-1", 12)

    answer = oms.receive_stock("DC-NJ", ReceiveStock(sku="SKU-1", quantity=12, reference="PO-1"))

    assert (answer["in_transit"], answer["on_hand"], answer["available"]) == (0, 12, 12)


def test_an_expected_receipt_at_an_unknown_node_is_not_found(oms: OMS, network: Network):
    with pytest.raises(NotFound):
        expect(oms, "NOWHERE", "SKU-1", 1)


def test_a_reference_already_expected_is_refused(oms: OMS, network: Network):
    expect(oms, "DC-NJ", "SKU-1", 12)

    with pytest.raises(NotAllowed):
        expect(oms, "DC-NJ", "SKU-1", 3)


def test_expected_receipts_survive_a_snapshot(oms: OMS, network: Network):
    expect(oms, "DC-NJ", "SKU-1", 12)
    stock = oms.stock("DC-NJ", "SKU-1")

    oms.take_snapshot(stock.id)
    oms.writer.evict(stock.id)

    restored = oms.stock("DC-NJ", "SKU-1")
    assert oms.snapshots is not None
    assert [s.originator_version for s in oms.snapshots.get(stock.id)] == [stock.version]
    assert restored.expected == stock.expected
    assert restored.in_transit == 12


def test_a_sku_that_is_only_expected_is_known_and_an_order_for_it_waits(oms: OMS, network: Network):
    expect(oms, "DC-NJ", "NEW-SKU", 5)

    answer = network.place({"NEW-SKU": 2})

    assert answer["status"] == "BACKORDERED"
    assert answer["backorders"] == [{"sku": "NEW-SKU", "quantity": 2}]


def test_a_sku_that_no_node_stocks_or_expects_is_still_refused(oms: OMS, network: Network):
    expect(oms, "DC-NJ", "NEW-SKU", 5)

    with pytest.raises(InvalidRequest):
        network.place({"OTHER-SKU": 2})

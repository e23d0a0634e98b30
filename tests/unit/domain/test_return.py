"""Returns: authorisation, receipt, inspection, refund or exchange, closing and cancelling."""

from dataclasses import replace
from decimal import Decimal
from uuid import uuid4

import pytest

from domain.errors import InvalidRequest, NotAllowed
from domain.return_ import Return
from domain.return_values import ExchangeLine, InspectedLine, ReturnLabel, ReturnLine
from domain.values import Capability, Disposition, ReturnMethod, ReturnStatus
from tests.unit.domain.builders import a_node, events_of

ORDER_ID = uuid4()
LINES = [ReturnLine("SKU-1", 2, "too small"), ReturnLine("SKU-2", 1, "damaged")]
ALL_RESTOCKED = [
    InspectedLine("SKU-1", 2, Disposition.RESTOCK),
    InspectedLine("SKU-2", 1, Disposition.RESTOCK),
]
REPLACEMENT = [ExchangeLine("SKU-1B", 2)]


def a_return(method=ReturnMethod.MAIL, node_code=None, lines=LINES):
    return Return.authorize(uuid4(), ORDER_ID, lines, method, node_code)


def a_received_return():
    ret = a_return()
    ret.receive(a_node("DC1"))
    return ret


def an_inspected_return():
    ret = a_received_return()
    ret.inspect(ALL_RESTOCKED)
    return ret


def a_refunded_return():
    ret = an_inspected_return()
    ret.refund(Decimal("25.00"))
    return ret


def an_exchanged_return():
    ret = an_inspected_return()
    ret.exchange(uuid4(), REPLACEMENT)
    return ret


def a_closed_return():
    ret = a_refunded_return()
    ret.close()
    return ret


def a_cancelled_return():
    ret = a_return()
    ret.cancel("changed my mind")
    return ret


IN_STATUS = {
    ReturnStatus.AUTHORIZED: a_return,
    ReturnStatus.RECEIVED: a_received_return,
    ReturnStatus.INSPECTED: an_inspected_return,
    ReturnStatus.REFUNDED: a_refunded_return,
    ReturnStatus.EXCHANGED: an_exchanged_return,
    ReturnStatus.CLOSED: a_closed_return,
    ReturnStatus.CANCELLED: a_cancelled_return,
}
ACTIONS = {
    "receive": (lambda r: r.receive(a_node("DC1")), {ReturnStatus.AUTHORIZED}),
    "inspect": (lambda r: r.inspect(ALL_RESTOCKED), {ReturnStatus.RECEIVED}),
    "refund": (lambda r: r.refund(Decimal(1)), {ReturnStatus.INSPECTED}),
    "exchange": (lambda r: r.exchange(uuid4(), []), {ReturnStatus.INSPECTED}),
    "close": (lambda r: r.close(), {ReturnStatus.REFUNDED, ReturnStatus.EXCHANGED}),
    "cancel": (lambda r: r.cancel("no"), {ReturnStatus.AUTHORIZED}),
}


def test_every_return_status_is_reached_by_its_builder():
    assert {status: build().status for status, build in IN_STATUS.items()} == {
        status: status for status in ReturnStatus
    }


@pytest.mark.parametrize("action", list(ACTIONS))
@pytest.mark.parametrize("status", list(ReturnStatus))
def test_each_action_is_allowed_only_from_its_statuses(action, status):
    ret = IN_STATUS[status]()
    act, allowed = ACTIONS[action]
    events_of(ret)

    if status in allowed:
        act(ret)
        assert len(events_of(ret)) == 1
    else:
        with pytest.raises(NotAllowed):
            act(ret)
        assert (ret.status, events_of(ret)) == (status, [])


def test_a_mail_return_is_authorized_with_a_label():
    ret = a_return()

    assert ret.status == ReturnStatus.AUTHORIZED
    assert (ret.order_id, ret.method, ret.quantities) == (
        ORDER_ID,
        ReturnMethod.MAIL,
        {"SKU-1": 2, "SKU-2": 1},
    )
    assert ret.label == ReturnLabel("UPS", f"RMA{ret.id.hex[:12].upper()}")


def test_an_in_store_return_names_its_store_and_has_no_label():
    ret = a_return(ReturnMethod.STORE, "ST1")

    assert (ret.node_code, ret.label) == ("ST1", None)


def test_an_in_store_return_without_a_store_is_refused():
    with pytest.raises(InvalidRequest):
        a_return(ReturnMethod.STORE)


@pytest.mark.parametrize("lines", [[], [LINES[0], LINES[0]]])
def test_a_return_without_lines_or_with_a_sku_twice_is_refused(lines):
    with pytest.raises(InvalidRequest):
        a_return(lines=lines)


def test_a_return_is_received_at_an_active_node_that_takes_returns():
    ret = a_return()

    ret.receive(a_node("ST1", capabilities=(Capability.PICKUP, Capability.RETURNS)))

    assert (ret.status, ret.received_at) == (ReturnStatus.RECEIVED, "ST1")


def test_a_return_is_refused_at_a_node_that_does_not_take_returns():
    with pytest.raises(NotAllowed):
        a_return().receive(a_node("DC1", capabilities=(Capability.SHIP,)))


def test_a_return_is_refused_at_an_inactive_node():
    node = a_node("DC1")
    node.deactivate()

    with pytest.raises(NotAllowed):
        a_return().receive(node)


def test_inspection_records_dispositions_and_returns_what_to_restock():
    ret = a_received_return()
    inspection = [
        InspectedLine("SKU-1", 1, Disposition.RESTOCK),
        InspectedLine("SKU-1", 1, Disposition.REFURBISH),
        InspectedLine("SKU-2", 1, Disposition.SCRAP),
    ]

    restock = ret.inspect(inspection)

    assert restock == {"SKU-1": 1}
    assert ret.status == ReturnStatus.INSPECTED
    assert [d.disposition for d in ret.dispositions] == ["RESTOCK", "REFURBISH", "SCRAP"]


def test_an_inspection_with_nothing_to_restock_restocks_nothing():
    ret = a_received_return()

    scrapped = [replace(line, disposition=Disposition.SCRAP) for line in ALL_RESTOCKED]

    assert ret.inspect(scrapped) == {}


@pytest.mark.parametrize(
    "inspection",
    [
        ALL_RESTOCKED[:1],
        [replace(ALL_RESTOCKED[0], quantity=3), ALL_RESTOCKED[1]],
        [*ALL_RESTOCKED, InspectedLine("SKU-3", 1, Disposition.RESTOCK)],
        [*ALL_RESTOCKED, InspectedLine("SKU-2", 0, Disposition.SCRAP)],
    ],
)
def test_an_inspection_must_account_for_every_returned_unit(inspection):
    ret = a_received_return()

    with pytest.raises(InvalidRequest):
        ret.inspect(inspection)
    assert ret.status == ReturnStatus.RECEIVED


def test_a_refund_records_its_amount():
    assert a_refunded_return().refunded == Decimal("25.00")


def test_an_exchange_records_the_replacement_order():
    ret = an_inspected_return()
    replacement = uuid4()

    ret.exchange(replacement, REPLACEMENT)

    assert (ret.status, ret.exchange_order_id) == (ReturnStatus.EXCHANGED, replacement)

"""Event topics are pinned: renaming a class must not orphan the events already stored."""

import pytest
from eventsourcing.utils import resolve_topic

from domain.customer import Customer
from domain.data_subject import DataSubject
from domain.hold_policy import HoldPolicy
from domain.inventory_node import InventoryNode
from domain.kit import Kit
from domain.node_stock import NodeStock
from domain.order import Order
from domain.return_ import Return
from domain.rule_set import SourcingRuleSet
from tests.unit.domain.builders import nested_events

AGGREGATES = [
    Order,
    InventoryNode,
    NodeStock,
    Return,
    SourcingRuleSet,
    Customer,
    HoldPolicy,
    Kit,
    DataSubject,
]

# The committed list. Adding an event adds a line here; changing or removing one is a
# breaking change for stored events and needs an upcaster, not an edit of this list.
TOPICS = {
    "oms:Order": Order,
    "oms:Order.Event": Order.Event,
    "oms:Order.Created": Order.Created,
    "oms:Order.Placed": Order.Placed,
    "oms:Order.Allocated": Order.Allocated,
    "oms:Order.HoldPlaced": Order.HoldPlaced,
    "oms:Order.HoldReleased": Order.HoldReleased,
    "oms:Order.Cancelled": Order.Cancelled,
    "oms:Order.AddressChanged": Order.AddressChanged,
    "oms:Order.LineAdded": Order.LineAdded,
    "oms:Order.LineIncreased": Order.LineIncreased,
    "oms:Order.ShipmentStepped": Order.ShipmentStepped,
    "oms:Order.InvoiceIssued": Order.InvoiceIssued,
    "oms:Order.PaymentRecorded": Order.PaymentRecorded,
    "oms:Order.ReturnRecorded": Order.ReturnRecorded,
    "oms:Order.ReturnWithdrawn": Order.ReturnWithdrawn,
    "oms:Order.CreditMemoIssued": Order.CreditMemoIssued,
    "oms:Order.Closed": Order.Closed,
    "oms:Order.PaymentCaptured": Order.PaymentCaptured,
    "oms:Order.PaymentRefunded": Order.PaymentRefunded,
    "oms:Order.InvoiceWrittenOff": Order.InvoiceWrittenOff,
    "oms:Order.AllocationsWithdrawn": Order.AllocationsWithdrawn,
    "oms:Order.ShipmentScanned": Order.ShipmentScanned,
    "oms:Order.PreorderArrived": Order.PreorderArrived,
    "oms:Kit": Kit,
    "oms:Kit.Event": Kit.Event,
    "oms:Kit.Created": Kit.Created,
    "oms:Kit.Defined": Kit.Defined,
    "oms:InventoryNode": InventoryNode,
    "oms:InventoryNode.Event": InventoryNode.Event,
    "oms:InventoryNode.Created": InventoryNode.Created,
    "oms:InventoryNode.Registered": InventoryNode.Registered,
    "oms:InventoryNode.Deactivated": InventoryNode.Deactivated,
    "oms:InventoryNode.Activated": InventoryNode.Activated,
    "oms:InventoryNode.DowntimeScheduled": InventoryNode.DowntimeScheduled,
    "oms:InventoryNode.DowntimeCancelled": InventoryNode.DowntimeCancelled,
    "oms:NodeStock": NodeStock,
    "oms:NodeStock.Event": NodeStock.Event,
    "oms:NodeStock.Created": NodeStock.Created,
    "oms:NodeStock.Received": NodeStock.Received,
    "oms:NodeStock.Adjusted": NodeStock.Adjusted,
    "oms:NodeStock.SafetyStockSet": NodeStock.SafetyStockSet,
    "oms:NodeStock.Reserved": NodeStock.Reserved,
    "oms:NodeStock.Released": NodeStock.Released,
    "oms:NodeStock.Shipped": NodeStock.Shipped,
    "oms:NodeStock.Restocked": NodeStock.Restocked,
    "oms:NodeStock.TransferredOut": NodeStock.TransferredOut,
    "oms:NodeStock.TransferExpected": NodeStock.TransferExpected,
    "oms:NodeStock.TransferReceived": NodeStock.TransferReceived,
    "oms:NodeStock.ReceiptExpected": NodeStock.ReceiptExpected,
    "oms:NodeStock.ExpectedReceiptArrived": NodeStock.ExpectedReceiptArrived,
    "oms:NodeStock.PreorderReserved": NodeStock.PreorderReserved,
    "oms:NodeStock.PreorderFilled": NodeStock.PreorderFilled,
    "oms:NodeStock.PreorderReleased": NodeStock.PreorderReleased,
    "oms:Return": Return,
    "oms:Return.Event": Return.Event,
    "oms:Return.Created": Return.Created,
    "oms:Return.Authorized": Return.Authorized,
    "oms:Return.Received": Return.Received,
    "oms:Return.Inspected": Return.Inspected,
    "oms:Return.Refunded": Return.Refunded,
    "oms:Return.Exchanged": Return.Exchanged,
    "oms:Return.Closed": Return.Closed,
    "oms:Return.Cancelled": Return.Cancelled,
    "oms:SourcingRuleSet": SourcingRuleSet,
    "oms:SourcingRuleSet.Event": SourcingRuleSet.Event,
    "oms:SourcingRuleSet.Created": SourcingRuleSet.Created,
    "oms:SourcingRuleSet.Replaced": SourcingRuleSet.Replaced,
    "oms:Customer": Customer,
    "oms:Customer.Event": Customer.Event,
    "oms:Customer.Created": Customer.Created,
    "oms:Customer.Registered": Customer.Registered,
    "oms:Customer.Updated": Customer.Updated,
    "oms:HoldPolicy": HoldPolicy,
    "oms:HoldPolicy.Event": HoldPolicy.Event,
    "oms:HoldPolicy.Created": HoldPolicy.Created,
    "oms:HoldPolicy.Adopted": HoldPolicy.Adopted,
    "oms:HoldPolicy.Replaced": HoldPolicy.Replaced,
    "oms:DataSubject": DataSubject,
    "oms:DataSubject.Event": DataSubject.Event,
    "oms:DataSubject.Created": DataSubject.Created,
    "oms:DataSubject.Opened": DataSubject.Opened,
    "oms:DataSubject.PersonalDataErased": DataSubject.PersonalDataErased,
}


EVENTS = [event for aggregate in AGGREGATES for event in nested_events(aggregate)]


def pinned(cls):
    """The topic the class itself names; for an event the aggregate class redefined from one
    defined in a concept's module (`Order.Allocated` from `order_allocation.Allocated`),
    the topic that module's class names."""
    if "TOPIC" in vars(cls):
        return vars(cls)["TOPIC"]
    original = cls.__bases__[0]
    assert original.__name__ == cls.__name__, f"{cls.__qualname__} inherits its topic"
    return vars(original)["TOPIC"]


@pytest.mark.parametrize("event", EVENTS, ids=lambda e: e.__qualname__)
def test_every_event_class_pins_its_own_topic(event):
    assert pinned(event)


@pytest.mark.parametrize("aggregate", AGGREGATES, ids=lambda a: a.__name__)
def test_every_aggregate_pins_its_own_topic(aggregate):
    assert "TOPIC" in vars(aggregate)


def test_no_two_classes_share_a_topic():
    topics = [pinned(cls) for cls in [*AGGREGATES, *EVENTS]]

    assert len(topics) == len(set(topics))


def test_the_topics_are_exactly_the_committed_list():
    topics = {pinned(cls): cls for cls in [*AGGREGATES, *EVENTS]}

    assert sorted(topics) == sorted(TOPICS)
    assert topics == TOPICS


@pytest.mark.parametrize("topic", list(TOPICS))
def test_every_committed_topic_resolves_to_its_class(topic):
    assert resolve_topic(topic) is TOPICS[topic]

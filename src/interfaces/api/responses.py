"""What each REST route answers, as response models, so the OpenAPI document describes it.

The application builds its answers as plain dicts (`application/answers.py`); these models
describe and check them on the way out. They allow extra members: a field added to an
answer reaches callers at once and is described here when someone adds it (the test on
the OpenAPI document only insists that every route has a described success).
Money is a decimal string (`"19.90"`), instants ISO 8601 with an offset.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any
from uuid import UUID

from pydantic import BaseModel, ConfigDict, Field

from domain.values import (
    Capability,
    NodeType,
    OrderStatus,
    ReturnMethod,
    ReturnStatus,
    ShipmentStatus,
    ShipmentType,
)

MoneyText = str  # decimal places kept as stored, e.g. "19.90"


class Answer(BaseModel):
    model_config = ConfigDict(extra="allow")


class Logged(Answer):
    position: int = Field(
        description="Log position of the command's last event; send it to GraphQL as "
        "`X-OMS-Consistent-After` to read this write."
    )


class SkuQuantity(Answer):
    sku: str
    quantity: int


class ShipmentAnswer(Answer):
    shipment_id: UUID
    node_code: str
    status: ShipmentStatus
    carrier: str | None
    tracking_number: str | None
    lines: list[SkuQuantity]
    awaiting_stock: list[str] = Field(
        default_factory=list,
        description="A preorder's SKUs whose supply in transit has not arrived (it cannot "
        "be picked until none is left).",
    )
    promised_date: date | None = Field(
        default=None, description="When a preorder's supply is expected (null: unknown)."
    )
    type: ShipmentType = Field(
        default=ShipmentType.SHIP,
        description="SHIP, PICKUP, or TRANSFER: sent from `node_code` to the pickup store "
        "`transfer_to`, in transit there once shipped, ready for pickup when the store has "
        "received it all (POST /nodes/{store}/transfers/{shipment_id}/receive per SKU).",
    )
    transfer_to: str | None = Field(default=None, description="A TRANSFER's pickup store.")


class OrderFacts(Answer):
    order_id: UUID
    status: OrderStatus
    shipments: list[ShipmentAnswer]
    backorders: list[SkuQuantity] = Field(description="Units waiting for stock, per SKU.")


class OrderAnswer(OrderFacts, Logged):
    """An order after a command: status, shipments per node, backorders."""


class PaymentAnswer(OrderAnswer):
    paid: MoneyText
    owed: MoneyText


class WriteOffAnswer(OrderAnswer):
    invoice_number: str
    written_off: MoneyText = Field(description="The amount written off now.")
    open: MoneyText = Field(description="What is still open on the invoice (0.00).")


class StockFacts(Answer):
    node_code: str
    sku: str
    on_hand: int
    reserved: int
    safety_stock: int
    in_transit: int
    preordered: int = Field(description="Units of the supply in transit held for preorders.")
    available: int = Field(
        description="on_hand - reserved - safety_stock, less what arrived for preorders not "
        "yet filled; never below 0."
    )


class StockAnswer(StockFacts, Logged):
    """One SKU's stock at one node after a command."""


class ExpectedReceiptAnswer(StockAnswer):
    """The node's stock of the SKU, the expected supply counted in transit."""

    receipt_id: UUID


class TransferAnswer(Logged):
    model_config = ConfigDict(populate_by_name=True)

    transfer_id: UUID
    from_: StockFacts = Field(alias="from", description="The sending node's stock.")
    to: StockFacts = Field(description="The receiving node's stock (in transit).")


class Downtime(Answer):
    id: UUID
    starts_at: str
    ends_at: str
    reason: str


class NodeAnswer(Logged):
    code: str
    name: str
    type: NodeType
    lat: float
    lon: float
    capabilities: list[Capability]
    daily_capacity: int | None
    priority: int
    ship_cost: MoneyText
    active: bool
    downtimes: list[Downtime]


class DowntimeAnswer(NodeAnswer):
    downtime_id: UUID = Field(description="The new downtime window's id.")


class ReturnLabel(Answer):
    carrier: str
    tracking_number: str


class ReturnAnswer(Logged):
    return_id: UUID
    order_id: UUID
    status: ReturnStatus
    method: ReturnMethod
    label: ReturnLabel | None = Field(description="MAIL returns: the carrier label.")
    received_node: str | None
    refunded: MoneyText
    exchange_order_id: UUID | None


class ExchangeAnswer(ReturnAnswer):
    exchange_order: OrderFacts = Field(description="The replacement order, placed at no charge.")


class VersionAnswer(Logged):
    version: int = Field(description="The new version of the rule set.")


class KitFacts(Answer):
    """A kit as defined now: its components (units of each per kit) and its version."""

    sku: str
    version: int = Field(description="1 for the first definition, one more for each change.")
    components: list[SkuQuantity]
    ship_together: bool


class KitAnswer(KitFacts, Logged):
    pass


class SourcingRulesAnswer(Answer):
    """A sourcing rule set in force (or as it was) with its version; see PUT /sourcing/rules."""

    version: int
    weights: dict[str, float]
    max_shipments: int | None
    split: dict[str, Any]
    groups: list[dict[str, Any]]
    channels: dict[str, dict[str, Any]]
    preorder_in_transit: bool | None = None
    pickup_expiry_days: int | None = None


class HoldRules(Answer):
    version: int
    rules: dict[str, Any] = Field(description="credit, fraud and address rules; see PUT.")


class HoldRulesAnswer(HoldRules, Logged):
    """The hold rules just stored."""


class AccountFacts(Answer):
    customer_id: str
    credit_limit: MoneyText | None
    payment_terms_days: int
    balance: MoneyText = Field(description="Invoiced - paid - credited - written off.")
    overdue: MoneyText
    overdue_invoices: int


class CustomerFacts(AccountFacts):
    name: str = Field(description='`"[erased]"` once the personal data is erased.')
    email: str = Field(description='`"[erased]"` once the personal data is erased.')
    phone: str | None = Field(description="E.164, if given; null once erased.")


class CustomerAnswer(AccountFacts, Logged):
    """The account just stored, with its balance; without the name and email, which are
    kept only where erasing the customer reaches (a keyed request's answer is kept)."""


class ErasureAnswer(Logged):
    """A customer's personal data erased: their keys destroyed, the erasure recorded."""

    customer_id: str
    erased: bool
    erased_at: datetime | None
    keys_destroyed: int = Field(description="0 when nothing was left to erase.")

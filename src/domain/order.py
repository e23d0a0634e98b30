"""The customer order: placement, sourcing results, holds, changes and fulfilment."""

from __future__ import annotations

from collections.abc import Collection
from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import Any
from uuid import UUID

from eventsourcing.domain import Aggregate

from domain.errors import InvalidRequest, NotAllowed, NotFound
from domain.holds import Verdict
from domain.kits import (
    carried,
    check_parts,
    in_parts,
    kits_in,
    kits_touched,
    owners,
    refresh_kit_backorders,
    unsourced,
    value_of,
)
from domain.ledger import Invoice, open_amounts
from domain.order_guards import check_closable, refuse_if_cancelled
from domain.order_line import OrderLine, check_new_lines, order_total, placed_line
from domain.order_status import derive_status
from domain.scans import ScanCode, check_scannable
from domain.shipment import GONE, LIVE, OPEN, Shipment, documents_for
from domain.sourcing import Plan
from domain.sourcing_columns import columnar_explanation
from domain.sourcing_legacy import legacy_explanation
from domain.values import (
    Channel,
    DeliveryMethod,
    HoldType,
    OrderStatus,
    ShipmentStatus,
    child_id,
)

Quantities = dict[str, int]


class Order(Aggregate):
    TOPIC = "oms:Order"
    class_version = 2

    @staticmethod
    def upcast_v1_v2(state: dict[str, Any]) -> None:
        """Snapshots from before invoices, captures, write-offs and rule holds were kept."""
        state.update(captured=Decimal(0), written_off=Decimal(0), invoices={}, write_offs={})
        authorized = Decimal(str(state.get("authorized", 0)))
        state.update(auto_holds={}, payment_method="card" if authorized > 0 else None)
        state["billing_country"] = None

    class Event(Aggregate.Event):
        TOPIC = "oms:Order.Event"

    class Created(Event, Aggregate.Created):
        TOPIC = "oms:Order.Created"

    class Placed(Created):
        TOPIC = "oms:Order.Placed"
        channel: str
        external_ref: str | None
        customer: dict[str, str]
        delivery: dict[str, Any]
        lines: list[dict[str, Any]]
        requested_date: str | None
        payment: dict[str, Any] | None

    class Allocated(Event):
        """Shipments were created for unsourced quantities; the rest is backordered.

        Version 2 explanations name the rules version, the trigger and every candidate
        (see domain.sourcing); version 1 ones are read through `legacy_explanation`.
        Version 3 keeps the candidates as columns (domain.sourcing_columns); version 2
        kept one object per candidate.
        """

        TOPIC = "oms:Order.Allocated"
        class_version = 3
        reason: str
        shipments: list[dict[str, Any]]
        backordered: Quantities
        explanation: dict[str, Any]

        @staticmethod
        def upcast_v1_v2(state: dict[str, Any]) -> None:
            state["explanation"] = legacy_explanation(
                state["reason"], state["explanation"], state["shipments"]
            )

        @staticmethod
        def upcast_v2_v3(state: dict[str, Any]) -> None:
            state["explanation"] = columnar_explanation(state["explanation"])

        def apply(self, order: Order) -> None:
            for s in self.shipments:
                sid = UUID(str(s["shipment_id"]))
                order.shipments[str(sid)] = Shipment(sid, s["node_code"], dict(s["lines"]))
            for sku, qty in self.backordered.items():
                line = order.lines.get(sku)
                if line is not None and not line.components:
                    line.backordered = qty
            refresh_kit_backorders(order)

    class HoldPlaced(Event):
        """A hold; `rule` and `rules_version` name the hold rule that placed it (None: an agent)."""

        TOPIC = "oms:Order.HoldPlaced"
        class_version = 2
        hold_type: str
        reason: str
        rule: str | None
        rules_version: int | None

        @staticmethod
        def upcast_v1_v2(state: dict[str, Any]) -> None:
            state.update(rule=None, rules_version=None)

        def apply(self, order: Order) -> None:
            order.holds[self.hold_type] = self.reason
            if self.rule is not None:
                order.auto_holds[self.hold_type] = self.rule

    class HoldReleased(Event):
        """A hold released; `rule` set when its cause cleared, None when an agent released it."""

        TOPIC = "oms:Order.HoldReleased"
        class_version = 2
        hold_type: str
        rule: str | None
        reason: str | None

        @staticmethod
        def upcast_v1_v2(state: dict[str, Any]) -> None:
            state.update(rule=None, reason=None)

        def apply(self, order: Order) -> None:
            del order.holds[self.hold_type]
            order.auto_holds.pop(self.hold_type, None)

    class Cancelled(Event):
        """Quantities cancelled: taken from the backorder first, then from open shipments."""

        TOPIC = "oms:Order.Cancelled"
        reason: str
        lines: Quantities
        from_shipments: list[dict[str, Any]]

        def apply(self, order: Order) -> None:
            taken: Quantities = {}
            for r in self.from_shipments:
                order.shipments[str(r["shipment_id"])].reduce(r["sku"], r["quantity"])
                taken[r["sku"]] = taken.get(r["sku"], 0) + r["quantity"]
            for sku, qty in self.lines.items():
                line = order.lines[sku]
                line.cancelled += qty
                line.backordered = max(0, line.backordered - (qty - taken.get(sku, 0)))
            refresh_kit_backorders(order)

    class AddressChanged(Event):
        TOPIC = "oms:Order.AddressChanged"
        address: dict[str, Any]

        def apply(self, order: Order) -> None:
            order.delivery = {**order.delivery, "address": self.address}

    class AllocationsWithdrawn(Event):
        """Shipments not yet picked were let go, to be sourced again (an address change)."""

        TOPIC = "oms:Order.AllocationsWithdrawn"
        reason: str
        shipments: list[dict[str, Any]]

        def apply(self, order: Order) -> None:
            for s in self.shipments:
                order.shipments[str(s["shipment_id"])].status = ShipmentStatus.CANCELLED

    class LineAdded(Event):
        TOPIC = "oms:Order.LineAdded"
        sku: str
        quantity: int
        unit_price: Decimal

        def apply(self, order: Order) -> None:
            order.lines[self.sku] = OrderLine(self.sku, self.quantity, Decimal(self.unit_price))

    class LineIncreased(Event):
        TOPIC = "oms:Order.LineIncreased"
        sku: str
        quantity: int

        def apply(self, order: Order) -> None:
            order.lines[self.sku].quantity += self.quantity

    class ShipmentStepped(Event):
        """A fulfilment step on one shipment; `step` names it, `documents` it produced."""

        TOPIC = "oms:Order.ShipmentStepped"
        shipment_id: UUID
        step: str
        status: str
        node_code: str
        lines: Quantities
        documents: dict[str, str]
        carrier: str | None
        tracking_number: str | None
        reason: str | None

        def apply(self, order: Order) -> None:
            shipment = order.shipments[str(self.shipment_id)]
            shipment.status = ShipmentStatus(self.status)
            shipment.documents.update(self.documents)
            if self.carrier is not None:
                shipment.carrier = self.carrier
                shipment.tracking_number = self.tracking_number

    class ShipmentScanned(Event):
        """A carrier scanned a shipped shipment (`at`: when, by the carrier's clock)."""

        TOPIC = "oms:Order.ShipmentScanned"
        shipment_id: UUID
        code: str
        at: datetime
        location: str | None

    class InvoiceIssued(Event):
        """An invoice for a shipment that left, due `payment_terms_days` after its issue."""

        TOPIC = "oms:Order.InvoiceIssued"
        class_version = 2
        invoice_number: str
        shipment_id: UUID
        amount: Decimal
        payment_terms_days: int

        @staticmethod
        def upcast_v1_v2(state: dict[str, Any]) -> None:
            state["payment_terms_days"] = 0

        def apply(self, order: Order) -> None:
            order.invoiced += Decimal(self.amount)
            issued = self.timestamp.date()
            due = issued + timedelta(days=self.payment_terms_days)
            order.invoices[self.invoice_number] = Invoice(
                self.invoice_number, Decimal(self.amount), issued, due
            )

    class PaymentCaptured(Event):
        """Authorised money taken for an invoice when its shipment left."""

        TOPIC = "oms:Order.PaymentCaptured"
        invoice_number: str
        amount: Decimal
        method: str

        def apply(self, order: Order) -> None:
            order.paid += Decimal(self.amount)
            order.captured += Decimal(self.amount)

    class PaymentRefunded(Event):
        """Money paid back after a credit memo left the customer paid beyond what they owe."""

        TOPIC = "oms:Order.PaymentRefunded"
        memo_number: str
        amount: Decimal

        def apply(self, order: Order) -> None:
            order.paid -= Decimal(self.amount)

    class InvoiceWrittenOff(Event):
        TOPIC = "oms:Order.InvoiceWrittenOff"
        invoice_number: str
        amount: Decimal
        reason: str

        def apply(self, order: Order) -> None:
            order.written_off += Decimal(self.amount)
            order.write_offs[self.invoice_number] = Decimal(self.amount)

    class PaymentRecorded(Event):
        TOPIC = "oms:Order.PaymentRecorded"
        amount: Decimal
        method: str
        reference: str

        def apply(self, order: Order) -> None:
            order.paid += Decimal(self.amount)
            order.payment_refs.add(self.reference)

    class ReturnRecorded(Event):
        TOPIC = "oms:Order.ReturnRecorded"
        return_id: UUID
        lines: Quantities

        def apply(self, order: Order) -> None:
            order.returns[str(self.return_id)] = dict(self.lines)
            for sku, qty in self.lines.items():
                order.lines[sku].returned += qty

    class ReturnWithdrawn(Event):
        TOPIC = "oms:Order.ReturnWithdrawn"
        return_id: UUID

        def apply(self, order: Order) -> None:
            for sku, qty in order.returns.pop(str(self.return_id)).items():
                order.lines[sku].returned -= qty

    class CreditMemoIssued(Event):
        TOPIC = "oms:Order.CreditMemoIssued"
        memo_number: str
        return_id: UUID
        amount: Decimal

        def apply(self, order: Order) -> None:
            order.refunded += Decimal(self.amount)

    class Closed(Event):
        TOPIC = "oms:Order.Closed"

        def apply(self, order: Order) -> None:
            order.closed = True

    def __init__(
        self,
        channel: str,
        external_ref: str | None,
        customer: dict[str, str],
        delivery: dict[str, Any],
        lines: list[dict[str, Any]],
        requested_date: str | None,
        payment: dict[str, Any] | None,
    ) -> None:
        self.channel = Channel(channel)
        self.external_ref = external_ref
        self.customer = customer
        self.delivery = delivery
        self.lines = {ln["sku"]: placed_line(ln) for ln in lines}
        self.requested_date = date.fromisoformat(requested_date) if requested_date else None
        self.authorized = Decimal(payment["authorized_amount"]) if payment else Decimal(0)
        self.payment_method: str | None = str(payment["method"]) if payment else None
        self.billing_country: str | None = payment.get("billing_country") if payment else None
        self.shipments: dict[str, Shipment] = {}
        self.holds: dict[str, str] = {}
        self.returns: dict[str, Quantities] = {}
        self.payment_refs: set[str] = set()
        self.paid = self.invoiced = self.refunded = Decimal(0)
        self.captured = self.written_off = Decimal(0)
        self.invoices: dict[str, Invoice] = {}
        self.write_offs: dict[str, Decimal] = {}
        self.auto_holds: dict[str, str] = {}  # hold type -> the rule that placed it
        self.closed = False

    @classmethod
    def place(
        cls,
        order_id: UUID,
        channel: Channel,
        customer: dict[str, str],
        delivery: dict[str, Any],
        lines: list[dict[str, Any]],
        *,
        external_ref: str | None = None,
        requested_date: date | None = None,
        payment: dict[str, Any] | None = None,
    ) -> Order:
        check_new_lines(lines)
        check_parts(lines)
        method = DeliveryMethod(delivery["method"])
        if method is DeliveryMethod.PICKUP and not delivery.get("pickup_node"):
            raise InvalidRequest("a pickup order needs a pickup_node")
        if method is DeliveryMethod.SHIP and not delivery.get("address"):
            raise InvalidRequest("a shipped order needs an address")
        return cls._create(
            cls.Placed,
            id=order_id,
            channel=str(channel),
            external_ref=external_ref,
            customer=customer,
            delivery=delivery,
            lines=lines,
            requested_date=requested_date.isoformat() if requested_date else None,
            payment=payment,
        )

    # Queries -------------------------------------------------------------------------

    @property
    def status(self) -> OrderStatus:
        return derive_status(self)

    @property
    def method(self) -> DeliveryMethod:
        return DeliveryMethod(self.delivery["method"])

    @property
    def total(self) -> Decimal:
        return order_total(self.lines.values())

    @property
    def owed(self) -> Decimal:
        """What the customer still has to pay: the goods (or what was invoiced, if more)
        less what was paid, credited and written off. Negative: paid too much."""
        due = max(self.total, self.invoiced) - self.refunded - self.written_off
        return due - self.paid

    @property
    def uninvoiced(self) -> Decimal:
        """The value of the order not invoiced yet: what it will add to the balance."""
        return max(Decimal(0), self.total - self.invoiced)

    def in_shipments(self, sku: str, statuses: frozenset[ShipmentStatus] = LIVE) -> int:
        return sum(s.quantity(sku) for s in self.shipments.values() if s.status in statuses)

    def to_source(self) -> Quantities:
        """Quantities no live shipment covers: what sourcing must place (or backorder),
        by the SKUs shipments carry (a kit line's components)."""
        return unsourced(self)

    def rejected_nodes(self) -> frozenset[str]:
        return frozenset(
            s.node_code for s in self.shipments.values() if s.status == ShipmentStatus.REJECTED
        )

    def shipment(self, shipment_id: UUID) -> Shipment:
        try:
            return self.shipments[str(shipment_id)]
        except KeyError:
            raise NotFound(f"order {self.id} has no shipment {shipment_id}") from None

    def returnable(self, sku: str) -> int:
        line = self.lines.get(sku)
        if line is None:
            return 0
        delivered = kits_in(line, carried(self, frozenset({ShipmentStatus.DELIVERED})))
        return delivered - line.returned

    # Commands ------------------------------------------------------------------------

    def allocate(self, plan: Plan, reason: str) -> list[Shipment]:
        """Record a sourcing plan for what `to_source` returned; returns the new shipments."""
        self._check_open()
        wanted = self.to_source()
        planned: Quantities = {}
        for lines in plan.shipments.values():
            for sku, qty in lines.items():
                planned[sku] = planned.get(sku, 0) + qty
        if any(qty > wanted.get(sku, 0) for sku, qty in planned.items()):
            raise InvalidRequest("the plan sources more than the order still needs")
        first = len(self.shipments) + 1
        shipments = [
            {
                "shipment_id": child_id(self.id, f"shipment-{first + n}"),
                "node_code": node,
                "lines": dict(lines),
            }
            for n, (node, lines) in enumerate(sorted(plan.shipments.items()))
        ]
        backordered = {sku: qty - planned.get(sku, 0) for sku, qty in wanted.items()}
        self.trigger_event(
            self.Allocated,
            reason=reason,
            shipments=shipments,
            backordered=backordered,
            explanation=plan.explanation,
        )
        return [self.shipments[str(s["shipment_id"])] for s in shipments]

    def place_hold(self, hold_type: HoldType, reason: str) -> None:
        self._check_open()
        refuse_if_cancelled(self, "place a hold")
        if self.status in (OrderStatus.SHIPPED, OrderStatus.DELIVERED):
            raise NotAllowed(f"order {self.id} is {self.status}: nothing left to hold")
        if str(hold_type) in self.holds:
            raise NotAllowed(f"order {self.id} already has a {hold_type} hold")
        self.trigger_event(
            self.HoldPlaced, hold_type=str(hold_type), reason=reason, rule=None, rules_version=None
        )

    def release_hold(self, hold_type: HoldType) -> None:
        if str(hold_type) not in self.holds:
            raise NotFound(f"order {self.id} has no {hold_type} hold")
        self.trigger_event(self.HoldReleased, hold_type=str(hold_type), rule=None, reason=None)

    def judge(self, verdicts: dict[HoldType, Verdict], rules_version: int) -> None:
        """Place the holds the rules call for; release those a rule placed and now clears.

        Holds an agent placed stay until the agent releases them.
        """
        for verdict in verdicts.values():
            kind = str(verdict.hold_type)
            if verdict.held and kind not in self.holds and self._holdable():
                self.trigger_event(
                    self.HoldPlaced,
                    hold_type=kind,
                    reason=verdict.reason,
                    rule=verdict.rule,
                    rules_version=rules_version,
                )
            elif not verdict.held and kind in self.auto_holds:
                self.trigger_event(
                    self.HoldReleased, hold_type=kind, rule=verdict.rule, reason=verdict.reason
                )

    def cancel(self, reason: str, lines: Quantities | None = None) -> list[dict[str, Any]]:
        """Cancel quantities (all that is still open when `lines` is None).

        Returns the shipment reductions, whose reservations the caller must release.
        """
        self._check_open()
        open_qty = {sku: self._cancellable(sku) for sku in self.lines}
        if lines is None:
            lines = {sku: qty for sku, qty in open_qty.items() if qty > 0}
            if not lines:
                raise NotAllowed(f"order {self.id} has nothing left to cancel")
        for sku, qty in lines.items():
            if sku not in self.lines:
                raise InvalidRequest(f"order {self.id} has no line for {sku}")
            if qty <= 0 or qty > open_qty[sku]:
                raise NotAllowed(f"cannot cancel {qty} of {sku}: {open_qty[sku]} still open")
        reductions = self._reductions(in_parts(self.lines, lines))
        self.trigger_event(
            self.Cancelled, reason=reason, lines=dict(lines), from_shipments=reductions
        )
        return reductions

    def change_address(self, address: dict[str, Any]) -> list[dict[str, Any]]:
        """Change where a shipped order goes, before any shipment is picked.

        Shipments still only allocated are withdrawn so that sourcing can choose again for
        the new address; returns their reductions, whose reservations the caller releases.
        """
        self._check_open()
        refuse_if_cancelled(self, "change the address")
        if self.method is not DeliveryMethod.SHIP:
            raise NotAllowed("a pickup order has no delivery address")
        if any(
            s.status
            not in (ShipmentStatus.ALLOCATED, ShipmentStatus.CANCELLED, ShipmentStatus.REJECTED)
            for s in self.shipments.values()
        ):
            raise NotAllowed(f"order {self.id}: a shipment is already picked")
        self.trigger_event(self.AddressChanged, address=address)
        withdrawn = [s for s in self.shipments.values() if s.status is ShipmentStatus.ALLOCATED]
        if not withdrawn:
            return []
        self.trigger_event(
            self.AllocationsWithdrawn,
            reason="address changed",
            shipments=[
                {"shipment_id": s.id, "node_code": s.node_code, "lines": dict(s.lines)}
                for s in withdrawn
            ],
        )
        return [
            {"shipment_id": s.id, "node_code": s.node_code, "sku": sku, "quantity": qty}
            for s in withdrawn
            for sku, qty in s.lines.items()
        ]

    def add_line(self, sku: str, quantity: int, unit_price: Decimal) -> None:
        self._check_open()
        refuse_if_cancelled(self, "add a line")
        if sku in self.lines:
            raise NotAllowed(f"order {self.id} already has a line for {sku}; change it instead")
        check_new_lines([{"sku": sku, "quantity": quantity, "unit_price": unit_price}])
        if sku in owners(self.lines.values()):
            raise InvalidRequest(f"{sku} is part of a kit on order {self.id}")
        self.trigger_event(self.LineAdded, sku=sku, quantity=quantity, unit_price=unit_price)

    def change_quantity(self, sku: str, quantity: int) -> list[dict[str, Any]]:
        """Set a line's quantity; a decrease cancels, an increase adds to what is sourced."""
        line = self.lines.get(sku)
        if line is None:
            raise NotFound(f"order {self.id} has no line for {sku}")
        if quantity < 0:
            raise InvalidRequest("quantity cannot be negative")
        refuse_if_cancelled(self, "change a line")
        if quantity < line.effective:
            return self.cancel("quantity changed", {sku: line.effective - quantity})
        if quantity > line.effective:
            self._check_open()
            self.trigger_event(self.LineIncreased, sku=sku, quantity=quantity - line.effective)
        return []

    def step(
        self,
        shipment_id: UUID,
        step: str,
        *,
        carrier: str | None = None,
        tracking_number: str | None = None,
        reason: str | None = None,
        payment_terms_days: int = 0,
    ) -> Shipment:
        """Move a shipment one fulfilment step on; returns the shipment as it now stands.

        When the goods leave, the shipment is invoiced (due after the payment terms) and
        what is still authorised is captured for it, up to the invoice's amount.
        """
        shipment = self.shipment(shipment_id)
        shipment.check(step)
        if self.holds and step != "reject":
            raise NotAllowed(f"order {self.id} is on hold ({', '.join(sorted(self.holds))})")
        if step == "ship" and self.method is DeliveryMethod.PICKUP:
            raise NotAllowed("a pickup order is collected, not shipped")
        if step in ("ready-for-pickup", "collect") and self.method is DeliveryMethod.SHIP:
            raise NotAllowed("only pickup orders are made ready for pickup or collected")
        if step == "ship":
            if not carrier:
                raise InvalidRequest("shipping needs a carrier")
            generated = f"{carrier[:3]}{shipment_id.hex[:12]}".upper()
            tracking_number = tracking_number or generated
        return self._advance(shipment, step, carrier, tracking_number, reason, payment_terms_days)

    def record_scan(
        self, shipment_id: UUID, code: ScanCode, at: datetime, location: str | None
    ) -> Shipment:
        """Record a carrier scan of a shipped shipment; a DELIVERED scan delivers it (a fact
        reported by the carrier, so a hold does not stop it)."""
        shipment = self.shipment(shipment_id)
        check_scannable(shipment)
        self.trigger_event(
            self.ShipmentScanned,
            shipment_id=shipment_id,
            code=str(code),
            at=at,
            location=location,
        )
        if code is ScanCode.DELIVERED:
            self._advance(shipment, "deliver")
        return shipment

    def _advance(
        self,
        shipment: Shipment,
        step: str,
        carrier: str | None = None,
        tracking_number: str | None = None,
        reason: str | None = None,
        payment_terms_days: int = 0,
    ) -> Shipment:
        """Record a step the checks allowed: the shipment moves on, and an invoice is issued
        when the goods leave."""
        shipment_id = shipment.id
        target = shipment.check(step)
        self.trigger_event(
            self.ShipmentStepped,
            shipment_id=shipment_id,
            step=step,
            status=str(target),
            node_code=shipment.node_code,
            lines=dict(shipment.lines),
            documents=documents_for(step, shipment_id),
            carrier=carrier if step == "ship" else None,
            tracking_number=tracking_number if step == "ship" else None,
            reason=reason,
        )
        if target in GONE and step != "deliver":
            self._invoice(shipment, payment_terms_days)
        return shipment

    def _invoice(self, shipment: Shipment, payment_terms_days: int) -> None:
        amount = value_of(self.lines, shipment.lines)
        number = f"INV-{shipment.id.hex[:10]}"
        self.trigger_event(
            self.InvoiceIssued,
            invoice_number=number,
            shipment_id=shipment.id,
            amount=amount,
            payment_terms_days=payment_terms_days,
        )
        capture = min(amount, self.authorized - self.captured, self.owed)
        if capture > 0 and self.payment_method is not None:
            self.trigger_event(
                self.PaymentCaptured,
                invoice_number=number,
                amount=capture,
                method=self.payment_method,
            )

    def record_payment(self, amount: Decimal, method: str, reference: str) -> None:
        if amount <= 0:
            raise InvalidRequest("a payment must be positive")
        refuse_if_cancelled(self, "take a payment")
        if reference in self.payment_refs:
            raise NotAllowed(f"payment {reference} is already recorded")
        if amount > self.owed:
            raise NotAllowed(
                f"a payment of {amount} is more than the {max(Decimal(0), self.owed)} "
                f"still owed on order {self.id}"
            )
        self.trigger_event(self.PaymentRecorded, amount=amount, method=method, reference=reference)

    def write_off(self, invoice_number: str, reason: str) -> Decimal:
        """Write off what is still open on an invoice; returns the amount."""
        if invoice_number not in self.invoices:
            raise NotFound(f"order {self.id} has no invoice {invoice_number}")
        amount = open_amounts(self)[invoice_number]
        if amount <= 0:
            raise NotAllowed(f"invoice {invoice_number} has nothing left to write off")
        self.trigger_event(
            self.InvoiceWrittenOff, invoice_number=invoice_number, amount=amount, reason=reason
        )
        return amount

    def record_return(self, return_id: UUID, lines: Quantities) -> None:
        for sku, qty in lines.items():
            if qty <= 0:
                raise InvalidRequest(f"return quantity of {sku} must be positive")
            if qty > self.returnable(sku):
                raise NotAllowed(
                    f"cannot return {qty} of {sku}: {self.returnable(sku)} delivered and "
                    "not yet returned"
                )
        self.trigger_event(self.ReturnRecorded, return_id=return_id, lines=dict(lines))

    def withdraw_return(self, return_id: UUID) -> None:
        if str(return_id) in self.returns:
            self.trigger_event(self.ReturnWithdrawn, return_id=return_id)

    def issue_credit_memo(self, return_id: UUID, amount: Decimal) -> None:
        if amount < 0 or amount > self.invoiced - self.refunded:
            raise NotAllowed(f"cannot refund {amount}: {self.invoiced - self.refunded} refundable")
        self.trigger_event(
            self.CreditMemoIssued,
            memo_number=f"CM-{return_id.hex[:10]}",
            return_id=return_id,
            amount=amount,
        )
        refund = min(self.paid, -self.owed)
        if refund > 0:
            self.trigger_event(
                self.PaymentRefunded, memo_number=f"CM-{return_id.hex[:10]}", amount=refund
            )

    def close(self, open_returns: Collection[str] = ()) -> None:
        """Close a finished order (see `check_closable`); `open_returns`: its returns not yet
        closed or cancelled."""
        self._check_open()
        check_closable(self, open_returns)
        self.trigger_event(self.Closed)

    # Helpers -------------------------------------------------------------------------

    def _check_open(self) -> None:
        if self.closed:
            raise NotAllowed(f"order {self.id} is closed")

    def _holdable(self) -> bool:
        return not self.closed and self.status not in (
            OrderStatus.SHIPPED,
            OrderStatus.DELIVERED,
            OrderStatus.CANCELLED,
        )

    def _cancellable(self, sku: str) -> int:
        line = self.lines[sku]
        return line.effective - kits_touched(line, carried(self, GONE))

    def _reductions(self, lines: Quantities) -> list[dict[str, Any]]:
        reductions = []
        unsourced = self.to_source()
        for sku, qty in lines.items():
            left = qty - unsourced.get(sku, 0)
            for shipment in sorted(self.shipments.values(), key=lambda s: -s.quantity(sku)):
                if left <= 0:
                    break
                take = min(left, shipment.quantity(sku)) if shipment.status in OPEN else 0
                if take:
                    reductions.append(
                        {
                            "shipment_id": shipment.id,
                            "node_code": shipment.node_code,
                            "sku": sku,
                            "quantity": take,
                        }
                    )
                    left -= take
        return reductions


# The order's events that change what the customer owes (see `domain.ledger`).
LEDGER_EVENTS = (
    Order.InvoiceIssued,
    Order.PaymentRecorded,
    Order.PaymentCaptured,
    Order.PaymentRefunded,
    Order.CreditMemoIssued,
    Order.InvoiceWrittenOff,
)

"""Hold rules: which orders wait for a person before they may be fulfilled. Pure.

A rule set is data (replaced as a whole, versioned by `HoldPolicy`). `evaluate` judges one
order's facts and gives one verdict per hold type: held, with the first rule it broke, or
clear, with why. The order places the holds it is missing and releases the holds a rule
placed whose cause has cleared; holds an agent placed are left to the agent.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from domain.quick_init import quick_init
from domain.values import DeliveryMethod, HoldType

ADDRESS_FIELDS = ("line1", "city", "postal_code", "region", "country", "lat", "lon")
DEFAULT_REQUIRED = ("line1", "city", "postal_code", "country", "lat", "lon")


@dataclass(frozen=True)
class HoldRuleSet:
    """The rules, in the shape `PUT /holds/rules` takes (see `from_data` and `data`)."""

    credit_enabled: bool = True
    max_first_order_value: Decimal | None = None
    max_orders_per_hour: int | None = None
    country_mismatch: bool = False
    address_required: tuple[str, ...] = DEFAULT_REQUIRED

    @classmethod
    def from_data(cls, data: Mapping[str, Any]) -> HoldRuleSet:
        credit, fraud, address = (data.get(k) or {} for k in ("credit", "fraud", "address"))
        value = fraud.get("max_first_order_value")
        return cls(
            credit_enabled=bool(credit.get("enabled", True)),
            max_first_order_value=Decimal(value) if value is not None else None,
            max_orders_per_hour=fraud.get("max_orders_per_hour"),
            country_mismatch=bool(fraud.get("country_mismatch", False)),
            address_required=tuple(address.get("required", DEFAULT_REQUIRED)),
        )

    def data(self) -> dict[str, Any]:
        value = self.max_first_order_value
        return {
            "credit": {"enabled": self.credit_enabled},
            "fraud": {
                "max_first_order_value": str(value) if value is not None else None,
                "max_orders_per_hour": self.max_orders_per_hour,
                "country_mismatch": self.country_mismatch,
            },
            "address": {"required": list(self.address_required)},
        }


@quick_init
@dataclass(frozen=True)
class Credit:
    """The customer's account: its limit, what it owes now, and what their other open
    orders will add once invoiced (`domain.exposure`)."""

    limit: Decimal | None
    balance: Decimal
    overdue: Decimal = Decimal(0)
    overdue_invoices: int = 0
    open_orders: Decimal = Decimal(0)


@quick_init
@dataclass(frozen=True)
class Facts:
    """What the rules look at for one order."""

    order_value: Decimal  # what the order will add to the balance: its value not yet invoiced
    credit: Credit | None = None  # None: the customer has no account (pays at placement)
    previous_orders: int = 0
    orders_last_hour: int = 1  # this order included
    delivery_method: DeliveryMethod = DeliveryMethod.SHIP
    address: Mapping[str, Any] | None = None
    billing_country: str | None = None


@dataclass(frozen=True)
class Verdict:
    hold_type: HoldType
    held: bool
    rule: str
    reason: str


# The verdicts that name no figure, made once (most orders get them all).
_CREDIT_OFF = Verdict(HoldType.CREDIT, False, "credit", "the credit rule is off")
_NO_ACCOUNT = Verdict(HoldType.CREDIT, False, "credit", "no credit account: not credit-checked")
_NO_FRAUD = Verdict(HoldType.FRAUD, False, "fraud", "no fraud rule matched")
_NOT_SHIPPED = Verdict(HoldType.ADDRESS, False, "address", "not shipped: no address to check")
_COMPLETE = Verdict(HoldType.ADDRESS, False, "address", "delivery address complete")


def evaluate(rules: HoldRuleSet, facts: Facts) -> dict[HoldType, Verdict]:
    return {
        HoldType.CREDIT: _credit(rules, facts),
        HoldType.FRAUD: _fraud(rules, facts),
        HoldType.ADDRESS: _address(rules, facts),
    }


def _credit(rules: HoldRuleSet, facts: Facts) -> Verdict:
    credit = facts.credit
    if not rules.credit_enabled:
        return _CREDIT_OFF
    if credit is None or credit.limit is None:
        return _NO_ACCOUNT
    if credit.overdue_invoices:
        return Verdict(
            HoldType.CREDIT,
            True,
            "credit.overdue",
            f"{credit.overdue_invoices} overdue invoice(s), {_m(credit.overdue)} past due",
        )
    exposure = credit.balance + credit.open_orders + facts.order_value
    others = f" + other open orders {_m(credit.open_orders)}" if credit.open_orders else ""
    sums = f"balance {_m(credit.balance)}{others} + order {_m(facts.order_value)} = {_m(exposure)}"
    if exposure > credit.limit:
        return Verdict(
            HoldType.CREDIT, True, "credit.limit", f"{sums} exceeds limit {_m(credit.limit)}"
        )
    return Verdict(HoldType.CREDIT, False, "credit", f"{sums} within limit {_m(credit.limit)}")


def _fraud(rules: HoldRuleSet, facts: Facts) -> Verdict:
    first_max = rules.max_first_order_value
    if first_max is not None and facts.previous_orders == 0 and facts.order_value > first_max:
        return Verdict(
            HoldType.FRAUD,
            True,
            "fraud.first_order_value",
            f"first order of {_m(facts.order_value)} is above {_m(first_max)}",
        )
    shipping = str((facts.address or {}).get("country") or "").upper()
    billing = (facts.billing_country or "").upper()
    if rules.country_mismatch and billing and shipping and billing != shipping:
        return Verdict(
            HoldType.FRAUD,
            True,
            "fraud.country_mismatch",
            f"billing country {billing} differs from shipping country {shipping}",
        )
    per_hour = rules.max_orders_per_hour
    if per_hour is not None and facts.orders_last_hour > per_hour:
        return Verdict(
            HoldType.FRAUD,
            True,
            "fraud.velocity",
            f"{facts.orders_last_hour} orders from the customer within an hour "
            f"(at most {per_hour})",
        )
    return _NO_FRAUD


def _address(rules: HoldRuleSet, facts: Facts) -> Verdict:
    if facts.delivery_method is not DeliveryMethod.SHIP:
        return _NOT_SHIPPED
    address = facts.address or {}
    missing = [f for f in rules.address_required if address.get(f) in (None, "")]
    if missing:
        return Verdict(
            HoldType.ADDRESS,
            True,
            "address.required",
            f"delivery address lacks {', '.join(missing)}",
        )
    return _COMPLETE


def _m(value: Decimal) -> str:
    return f"{value.quantize(Decimal('0.01')):,}"

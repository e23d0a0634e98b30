"""A customer account: who they are, their credit limit and payment terms.

What the customer owes is not kept here: it is derived from the events of their orders
(invoices, payments, credit memos, write-offs; see `domain.ledger`).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Any
from uuid import UUID, uuid5

from eventsourcing.domain import Aggregate

from domain.errors import InvalidRequest
from domain.personal import ERASED, PersonalValue
from domain.values import NAMESPACE


def customer_key(customer_id: str) -> UUID:
    return uuid5(NAMESPACE, f"customer:{customer_id}")


@dataclass(frozen=True)
class Contact(PersonalValue):
    """An account's name, email and (optional) contact phone: personal data."""

    name: str
    email: str
    phone: str | None = None

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Contact:
        return cls(str(data["name"]), str(data["email"]), data.get("phone"))

    @classmethod
    def erased_with(cls, clear: Mapping[str, Any]) -> Contact:
        return cls(ERASED, ERASED)


def _contact_of(state: dict[str, Any]) -> None:
    """Version 1 events held the name and email as plain fields."""
    state["contact"] = Contact(state.pop("name"), state.pop("email"))


class Customer(Aggregate):
    TOPIC = "oms:Customer"

    class Event(Aggregate.Event):
        TOPIC = "oms:Customer.Event"

    class Created(Event, Aggregate.Created):
        TOPIC = "oms:Customer.Created"

    class Registered(Created):
        """Version 2 holds the name and email as a `Contact`."""

        TOPIC = "oms:Customer.Registered"
        class_version = 2
        customer_id: str
        contact: Contact
        credit_limit: Decimal | None
        payment_terms_days: int

        upcast_v1_v2 = staticmethod(_contact_of)

        @property
        def data_subject(self) -> str:
            return self.customer_id

    class Updated(Event):
        """Version 2 holds the name and email as a `Contact`, and names the customer."""

        TOPIC = "oms:Customer.Updated"
        class_version = 2
        customer_id: str | None
        contact: Contact
        credit_limit: Decimal | None
        payment_terms_days: int

        @staticmethod
        def upcast_v1_v2(state: dict[str, Any]) -> None:
            _contact_of(state)
            state["customer_id"] = None

        @property
        def data_subject(self) -> str | None:
            return self.customer_id

        def apply(self, customer: Customer) -> None:
            customer.contact = self.contact
            customer.credit_limit = _limit(self.credit_limit)
            customer.payment_terms_days = self.payment_terms_days

    def __init__(
        self,
        customer_id: str,
        contact: Contact,
        credit_limit: Decimal | None,
        payment_terms_days: int,
    ) -> None:
        self.customer_id = customer_id
        self.contact = contact
        self.credit_limit = _limit(credit_limit)
        self.payment_terms_days = payment_terms_days

    @property
    def name(self) -> str:
        return self.contact.name

    @property
    def email(self) -> str:
        return self.contact.email

    @property
    def phone(self) -> str | None:
        return self.contact.phone

    @classmethod
    def register(
        cls,
        customer_id: str,
        name: str,
        email: str,
        credit_limit: Decimal | None,
        payment_terms_days: int,
        *,
        phone: str | None = None,
    ) -> Customer:
        _check(credit_limit, payment_terms_days)
        return cls._create(
            cls.Registered,
            id=customer_key(customer_id),
            customer_id=customer_id,
            contact=Contact(name, email, phone),
            credit_limit=credit_limit,
            payment_terms_days=payment_terms_days,
        )

    def update(
        self,
        name: str,
        email: str,
        credit_limit: Decimal | None,
        payment_terms_days: int,
        *,
        phone: str | None = None,
    ) -> None:
        """Change the account; nothing is recorded when nothing changes."""
        _check(credit_limit, payment_terms_days)
        contact = Contact(name, email, phone)
        new = (contact, _limit(credit_limit), payment_terms_days)
        if new != (self.contact, self.credit_limit, self.payment_terms_days):
            self.trigger_event(
                self.Updated,
                customer_id=self.customer_id,
                contact=contact,
                credit_limit=credit_limit,
                payment_terms_days=payment_terms_days,
            )


def _limit(value: Decimal | str | None) -> Decimal | None:
    return Decimal(value) if value is not None else None


def _check(credit_limit: Decimal | None, payment_terms_days: int) -> None:
    if credit_limit is not None and credit_limit < 0:
        raise InvalidRequest("a credit limit cannot be negative")
    if payment_terms_days < 0:
        raise InvalidRequest("payment terms cannot be negative")

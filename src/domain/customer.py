"""A customer account: who they are, their credit limit and payment terms.

What the customer owes is not kept here: it is derived from the events of their orders
(invoices, payments, credit memos, write-offs; see `domain.ledger`).
"""

from __future__ import annotations

from decimal import Decimal
from uuid import UUID, uuid5

from eventsourcing.domain import Aggregate

from domain.errors import InvalidRequest
from domain.values import NAMESPACE


def customer_key(customer_id: str) -> UUID:
    return uuid5(NAMESPACE, f"customer:{customer_id}")


class Customer(Aggregate):
    TOPIC = "oms:Customer"

    class Event(Aggregate.Event):
        TOPIC = "oms:Customer.Event"

    class Created(Event, Aggregate.Created):
        TOPIC = "oms:Customer.Created"

    class Registered(Created):
        TOPIC = "oms:Customer.Registered"
        customer_id: str
        name: str
        email: str
        credit_limit: Decimal | None
        payment_terms_days: int

    class Updated(Event):
        TOPIC = "oms:Customer.Updated"
        name: str
        email: str
        credit_limit: Decimal | None
        payment_terms_days: int

        def apply(self, customer: Customer) -> None:
            customer.name, customer.email = self.name, self.email
            customer.credit_limit = _limit(self.credit_limit)
            customer.payment_terms_days = self.payment_terms_days

    def __init__(
        self,
        customer_id: str,
        name: str,
        email: str,
        credit_limit: Decimal | None,
        payment_terms_days: int,
    ) -> None:
        self.customer_id = customer_id
        self.name, self.email = name, email
        self.credit_limit = _limit(credit_limit)
        self.payment_terms_days = payment_terms_days

    @classmethod
    def register(
        cls,
        customer_id: str,
        name: str,
        email: str,
        credit_limit: Decimal | None,
        payment_terms_days: int,
    ) -> Customer:
        _check(credit_limit, payment_terms_days)
        return cls._create(
            cls.Registered,
            id=customer_key(customer_id),
            customer_id=customer_id,
            name=name,
            email=email,
            credit_limit=credit_limit,
            payment_terms_days=payment_terms_days,
        )

    def update(
        self, name: str, email: str, credit_limit: Decimal | None, payment_terms_days: int
    ) -> None:
        """Change the account; nothing is recorded when nothing changes."""
        _check(credit_limit, payment_terms_days)
        new = (name, email, _limit(credit_limit), payment_terms_days)
        if new != (self.name, self.email, self.credit_limit, self.payment_terms_days):
            self.trigger_event(
                self.Updated,
                name=name,
                email=email,
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

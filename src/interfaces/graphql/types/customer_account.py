from __future__ import annotations

from datetime import date
from decimal import Decimal

import strawberry

from interfaces.graphql.db import Row
from interfaces.graphql.types.invoice import Invoice


@strawberry.type(
    description="A customer's account: limit and terms (if opened with PUT /customers/{id}) "
    "and what they owe, from the receivables read model."
)
class CustomerAccount:
    id: strawberry.ID = strawberry.field(description="The customer's id.")
    has_account: bool = strawberry.field(description="False: orders only, no account opened.")
    name: str | None = strawberry.field(description="Name on the account.")
    email: str | None = strawberry.field(description="E-mail on the account.")
    phone: str | None = strawberry.field(
        description="Contact phone on the account (E.164), if given; null after an erasure."
    )
    credit_limit: Decimal | None = strawberry.field(description="Null: not credit-checked.")
    payment_terms_days: int = strawberry.field(description="Days from invoice to due date.")
    balance: Decimal = strawberry.field(
        description="Invoiced - paid - credited - written off, over all their orders."
    )
    overdue: Decimal = strawberry.field(description="Open on invoices past due as of `asOf`.")
    as_of: date = strawberry.field(description="The day balances and overdue are counted for.")
    invoices: list[Invoice] = strawberry.field(description="Newest first, at most 100.")

    @classmethod
    def from_rows(
        cls, customer_id: str, account: Row | None, totals: Row, invoices: list[Row], as_of: date
    ) -> CustomerAccount:
        """From a `receivables.customers` row (if any), totals (balance, overdue), invoices."""
        aged = [Invoice.from_row(row, as_of) for row in invoices]
        return cls(
            id=strawberry.ID(customer_id),
            has_account=account is not None,
            name=account["name"] if account else None,
            email=account["email"] if account else None,
            phone=account["phone"] if account else None,
            credit_limit=account["credit_limit"] if account else None,
            payment_terms_days=account["payment_terms_days"] if account else 0,
            balance=totals["balance"],
            overdue=totals["overdue"],
            as_of=as_of,
            invoices=aged,
        )

"""customer(id) and receivables: the receivables read model, aged as of a day."""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal

from psycopg import sql

from domain.ledger import BUCKETS
from interfaces.graphql.context import GraphQLContext
from interfaces.graphql.db import Row, fetch_all, fetch_one
from interfaces.graphql.types.customer_account import CustomerAccount
from interfaces.graphql.types.receivables import AgeingBucket, Receivables

ACCOUNT = "SELECT * FROM receivables.customers WHERE customer_id = %s"
TOTALS = (
    "SELECT count(*) AS orders, coalesce(sum(invoiced - paid - credited - written_off), 0)"
    " AS balance FROM receivables.accounts WHERE customer_id = %s"
)
OVERDUE = (
    "SELECT coalesce(sum(open_amount), 0) AS overdue FROM receivables.invoices"
    " WHERE customer_id = %s AND open_amount > 0 AND due_on < %s"
)
INVOICES = (
    "SELECT * FROM receivables.invoices WHERE customer_id = %s"
    " ORDER BY issued_on DESC, invoice_number DESC LIMIT 100"
)
# Each open invoice in the bucket its days past due fall in (not yet due: the first).
_CASE = sql.SQL(" ").join(
    sql.SQL("WHEN greatest(0, %(as_of)s::date - due_on) <= {} THEN {}").format(
        sql.Literal(high), sql.Literal(name)
    )
    for name, _low, high in BUCKETS
    if high is not None
)
AGEING = sql.SQL(
    "SELECT CASE {} ELSE {} END AS bucket, sum(open_amount) AS amount, count(*) AS invoices,"
    " sum(open_amount) FILTER (WHERE due_on < %(as_of)s::date) AS overdue"
    " FROM receivables.invoices WHERE open_amount > 0"
    " AND (%(customer)s::text IS NULL OR customer_id = %(customer)s) GROUP BY 1"
).format(_CASE, sql.Literal(BUCKETS[-1][0]))


def today() -> date:
    return datetime.now(UTC).date()


def cents(value: Decimal | int) -> Decimal:
    return Decimal(value).quantize(Decimal("0.01"))


async def customer(ctx: GraphQLContext, id: str, as_of: date | None) -> CustomerAccount | None:
    account = await fetch_one(ctx.pool, ACCOUNT, (id,))
    totals = await fetch_one(ctx.pool, TOTALS, (id,))
    assert totals is not None
    if account is None and not totals["orders"]:
        return None
    day = as_of or today()
    late = await fetch_one(ctx.pool, OVERDUE, (id, day))
    assert late is not None
    invoices = await fetch_all(ctx.pool, INVOICES, (id,))
    money = {"balance": cents(totals["balance"]), "overdue": cents(late["overdue"])}
    return CustomerAccount.from_rows(id, account, money, invoices, day)


async def receivables(
    ctx: GraphQLContext, customer_id: str | None, as_of: date | None
) -> Receivables:
    day = as_of or today()
    found: dict[str, Row] = {
        row["bucket"]: row
        for row in await fetch_all(ctx.pool, AGEING, {"as_of": day, "customer": customer_id})
    }
    buckets = [
        AgeingBucket(
            bucket=name,
            min_days=low,
            max_days=high,
            amount=cents(found[name]["amount"] if name in found else 0),
            invoices=found[name]["invoices"] if name in found else 0,
        )
        for name, low, high in BUCKETS
    ]
    overdue = sum((row["overdue"] or Decimal(0) for row in found.values()), Decimal(0))
    return Receivables(
        as_of=day,
        total=cents(sum((b.amount for b in buckets), Decimal(0))),
        overdue=cents(overdue),
        buckets=buckets,
    )

"""Order controls: judging an order by the hold rules in force, with the facts they need.

Placement and edits judge the order (holds placed, or released when their cause cleared).
A change that lowers what a customer owes, or raises their limit, re-judges the orders a
rule holds for that customer, which releases those whose cause has cleared.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import fields
from typing import TYPE_CHECKING

from domain.customer import Customer, customer_key
from domain.hold_policy import POLICY_ID, HoldPolicy
from domain.holds import Credit, Facts, HoldRuleSet, evaluate
from domain.order import Order
from domain.order_values import Address

# The address's fields, by name, for the rules (all plain values: no deep copy needed).
_ADDRESS_FIELDS = tuple(f.name for f in fields(Address))
# The rules in force until a policy is adopted (frozen: one value serves every order).
_DEFAULT_RULES = HoldRuleSet()

if TYPE_CHECKING:
    from application.base import OMSBase


def hold_rules(app: OMSBase) -> tuple[HoldRuleSet, int]:
    """The rules in force and their version (0: the default set, never replaced)."""
    policy = app.find(POLICY_ID) if app.accounts.policy_adopted else None
    if isinstance(policy, HoldPolicy):
        return policy.rule_set, policy.version
    return _DEFAULT_RULES, 0


def judge(app: OMSBase, order: Order, pending: Sequence[Order] = ()) -> None:
    """Place the holds the rules call for on `order`, release those whose cause cleared."""
    rules, version = hold_rules(app)
    order.judge(evaluate(rules, facts(app, order, pending)), version)


def release_cleared(
    app: OMSBase,
    customer_id: str,
    pending: Sequence[Order] = (),
    account: Customer | None = None,
) -> list[Order]:
    """Re-judge the customer's orders a rule holds; returns those whose holds were released.

    `pending` are orders and `account` the customer as the running command changed them.
    """
    rules, version = hold_rules(app)
    known = {order.id: order for order in pending}
    released = []
    for oid in app.accounts.rule_held(customer_id):
        order = known.get(oid) or app.order(oid)
        verdicts = evaluate(rules, facts(app, order, pending, account))
        held = {t: v for t, v in verdicts.items() if str(t) in order.auto_holds}
        before = order.version
        order.judge(held, version)
        if order.version != before and order.id not in known:
            released.append(order)
    return released


def unsaved_orders(app: OMSBase, customer_id: str) -> list[Order]:
    """The customer's orders that commands earlier in the writer's batch changed: not in
    the log yet, so not in the accounts index (two orders in one batch see each other)."""
    return [
        a
        for a in app.writer.unsaved.values()
        if isinstance(a, Order) and a.customer.id == customer_id
    ]


def facts(
    app: OMSBase, order: Order, pending: Sequence[Order] = (), account: Customer | None = None
) -> Facts:
    customer_id = order.customer.id
    if account is None and app.accounts.has_account(customer_id):
        account = app.find(customer_key(customer_id))
    credit = None
    if isinstance(account, Customer):
        changed = {o.id: o for o in (*unsaved_orders(app, customer_id), order, *pending)}
        owed, late, count = app.accounts.position(customer_id, app.today(), changed)
        open_orders = app.accounts.open_orders(customer_id, order.id, changed)
        credit = Credit(account.credit_limit, owed, late, count, open_orders)
    previous, recent = app.accounts.placements(customer_id, order.id, order.created_on)
    return Facts(
        order_value=order.uninvoiced,
        credit=credit,
        previous_orders=previous,
        orders_last_hour=recent,
        delivery_method=order.method,
        address=_fields_of(order.delivery.address),
        billing_country=order.billing_country,
    )


def _fields_of(address: Address | None) -> dict[str, object] | None:
    return {name: getattr(address, name) for name in _ADDRESS_FIELDS} if address else None

"""Commands on customer accounts, the hold rules and invoices."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from application.answers import order_answer
from application.base import OMSBase
from application.command import Answer, Outcome
from application.control_inputs import PutCustomer, PutHoldRules, WriteOff
from application.controls import hold_rules, release_cleared
from domain.customer import Customer, customer_key
from domain.errors import NotFound
from domain.hold_policy import POLICY_ID, HoldPolicy
from domain.holds import HoldRuleSet
from domain.ledger import open_amounts

CENT = Decimal("0.01")


class CustomerCommands(OMSBase):
    def put_customer(
        self, customer_id: str, cmd: PutCustomer, *, idempotency_key: str | None = None
    ) -> Answer:
        """Open or change an account; a higher limit releases the holds it clears."""
        return self.run(idempotency_key, self._put_customer, customer_id, cmd)

    def _put_customer(self, customer_id: str, cmd: PutCustomer) -> Outcome:
        customer = self.find(customer_key(customer_id))
        account = (cmd.name, cmd.email, cmd.credit_limit, cmd.payment_terms_days)
        if isinstance(customer, Customer):
            customer.update(*account, phone=cmd.phone)
        else:
            customer = Customer.register(customer_id, *account, phone=cmd.phone)
        released = release_cleared(self, customer_id, account=customer)
        # Without the name, email or phone: a keyed request's answer is kept for its retries,
        # and personal data is kept only where erasing the customer can reach it.
        return Outcome(self.account_answer(customer), [customer, *released])

    def customer_answer(self, customer: Customer) -> dict[str, Any]:
        contact = {"name": customer.name, "email": customer.email, "phone": customer.phone}
        return {**self.account_answer(customer), **contact}

    def account_answer(self, customer: Customer) -> dict[str, Any]:
        balance, overdue, count = self.accounts.position(customer.customer_id, self.today())
        return {
            "customer_id": customer.customer_id,
            "credit_limit": str(customer.credit_limit)
            if customer.credit_limit is not None
            else None,
            "payment_terms_days": customer.payment_terms_days,
            "balance": str(balance.quantize(CENT)),
            "overdue": str(overdue.quantize(CENT)),
            "overdue_invoices": count,
        }

    def customer(self, customer_id: str) -> dict[str, Any]:
        return self.writer.read(lambda: self._customer(customer_id))

    def _customer(self, customer_id: str) -> dict[str, Any]:
        self.follower.catch_up()
        customer = self.find(customer_key(customer_id))
        if not isinstance(customer, Customer):
            raise NotFound(f"no customer {customer_id!r}")
        return self.customer_answer(customer)

    def put_hold_rules(self, cmd: PutHoldRules, *, idempotency_key: str | None = None) -> Answer:
        return self.run(idempotency_key, self._put_hold_rules, cmd)

    def _put_hold_rules(self, cmd: PutHoldRules) -> Outcome:
        rules = HoldRuleSet.from_data(cmd.data())
        policy = self.find(POLICY_ID)
        if isinstance(policy, HoldPolicy):
            policy.replace(rules)
        else:
            policy = HoldPolicy.adopt(rules)
        return Outcome({"version": policy.version, "rules": policy.rules}, [policy])

    def hold_rules(self, version: int | None = None) -> dict[str, Any]:
        """The rules in force (or as they were at `version`; 0 is the default set)."""
        return self.writer.read(lambda: self._hold_rules(version))

    def _hold_rules(self, version: int | None) -> dict[str, Any]:
        self.follower.catch_up()
        rules, current = hold_rules(self)
        if version is not None and version != current:
            policy = self.find(POLICY_ID)
            found = policy.at_version(version) if isinstance(policy, HoldPolicy) else None
            if version == 0:
                found = HoldRuleSet()
            if found is None:
                raise NotFound(f"no hold rules version {version}")
            rules, current = found, version
        return {"version": current, "rules": rules.data()}

    def write_off(
        self, invoice_number: str, cmd: WriteOff, *, idempotency_key: str | None = None
    ) -> Answer:
        """Write off what is still open on an invoice; the balance falls by as much."""
        return self.run(idempotency_key, self._write_off, invoice_number, cmd)

    def _write_off(self, invoice_number: str, cmd: WriteOff) -> Outcome:
        oid = self.accounts.order_of_invoice(invoice_number)
        if oid is None:
            raise NotFound(f"no invoice {invoice_number!r}")
        order = self.order(oid)
        amount = order.write_off(invoice_number, cmd.reason)
        released = release_cleared(self, order.customer.id, [order])
        answer = {
            **order_answer(order),
            "invoice_number": invoice_number,
            "written_off": str(amount),
            "open": str(open_amounts(order)[invoice_number]),
        }
        return Outcome(answer, [order, *released])

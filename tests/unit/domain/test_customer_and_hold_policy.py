"""Customer accounts and the versioned hold rules."""

from decimal import Decimal

import pytest

from domain.customer import Customer, customer_key
from domain.errors import InvalidRequest
from domain.hold_policy import POLICY_ID, HoldPolicy
from domain.holds import HoldRuleSet
from tests.unit.domain.builders import events_of


def test_an_account_changes_only_when_something_changed() -> None:
    customer = Customer.register("C-1", "Ada", "ada@example.com", Decimal("100.00"), 30)
    assert customer.id == customer_key("C-1")
    customer.update("Ada", "ada@example.com", Decimal("100.00"), 30)
    assert events_of(customer) == ["Registered"]
    customer.update("Ada", "ada@example.com", None, 45)
    assert events_of(customer) == ["Updated"]
    assert (customer.credit_limit, customer.payment_terms_days) == (None, 45)


@pytest.mark.parametrize(("limit", "terms"), [(Decimal("-1"), 30), (None, -1)])
def test_a_negative_limit_or_terms_are_refused(limit, terms) -> None:
    with pytest.raises(InvalidRequest):
        Customer.register("C-1", "Ada", "ada@example.com", limit, terms)


def test_each_replacement_of_the_hold_rules_is_a_version_kept_for_reading_back() -> None:
    policy = HoldPolicy.adopt(HoldRuleSet(credit_enabled=False))
    policy.replace(HoldRuleSet(credit_enabled=False))  # the same: no new version
    policy.replace(HoldRuleSet(max_orders_per_hour=5))
    assert policy.id == POLICY_ID
    assert policy.version == 2
    assert policy.rule_set == HoldRuleSet(max_orders_per_hour=5)
    assert policy.at_version(1) == HoldRuleSet(credit_enabled=False)
    assert policy.at_version(3) is None

"""Each hold rule, table-driven: the facts of an order and the verdict per hold type."""

from decimal import Decimal

import pytest

from domain.holds import Credit, Facts, HoldRuleSet, evaluate
from domain.values import DeliveryMethod, HoldType

ADDRESS = {
    "line1": "1 Main St",
    "city": "Dallas",
    "postal_code": "75201",
    "country": "US",
    "lat": 32.78,
    "lon": -96.8,
}
STRICT = HoldRuleSet(
    max_first_order_value=Decimal("1000"), max_orders_per_hour=3, country_mismatch=True
)


def facts(**kwargs: object) -> Facts:
    base: dict = {"order_value": Decimal("100"), "previous_orders": 5, "address": ADDRESS}
    return Facts(**{**base, **kwargs})


CASES = [
    # (case, rules, facts, hold type, held, rule)
    ("no account", HoldRuleSet(), facts(), HoldType.CREDIT, False, "credit"),
    (
        "account without a limit",
        HoldRuleSet(),
        facts(credit=Credit(None, Decimal("99999"))),
        HoldType.CREDIT,
        False,
        "credit",
    ),
    (
        "within the limit, exactly",
        HoldRuleSet(),
        facts(credit=Credit(Decimal("500"), Decimal("400"))),
        HoldType.CREDIT,
        False,
        "credit",
    ),
    (
        "over the limit",
        HoldRuleSet(),
        facts(credit=Credit(Decimal("500"), Decimal("400.01"))),
        HoldType.CREDIT,
        True,
        "credit.limit",
    ),
    (
        "other open orders take it over the limit",
        HoldRuleSet(),
        facts(credit=Credit(Decimal("500"), Decimal("0"), open_orders=Decimal("400.01"))),
        HoldType.CREDIT,
        True,
        "credit.limit",
    ),
    (
        "balance, other open orders and the order fit the limit exactly",
        HoldRuleSet(),
        facts(credit=Credit(Decimal("500"), Decimal("150"), open_orders=Decimal("250"))),
        HoldType.CREDIT,
        False,
        "credit",
    ),
    (
        "other open orders on an account without a limit",
        HoldRuleSet(),
        facts(credit=Credit(None, Decimal("0"), open_orders=Decimal("99999"))),
        HoldType.CREDIT,
        False,
        "credit",
    ),
    (
        "overdue invoices",
        HoldRuleSet(),
        facts(credit=Credit(Decimal("500"), Decimal("0"), Decimal("10"), 1)),
        HoldType.CREDIT,
        True,
        "credit.overdue",
    ),
    (
        "credit rule off",
        HoldRuleSet(credit_enabled=False),
        facts(credit=Credit(Decimal("1"), Decimal("400"))),
        HoldType.CREDIT,
        False,
        "credit",
    ),
    (
        "big first order",
        STRICT,
        facts(order_value=Decimal("1000.01"), previous_orders=0),
        HoldType.FRAUD,
        True,
        "fraud.first_order_value",
    ),
    ("big later order", STRICT, facts(order_value=Decimal("5000")), HoldType.FRAUD, False, "fraud"),
    (
        "first order at the threshold",
        STRICT,
        facts(order_value=Decimal("1000"), previous_orders=0),
        HoldType.FRAUD,
        False,
        "fraud",
    ),
    (
        "countries differ",
        STRICT,
        facts(billing_country="nl"),
        HoldType.FRAUD,
        True,
        "fraud.country_mismatch",
    ),
    (
        "countries match (any case)",
        STRICT,
        facts(billing_country="us"),
        HoldType.FRAUD,
        False,
        "fraud",
    ),
    (
        "countries differ, rule off",
        HoldRuleSet(),
        facts(billing_country="NL"),
        HoldType.FRAUD,
        False,
        "fraud",
    ),
    (
        "too many orders in an hour",
        STRICT,
        facts(orders_last_hour=4),
        HoldType.FRAUD,
        True,
        "fraud.velocity",
    ),
    ("as many as allowed", STRICT, facts(orders_last_hour=3), HoldType.FRAUD, False, "fraud"),
    ("complete address", HoldRuleSet(), facts(), HoldType.ADDRESS, False, "address"),
    (
        "no coordinates",
        HoldRuleSet(),
        facts(address={**ADDRESS, "lat": None, "lon": None}),
        HoldType.ADDRESS,
        True,
        "address.required",
    ),
    (
        "region required and missing",
        HoldRuleSet(address_required=("region",)),
        facts(),
        HoldType.ADDRESS,
        True,
        "address.required",
    ),
    (
        "pickup has no address",
        HoldRuleSet(),
        facts(address=None, delivery_method=DeliveryMethod.PICKUP),
        HoldType.ADDRESS,
        False,
        "address",
    ),
]


@pytest.mark.parametrize(
    ("rules", "given", "hold_type", "held", "rule"),
    [case[1:] for case in CASES],
    ids=[case[0] for case in CASES],
)
def test_each_rule_holds_or_clears_the_order(
    rules: HoldRuleSet, given: Facts, hold_type: HoldType, held: bool, rule: str
) -> None:
    verdict = evaluate(rules, given)[hold_type]

    assert (verdict.held, verdict.rule) == (held, rule)
    assert verdict.reason


def test_a_credit_verdict_says_the_sums_it_judged() -> None:
    verdict = evaluate(HoldRuleSet(), facts(credit=Credit(Decimal("1000"), Decimal("800"))))
    assert verdict[HoldType.CREDIT].reason == (
        "balance 800.00 + order 100.00 = 900.00 within limit 1,000.00"
    )


def test_the_first_rule_broken_names_the_hold() -> None:
    verdict = evaluate(
        STRICT,
        facts(
            previous_orders=0, order_value=Decimal("2000"), billing_country="NL", orders_last_hour=9
        ),
    )
    assert verdict[HoldType.FRAUD].rule == "fraud.first_order_value"


def test_a_rule_set_reads_back_as_the_data_it_was_given() -> None:
    assert HoldRuleSet.from_data(STRICT.data()) == STRICT
    assert HoldRuleSet.from_data({}) == HoldRuleSet()
    assert HoldRuleSet().data()["credit"] == {"enabled": True}


def test_a_credit_verdict_names_the_other_open_orders_it_counted():
    credit = Credit(Decimal("1000"), Decimal("200"), open_orders=Decimal("700.01"))
    verdict = evaluate(HoldRuleSet(), facts(credit=credit))[HoldType.CREDIT]

    assert verdict.held
    assert verdict.reason == (
        "balance 200.00 + other open orders 700.01 + order 100.00 = 1,000.01 exceeds limit 1,000.00"
    )

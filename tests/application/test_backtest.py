"""Backtesting: recorded decisions replayed on their own candidates under other rules."""

from datetime import UTC, datetime, timedelta

from application.backtest import backtest, recorded_decisions
from application.commands import RegisterNode
from application.oms import OMS
from domain.sourcing_rules import SourcingRules, SplitRule, Weights
from tests.application.network import Network


def a_history(oms: OMS, network: Network) -> None:
    """Three orders under the default rules: two whole from DC-NJ, one split."""
    oms.register_node(
        RegisterNode(
            code="DC-PA",
            name="PA",
            type="DC",
            lat=39.95,
            lon=-75.16,
            capabilities=["SHIP"],
            ship_cost="1.00",
            priority=1,
        )
    )
    network.stock("DC-NJ", "SKU-1", 4)
    network.stock("DC-NJ", "SKU-2", 1)
    network.stock("DC-PA", "SKU-1", 10)
    network.stock("DC-PA", "SKU-3", 1)
    network.place({"SKU-1": 1})
    network.place({"SKU-1": 1, "SKU-2": 1})
    network.place({"SKU-2": 1, "SKU-3": 1})  # SKU-2 is gone: SKU-3 from PA, SKU-2 backordered


def test_the_recorded_column_sums_what_was_decided(oms: OMS, network: Network):
    a_history(oms, network)

    report = backtest(recorded_decisions(oms, None), SourcingRules())

    recorded = report["recorded"]
    assert recorded["decisions"] == 3
    assert recorded["shipments_per_order"] == 1.0
    assert recorded["backordered_units"] == 1
    assert recorded["rules_versions"] == [0]
    assert report["backtest"] == {k: v for k, v in recorded.items() if k != "rules_versions"}


def test_other_rules_change_the_replayed_figures_but_not_the_recorded_ones(
    oms: OMS, network: Network
):
    a_history(oms, network)
    by_priority = SourcingRules(weights=Weights(distance=0.0, priority=1.0, shipments=100.0))

    report = backtest(recorded_decisions(oms, None), by_priority)

    assert report["recorded"]["total_ship_cost"] == "1.00"
    assert report["backtest"]["total_ship_cost"] == "2.00"  # the first order from DC-PA too
    assert report["backtest"]["total_distance_km"] > report["recorded"]["total_distance_km"]


def test_a_rule_that_forbids_splits_shows_more_backorders(oms: OMS, network: Network):
    a_history(oms, network)
    network.stock("DC-TX", "SKU-5", 1)
    network.stock("DC-PA", "SKU-5", 1)
    network.place({"SKU-5": 2})  # split over two nodes

    report = backtest(recorded_decisions(oms, None), SourcingRules(split=SplitRule(lines=False)))

    assert report["recorded"]["split_rate"] == 0.25
    assert report["backtest"]["split_rate"] == 0.0
    assert report["backtest"]["backordered_units"] == report["recorded"]["backordered_units"] + 1


def test_since_leaves_out_earlier_decisions(oms: OMS, network: Network):
    a_history(oms, network)

    later = datetime.now(UTC) + timedelta(days=1)

    assert backtest(recorded_decisions(oms, later), SourcingRules())["recorded"]["decisions"] == 0

"""Replacing and reading the sourcing rule set through the application."""

import pytest

from application.oms import OMS
from application.rules_input import ReplaceSourcingRules
from domain.errors import NotFound


def test_before_any_replacement_the_default_rules_are_version_zero(oms: OMS):
    rules = oms.sourcing_rules()

    assert rules["version"] == 0
    assert rules["weights"]["distance"] == 1.0
    assert rules["channels"]["MARKETPLACE"]["node_types"] == ["DC", "DROPSHIP", "WAREHOUSE"]


def test_each_replacement_is_a_new_version_and_earlier_ones_stay_readable(oms: OMS):
    first = oms.replace_sourcing_rules(ReplaceSourcingRules(max_shipments=1))
    second = oms.replace_sourcing_rules(
        ReplaceSourcingRules.model_validate({"weights": {"cost": 5}})
    )

    assert (first["version"], second["version"]) == (1, 2)
    assert second["position"] > first["position"]
    assert oms.sourcing_rules()["weights"]["cost"] == 5.0
    assert oms.sourcing_rules(1)["max_shipments"] == 1
    assert oms.sourcing_rules(1)["weights"]["cost"] == 0.0
    assert oms.sourcing_rules(0)["max_shipments"] is None
    assert oms.current_rules()[0] == 2


@pytest.mark.parametrize("version", [3, -1])
def test_a_version_never_written_is_not_found(oms: OMS, version: int):
    oms.replace_sourcing_rules(ReplaceSourcingRules())

    with pytest.raises(NotFound):
        oms.sourcing_rules(version + 1 if version > 0 else version)

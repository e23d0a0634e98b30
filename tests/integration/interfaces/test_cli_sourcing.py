"""`oms sourcing backtest` against a real database."""

import json
from pathlib import Path

from typer.testing import CliRunner

from application.oms import OMS
from interfaces.cli import app
from tests.application.network import Network


def test_backtest_prints_recorded_and_replayed_figures_side_by_side(
    oms: OMS, database_url: str, tmp_path: Path
) -> None:
    network = Network(oms)
    network.stock("DC-NJ", "SKU-1", 1)
    network.stock("DC-TX", "SKU-1", 1)
    network.place({"SKU-1": 2})  # split over DC-NJ and DC-TX
    rules = tmp_path / "no-splits.json"
    rules.write_text(json.dumps({"split": {"lines": False}}))
    env, cli = {"DATABASE_URL": database_url}, CliRunner()

    as_json = cli.invoke(app, ["sourcing", "backtest", "--rules", str(rules), "--json"], env=env)
    as_table = cli.invoke(app, ["sourcing", "backtest", "--rules", str(rules)], env=env)

    assert as_json.exit_code == as_table.exit_code == 0, as_json.output
    report = json.loads(as_json.output)
    assert (report["recorded"]["split_rate"], report["backtest"]["split_rate"]) == (1.0, 0.0)
    assert report["backtest"]["backordered_units"] == 1
    assert "Recorded (rules v0)" in as_table.output
    assert "With no-splits.json" in as_table.output


def test_a_bad_rules_file_is_a_usage_error_naming_the_field(
    database_url: str, tmp_path: Path
) -> None:
    rules = tmp_path / "bad.json"
    rules.write_text(json.dumps({"max_shipments": 0}))

    result = CliRunner().invoke(
        app, ["sourcing", "backtest", "--rules", str(rules)], env={"DATABASE_URL": database_url}
    )

    assert result.exit_code == 2
    assert "max_shipments" in result.output

"""`oms projections status|rebuild` against a real database."""

from typer.testing import CliRunner

from application.oms import OMS
from interfaces.cli import app
from interfaces.demo import load


def test_status_lists_each_projection_with_its_lag_and_rebuild_brings_it_to_the_head(
    oms: OMS, database_url: str
) -> None:
    load(oms, say=lambda _: None, network="core")
    head, env = oms.head(), {"DATABASE_URL": database_url}
    cli = CliRunner()

    before = cli.invoke(app, ["projections", "status"], env=env)
    rebuilt = cli.invoke(app, ["projections", "rebuild", "stock"], env=env)
    after = cli.invoke(app, ["projections", "status"], env=env)

    assert before.exit_code == rebuilt.exit_code == after.exit_code == 0, rebuilt.output
    assert table(before.output)["stock"] == (0, head, head)
    assert "events/s" in rebuilt.output
    assert table(after.output)["stock"] == (head, head, 0)
    assert table(after.output)["returns"] == (0, head, head)


def table(output: str) -> dict[str, tuple[int, ...]]:
    """The status table's rows: name -> (position, head, lag)."""
    rows = {}
    for line in output.splitlines():
        cells = [c.strip().replace(",", "") for c in line.split("│")[1:-1]]
        if len(cells) == 5 and cells[1].isdigit():
            rows[cells[0]] = tuple(int(c) for c in cells[1:4])
    return rows


def test_rebuilding_an_unknown_projection_is_a_usage_error(database_url: str) -> None:
    result = CliRunner().invoke(
        app, ["projections", "rebuild", "nope"], env={"DATABASE_URL": database_url}
    )
    assert result.exit_code == 2
    assert "no projection named 'nope'" in result.output

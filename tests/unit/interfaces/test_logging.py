"""Log lines: one JSON object per line, whatever values a line carries."""

from __future__ import annotations

import json

import pytest
import structlog

from interfaces.logging import configure_logging


@pytest.fixture
def json_log(capsys: pytest.CaptureFixture[str]) -> structlog.typing.FilteringBoundLogger:
    configure_logging("INFO", json_lines=True)
    capsys.readouterr()
    return structlog.get_logger("test")  # type: ignore[no-any-return]


def _lines(capsys: pytest.CaptureFixture[str]) -> list[dict[str, object]]:
    return [json.loads(line) for line in capsys.readouterr().err.splitlines()]


def test_a_line_is_json_with_level_timestamp_and_bound_context(
    json_log: structlog.typing.FilteringBoundLogger, capsys: pytest.CaptureFixture[str]
) -> None:
    with structlog.contextvars.bound_contextvars(request_id="r-1", actor="alice"):
        json_log.info("request", status=201, ms=1.5)

    (line,) = _lines(capsys)
    assert line["event"] == "request"
    assert (line["request_id"], line["actor"], line["status"], line["ms"]) == (
        "r-1",
        "alice",
        201,
        1.5,
    )
    assert line["level"] == "info"
    assert str(line["timestamp"]).endswith("Z")


def test_values_orjson_refuses_are_still_written(
    json_log: structlog.typing.FilteringBoundLogger, capsys: pytest.CaptureFixture[str]
) -> None:
    json_log.info("odd", huge=2**80, counts={1: "one"}, thing=object())

    (line,) = _lines(capsys)
    assert line["huge"] == 2**80
    assert line["counts"] == {"1": "one"}
    assert str(line["thing"]).startswith("<object object")


def test_lines_below_the_level_are_not_written(capsys: pytest.CaptureFixture[str]) -> None:
    configure_logging("WARNING", json_lines=True)
    capsys.readouterr()

    structlog.get_logger("test").info("quiet")

    assert capsys.readouterr().err == ""

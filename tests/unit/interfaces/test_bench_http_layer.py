"""The http-layer bench: placements through the real app, the writer answering at once."""

from __future__ import annotations

from concurrent.futures import Future

import pytest

from application.command import Answer, Command
from interfaces.bench import http_layer
from interfaces.bench.main import SECTIONS


def test_every_placement_goes_through_the_app_and_is_answered_201() -> None:
    # cpu_per_request raises unless every placement was answered 201.
    assert http_layer.cpu_per_request("WARNING", 50) > 0


class Incomplete:
    def model_dump(self, mode: str) -> dict[str, str]:
        return {"channel": "WEB"}  # no customer, delivery or lines: 422


def test_a_placement_the_app_refuses_fails_the_section(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(http_layer, "order", lambda i: Incomplete())

    with pytest.raises(RuntimeError, match="not all answered 201"):
        http_layer.cpu_per_request("WARNING", 20)


def test_the_section_reports_quiet_and_logged_cpu_with_quiet_as_the_baseline(
    capsys: pytest.CaptureFixture[str],
) -> None:
    quiet, logged = http_layer.run(None, "", scale=0.05)  # type: ignore[arg-type]

    assert "log WARNING" in quiet.name
    assert quiet.value > 0
    assert "log INFO" in logged.name
    assert logged.baseline == quiet.value
    assert "http-layer" in SECTIONS
    assert '"request"' not in capsys.readouterr().err  # the INFO lines are not shown


def test_each_placement_carries_its_own_idempotency_key(monkeypatch: pytest.MonkeyPatch) -> None:
    keys: list[str | None] = []
    answer = http_layer.AnsweringWriter.submit

    def noted(self: http_layer.AnsweringWriter, command: Command) -> Future[Answer]:
        keys.append(command.key)
        return answer(self, command)

    monkeypatch.setattr(http_layer.AnsweringWriter, "submit", noted)
    http_layer.cpu_per_request("WARNING", 20)

    assert None not in keys
    assert len(set(keys)) == len(keys) > 20

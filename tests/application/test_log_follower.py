"""A command waits a bounded time for another command's look at the event log."""

from __future__ import annotations

import threading
import time
from types import SimpleNamespace
from typing import Any, cast

import pytest
from eventsourcing.persistence import OperationalError

from application.log_follower import LogFollower


class StalledRecorder:
    """Reads the log only when told to: a database that does not answer for now."""

    def __init__(self) -> None:
        self.answer = threading.Event()
        self.reading = threading.Event()

    def select_notifications(self, **_: Any) -> list[Any]:
        self.reading.set()
        self.answer.wait(10)
        return []


def test_a_command_behind_a_stalled_catch_up_fails_after_the_wait_instead_of_queueing() -> None:
    recorder = StalledRecorder()
    follower = LogFollower(cast(Any, SimpleNamespace(recorder=recorder)), [], wait=0.1)
    first = threading.Thread(target=follower.catch_up)
    first.start()
    assert recorder.reading.wait(5)

    started = time.monotonic()
    with pytest.raises(OperationalError):
        follower.catch_up()
    assert time.monotonic() - started < 1.0

    recorder.answer.set()
    first.join()
    follower.catch_up()  # free again once the database answers

"""The read-side benchmark runs end to end on a small workload."""

from application.oms import OMS
from interfaces.bench.projections import catch_up, live_lag


def test_catch_up_applies_every_event_of_a_log_of_the_asked_length(
    oms: OMS, database_url: str
) -> None:
    applied, seconds = catch_up(oms, database_url, events=1500)
    assert applied >= 1500
    assert seconds > 0


def test_live_lag_is_measured_for_every_event_decided_under_load(
    oms: OMS, database_url: str
) -> None:
    lags = live_lag(oms, database_url, seconds=1.0, rate=40)
    assert len(lags) > 40
    assert all(0 < lag < 5000 for lag in lags)

"""The promise model: handling time, downtime, cut-off and transit by distance."""

from datetime import UTC, date, datetime

import pytest

from domain.promise import delivery_date, ship_date
from tests.unit.domain.builders import a_candidate


def at(day: int, hour: int) -> datetime:
    return datetime(2026, 3, day, hour, tzinfo=UTC)


@pytest.mark.parametrize(
    ("now", "downtimes", "ships"),
    [
        (at(2, 9), (), date(2026, 3, 2)),  # ready at 13:00, before the cut-off
        (at(2, 15), (), date(2026, 3, 3)),  # ready at 19:00, after the cut-off
        (at(2, 9), ((at(2, 10), at(2, 20)),), date(2026, 3, 3)),  # down 10-20: ready 23:00
        (at(2, 9), ((at(2, 10), at(2, 11)),), date(2026, 3, 2)),  # an hour's stop: 14:00
        (at(2, 9), ((at(2, 10), at(4, 8)),), date(2026, 3, 4)),  # down two days: 4 Mar 11:00
    ],
)
def test_a_node_ships_after_handling_downtime_and_the_cut_off(now, downtimes, ships):
    assert ship_date(a_candidate("DC1", downtimes=downtimes), now) == ships


@pytest.mark.parametrize(
    ("distance", "arrives"),
    [
        (None, date(2026, 3, 2)),
        (10.0, date(2026, 3, 3)),
        (799.0, date(2026, 3, 3)),
        (1700.0, date(2026, 3, 5)),
    ],
)
def test_transit_takes_a_day_plus_a_day_per_800_km(distance, arrives):
    assert delivery_date(date(2026, 3, 2), distance) == arrives

"""Parts of a fold: every aggregate's rows in exactly one part; shared events in all."""

from __future__ import annotations

from uuid import uuid4

import pytest

from projections.parts import MAX_PARTS, Part, all_parts


def test_every_aggregate_belongs_to_exactly_one_part_and_the_parts_share_the_work() -> None:
    parts = all_parts(3)
    ids = [uuid4() for _ in range(600)]

    holders = [[p for p in parts if p.holds(i)] for i in ids]

    assert all(len(h) == 1 for h in holders)
    assert all(100 < sum(h == [p] for h in holders) < 300 for p in parts)


@pytest.mark.parametrize(("index", "count"), [(2, 2), (-1, 2), (0, 0), (0, MAX_PARTS + 1)])
def test_a_part_outside_the_split_is_refused(index: int, count: int) -> None:
    with pytest.raises(ValueError, match="does not exist"):
        Part(index, count)

"""Scores and costs are rounded for ranking and the explanation by `rounded`, which must
give exactly what `round` gives."""

import math

from hypothesis import given, settings
from hypothesis import strategies as st

from domain.sourcing_search import rounded

EDGES = [0.0, -0.0, 1.0, -1.0, 0.5, 2.5, -2.5, 1e-7, 102606.0, 123.4565, 2.0**53, 1e300, 7]


def same(a: float, b: float) -> bool:
    return (
        type(a) is type(b)
        and (a == b or (math.isnan(a) and math.isnan(b)))
        and (math.copysign(1, a) == math.copysign(1, b))
    )


def test_rounded_gives_what_round_gives_on_edge_values() -> None:
    for value in [*EDGES, math.inf, -math.inf, math.nan]:
        for digits in (3, 6):
            assert same(rounded(value, digits), round(value, digits)), (value, digits)


WHOLE = st.integers(-(10**6), 10**6).map(float)


@settings(max_examples=300)
@given(st.floats(allow_nan=False) | WHOLE, st.sampled_from([3, 6]))
def test_rounded_gives_what_round_gives(value: float, digits: int) -> None:
    assert same(rounded(value, digits), round(value, digits))

"""Hypothesis strategies for request fields, in two moods.

`Fields(hostile=False)` gives the edges of what the REST models accept (longest texts of
astral characters, quotes and separators, largest quantities and amounts, first and last
instants in far time zones) and ordinary values between them. `Fields(hostile=True)` puts
one field in eight just beyond the edges or anywhere at all (control characters, lone
surrogates, NaN, huge numbers, years 1 and 9999): the server decides what it accepts.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta, timezone
from decimal import Decimal
from typing import Any

from hypothesis import strategies as st

from domain.limits import EARLIEST, LATEST, MAX_AMOUNT, MAX_DAILY_CAPACITY, MAX_QUANTITY

STORABLE = st.characters(exclude_categories=("Cc", "Cs"))
ODD_TEXT = ["'; DROP TABLE orders; --", '"\\', "\u2028\u2029", "\ufeff\u202e", "\U0010fffd"]
REFUSED_TEXT = ["\x00", "a\x00b", "\t\n", "\x7f", "\x9f", "\ud800", "\udfff"]
ZONES = [UTC, timezone(timedelta(hours=14)), timezone(-timedelta(hours=14))]


@dataclass(frozen=True)
class Fields:
    hostile: bool

    def _mix(
        self, valid: st.SearchStrategy[Any], beyond: st.SearchStrategy[Any]
    ) -> st.SearchStrategy[Any]:
        if not self.hostile:
            return valid
        # One field in eight beyond the edge, so a command is often refused for one field
        # and sometimes accepted with every other field at its edge.
        return st.integers(0, 7).flatmap(lambda die: beyond if die == 0 else valid)

    def text(self, max_size: int = 500) -> st.SearchStrategy[str]:
        longest = st.sampled_from(["x", "é", "\U0001f600", "'"]).map(lambda c: c * max_size)
        valid = st.one_of(
            st.sampled_from([t for t in ODD_TEXT if len(t) <= max_size]),
            longest,
            st.text(STORABLE, min_size=1, max_size=max_size),
        )
        beyond = st.one_of(st.sampled_from(REFUSED_TEXT), st.text(max_size=max_size + 1))
        return self._mix(valid, beyond)

    def quantity(self) -> st.SearchStrategy[int]:
        valid = st.one_of(st.sampled_from([1, MAX_QUANTITY]), st.integers(1, MAX_QUANTITY))
        beyond = st.one_of(
            st.sampled_from([0, -1, MAX_QUANTITY + 1, 2**31, 2**63]), st.integers(-(2**64), 2**64)
        )
        return self._mix(valid, beyond)

    def capacity(self) -> st.SearchStrategy[int | None]:
        valid = st.one_of(st.none(), st.sampled_from([0, MAX_DAILY_CAPACITY]), st.integers(0, 10))
        beyond = st.sampled_from([-1, MAX_DAILY_CAPACITY + 1, 2**31, 2**63])
        return self._mix(valid, beyond)

    def amount(self) -> st.SearchStrategy[Any]:
        edges = ["0", "0.01", "9999999.99", str(MAX_AMOUNT), "10000000.00", "1E+7"]
        valid = st.one_of(
            st.sampled_from(edges), st.decimals(Decimal(0), MAX_AMOUNT, places=2).map(str)
        )
        beyond = st.one_of(
            st.sampled_from(["0.001", "-0.01", "10000000.01", "NaN", "Infinity", "1E+30"]),
            st.floats(),
        )
        return self._mix(valid, beyond)

    def coordinate(self, limit: float) -> st.SearchStrategy[float]:
        valid = st.one_of(st.sampled_from([-limit, limit, 0.0, 5e-324]), st.floats(-limit, limit))
        beyond = st.sampled_from([limit + 1e-9, float("inf"), float("nan"), 1e308])
        return self._mix(valid, beyond)

    def instant(self) -> st.SearchStrategy[str]:
        last = LATEST - timedelta(microseconds=1)
        edges = [
            EARLIEST.isoformat(),
            last.isoformat(),
            EARLIEST.astimezone(ZONES[1]).isoformat(),
            last.astimezone(ZONES[2]).isoformat(),
        ]
        times = st.datetimes(
            EARLIEST.replace(tzinfo=None), last.replace(tzinfo=None), timezones=st.just(UTC)
        )
        valid = st.one_of(st.sampled_from(edges), times.map(datetime.isoformat))
        beyond = st.one_of(
            st.sampled_from(["0001-01-01T00:00:00+14:00", "9999-12-31T23:59:59.999999-14:00"]),
            st.datetimes(timezones=st.sampled_from(ZONES)).map(datetime.isoformat),
        )
        return self._mix(valid, beyond)

    def code(self, prefix: str) -> st.SearchStrategy[str]:
        """A valid code or SKU, unique by `prefix`, as long and odd as the pattern allows."""
        tail = st.from_regex(r"[A-Za-z0-9_.\-]{0,64}", fullmatch=True)
        return tail.map(lambda t: (prefix + t)[:64])

    def email(self) -> st.SearchStrategy[str]:
        edges = ["a" * 64 + "@" + "b" * 189, "a@b", "\U0001f600@é", "'\"@%"]
        part = st.text(
            st.characters(exclude_categories=("Cc", "Cs", "Zs")), min_size=1, max_size=20
        )
        valid = st.one_of(
            st.sampled_from(edges), st.tuples(part, part).map(lambda p: f"{p[0]}@{p[1]}")
        )
        beyond = st.one_of(
            st.sampled_from(["a\x00@b", "a@b\ud800", "a" * 255 + "@b"]), self.text(254)
        )
        return self._mix(valid, beyond)

    def day(self) -> st.SearchStrategy[str | None]:
        return st.one_of(st.none(), st.dates().map(lambda d: d.isoformat()))

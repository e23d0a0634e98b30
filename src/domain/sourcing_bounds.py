"""Bounds of the split search (see sourcing_search): what a node could still add to a
set of nodes, and whether a plan can still enter the beam."""

from __future__ import annotations

import heapq
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from domain.sourcing_search import Option

BEAM_WIDTH = 4


class Kept:
    """The units left unsourced by the BEAM_WIDTH best plans of a level so far: a plan
    sure to leave more unsourced than all of them cannot enter the beam, and is skipped
    unassigned."""

    __slots__ = ("_worst_first", "full")

    def __init__(self) -> None:
        self._worst_first: list[int] = []  # a heap of the negated counts
        self.full = False  # whether BEAM_WIDTH plans are kept (before that, none is beaten)

    def add(self, unsourced: int) -> None:
        if len(self._worst_first) < BEAM_WIDTH:
            heapq.heappush(self._worst_first, -unsourced)
            self.full = len(self._worst_first) == BEAM_WIDTH
        elif unsourced < -self._worst_first[0]:
            heapq.heapreplace(self._worst_first, -unsourced)

    def beaten(self, at_least: int) -> bool:
        """Whether a plan leaving at least this many units unsourced cannot be kept."""
        return len(self._worst_first) == BEAM_WIDTH and at_least > -self._worst_first[0]


def held_by(wanted: Mapping[str, int], nodes: Iterable[Option]) -> dict[str, int]:
    """The units of each line the nodes could give together (at most what is wanted)."""
    held: dict[str, int] = {}
    for node in nodes:
        for sku, have in node.usable.items():
            held[sku] = min(wanted[sku], held.get(sku, 0) + have)
    return held


def gain(wanted: Mapping[str, int], held: Mapping[str, int], option: Option) -> int:
    """The most units a node could add to what `held` can give."""
    gain = 0
    for sku, have in option.usable.items():
        before = held.get(sku, 0)
        gain += min(wanted[sku], before + have) - before
    return gain

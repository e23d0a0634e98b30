"""The search for a plan among eligible nodes, with a bounded cost.

Single-node plans that fill every line are all scored (one pass, O(nodes x lines)).
Splits are searched only when they could win: when no single node fills the order, or
when two of the cheapest nodes together cost less than the best single-node plan. The
split search is a beam search over sets of nodes drawn from a pool: the POOL_SIZE
cheapest nodes plus, for every line, the PER_LINE cheapest nodes holding it. Each level
adds one node to each of the BEAM_WIDTH best sets so far; a node added takes, line by
line, what it can of what is still open, within the split rules. The search stops at
`max_shipments` nodes, when every set left covers the order, or when no set can still
beat the best full plan found. Its cost is at most max_shipments x BEAM_WIDTH x pool x
lines steps, whatever the size of the network.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from operator import attrgetter
from typing import NamedTuple

from domain.quick_init import quick_init
from domain.sourcing_bounds import BEAM_WIDTH, Kept, gain, held_by
from domain.sourcing_rules import SourcingRules, SplitRule

POOL_SIZE = 12
PER_LINE = 2


def rounded(x: float, digits: int) -> float:
    """`round(x, digits)`, the same value: a float with no fraction is its own rounding
    (scores are often whole numbers, and `round` with digits costs a decimal conversion)."""
    return x if type(x) is float and x.is_integer() else round(x, digits)


class Option(NamedTuple):
    """An eligible node: its cost per shipment and what it may give of each line."""

    code: str
    score: float
    usable: Mapping[str, int]
    priority: int = 100
    ship_cost: float = 0.0


@quick_init
@dataclass(frozen=True)
class Outcome:
    shipments: dict[str, dict[str, int]]
    backorders: dict[str, int]
    score: float


class _State:
    """A set of nodes and how its lines fall to them (cheapest node first), with its rank
    among plans (`key`, computed once: the search compares states many times). `taken`:
    the units of each line the nodes take (only the lines they take any of)."""

    __slots__ = ("key", "nodes", "shipments", "taken", "wanted")

    def __init__(
        self,
        wanted: Mapping[str, int],
        unsourced: int,
        nodes: tuple[Option, ...] = (),
        shipments: dict[str, dict[str, int]] | None = None,
        taken: dict[str, int] | None = None,
    ) -> None:
        self.wanted = wanted
        self.nodes = nodes
        self.shipments = shipments if shipments is not None else {}
        self.taken = taken if taken is not None else {}
        used = [n for n in nodes if n.code in self.shipments]
        self.key = (
            unsourced,
            rounded(sum(n.score for n in used), 6),
            sum(n.priority for n in used),
            rounded(sum(n.ship_cost for n in used), 6),
            tuple(sorted(self.shipments)),
        )

    def outcome(self) -> Outcome:
        taken = self.taken
        backorders = {
            sku: left for sku, qty in self.wanted.items() if (left := qty - taken.get(sku, 0))
        }
        return Outcome(self.shipments, backorders, self.key[1])


def search(wanted: Mapping[str, int], options: Sequence[Option], rules: SourcingRules) -> Outcome:
    """The best plan for `wanted` (units unsourced first, then cost) under the rules."""
    best = _best_single(wanted, options)
    limit = min(rules.max_shipments or len(options), len(options))
    cheapest = min((o.score for o in options), default=0.0)
    if best is None or (limit >= 2 and 2 * cheapest < best.key[1]):
        for state in _beam(wanted, _pool(wanted, options), rules.split, limit, best):
            if best is None or state.key < best.key:
                best = state
    return (best or _State(wanted, sum(wanted.values()))).outcome()


def _best_single(wanted: Mapping[str, int], options: Iterable[Option]) -> _State | None:
    """The best plan of one node filling every line. Each filling node is ranked by the
    key its `_State` would have (the sums over one node, as `_State` adds them up); the
    state is made for the best one only."""
    best, best_key = None, None
    lines, items = len(wanted), wanted.items()
    for option in options:
        usable = option.usable
        if len(usable) >= lines and all(usable.get(sku, 0) >= qty for sku, qty in items):
            score, cost = rounded(0 + option.score, 6), rounded(0 + option.ship_cost, 6)
            key = (0, score, 0 + option.priority, cost, (option.code,))
            if best_key is None or key < best_key:
                best, best_key = option, key
    if best is None:
        return None
    return _State(wanted, 0, (best,), {best.code: dict(wanted)}, dict(wanted))


def _pool(wanted: Mapping[str, int], options: Sequence[Option]) -> list[Option]:
    ranked = sorted(options, key=attrgetter("score", "code"))
    pool = dict.fromkeys(o.code for o in ranked[:POOL_SIZE])
    holders = dict.fromkeys(wanted, 0)
    short = len(holders)  # lines with fewer than PER_LINE holders in the pool
    for option in ranked:
        for sku in option.usable:
            if holders.get(sku, PER_LINE) < PER_LINE:
                holders[sku] += 1
                pool[option.code] = None
                if holders[sku] == PER_LINE:
                    short -= 1
        if not short:
            break
    chosen = set(pool)
    return [o for o in ranked if o.code in chosen]


def _beam(
    wanted: Mapping[str, int],
    pool: Sequence[Option],
    split: SplitRule,
    limit: int,
    best: _State | None,
) -> Iterable[_State]:
    total = sum(wanted.values())
    frontier = [_State(wanted, total)]
    cheapest = min((o.score for o in pool), default=0.0)
    rank = {o.code: n for n, o in enumerate(pool)}  # the pool is ranked cheapest first
    by_rank = lambda o: rank[o.code]  # noqa: E731
    # The most each node could add to any set (its gain to one is never more): when even
    # that leaves a plan beaten, its exact gain is not worked out.
    most = {o.code: gain(wanted, {}, o) for o in pool}
    for _ in range(limit):
        children: dict[frozenset[str], _State] = {}
        assigned: dict[frozenset[str], _State] = {}  # by the nodes given the lines
        kept = Kept()
        for state in frontier:
            taken = {o.code for o in state.nodes}
            held = held_by(wanted, state.nodes)
            left = total - sum(held.values())
            for option in pool:
                code = option.code
                if code in taken:
                    continue
                # (Until BEAM_WIDTH plans are kept, none is beaten: no gain to work out.)
                if kept.full and (
                    kept.beaten(left - most[code]) or kept.beaten(left - gain(wanted, held, option))
                ):
                    continue
                # The same nodes reached from another plan of the level assign alike.
                given = frozenset((*taken, code))
                child = assigned.get(given)
                if child is None:
                    nodes = sorted((*state.nodes, option), key=by_rank)
                    child = assigned[given] = _assign(wanted, total, nodes, split)
                if code not in child.shipments:
                    continue
                used = frozenset(child.shipments)
                if used not in children:
                    children[used] = child
                    kept.add(child.key[0])
        if not children:
            return
        frontier = sorted(children.values(), key=lambda s: s.key)[:BEAM_WIDTH]
        yield frontier[0]
        if best is None or frontier[0].key < best.key:
            best = frontier[0]
        frontier = [s for s in frontier if s.key[0] > 0]
        if best.key[0] == 0:
            frontier = [s for s in frontier if s.key[1] + cheapest < best.key[1]]


def _assign(
    wanted: Mapping[str, int], total: int, ordered: Sequence[Option], split: SplitRule
) -> _State:
    """Lines fall to the nodes (given cheapest first): whole lines first, then parts of
    lines as the split rules allow. `total`: the units wanted."""
    taken: dict[str, int] = {}
    parts: dict[str, int] = {}
    shipments: dict[str, dict[str, int]] = {}
    for option in ordered:  # whole lines: a line not taken yet, all of it
        for sku, have in option.usable.items():
            if sku not in taken and 0 < (open_qty := wanted[sku]) <= have:
                shipments.setdefault(option.code, {})[sku] = open_qty
                taken[sku] = open_qty
                parts[sku] = 1
    for option in ordered:  # parts of what is still open
        for sku, have in option.usable.items():
            open_qty = wanted[sku] - taken.get(sku, 0)
            if open_qty > 0 and have > 0:
                take = _take(open_qty, have, parts.get(sku, 0), split)
                if take:
                    shipments.setdefault(option.code, {})[sku] = take
                    taken[sku] = taken.get(sku, 0) + take
                    parts[sku] = parts.get(sku, 0) + 1
    return _State(wanted, total - sum(taken.values()), tuple(ordered), shipments, taken)


def _take(open_qty: int, have: int, parts: int, split: SplitRule) -> int:
    """What a node may take of a line: whole when it can; a part only as the rules allow.

    Without line splits a line has at most one part. With them, every part of a line
    served by several nodes holds at least `min_units`.
    """
    if open_qty <= 0 or have <= 0:
        return 0
    if not split.lines:
        return min(open_qty, have) if parts == 0 else 0
    if have >= open_qty:
        return open_qty
    take = have
    if 0 < open_qty - take < split.min_units:
        take = open_qty - split.min_units
    return take if take >= split.min_units else 0

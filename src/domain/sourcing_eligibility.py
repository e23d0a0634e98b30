"""Step 1 of sourcing (see `domain.sourcing`): which candidates may serve a request at
all, and what each may give of the lines it holds."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from datetime import datetime
from types import MappingProxyType
from typing import TYPE_CHECKING, NamedTuple

from domain.channels import ChannelRule
from domain.sourcing_rules import GroupRule
from domain.values import Capability, DeliveryMethod

if TYPE_CHECKING:  # the types are defined with the engine, which imports this module
    from domain.sourcing import Candidate, Request

NOTHING: Mapping[str, str] = MappingProxyType({})


def closed_at(candidate: Candidate, now: datetime | None) -> str | None:
    """Why the node serves no order at `now` ("inactive", "down"), or None when it is open."""
    if not candidate.active:
        return "inactive"
    if candidate.down_at(now):
        return "down"
    return None


class Eligibility(NamedTuple):
    """Step 1's answer, one entry per candidate: why it is excluded (None: it is not),
    what it may give (None when excluded), and the lines groups refuse it (by
    candidate index; most are refused none)."""

    reasons: list[str | None]
    usable: list[Mapping[str, int] | None]
    refusals: dict[int, Mapping[str, str]]


def eligibility(
    request: Request,
    channel: ChannelRule,
    now: datetime | None,
    groups: Mapping[str, tuple[GroupRule, ...]],
    candidates: Sequence[Candidate],
) -> Eligibility:
    """Each candidate's exclusion and usable quantities of the wanted lines (`groups`:
    the groups of each wanted line, none for most). A candidate with nothing usable is
    excluded by the first group refusing it a line, else by "no stock"."""
    excluded = exclusion(request, channel, now)
    usable_at = usability(channel, groups)
    reasons: list[str | None] = [excluded(candidate) for candidate in candidates]
    usables: list[Mapping[str, int] | None] = [None] * len(reasons)
    refusals: dict[int, Mapping[str, str]] = {}
    for n, reason in enumerate(reasons):
        if reason is None:
            usable, refused = usable_at(candidates[n])
            if refused:
                refusals[n] = refused
            if usable:
                usables[n] = usable
            else:
                reasons[n] = next(iter(refused.values()), "no stock")
    return Eligibility(reasons, usables, refusals)


def usability(
    channel: ChannelRule, groups: Mapping[str, tuple[GroupRule, ...]]
) -> Callable[[Candidate], tuple[Mapping[str, int], Mapping[str, str]]]:
    """What a node may give of each wanted line it holds (`groups`: by wanted line); the
    lines groups refuse it."""
    grouped = {sku: refusing for sku, refusing in groups.items() if refusing}
    visible = channel.visible
    # With no buffer and no group to consult, a node's positive quantities of wanted lines
    # are what it may give: then they are used as they are (no copy per candidate).
    as_held = channel.buffer == 0 and not grouped

    def usable_at(candidate: Candidate) -> tuple[Mapping[str, int], Mapping[str, str]]:
        if as_held:
            for sku, have in candidate.available.items():
                if have <= 0 or sku not in groups:
                    break
            else:
                return candidate.available, NOTHING
        usable: dict[str, int] = {}
        refused: dict[str, str] | None = None  # most nodes are refused nothing: no dict
        for sku, have in candidate.available.items():
            if sku not in groups:
                continue
            reason = refusal(grouped[sku], candidate) if sku in grouped else None
            if reason:
                refused = refused or {}
                refused[sku] = reason
            elif (quantity := visible(have)) > 0:
                usable[sku] = quantity
        return usable, refused or NOTHING

    return usable_at


def refusal(groups: tuple[GroupRule, ...], candidate: Candidate) -> str | None:
    for group in groups:
        reason = group.refuses(candidate.node_code, candidate.node_type, candidate.capabilities)
        if reason:
            return reason
    return None


def exclusion(
    request: Request, channel: ChannelRule, now: datetime | None
) -> Callable[[Candidate], str | None]:
    """Why a candidate may not serve the request at all (None: it may), the request's
    and channel's part worked out once per decision."""
    pickup = request.method is DeliveryMethod.PICKUP
    needed = Capability.PICKUP if pickup else Capability.SHIP
    exclude, store, node_types = request.exclude, request.pickup_node, channel.node_types

    def excluded(candidate: Candidate) -> str | None:
        if not candidate.active or candidate.downtimes:
            closed = closed_at(candidate, now)
            if closed:
                return closed
        code = candidate.node_code
        if exclude and code in exclude:
            return "rejected this order"
        if pickup and code != store:
            return "not the pickup store"
        if needed not in candidate.capabilities:
            return f"cannot {needed.value}"
        if candidate.node_type not in node_types:
            return f"channel {request.channel}: node type {candidate.node_type} not allowed"
        if candidate.capacity_left is not None and candidate.capacity_left <= 0:
            return "daily capacity reached"
        return None

    return excluded

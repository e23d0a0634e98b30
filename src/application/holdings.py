"""Which nodes hold a stock record of each SKU, with the ids to read them by.

Kept up to date one record at a time as the log names new ones (see NetworkIndex), so a
sourcing decision finds its candidates without scanning the network or hashing ids: a
decision over 20 lines at 1,000 nodes reads about 650 nodes and 1,000 records.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import NamedTuple
from uuid import UUID

from domain.values import node_id, node_stock_id

# Answers `Holdings.held` keeps (all dropped when full: a bound, not a policy).
MAX_ANSWERS = 256


class Held(NamedTuple):
    """What one decision reads: the nodes holding any wanted SKU (by code), the ids of
    their aggregates in that order, then each node's records of the wanted SKUs (in the
    order the SKUs were asked for) with their ids, after all the nodes' ids."""

    codes: list[str]
    ids: list[UUID]  # the nodes' ids, then their records' ids
    skus: dict[str, list[str]]  # by node code: the wanted SKUs it holds


class Holdings:
    """Stock records by SKU, then node code: each record's id, worked out once."""

    def __init__(self) -> None:
        self._by_sku: dict[str, dict[str, UUID]] = {}
        self._node_ids: dict[str, UUID] = {}
        # What `held` answered, by the SKUs asked for: orders ask for the same few SKUs
        # again and again, and the answer changes only when a record is added.
        self._answers: dict[tuple[str, ...], Held] = {}

    def add(self, code: str, sku: str) -> None:
        """A record of `sku` at node `code` exists (a second time changes nothing)."""
        at = self._by_sku.setdefault(sku, {})
        if code not in at:
            self._answers.clear()
            at[code] = node_stock_id(code, sku)
            if code not in self._node_ids:
                self._node_ids[code] = node_id(code)

    def __contains__(self, sku: str) -> bool:
        """Whether any node holds a record of `sku`."""
        return sku in self._by_sku

    def codes(self, sku: str) -> set[str]:
        """The codes of the nodes holding a record of `sku`."""
        return set(self._by_sku.get(sku, ()))

    def held(self, skus: Iterable[str]) -> Held:
        """The nodes holding any of `skus` (sorted by code) and the ids to read: for the
        same SKUs the same answer until a record is added (shared: read it, never change it)."""
        wanted = tuple(dict.fromkeys(skus))
        answer = self._answers.get(wanted)
        if answer is None:
            if len(self._answers) >= MAX_ANSWERS:
                self._answers.clear()
            answer = self._answers[wanted] = self._held(wanted)
        return answer

    def _held(self, skus: tuple[str, ...]) -> Held:
        by_sku = self._by_sku
        per_node: dict[str, list[str]] = {}
        record_ids: dict[str, list[UUID]] = {}
        for sku in skus:
            for code, record in by_sku.get(sku, {}).items():
                held = per_node.get(code)
                if held is None:
                    per_node[code] = [sku]
                    record_ids[code] = [record]
                else:
                    held.append(sku)
                    record_ids[code].append(record)
        codes = sorted(per_node)
        node_ids = self._node_ids
        ids = [node_ids[code] for code in codes]
        for code in codes:
            ids += record_ids[code]
        return Held(codes, ids, per_node)

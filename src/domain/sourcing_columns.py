"""The candidates of a sourcing explanation as columns: small to store, every one kept.

A decision over 1,000 nodes names hundreds of candidates; one JSON object per candidate
repeated every key and every label (about 300 bytes each). Stored as columns, an
explanation's `candidates` is a dict of parallel lists, one entry per candidate:

- `node`, `distance_km`, `score`, `priority`, `ship_cost`, `capacity_left`: the values
  themselves (`lat` and `lon` too in explanations recorded before version 3: a replay
  needs the distance only, which is recorded);
- `node_type`, `capabilities`, `excluded_by`: indexes into `labels`, the distinct values
  (null: none, e.g. an eligible candidate);
- `available`: one flat list of `candidate, line, quantity` triples (a candidate's index,
  the index of a SKU in `skus`, the SKUs the decision wanted, and its quantity there);
- `refused`: one flat list of `candidate, line, label` triples, one for each line a
  product group refused a node
  (absent from explanations recorded before product groups).

`rows()` gives one dict per candidate back, with the keys the engine recorded before
(`node`, `node_type`, `distance_km`, `score`, `available`, `excluded_by`, `refused_lines`,
`capabilities`, `priority`, `ship_cost`, `capacity_left`); `columns()` is its
inverse (the upcaster of older explanations uses it). Explanations recorded before rules
existed lack the replay fields; their columns are left out, and so are their keys.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

PLAIN = ("node", "distance_km", "score", "lat", "lon", "priority", "ship_cost", "capacity_left")
# What a replay needs besides the distance (see sourcing_replay); older explanations lack it.
REPLAY = ("priority", "ship_cost", "capacity_left", "node_type", "capabilities")
LABELLED = ("node_type", "capabilities", "excluded_by")


class Labels:
    """Distinct values, each stored once; a column holds their indexes."""

    def __init__(self) -> None:
        self._index: dict[Any, int] = {}

    def __call__(self, value: Any) -> int | None:
        """The index of `value` (a list or set is one value: its sorted items)."""
        if value is None:
            return None
        key = frozenset(value) if isinstance(value, list) else value
        return self._index.setdefault(key, len(self._index))

    def column(self, values: Iterable[Any]) -> list[int | None]:
        """The index of each value (sets given as frozensets; lists only by `__call__`)."""
        index = self._index
        add = index.setdefault
        # Most values were seen before: a lookup without a call for them.
        return [
            None if v is None else index[v] if v in index else add(v, len(index)) for v in values
        ]

    def values(self) -> list[Any]:
        return [sorted(v) if isinstance(v, frozenset) else v for v in self._index]


def available_column(skus: Sequence[str], quantities: Iterable[Mapping[str, int]]) -> list[int]:
    line = {sku: i for i, sku in enumerate(skus)}
    flat: list[int] = []
    for n, held in enumerate(quantities):
        for sku, qty in held.items():
            if sku in line:
                flat += (n, line[sku], qty)
    return flat


def refused_column(
    skus: Sequence[str], refusals: Iterable[tuple[int, Mapping[str, str]]], label: Labels
) -> list[int | None]:
    """`refusals`: the lines refused to each candidate that was refused any, by its index."""
    line = {sku: i for i, sku in enumerate(skus)}
    return [
        x
        for n, refused in refusals
        for sku, reason in refused.items()
        for x in (n, line[sku], label(reason))
    ]


def columns(rows: Sequence[Mapping[str, Any]], skus: Sequence[str]) -> dict[str, Any]:
    """Candidate rows (one dict each) as columns; `skus`: the lines the decision wanted."""
    label = Labels()
    present = set.intersection(*(set(r) for r in rows)) if rows else set(PLAIN + LABELLED)
    encoded: dict[str, Any] = {"skus": list(skus)}
    encoded |= {k: [r[k] for r in rows] for k in PLAIN if k in present}
    encoded |= {k: [label(r[k]) for r in rows] for k in LABELLED if k in present}
    encoded["available"] = available_column(skus, (r.get("available") or {} for r in rows))
    if "refused_lines" in present:
        refusals = enumerate(r["refused_lines"] for r in rows)
        encoded["refused"] = refused_column(skus, refusals, label)
    encoded["labels"] = label.values()
    return encoded


def rows(encoded: Mapping[str, Any]) -> list[dict[str, Any]]:
    """One dict per candidate, in the order the engine considered them."""
    skus, labels = encoded["skus"], encoded["labels"]
    count = len(encoded["node"])
    decoded: list[dict[str, Any]] = [{} for _ in range(count)]
    for key in PLAIN:
        for row, value in zip(decoded, encoded.get(key, ()), strict=False):
            row[key] = value
    for key in LABELLED:
        for row, index in zip(decoded, encoded.get(key, ()), strict=False):
            row[key] = labels[index] if index is not None else None
    for row in decoded:
        row["available"] = {}
    for n, line, quantity in _triples(encoded["available"]):
        decoded[n]["available"][skus[line]] = quantity
    if "refused" in encoded:
        for row in decoded:
            row["refused_lines"] = {}
        for n, line, index in _triples(encoded["refused"]):
            decoded[n]["refused_lines"][skus[line]] = labels[index]
    return decoded


def _triples(flat: Sequence[Any]) -> Iterable[tuple[Any, Any, Any]]:
    return zip(flat[0::3], flat[1::3], flat[2::3], strict=True)


def columnar_explanation(explanation: Mapping[str, Any]) -> dict[str, Any]:
    """An explanation with one object per candidate (stored before version 3) as columns."""
    upcast = dict(explanation)
    if isinstance(upcast.get("kits"), Mapping):  # the kits' own decision (domain.kit_sourcing)
        upcast["kits"] = columnar_explanation(upcast["kits"])
    recorded = upcast.get("candidates")
    if not isinstance(recorded, list):  # made without the engine (tests, bulk loads)
        return upcast
    wanted = (explanation.get("request") or {}).get("lines") or {}
    held = (
        sku for c in recorded for key in ("available", "refused_lines") for sku in c.get(key) or {}
    )
    skus = sorted({*wanted, *held})
    return {**upcast, "candidates": columns(recorded, skus)}

"""What a document says, independent of how it is printed (HTML page or PDF)."""

from __future__ import annotations

from dataclasses import dataclass, field


class NoSuchDocument(LookupError):
    """The order has no such document: no shipment from that node, no invoice issued yet."""


@dataclass(frozen=True)
class Party:
    """An address block: who sends, who is billed, where goods go."""

    heading: str
    lines: tuple[str, ...]


@dataclass(frozen=True)
class Table:
    """Rows of text under column headings; `numeric` columns are right-aligned."""

    caption: str
    columns: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    numeric: frozenset[int] = frozenset()
    totals: tuple[tuple[str, str], ...] = ()  # (label, amount) under the table


@dataclass(frozen=True)
class Document:
    title: str  # "Invoice", "Packing slip", ...
    reference: str  # the document's number, or the order's reference
    facts: tuple[tuple[str, str], ...]  # (label, value) pairs under the title
    parties: tuple[Party, ...] = ()
    tables: tuple[Table, ...] = ()
    notes: tuple[str, ...] = field(default=())

    @property
    def filename(self) -> str:
        """A file name for downloads: title and reference, safe characters only."""
        raw = f"{self.title}-{self.reference}".lower().replace(" ", "-")
        return "".join(c for c in raw if c.isalnum() or c in "-_.")

"""A document as a standalone HTML page that prints on one or more A4/Letter sheets."""

from __future__ import annotations

from html import escape

from interfaces.documents.model import Document, Table


def render_html(document: Document, stylesheet: str) -> str:
    """The page, styled by `stylesheet` (a URL: no inline style, for a strict CSP)."""
    title = escape(f"{document.title} {document.reference}")
    facts = "".join(f"<dt>{escape(k)}</dt><dd>{escape(v)}</dd>" for k, v in document.facts)
    parties = "".join(
        f"<section><h2>{escape(p.heading)}</h2><p>{escape(chr(10).join(p.lines))}</p></section>"
        for p in document.parties
    )
    notes = "".join(f"<p>{escape(n)}</p>" for n in document.notes)
    return (
        f'<!doctype html><html lang="en"><head><meta charset="utf-8"><title>{title}</title>'
        f'<link rel="stylesheet" href="{escape(stylesheet)}"></head><body>'
        f'<h1>{escape(document.title)}</h1><p class="ref">{escape(document.reference)}</p>'
        f'<dl>{facts}</dl><div class="parties">{parties}</div>'
        f"{''.join(_table(t) for t in document.tables)}{notes}</body></html>"
    )


def _table(table: Table) -> str:
    def cell(tag: str, index: int, text: str) -> str:
        css = ' class="num"' if index in table.numeric else ""
        scope = ' scope="col"' if tag == "th" else ""
        return f"<{tag}{css}{scope}>{escape(text)}</{tag}>"

    head = "".join(cell("th", i, c) for i, c in enumerate(table.columns))
    body = "".join(
        "<tr>" + "".join(cell("td", i, v) for i, v in enumerate(row)) + "</tr>"
        for row in table.rows
    )
    span = len(table.columns) - 1
    foot = "".join(
        f'<tr><th colspan="{span}" class="num">{escape(label)}</th>'
        f'<td class="num">{escape(amount)}</td></tr>'
        for label, amount in table.totals
    )
    return (
        f"<table><caption>{escape(table.caption)}</caption><thead><tr>{head}</tr></thead>"
        f"<tbody>{body}</tbody><tfoot>{foot}</tfoot></table>"
    )

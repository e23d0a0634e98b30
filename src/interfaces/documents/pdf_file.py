"""A document as a PDF (fpdf2, pure Python): text stays text, so it can be searched and read."""

from __future__ import annotations

import unicodedata

from fpdf import FPDF
from fpdf.fonts import FontFace

from interfaces.documents.model import Document, Table

FONT = "Helvetica"  # a PDF core font: nothing to embed, Latin-1 text
HEADINGS = FontFace(emphasis="BOLD", fill_color=(235, 238, 242))


def latin1(text: str) -> str:
    """Text the core font can show: accents kept where Latin-1 has them, else decomposed,
    else '?'."""
    if text.isascii():
        return text
    out = []
    for char in text:
        try:
            char.encode("latin-1")
            out.append(char)
        except UnicodeEncodeError:
            base = unicodedata.normalize("NFKD", char).encode("latin-1", "ignore").decode("latin-1")
            out.append(base or "?")
    return "".join(out)


def render_pdf(document: Document) -> bytes:
    pdf = FPDF(format="A4")
    pdf.set_title(latin1(f"{document.title} {document.reference}"))
    pdf.set_creator("OMS")
    pdf.set_auto_page_break(auto=True, margin=15)
    pdf.add_page()
    pdf.set_font(FONT, "B", 18)
    pdf.cell(text=latin1(document.title), new_x="LMARGIN", new_y="NEXT")
    pdf.set_font(FONT, "", 11)
    pdf.cell(text=latin1(document.reference), new_x="LMARGIN", new_y="NEXT")
    pdf.ln(3)
    for label, value in document.facts:
        pdf.set_font(FONT, "B", 10)
        pdf.cell(40, 6, latin1(label))
        pdf.set_font(FONT, "", 10)
        pdf.cell(text=latin1(value), new_x="LMARGIN", new_y="NEXT")
    _parties(pdf, document)
    for table in document.tables:
        _table(pdf, table)
    pdf.set_font(FONT, "", 10)
    for note in document.notes:
        pdf.multi_cell(0, 6, latin1(note), new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())


def _parties(pdf: FPDF, document: Document) -> None:
    if not document.parties:
        return
    pdf.ln(4)
    top, width = pdf.get_y(), (pdf.epw - 10) / len(document.parties)
    bottom = top
    for i, party in enumerate(document.parties):
        pdf.set_xy(pdf.l_margin + i * (width + 10), top)
        pdf.set_font(FONT, "B", 10)
        pdf.cell(width, 6, latin1(party.heading), new_x="LEFT", new_y="NEXT")
        pdf.set_font(FONT, "", 10)
        pdf.multi_cell(width, 5, latin1("\n".join(x for x in party.lines if x)), new_x="LEFT")
        bottom = max(bottom, pdf.get_y())
    pdf.set_xy(pdf.l_margin, bottom + 2)


def _table(pdf: FPDF, table: Table) -> None:
    pdf.ln(3)
    pdf.set_font(FONT, "B", 11)
    pdf.multi_cell(0, 7, latin1(table.caption), new_x="LMARGIN", new_y="NEXT")
    pdf.set_font(FONT, "", 10)
    align = tuple("RIGHT" if i in table.numeric else "LEFT" for i in range(len(table.columns)))
    with pdf.table(headings_style=HEADINGS, text_align=align, line_height=6) as grid:
        grid.row([latin1(c) for c in table.columns])
        for row in table.rows:
            grid.row([latin1(v) for v in row])
    for label, amount in table.totals:
        pdf.set_font(FONT, "B", 10)
        pdf.cell(pdf.epw - 35, 6, latin1(label), align="R")
        pdf.cell(35, 6, latin1(amount), align="R", new_x="LMARGIN", new_y="NEXT")

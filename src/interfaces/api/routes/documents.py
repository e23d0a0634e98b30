"""GET /orders/{order_id}/documents/{kind}: an order's documents as HTML pages or PDF.

Kinds: `acknowledgement`; `pick-list?node=CODE`; `packing-slip?shipment=ID`;
`invoice[?shipment=ID]` (every invoice of the order, or one shipment's);
`credit-memo[?return=ID]` (every credit memo, or one return's). `format=html` (default,
a page that prints well) or `format=pdf`. Built from the read models only. Any API key
may read them, as with GraphQL.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated, Literal
from uuid import UUID

from fastapi import APIRouter, HTTPException, Query, Request
from fastapi.responses import HTMLResponse, Response
from starlette.concurrency import run_in_threadpool

from interfaces.api.auth import CurrentRole
from interfaces.api.deps import ReadPoolDep
from interfaces.api.errors import problem_schema
from interfaces.documents.html_page import render_html
from interfaces.documents.model import Document, NoSuchDocument
from interfaces.documents.order_documents import acknowledgement, credit_memo, invoice
from interfaces.documents.pdf_file import render_pdf
from interfaces.documents.reading import OrderRecord, read_order
from interfaces.documents.shipment_documents import packing_slip, pick_list

router = APIRouter(tags=["documents"])


class Wanted:
    def __init__(self, node: str | None, shipment: UUID | None, return_id: UUID | None) -> None:
        self.node, self.shipment, self.return_id = node, shipment, return_id

    def required(self, name: str, value: object) -> None:
        if value is None:
            raise HTTPException(422, f"this document needs the query parameter {name!r}")


def _pick_list(record: OrderRecord, wanted: Wanted) -> Document:
    wanted.required("node", wanted.node)
    return pick_list(record, str(wanted.node))


def _packing_slip(record: OrderRecord, wanted: Wanted) -> Document:
    wanted.required("shipment", wanted.shipment)
    assert wanted.shipment is not None
    return packing_slip(record, wanted.shipment)


KINDS: dict[str, Callable[[OrderRecord, Wanted], Document]] = {
    "acknowledgement": lambda record, _: acknowledgement(record),
    "pick-list": _pick_list,
    "packing-slip": _packing_slip,
    "invoice": lambda record, wanted: invoice(record, wanted.shipment),
    "credit-memo": lambda record, wanted: credit_memo(record, wanted.return_id),
}


@router.get(
    "/orders/{order_id}/documents/{kind}",
    summary="An order's document (HTML or PDF)",
    response_class=HTMLResponse,
    responses={
        200: {
            "description": "The document as an HTML page, or a PDF with `format=pdf`",
            "content": {
                "text/html": {"schema": {"type": "string"}},
                "application/pdf": {"schema": {"type": "string", "format": "binary"}},
            },
        },
        401: problem_schema("Missing or unknown API key"),
        404: problem_schema("Unknown kind or order, or a document not issued yet"),
        422: problem_schema("A parameter this document needs is missing or invalid"),
    },
)
async def order_document(
    request: Request,
    order_id: UUID,
    kind: str,
    _role: CurrentRole,
    pool: ReadPoolDep,
    node: Annotated[str | None, Query(max_length=100, description="pick-list: the node")] = None,
    shipment: Annotated[UUID | None, Query(description="packing-slip, invoice")] = None,
    return_id: Annotated[UUID | None, Query(alias="return", description="credit-memo")] = None,
    format: Literal["html", "pdf"] = "html",
) -> Response:
    """One of `acknowledgement`, `pick-list`, `packing-slip`, `invoice`, `credit-memo`."""
    build = KINDS.get(kind)
    if build is None:
        raise HTTPException(404, f"no document kind {kind!r} (known: {', '.join(KINDS)})")
    record = await read_order(pool, order_id)
    if record is None:
        raise HTTPException(404, f"no order {order_id}")
    try:
        document = build(record, Wanted(node, shipment, return_id))
    except NoSuchDocument as missing:
        raise HTTPException(404, str(missing)) from None
    if format == "pdf":
        body = await run_in_threadpool(render_pdf, document)
        disposition = f'inline; filename="{document.filename}.pdf"'
        return Response(
            body, media_type="application/pdf", headers={"Content-Disposition": disposition}
        )
    stylesheet = str(request.url_for("console", path="document.css"))
    return HTMLResponse(render_html(document, stylesheet))

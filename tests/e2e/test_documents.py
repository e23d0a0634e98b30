"""An order's documents, HTML and PDF, rendered for demo orders and read back."""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from typing import Any

import httpx
import pytest
from pypdf import PdfReader

from interfaces.demo import load
from tests.e2e.conftest import Server, e2e_settings, serve

pytestmark = pytest.mark.e2e
ORDER = """
query($ref: String) { orders(filter: {externalRef: $ref}) { edges { node {
  id total invoicedAmount refundedAmount customer { name }
  delivery { address { line1 city postalCode } }
  lines { sku quantity unitPrice amount }
  shipments { id nodeCode trackingNumber documents lines { sku quantity } }
  timeline { type detail }
  returns { id lines { sku quantity } }
} } } }
"""


@pytest.fixture(scope="module")
def demo(module_database_url: str) -> Iterator[Server]:
    with serve(e2e_settings(module_database_url, projections_in_process=True)) as server:
        load(server.oms, say=lambda _: None, network="core")
        yield server


@pytest.fixture(scope="module")
def http(demo: Server) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=demo.url, timeout=30) as client:
        yield client


def order(demo: Server, http: httpx.Client, ref: str) -> dict[str, Any]:
    answer = http.post(
        "/graphql",
        json={"query": ORDER, "variables": {"ref": ref}},
        headers={"X-OMS-Consistent-After": str(demo.oms.head())},
    ).json()
    [edge] = answer["data"]["orders"]["edges"]
    found: dict[str, Any] = edge["node"]
    return found


def both(http: httpx.Client, oid: str, kind: str, **params: str) -> list[str]:
    """The document's text as its HTML page and as its PDF."""
    page = http.get(f"/orders/{oid}/documents/{kind}", params=params)
    assert page.status_code == 200, page.text
    assert page.headers["content-type"].startswith("text/html")
    pdf = http.get(f"/orders/{oid}/documents/{kind}", params={**params, "format": "pdf"})
    assert pdf.status_code == 200, pdf.text
    assert pdf.headers["content-type"] == "application/pdf"
    text = "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf.content)).pages)
    return [re.sub(r"<[^>]+>", " ", page.text), text]


def number(order: dict[str, Any], event: str) -> str:
    [detail] = [t["detail"] for t in order["timeline"] if t["type"] == event]
    found = re.search(r"\b[A-Z]+-[0-9A-Za-z]{6,}\b", detail)  # "Invoice INV-… for 74.70"
    assert found, detail
    return found.group()


def test_the_acknowledgement_lists_lines_prices_total_and_the_address(
    demo: Server, http: httpx.Client
) -> None:
    o = order(demo, http, "DEMO-1001")
    for text in both(http, o["id"], "acknowledgement"):
        assert "Order acknowledgement" in text
        assert "Grace Hopper" in text
        for part in o["delivery"]["address"].values():
            assert part in text
        for line in o["lines"]:
            assert re.search(
                rf"{line['sku']}\s+{line['quantity']}\s+{line['unitPrice']}\s+{line['amount']}",
                text,
            ), line
        assert o["total"] in text


def test_the_pick_list_of_a_node_lists_what_to_pick_there(demo: Server, http: httpx.Client) -> None:
    o = order(demo, http, "DEMO-1003")
    for shipment in o["shipments"]:
        for text in both(http, o["id"], "pick-list", node=shipment["nodeCode"]):
            assert "Pick list" in text
            assert shipment["nodeCode"] in text
            assert shipment["documents"].get("pick_list", "not yet issued") in text
            for line in shipment["lines"]:
                assert re.search(rf"{line['sku']}\s+{line['quantity']}", text)
            others = {s["nodeCode"] for s in o["shipments"]} - {shipment["nodeCode"]}
            assert not any(f"Pick at\n{node}" in text for node in others)


def test_the_packing_slip_names_contents_address_and_tracking_number(
    demo: Server, http: httpx.Client
) -> None:
    o = order(demo, http, "DEMO-1001")
    [shipment] = o["shipments"]
    assert shipment["trackingNumber"]
    for text in both(http, o["id"], "packing-slip", shipment=shipment["id"]):
        assert "Packing slip" in text
        assert shipment["documents"]["packing_slip"] in text
        assert shipment["trackingNumber"] in text
        assert o["delivery"]["address"]["line1"] in text
        for line in shipment["lines"]:
            assert re.search(rf"{line['sku']}\s+{line['quantity']}", text)


def test_the_invoice_bills_the_shipped_lines_and_their_total(
    demo: Server, http: httpx.Client
) -> None:
    o = order(demo, http, "DEMO-1001")
    for text in both(http, o["id"], "invoice"):
        assert number(o, "InvoiceIssued") in text
        assert "Grace Hopper" in text
        for line in o["lines"]:
            assert re.search(
                rf"{line['sku']}\s+{line['quantity']}\s+{line['unitPrice']}\s+{line['amount']}",
                text,
            )
        assert re.search(rf"Invoice total\s+{o['invoicedAmount']}", text)


def test_the_credit_memo_names_the_returned_goods_and_the_amount_credited(
    demo: Server, http: httpx.Client
) -> None:
    o = order(demo, http, "DEMO-1007")
    [ret] = o["returns"]
    for text in both(http, o["id"], "credit-memo", **{"return": ret["id"]}):
        assert number(o, "CreditMemoIssued") in text
        for line in ret["lines"]:
            assert re.search(rf"{line['sku']}\s+{line['quantity']}", text)
        assert re.search(rf"Credited\s+{o['refundedAmount']}", text)


@pytest.mark.parametrize(
    ("path", "status"),
    [
        ("/orders/{oid}/documents/receipt", 404),
        ("/orders/6f1c6b1e-4a8e-4d55-9a53-2f0a4c6b8e11/documents/invoice", 404),
        ("/orders/not-a-uuid/documents/invoice", 404),
        ("/orders/{oid}/documents/pick-list", 422),
        ("/orders/{oid}/documents/pick-list?node=NOWHERE", 404),
        ("/orders/{oid}/documents/packing-slip?shipment=nope", 422),
        ("/orders/{oid}/documents/invoice?format=docx", 422),
        ("/orders/{unshipped}/documents/invoice", 404),
        ("/orders/{unshipped}/documents/credit-memo", 404),
    ],
)
def test_a_document_that_does_not_exist_is_a_problem_not_a_page(
    demo: Server, http: httpx.Client, path: str, status: int
) -> None:
    ids = {
        "oid": order(demo, http, "DEMO-1001")["id"],
        "unshipped": order(demo, http, "DEMO-1004")["id"],
    }
    answer = http.get(path.format(**ids))
    assert answer.status_code == status
    assert answer.headers["content-type"] == "application/problem+json"
    assert answer.json()["detail"]

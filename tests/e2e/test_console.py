"""The web console in headless Chromium, on the demo data: search, detail, queue, stock."""

from __future__ import annotations

import os
from collections.abc import Iterator
from typing import Any

import httpx
import pytest
from selenium import webdriver
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as ec
from selenium.webdriver.support.ui import WebDriverWait

from interfaces.auth import Role
from interfaces.demo import load
from tests.e2e.browser import chromium, screenshot_dir
from tests.e2e.conftest import Server, e2e_settings, serve

pytestmark = [pytest.mark.e2e, pytest.mark.slow]
WAIT = 30  # seconds: the machine may be busy


@pytest.fixture(scope="module")
def demo(module_database_url: str) -> Iterator[Server]:
    with serve(e2e_settings(module_database_url, projections_in_process=True)) as server:
        # The README's screenshots (`make screenshots`) show the whole network; the suite
        # loads the core the named orders need, which is quicker.
        full = "OMS_SCREENSHOT_DIR" in os.environ
        load(server.oms, say=lambda _: None, network="full" if full else "core", orders=20)
        yield server


@pytest.fixture(scope="module")
def browser() -> Iterator[webdriver.Chrome]:
    with chromium() as driver:
        yield driver


def read(server: Server, query: str, **variables: Any) -> dict[str, Any]:
    head = server.oms.head()
    answer = httpx.post(
        f"{server.url}/graphql",
        json={"query": query, "variables": variables},
        headers={"X-OMS-Consistent-After": str(head)},
        timeout=20,
    ).json()
    assert "errors" not in answer, answer
    data: dict[str, Any] = answer["data"]
    return data


def order_by_ref(server: Server, ref: str) -> dict[str, Any]:
    data = read(
        server,
        "query($ref: String) { orders(filter: {externalRef: $ref}) { edges { node {"
        " id status shipments { id nodeCode status trackingNumber } } } } }",
        ref=ref,
    )
    [edge] = data["orders"]["edges"]
    node: dict[str, Any] = edge["node"]
    return node


def wait_text(browser: webdriver.Chrome, by: str, what: str, text: str) -> None:
    WebDriverWait(browser, WAIT).until(ec.text_to_be_present_in_element((by, what), text))


def test_an_agent_finds_a_delivered_order_and_sees_its_timeline_and_tracking(
    demo: Server, browser: webdriver.Chrome
) -> None:
    tracking = order_by_ref(demo, "DEMO-1001")["shipments"][0]["trackingNumber"]
    assert tracking
    browser.get(f"{demo.url}/#/orders")
    field = WebDriverWait(browser, WAIT).until(ec.element_to_be_clickable((By.ID, "f-ref")))
    field.send_keys("DEMO-1001")
    browser.find_element(By.CSS_SELECTOR, "form.search button").click()
    WebDriverWait(browser, WAIT).until(
        ec.element_to_be_clickable((By.LINK_TEXT, "DEMO-1001"))
    ).click()

    wait_text(browser, By.TAG_NAME, "h1", "Order DEMO-1001")
    page = browser.find_element(By.ID, "main").text
    assert "DELIVERED" in page
    assert tracking in page
    timeline = browser.find_element(By.XPATH, "//table[caption='Timeline']").text
    for event in ("Placed", "Allocated", "InvoiceIssued", "Delivered"):
        assert event in timeline
    browser.save_screenshot(str(screenshot_dir() / "order.png"))


def test_an_open_order_page_follows_the_order_live(demo: Server, browser: webdriver.Chrome) -> None:
    order = order_by_ref(demo, "DEMO-1008")
    browser.get(f"{demo.url}/#/order/{order['id']}")
    wait_text(browser, By.ID, "live", "live")
    httpx.post(
        f"{demo.url}/orders/{order['id']}/holds",
        json={"type": "CUSTOMER", "reason": "customer asked to wait"},
        timeout=20,
    ).raise_for_status()

    wait_text(browser, By.ID, "order-status", "ON_HOLD")
    assert "customer asked to wait" in browser.find_element(By.ID, "main").text


def test_a_store_associate_picks_a_shipment_from_the_nodes_queue(
    demo: Server, browser: webdriver.Chrome
) -> None:
    order = order_by_ref(demo, "DEMO-1004")
    [shipment] = [s for s in order["shipments"] if s["status"] == "ALLOCATED"]
    browser.get(f"{demo.url}/#/queue/{shipment['nodeCode']}")
    pick = WebDriverWait(browser, WAIT).until(
        ec.element_to_be_clickable(
            (By.CSS_SELECTOR, f"button[data-step='pick'][data-shipment='{shipment['id']}']")
        )
    )
    pick.click()

    wait_text(browser, By.ID, "status", "Pick: done")
    WebDriverWait(browser, WAIT).until(
        ec.presence_of_element_located(
            (By.CSS_SELECTOR, f"button[data-step='pack'][data-shipment='{shipment['id']}']")
        )
    )
    after = order_by_ref(demo, "DEMO-1004")["shipments"]
    assert {s["id"]: s["status"] for s in after}[shipment["id"]] == "PICKED"
    browser.save_screenshot(str(screenshot_dir() / "queue.png"))


def test_a_planner_sees_a_skus_stock_at_every_node_on_a_table_and_a_map(
    demo: Server, browser: webdriver.Chrome
) -> None:
    browser.get(f"{demo.url}/#/stock")
    field = WebDriverWait(browser, WAIT).until(ec.element_to_be_clickable((By.ID, "f-sku")))
    field.send_keys("TSHIRT-BLK-M")
    browser.find_element(By.CSS_SELECTOR, "form.search button").click()

    wait_text(browser, By.TAG_NAME, "h1", "Stock of TSHIRT-BLK-M")
    by_node = read(demo, '{ stock(sku: "TSHIRT-BLK-M") { byNode { nodeCode available } } }')
    table = browser.find_element(By.XPATH, "//table[caption='Stock of TSHIRT-BLK-M by node']")
    for row in by_node["stock"]["byNode"]:
        assert row["nodeCode"] in table.text
    dots = browser.find_elements(By.CSS_SELECTOR, "svg.map circle.stocked")
    assert len(dots) == sum(1 for r in by_node["stock"]["byNode"] if r["available"] > 0)
    browser.save_screenshot(str(screenshot_dir() / "stock.png"))


def test_an_operations_manager_sees_backorders_and_how_far_the_read_models_are(
    demo: Server, browser: webdriver.Chrome
) -> None:
    browser.get(f"{demo.url}/#/backorders")
    wait_text(browser, By.TAG_NAME, "h1", "Backorders")
    WebDriverWait(browser, WAIT).until(ec.element_to_be_clickable((By.LINK_TEXT, "DEMO-1004")))
    assert "LANTERN-LED" in browser.find_element(By.ID, "main").text

    browser.get(f"{demo.url}/#/projections")
    wait_text(browser, By.TAG_NAME, "h1", "Projections")
    table = WebDriverWait(browser, WAIT).until(
        ec.presence_of_element_located((By.XPATH, "//table[caption='Read models']"))
    )
    for name in ("stock", "order_tracking", "returns"):
        assert name in table.text


def test_with_api_keys_the_console_reads_and_writes_with_the_key_entered_in_the_page(
    module_database_url: str, demo: Server, browser: webdriver.Chrome
) -> None:
    keys = {"store-key-0123456789": Role.STORE}
    settings = e2e_settings(module_database_url, api_keys=keys, projections_in_process=True)
    with serve(settings) as secured:
        browser.get(f"{secured.url}/#/orders?ref=DEMO-1003")
        wait_text(browser, By.ID, "status", "401")  # no key yet: the read is refused
        browser.find_element(By.ID, "api-key").send_keys("store-key-0123456789")
        browser.find_element(By.CSS_SELECTOR, "#key-form button").click()
        WebDriverWait(browser, WAIT).until(
            ec.element_to_be_clickable((By.LINK_TEXT, "DEMO-1003"))
        ).click()
        wait_text(browser, By.ID, "live", "live")  # the subscription sent the key too
        order = order_by_ref(demo, "DEMO-1003")
        [shipment] = [s for s in order["shipments"] if s["status"] == "ALLOCATED"][:1]
        browser.get(f"{secured.url}/#/queue/{shipment['nodeCode']}")
        WebDriverWait(browser, WAIT).until(
            ec.element_to_be_clickable(
                (By.CSS_SELECTOR, f"button[data-step='pick'][data-shipment='{shipment['id']}']")
            )
        ).click()
        wait_text(browser, By.ID, "status", "Pick: done")
        browser.execute_script("sessionStorage.clear()")

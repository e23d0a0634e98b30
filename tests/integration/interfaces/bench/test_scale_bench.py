"""The scale benchmark's long logs are real histories the application loads and extends."""

from application.oms import OMS
from domain.node_stock import NodeStock
from domain.order import Order
from domain.values import node_stock_id
from interfaces.bench.bulk_log import bulk_log
from interfaces.bench.scale import busy_stock


def test_a_bulk_written_log_has_the_asked_length_and_its_orders_load(oms: OMS) -> None:
    written = bulk_log(oms, 25_000)  # past the generated base: copied orders too
    assert written >= 25_000
    assert oms.head() == written
    newest = oms.recorder.select_notifications(start=written, limit=1)[0]
    order = oms.repository.get(newest.originator_id)
    assert isinstance(order, Order)
    assert order.version > 1


def test_a_reservation_is_timed_on_a_stock_with_a_long_history_and_on_a_fresh_one(
    oms: OMS,
) -> None:
    figures = busy_stock(oms, samples=5, past=600)
    stock = oms.repository.get(node_stock_id("DC-BUSY", "BUSY"))
    assert isinstance(stock, NodeStock)
    assert stock.version > 600
    assert all(f.value > 0 and f.baseline for f in figures)

"""The index of which nodes hold each SKU, as sourcing reads it."""

from __future__ import annotations

from application.holdings import MAX_ANSWERS, Holdings
from domain.values import node_id, node_stock_id


def holdings(*records: tuple[str, str]) -> Holdings:
    index = Holdings()
    for code, sku in records:
        index.add(code, sku)
    return index


def test_the_nodes_holding_any_wanted_sku_come_sorted_by_code_with_the_skus_in_asked_order() -> (
    None
):
    index = holdings(("N2", "A"), ("N1", "B"), ("N2", "B"), ("N3", "C"), ("N1", "A"))
    held = index.held(["B", "A"])
    assert held.codes == ["N1", "N2"]
    assert held.skus == {"N1": ["B", "A"], "N2": ["B", "A"]}


def test_the_ids_are_the_nodes_then_their_records_in_the_same_order() -> None:
    index = holdings(("N2", "A"), ("N1", "A"), ("N1", "B"))
    held = index.held(["A", "B"])
    assert held.ids == [
        node_id("N1"),
        node_id("N2"),
        node_stock_id("N1", "A"),
        node_stock_id("N1", "B"),
        node_stock_id("N2", "A"),
    ]


def test_a_record_named_twice_and_a_sku_asked_twice_count_once() -> None:
    index = holdings(("N1", "A"), ("N1", "A"))
    held = index.held(["A", "A"])
    assert held.skus == {"N1": ["A"]}
    assert held.ids == [node_id("N1"), node_stock_id("N1", "A")]


def test_a_sku_no_node_holds_gives_no_candidate_and_is_not_known() -> None:
    index = holdings(("N1", "A"))
    assert index.held(["Z"]) == ([], [], {})
    assert "Z" not in index
    assert "A" in index
    assert index.codes("Z") == set()


def test_the_codes_of_a_sku_are_every_node_holding_it() -> None:
    index = holdings(("N1", "A"), ("N2", "A"), ("N2", "B"))
    assert index.codes("A") == {"N1", "N2"}
    assert index.codes("B") == {"N2"}


def test_a_record_added_after_a_look_up_is_in_the_next_answer_for_the_same_skus() -> None:
    index = holdings(("N2", "A"))
    assert index.held(["A", "B"]).codes == ["N2"]
    index.add("N1", "B")
    held = index.held(["A", "B"])
    assert held.codes == ["N1", "N2"]
    assert held.skus == {"N1": ["B"], "N2": ["A"]}
    nodes = [node_id("N1"), node_id("N2")]
    assert held.ids == [*nodes, node_stock_id("N1", "B"), node_stock_id("N2", "A")]


def test_a_record_named_again_keeps_the_answers_and_every_answer_stays_right_past_the_bound() -> (
    None
):
    index = holdings(("N1", "A"), ("N2", "B"))
    first = index.held(["A"])
    index.add("N1", "A")
    assert index.held(["A"]) is first
    for n in range(MAX_ANSWERS + 5):
        assert index.held(["A", f"S{n}"]).codes == ["N1"]
    assert index.held(["B", "A"]).skus == {"N1": ["A"], "N2": ["B"]}

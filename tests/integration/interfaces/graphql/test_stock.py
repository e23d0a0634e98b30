"""stock, nodeStock, node and nodes read the stock tables back."""

from __future__ import annotations

from application.commands import SetSafetyStock
from application.oms import OMS
from projections import ProjectionRunner
from tests.application.network import Network
from tests.integration.interfaces.graphql.conftest import ReadSide

STOCK = """
query($sku: String!) {
  stock(sku: $sku) {
    sku onHand reserved safetyStock available inTransit nodeCount
    byNode { nodeCode nodeType sku onHand reserved safetyStock available inTransit
             node { code type } }
    byChannel { channel available nodeCount }
  }
}
"""


def test_a_sku_reads_back_per_node_and_per_channel_as_the_aggregates_hold_it(
    network: Network, oms: OMS, runner: ProjectionRunner, read: ReadSide
) -> None:
    network.stock("DC-NJ", "LAMP", 10)
    network.stock("STORE-NYC", "LAMP", 4)
    oms.set_safety_stock("STORE-NYC", "LAMP", SetSafetyStock(quantity=1))
    network.place({"LAMP": 3})
    runner.catch_up()

    stock = read.data(STOCK, {"sku": "LAMP"})["stock"]

    nodes = {code: oms.stock(code, "LAMP") for code in ("DC-NJ", "STORE-NYC")}
    assert [n["nodeCode"] for n in stock["byNode"]] == ["DC-NJ", "STORE-NYC"]
    for entry in stock["byNode"]:
        held = nodes[entry["nodeCode"]]
        assert (entry["onHand"], entry["reserved"], entry["safetyStock"], entry["available"]) == (
            held.on_hand,
            held.reserved,
            held.safety_stock,
            held.available,
        )
        assert entry["node"]["type"] == entry["nodeType"]
    assert [n["nodeType"] for n in stock["byNode"]] == ["DC", "STORE"]
    assert stock["onHand"] == 14
    assert stock["reserved"] == 3
    assert stock["safetyStock"] == 1
    assert stock["available"] == sum(n.available for n in nodes.values()) == 10
    channels = {c["channel"]: c["available"] for c in stock["byChannel"]}
    assert channels == {
        "WEB": 10,
        "MOBILE": 10,
        "CALL_CENTER": 10,  # every active node that ships
        "MARKETPLACE": nodes["DC-NJ"].available,  # DCs, warehouses, drop-ship only
        "STORE": nodes["STORE-NYC"].available,  # the store's shelf
    }


def test_available_never_goes_below_zero(
    network: Network, oms: OMS, runner: ProjectionRunner, read: ReadSide
) -> None:
    network.stock("STORE-NYC", "VASE", 2)
    oms.set_safety_stock("STORE-NYC", "VASE", SetSafetyStock(quantity=5))
    runner.catch_up()
    [entry] = read.data(STOCK, {"sku": "VASE"})["stock"]["byNode"]
    assert (entry["onHand"], entry["safetyStock"], entry["available"]) == (2, 5, 0)


def test_an_unknown_sku_is_null(read: ReadSide, runner: ProjectionRunner) -> None:
    runner.catch_up()
    assert read.data(STOCK, {"sku": "NOPE"}) == {"stock": None}


def test_a_nodes_stock_comes_by_sku_in_pages(
    network: Network, runner: ProjectionRunner, read: ReadSide
) -> None:
    for sku in ("A-1", "A-2", "A-3"):
        network.stock("DC-TX", sku, 1)
    runner.catch_up()
    query = """query($after: String) { nodeStock(nodeCode: "DC-TX", first: 2, after: $after) {
        edges { cursor node { sku onHand nodeType } } pageInfo { hasNextPage endCursor } } }"""
    first = read.data(query, {"after": None})["nodeStock"]
    assert [e["node"]["sku"] for e in first["edges"]] == ["A-1", "A-2"]
    assert first["pageInfo"]["hasNextPage"] is True
    second = read.data(query, {"after": first["pageInfo"]["endCursor"]})["nodeStock"]
    assert [e["node"]["sku"] for e in second["edges"]] == ["A-3"]
    assert second["pageInfo"] == {"hasNextPage": False, "endCursor": second["edges"][0]["cursor"]}
    unknown = read.data('{ nodeStock(nodeCode: "NOWHERE") { edges { cursor } } }')
    assert unknown == {"nodeStock": {"edges": []}}


def test_nodes_read_back_with_their_master_data(
    network: Network, runner: ProjectionRunner, read: ReadSide
) -> None:
    runner.catch_up()
    stores = read.data("{ nodes(type: STORE) { code type capabilities active lat lon } }")
    assert stores == {
        "nodes": [
            {
                "code": "STORE-NYC",
                "type": "STORE",
                "capabilities": ["PICKUP", "RETURNS", "SHIP"],
                "active": True,
                "lat": 40.75,
                "lon": -73.99,
            }
        ]
    }
    everything = read.data("{ nodes { code } }")["nodes"]
    assert [n["code"] for n in everything] == ["DC-NJ", "DC-TX", "STORE-NYC"]
    assert read.data('{ node(code: "DC-NJ") { name type downtimes { reason } } }') == {
        "node": {"name": "DC-NJ", "type": "DC", "downtimes": []}
    }
    assert read.data('{ node(code: "NOWHERE") { code } }') == {"node": None}

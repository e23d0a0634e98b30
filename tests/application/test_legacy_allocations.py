"""Allocation events stored before sourcing rules existed still load, in today's shape."""

import json
from dataclasses import replace
from uuid import UUID

from application.oms import OMS
from domain.order import Order
from tests.application.network import Network

V1_EXPLANATION = {
    "considered": [
        {"node": "DC1", "distance_km": 12.5, "eligible": True, "reason": "eligible"},
        {"node": "DC2", "distance_km": 80.0, "eligible": False, "reason": "down"},
    ],
    "rule": "single-node",
    "decided_by": "DC1",
}


def test_a_version_1_allocation_reads_back_with_its_candidates_and_default_rules(
    oms: OMS, network: Network
):
    network.stock("DC-NJ", "SKU-1", 5)
    order_id = network.place({"SKU-1": 1})["order_id"]
    event = next(e for e in oms.events.get(UUID(order_id)) if isinstance(e, Order.Allocated))
    stored = oms.mapper.to_stored_event(event)
    state = json.loads(stored.state)
    state.pop("class_version", None)
    state["explanation"] = V1_EXPLANATION
    state["reason"] = "re-sourced after DC9 rejected"
    old = replace(stored, state=json.dumps(state).encode())

    loaded = oms.mapper.to_domain_event(old)

    assert isinstance(loaded, Order.Allocated)
    assert loaded.explanation["rules_version"] == 0
    assert loaded.explanation["trigger"] == "REJECTED"
    assert [(c["node"], c["excluded_by"]) for c in loaded.explanation["candidates"]] == [
        ("DC1", None),
        ("DC2", "down"),
    ]
    assert loaded.explanation["chosen"] == sorted({s["node_code"] for s in event.shipments})

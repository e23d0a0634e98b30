"""What `promise(...)` answers: the plan the rules in force would choose now, with dates."""

from __future__ import annotations

from datetime import date
from typing import Any

import strawberry

from interfaces.graphql.types.shipment_line import ShipmentLine
from interfaces.graphql.types.sourcing_decision import SourcingCandidate


@strawberry.type(description="A shipment the plan would make, with its dates.")
class PromisedShipment:
    node_code: str = strawberry.field(description="The node it would leave from.")
    lines: list[ShipmentLine] = strawberry.field(description="What it would carry.")
    ship_date: date = strawberry.field(description="When the node would hand the parcel over.")
    delivery_date: date = strawberry.field(
        description="When it would arrive (a pickup: when it is ready to collect)."
    )


@strawberry.type(description="Why the engine would choose these nodes.")
class PromiseExplanation:
    rule: str = strawberry.field(description="single-node, split, partial or backorder.")
    trigger: str = strawberry.field(description="Why sourcing ran (PLACED for a promise).")
    chosen: list[str] = strawberry.field(description="Codes of the nodes chosen.")
    score: float = strawberry.field(description="The plan's cost under the rules' weights.")
    candidates: list[SourcingCandidate] = strawberry.field(
        description="Every node considered, with its score or the rule excluding it."
    )


@strawberry.type(description="A delivery promise: nothing is reserved.")
class DeliveryPromise:
    shipments: list[PromisedShipment] = strawberry.field(
        description="The shipments the rules would make, by node."
    )
    backorders: list[ShipmentLine] = strawberry.field(
        description="What no allowed plan covers now."
    )
    on_time: bool | None = strawberry.field(
        description="Whether every line arrives by `requestedDate` (null without one)."
    )
    rules_version: int = strawberry.field(description="The sourcing rules version applied.")
    explanation: PromiseExplanation = strawberry.field(description="How the rules decided.")

    @classmethod
    def from_answer(cls, answer: dict[str, Any]) -> DeliveryPromise:
        """From what `OMS.promise` answers (the body of `POST /promise`)."""
        explanation = answer["explanation"]
        return cls(
            shipments=[
                PromisedShipment(
                    node_code=s["node_code"],
                    lines=[
                        ShipmentLine(sku=ln["sku"], quantity=ln["quantity"]) for ln in s["lines"]
                    ],
                    ship_date=s["ship_date"],
                    delivery_date=s["delivery_date"],
                )
                for s in answer["shipments"]
            ],
            backorders=[
                ShipmentLine(sku=b["sku"], quantity=b["quantity"]) for b in answer["backorders"]
            ],
            on_time=answer["on_time"],
            rules_version=answer["rules_version"],
            explanation=PromiseExplanation(
                rule=explanation["rule"],
                trigger=explanation["trigger"],
                chosen=list(explanation["chosen"]),
                score=explanation["score"],
                candidates=[SourcingCandidate.from_record(c) for c in explanation["candidates"]],
            ),
        )

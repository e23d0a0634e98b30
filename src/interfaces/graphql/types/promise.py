"""What `promise(...)` answers: the plan the rules in force would choose now, with dates."""

from __future__ import annotations

from datetime import date
from typing import Any

import strawberry

from interfaces.graphql.types.enums import ShipmentType
from interfaces.graphql.types.shipment_line import ShipmentLine
from interfaces.graphql.types.sourcing_decision import SourcingCandidate


@strawberry.type(description="A shipment the plan would make, with its dates.")
class PromisedShipment:
    node_code: str = strawberry.field(description="The node it would leave from.")
    lines: list[ShipmentLine] = strawberry.field(description="What it would carry.")
    ship_date: date = strawberry.field(description="When the node would hand the parcel over.")
    delivery_date: date = strawberry.field(
        description="When it would arrive (a pickup: when it is ready to collect; a TRANSFER: "
        "the day it reaches the store `transferTo`, ready to collect there)."
    )
    type: ShipmentType = strawberry.field(
        description="SHIP, PICKUP, or TRANSFER: lines the pickup store lacks, sent to it from "
        "`nodeCode` as a placed order would be."
    )
    transfer_to: str | None = strawberry.field(description="A TRANSFER: its pickup store.")


@strawberry.type(
    description="How the rules would choose the nodes sending a pickup store what it lacks."
)
class PromiseTransfers:
    to: str = strawberry.field(description="The pickup store.")
    chosen: list[str] = strawberry.field(description="Codes of the sending nodes chosen.")
    candidates: list[SourcingCandidate] = strawberry.field(
        description="Every node considered for the transfers, with its distance to the store."
    )

    @classmethod
    def from_record(cls, sent: dict[str, Any] | None) -> PromiseTransfers | None:
        if sent is None:
            return None
        return cls(
            to=sent["to"],
            chosen=list(sent["chosen"]),
            candidates=[SourcingCandidate.from_record(c) for c in sent["candidates"]],
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
    transfers: PromiseTransfers | None = strawberry.field(
        description="A pickup whose store lacks lines: the decision sending them there "
        "(null otherwise)."
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
                    type=s["type"],
                    transfer_to=s["transfer_to"],
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
                transfers=PromiseTransfers.from_record(explanation.get("transfers")),
            ),
        )

"""The sourcing rule set as an aggregate: each replacement is a new, numbered version.

Version 0 is the default rule set (never stored); the first replacement is version 1.
Every earlier version stays readable from the event log.
"""

from __future__ import annotations

from typing import Any
from uuid import UUID, uuid5

from eventsourcing.domain import Aggregate

from domain.sourcing_rules import SourcingRules
from domain.values import NAMESPACE

RULE_SET_ID: UUID = uuid5(NAMESPACE, "sourcing-rules")


class SourcingRuleSet(Aggregate):
    TOPIC = "oms:SourcingRuleSet"

    class Event(Aggregate.Event):
        TOPIC = "oms:SourcingRuleSet.Event"

    class Created(Event, Aggregate.Created):
        TOPIC = "oms:SourcingRuleSet.Created"

    class Replaced(Event):
        TOPIC = "oms:SourcingRuleSet.Replaced"
        rules: dict[str, Any]

        def apply(self, rule_set: SourcingRuleSet) -> None:
            rule_set.data = dict(self.rules)

    def __init__(self) -> None:
        self.data: dict[str, Any] = SourcingRules().to_dict()

    @classmethod
    def start(cls) -> SourcingRuleSet:
        return cls._create(cls.Created, id=RULE_SET_ID)

    @property
    def rules_version(self) -> int:
        return self.version - 1

    @property
    def rules(self) -> SourcingRules:
        return SourcingRules.from_dict(self.data)

    def replace(self, rules: SourcingRules) -> None:
        self.trigger_event(self.Replaced, rules=rules.to_dict())


def aggregate_version(rules_version: int) -> int:
    """The aggregate version holding a rules version (version 0 is the default set)."""
    return rules_version + 1

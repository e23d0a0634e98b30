"""The hold rules in force, as versioned data: every replacement is a new version."""

from __future__ import annotations

from typing import Any
from uuid import uuid5

from eventsourcing.domain import Aggregate

from domain.holds import HoldRuleSet
from domain.values import NAMESPACE

POLICY_ID = uuid5(NAMESPACE, "hold-policy")


class HoldPolicy(Aggregate):
    """One per system (id `POLICY_ID`). Version 0, before any replacement, is the default set."""

    TOPIC = "oms:HoldPolicy"

    class Event(Aggregate.Event):
        TOPIC = "oms:HoldPolicy.Event"

    class Created(Event, Aggregate.Created):
        TOPIC = "oms:HoldPolicy.Created"

    class Adopted(Created):
        TOPIC = "oms:HoldPolicy.Adopted"
        rules: dict[str, Any]

    class Replaced(Event):
        TOPIC = "oms:HoldPolicy.Replaced"
        rules: dict[str, Any]

        def apply(self, policy: HoldPolicy) -> None:
            policy.rules = dict(self.rules)
            policy.versions[str(self.originator_version)] = dict(self.rules)

    def __init__(self, rules: dict[str, Any]) -> None:
        self.rules = dict(rules)
        self.versions: dict[str, dict[str, Any]] = {"1": dict(rules)}

    @classmethod
    def adopt(cls, rules: HoldRuleSet) -> HoldPolicy:
        return cls._create(cls.Adopted, id=POLICY_ID, rules=rules.data())

    def replace(self, rules: HoldRuleSet) -> None:
        if rules.data() != self.rules:
            self.trigger_event(self.Replaced, rules=rules.data())

    @property
    def rule_set(self) -> HoldRuleSet:
        return HoldRuleSet.from_data(self.rules)

    def at_version(self, version: int) -> HoldRuleSet | None:
        rules = self.versions.get(str(version))
        return HoldRuleSet.from_data(rules) if rules is not None else None

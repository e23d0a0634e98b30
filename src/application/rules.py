"""Commands and queries on the sourcing rule set."""

from __future__ import annotations

from typing import Any

from application.base import OMSBase
from application.command import Answer, Outcome
from application.rules_input import ReplaceSourcingRules
from domain.errors import NotFound
from domain.rule_set import RULE_SET_ID, SourcingRuleSet, aggregate_version
from domain.sourcing_rules import SourcingRules


class RulesCommands(OMSBase):
    def replace_sourcing_rules(
        self, cmd: ReplaceSourcingRules, *, idempotency_key: str | None = None
    ) -> Answer:
        return self.run(idempotency_key, self._replace_sourcing_rules, cmd)

    def _replace_sourcing_rules(self, cmd: ReplaceSourcingRules) -> Outcome:
        rule_set = self._rule_set() or SourcingRuleSet.start()
        rule_set.replace(cmd.rules())
        return Outcome({"version": rule_set.rules_version}, [rule_set])

    def sourcing_rules(self, version: int | None = None) -> dict[str, Any]:
        """A rules version (the current one by default) in its answered form."""
        return self.writer.read(lambda: self._sourcing_rules(version))

    def _sourcing_rules(self, version: int | None) -> dict[str, Any]:
        self.follower.catch_up()
        if version is None:
            number, rules = self.current_rules()
            return {"version": number, **rules.to_dict()}
        if version == 0:
            return {"version": 0, **SourcingRules().to_dict()}
        current = self._rule_set()
        if version < 0 or current is None or version > current.rules_version:
            raise NotFound(f"no sourcing rules version {version}")
        old: SourcingRuleSet = self.repository.get(RULE_SET_ID, version=aggregate_version(version))
        return {"version": version, **old.data}

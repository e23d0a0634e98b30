"""How far a policy has acted on the event log, saved with the commands the policy issues.

A policy (work the system does on its own when something happened) reads the log in order
and issues commands. Each command it issues saves the policy's cursor in the same
transaction as its effects: both or neither are stored. Two processes running the same
policy both load the cursor, so the second to save conflicts, reloads it, and sees the
position handled; a process that crashed resumes from the stored position.
"""

from __future__ import annotations

from uuid import UUID, uuid5

from eventsourcing.domain import Aggregate

from domain.values import NAMESPACE


def cursor_id(policy: str) -> UUID:
    return uuid5(NAMESPACE, f"policy-cursor:{policy}")


class PolicyCursor(Aggregate):
    TOPIC = "oms:PolicyCursor"

    class Event(Aggregate.Event):
        TOPIC = "oms:PolicyCursor.Event"

    class Created(Event, Aggregate.Created):
        TOPIC = "oms:PolicyCursor.Created"
        policy: str

    class Advanced(Event):
        """The policy acted on the event at `position` (and everything before it)."""

        TOPIC = "oms:PolicyCursor.Advanced"
        position: int

        def apply(self, cursor: PolicyCursor) -> None:
            cursor.position = self.position

    def __init__(self, policy: str) -> None:
        self.policy = policy
        self.position = 0

    @classmethod
    def start(cls, policy: str) -> PolicyCursor:
        return cls._create(cls.Created, id=cursor_id(policy), policy=policy)

    def passed(self, position: int) -> bool:
        """Whether the policy has already acted on a later event than `position`.

        The event at the cursor itself is not passed: a policy whose effects depend on the
        current state (not on the event alone) may act on it again, to no further effect.
        """
        return position < self.position

    def advance(self, position: int) -> None:
        if position > self.position:
            self.trigger_event(self.Advanced, position=position)

"""A data subject: a customer whose personal data the OMS holds, and its erasures.

The personal data itself lives in the events of the customer's orders and account, sealed
under keys kept outside the event log (`application.personal_data`). Erasing destroys
those keys and records it here, so read models rewrite what they copied and every process
forgets what it holds decrypted.
"""

from __future__ import annotations

from datetime import datetime
from uuid import UUID, uuid5

from eventsourcing.domain import Aggregate

from domain.values import NAMESPACE


def subject_id(customer_id: str) -> UUID:
    return uuid5(NAMESPACE, f"data-subject:{customer_id}")


class DataSubject(Aggregate):
    TOPIC = "oms:DataSubject"

    class Event(Aggregate.Event):
        TOPIC = "oms:DataSubject.Event"

    class Created(Event, Aggregate.Created):
        TOPIC = "oms:DataSubject.Created"

    class Opened(Created):
        TOPIC = "oms:DataSubject.Opened"
        customer_id: str

    class PersonalDataErased(Event):
        """The customer's keys were destroyed: their personal data now reads as erased."""

        TOPIC = "oms:DataSubject.PersonalDataErased"
        customer_id: str
        keys_destroyed: int

        def apply(self, subject: DataSubject) -> None:
            subject.erased_at = self.timestamp
            subject.erasures += 1

    def __init__(self, customer_id: str) -> None:
        self.customer_id = customer_id
        self.erased_at: datetime | None = None
        self.erasures = 0

    @classmethod
    def open(cls, customer_id: str) -> DataSubject:
        return cls._create(cls.Opened, id=subject_id(customer_id), customer_id=customer_id)

    def erase(self, keys_destroyed: int) -> None:
        self.trigger_event(
            self.PersonalDataErased, customer_id=self.customer_id, keys_destroyed=keys_destroyed
        )

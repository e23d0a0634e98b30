"""What a process forgets when a customer's personal data is erased, by it or another one.

Commands in every process follow the log before they run (`LogFollower`); on an erasure
this drops the customer's keys from the sealer's memory and evicts their cached orders
and account, whose decrypted names and addresses would otherwise outlive the keys.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from domain.customer import customer_key
from domain.data_subject import DataSubject

if TYPE_CHECKING:
    from application.base import OMSBase


class Erasures:
    TOPICS = frozenset({DataSubject.PersonalDataErased.TOPIC})

    def __init__(self, app: OMSBase) -> None:
        self._app = app

    def learn(self, event: object) -> None:
        if isinstance(event, DataSubject.PersonalDataErased):
            forget(self._app, event.customer_id)


def forget(app: OMSBase, customer_id: str) -> None:
    """Drop the customer's keys and decrypted aggregates from this process's memory."""
    app.sealer.forget(customer_id)
    for order_id in app.accounts.orders_of(customer_id):
        app.writer.evict(order_id)
    app.writer.evict(customer_key(customer_id))

"""Erasing a customer's personal data: their keys destroyed, the erasure recorded."""

from __future__ import annotations

from typing import Any

from application.base import OMSBase
from application.command import Answer, Outcome
from application.erasures import forget
from domain.data_subject import DataSubject, subject_id
from domain.errors import NotFound


class PersonalDataCommands(OMSBase):
    def erase_personal_data(
        self, customer_id: str, *, idempotency_key: str | None = None
    ) -> Answer:
        """Destroy the customer's keys, so their names, emails and addresses read as erased.

        Idempotent: with no key left and an erasure on record, nothing new is recorded.
        A customer the OMS never heard of is NotFound.
        """
        return self.run(idempotency_key, self._erase_personal_data, customer_id)

    def _erase_personal_data(self, customer_id: str) -> Outcome:
        subject = self.find(subject_id(customer_id))
        destroyed = self.sealer.erase(customer_id)
        if isinstance(subject, DataSubject) and subject.erasures and not destroyed:
            return Outcome(erasure_answer(subject, destroyed))
        if not isinstance(subject, DataSubject):
            if not destroyed and not self.accounts.knows(customer_id):
                raise NotFound(f"no personal data of customer {customer_id!r}")
            subject = DataSubject.open(customer_id)
        subject.erase(destroyed)
        forget(self, customer_id)
        return Outcome(erasure_answer(subject, destroyed), [subject])


def erasure_answer(subject: DataSubject, destroyed: int) -> dict[str, Any]:
    return {
        "customer_id": subject.customer_id,
        "erased": True,
        "erased_at": subject.erased_at.isoformat() if subject.erased_at else None,
        "keys_destroyed": destroyed,
    }

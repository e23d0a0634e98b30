"""Personal data sealed in events under a key per customer, kept outside the event table.

The transcodings of personal values (`domain.personal`) call `Sealer.seal` with the
value's personal fields: they are encrypted with AES-GCM under the newest key of the
event's data subject (the customer whose data it is), and stored as the key's id and the
ciphertext. Reading needs only the key's id. Erasing a customer deletes their keys, so
every sealed field of theirs reads back as erased, while the events, their hash chain and
everything else in them stay as they were.

`PersonalMapper` sets the subject from the event's `data_subject` (a snapshot's from the
aggregate); sealing without one fails loudly rather than store personal data in the clear.

A subject's first key is made here and stored in the transaction of the events it first
seals (`rows_within`, a companion of the event recorder); until then it is "unstored",
this process's alone. Two processes sealing a new subject's data at once each store a key
of their own: both are the subject's, and erasure destroys every one.
Snapshots are stored apart from the events, so a key one uses is stored first.
"""

from __future__ import annotations

import json
import os
import re
import time
from base64 import b64decode, b64encode
from collections.abc import Callable, Collection, Sequence
from threading import Lock
from typing import Any, cast
from uuid import UUID, uuid4

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from eventsourcing.domain import Snapshot
from eventsourcing.persistence import Mapper, StoredEvent

from application.personal_keys import Keys, NewKey
from application.subject_context import (
    NoDataSubject,
    Writing,
    current_subject,
    subject_of,
    with_events,
)

# Found keys are re-read after this long, so a process that missed an erasure (it learns
# of them from the log before each command) stops using a destroyed key soon after.
KEY_TTL_S = 60.0
# How sealed fields are written (`json.dumps` with these options, its encoder made once).
_FIELDS_JSON = json.JSONEncoder(separators=(",", ":"), sort_keys=True)
# The id of the key a stored event's field was sealed under (`Sealer.seal`, as JSON).
_SEALED_UNDER = re.compile(rb'"sealed":\{"key":"([0-9a-f]{32})"')


class PersonalMapper(Mapper[UUID]):
    """The library's mapper, writing each event with its data subject known to the sealer.

    An event that does not name its subject (one an earlier release stored, written again)
    is written for the subject the caller set with `data_subject`, if any.
    """

    sealer: Sealer | None = None  # set by the application: read many events' keys at once

    def to_stored_event(self, domain_event: Any) -> StoredEvent:
        subject = subject_of(domain_event) or current_subject()
        with Writing(subject, with_events=not isinstance(domain_event, Snapshot)):
            return super().to_stored_event(domain_event)

    def to_domain_events(self, stored: Sequence[StoredEvent]) -> list[Any]:
        """Many stored events decoded, the keys their personal data needs read in one query
        first (rather than one query per key)."""
        if self.sealer is not None:
            found = {m for s in stored for m in _SEALED_UNDER.findall(s.state)}
            self.sealer.warm([UUID(m.decode()) for m in found])
        return [self.to_domain_event(s) for s in stored]


class Sealer:
    """Encrypts and decrypts personal fields; `keys` is set once the event store is open."""

    def __init__(
        self, keys: Keys | None = None, clock: Callable[[], float] = time.monotonic
    ) -> None:
        self.keys = keys
        # Whether the log holds anything of a subject (else no key of theirs is stored):
        # None, or True for a subject, means the key table is asked.
        self.known: Callable[[str], bool] | None = None
        self._lock = Lock()
        self._newest: dict[str, tuple[UUID, AESGCM, float]] = {}
        self._by_id: dict[UUID, tuple[AESGCM | None, float]] = {}
        self._unstored: dict[UUID, tuple[str, bytes]] = {}  # made here, not yet committed
        self._forgotten = 0  # erasures seen: a key read before one is not remembered
        self._clock = clock
        self._prune_at = clock() + KEY_TTL_S

    @property
    def erasures(self) -> int:
        """How many erasures this process has learned of (personal data decoded before the
        last one may read differently now)."""
        return self._forgotten

    def seal(self, fields: dict[str, Any]) -> dict[str, str]:
        subject = current_subject()
        if subject is None:
            raise NoDataSubject(f"personal fields {sorted(fields)} have no data subject")
        key_id, cipher = self._newest_key(subject)
        if key_id in self._unstored and not (with_events() and self._store().with_events):
            self._store_now()
        nonce = os.urandom(12)
        plain = _FIELDS_JSON.encode(fields).encode()
        sealed = nonce + cipher.encrypt(nonce, plain, key_id.bytes)
        return {"key": key_id.hex, "data": b64encode(sealed).decode()}

    def unseal(self, sealed: dict[str, str]) -> dict[str, Any] | None:
        """The sealed fields, or None when their key was destroyed (erased)."""
        key_id = UUID(sealed["key"])
        cipher = self._key(key_id)
        if cipher is None:
            return None
        raw = b64decode(sealed["data"])
        try:
            plain = cipher.decrypt(raw[:12], raw[12:], key_id.bytes)
        except InvalidTag:
            raise ValueError(f"personal data under key {key_id} does not authenticate") from None
        return cast(dict[str, Any], json.loads(plain))

    def warm(self, key_ids: Collection[UUID]) -> None:
        """Read those of the keys not remembered here, in one query (before decoding many
        events). Keys not found are left for `unseal` to ask about, as without this."""
        now = self._clock()
        with self._lock:
            forgotten = self._forgotten
            unknown = [
                i
                for i in key_ids
                if (cached := self._by_id.get(i)) is None or (cached[0] and cached[1] <= now)
            ]
        if not unknown:
            return
        found = self._store().get_many(unknown)
        until = self._clock() + KEY_TTL_S
        with self._lock:
            if forgotten == self._forgotten:
                for key_id, key in found.items():
                    self._by_id[key_id] = (AESGCM(key), until)
            self._prune()

    def erase(self, subject: str) -> int:
        """Destroy the subject's keys; returns how many there were."""
        destroyed = self._store().erase(subject)
        self.forget(subject)
        return destroyed

    def forget(self, subject: str) -> None:
        """Drop what this process remembers of the subject's keys (they were erased); a key
        not stored yet never will be, so what it sealed reads as erased."""
        with self._lock:
            self._newest.pop(subject, None)
            self._by_id.clear()
            self._unstored = {i: sk for i, sk in self._unstored.items() if sk[0] != subject}
            self._forgotten += 1

    def rows_within(self) -> tuple[list[NewKey], Callable[[], None]] | None:
        """The keys made here, to store in the caller's transaction (the events' own), and
        what to call once it committed: they are stored then. A key another thread made
        meanwhile, stored early, is harmless: every key of a subject is erased with it."""
        with self._lock:
            new = [(key_id, *found) for key_id, found in self._unstored.items()]
        if not new:
            return None
        return new, lambda: self._stored([key_id for key_id, _, _ in new])

    def _store_now(self) -> None:
        with self._lock:
            new = [(key_id, *found) for key_id, found in self._unstored.items()]
        self._store().add(new)
        self._stored([key_id for key_id, _, _ in new])

    def _stored(self, key_ids: list[UUID]) -> None:
        with self._lock:
            for key_id in key_ids:
                self._unstored.pop(key_id, None)

    def _newest_key(self, subject: str) -> tuple[UUID, AESGCM]:
        """The subject's newest key: remembered, stored, or else made here (unstored).

        The database is asked outside the lock: two threads may make a key for one
        subject at once, and both keys are the subject's."""
        with self._lock:
            cached, forgotten = self._newest.get(subject), self._forgotten
        if cached is not None and cached[2] > self._clock():
            return cached[0], cached[1]
        stored = self._store().newest(subject) if self._may_have_key(subject) else None
        found = stored or self._unstored_key(subject)
        key_id, key = found
        cipher, until = AESGCM(key), self._clock() + KEY_TTL_S
        with self._lock:
            if forgotten == self._forgotten:
                self._newest[subject] = (key_id, cipher, until)
                self._by_id[key_id] = (cipher, until)
            self._prune()
        return key_id, cipher

    def _may_have_key(self, subject: str) -> bool:
        """False for a subject the log never named: a new customer costs no look-up. (Another
        process storing their first order at this moment stores a key of its own.)"""
        return self.known is None or self.known(subject)

    def _unstored_key(self, subject: str) -> tuple[UUID, bytes]:
        """The key made here for the subject and not stored yet, or a new one."""
        with self._lock:
            for key_id, (owner, key) in self._unstored.items():
                if owner == subject:
                    return key_id, key
            key_id, key = uuid4(), AESGCM.generate_key(bit_length=256)
            self._unstored[key_id] = (subject, key)
        return key_id, key

    def _key(self, key_id: UUID) -> AESGCM | None:
        with self._lock:
            cached, forgotten = self._by_id.get(key_id), self._forgotten
        if cached is not None and (cached[0] is None or cached[1] > self._clock()):
            return cached[0]
        unstored = self._unstored.get(key_id)
        key = unstored[1] if unstored else self._store().get(key_id)
        cipher = AESGCM(key) if key is not None else None
        with self._lock:
            if forgotten == self._forgotten:
                self._by_id[key_id] = (cipher, self._clock() + KEY_TTL_S)
            self._prune()
        return cipher

    def _prune(self) -> None:
        """Forget what expired, once per `KEY_TTL_S` (under the lock): a key is remembered
        per customer sealed or read, and a server meets new customers all day long."""
        now = self._clock()
        if now < self._prune_at:
            return
        self._newest = {s: found for s, found in self._newest.items() if found[2] > now}
        self._by_id = {i: found for i, found in self._by_id.items() if found[1] > now}
        self._prune_at = now + KEY_TTL_S

    def _store(self) -> Keys:
        if self.keys is None:
            raise RuntimeError("the sealer has no key store yet")
        return self.keys

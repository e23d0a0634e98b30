"""Fingerprints of keyed requests: what an idempotency record remembers of the request it
answered, so that the same key with a different request is refused.

The request is the command's name and arguments, each model as its JSON dump and any other
value as its text, with keys sorted, so equal requests give equal fingerprints.
- Format 2 (records saved from now on): `2:` and the SHA-256 of that request in compact
  JSON (orjson). Command models hold no integer past 64 bits (`commands.fields` bounds them).
- Format 1 (records saved before): the bare SHA-256 of the same request as `json.dumps`
  writes it, about five times slower to make. A retry of a request a format-1 record
  answered is compared in format 1, made only then.
"""

from __future__ import annotations

import hashlib
import json
from typing import Any

import orjson

FORMAT_2 = "2:"


def fingerprint(name: str, args: tuple[Any, ...], kwargs: dict[str, Any]) -> str:
    """The request's fingerprint in the current format (2)."""
    body = orjson.dumps(_request(name, args, kwargs), option=orjson.OPT_SORT_KEYS)
    return FORMAT_2 + hashlib.sha256(body).hexdigest()


def fingerprint_v1(name: str, args: tuple[Any, ...], kwargs: dict[str, Any]) -> str:
    """The request's fingerprint in format 1, as records saved before format 2 hold it."""
    body = json.dumps(_request(name, args, kwargs), sort_keys=True)
    return hashlib.sha256(body.encode()).hexdigest()


def same_request(
    remembered: str, name: str, args: tuple[Any, ...], kwargs: dict[str, Any], current: str
) -> bool:
    """Whether a record's fingerprint `remembered` is this request's (`current` is its
    fingerprint in format 2), compared in the record's own format."""
    if remembered.startswith(FORMAT_2):
        return remembered == current
    return remembered == fingerprint_v1(name, args, kwargs)


def _request(name: str, args: tuple[Any, ...], kwargs: dict[str, Any]) -> list[Any]:
    return [name, [_plain(a) for a in args], {k: _plain(v) for k, v in kwargs.items()}]


def _plain(value: Any) -> Any:
    dump = getattr(value, "model_dump", None)
    return dump(mode="json") if dump else str(value)

"""Each HTTP request's id: the caller's `X-Request-ID` when it is a plain token (at most 128
characters of letters, digits and `._:/+=-`), else a new one.

The edge (`api/edge.py`) echoes it in the response's `X-Request-ID` header and binds it,
with the actor (see `application.actor`: who the API key says the caller is, so the events
the request's commands store name it), to every log line written while serving the request.
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Mapping

HEADER = "X-Request-ID"
_TOKEN = re.compile(r"[A-Za-z0-9._:/+=-]{1,128}")


def request_id_from(headers: Mapping[str, str]) -> str:
    given = headers.get(HEADER)
    if given is not None and _TOKEN.fullmatch(given):
        return given
    return uuid.uuid4().hex

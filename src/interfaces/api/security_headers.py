"""Headers that tell browsers to keep the service's pages and answers to themselves, and
the request's id: what the edge adds to every HTTP response's headers, refusals included."""

from __future__ import annotations

from collections.abc import Iterable

from interfaces.api.request_context import HEADER

HEADERS = {
    # Answers are what their content type says; no sniffing JSON into HTML.
    "X-Content-Type-Options": "nosniff",
    # No other site may frame the console, the docs or GraphiQL (clickjacking).
    "Content-Security-Policy": "frame-ancestors 'none'",
    # Links out of the console carry no URL (ids in paths stay here).
    "Referrer-Policy": "no-referrer",
}
_RAW = [(name.lower().encode(), value.encode()) for name, value in HEADERS.items()]
_REQUEST_ID = HEADER.lower().encode()


def edge_headers(raw: Iterable[tuple[bytes, bytes]], request_id: str) -> list[tuple[bytes, bytes]]:
    """A response's raw (lower-case) headers with `HEADERS` where the app set none, and
    the request id in place of any the app set."""
    headers = [header for header in raw if header[0] != _REQUEST_ID]
    present = {name for name, _ in headers}
    headers += [header for header in _RAW if header[0] not in present]
    headers.append((_REQUEST_ID, request_id.encode("latin-1")))
    return headers

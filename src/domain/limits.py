"""The bounds on every value the OMS accepts: one place, sized against the read models.

A command the edges accept must never stop a projection, whatever came before it. The
edges (REST command models, GraphQL arguments) enforce these bounds, and the read-model
columns are sized so that any sequence of accepted commands fits them:

- Quantities: at most `MAX_QUANTITY` units per line, receipt, transfer or adjustment. An
  order line sets its quantity (it never adds up), and shipment and return lines are
  parts of a line, so their columns are `integer`. Stock per node and SKU, network totals
  and aggregate versions grow with every event, so they are `bigint`: overflowing one
  takes more than 10^10 events of the largest size.
- Amounts (prices, payments, refunds, costs): at most `MAX_AMOUNT`, two decimal places.
  Money columns are `numeric(38, 2)`: an order total grows by at most
  `MAX_QUANTITY * MAX_AMOUNT` = 10^13 per line, so 36 integer digits hold more than
  10^22 lines.
- Node settings: `MAX_DAILY_CAPACITY` and `MAX_PRIORITY` (`integer` columns).
- Instants: from `EARLIEST` to before `LATEST` (UTC), so every one converts between time
  zones, Python and PostgreSQL without leaving the representable years.
- Codes (node codes, SKUs, customer ids): `CODE_TEXT`, at most `MAX_CODE_LENGTH` characters;
  they end up in paths, ids (uuid5) and document numbers.
- Contact phones: E.164 (`+`, country code and number, 8 to 15 digits), written with or
  without spaces, dots, hyphens and parentheses, which `phone_number` drops.
- Text: no control characters (C0, DEL, C1; PostgreSQL text cannot hold NUL, and none of
  them belong in a name, code or reason) and no lone surrogates (not encodable as UTF-8).
"""

from __future__ import annotations

import re
from datetime import UTC, datetime
from decimal import Decimal

MAX_QUANTITY = 1_000_000
MAX_AMOUNT = Decimal("10000000")
MAX_DAILY_CAPACITY = 1_000_000
MAX_PRIORITY = 1000
MAX_LINES = 200  # lines in one placement or return
MAX_CODE_LENGTH = 64
CODE_TEXT = r"^[A-Za-z0-9][A-Za-z0-9_.\-]*$"

EARLIEST = datetime(1970, 1, 1, tzinfo=UTC)
LATEST = datetime(3000, 1, 1, tzinfo=UTC)

# The edges' string pattern: no control character (checked by pydantic-core, so it costs
# next to nothing; strings with lone surrogates never get that far).
STORABLE_TEXT = r"^[^\x00-\x1f\x7f-\x9f]*$"
_REFUSED_CHARACTERS = re.compile("[\x00-\x1f\x7f-\x9f\ud800-\udfff]")


_PHONE = re.compile(r"\+[1-9][0-9]{7,14}")
_PHONE_SEPARATORS = re.compile(r"[ .()\-]")


def phone_number(value: str) -> str:
    """The phone number in E.164 (`+31 20-555 0100` is `+31205550100`), else ValueError."""
    number = _PHONE_SEPARATORS.sub("", value)
    if not _PHONE.fullmatch(number):
        raise ValueError(
            "a phone number is +, the country code and the number (8 to 15 digits), "
            "e.g. +31 20 555 0100"
        )
    return number


def refused_character(text: str) -> str | None:
    """The first character no text field may hold, as `U+XXXX`; None when all are fine."""
    found = _REFUSED_CHARACTERS.search(text)
    return None if found is None else f"U+{ord(found.group()):04X}"


def check_instant(value: datetime) -> datetime:
    """`value` unchanged if within [EARLIEST, LATEST), else ValueError."""
    if not EARLIEST <= value < LATEST:
        raise ValueError(
            f"must be from {EARLIEST:%Y-%m-%d} to before {LATEST:%Y-%m-%d} (UTC), not {value}"
        )
    return value

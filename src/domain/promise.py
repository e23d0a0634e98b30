"""Ship and delivery dates for a plan: the model behind `POST /promise`.

- A node starts work on an order now and needs HANDLING (4 hours) to pick and pack it.
- Work stops during the node's downtime windows: a window starting before the parcel is
  ready adds its length to the handling (the node picks up where it left off).
- A parcel ready after the node's CUTOFF (18:00 UTC) leaves the next day.
- A node out of daily capacity or down now is not offered at all (the engine skips it).
- Transit by road: one day, plus a day for every full KM_PER_DAY (800 km) of
  great-circle distance. A pickup is ready to collect the day it is packed.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

from domain.sourcing import Candidate

HANDLING = timedelta(hours=4)
CUTOFF = time(18, 0)
KM_PER_DAY = 800.0


def ship_date(candidate: Candidate, now: datetime) -> date:
    ready = now + HANDLING
    moved = True
    while moved:
        moved = False
        for start, end in candidate.downtimes:
            if start <= ready < end:
                ready, moved = end + (ready - max(start, now)), True
    if ready.astimezone(UTC).time() > CUTOFF:
        return ready.date() + timedelta(days=1)
    return ready.date()


def delivery_date(shipped: date, distance_km: float | None) -> date:
    """When a parcel that left on `shipped` arrives (None distance: a pickup, same day)."""
    if distance_km is None:
        return shipped
    return shipped + timedelta(days=1 + int(distance_km // KM_PER_DAY))

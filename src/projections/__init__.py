"""Read models: projections of the event log into plain PostgreSQL tables.

`ProjectionRunner` keeps them current (inside `oms serve`, or in `oms project` workers);
`rebuild` rebuilds one from zero and swaps it in; `read_status` says how far each has got.
"""

from projections.base import Envelope, Projection
from projections.rebuild import RebuildInProgress, RebuildProgress, rebuild
from projections.registry import all_projections, projection_named
from projections.runner import ProjectionRunner
from projections.source import EventLog
from projections.status import ProjectionStatus, read_status

__all__ = [
    "Envelope",
    "EventLog",
    "Projection",
    "ProjectionRunner",
    "ProjectionStatus",
    "RebuildInProgress",
    "RebuildProgress",
    "all_projections",
    "projection_named",
    "read_status",
    "rebuild",
]

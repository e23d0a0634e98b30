"""Making each read model's tables current before its projection writes to them."""

from __future__ import annotations

import logging
import time
from collections.abc import Sequence

from eventsourcing.application import Mapper
from eventsourcing.persistence import ApplicationRecorder
from psycopg_pool import ConnectionPool

from projections import bi, schemas
from projections.base import Projection
from projections.rebuild import RebuildInProgress, rebuild

log = logging.getLogger(__name__)

UPGRADE_WAIT = 0.5  # seconds between looks at another process's rebuild


def set_up(
    pool: ConnectionPool,
    recorder: ApplicationRecorder,
    mapper: Mapper,
    projections: Sequence[Projection],
) -> None:
    """Create each projection's schema unless it exists; rebuild one whose DDL changed.

    A read model built by an earlier version of its DDL (a column added, say) is rebuilt
    from the log into new tables and swapped in before any worker writes to it. If
    another process is rebuilding it already, this one waits for that swap.
    Then the BI views over the read models are (re)created.
    """
    for projection in projections:
        while not _is_current(pool, projection):
            log.warning("read model %s has older tables: rebuilding it", projection.name)
            try:
                rebuild(pool, recorder, mapper, projection)
            except RebuildInProgress:
                time.sleep(UPGRADE_WAIT)
    with pool.connection() as conn, conn.transaction(), conn.cursor() as cur:
        bi.install(cur)


def _is_current(pool: ConnectionPool, projection: Projection) -> bool:
    with pool.connection() as conn:
        return schemas.ensure(conn, projection)

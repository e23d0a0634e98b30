"""The event store's pool hands a thread asking in turn the same warm connection."""

from application.oms import OMS


def test_statements_in_turn_reuse_the_connection_returned_last(oms: OMS) -> None:
    datastore = oms.recorder.datastore  # type: ignore[attr-defined]
    datastore.pool.wait()  # every connection open and idle
    assert datastore.pool.get_stats()["pool_available"] > 1
    backends = set()
    for _ in range(5):
        oms.head()  # one read each, on a connection from the pool
        with datastore.get_connection() as conn:
            backends.add(conn.info.backend_pid)
    assert len(backends) == 1

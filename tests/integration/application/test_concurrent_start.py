"""Processes starting together on an empty database all come up (no DDL race)."""

import threading

from application.oms import OMS

STARTERS = 8  # more than 4 made the snapshot table's DDL race show in most runs


def test_oms_instances_created_at_the_same_moment_on_an_empty_database_all_start(
    postgres_env: dict[str, str],
) -> None:
    barrier = threading.Barrier(STARTERS)
    started: list[OMS] = []
    failures: list[BaseException] = []

    def start() -> None:
        barrier.wait()
        try:
            started.append(OMS(postgres_env))
        except BaseException as error:  # collected, asserted below
            failures.append(error)

    threads = [threading.Thread(target=start) for _ in range(STARTERS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    try:
        assert failures == []
        assert len(started) == STARTERS
        assert {oms.head() for oms in started} == {0}
    finally:
        for oms in started:
            oms.close()

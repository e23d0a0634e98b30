"""The worker processes `oms audit verify` folds in."""

from __future__ import annotations

import gc
import multiprocessing
from concurrent.futures import ProcessPoolExecutor

from interfaces.verify_workers import WORKER_GC_THRESHOLDS, Job, _started, costliest_first
from projections import all_projections
from projections.parts import Part


def collector_settings() -> tuple[tuple[int, int, int], int]:
    return gc.get_threshold(), gc.get_freeze_count()


def test_a_worker_collects_garbage_seldom_and_never_rescans_what_it_loaded_first() -> None:
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(
        1, mp_context=context, initializer=_started, initargs=(context.Queue(),)
    ) as worker:
        thresholds, frozen = worker.submit(collector_settings).result()

    assert thresholds == WORKER_GC_THRESHOLDS
    assert thresholds[0] > gc.get_threshold()[0]
    assert frozen > 10_000


def test_the_workers_are_handed_the_longest_jobs_first() -> None:
    wanted = [(projection, 100) for projection in all_projections()]

    jobs = costliest_first(wanted, 2)

    assert jobs == [
        Job("order_tracking", Part(0, 2), 100),
        Job("order_tracking", Part(1, 2), 100),
        Job("stock", None, 100),
        Job("receivables", Part(0, 2), 100),
        Job("receivables", Part(1, 2), 100),
        Job("returns", None, 100),
    ]


def test_stock_a_fold_in_one_piece_starts_before_the_quarters_of_order_tracking() -> None:
    wanted = [(projection, 100) for projection in all_projections()]

    jobs = costliest_first(wanted, 4)

    assert jobs[0] == Job("stock", None, 100)
    assert [job.name for job in jobs[1:5]] == ["order_tracking"] * 4

"""The acting actor: carried per context, copied into worker threads, stamped once."""

from __future__ import annotations

import contextvars
import threading
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

from application.actor import (
    Actor,
    acting_as,
    actor_of,
    current_actor,
    current_request_id,
    stamp,
)


@dataclass(frozen=True)
class Happened:
    what: str


def test_outside_any_request_the_actor_is_the_unattributed_system() -> None:
    assert current_actor() == Actor("system", "unattributed")
    assert current_request_id() is None


def test_the_actor_holds_only_inside_its_block() -> None:
    with acting_as(Actor("agent", "alice", "req-1")):
        assert current_request_id() == "req-1"
        with acting_as(Actor.policy("backorders")):
            assert current_actor().role == "policy"
        assert current_actor().key_name == "alice"
    assert current_request_id() is None


def test_a_worker_thread_given_the_context_sees_the_callers_actor() -> None:
    with acting_as(Actor("agent", "alice", "req-2")), ThreadPoolExecutor(1) as pool:
        seen = pool.submit(contextvars.copy_context().run, current_request_id).result()
    assert seen == "req-2"


def test_concurrent_threads_never_see_each_others_actor() -> None:
    seen: dict[str, str | None] = {}
    barrier = threading.Barrier(2)

    def serve(request_id: str) -> None:
        with acting_as(Actor("agent", "k", request_id)):
            barrier.wait()  # both are inside their blocks at once
            seen[request_id] = current_request_id()

    threads = [threading.Thread(target=serve, args=(rid,)) for rid in ("a", "b")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert seen == {"a": "a", "b": "b"}


def test_stamping_records_actor_and_command_once() -> None:
    event = Happened("x")
    with acting_as(Actor("store", "till-3", "req-3")):
        stamp([event], "ship")
    stamp([event], "other", Actor("admin", "root"))

    assert actor_of(event) == {
        "role": "store",
        "key_name": "till-3",
        "request_id": "req-3",
        "command": "ship",
    }


def test_an_event_stored_before_actors_were_kept_has_none() -> None:
    assert actor_of(Happened("old")) is None

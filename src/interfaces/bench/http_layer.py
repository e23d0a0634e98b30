"""The HTTP layer alone: CPU per placement through the real app, the writer answering at once.

The app is `create_app` as `oms serve` builds it (edge middleware, request id and actor,
metrics and the request's log line, routing, role and OMS dependencies, body validation,
the answer's model and JSON), placements keyed as the `server` section's are, but its OMS
hands each command to a writer that answers at once, deciding and saving nothing.
Requests go straight to the ASGI app on uvloop, one after another in this process (no
sockets, no other thread), so the figure is the CPU the HTTP path adds to each command in
a front-end's event-loop thread, which a busy machine moves much less than a rate. The
`server` section measures the whole. Figures with the log at WARNING and at INFO (one
request line each); the WARNING one is INFO's baseline.
"""

from __future__ import annotations

import asyncio
import contextlib
import itertools
import json
import os
import time
from concurrent.futures import Future
from typing import Any
from uuid import uuid4

import uvloop
from starlette.types import Message

from application.command import Answer, Command, Outcome
from application.commands import PlaceOrder
from application.oms import OMS
from application.order_commands import OrderCommands
from application.running import CommandRunner
from application.settings import Settings
from interfaces.api.app import create_app
from interfaces.bench.report import Figure
from interfaces.bench.writes import order

SECTION = "http-layer"
ROUNDS = 5  # the least CPU of these rounds is reported (others' load only adds)

ANSWER = {
    "order_id": str(uuid4()),
    "status": "ALLOCATED",
    "position": 1,
    "shipments": [
        {
            "shipment_id": str(uuid4()),
            "node_code": "DC-EAST",
            "status": "ALLOCATED",
            "carrier": None,
            "tracking_number": None,
            "lines": [{"sku": "SKU-001", "quantity": 1}, {"sku": "SKU-010", "quantity": 2}],
        }
    ],
    "backorders": [],
}


class AnsweringWriter:
    """A writer that answers every command at once and keeps nothing."""

    def on_thread(self) -> bool:
        return False

    def submit(self, command: Command) -> Future[Answer]:
        command.answer.set_result(dict(ANSWER))
        return command.answer


class AnsweringOMS(CommandRunner):
    """Placements as the OMS takes them (`OrderCommands.place_order`), answered at once."""

    place_order = OrderCommands.place_order

    def __init__(self) -> None:
        self.writer = AnsweringWriter()  # type: ignore[assignment]

    def _place_order(self, cmd: PlaceOrder) -> Outcome:
        return Outcome(ANSWER)


def cpu_per_request(log_level: str, n: int) -> float:
    """Least CPU (µs) per keyed `POST /orders` over `ROUNDS` rounds of `n` requests."""
    app = create_app(Settings(log_level=log_level, api_keys=""))
    app.state.oms = AnsweringOMS()
    bodies = [json.dumps(order(i).model_dump(mode="json")).encode() for i in range(500)]
    answered: dict[int, int] = {}

    keys = itertools.count()

    async def place(body: bytes) -> None:
        headers = [
            (b"host", b"127.0.0.1:8000"),
            (b"content-type", b"application/json"),
            (b"content-length", str(len(body)).encode()),
            (b"idempotency-key", b"http-layer-%d" % next(keys)),
        ]
        scope = _scope(headers)
        sent = False

        async def receive() -> Message:
            nonlocal sent
            if sent:  # the body was read: the client waits for the answer
                await asyncio.Event().wait()
            sent = True
            return {"type": "http.request", "body": body, "more_body": False}

        async def send(message: Message) -> None:
            if message["type"] == "http.response.start":
                answered[message["status"]] = answered.get(message["status"], 0) + 1

        await app(scope, receive, send)

    async def placements(count: int) -> None:
        for i in range(count):
            await place(bodies[i % len(bodies)])

    rounds = []
    # The INFO lines are written (a real file, a real write each), not shown.
    with (
        open(os.devnull, "w") as devnull,
        contextlib.redirect_stderr(devnull),
        asyncio.Runner(loop_factory=uvloop.new_event_loop) as runner,
    ):
        runner.run(placements(min(n, 200)))  # warm up
        for _ in range(ROUNDS):
            started = time.process_time()
            runner.run(placements(n))
            rounds.append((time.process_time() - started) * 1e6 / n)
    if set(answered) != {201}:
        raise RuntimeError(f"placements were not all answered 201: {answered}")
    return min(rounds)


def _scope(headers: list[tuple[bytes, bytes]]) -> dict[str, Any]:
    return {
        "type": "http",
        "asgi": {"version": "3.0", "spec_version": "2.3"},
        "http_version": "1.1",
        "server": ("127.0.0.1", 8000),
        "client": ("127.0.0.1", 40000),
        "scheme": "http",
        "method": "POST",
        "root_path": "",
        "path": "/orders",
        "raw_path": b"/orders",
        "query_string": b"",
        "headers": headers,
        "state": {},
    }


def run(oms: OMS, database_url: str, scale: float = 1.0) -> list[Figure]:
    n = max(200, int(2000 * scale))
    logged = cpu_per_request("INFO", n)
    quiet = cpu_per_request("WARNING", n)  # last: the process's logging stays at WARNING
    name = "CPU per placement in the HTTP layer (writer answering at once)"
    return [
        Figure(SECTION, f"{name}, log WARNING", quiet, "µs"),
        Figure(SECTION, f"{name}, log INFO", logged, "µs", quiet, "baseline: log WARNING"),
    ]

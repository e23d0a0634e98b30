"""Running commands: handed to the writer, waited for (`run`) or awaited (`submit`)."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from contextvars import ContextVar
from typing import ParamSpec

from application.actor import current_actor
from application.answers_to_loop import answers_to
from application.command import Answer, Command, HandedOff, Outcome
from application.writer import Writer

P = ParamSpec("P")
# Set while `submit` calls a command method: `run` hands the command off instead of waiting.
_handing_off: ContextVar[bool] = ContextVar("oms_handing_off", default=False)


class CommandRunner:
    writer: Writer

    def run(
        self, key: str | None, decide: Callable[P, Outcome], *args: P.args, **kwargs: P.kwargs
    ) -> Answer:
        """Run a command: `decide(*args, **kwargs)` on the writer, saved, answered once.

        With an idempotency `key`, a repeat of the request returns the first answer and a
        different request under the same key is refused.
        """
        if self.writer.on_thread():
            raise RuntimeError("a command cannot run another command")
        command = Command.of(current_actor(), key, decide, args, kwargs)
        self.writer.submit(command)
        if _handing_off.get():
            raise HandedOff(command.answer)
        return command.answer.result()

    async def submit(
        self, method: Callable[P, Answer], *args: P.args, **kwargs: P.kwargs
    ) -> Answer:
        """Run a command method without blocking: its command goes to the writer, and the
        caller awaits the answer (no thread of its own waits for it)."""
        token = _handing_off.set(True)
        try:
            method(*args, **kwargs)
        except HandedOff as handed:
            answer = handed.answer
        else:
            raise RuntimeError(f"{method.__name__} handed no command to the writer")
        finally:
            _handing_off.reset(token)
        return await answers_to(asyncio.get_running_loop()).result(answer)

"""Answers reach the event loop from the writer thread, one wake-up per burst."""

from __future__ import annotations

import asyncio
import threading
from concurrent.futures import Future
from typing import Any

import pytest

from application.answers_to_loop import answers_to
from application.command import Answer, Command, Outcome
from application.running import CommandRunner


class CountingLoop(asyncio.SelectorEventLoop):
    """Counts how often another thread wakes it."""

    wake_ups = 0

    def call_soon_threadsafe(self, callback: Any, *args: Any, context: Any = None) -> Any:
        self.wake_ups += 1
        return super().call_soon_threadsafe(callback, *args, context=context)


def run(main: Any) -> tuple[Any, int]:
    loop = CountingLoop()
    try:
        result = loop.run_until_complete(main())
        return result, loop.wake_ups
    finally:
        loop.close()


def answer_from_thread(answers: list[Future[Any]], values: list[Any]) -> threading.Thread:
    def finish() -> None:
        for answer, value in zip(answers, values, strict=True):
            if isinstance(value, BaseException):
                answer.set_exception(value)
            else:
                answer.set_result(value)

    return threading.Thread(target=finish)


def test_a_batch_of_answers_finished_together_wakes_the_loop_once() -> None:
    async def main() -> list[int]:
        answers: list[Future[int]] = [Future() for _ in range(20)]
        to_loop = answers_to(asyncio.get_running_loop())
        waiting = [asyncio.ensure_future(to_loop.result(a)) for a in answers]
        await asyncio.sleep(0)  # every caller is waiting before the writer answers
        writer = answer_from_thread(list(answers), list(range(20)))
        writer.start()
        writer.join()
        return list(await asyncio.gather(*waiting))

    results, wake_ups = run(main)
    assert results == list(range(20))
    assert wake_ups == 1


def test_each_caller_gets_its_own_result_or_error() -> None:
    async def main() -> list[Any]:
        answers: list[Future[Any]] = [Future() for _ in range(3)]
        to_loop = answers_to(asyncio.get_running_loop())
        waiting = [asyncio.ensure_future(to_loop.result(a)) for a in answers]
        await asyncio.sleep(0)
        writer = answer_from_thread(list(answers), ["a", ValueError("refused"), "c"])
        writer.start()
        writer.join()
        return list(await asyncio.gather(*waiting, return_exceptions=True))

    first, refused, third = run(main)[0]
    assert (first, third) == ("a", "c")
    assert isinstance(refused, ValueError)
    assert str(refused) == "refused"


def test_answers_of_later_bursts_wake_the_loop_again() -> None:
    async def main() -> list[str]:
        to_loop = answers_to(asyncio.get_running_loop())
        got = []
        for burst in ("one", "two"):
            answer: Future[str] = Future()
            waiting = asyncio.ensure_future(to_loop.result(answer))
            await asyncio.sleep(0)
            threading.Thread(target=answer.set_result, args=(burst,)).start()
            got.append(await waiting)
        return got

    results, wake_ups = run(main)
    assert results == ["one", "two"]
    assert wake_ups == 2


def test_an_answer_given_before_awaiting_is_delivered() -> None:
    async def main() -> int:
        answer: Future[int] = Future()
        answer.set_result(7)
        return await answers_to(asyncio.get_running_loop()).result(answer)

    assert run(main)[0] == 7


def test_a_cancelled_caller_cancels_its_pending_answer() -> None:
    async def main() -> bool:
        answer: Future[int] = Future()
        waiting = asyncio.ensure_future(answers_to(asyncio.get_running_loop()).result(answer))
        await asyncio.sleep(0)
        waiting.cancel()
        with pytest.raises(asyncio.CancelledError):
            await waiting
        return answer.cancelled()

    assert run(main)[0] is True


class QueueingWriter:
    """Holds commands until `answer_all` answers them together from another thread."""

    def __init__(self) -> None:
        self.commands: list[Command] = []

    def on_thread(self) -> bool:
        return False

    def submit(self, command: Command) -> Future[Answer]:
        self.commands.append(command)
        return command.answer

    def answer_all(self) -> None:
        for command in self.commands:
            command.answer.set_result({"decided": command.decide().result})


class Runner(CommandRunner):
    def __init__(self) -> None:
        self.writer = QueueingWriter()  # type: ignore[assignment]

    def echo(self, value: int, idempotency_key: str | None = None) -> Answer:
        return self.run(idempotency_key, self._echo, value)

    def _echo(self, value: int) -> Outcome:
        return Outcome({"value": value})


def test_submitted_commands_answered_in_one_batch_wake_the_loop_once() -> None:
    runner = Runner()

    async def main() -> list[Answer]:
        waiting = [asyncio.ensure_future(runner.submit(runner.echo, i)) for i in range(16)]
        while len(runner.writer.commands) < 16:
            await asyncio.sleep(0)
        writer = threading.Thread(target=runner.writer.answer_all)  # type: ignore[attr-defined]
        writer.start()
        writer.join()
        return list(await asyncio.gather(*waiting))

    answers, wake_ups = run(main)
    assert answers == [{"decided": {"value": i}} for i in range(16)]
    assert wake_ups == 1

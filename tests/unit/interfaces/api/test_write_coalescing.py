"""A connection's writes within one turn of the event loop leave in one send."""

from __future__ import annotations

import asyncio
from typing import Any

from interfaces.api.write_coalescing import FLUSH_BYTES, CoalescingTransport


class Socket(asyncio.Transport):
    """Records each write handed to it, as a socket's transport would send it."""

    def __init__(self) -> None:
        super().__init__()
        self.sent: list[bytes] = []
        self.closed = False
        self.eof = False

    def write(self, data: Any) -> None:
        self.sent.append(bytes(data))

    def is_closing(self) -> bool:
        return self.closed

    def close(self) -> None:
        self.closed = True

    def write_eof(self) -> None:
        self.eof = True

    def get_write_buffer_size(self) -> int:
        return 0


async def next_turn() -> None:
    await asyncio.sleep(0)


def test_a_responses_head_and_body_written_in_one_turn_leave_in_one_send() -> None:
    async def scenario() -> list[bytes]:
        socket = Socket()
        transport = CoalescingTransport(socket, asyncio.get_running_loop())
        transport.write(b"HTTP/1.1 201 Created\r\ncontent-length: 2\r\n\r\n")
        transport.write(b"{}")
        assert socket.sent == []  # nothing before the turn ends
        await next_turn()
        transport.write(b"next")
        await next_turn()
        return socket.sent

    sent = asyncio.run(scenario())

    assert sent == [b"HTTP/1.1 201 Created\r\ncontent-length: 2\r\n\r\n{}", b"next"]


def test_closing_sends_what_is_held_first_and_nothing_is_written_after() -> None:
    async def scenario() -> Socket:
        socket = Socket()
        transport = CoalescingTransport(socket, asyncio.get_running_loop())
        transport.write(b"last answer")
        transport.close()
        transport.write(b"too late")
        await next_turn()
        return socket

    socket = asyncio.run(scenario())

    assert socket.sent == [b"last answer"]
    assert socket.closed


def test_large_writes_go_out_at_once_and_the_eof_after_them() -> None:
    async def scenario() -> Socket:
        socket = Socket()
        transport = CoalescingTransport(socket, asyncio.get_running_loop())
        transport.write(b"x" * (FLUSH_BYTES + 1))
        assert len(socket.sent) == 1
        transport.write(b"tail")
        assert transport.get_write_buffer_size() == 4
        transport.write_eof()
        return socket

    socket = asyncio.run(scenario())

    assert socket.sent[1:] == [b"tail"]
    assert socket.eof


def test_unwrapping_for_a_websocket_hands_over_what_is_held() -> None:
    async def scenario() -> tuple[Socket, asyncio.Transport]:
        socket = Socket()
        transport = CoalescingTransport(socket, asyncio.get_running_loop())
        transport.write(b"held")
        return socket, transport.unwrapped()

    socket, unwrapped = asyncio.run(scenario())

    assert unwrapped is socket
    assert socket.sent == [b"held"]

"""Command routes on a fixed path answered from the edge, once routing has named them.

Between the edge and a route, a request passes Starlette's exception middleware, FastAPI's
exit stacks, the router with its included routers, and `request_response`: on a placement
they cost about as much as the command's own work on the event loop. A `CommandRoute` on a
fixed path (`POST /orders`) that answered a request leanly (`command_route`) is
remembered here under its method and path, and the edge sends the next such request
straight to it, with the same scope entries the router sets (`route`, `endpoint`,
`path_params`) and the app's own exception handlers around it (the unexpected ones still
reach the server-error middleware outside the edge). A request the lean path cannot
decide goes on through the whole stack, its body replayed, as if it had never stopped.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from starlette.middleware.exceptions import ExceptionMiddleware
from starlette.requests import ClientDisconnect, Request
from starlette.types import ASGIApp, Message, Receive, Scope, Send

if TYPE_CHECKING:
    from interfaces.api.command_route import LeanCommand

SHORTCUTS = "oms.command_shortcuts"  # the scope key under which the edge offers its memo


class CommandShortcuts:
    """The edge's memo of fixed-path command routes; `routed` is the rest of the stack."""

    def __init__(self, routed: ASGIApp) -> None:
        self.routed = routed
        self._by_path: dict[tuple[str, str, str], Shortcut] = {}

    def find(self, scope: Scope) -> Shortcut | None:
        return self._by_path.get(_key(scope))

    def remember(self, scope: Scope, route: Any, lean: LeanCommand) -> None:
        """Called by a route that answered `scope`'s request leanly; kept only for a route
        without path parameters, so the memo holds one entry per such route."""
        if not route.param_convertors:
            self._by_path.setdefault(_key(scope), Shortcut(route, lean, self.routed))


class Shortcut:
    """One remembered route, as an ASGI app."""

    def __init__(self, route: Any, lean: LeanCommand, routed: ASGIApp) -> None:
        self.matched = {
            "route": getattr(route, "original_route", route),
            "endpoint": route.endpoint,
            "path_params": {},
        }
        self.lean = lean
        self.routed = routed
        self.guarded: ASGIApp | None = None

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if self.guarded is None:  # the app's handlers, as Starlette arranges them
            handlers = scope["app"].exception_handlers
            self.guarded = ExceptionMiddleware(
                self._answer,
                handlers={k: v for k, v in handlers.items() if k not in (500, Exception)},
            )
        await self.guarded(scope, receive, send)

    async def _answer(self, scope: Scope, receive: Receive, send: Send) -> None:
        request = Request(scope, receive, send)
        try:
            body = await request.body()
        except ClientDisconnect:
            await self.routed(scope, receive, send)
            return
        scope.update(self.matched)
        response = await self.lean.answer(request)
        if response is None:
            for name in self.matched:
                del scope[name]
            await self.routed(scope, _replaying(body, receive), send)
        else:
            await response(scope, receive, send)


def _key(scope: Scope) -> tuple[str, str, str]:
    return scope["method"], scope.get("root_path", ""), scope["path"]


def _replaying(body: bytes, receive: Receive) -> Receive:
    """`receive`, giving the body already read first."""
    replayed = False

    async def replay() -> Message:
        nonlocal replayed
        if replayed:
            return await receive()
        replayed = True
        return {"type": "http.request", "body": body, "more_body": False}

    return replay

"""promise(...): the engine behind `POST /promise`, run in a worker thread (the eventsourcing
library is synchronous). Any role may ask; nothing is reserved."""

from __future__ import annotations

from datetime import date
from typing import Any

from anyio import to_thread
from pydantic import ValidationError

from application.promise_input import PromiseRequest
from domain.values import Channel
from interfaces.graphql.context import GraphQLContext
from interfaces.graphql.errors import BadUserInput, CodedError
from interfaces.graphql.types.promise import DeliveryPromise
from interfaces.graphql.types.promise_input import DeliveryInput, SkuQuantityInput, as_data


class PromiseUnavailable(CodedError):
    code = "PROMISE_UNAVAILABLE"


async def promise(
    ctx: GraphQLContext,
    channel: Channel,
    delivery: DeliveryInput,
    lines: list[SkuQuantityInput],
    requested_date: date | None,
) -> DeliveryPromise:
    if ctx.promise is None:
        raise PromiseUnavailable("this process serves no write side to promise from")
    data = {"channel": channel, "delivery": as_data(delivery), "lines": as_data(lines)}
    if requested_date is not None:
        data["requested_date"] = requested_date
    try:
        request = PromiseRequest.model_validate(data)
    except ValidationError as error:
        raise BadUserInput(_message(error), errors=_errors(error)) from None
    answer = await to_thread.run_sync(ctx.promise, request)
    return DeliveryPromise.from_answer(answer)


def _errors(error: ValidationError) -> list[dict[str, Any]]:
    return [{"path": list(e["loc"]), "message": e["msg"]} for e in error.errors()]


def _message(error: ValidationError) -> str:
    parts = []
    for e in error.errors():
        path = ".".join(str(p) for p in e["loc"]) or "input"
        parts.append(f"{path}: {e['msg']}")
    return "; ".join(parts)

from __future__ import annotations

from collections.abc import Awaitable, Callable

import strawberry


async def _first_page() -> bool:
    return False


@strawberry.type(
    description="Where a page starts and ends (Relay connection spec): pass endCursor as "
    "`after` for the next page."
)
class PageInfo:
    has_next_page: bool = strawberry.field(description="True when more items follow this page.")
    end_cursor: str | None = strawberry.field(
        description="The last edge's cursor; null for an empty page."
    )
    start_cursor: str | None = strawberry.field(
        description="The first edge's cursor; null for an empty page."
    )
    earlier: strawberry.Private[Callable[[], Awaitable[bool]]] = _first_page

    @classmethod
    def of(
        cls,
        cursors: list[str],
        has_next: bool,
        earlier: Callable[[], Awaitable[bool]] | None,
    ) -> PageInfo:
        """For a page with these edge cursors; `earlier` tells whether items come before
        the page (None: a first page, nothing does)."""
        return cls(
            has_next_page=has_next,
            end_cursor=cursors[-1] if cursors else None,
            start_cursor=cursors[0] if cursors else None,
            earlier=earlier or _first_page,
        )

    @strawberry.field(
        description="True when items come before this page: on a page asked for `after` a "
        "cursor, when the item at that cursor or one before it still matches (one more "
        "query, only when asked for); false on a first page."
    )
    async def has_previous_page(self) -> bool:
        return await self.earlier()

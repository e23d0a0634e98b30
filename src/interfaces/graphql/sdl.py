"""The committed SDL (`schema.graphql`) and how to regenerate it.

python -m interfaces.graphql.sdl          # rewrite schema.graphql from the code
python -m interfaces.graphql.sdl --check  # exit 1 if it is out of date
"""

from __future__ import annotations

import sys
from pathlib import Path

from interfaces.graphql.schema import schema

SDL_PATH = Path(__file__).with_name("schema.graphql")
REGENERATE = "python -m interfaces.graphql.sdl"


def current_sdl() -> str:
    """The schema's SDL as the code defines it now."""
    return str(schema) + "\n"


def main(argv: list[str]) -> int:
    if "--check" in argv:
        if SDL_PATH.read_text() != current_sdl():
            print(f"{SDL_PATH} is out of date; run `{REGENERATE}`", file=sys.stderr)
            return 1
        return 0
    SDL_PATH.write_text(current_sdl())
    print(f"wrote {SDL_PATH}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))

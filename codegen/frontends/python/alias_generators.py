"""pydantic's alias generators, ported so no user or library code runs.

The regular expressions are pydantic 2's (`pydantic/alias_generators.py`),
kept byte for byte; a hypothesis test compares them with the real functions.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache


@lru_cache(maxsize=4096)  # a field name recurs in many models
def to_pascal(snake: str) -> str:
    camel = snake.title()
    return re.sub("([0-9A-Za-z])_(?=[0-9A-Z])", lambda m: m.group(1), camel)


@lru_cache(maxsize=4096)  # a field name recurs in many models
def to_camel(snake: str) -> str:
    # Already camelCase and no digit followed by a lowercase letter: as is.
    if re.match("^[a-z]+[A-Za-z0-9]*$", snake) and not re.search(r"\d[a-z]", snake):
        return snake
    camel = to_pascal(snake)
    return re.sub("(^_*[A-Z])", lambda m: m.group(1).lower(), camel)


@lru_cache(maxsize=4096)  # a field name recurs in many models
def to_snake(camel: str) -> str:
    snake = re.sub(
        r"([A-Z]+)([A-Z][a-z])", lambda m: f"{m.group(1)}_{m.group(2)}", camel
    )
    snake = re.sub(r"([a-z])([A-Z])", lambda m: f"{m.group(1)}_{m.group(2)}", snake)
    snake = re.sub(r"([0-9])([A-Z])", lambda m: f"{m.group(1)}_{m.group(2)}", snake)
    snake = re.sub(r"([a-z])([0-9])", lambda m: f"{m.group(1)}_{m.group(2)}", snake)
    snake = snake.replace("-", "_")
    return snake.lower()


#: Canonical name of each generator -> its port.
GENERATORS: dict[str, Callable[[str], str]] = {
    "pydantic.alias_generators.to_camel": to_camel,
    "pydantic.alias_generators.to_pascal": to_pascal,
    "pydantic.alias_generators.to_snake": to_snake,
}

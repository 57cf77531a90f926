"""Generators of realistic bulk data, for benchmarks and load tests (`essaim generate …`).

An app adds a generator by shipping a `generators.py` module that decorates functions with
`@register("name", help="…")`. A generator takes keyword-only `count` and `rng` (a seeded
`random.Random`, so two runs with the same seed build the same data), creates its objects
in bulk and returns how many it created.
"""

import random
from collections.abc import Callable
from dataclasses import dataclass

from essaim.core.discovery import app_modules


@dataclass(frozen=True)
class Generator:
    name: str
    help: str
    function: Callable[..., int]


_REGISTRY: dict[str, Generator] = {}


def register(name: str, *, help: str):
    def decorator(function: Callable[..., int]) -> Callable[..., int]:
        _REGISTRY[name] = Generator(name, help, function)
        return function

    return decorator


def generators() -> dict[str, Generator]:
    """Every registered generator, after importing each app's `generators` module."""
    list(app_modules("generators"))  # importing a module registers its generators
    return dict(_REGISTRY)


def generate(name: str, *, count: int, seed: int | None = None) -> int:
    """Run one generator. Side effects: whatever it creates, in bulk."""
    return generators()[name].function(count=count, rng=random.Random(seed))

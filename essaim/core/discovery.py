"""Find a conventional submodule (`demo`, `generators`, `api`…) in each of Essaim's apps.

Apps plug into the demo, the data generators and the API by simply shipping the module: no
central list to edit. Apps are visited in INSTALLED_APPS order, which is also the order of
their dependencies (core, accounts, catalogue, agenda…).
"""

from collections.abc import Iterator
from importlib import import_module
from importlib.util import find_spec
from types import ModuleType

from django.apps import apps


def app_modules(name: str) -> Iterator[tuple[str, ModuleType]]:
    """Yield (app label, module) for every essaim app that has a submodule `name`.

    A module that exists but fails to import raises: a broken module is never skipped silently.
    """
    for config in apps.get_app_configs():
        if not config.name.startswith("essaim."):
            continue
        dotted = f"{config.name}.{name}"
        if find_spec(dotted) is None:
            continue
        yield config.label, import_module(dotted)

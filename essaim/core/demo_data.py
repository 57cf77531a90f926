"""Demonstration data, loaded by `essaim load_demo` and `make demo`.

Each app that has something to show ships a `demo.py` module with:

- `load() -> str`: creates or updates its demonstration objects and returns a one-line French
  summary. It must be idempotent (a second `make demo` changes nothing and takes seconds) and
  may rely on the objects of the apps listed before it in INSTALLED_APPS;
- optionally `ACCOUNTS`: a list of (e-mail, French description) printed in the demo banner.

Every demo account shares `DEMO_PASSWORD`, printed in the banner: this data is for a local
demonstration only, never for a public instance.
"""

from collections.abc import Callable

from django.db import transaction

from essaim.core.discovery import app_modules

DEMO_PASSWORD = "essaim-demo-2020"


def load_demo_data(*, write: Callable[[str], None] = print) -> None:
    """Run every app's demo loader in INSTALLED_APPS order, one transaction each.

    Side effects: whatever each loader creates or updates; one line written per app.
    """
    for label, module in app_modules("demo"):
        with transaction.atomic():
            summary = module.load()
        write(f"  {label} : {summary}")


def demo_accounts() -> list[tuple[str, str]]:
    """The (e-mail, description) of every demo account, for the banner."""
    return [
        account
        for _label, module in app_modules("demo")
        for account in getattr(module, "ACCOUNTS", [])
    ]

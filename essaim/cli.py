"""The `essaim` command: Django's manage.py plus the product's own subcommands.

`essaim worker`, `essaim generate …`, `essaim load_territories`, … are management commands of
the apps; `essaim help` lists them all, `essaim <command> --help` explains one in plain words.
"""

import os
import sys


def main(argv: list[str] | None = None) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "essaim.settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line(argv if argv is not None else sys.argv)

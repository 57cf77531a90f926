"""The `essaim` command: Django's manage.py plus the product's own subcommands.

`essaim worker`, `essaim generate …`, `essaim load_territories`, … are management commands of
the apps; `essaim help` lists them all, `essaim <command> --help` explains one in plain words.
"""

import os
import sys


def main(argv: list[str] | None = None) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "essaim.settings")
    from django.core.exceptions import ImproperlyConfigured
    from django.core.management import execute_from_command_line

    argv = argv if argv is not None else sys.argv
    try:
        execute_from_command_line(argv)
    except ImproperlyConfigured as exc:
        # A bad environment variable: say which one and how to fix it, without a traceback.
        if "--traceback" in argv:
            raise
        sys.stderr.write(
            "Essaim ne peut pas démarrer : la configuration est invalide.\n"
            f"  {exc}\n"
            "Corrigez la variable d’environnement en cause : README.md, section "
            "« Variables d’environnement », donne chacune avec sa valeur par défaut.\n"
        )
        sys.exit(2)

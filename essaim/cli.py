"""The `essaim` command: Django's manage.py plus the product's own subcommands.

`essaim worker`, `essaim generate …`, `essaim load_territories`, … are management commands of
the apps; `essaim help` lists them all, `essaim <command> --help` explains one in plain words.
"""

import os
import sys
import textwrap

# Django's options common to every subcommand, explained in French in `essaim <cmd> --help`.
COMMON_OPTIONS_HELP = {
    "--help": "Affiche cette aide, puis s’arrête.",
    "--version": "Affiche la version de Django, puis s’arrête.",
    "--verbosity": "Quantité de messages : 0 le minimum, 1 normal, 2 détaillé, 3 très détaillé.",
    "--settings": "Module Python des réglages (par défaut : essaim.settings).",
    "--pythonpath": "Dossier à ajouter aux chemins où Python cherche les modules.",
    "--traceback": "En cas d’erreur, affiche le détail technique complet (pour un développeur).",
    "--no-color": "Écrit sans couleurs.",
    "--force-color": "Écrit en couleurs, même hors d’un terminal.",
    "--skip-checks": "Ne fait pas les vérifications de configuration avant de commencer.",
}


def _french_common_options(create_parser):
    def create_french_parser(self, prog_name, subcommand, **kwargs):
        parser = create_parser(self, prog_name, subcommand, **kwargs)
        parser._positionals.title = "arguments"
        for action in parser._actions:
            flag = next((f for f in action.option_strings if f in COMMON_OPTIONS_HELP), None)
            if flag:
                action.help = COMMON_OPTIONS_HELP[flag]
        return parser

    return create_french_parser


def _first_sentence(text: str) -> str:
    text = " ".join((text or "").split())
    for end in (". ", " : ", " ("):
        if end in text:
            text = text.split(end, 1)[0]
    return textwrap.shorten(text.rstrip("."), width=90, placeholder="…")


def main_help_text(utility) -> str:
    """`essaim help`: the product's commands explained first, then the others by name."""
    from django.core.management import get_commands, load_command_class

    ours, others = [], {}
    for name, app in sorted(get_commands().items()):
        if app.startswith("essaim."):
            command = load_command_class(app, name)
            ours.append(f"    {name:<20} {_first_sentence(command.help)}")
        else:
            others.setdefault(app.rpartition(".")[2], []).append(name)
    lines = [
        f"Utilisation : {utility.prog_name} <commande> [options]",
        f"« {utility.prog_name} <commande> --help » explique une commande.",
        "",
        "Commandes d’Essaim :",
        *ours,
        "",
        "Commandes de Django et des bibliothèques (aide en anglais) :",
    ]
    lines += [f"    [{app}] {', '.join(names)}" for app, names in sorted(others.items())]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "essaim.settings")
    from django.core.exceptions import ImproperlyConfigured
    from django.core.management import ManagementUtility
    from django.core.management.base import BaseCommand

    class EssaimUtility(ManagementUtility):
        def main_help_text(self, commands_only=False):
            if commands_only:
                return super().main_help_text(commands_only=True)
            return main_help_text(self)

    BaseCommand.create_parser = _french_common_options(BaseCommand.create_parser)
    argv = argv if argv is not None else sys.argv
    try:
        EssaimUtility(argv).execute()
    except ImproperlyConfigured as exc:
        # A bad environment variable: say which one and how to fix it, without a traceback.
        if "--traceback" in argv:
            raise
        sys.stderr.write(
            "Essaim ne peut pas démarrer : la configuration est invalide.\n"
            f"  {exc}\n"
            "Corrigez la variable d’environnement en cause : README.md, section "
            "« Variables d’environnement », donne chacune avec sa valeur par défaut.\n"
        )
        sys.exit(2)

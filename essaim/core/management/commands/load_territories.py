import time

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from essaim.core.models import Level
from essaim.core.services import TerritoryDataError, load_territories


def _number(value: int) -> str:
    """French digit grouping, with a narrow no-break space: 34 935."""
    return f"{value:,}".replace(",", "\u202f")


class Command(BaseCommand):
    help = (
        "Charge ou met à jour les régions, départements et communes de France, outre-mer "
        "compris, avec leur code INSEE et leur population (Code officiel géographique de "
        "l’Insee, édition 2024, livré avec Essaim). Sans risque si on la relance : ce qui "
        "existe est mis à jour, rien n’est dupliqué ni supprimé. Prend quelques secondes."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--source-dir",
            default=None,
            help=(
                "Dossier contenant regions.csv.gz, departements.csv.gz et communes.csv.gz "
                "(par défaut : les fichiers livrés avec Essaim)."
            ),
        )

    def handle(self, *args, source_dir, **options):
        started = time.monotonic()
        try:
            summary = load_territories(source_dir=source_dir)
        except TerritoryDataError as exc:
            raise CommandError(str(exc)) from exc
        seconds = f"{time.monotonic() - started:.1f}".replace(".", ",")
        self.stdout.write(
            self.style.SUCCESS(
                _("Territoires chargés en %(seconds)s\u00a0s depuis %(source)s\u00a0:")
                % {"seconds": seconds, "source": summary.source_dir}
            )
        )
        lines = {
            Level.REGION: _(
                "  régions\u00a0: %(total)s (%(created)s ajoutées, %(updated)s mises à jour, "
                "%(unchanged)s inchangées)"
            ),
            Level.DEPARTMENT: _(
                "  départements\u00a0: %(total)s (%(created)s ajoutés, %(updated)s mis à jour, "
                "%(unchanged)s inchangés)"
            ),
            Level.COMMUNE: _(
                "  communes\u00a0: %(total)s (%(created)s ajoutées, %(updated)s mises à jour, "
                "%(unchanged)s inchangées)"
            ),
        }
        absent = 0
        for level, line in lines.items():
            counts = summary.counts[level]
            absent += counts.absent
            self.stdout.write(
                line
                % {
                    name: _number(getattr(counts, name))
                    for name in ("total", "created", "updated", "unchanged")
                }
            )
        if absent:
            self.stdout.write(
                _(
                    "%(absent)s territoires de la base ne figurent plus dans les fichiers\u00a0: "
                    "ils sont conservés, car des fiches peuvent encore y renvoyer."
                )
                % {"absent": _number(absent)}
            )

from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from essaim.procedures import retention


class Command(BaseCommand):
    help = (
        "Applique la durée de conservation des dossiers de chaque démarche : prévient par "
        "courriel les demandeurs dont un dossier sera supprimé dans les 30 jours (au moins 7 "
        "jours avant), puis supprime les dossiers échus avec leurs pièces jointes, et les liens "
        f"de pré-remplissage expirés ou retirés depuis plus de {retention.PREFILL_REGISTER_DAYS} "
        "jours. À lancer chaque jour par cron ; sans risque si on la relance."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--avertir-jours",
            type=int,
            default=retention.WARN_DAYS,
            help="Prévenir ce nombre de jours avant la suppression (30 par défaut).",
        )

    def handle(self, *args, **options):
        warned = retention.warn_due(warn_days=options["avertir_jours"])
        purged = retention.purge_due()
        links = retention.purge_prefill_links()
        summary = _(
            "%(warned)s demandeur(s) prévenu(s), %(purged)s dossier(s) supprimé(s), "
            "%(links)s lien(s) de pré-remplissage supprimé(s)."
        ) % {"warned": warned, "purged": purged, "links": links}
        self.stdout.write(self.style.SUCCESS(summary))

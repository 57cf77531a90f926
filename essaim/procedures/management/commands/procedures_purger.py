from django.core.management.base import BaseCommand

from essaim.procedures import retention


class Command(BaseCommand):
    help = (
        "Applique la durée de conservation des dossiers de chaque démarche : prévient par "
        "courriel les demandeurs dont un dossier sera supprimé dans les 30 jours (au moins 7 "
        "jours avant), puis supprime les dossiers échus avec leurs pièces jointes. À lancer "
        "chaque jour par cron ; sans risque si on la relance."
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
        self.stdout.write(
            self.style.SUCCESS(
                f"{warned} demandeur(s) prévenu(s), {purged} dossier(s) supprimé(s)."
            )
        )

from django.core.management.base import BaseCommand

from essaim.participation.uploads import MAX_AGE, purge


class Command(BaseCommand):
    help = (
        "Supprime les pièces jointes mises de côté par des formulaires de proposition "
        f"abandonnés (plus de {MAX_AGE // 3600} heures : leur jeton a expiré). À lancer par "
        "cron une fois par jour ; sans risque si on la relance."
    )

    def handle(self, *args, **options):
        count = purge()
        self.stdout.write(self.style.SUCCESS(f"{count} fichier(s) supprimé(s)."))

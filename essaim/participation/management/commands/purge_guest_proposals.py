from django.conf import settings
from django.core.management.base import BaseCommand

from essaim.participation.guests import purge_unconfirmed


class Command(BaseCommand):
    help = (
        "Supprime les propositions déposées sans compte dont l’auteur n’a pas ouvert le lien "
        f"de confirmation depuis {settings.PARTICIPATION_GUEST_PURGE_DAYS} jours "
        "(PARTICIPATION_GUEST_PURGE_DAYS), et les comptes créés pour elles qui ne servent plus. "
        "À lancer chaque jour par cron ; sans risque si on la relance."
    )

    def handle(self, *args, **options):
        proposals, accounts = purge_unconfirmed()
        self.stdout.write(
            self.style.SUCCESS(
                f"{proposals} proposition(s) non confirmée(s) et {accounts} compte(s) supprimé(s)."
            )
        )

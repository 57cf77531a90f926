from django.core.management.base import BaseCommand

from essaim.core.demo_data import DEMO_PASSWORD, load_demo_data


class Command(BaseCommand):
    help = (
        "Charge les données de démonstration (organisations, comptes, initiatives…) de chaque "
        "application. Sans risque si on la relance : ce qui existe déjà est mis à jour, rien "
        "n’est dupliqué. Réservé aux instances de démonstration : tous les comptes créés ont "
        f"le même mot de passe ({DEMO_PASSWORD})."
    )

    def handle(self, *args, **options):
        load_demo_data(write=self.stdout.write)

from django.core.management.base import BaseCommand
from django.db import transaction

from essaim.catalogue.alerts import enqueue_due_alerts
from essaim.catalogue.alerts_models import AlertFrequency


class Command(BaseCommand):
    help = (
        "Prépare l’envoi des alertes du catalogue : une tâche de fond par alerte confirmée dont "
        "le dernier envoi est assez ancien. Le worker (essaim worker) envoie ensuite les "
        "courriels. À lancer par cron : « essaim send_alerts --frequency daily » chaque matin, "
        "« essaim send_alerts --frequency weekly » une fois par semaine. Sans risque si on la "
        "relance : une initiative n’est jamais envoyée deux fois pour la même alerte."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--frequency",
            required=True,
            choices=AlertFrequency.values,
            help="Les alertes à traiter : daily (quotidiennes) ou weekly (hebdomadaires).",
        )

    def handle(self, *args, frequency, **options):
        with transaction.atomic():
            count = enqueue_due_alerts(frequency=frequency)
        self.stdout.write(self.style.SUCCESS(f"{count} alerte(s) à envoyer mise(s) en file."))

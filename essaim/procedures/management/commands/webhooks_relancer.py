from django.core.management.base import BaseCommand
from django.db import transaction

from essaim.procedures.webhooks import retry_due


class Command(BaseCommand):
    help = (
        "Relance les envois de webhooks des démarches en attente dont l’heure est venue (une "
        "tâche de fond par envoi). Les relances sont normalement programmées par les tâches "
        "elles-mêmes ; cette commande, lancée par cron toutes les 5 minutes, rattrape celles "
        "qu’un arrêt du worker aurait perdues. Sans risque si on la relance : un envoi déjà "
        "livré n’est jamais renvoyé."
    )

    def handle(self, *args, **options):
        with transaction.atomic():
            count = retry_due()
        self.stdout.write(self.style.SUCCESS(f"{count} envoi(s) de webhook remis en file."))

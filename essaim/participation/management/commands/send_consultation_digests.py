from django.core.management.base import BaseCommand
from django.db import transaction

from essaim.participation.digests import MIN_INTERVAL, enqueue_due_digests


class Command(BaseCommand):
    help = (
        "Prépare les résumés des consultations : une tâche de fond par personne abonnée dont le "
        "dernier résumé est assez ancien ; le worker (essaim worker) envoie les courriels. À "
        "lancer par cron : « essaim send_consultation_digests --frequency daily » chaque matin, "
        "« … --frequency weekly » une fois par semaine. Sans risque si on la relance : un "
        "événement n’est jamais envoyé deux fois à la même personne."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--frequency",
            required=True,
            choices=[str(f) for f in MIN_INTERVAL],
            help="Les résumés à préparer : daily (quotidiens) ou weekly (hebdomadaires).",
        )

    def handle(self, *args, frequency, **options):
        with transaction.atomic():
            count = enqueue_due_digests(frequency=frequency)
        self.stdout.write(self.style.SUCCESS(f"{count} résumé(s) mis en file."))

import time

from django.core.management.base import BaseCommand

from essaim.participation.figures import refresh
from essaim.participation.models import Campaign


class Command(BaseCommand):
    help = (
        "Recalcule tout de suite les chiffres des consultations (participants, propositions, "
        "soutiens, commentaires) que les pages, les exports et l’API affichent. D’ordinaire le "
        "worker s’en charge en arrière-plan ; utile après un chargement en masse (après "
        "« VACUUM ANALYZE » sur PostgreSQL)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--campaign", help="Adresse courte (slug) d’une seule consultation.")

    def handle(self, *args, campaign=None, **options):
        campaigns = Campaign.objects.order_by("pk")
        if campaign:
            campaigns = campaigns.filter(slug=campaign)
        for item in campaigns:
            started = time.monotonic()
            refresh(item)
            elapsed = time.monotonic() - started
            self.stdout.write(f"{item.slug} : {elapsed:.1f} s")

"""Index every proposal again for « similar proposals », e.g. after the learned concepts
(data/concepts_fr.txt) or the analysis of `similar.terms` changed."""

from django.core.management.base import BaseCommand

from essaim.participation.similarity_index import rebuild


class Command(BaseCommand):
    help = "Reconstruit l’index des propositions similaires (toutes ou certaines consultations)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--campaign", type=int, action="append", help="Identifiant (répétable)."
        )

    def handle(self, *args, **options):
        count = rebuild(options["campaign"])
        self.stdout.write(f"{count} propositions indexées.")

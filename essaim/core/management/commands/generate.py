from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from essaim.core.generators import generate, generators


class Command(BaseCommand):
    help = (
        "Fabrique en masse des données fictives mais vraisemblables, pour mesurer les "
        "performances ou essayer l’interface avec beaucoup de contenu. "
        "Exemple : essaim generate organisations --count 1000. "
        "Ne l’utilisez jamais sur une instance en service : rien ne distingue ensuite ces "
        "données des vraies."
    )

    def add_arguments(self, parser):
        available = generators()
        parser.add_argument(
            "kind",
            choices=sorted(available),
            help="Ce qu’il faut fabriquer : "
            + " ; ".join(f"{g.name} ({g.help})" for _name, g in sorted(available.items())),
        )
        parser.add_argument(
            "--count",
            type=int,
            default=100,
            help="Combien d’objets créer (par défaut : %(default)s).",
        )
        parser.add_argument(
            "--seed",
            type=int,
            default=None,
            help="Graine du hasard : la même graine refait les mêmes données.",
        )

    def handle(self, *args, kind, count, seed, **options):
        if count < 1:
            raise CommandError("--count doit être un nombre entier positif, par exemple 100.")
        with transaction.atomic():
            created = generate(kind, count=count, seed=seed)
        self.stdout.write(self.style.SUCCESS(f"Terminé : {created} × {kind}."))

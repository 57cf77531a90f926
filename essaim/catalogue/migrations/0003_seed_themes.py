"""The managed list of themes, seeded once (operators may then edit it in the admin)."""

from django.db import migrations
from django.utils.text import slugify

THEMES = [
    "Santé",
    "Sécurité",
    "Emploi",
    "Inclusion numérique",
    "Handicap",
    "Environnement",
    "Simplification",
    "Participation citoyenne",
    "Culture",
    "Social",
    "Éducation",
    "Mobilité",
    "Logement",
    "Agriculture et alimentation",
    "Économie et entreprises",
    "Ressources humaines publiques",
    "Justice",
    "Jeunesse",
    "Solidarités et autonomie",
    "Données et numérique",
]


def seed(apps, schema_editor):
    Theme = apps.get_model("catalogue", "Theme")
    for position, name in enumerate(THEMES):
        Theme.objects.get_or_create(
            slug=slugify(name), defaults={"name": name, "position": position}
        )


def unseed(apps, schema_editor):
    apps.get_model("catalogue", "Theme").objects.filter(
        slug__in=[slugify(n) for n in THEMES]
    ).delete()


class Migration(migrations.Migration):
    dependencies = [("catalogue", "0002_postgres_search")]

    operations = [migrations.RunPython(seed, unseed)]

"""Bulk generators of organisations and people (`essaim generate organisations|users`)."""

from django.contrib.auth.hashers import make_password
from django.utils import timezone
from django.utils.text import slugify

from essaim.accounts.models import Membership, Organisation, OrganisationKind, Role, User
from essaim.core.generators import register
from essaim.core.models import Commune, Department
from essaim.core.text import fold

GENERATED_PASSWORD = "mot-de-passe-genere-2020"
# One string per list reads better than 66 one-name lines.
FIRST_NAMES = (  # noqa: SIM905
    "Camille Léa Manon Chloé Inès Jade Louise Emma Alice Lina Sarah Julie Claire Nadia Aïcha "
    "Lucas Hugo Louis Nathan Gabriel Jules Adam Arthur Théo Karim Yanis Paul Hervé Mathis Éric"
).split()
LAST_NAMES = (  # noqa: SIM905
    "Martin Bernard Thomas Petit Robert Richard Durand Dubois Moreau Laurent Simon Michel "
    "Lefebvre Leroy Roux David Bertrand Morel Fournier Girard Bonnet Dupont Lambert Fontaine "
    "Rousseau Vincent Muller Lefèvre Faure André Mercier Blanc Guérin Boyer Garnier Chevalier"
).split()
# (kind, name pattern, weight); {place} is a commune, or a department for the labs.
PATTERNS = [
    (OrganisationKind.LOCAL_AUTHORITY, "Mairie de {place}", 6),
    (OrganisationKind.PUBLIC_BODY, "Centre communal d’action sociale de {place}", 2),
    (OrganisationKind.ASSOCIATION, "Maison France services de {place}", 2),
    (OrganisationKind.LAB, "Laboratoire d’innovation publique de {place}", 1),
    (OrganisationKind.DECENTRALISED, "Sous-préfecture de {place}", 1),
]
KIND_DESCRIPTIONS = {
    OrganisationKind.LOCAL_AUTHORITY: "Commune engagée dans la simplification de ses démarches.",
    OrganisationKind.PUBLIC_BODY: "Accompagne les habitants dans leurs démarches sociales.",
    OrganisationKind.ASSOCIATION: "Accueille le public pour ses démarches administratives.",
    OrganisationKind.LAB: "Accompagne les agents publics dans leurs projets d’innovation.",
    OrganisationKind.DECENTRALISED: "Représente l’État au plus près des territoires.",
}


@register("organisations", help="collectivités, services et laboratoires rattachés à un territoire")
def generate_organisations(*, count: int, rng) -> int:
    """Create `count` organisations in bulk, each on a random commune when communes are loaded.

    Side effects: saves Organisation rows (no member, no SIRET).
    """
    communes = list(Commune.objects.values_list("pk", "name"))
    departments = list(Department.objects.values_list("pk", "name"))
    start = Organisation.objects.count()
    weights = [weight for _kind, _pattern, weight in PATTERNS]
    organisations = []
    for n in range(start + 1, start + count + 1):
        kind, pattern, _weight = rng.choices(PATTERNS, weights=weights)[0]
        places = departments if kind == OrganisationKind.LAB else communes
        territory_id, place = rng.choice(places) if places else (None, f"Essai {n}")
        name = pattern.format(place=place)
        organisations.append(
            Organisation(
                name=name,
                search_name=fold(name)[:200],
                slug=f"{slugify(name)[:200]}-{n}",
                kind=kind,
                territory_id=territory_id,
                description=KIND_DESCRIPTIONS[kind],
            )
        )
    Organisation.objects.bulk_create(organisations, batch_size=1000)
    return len(organisations)


@register("users", help="personnes au compte confirmé, membres d’une organisation au hasard")
def generate_users(*, count: int, rng) -> int:
    """Create `count` confirmed users in bulk, all with the password GENERATED_PASSWORD.

    Each one joins a random existing organisation (role: member, editor or admin), if any.
    Side effects: saves User and Membership rows.
    """
    password = make_password(GENERATED_PASSWORD)  # hashed once: argon2 is slow on purpose
    now = timezone.now()
    start = User.objects.count()
    users = []
    for n in range(start + 1, start + count + 1):
        first, last = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
        email = f"{slugify(first)}.{slugify(last)}.{n}@generee.essaim.example"
        users.append(
            User(
                email=email,
                first_name=first,
                last_name=last,
                password=password,
                email_confirmed_at=now,
            )
        )
    # PostgreSQL and SQLite ≥ 3.35 give the new primary keys back from a bulk insert.
    User.objects.bulk_create(users, batch_size=1000)
    organisation_ids = list(Organisation.objects.values_list("pk", flat=True))
    if organisation_ids:
        roles = [Role.MEMBER] * 6 + [Role.EDITOR] * 3 + [Role.ADMIN]
        Membership.objects.bulk_create(
            [
                Membership(
                    user_id=user.pk,
                    organisation_id=rng.choice(organisation_ids),
                    role=rng.choice(roles),
                )
                for user in users
            ],
            batch_size=1000,
        )
    return len(users)

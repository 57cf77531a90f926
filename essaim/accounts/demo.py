"""Demonstration accounts and organisations (see essaim.core.demo_data).

The organisations are the actors of French public innovation named in the Mois de l'innovation
publique 2020 press kit and related articles; the people are fictional.
"""

from django.db.models import Q
from django.utils import timezone

from essaim.accounts.models import Membership, Organisation, OrganisationKind, Role, User
from essaim.core.demo_data import DEMO_PASSWORD
from essaim.core.models import Level, Territory

K = OrganisationKind
# Plain strings: they key a dict of (level, code) read from the database.
REGION, DEPARTMENT, COMMUNE = Level.REGION.value, Level.DEPARTMENT.value, Level.COMMUNE.value

# slug, name, kind, territory (level, INSEE code) or None for a national scope, description.
ORGANISATIONS = [
    (
        "ditp",
        "Direction interministérielle de la transformation publique (DITP)",
        K.CENTRAL,
        None,
        "Anime le programme de transformation publique de l’État, coordonne le Mois de "
        "l’innovation publique et accompagne une dizaine de laboratoires d’innovation "
        "territoriale.",
    ),
    (
        "dinum",
        "Direction interministérielle du numérique (DINUM)",
        K.CENTRAL,
        None,
        "Conduit la politique numérique de l’État ; recueille les besoins d’accès aux données "
        "publiques par des appels à idées.",
    ),
    (
        "anct",
        "Agence nationale de la cohésion des territoires (ANCT)",
        K.PUBLIC_BODY,
        None,
        "Porte l’Incubateur des territoires, qui aide les collectivités à créer des services "
        "publics numériques utiles et à les faire passer à l’échelle.",
    ),
    (
        "cgdd",
        "Commissariat général au développement durable (CGDD)",
        K.CENTRAL,
        None,
        "A conçu l’indice de réparabilité des appareils électroniques, testé avec les sciences "
        "comportementales.",
    ),
    (
        "pole-emploi",
        "Pôle emploi",
        K.OPERATOR,
        None,
        "Fait vivre l’innovation dans son réseau, de son LAB national aux équipes des agences.",
    ),
    (
        "siilab",
        "SIILAB",
        K.LAB,
        (REGION, "32"),
        "Laboratoire pour l’innovation et l’investissement social des Hauts-de-France, fondé en "
        "2017 par seize acteurs publics et privés : il anime des projets transversaux avec les "
        "acteurs de l’économie sociale et solidaire.",
    ),
    ("ti-lab", "Ti-Lab", K.LAB, (REGION, "53"), "Laboratoire d’innovation publique de Bretagne."),
    (
        "la-fabrique-rh",
        "La Fabrique RH",
        K.LAB,
        (REGION, "11"),
        "Laboratoire d’innovation publique consacré aux ressources humaines, en Île-de-France.",
    ),
    (
        "la-base",
        "La Base",
        K.LAB,
        (REGION, "75"),
        "Laboratoire d’innovation territoriale inter-administrations lancé en 2017 en Gironde "
        "avec Bordeaux Métropole : chaque institution partenaire peut le solliciter pour "
        "prototyper et tester de nouvelles solutions.",
    ),
    ("le-labo", "Le LabO", K.LAB, (REGION, "76"), "Laboratoire d’innovation publique d’Occitanie."),
    (
        "inso-lab-83",
        "InSo Lab 83",
        K.LAB,
        (DEPARTMENT, "83"),
        "Laboratoire d’innovation sociale du Var, en Provence-Alpes-Côte d’Azur.",
    ),
    (
        "etat-lin",
        "ETAT’LIN",
        K.LAB,
        (REGION, "52"),
        "Laboratoire d’innovation publique de l’État en Pays de la Loire.",
    ),
    (
        "archipel",
        "Archipel",
        K.LAB,
        (REGION, "84"),
        "Laboratoire d’innovation publique de l’État en Auvergne-Rhône-Alpes.",
    ),
    (
        "fabrik59",
        "Fabrik59",
        K.LAB,
        (DEPARTMENT, "59"),
        "Laboratoire d’innovation interne du Département du Nord ; il a animé le Simplificathon "
        "« Faisons simple ».",
    ),
    (
        "departement-du-nord",
        "Département du Nord",
        K.LOCAL_AUTHORITY,
        (DEPARTMENT, "59"),
        "A demandé à ses 8 000 agents quelles lourdeurs supprimer, puis simplifié avec eux "
        "l’aide sociale à l’enfance et les aides d’urgence.",
    ),
    (
        "mdph-du-nord",
        "Maison départementale des personnes handicapées du Nord",
        K.PUBLIC_BODY,
        (DEPARTMENT, "59"),
        "Propose un formulaire de demande en ligne, guidé, pour des dossiers complets dès le "
        "premier envoi.",
    ),
    (
        "sdis-77",
        "Service départemental d’incendie et de secours de Seine-et-Marne (SDIS 77)",
        K.PUBLIC_BODY,
        (DEPARTMENT, "77"),
        "Transmet au SAMU les bilans de secours sur tablette plutôt que sur papier, pour "
        "gagner du temps auprès des victimes.",
    ),
    (
        "sdis-59",
        "Service départemental d’incendie et de secours du Nord (SDIS 59)",
        K.PUBLIC_BODY,
        (DEPARTMENT, "59"),
        "Utilise la géolocalisation pour situer précisément les appels de secours.",
    ),
    (
        "drjscs-hauts-de-france",
        "Direction régionale de la jeunesse, des sports et de la cohésion sociale des "
        "Hauts-de-France (DRJSCS)",
        K.DECENTRALISED,
        (REGION, "32"),
        "Accueille le SIILAB dans ses locaux.",
    ),
    (
        "direccte-hauts-de-france",
        "Direction régionale des entreprises, de la concurrence, de la consommation, du travail "
        "et de l’emploi des Hauts-de-France (DIRECCTE)",
        K.DECENTRALISED,
        (REGION, "32"),
        "Conçoit des services innovants dans son incubateur régional.",
    ),
    (
        "dreal-hauts-de-france",
        "Direction régionale de l’environnement, de l’aménagement et du logement des "
        "Hauts-de-France (DREAL)",
        K.DECENTRALISED,
        (REGION, "32"),
        "Dématérialise ses démarches au bénéfice des usagers comme des agents.",
    ),
    (
        "sgar-hauts-de-france",
        "Secrétariat général pour les affaires régionales des Hauts-de-France (SGAR)",
        K.DECENTRALISED,
        (REGION, "32"),
        "Coordonne l’action de l’État en région et soutient la dynamique d’innovation "
        "territoriale.",
    ),
    (
        "dgfip-delegation-nord",
        "Direction générale des finances publiques, délégation Nord",
        K.DECENTRALISED,
        (REGION, "32"),
        "Présente aux acteurs économiques ses nouvelles modalités d’accueil et son offre "
        "numérique.",
    ),
    (
        "urssaf-nord-pas-de-calais",
        "URSSAF Nord – Pas-de-Calais",
        K.OPERATOR,
        (REGION, "32"),
        "Expérimente un assistant vocal pour les appels de premier niveau et co-construit ses "
        "services avec les employeurs.",
    ),
    (
        "cress-hauts-de-france",
        "Chambre régionale de l’économie sociale et solidaire des Hauts-de-France (CRESS)",
        K.ASSOCIATION,
        (REGION, "32"),
        "Anime la plateforme #ESSHDF, l’espace ressource de l’économie sociale et solidaire "
        "en région.",
    ),
    (
        "les-assembleurs",
        "Les Assembleurs",
        K.ASSOCIATION,
        (REGION, "32"),
        "Hub numérique inclusif des Hauts-de-France : accompagne les intercommunalités et plus "
        "de 60 acteurs régionaux de l’inclusion numérique.",
    ),
    (
        "pop",
        "POP",
        K.COMPANY,
        (REGION, "32"),
        "Entreprise sociale du numérique inclusif, cofondatrice des Assembleurs.",
    ),
    (
        "mission-locale-de-lille",
        "Mission locale de Lille",
        K.ASSOCIATION,
        (COMMUNE, "59350"),
        "Porte depuis trente ans le Crédit-Loisirs, qui ouvre la culture aux habitants les "
        "plus modestes de la métropole lilloise.",
    ),
    (
        "bordeaux-metropole",
        "Bordeaux Métropole",
        K.LOCAL_AUTHORITY,
        (COMMUNE, "33063"),
        "Organise #TesterDemain, ateliers et débats sur les solutions émergentes.",
    ),
    (
        "region-occitanie",
        "Région Occitanie",
        K.LOCAL_AUTHORITY,
        (REGION, "76"),
        "Propose les Ateliers du Lab’, de courtes sessions d’acculturation à l’innovation.",
    ),
    (
        "departement-du-calvados",
        "Département du Calvados",
        K.LOCAL_AUTHORITY,
        (DEPARTMENT, "14"),
        "Organise tables rondes et hackathons sur le tourisme, l’attractivité et les données.",
    ),
    (
        "departement-de-loire-atlantique",
        "Département de Loire-Atlantique",
        K.LOCAL_AUTHORITY,
        (DEPARTMENT, "44"),
        "Fait découvrir, partager et comprendre l’innovation à ses équipes et au public.",
    ),
    (
        "departement-de-la-gironde",
        "Département de la Gironde",
        K.LOCAL_AUTHORITY,
        (DEPARTMENT, "33"),
        "Partenaire fondateur de La Base, laboratoire d’innovation territoriale.",
    ),
    (
        "departement-du-val-d-oise",
        "Département du Val-d’Oise",
        K.LOCAL_AUTHORITY,
        (DEPARTMENT, "95"),
        "Forme ses agents à l’innovation publique et à la pensée design.",
    ),
    (
        "commissariat-du-mans",
        "Commissariat de police du Mans",
        K.DECENTRALISED,
        (COMMUNE, "72181"),
        "A créé un accueil confidentiel des victimes de violences, primé par le ministère de "
        "l’Intérieur.",
    ),
    (
        "ap-hp",
        "Assistance publique – Hôpitaux de Paris (AP-HP)",
        K.PUBLIC_BODY,
        (DEPARTMENT, "75"),
        "A conçu avec une équipe pluridisciplinaire le télésuivi des patients atteints de la "
        "COVID-19.",
    ),
    (
        "ecole-de-design-nantes-atlantique",
        "École de design Nantes Atlantique",
        K.ASSOCIATION,
        (COMMUNE, "44109"),
        "Sa chaire Design et action publique innovante réunit designers, chercheurs et élus.",
    ),
]

# e-mail, first name, last name, [(organisation slug, role)], banner description.
PEOPLE = [
    (
        "sophie.bernard@essaim.example",
        "Sophie",
        "Bernard",
        [("ditp", Role.ADMIN)],
        "administratrice de la DITP",
    ),
    (
        "ines.lefebvre@essaim.example",
        "Inès",
        "Lefebvre",
        [("siilab", Role.ADMIN)],
        "administratrice du SIILAB",
    ),
    (
        "marc.dubois@essaim.example",
        "Marc",
        "Dubois",
        [("departement-du-nord", Role.EDITOR), ("fabrik59", Role.MEMBER)],
        "éditeur au Département du Nord, membre de Fabrik59",
    ),
    (
        "julie.petit@essaim.example",
        "Julie",
        "Petit",
        [("sdis-77", Role.MEMBER)],
        "agente du SDIS 77",
    ),
    ("lucas.moreau@essaim.example", "Lucas", "Moreau", [], "citoyen, sans organisation"),
]
ADMIN_EMAIL = "admin@essaim.example"

ACCOUNTS = [(ADMIN_EMAIL, "administrateur de la plateforme (/admin/)")] + [
    (email, description) for email, _first, _last, _memberships, description in PEOPLE
]


def load() -> str:
    """Create or update the demo organisations, people and memberships.

    Side effects: saves Organisation, User and Membership rows; never resets a password that
    already exists, never duplicates anything.
    """
    territories = _territories()
    for slug, name, kind, place, description in ORGANISATIONS:
        Organisation.objects.update_or_create(
            slug=slug,
            defaults={
                "name": name,
                "kind": kind,
                "territory": territories.get(place),
                "description": description,
            },
        )
    if not User.objects.filter(email=ADMIN_EMAIL).exists():
        User.objects.create_superuser(
            ADMIN_EMAIL, DEMO_PASSWORD, first_name="Équipe", last_name="Essaim"
        )
    organisations = {o.slug: o for o in Organisation.objects.filter(slug__in=_slugs())}
    for email, first_name, last_name, memberships, _description in PEOPLE:
        user = User.objects.filter(email=email).first() or User.objects.create_user(
            email,
            DEMO_PASSWORD,
            first_name=first_name,
            last_name=last_name,
            email_confirmed_at=timezone.now(),
        )
        for slug, role in memberships:
            Membership.objects.update_or_create(
                user=user, organisation=organisations[slug], defaults={"role": role}
            )
    located = sum(1 for place in _places() if place in territories)
    return (
        f"{len(ORGANISATIONS)} organisations ({located} rattachées à leur territoire), "
        f"{len(ACCOUNTS)} comptes"
    )


def _slugs() -> list[str]:
    return [slug for slug, *_rest in ORGANISATIONS]


def _places() -> list[tuple[str, str] | None]:
    return [place for _slug, _name, _kind, place, _description in ORGANISATIONS]


def _territories() -> dict[tuple[str, str], Territory]:
    """The loaded territories the demo organisations point at, by (level, code)."""
    query = Q(pk__in=[])
    for level, code in {place for place in _places() if place}:
        query |= Q(level=level, code=code)
    return {(t.level, t.code): t for t in Territory.objects.filter(query)}

"""The columns of the CSV import: their French headers, what they accept, which are required.

The import page and the downloadable template are generated from this list: the documentation
cannot drift from the parser.
"""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from essaim.core.text import fold


@dataclass(frozen=True)
class Column:
    key: str
    header: str
    help: str
    example: str = ""
    required: bool = False
    aliases: tuple[str, ...] = ()

    def names(self) -> set[str]:
        return {fold(self.header), *(fold(alias) for alias in self.aliases)}


COLUMNS = (
    Column(
        "title",
        "titre",
        _("Le titre de l’événement (200 caractères au plus)."),
        "Les Mardis de l’innovation : la donnée au service des usagers",
        required=True,
        aliases=("titre de l evenement", "nom", "title"),
    ),
    Column(
        "summary",
        "en une phrase",
        _(
            "Ce que les participants vont vivre, 300 caractères au plus. Vide : le début de "
            "la description."
        ),
        "Une heure pour découvrir comment la donnée améliore l’accueil des usagers.",
        aliases=("resume", "accroche", "chapeau", "summary"),
    ),
    Column(
        "description",
        "description",
        _("Le programme détaillé : déroulé, intervenants, prérequis."),
        "Au programme : retours d’expérience de trois collectivités…",
        required=True,
        aliases=("presentation", "description longue"),
    ),
    Column(
        "format",
        "format",
        _("Webinaire, conférence, table ronde, atelier participatif, hackathon, formation…"),
        "Webinaire",
        required=True,
        aliases=("type", "type d evenement"),
    ),
    Column(
        "start",
        "début",
        _("Date et heure de début, heure de Paris : JJ/MM/AAAA HH:MM."),
        "10/11/2020 14:00",
        required=True,
        aliases=("date de debut", "date debut", "debut le", "start"),
    ),
    Column(
        "end",
        "fin",
        _("Date et heure de fin (JJ/MM/AAAA HH:MM), ou seulement l’heure si c’est le même jour."),
        "10/11/2020 15:30",
        required=True,
        aliases=("date de fin", "date fin", "fin le", "end"),
    ),
    Column(
        "extra_sessions",
        "autres séances",
        _(
            "Pour une série : les autres séances, séparées par « | », chacune "
            "« JJ/MM/AAAA HH:MM à HH:MM »."
        ),
        "17/11/2020 14:00 à 15:30 | 24/11/2020 14:00 à 15:30",
        aliases=("seances", "autres dates"),
    ),
    Column(
        "mode",
        "mode",
        _("« en ligne », « sur place » ou « hybride ». Vide : déduit de la commune et du lien."),
        "en ligne",
        aliases=("modalite", "mode de participation"),
    ),
    Column(
        "commune",
        "commune",
        _("Pour un événement sur place : le nom de la commune ou son code INSEE (5 chiffres)."),
        "44109",
        aliases=("ville", "code insee", "code commune", "insee"),
    ),
    Column(
        "venue",
        "lieu",
        _("Le nom du lieu."),
        "Médiathèque Jacques Demy",
        aliases=("nom du lieu", "salle"),
    ),
    Column(
        "address",
        "adresse",
        _("L’adresse postale du lieu."),
        "24 quai de la Fosse",
        aliases=("adresse postale",),
    ),
    Column(
        "latitude",
        "latitude",
        _("Facultatif : la latitude du lieu en degrés décimaux, entre -90 et 90."),
        "47.21812",
        aliases=("lat",),
    ),
    Column(
        "longitude",
        "longitude",
        _("Facultatif : la longitude du lieu en degrés décimaux, entre -180 et 180."),
        "-1.55361",
        aliases=("lon", "lng", "long"),
    ),
    Column(
        "online_url",
        "lien en ligne",
        _("Le lien de la visioconférence ou de la diffusion (https://…)."),
        "https://webinaire.numerique.gouv.fr/…",
        aliases=("lien", "lien visio", "lien de connexion", "url en ligne"),
    ),
    Column(
        "online_url_private",
        "lien réservé aux inscrits",
        _("« oui » pour ne montrer le lien en ligne qu’aux personnes inscrites."),
        "oui",
        aliases=("lien prive",),
    ),
    Column(
        "audiences",
        "publics",
        _("Agents publics, grand public, élus, entreprises, associations… séparés par « | »."),
        "Agents publics | Élus",
        aliases=("public", "audience", "public cible"),
    ),
    Column(
        "themes",
        "thèmes",
        _("Les thèmes du programme, séparés par « | »."),
        "",
        aliases=("theme", "thematiques", "mots cles"),
    ),
    Column(
        "language",
        "langue",
        _("Vide pour le français ; sinon « anglais », « espagnol »…"),
        "",
        aliases=("langues",),
    ),
    Column(
        "accessibility",
        "accessibilité",
        _(
            "Séparés par « | » : handicap auditif, intellectuel, visuel, psychique, moteur, "
            "sous-titrage, LSF."
        ),
        "moteur | sous-titrage",
        aliases=("accessibilite", "accessible"),
    ),
    Column(
        "registration",
        "inscription",
        _("« aucune », « sur Essaim » ou « lien externe ». Vide : d’après le lien d’inscription."),
        "sur Essaim",
        aliases=("mode d inscription",),
    ),
    Column(
        "registration_url",
        "lien d’inscription",
        _("Pour une inscription sur un autre site : son adresse (https://…)."),
        "",
        aliases=("lien d inscription", "lien inscription", "url inscription", "billetterie"),
    ),
    Column(
        "capacity",
        "places",
        _("Le nombre de places (vide : sans limite)."),
        "100",
        aliases=("nombre de places", "capacite", "jauge"),
    ),
    Column(
        "speakers",
        "intervenants",
        _("Les noms et fonctions des intervenants, séparés par « | »."),
        "Marie Dupont, DITP | Karim Benali, Lab Occitanie",
        aliases=("intervenant", "orateurs"),
    ),
    Column(
        "replay_url",
        "lien du replay",
        _("Après l’événement : l’adresse de l’enregistrement."),
        "",
        aliases=("replay", "lien replay", "enregistrement"),
    ),
    Column(
        "source_id",
        "référence",
        _("Facultatif : votre identifiant de l’événement, rappelé dans le rapport."),
        "MIP-2020-014",
        aliases=("reference", "identifiant", "id", "uid"),
    ),
)

COLUMNS_BY_KEY = {column.key: column for column in COLUMNS}
REQUIRED_COLUMNS = tuple(column for column in COLUMNS if column.required)

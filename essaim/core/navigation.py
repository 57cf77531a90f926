"""The main navigation: one list, so the header, the sitemap and the placeholders agree."""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Section:
    slug: str
    label: str
    path: str
    summary: str


SECTIONS = [
    Section(
        "initiatives",
        _("Initiatives"),
        "/initiatives/",
        _(
            "Le catalogue des innovations publiques, des laboratoires qui les portent et des "
            "territoires où elles essaiment."
        ),
    ),
    Section(
        "agenda",
        _("Agenda"),
        "/agenda/",
        _("Les événements de l’innovation publique, dont le Mois de l’innovation publique."),
    ),
    Section(
        "consultations",
        _("Consultations"),
        "/consultations/",
        _("Les Simplificathons et appels à idées, de la question posée à la réponse publique."),
    ),
    Section(
        "syntheses",
        _("Synthèses"),
        "/syntheses/",
        _(
            "Les grandes tendances de milliers de contributions, vérifiées et publiées par "
            "une personne."
        ),
    ),
    Section(
        "demarches",
        _("Démarches"),
        "/demarches/",
        _("Les démarches en ligne guidées, complètes dès le premier dépôt."),
    ),
]

"""The agenda's vocabulary for imports: enum values with the words people write for them.

`build_vocabulary()` reads the themes and communes from the database; tests may pass their own
`themes` pairs and `commune` lookup to stay away from it.
"""

from collections.abc import Callable

from django.utils.translation import gettext as _

from essaim.agenda.enums import (
    ACCESSIBILITY_FLAGS,
    Audience,
    EventFormat,
    Language,
    Mode,
    RegistrationMode,
)
from essaim.agenda.imports.rows import Choices, Vocabulary
from essaim.core.text import fold

FORMAT_ALIASES = {
    "webinar": EventFormat.WEBINAR,
    "visioconference": EventFormat.WEBINAR,
    "conference en ligne": EventFormat.CONFERENCE,
    "table-ronde": EventFormat.ROUND_TABLE,
    "atelier": EventFormat.WORKSHOP,
    "atelier collaboratif": EventFormat.WORKSHOP,
    "session creative": EventFormat.CREATIVE_SESSION,
    "module de formation": EventFormat.ONLINE_COURSE,
    "mooc": EventFormat.ONLINE_COURSE,
    "appel a idees": EventFormat.CALL_FOR_IDEAS,
    "seminaire": EventFormat.SEMINAR,
}
MODE_ALIASES = {
    "distanciel": Mode.ONLINE,
    "a distance": Mode.ONLINE,
    "visio": Mode.ONLINE,
    "presentiel": Mode.ONSITE,
    "en presentiel": Mode.ONSITE,
    "mixte": Mode.HYBRID,
}
AUDIENCE_ALIASES = {
    "agents": Audience.AGENTS,
    "agent public": Audience.AGENTS,
    "fonctionnaires": Audience.AGENTS,
    "tout public": Audience.GENERAL_PUBLIC,
    "citoyens": Audience.GENERAL_PUBLIC,
    "elu": Audience.ELECTED_OFFICIALS,
    "elus locaux": Audience.ELECTED_OFFICIALS,
    "entreprise": Audience.COMPANIES,
    "association": Audience.ASSOCIATIONS,
    "etudiant": Audience.STUDENTS,
    "chercheur": Audience.RESEARCHERS,
}
# Short words (and OpenAgenda's keys) for the accessibility flags.
ACCESSIBILITY_ALIASES = {
    "auditif": "accessible_hearing",
    "intellectuel": "accessible_intellectual",
    "mental": "accessible_intellectual",
    "visuel": "accessible_visual",
    "psychique": "accessible_psychic",
    "moteur": "accessible_motor",
    "pmr": "accessible_motor",
    "fauteuil roulant": "accessible_motor",
    "sous titres": "has_subtitles",
    "sous titrage": "has_subtitles",
    "lsf": "has_sign_language",
    "langue des signes": "has_sign_language",
    **{key: field for field, (key, _label) in ACCESSIBILITY_FLAGS.items()},
}
REGISTRATION_ALIASES = {
    "aucune": RegistrationMode.NONE,
    "sans": RegistrationMode.NONE,
    "non": RegistrationMode.NONE,
    "libre": RegistrationMode.NONE,
    "sur essaim": RegistrationMode.ESSAIM,
    "essaim": RegistrationMode.ESSAIM,
    "oui": RegistrationMode.ESSAIM,
    "lien externe": RegistrationMode.EXTERNAL,
    "externe": RegistrationMode.EXTERNAL,
    "autre site": RegistrationMode.EXTERNAL,
}
LANGUAGE_ALIASES = {"francais": "fr", "french": "fr", "anglais": "en", "english": "en"}


def _pairs(choices) -> list[tuple[str, str]]:
    return [(value, str(label)) for value, label in choices]


def commune_lookup() -> Callable[[str], object]:
    """Find a commune by INSEE code or exact name (cached); LookupError when names clash."""
    from essaim.core.models import Commune

    cache: dict[str, object] = {}

    def find(text: str):
        key = fold(text)
        if key not in cache:
            cache[key] = _find_commune(Commune, text)
        return cache[key]

    return find


def _find_commune(Commune, text: str):
    text = text.strip()
    if text[:5].isdigit() or text[:2].upper() in ("2A", "2B"):
        return Commune.objects.filter(code=text.upper()).select_related("parent").first()
    same_name = list(Commune.objects.filter(search_name=fold(text)).select_related("parent")[:5])
    if len(same_name) > 1:
        raise LookupError(
            _(
                "Plusieurs communes s’appellent « %(name)s » (%(list)s) : écrivez plutôt le "
                "code INSEE de la bonne."
            )
            % {
                "name": text,
                "list": ", ".join(f"{c.name} {c.parent.code}: {c.code}" for c in same_name),
            }
        )
    return same_name[0] if same_name else None


def theme_pairs() -> list[tuple[str, str]]:
    from essaim.catalogue.models import Theme

    return list(Theme.objects.values_list("slug", "name"))


def build_vocabulary(*, themes=None, commune=None) -> Vocabulary:
    """The vocabulary of imports: enums and aliases, the themes and communes of the database."""
    accessibility = [(field, str(label)) for field, (_key, label) in ACCESSIBILITY_FLAGS.items()]
    return Vocabulary(
        formats=Choices(_pairs(EventFormat.choices), aliases=FORMAT_ALIASES),
        modes=Choices(_pairs(Mode.choices), aliases=MODE_ALIASES),
        audiences=Choices(_pairs(Audience.choices), aliases=AUDIENCE_ALIASES),
        themes=Choices(theme_pairs() if themes is None else themes),
        accessibility=Choices(accessibility, aliases=ACCESSIBILITY_ALIASES),
        registrations=Choices(_pairs(RegistrationMode.choices), aliases=REGISTRATION_ALIASES),
        languages=Choices(_pairs(Language.choices), aliases=LANGUAGE_ALIASES),
        commune=commune or commune_lookup(),
        mode_online=Mode.ONLINE,
        mode_onsite=Mode.ONSITE,
        mode_hybrid=Mode.HYBRID,
        registration_none=RegistrationMode.NONE,
        registration_external=RegistrationMode.EXTERNAL,
        registration_essaim=RegistrationMode.ESSAIM,
    )

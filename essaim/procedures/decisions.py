"""Decision letters: a procedure's template with placeholders, filled with a dossier's answers.

Placeholders are `{{ name }}`: a built-in value of the dossier (`BUILT_IN`: `numero`, `etat`,
`motif`, `date`, `demarche`, `organisation`, `demandeur`), or the identifier of any top-level
field of the form (a computed value, such as the sum of a block's amounts, is computed as the
form shows it). They are replaced by plain text (never evaluated as a Django template: an
éditeur's text runs no code). The letter is written once, when the decision is taken
(`services.transition`), and stored on the dossier, so that a later change of the template does
not rewrite letters already sent.
"""

import re

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

PLACEHOLDER = re.compile(r"\{\{\s*([A-Za-z0-9_-]+)\s*\}\}")
# The built-in placeholders win over a field of the same identifier, whose answer would then
# never appear in a letter: the builder and the importers keep these identifiers for them.
# name → (what it holds, identifier suggested instead to a field)
BUILT_IN = {
    "numero": (gettext_lazy("numéro du dossier"), "numero_demande"),
    "etat": (gettext_lazy("état du dossier"), "etat_demande"),
    "motif": (gettext_lazy("motif de la décision"), "motif_demande"),
    "date": (gettext_lazy("date de la décision"), "date_demande"),
    "demarche": (gettext_lazy("titre de la démarche"), "demarche_concernee"),
    "organisation": (gettext_lazy("nom de l’organisation"), "organisme"),
    "demandeur": (gettext_lazy("nom du demandeur"), "nom_demandeur"),
}


def reserved_identifier_error(key: str) -> str | None:
    """Why a top-level field cannot have the identifier `key` (in French), or None if it can."""
    if key not in BUILT_IN:
        return None
    what, suggestion = BUILT_IN[key]
    return _(
        "L’identifiant «\u00a0%(key)s\u00a0» est réservé aux courriers de décision "
        "(%(what)s)\u00a0: choisissez-en un autre, par exemple «\u00a0%(suggestion)s\u00a0»."
    ) % {"key": key, "what": what, "suggestion": suggestion}


def safe_identifier(key: str) -> str:
    """`key`, or when a built-in placeholder holds it, the suggested identifier
    (« motif » gives « motif_demande »)."""
    return BUILT_IN[key][1] if key in BUILT_IN else key


def default_template() -> str:
    return _(
        "Madame, Monsieur,\n\n"
        "Votre dossier n° {{ numero }} pour la démarche « {{ demarche }} » a fait l’objet "
        "d’une décision le {{ date }} : {{ etat }}.\n\n"
        "{{ motif }}\n\n"
        "{{ organisation }}"
    )


def unknown_placeholders(text: str, field_keys) -> list[str]:
    """The placeholders of `text` that name neither a built-in value nor a field."""
    known = set(BUILT_IN) | set(field_keys)
    return sorted({name for name in PLACEHOLDER.findall(text or "") if name not in known})


def applicant_name(dossier) -> str:
    if dossier.applicant is not None:
        return dossier.applicant.display_name
    return dossier.guest_email


def values_for(dossier) -> dict[str, str]:
    """Every placeholder's text for `dossier`."""
    from essaim.procedures import engine
    from essaim.procedures.enums import FieldType
    from essaim.procedures.instruction_display import display_value
    from essaim.procedures.spec import FormSpec

    spec = FormSpec.for_version(dossier.version)
    answers = dossier.answers or {}
    decided = timezone.localtime(dossier.decided_at or timezone.now())
    values = {
        field.key: display_value(field, answers.get(field.key))
        for field in spec.fields
        if field.key in answers
    }
    # Computed values are not stored: computed from the answers, on the day of the decision.
    computed = engine.evaluate(spec, answers, validate=False, today=decided.date()).values
    values.update(
        {
            field.key: display_value(field, computed[field.key])
            for field in spec.fields
            if field.type == FieldType.COMPUTED and field.key in computed
        }
    )
    built_in = {
        "numero": str(dossier.pk),
        "etat": str(dossier.get_state_display()).lower(),
        "motif": dossier.decision_reason,
        "date": date_format(decided, "j F Y"),
        "demarche": dossier.procedure.title,
        "organisation": dossier.procedure.organisation.name,
        "demandeur": applicant_name(dossier),
    }
    # Indexed by BUILT_IN, so that a name added there without its value fails at once.
    values.update({name: built_in[name] for name in BUILT_IN})
    return values


def write_letter(dossier) -> str:
    """The letter's text: the procedure's template (or the default one) filled for `dossier`;
    unknown placeholders become empty."""
    template = dossier.procedure.decision_template.strip() or default_template()
    values = values_for(dossier)
    text = PLACEHOLDER.sub(lambda match: values.get(match.group(1), ""), template)
    return re.sub(r"\n{3,}", "\n\n", text).strip()


def paragraphs(text: str) -> list[str]:
    return [part.strip() for part in re.split(r"\n\s*\n", text or "") if part.strip()]

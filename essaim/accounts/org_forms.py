"""Forms of the organisation pages: the organisation itself, the list filters, invitations."""

import re

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from essaim.accounts.models import Organisation, OrganisationKind, Role
from essaim.accounts.validators import validate_siret
from essaim.core.forms import DsfrForm
from essaim.core.models import Level, Territory
from essaim.core.text import fold

_COMMUNE_CODE = re.compile(r"^(\d{5}|2[AB]\d{3})$", re.IGNORECASE)
_DEPARTMENT_CODE = re.compile(r"^(\d{2,3}|2[AB])$", re.IGNORECASE)
_LABELLED = re.compile(r"^(?P<name>[^()]+?)\s*\((?P<qualifier>[^()]*)\)$")
_SIRET_SEPARATORS = re.compile(r"[\s.\-]")
_SUGGESTIONS = 5


def territory_label(territory) -> str:
    """The text that designates `territory` without ambiguity, as typed in the forms."""
    if territory.level == Level.REGION:
        return _("%(name)s (région)") % {"name": territory.name}
    if territory.level == Level.DEPARTMENT:
        return _("%(name)s (département %(code)s)") % {
            "name": territory.name,
            "code": territory.code,
        }
    code = territory.parent.code if territory.parent_id else territory.code
    return f"{territory.name} ({code})"


def _quoted(territories) -> str:
    return ", ".join(f"« {territory_label(t)} »" for t in territories)


def _by_code(level, code):
    territory = Territory.objects.filter(level=level, code__iexact=code).first()
    if territory is None:
        raise ValidationError(
            _(
                "Aucun territoire n’a le code INSEE « %(code)s » : vérifiez-le, "
                "ou tapez plutôt le nom de la commune, du département ou de la région."
            ),
            code="territory_unknown_code",
            params={"code": code},
        )
    return territory


def _qualified(candidates, qualifier: str):
    """Narrow namesakes with what follows the name in brackets: a level or a code."""
    folded = fold(qualifier)
    if folded == "region":
        return candidates.filter(level=Level.REGION)
    if folded == "commune":
        return candidates.filter(level=Level.COMMUNE)
    if folded.startswith("departement"):
        code = folded.removeprefix("departement").strip()
        candidates = candidates.filter(level=Level.DEPARTMENT)
        return candidates.filter(code__iexact=code) if code else candidates
    # "Brest (29)": a commune and its department's code (or its own INSEE code); then
    # "Finistère (29)", the way departments are often written.
    code = qualifier.strip()
    communes = candidates.filter(
        Q(parent__code__iexact=code) | Q(code__iexact=code), level=Level.COMMUNE
    )
    if communes.exists():
        return communes
    return candidates.filter(level=Level.DEPARTMENT, code__iexact=code)


def resolve_territory(text: str):
    """The territory designated by `text` (a name, a label, or an INSEE code), or None if empty.

    Raises ValidationError with a French message and suggestions when `text` designates no
    territory or several.
    """
    text = " ".join((text or "").split())
    if not text:
        return None
    if _COMMUNE_CODE.match(text):
        return _by_code(Level.COMMUNE, text)
    if _DEPARTMENT_CODE.match(text):
        return _by_code(Level.DEPARTMENT, text)
    labelled = _LABELLED.match(text)
    name = labelled.group("name") if labelled else text
    candidates = Territory.objects.filter(search_name=fold(name)).select_related("parent")
    if labelled:
        candidates = _qualified(candidates, labelled.group("qualifier"))
    found = list(candidates.order_by("level", "code")[: _SUGGESTIONS + 1])
    if len(found) == 1:
        return found[0]
    if found:
        raise ValidationError(
            _(
                "Plusieurs territoires s’appellent « %(text)s » : recopiez celui que vous "
                "cherchez, par exemple %(choices)s."
            ),
            code="territory_ambiguous",
            params={"text": text, "choices": _quoted(found[:_SUGGESTIONS])},
        )
    suggestions = list(Territory.objects.search(name).select_related("parent")[:_SUGGESTIONS])
    message = _(
        "Aucun territoire ne s’appelle « %(text)s ». Tapez le nom d’une région, d’un "
        "département ou d’une commune, ou son code INSEE."
    )
    if suggestions:
        message = format_lazy("{} {}", message, _("Vouliez-vous dire : %(choices)s ?"))
    raise ValidationError(
        message,
        code="territory_unknown",
        params={"text": text, "choices": _quoted(suggestions)},
    )


class TerritoryField(forms.CharField):
    """A text input resolved to a `Territory` (a select of 35 000 communes would be unusable)."""

    def __init__(self, **kwargs):
        kwargs.setdefault("max_length", 200)
        super().__init__(**kwargs)

    def prepare_value(self, value):
        if isinstance(value, Territory):
            return territory_label(value)
        if isinstance(value, int):
            territory = Territory.objects.filter(pk=value).select_related("parent").first()
            return territory_label(territory) if territory else ""
        return value

    def clean(self, value):
        return resolve_territory(super().clean(value))


class OrganisationForm(DsfrForm, forms.ModelForm):
    siret = forms.CharField(
        label=_("SIRET"),
        required=False,
        max_length=40,
        help_text=_(
            "Facultatif. 14 chiffres, espaces permis, par exemple 130 025 265 00013. "
            "Vous le trouverez sur l’Annuaire des entreprises."
        ),
    )
    territory = TerritoryField(
        label=_("Territoire"),
        required=False,
        help_text=_(
            "Facultatif. Une région, un département ou une commune : son nom ou son code "
            "INSEE, par exemple « Bretagne », « Finistère » ou « Brest (29) »."
        ),
    )
    website = forms.URLField(
        label=_("Site internet"),
        required=False,
        max_length=200,
        assume_scheme="https",
        help_text=_("Facultatif. Par exemple https://www.exemple.gouv.fr"),
        error_messages={
            "invalid": _(
                "Cette adresse de site n’est pas valide : recopiez-la depuis votre navigateur, "
                "par exemple https://www.exemple.gouv.fr"
            )
        },
    )

    class Meta:
        model = Organisation
        fields = ["name", "kind", "siret", "territory", "website", "description"]
        labels = {"name": _("Nom de l’organisation"), "kind": _("Type d’organisation")}
        help_texts = {
            "name": _("200 caractères au plus, par exemple « Mairie de Brest »."),
            "description": _("Facultatif. Ses missions, ses équipes, en 5 000 caractères au plus."),
        }
        widgets = {"description": forms.Textarea(attrs={"rows": 6})}
        error_messages = {
            "name": {"required": _("Indiquez le nom de l’organisation.")},
            "kind": {
                "required": _("Choisissez le type de l’organisation dans la liste."),
                "invalid_choice": _("Choisissez le type de l’organisation dans la liste."),
            },
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = [("", _("Sélectionnez un type")), *OrganisationKind.choices]

    def clean_siret(self):
        siret = _SIRET_SEPARATORS.sub("", self.cleaned_data["siret"])
        if siret:
            validate_siret(siret)
        return siret


class OrganisationFilterForm(DsfrForm):
    """The list's filters, read from the query string: an invalid value is simply ignored."""

    q = forms.CharField(label=_("Nom de l’organisation"), required=False, max_length=200)
    kind = forms.ChoiceField(
        label=_("Type d’organisation"),
        required=False,
        choices=[("", _("Tous les types")), *OrganisationKind.choices],
    )

    def filters(self) -> dict:
        """The valid filters only (an invalid field keeps its error for display)."""
        self.is_valid()
        return {
            "text": self.cleaned_data.get("q", ""),
            "kind": self.cleaned_data.get("kind", ""),
        }


_ROLE_HELP = _(
    "Membre : voit la liste des membres. Éditeur : publie aussi au nom de l’organisation. "
    "Administrateur : gère aussi l’organisation et ses membres."
)


class InvitationForm(DsfrForm):
    email = forms.EmailField(
        label=_("Adresse électronique de la personne à inviter"),
        max_length=254,
        help_text=_("Par exemple prenom.nom@exemple.gouv.fr"),
    )
    role = forms.ChoiceField(
        label=_("Rôle"), choices=Role.choices, initial=Role.MEMBER, help_text=_ROLE_HELP
    )


class RoleForm(DsfrForm):
    role = forms.ChoiceField(label=_("Rôle"), choices=Role.choices)

    def __init__(self, *args, membership, **kwargs):
        kwargs.setdefault("auto_id", f"id_membership_{membership.pk}_%s")
        kwargs.setdefault("initial", {"role": membership.role})
        super().__init__(*args, **kwargs)
        # The bound field (built by DsfrBaseForm's __init__) holds the label it renders.
        self["role"].label = _("Rôle de %(name)s") % {"name": membership.user.display_name}

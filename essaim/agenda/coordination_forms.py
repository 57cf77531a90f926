"""Forms of the coordinators' pages: the programme, publish, refuse with a message,
aggregated agendas."""

import re

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from essaim.accounts.org_queries import search_organisations
from essaim.agenda import coordination_services, permissions
from essaim.agenda.models import Programme
from essaim.agenda.organiser_forms import https_formfield
from essaim.catalogue.models import Theme
from essaim.core.forms import DsfrForm
from essaim.core.models import Department, Level, Region, normalize_code
from essaim.core.text import fold

_DEPARTMENT_CODE = re.compile(r"^(\d{2,3}|2[AB])$", re.IGNORECASE)
_CODE_IN_BRACKETS = re.compile(r"\((\d{2,3}|2[AB])\)$", re.IGNORECASE)
_DEPARTMENT_SEPARATORS = re.compile(r"[\n,;]+")

PROGRAMME_SECTIONS = [
    (_("1. Le programme"), ["name", "summary", "description", "website"]),
    (_("2. Dates"), ["starts_on", "ends_on"]),
    (_("3. Coordination"), ["coordinator"]),
    (_("4. Territoires couverts"), ["regions", "departments"]),
    (_("5. Thèmes"), ["themes"]),
    (_("6. Appel à événements"), ["call_opens_on", "call_closes_on"]),
    (_("7. Publication"), ["is_published"]),
]


def _date_widget():
    return forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def department_label(department) -> str:
    """How a département is written in the form, and read back: « Loire-Atlantique (44) »."""
    return f"{department.name} ({department.code})"


class ProgrammeForm(DsfrForm, forms.ModelForm):
    """A programme (an edition): what it is, its dates, coordinator, territories, themes and
    call for events. The rules between dates are `coordination_services.programme_errors`."""

    regions = forms.ModelMultipleChoiceField(
        label=_("Régions"),
        queryset=Region.objects.order_by("name"),
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_("Cochez les régions couvertes en entier. Rien coché ni saisi : national."),
    )
    departments = forms.CharField(
        label=_("Départements"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "Facultatif. Un par ligne ou séparés par des virgules : son numéro ou son nom, par "
            "exemple « 44 » ou « Loire-Atlantique »."
        ),
    )

    class Meta:
        model = Programme
        formfield_callback = https_formfield
        fields = [
            "name",
            "summary",
            "description",
            "website",
            "starts_on",
            "ends_on",
            "coordinator",
            "themes",
            "call_opens_on",
            "call_closes_on",
            "is_published",
        ]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 6}),
            "starts_on": _date_widget(),
            "ends_on": _date_widget(),
            "call_opens_on": _date_widget(),
            "call_closes_on": _date_widget(),
            "themes": forms.CheckboxSelectMultiple,
        }
        labels = {"is_published": _("Publier la page du programme")}
        help_texts = {
            "name": _("Par exemple « Mois de l’innovation publique 2021 »."),
            "starts_on": _("Format attendu : JJ/MM/AAAA."),
            "ends_on": _("Format attendu : JJ/MM/AAAA. Le même jour pour un programme d’un jour."),
            "call_opens_on": _(
                "Facultatif, JJ/MM/AAAA. Du jour d’ouverture au jour de clôture compris, les "
                "membres d’une organisation proposent leurs événements."
            ),
            "call_closes_on": _(
                "Facultatif, JJ/MM/AAAA. Au plus tard le dernier jour du programme."
            ),
            "is_published": _(
                "Décoché, le programme reste invisible du public et ne reçoit aucune "
                "proposition : vous pouvez le préparer tranquillement."
            ),
            "themes": _(
                "Facultatif. Avec des thèmes, seuls les événements des agendas agrégés qui en "
                "partagent un sont repris."
            ),
        }

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        programme = self.instance
        choices = permissions.programme_coordinator_choices(user)
        if programme.coordinator_id:  # a coordinator may keep it, even if not an editor there
            choices = choices | type(programme.coordinator).objects.filter(
                pk=programme.coordinator_id
            )
        self.fields["coordinator"].queryset = choices.distinct().order_by("name")
        self.fields["coordinator"].empty_label = None
        self.fields["themes"].queryset = Theme.objects.order_by("name")
        for name in ("name", "starts_on", "ends_on", "coordinator"):
            self.fields[name].error_messages["required"] = _(
                "Ce champ est obligatoire : remplissez-le."
            )
        if programme.pk:
            territories = list(programme.territories.order_by("level", "code"))
            self.initial["regions"] = [t for t in territories if t.level == Level.REGION]
            self.initial["departments"] = "\n".join(
                department_label(t) for t in territories if t.level == Level.DEPARTMENT
            )
        else:
            self.initial.setdefault("is_published", False)

    def sections(self):
        return [(legend, [self[name] for name in names]) for legend, names in PROGRAMME_SECTIONS]

    def clean_departments(self) -> list:
        found, unknown = [], []
        for item in _DEPARTMENT_SEPARATORS.split(self.cleaned_data.get("departments", "")):
            item = " ".join(item.split())
            if not item:
                continue
            department = _find_department(item)
            if department is None:
                unknown.append(item)
            elif department not in found:
                found.append(department)
        if unknown:
            raise ValidationError(
                _(
                    "Aucun département ne correspond à %(items)s : écrivez son numéro (« 44 ») "
                    "ou son nom exact (« Loire-Atlantique »), ou retirez la ligne."
                )
                % {"items": ", ".join(f"« {item} »" for item in unknown)}
            )
        return found

    def clean(self):
        data = super().clean()
        candidate = Programme(
            pk=self.instance.pk,
            starts_on=data.get("starts_on"),
            ends_on=data.get("ends_on"),
            call_opens_on=data.get("call_opens_on"),
            call_closes_on=data.get("call_closes_on"),
        )
        for field, message in coordination_services.programme_errors(candidate).items():
            self.add_error(field, message)
        return data

    def territories(self) -> list:
        return [*self.cleaned_data.get("regions", []), *self.cleaned_data.get("departments", [])]


def _find_department(text: str):
    code = _CODE_IN_BRACKETS.search(text)
    if code or _DEPARTMENT_CODE.match(text):
        value = code.group(1) if code else text
        return Department.objects.filter(code=normalize_code(value)).first()
    return Department.objects.filter(search_name=fold(text)).first()


class PublishForm(DsfrForm):
    note = forms.CharField(
        label=_("Message à l’organisateur (facultatif)"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Ajouté au courriel qui lui annonce la publication."),
    )


class RefuseForm(DsfrForm):
    reason = forms.CharField(
        label=_("Message à l’organisateur"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_(
            "Obligatoire : dites pourquoi et ce qu’il faudrait changer. Il le reçoit par courriel."
        ),
        error_messages={
            "required": _("Expliquez à l’organisateur pourquoi l’événement est refusé.")
        },
    )


class AddOrganisationForm(DsfrForm):
    organisation = forms.CharField(
        label=_("Organisation dont agréger l’agenda"),
        max_length=200,
        help_text=_("Son nom, par exemple « Lab Occitanie » ou « Ville de Nantes »."),
    )

    def clean_organisation(self):
        text = self.cleaned_data["organisation"]
        found = list(search_organisations(text=text)[:6])
        exact = [o for o in found if o.name.casefold() == text.strip().casefold()]
        if len(exact) == 1 or len(found) == 1:
            return exact[0] if exact else found[0]
        if not found:
            raise ValidationError(
                _("Aucune organisation ne s’appelle « %(text)s » : vérifiez son nom."),
                params={"text": text},
            )
        raise ValidationError(
            _(
                "Plusieurs organisations correspondent : recopiez le nom exact, par exemple "
                "%(names)s."
            ),
            params={"names": ", ".join(f"« {o.name} »" for o in found[:5])},
        )

"""Forms of the editing pages: the initiative, its results, dated stages, links and images."""

import html
import re

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.forms import inlineformset_factory
from django.utils import timezone
from django.utils.html import linebreaks
from django.utils.translation import gettext_lazy as _

from essaim.accounts.models import Organisation, OrganisationKind
from essaim.accounts.org_forms import TerritoryField
from essaim.accounts.permissions import organisations_editable_by
from essaim.catalogue.editing_services import is_operator
from essaim.catalogue.images import clean_image
from essaim.catalogue.models import (
    Beneficiary,
    Indicator,
    Initiative,
    InitiativeLink,
    Stage,
    StageChange,
    Theme,
)
from essaim.catalogue.sanitize import sanitize_html
from essaim.core.forms import DsfrForm

RICH_TEXT_HELP = _(
    "Facultatif. Écrivez en paragraphes séparés par une ligne vide. Si vous connaissez le HTML, "
    "le gras (strong), l’italique (em), les listes (ul, ol, li), les intertitres (h3, h4) et "
    "les liens (a href) sont conservés ; tout autre code est retiré à l’enregistrement."
)
RICH_TEXT_MAX = 20000
_SLUG_IN_URL = re.compile(r"/initiatives/(?P<slug>[-a-zA-Z0-9_]+)/?")


def _https_urls(model_field, **kwargs):
    """Model fields to form fields, URLs assumed https:// when typed without a scheme."""
    if isinstance(model_field, models.URLField):
        kwargs["assume_scheme"] = "https"
    return model_field.formfield(**kwargs)


_TAG = re.compile(r"<[a-zA-Z/!]")
_ONLY_PARAGRAPHS = re.compile(r"^(?:\s|</?p>|<br\s*/?>|[^<])*$")


def editable_text(value: str) -> str:
    """HTML made only of paragraphs shown back as plain text (blank line between paragraphs)."""
    if not value or not _ONLY_PARAGRAPHS.match(value):
        return value or ""
    text = re.sub(r"</p>\s*<p>", "\n\n", value.strip())
    text = re.sub(r"<br\s*/?>", "\n", text)
    return html.unescape(text.removeprefix("<p>").removesuffix("</p>")).strip()


def rich_text(value: str) -> str:
    """Plain text becomes paragraphs; HTML is reduced to the allowed tags."""
    value = (value or "").strip()
    if value and not _TAG.search(value):
        value = linebreaks(value)
    return sanitize_html(value)


SECTIONS = [
    (_("L’essentiel"), ["title", "pitch", "themes", "beneficiaries"]),
    (_("Le problème, la solution"), ["problem", "solution", "lessons"]),
    (_("Qui la porte"), ["carriers", "labs"]),
    (_("Où"), ["territory", "is_national", "government_level", "origin_reference"]),
    (_("Quand, avec quels moyens"), ["started_on", "budget_eur", "funding", "stopped_reason"]),
    (_("Contact et liens"), ["website", "video_url", "contact_email"]),
    (_("Type d’innovation"), ["facet"]),
    (_("Vérification des doublons"), ["confirm_not_duplicate"]),
]


class InitiativeForm(DsfrForm, forms.ModelForm):
    beneficiaries = forms.MultipleChoiceField(
        label=_("Qui en bénéficie ?"),
        choices=Beneficiary.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    themes = forms.ModelMultipleChoiceField(
        label=_("Thèmes"),
        queryset=Theme.objects.all(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    territory = TerritoryField(
        label=_("Territoire"),
        required=False,
        help_text=_(
            "Une région, un département ou une commune : son nom ou son code INSEE, par exemple "
            "« Hauts-de-France », « Nord » ou « Lille (59) ». Laissez vide si l’initiative est "
            "nationale."
        ),
    )
    origin_reference = forms.CharField(
        label=_("Initiative reprise (essaimage)"),
        required=False,
        max_length=300,
        help_text=_(
            "Facultatif. Si votre initiative reprend une initiative née ailleurs, collez "
            "l’adresse de sa page, par exemple https://…/initiatives/covidom-telesuivi/."
        ),
    )
    confirm_not_duplicate = forms.BooleanField(
        label=_("J’ai vérifié : mon initiative n’est aucune de celles-ci"),
        required=False,
    )

    class Meta:
        model = Initiative
        formfield_callback = _https_urls
        fields = [
            "title",
            "pitch",
            "problem",
            "solution",
            "lessons",
            "beneficiaries",
            "themes",
            "carriers",
            "labs",
            "territory",
            "is_national",
            "started_on",
            "facet",
            "government_level",
            "budget_eur",
            "funding",
            "website",
            "video_url",
            "contact_email",
            "stopped_reason",
        ]
        labels = {
            "title": _("Titre"),
            "pitch": _("L’initiative en une phrase"),
            "carriers": _("Organisations porteuses"),
            "labs": _("Laboratoires d’innovation qui l’accompagnent"),
            "is_national": _("Initiative de portée nationale"),
            "stopped_reason": _("Si l’initiative est arrêtée : pourquoi ?"),
        }
        help_texts = {
            "title": _("200 caractères au plus, par exemple « Un formulaire MDPH en ligne »."),
            "problem": RICH_TEXT_HELP,
            "solution": RICH_TEXT_HELP,
            "lessons": RICH_TEXT_HELP,
            "carriers": _("Au moins une organisation dont vous êtes éditeur ou administrateur."),
            "labs": _("Facultatif. Maintenez Ctrl (ou Cmd) pour en choisir plusieurs."),
            "started_on": _("Facultatif. Au format jj/mm/aaaa, par exemple 02/11/2020."),
            "budget_eur": _("Facultatif. En euros, sans espace, par exemple 150000."),
            "funding": _(
                "Facultatif. Par exemple « Fonds pour la transformation de l’action publique »."
            ),
        }
        widgets = {
            "problem": forms.Textarea(attrs={"rows": 6}),
            "solution": forms.Textarea(attrs={"rows": 6}),
            "lessons": forms.Textarea(attrs={"rows": 4}),
            "funding": forms.Textarea(attrs={"rows": 2}),
            "stopped_reason": forms.Textarea(attrs={"rows": 2}),
            "started_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        }

    def __init__(self, *args, user, show_duplicate_check=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.is_operator = is_operator(user)
        carriers = Organisation.objects.order_by("name")
        if not self.is_operator:  # operators may choose any organisation
            allowed = Q(pk__in=organisations_editable_by(user).values("pk"))
            if self.instance.pk:  # keep the carriers this editor may not add but must not lose
                allowed |= Q(pk__in=self.instance.carriers.values("pk"))
            carriers = carriers.filter(allowed)
        self.fields["carriers"].queryset = carriers
        self.fields["carriers"].required = False
        self.fields["labs"].queryset = Organisation.objects.filter(kind=OrganisationKind.LAB)
        self.fields["labs"].required = False
        for name in ("problem", "solution", "lessons"):
            self.fields[name].max_length = RICH_TEXT_MAX
            if self.instance.pk and not self.is_bound:
                self.initial[name] = editable_text(getattr(self.instance, name))
        if self.instance.pk and self.instance.origin_id:
            self.initial.setdefault("origin_reference", self.instance.origin.slug)
        if not show_duplicate_check:
            del self.fields["confirm_not_duplicate"]

    def sections(self) -> list[tuple[str, list]]:
        """The fields grouped under legends, for the page's fieldsets."""
        return [
            (legend, [self[name] for name in names if name in self.fields])
            for legend, names in SECTIONS
        ]

    def clean_problem(self):
        return rich_text(self.cleaned_data["problem"])

    def clean_solution(self):
        return rich_text(self.cleaned_data["solution"])

    def clean_lessons(self):
        return rich_text(self.cleaned_data["lessons"])

    def clean_origin_reference(self):
        reference = self.cleaned_data["origin_reference"].strip()
        if not reference:
            return None
        match = _SLUG_IN_URL.search(reference)
        slug = match.group("slug") if match else reference.strip("/")
        origin = Initiative.objects.public().filter(slug=slug).first()
        if origin is None:
            raise ValidationError(
                _(
                    "Aucune initiative publiée ne se trouve à cette adresse. Ouvrez sa page dans "
                    "le catalogue et copiez l’adresse affichée par votre navigateur."
                )
            )
        if self.instance.pk and origin.pk == self.instance.pk:
            raise ValidationError(_("Une initiative ne peut pas reprendre elle-même."))
        return origin

    def clean(self):
        data = super().clean()
        carriers, labs = data.get("carriers"), data.get("labs")
        if "carriers" in data and "labs" in data and not self.is_operator:
            mine = set(organisations_editable_by(self.user).values_list("pk", flat=True))
            chosen = {o.pk for o in [*(carriers or []), *(labs or [])]}
            if not mine & chosen:
                self.add_error(
                    "carriers",
                    _(
                        "Choisissez au moins une organisation porteuse (ou un laboratoire) dont "
                        "vous êtes éditeur : sinon vous ne pourriez plus modifier l’initiative."
                    ),
                )
        if data.get("is_national") and data.get("territory"):
            self.add_error(
                "territory",
                _(
                    "Une initiative nationale n’a pas de territoire : videz ce champ ou décochez "
                    "« portée nationale »."
                ),
            )
        return data


def check_stopped_reason(form, stage_formset) -> None:
    """A stop ("arrêtée") as latest step needs its reason: add the error to `form` otherwise."""
    steps = [
        f.cleaned_data
        for f in stage_formset.forms
        if f.cleaned_data and not f.cleaned_data.get("DELETE") and f.cleaned_data.get("date")
    ]
    if not steps:
        return
    latest = max(steps, key=lambda step: step["date"])
    if latest["stage"] == Stage.STOPPED and not form.cleaned_data.get("stopped_reason", "").strip():
        form.add_error(
            "stopped_reason",
            _(
                "L’initiative est arrêtée : dites en quelques mots pourquoi, pour que d’autres "
                "en tirent les leçons."
            ),
        )


class IndicatorForm(DsfrForm, forms.ModelForm):
    class Meta:
        model = Indicator
        fields = ["label", "value", "unit", "measured_on", "source"]
        labels = {"label": _("Indicateur"), "measured_on": _("Date de la mesure")}
        help_texts = {
            "label": _("Par exemple « Clients inclus dans le test »."),
            "value": _("Un nombre, par exemple 140000 ou 12,5."),
            "unit": _("Facultatif. Par exemple « personnes », « % », « jours »."),
        }
        widgets = {"measured_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")}


class StageChangeForm(DsfrForm, forms.ModelForm):
    class Meta:
        model = StageChange
        fields = ["stage", "date", "note"]
        labels = {"stage": _("Étape atteinte"), "date": _("Depuis le")}
        widgets = {
            "date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "note": forms.TextInput(),
        }

    def clean_date(self):
        date = self.cleaned_data["date"]
        if date and date > timezone.localdate():
            raise ValidationError(
                _("La date d’une étape ne peut pas être dans le futur : indiquez une date passée.")
            )
        return date


class LinkForm(DsfrForm, forms.ModelForm):
    class Meta:
        model = InitiativeLink
        formfield_callback = _https_urls
        fields = ["label", "url"]
        labels = {"label": _("Intitulé du lien"), "url": _("Adresse (https://…)")}


def _formset(model, form, *, extra, min_num=0):
    return inlineformset_factory(
        Initiative,
        model,
        form=form,
        extra=extra,
        min_num=min_num,
        validate_min=bool(min_num),
        can_delete=True,
        max_num=30,
        validate_max=True,
    )


IndicatorFormSet = _formset(Indicator, IndicatorForm, extra=2)
StageChangeFormSet = _formset(StageChange, StageChangeForm, extra=1, min_num=1)
LinkFormSet = _formset(InitiativeLink, LinkForm, extra=1)


class ImageForm(DsfrForm):
    image = forms.FileField(
        label=_("Image"),
        help_text=_(
            "JPEG, PNG, WebP ou GIF, 10 Mo au plus. Elle sera réduite à 1 600 pixels de côté "
            "et ses métadonnées (lieu, appareil) seront effacées."
        ),
        widget=forms.ClearableFileInput(
            attrs={"accept": "image/jpeg,image/png,image/webp,image/gif"}
        ),
    )
    alt_text = forms.CharField(
        label=_("Texte alternatif"),
        max_length=250,
        help_text=_(
            "Obligatoire. Décrivez ce que montre l’image pour qui ne la voit pas, par exemple "
            "« Un sapeur-pompier saisit un bilan sur une tablette »."
        ),
    )
    caption = forms.CharField(label=_("Légende"), max_length=300, required=False)

    def clean_image(self):
        return clean_image(self.cleaned_data["image"])


class RejectForm(DsfrForm):
    note = forms.CharField(
        label=_("Ce qu’il faut changer avant publication"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

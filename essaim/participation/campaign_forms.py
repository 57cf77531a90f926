"""Forms of the organisers' set-up pages: a campaign (question, organisers, audience, limits),
its themes and dated phases, and the jury's scoring criteria.

Every rule an organiser can break is checked here, with a French message that says how to fix
it; the pages keep what was typed when a rule is broken.
"""

import re

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Max, Q
from django.forms import BaseInlineFormSet, inlineformset_factory
from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _

from essaim.accounts.models import Organisation
from essaim.accounts.permissions import organisations_editable_by
from essaim.core.forms import DsfrForm
from essaim.participation.enums import Audience, PhaseKind
from essaim.participation.models import Campaign, CampaignTheme, Criterion, Phase, Space

_DOMAIN = re.compile(r"^(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$")
DATETIME_WIDGET = {"type": "datetime-local"}
DATETIME_FORMAT = "%Y-%m-%dT%H:%M"
MAX_SCORE_LIMIT = 100


class CampaignForm(DsfrForm, forms.ModelForm):
    """The campaign itself. `user` only chooses among the organisations they edit for; the
    co-organisers they do not edit for are kept (`kept_organisations`), never lost."""

    class Meta:
        model = Campaign
        fields = [
            "title",
            "question",
            "context",
            "organisations",
            "space",
            "audience",
            "audience_organisations",
            "audience_email_domains",
            "supports_per_person",
            "edit_window_minutes",
            "auto_hide_reports",
            "is_published",
        ]
        labels = {
            "title": _("Titre de la consultation"),
            "question": _("Question posée aux participants"),
            "context": _("Contexte"),
            "organisations": _("Organisations qui l’organisent"),
            "space": _("Espace partagé"),
            "audience": _("Qui peut participer ?"),
            "audience_organisations": _("Organisations dont les agents participent"),
            "audience_email_domains": _("Domaines de messagerie admis"),
            "supports_per_person": _("Nombre de soutiens par personne"),
            "edit_window_minutes": _("Délai de modification d’une proposition (en minutes)"),
            "auto_hide_reports": _("Signalements avant masquage automatique"),
            "is_published": _("Publier la consultation"),
        }
        help_texts = {
            "title": _("200 caractères au plus, par exemple « Simplificathon du Nord »."),
            "question": _(
                "Une question ouverte, par exemple « Quelles lourdeurs supprimer pour faciliter "
                "notre travail au quotidien ? »."
            ),
            "context": _("Facultatif. Pourquoi cette consultation, ce qui sera fait des idées."),
            "organisations": _(
                "Au moins une organisation dont vous êtes éditeur ou administrateur. Leurs "
                "éditeurs et administrateurs modèrent la consultation. Maintenez Ctrl (ou Cmd) "
                "pour en choisir plusieurs."
            ),
            "space": _("Facultatif. Un espace qui regroupe les consultations de partenaires."),
            "audience_organisations": _(
                "Seulement pour une consultation réservée aux agents. Maintenez Ctrl (ou Cmd) "
                "pour en choisir plusieurs."
            ),
            "audience_email_domains": _(
                "Seulement pour une consultation réservée aux agents. Séparés par des virgules, "
                "par exemple « lenord.fr, dinum.gouv.fr »."
            ),
            "supports_per_person": _(
                "Facultatif. Laissez vide pour ne pas limiter le nombre de soutiens."
            ),
            "edit_window_minutes": _(
                "Temps pendant lequel l’auteur peut encore modifier sa proposition publiée, "
                "par exemple 60."
            ),
            "auto_hide_reports": _(
                "Un contenu signalé par autant de personnes est masqué en attendant la "
                "modération, par exemple 3."
            ),
            "is_published": _(
                "Décochez pour préparer la consultation sans la montrer : seuls ses "
                "organisateurs la voient alors ici."
            ),
        }
        widgets = {
            "question": forms.Textarea(attrs={"rows": 2}),
            "context": forms.Textarea(attrs={"rows": 5}),
            "audience": forms.RadioSelect,
        }

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        editable = organisations_editable_by(user).order_by("name")
        self.kept_organisations = []
        if self.instance.pk:
            self.kept_organisations = list(
                self.instance.organisations.exclude(pk__in=editable.values("pk"))
            )
        self.fields["organisations"].queryset = editable
        mine = list(editable.values_list("pk", flat=True)[:2])
        if not self.instance.pk and len(mine) == 1 and not self.initial.get("organisations"):
            self.initial["organisations"] = mine  # the only one they may choose
        self.fields["audience_organisations"].queryset = Organisation.objects.order_by("name")
        spaces = Space.objects.filter(partners__in=editable.values("pk"))
        if self.instance.space_id:
            spaces = Space.objects.filter(
                Q(pk__in=spaces.values("pk")) | Q(pk=self.instance.space_id)
            )
        self.fields["space"].queryset = spaces.distinct().order_by("name")
        self.fields["space"].empty_label = _("Aucun espace")
        for name in ("supports_per_person", "auto_hide_reports"):
            self.fields[name].widget.attrs["min"] = 1
        self.fields["organisations"].error_messages["required"] = _(
            "Choisissez au moins une organisation dont vous êtes éditeur ou administrateur."
        )
        self.fields["title"].error_messages["required"] = _(
            "Donnez un titre à la consultation, par exemple « Simplificathon du Nord »."
        )
        self.fields["question"].error_messages["required"] = _(
            "Écrivez la question posée aux participants."
        )
        if not self.instance.pk:  # prepared out of sight, published when ready
            self.initial["is_published"] = False

    def _at_least_one(self, name):
        value = self.cleaned_data.get(name)
        if value is not None and value < 1:
            raise ValidationError(_("Indiquez un nombre à partir de 1."))
        return value

    def clean_supports_per_person(self):
        return self._at_least_one("supports_per_person")

    def clean_auto_hide_reports(self):
        return self._at_least_one("auto_hide_reports")

    def clean_audience_email_domains(self):
        text = self.cleaned_data.get("audience_email_domains", "")
        domains = [d.strip().lstrip("@").lower() for d in text.split(",") if d.strip()]
        for domain in domains:
            if not _DOMAIN.match(domain):
                raise ValidationError(
                    _(
                        "« %(domain)s » n’est pas un domaine de messagerie : écrivez seulement "
                        "ce qui suit le @, par exemple « lenord.fr », et séparez les domaines "
                        "par des virgules."
                    )
                    % {"domain": domain}
                )
        return ", ".join(dict.fromkeys(domains))

    def clean(self):
        data = super().clean()
        checked = "audience_organisations" in data and "audience_email_domains" in data
        designated = data.get("audience_organisations") or data.get("audience_email_domains")
        if data.get("audience") == Audience.AGENTS and checked and not designated:
            self.add_error(
                "audience_organisations",
                _(
                    "Une consultation réservée aux agents doit désigner leurs organisations "
                    "ou leurs domaines de messagerie : choisissez au moins une organisation "
                    "ou écrivez un domaine, par exemple « lenord.fr »."
                ),
            )
        return data

    def organisers(self) -> list:
        """The organisations the saved campaign must have: chosen plus kept."""
        return [*self.cleaned_data["organisations"], *self.kept_organisations]


class ThemeForm(DsfrForm, forms.ModelForm):
    class Meta:
        model = CampaignTheme
        fields = ("name",)  # a tuple: inline formsets append their key to a list
        labels = {"name": _("Nom du thème")}
        help_texts = {"name": _("Par exemple « E-administration » (120 caractères au plus).")}


class ThemeFormSet(BaseInlineFormSet):
    def clean(self):
        seen = set()
        for form in self.forms:
            data = getattr(form, "cleaned_data", None) or {}
            name = (data.get("name") or "").strip()
            if data.get("DELETE"):
                if form.instance.pk and form.instance.proposals.exists():
                    # A form marked for deletion is not validated: the error is the formset's.
                    raise ValidationError(
                        _(
                            "Des propositions portent le thème « %(name)s » : renommez-le "
                            "plutôt que de le supprimer (décochez « Supprimer »)."
                        )
                        % {"name": form.instance.name}
                    )
                continue
            if name and name.casefold() in seen:
                form.add_error(
                    "name",
                    _("Le thème « %(name)s » figure deux fois : gardez un seul de ces noms.")
                    % {"name": name},
                )
            seen.add(name.casefold())
        super().clean()


class PhaseForm(DsfrForm, forms.ModelForm):
    class Meta:
        model = Phase
        fields = ("kind", "starts_at", "ends_at")
        labels = {"kind": _("Phase"), "starts_at": _("Début"), "ends_at": _("Fin")}
        help_texts = {
            "starts_at": _("La phase s’ouvre à ce moment, par exemple le 01/03/2027 à 09:00."),
            "ends_at": _("La phase se ferme à ce moment, qui doit suivre le début."),
        }
        widgets = {
            "starts_at": forms.DateTimeInput(attrs=DATETIME_WIDGET, format=DATETIME_FORMAT),
            "ends_at": forms.DateTimeInput(attrs=DATETIME_WIDGET, format=DATETIME_FORMAT),
        }
        error_messages = {
            "starts_at": {
                "required": _("Indiquez le début de la phase, par exemple 01/03/2027 à 09:00."),
                "invalid": _("Écrivez une date et une heure, par exemple 01/03/2027 à 09:00."),
            },
            "ends_at": {
                "required": _("Indiquez la fin de la phase, par exemple 31/03/2027 à 18:00."),
                "invalid": _("Écrivez une date et une heure, par exemple 31/03/2027 à 18:00."),
            },
        }

    def clean(self):
        data = super().clean()
        starts_at, ends_at = data.get("starts_at"), data.get("ends_at")
        if starts_at and ends_at and ends_at <= starts_at:
            self.add_error(
                "ends_at",
                _(
                    "La fin de la phase doit venir après son début (%(start)s) : choisissez "
                    "une date de fin plus tardive, ou avancez le début."
                )
                % {
                    "start": formats.date_format(
                        timezone.localtime(starts_at), "SHORT_DATETIME_FORMAT"
                    )
                },
            )
        return data


class PhaseFormSet(BaseInlineFormSet):
    def clean(self):
        seen = set()
        duplicates = []
        for form in self.forms:
            data = getattr(form, "cleaned_data", None) or {}
            kind = data.get("kind")
            if not kind or data.get("DELETE"):
                continue
            if kind in seen and kind not in duplicates:
                duplicates.append(kind)
            seen.add(kind)
        if duplicates:
            raise ValidationError(
                [
                    _(
                        "La phase « %(phase)s » figure deux fois : gardez une seule ligne par "
                        "phase (supprimez l’autre ou choisissez une autre phase)."
                    )
                    % {"phase": PhaseKind(kind).label}
                    for kind in duplicates
                ]
            )
        super().clean()


class CriterionForm(DsfrForm, forms.ModelForm):
    class Meta:
        model = Criterion
        fields = ("name", "description", "max_score")
        labels = {
            "name": _("Critère"),
            "description": _("Ce que le jury regarde"),
            "max_score": _("Note maximale"),
        }
        help_texts = {
            "name": _("Par exemple « Impact pour les usagers »."),
            "description": _("Facultatif. 300 caractères au plus."),
            "max_score": _("Le jury note de 0 à ce nombre, par exemple 5 ou 10 (100 au plus)."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["max_score"].widget.attrs.update({"min": 1, "max": MAX_SCORE_LIMIT})
        self.fields["name"].error_messages["required"] = _(
            "Nommez le critère, par exemple « Faisabilité »."
        )

    def clean_max_score(self):
        value = self.cleaned_data["max_score"]
        if value is None:
            return value
        if not 1 <= value <= MAX_SCORE_LIMIT:
            raise ValidationError(
                _("Choisissez une note maximale entre 1 et %(max)s.") % {"max": MAX_SCORE_LIMIT}
            )
        if self.instance.pk:
            top = self.instance.scores.aggregate(top=Max("value"))["top"]
            if top is not None and value < top:
                raise ValidationError(
                    _(
                        "Le jury a déjà donné la note %(top)s sur ce critère : choisissez une "
                        "note maximale d’au moins %(top)s."
                    )
                    % {"top": top}
                )
        return value


class CriterionFormSet(BaseInlineFormSet):
    def clean(self):
        used = [
            form.instance.name
            for form in self.forms
            if (getattr(form, "cleaned_data", None) or {}).get("DELETE")
            and form.instance.pk
            and form.instance.scores.exists()
        ]
        if used:
            # A form marked for deletion is not validated: the error is the formset's.
            raise ValidationError(
                [
                    _(
                        "Le jury a déjà noté selon « %(name)s » : ce critère ne peut plus être "
                        "supprimé (décochez « Supprimer »). Renommez-le ou décrivez-le autrement."
                    )
                    % {"name": name}
                    for name in used
                ]
            )
        super().clean()


def _formset(model, form, formset, *, extra, max_num):
    return inlineformset_factory(
        Campaign,
        model,
        form=form,
        formset=formset,
        extra=extra,
        can_delete=True,
        max_num=max_num,
        validate_max=True,
    )


def theme_formset(data=None, *, campaign):
    return _formset(CampaignTheme, ThemeForm, ThemeFormSet, extra=3, max_num=30)(
        data, instance=campaign, prefix="themes"
    )


def phase_formset(data=None, *, campaign):
    """The campaign's phases, then one row per kind it does not have yet (kind already chosen,
    dates empty: a row left without dates is ignored)."""
    existing = set(campaign.phases.values_list("kind", flat=True)) if campaign.pk else set()
    missing = [kind for kind in PhaseKind.values if kind not in existing]
    factory = _formset(Phase, PhaseForm, PhaseFormSet, extra=len(missing), max_num=len(PhaseKind))
    return factory(
        data, instance=campaign, prefix="phases", initial=[{"kind": kind} for kind in missing]
    )


def criterion_formset(data=None, *, campaign):
    return _formset(Criterion, CriterionForm, CriterionFormSet, extra=2, max_num=20)(
        data, instance=campaign, prefix="criteres"
    )

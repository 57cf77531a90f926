"""Forms of the coordinators' pages: publish, refuse with a message, aggregated agendas."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from essaim.accounts.org_queries import search_organisations
from essaim.core.forms import DsfrForm


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

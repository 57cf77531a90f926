"""The forms an organiser (or a coordinator) fills to change an event's public status or to
withdraw it from the agenda."""

from django import forms
from django.utils.translation import gettext_lazy as _

from essaim.agenda.enums import STATUS_TRANSITIONS, PublicStatus
from essaim.core.forms import DsfrForm


class StatusForm(DsfrForm):
    """Only the statuses the event may move to are offered (an annulled event stays so)."""

    status = forms.ChoiceField(
        label=_("Nouveau statut"),
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Choisissez le nouveau statut de l’événement."),
            "invalid_choice": _("Ce statut n’est pas possible depuis le statut actuel."),
        },
    )
    note = forms.CharField(
        label=_("Précision pour les inscrits (facultatif)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_(
            "Par exemple la nouvelle date d’un événement reporté, ou la raison d’une annulation. "
            "Elle figure dans le courriel et sur la page de l’événement."
        ),
    )

    def __init__(self, *args, event, **kwargs):
        super().__init__(*args, **kwargs)
        targets = STATUS_TRANSITIONS.get(PublicStatus(event.status), set())
        self.fields["status"].choices = [
            (value, label) for value, label in PublicStatus.choices if value in targets
        ]


class WithdrawForm(DsfrForm):
    """Confirms « Retirer de l’agenda »; the reason reaches the registrants."""

    reason = forms.CharField(
        label=_("Raison du retrait, pour les inscrits"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={
            "required": _("Expliquez aux inscrits pourquoi l’événement quitte l’agenda."),
        },
        help_text=_("Elle figure dans le courriel envoyé à chaque personne inscrite."),
    )

"""The form that saves a catalogue search as an e-mail alert."""

from django import forms
from django.utils.translation import gettext_lazy as _

from essaim.catalogue.alerts_models import AlertFrequency
from essaim.core.forms import DsfrForm


class AlertForm(DsfrForm):
    email = forms.EmailField(
        label=_("Votre adresse électronique"),
        max_length=254,
        help_text=_("Par exemple prenom.nom@exemple.fr. Nous vous écrirons pour la confirmer."),
    )
    frequency = forms.ChoiceField(
        label=_("Fréquence"),
        choices=AlertFrequency.choices,
        initial=AlertFrequency.WEEKLY,
        widget=forms.RadioSelect,
    )
    query = forms.CharField(widget=forms.HiddenInput, required=False, max_length=2000)

"""Public forms of the agenda: registering to an event, cancelling a registration."""

from django import forms
from django.utils.translation import gettext_lazy as _

from essaim.core.forms import DsfrForm


class RegistrationForm(DsfrForm):
    """Registration without an account (name and address), or with one (no field to fill)."""

    name = forms.CharField(
        label=_("Prénom et nom"),
        max_length=150,
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    email = forms.EmailField(
        label=_("Adresse électronique"),
        help_text=_("Format attendu : prenom.nom@exemple.fr. Vous y recevrez la confirmation."),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
        error_messages={
            "invalid": _(
                "Indiquez une adresse électronique valide, par exemple prenom.nom@exemple.fr."
            )
        },
    )
    organisation_name = forms.CharField(
        label=_("Organisation (facultatif)"), max_length=200, required=False
    )

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        if user is not None and user.is_authenticated:
            # The account supplies name and address.
            del self.fields["name"]
            del self.fields["email"]

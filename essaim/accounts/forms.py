from django import forms
from django.contrib.auth import forms as auth_forms
from django.utils.translation import gettext_lazy as _
from dsfr.forms import DsfrBaseForm


class LoginForm(DsfrBaseForm, auth_forms.AuthenticationForm):
    username = forms.EmailField(label=_("Adresse électronique"), max_length=254)

from django import forms
from django.contrib.auth import forms as auth_forms
from django.contrib.auth import password_validation
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils.functional import lazy
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import gettext_lazy as _

from essaim.accounts.models import User
from essaim.accounts.services import normalise_email
from essaim.core.emails import absolute_url, enqueue_templated_email
from essaim.core.forms import DsfrForm

EMAIL_MAX_LENGTH = 254
NAME_MAX_LENGTH = 150
PASSWORD_MAX_LENGTH = 256
DELETE_PHRASE = _("supprimer mon compte")


class EmailField(forms.EmailField):
    """An e-mail address, stored lower-case; still within the length limit once lower-cased."""

    def __init__(self, **kwargs):
        kwargs.setdefault("label", _("Adresse électronique"))
        kwargs.setdefault("max_length", EMAIL_MAX_LENGTH)
        kwargs.setdefault("help_text", _("Format attendu : nom@domaine.fr"))
        super().__init__(**kwargs)
        self.widget.attrs.setdefault("autocomplete", "email")

    def clean(self, value):
        value = super().clean(value)
        if value:
            value = normalise_email(value)
            if len(value) > EMAIL_MAX_LENGTH:
                raise ValidationError(
                    _("Cette adresse est trop longue : %(max)s caractères au plus."),
                    code="max_length",
                    params={"max": EMAIL_MAX_LENGTH},
                )
        return value


def password_field(label, *, autocomplete="current-password", help_text=""):
    return forms.CharField(
        label=label,
        strip=False,
        max_length=PASSWORD_MAX_LENGTH,
        help_text=help_text,
        widget=forms.PasswordInput(attrs={"autocomplete": autocomplete}),
    )


def name_field(label):
    return forms.CharField(
        label=label,
        max_length=NAME_MAX_LENGTH,
        widget=forms.TextInput(attrs={"autocomplete": "given-name"}),
    )


class UnconfirmedEmail(ValidationError):
    pass


class LoginForm(DsfrForm, auth_forms.AuthenticationForm):
    username = EmailField(help_text="")
    password = password_field(_("Mot de passe"))

    error_messages = {
        "invalid_login": _(
            "Adresse électronique ou mot de passe incorrect. Vérifiez votre saisie "
            "(les majuscules comptent dans le mot de passe) ou choisissez « Mot de passe "
            "oublié »."
        ),
        "inactive": _("Ce compte est désactivé."),
        "unconfirmed": _(
            "Vous devez d’abord confirmer votre adresse électronique : cliquez sur le lien "
            "du courriel que nous vous avons envoyé à l’inscription."
        ),
    }

    def confirm_login_allowed(self, user):
        super().confirm_login_allowed(user)
        if not user.email_confirmed:
            raise ValidationError(self.error_messages["unconfirmed"], code="unconfirmed")

    @property
    def is_unconfirmed(self) -> bool:
        return self.has_error(forms.forms.NON_FIELD_ERRORS, "unconfirmed")


def _privacy_link_label():
    return format_html(
        '{} <a href="{}" target="_blank" rel="noopener" title="{}">{}</a>',
        _("J’accepte les conditions d’utilisation et la"),
        reverse("core:privacy"),
        _("politique de données personnelles — nouvelle fenêtre"),
        _("politique de données personnelles"),
    )


class SignupForm(DsfrForm):
    email = EmailField()
    first_name = name_field(_("Prénom"))
    last_name = name_field(_("Nom"))
    password1 = password_field(
        _("Mot de passe"),
        autocomplete="new-password",
        help_text=_(
            "Au moins 12 caractères, ni trop courant, ni entièrement numérique, "
            "ni trop proche de vos nom et adresse."
        ),
    )
    password2 = password_field(_("Confirmation du mot de passe"), autocomplete="new-password")
    accept_terms = forms.BooleanField(
        label=lazy(_privacy_link_label, SafeString)(),
        error_messages={
            "required": _("Cochez cette case pour accepter les conditions et créer votre compte.")
        },
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["last_name"].widget.attrs["autocomplete"] = "family-name"

    def clean(self):
        cleaned = super().clean()
        password1, password2 = cleaned.get("password1"), cleaned.get("password2")
        if password1 and password2 and password1 != password2:
            self.add_error(
                "password2", _("Les deux mots de passe diffèrent : saisissez le même deux fois.")
            )
        elif password1:
            candidate = User(
                email=cleaned.get("email") or "",
                first_name=cleaned.get("first_name") or "",
                last_name=cleaned.get("last_name") or "",
            )
            try:
                password_validation.validate_password(password1, candidate)
            except ValidationError as error:
                self.add_error("password1", error)
        return cleaned

    def add_email_taken_error(self):
        self.add_error(
            "email",
            format_html(
                '{} <a href="{}">{}</a> {} <a href="{}">{}</a>.',
                _("Un compte existe déjà avec cette adresse. Si c’est le vôtre,"),
                reverse("accounts:login"),
                _("connectez-vous"),
                _("ou"),
                reverse("accounts:password_reset"),
                _("réinitialisez votre mot de passe"),
            ),
        )


class ResendConfirmationForm(DsfrForm):
    email = EmailField()


class ProfileForm(DsfrForm):
    first_name = name_field(_("Prénom"))
    last_name = name_field(_("Nom"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["last_name"].widget.attrs["autocomplete"] = "family-name"


class DeleteAccountForm(DsfrForm):
    """Confirm with the password, or with a typed phrase for people who have none (OIDC)."""

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        if user.has_usable_password():
            self.fields["password"] = password_field(_("Votre mot de passe"))
        else:
            self.fields["phrase"] = forms.CharField(
                label=_("Tapez « %(phrase)s » pour confirmer") % {"phrase": DELETE_PHRASE},
                max_length=100,
            )

    def clean_password(self):
        password = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise ValidationError(
                _(
                    "Mot de passe incorrect : saisissez celui que vous utilisez pour "
                    "vous connecter."
                ),
                code="password_incorrect",
            )
        return password

    def clean_phrase(self):
        phrase = self.cleaned_data["phrase"]
        if " ".join(phrase.lower().split()) != str(DELETE_PHRASE):
            raise ValidationError(
                _("Recopiez exactement la phrase « %(phrase)s »."),
                code="phrase_mismatch",
                params={"phrase": DELETE_PHRASE},
            )
        return phrase


class PasswordResetForm(DsfrForm, auth_forms.PasswordResetForm):
    email = EmailField()

    def send_mail(
        self,
        subject_template_name,
        email_template_name,
        context,
        from_email,
        to_email,
        html_email_template_name=None,
    ):
        """Send the link from a background task, with an absolute link built on SITE_URL."""
        url = reverse(
            "accounts:password_reset_confirm",
            kwargs={"uidb64": context["uid"], "token": context["token"]},
        )
        enqueue_templated_email(
            to=to_email,
            template_prefix="accounts/emails/password_reset",
            context={"first_name": context["user"].first_name, "reset_url": absolute_url(url)},
        )


class SetPasswordForm(DsfrForm, auth_forms.SetPasswordForm):
    new_password1 = password_field(
        _("Nouveau mot de passe"),
        autocomplete="new-password",
        help_text=SignupForm.base_fields["password1"].help_text,
    )
    new_password2 = password_field(
        _("Confirmation du nouveau mot de passe"), autocomplete="new-password"
    )


class PasswordChangeForm(SetPasswordForm, auth_forms.PasswordChangeForm):
    old_password = password_field(_("Mot de passe actuel"))
    field_order = ["old_password", "new_password1", "new_password2"]

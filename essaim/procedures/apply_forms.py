"""Forms of the applicant's pages that are not the procedure's own form."""

from django import forms
from django.utils.translation import gettext_lazy as _

from essaim.core.forms import DsfrForm


class GuestStartForm(DsfrForm):
    """Start without an account: the resume link goes to this address."""

    email = forms.EmailField(
        label=_("Votre adresse électronique"),
        max_length=254,
        help_text=_(
            "Nous y envoyons un lien personnel pour reprendre votre dossier, puis l’accusé de "
            "réception. Format attendu : nom@domaine.fr"
        ),
        error_messages={
            "required": _("Saisissez votre adresse électronique pour recevoir le lien de reprise."),
            "invalid": _("Saisissez une adresse électronique valide, par exemple nom@domaine.fr."),
        },
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files; their checks (type by content, size, number) belong to the service."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput())
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        return [f for f in (data if isinstance(data, list | tuple) else [data]) if f]


class MessageFormMixin(forms.Form):
    """A message's text and up to `messaging.MAX_FILES` documents (checked by the service)."""

    body = forms.CharField(
        max_length=10000,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": _("Écrivez votre message avant de l’envoyer.")},
    )
    files = MultipleFileField(
        label=_("Joindre des documents (facultatif)"),
        required=False,
        help_text=_("Jusqu’à 3 fichiers de 10 Mo : PDF, JPEG, PNG, HEIC, ODT ou DOCX."),
    )


class ApplicantMessageForm(MessageFormMixin, DsfrForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        label = _("Votre message au service instructeur")
        self.fields["body"].label = self["body"].label = label  # the field is bound already

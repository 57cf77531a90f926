"""Forms of the organisers' selection pages: jurors, subjects, workshops, minutes, follow-up."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from essaim.accounts.models import User
from essaim.agenda.enums import Mode
from essaim.agenda.organiser_forms import EventPlaceForm
from essaim.catalogue.models import Initiative
from essaim.core.forms import DsfrForm


class JurorForm(DsfrForm):
    email = forms.EmailField(
        label=_("Adresse électronique du juré ou de la jurée"),
        help_text=_("La personne doit avoir un compte sur la plateforme."),
    )

    def clean_email(self):
        email = self.cleaned_data["email"].strip()
        user = User.objects.filter(email__iexact=email, is_active=True).first()
        if user is None:
            raise ValidationError(
                _(
                    "Aucun compte actif n’utilise « %(email)s » : vérifiez l’adresse ou "
                    "demandez à la personne de créer son compte."
                )
                % {"email": email}
            )
        return user


class SubjectForm(DsfrForm):
    title = forms.CharField(label=_("Titre du sujet"), max_length=200)
    description = forms.CharField(
        label=_("Description"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    proposals = forms.ModelMultipleChoiceField(
        label=_("Propositions retenues à l’origine du sujet"),
        queryset=None,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Seules les propositions retenues (réponse « retenue ») sont proposées."),
    )

    def __init__(self, *args, proposals, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["proposals"].queryset = proposals


class WorkshopForm(EventPlaceForm):
    """A workshop is an Agenda event: where it takes place (en ligne, sur place, hybride, with
    its commune or its link) uses the Agenda's fields and rule."""

    title = forms.CharField(label=_("Titre de l’atelier"), max_length=200)
    starts_at = forms.DateTimeField(
        label=_("Début"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        help_text=_("Par exemple 12/01/2027 à 14:00."),
    )
    ends_at = forms.DateTimeField(
        label=_("Fin"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
    )
    capacity = forms.IntegerField(
        label=_("Nombre de places"),
        min_value=1,
        required=False,
        help_text=_("Laissez vide pour ne pas limiter ; au-delà, liste d’attente."),
    )

    field_order = [
        "title",
        "starts_at",
        "ends_at",
        "mode",
        "commune",
        "venue",
        "address",
        "online_url",
        "capacity",
    ]

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("initial", {"mode": Mode.ONSITE})
        super().__init__(*args, **kwargs)

    def clean(self):
        data = super().clean()
        if data.get("starts_at") and data.get("ends_at") and data["ends_at"] <= data["starts_at"]:
            self.add_error("ends_at", _("L’atelier doit finir après son début : corrigez la fin."))
        return data


class MinutesForm(DsfrForm):
    minutes = forms.CharField(
        label=_("Compte rendu de l’atelier"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("Public : il apparaît sur la page du sujet."),
    )


class InitiativeForm(DsfrForm):
    initiative = forms.CharField(
        label=_("Initiative du catalogue issue de ce sujet"),
        max_length=300,
        help_text=_(
            "Son adresse sur la plateforme ou son adresse courte, par exemple "
            "« /initiatives/dites-le-nous-une-fois/ »."
        ),
    )

    def clean_initiative(self):
        text = self.cleaned_data["initiative"].strip().rstrip("/")
        slug = text.rsplit("/", 1)[-1]
        found = Initiative.objects.filter(slug=slug).first()
        if found is None:
            raise ValidationError(
                _(
                    "Aucune initiative n’a l’adresse « %(slug)s » : copiez son adresse depuis "
                    "le catalogue."
                )
                % {"slug": slug}
            )
        return found

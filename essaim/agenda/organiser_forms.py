"""Forms of the organisers' pages: the event (in guided sections), its sessions, imports,
messages to registrants and attendance."""

import datetime
from zoneinfo import ZoneInfo

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from essaim.accounts.models import Organisation
from essaim.accounts.org_forms import TerritoryField
from essaim.agenda import permissions, services
from essaim.agenda.enums import (
    ACCESSIBILITY_FLAGS,
    Audience,
    EventFormat,
    Mode,
    ModerationState,
    RegistrationMode,
    RegistrationStatus,
)
from essaim.agenda.imports.rows import split_speakers
from essaim.agenda.models import Event, Programme
from essaim.catalogue.images import clean_image
from essaim.catalogue.models import Theme
from essaim.core.forms import DsfrForm
from essaim.core.models import Level

PARIS = ZoneInfo("Europe/Paris")
MAX_IMPORT_BYTES = 2 * 1024 * 1024

SECTIONS = [
    (_("1. L’essentiel"), ["programme", "organiser", "title", "summary", "description", "format"]),
    (
        _("3. Où"),
        [
            "mode",
            "commune",
            "venue",
            "address",
            "latitude",
            "longitude",
            "online_url",
            "online_url_registrants_only",
        ],
    ),
    (_("4. Pour qui"), ["audiences", "themes", "language", "accessibility"]),
    (
        _("5. Inscription"),
        [
            "registration_mode",
            "registration_url",
            "capacity",
            "registration_closes_at",
            "requires_account",
        ],
    ),
    (
        _("6. Intervenants et contact"),
        ["partners", "speakers", "contact_email", "replay_url"],
    ),
    (_("7. Image"), ["image", "image_alt"]),
]


def https_formfield(model_field, **kwargs):
    """`formfield_callback` of model forms: web addresses typed without a scheme are https."""
    if isinstance(model_field, models.URLField):
        kwargs["assume_scheme"] = "https"
    return model_field.formfield(**kwargs)


class EventPlaceForm(DsfrForm, forms.ModelForm):
    """Where an event takes place — mode, commune, venue, address, connection link — with the
    Agenda's rule (`services.check_place`). The organisers' `EventForm` extends it; other apps
    that schedule Agenda events (a consultation's workshops) extend it too, so the fields and
    the rule stay the Agenda's."""

    commune = TerritoryField(
        label=_("Commune"),
        required=False,
        help_text=_(
            "Pour un événement sur place ou hybride : son nom ou son code INSEE, par exemple "
            "« Nantes » ou « 44109 »."
        ),
    )

    class Meta:
        model = Event
        formfield_callback = https_formfield
        fields = ["mode", "venue", "address", "online_url"]
        widgets = {"mode": forms.RadioSelect}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["mode"].choices = Mode.choices  # radios: no empty "---------" choice

    def clean_commune(self):
        commune = self.cleaned_data.get("commune")
        if commune is not None and commune.level != Level.COMMUNE:
            raise ValidationError(
                _("« %(name)s » n’est pas une commune : indiquez la commune du lieu.")
                % {"name": commune.name}
            )
        return commune

    def clean(self):
        data = super().clean()
        try:
            services.check_place(
                mode=data.get("mode"),
                commune=data.get("commune"),
                online_url=data.get("online_url", ""),
            )
        except ValidationError as error:
            for field, messages in error.message_dict.items():
                if field not in self.errors:  # an invalid value already says what to fix
                    self.add_error(field, messages)
        return data


class EventForm(EventPlaceForm):
    programme = forms.ModelChoiceField(
        label=_("Programme"),
        queryset=Programme.objects.none(),
        required=False,
        empty_label=_("Aucun : l’agenda de mon organisation"),
        help_text=_("Les programmes dont l’appel à événements est ouvert aujourd’hui."),
    )
    audiences = forms.MultipleChoiceField(
        label=_("Publics"),
        choices=Audience.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    themes = forms.ModelMultipleChoiceField(
        label=_("Thèmes"),
        queryset=Theme.objects.all(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    accessibility = forms.MultipleChoiceField(
        label=_("Accessibilité"),
        choices=[(field, label) for field, (_key, label) in ACCESSIBILITY_FLAGS.items()],
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_("Cochez ce que l’événement permet vraiment : le public filtre là-dessus."),
    )
    image = forms.FileField(
        label=_("Image"),
        required=False,
        help_text=_(
            "Facultatif. JPEG, PNG, WebP ou GIF, 10\u00a0Mo au plus. Si le formulaire signale "
            "une erreur, choisissez l’image à nouveau."
        ),
    )
    partners = forms.CharField(
        label=_("Organisations partenaires"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "Facultatif. Une par ligne, avec son nom tel qu’il figure sur Essaim, par exemple "
            "« DITP »."
        ),
    )
    speakers = forms.CharField(
        label=_("Intervenants"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Un par ligne : « Prénom Nom, fonction et organisation »."),
    )

    # Degrees as a map shows them (« 47,21812 »), rounded to the 5 decimals kept (about 1 m).
    latitude = forms.DecimalField(
        label=_("Latitude"),
        required=False,
        localize=True,
        min_value=-90,
        max_value=90,
        help_text=_(
            "Facultatif : pour placer le lieu sur les cartes et agendas, par exemple 47,21812."
        ),
    )
    longitude = forms.DecimalField(
        label=_("Longitude"),
        required=False,
        localize=True,
        min_value=-180,
        max_value=180,
        help_text=_("Facultatif, avec la latitude : par exemple -1,55361."),
    )

    class Meta:
        model = Event
        formfield_callback = https_formfield
        fields = [
            "programme",
            "organiser",
            "title",
            "summary",
            "description",
            "format",
            "mode",
            "venue",
            "address",
            "latitude",
            "longitude",
            "online_url",
            "online_url_registrants_only",
            "language",
            "registration_mode",
            "registration_url",
            "capacity",
            "registration_closes_at",
            "requires_account",
            "contact_email",
            "replay_url",
            "image_alt",
        ]
        widgets = {
            "mode": forms.RadioSelect,
            "registration_mode": forms.RadioSelect,
            "description": forms.Textarea(attrs={"rows": 8}),
            "registration_closes_at": forms.DateTimeInput(
                attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"
            ),
        }
        help_texts = {
            "registration_closes_at": _(
                "Facultatif, heure de Paris. Sans date, on s’inscrit jusqu’au début de l’événement."
            ),
        }

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        event = self.instance
        self.fields["organiser"].queryset = permissions.organisations_for_events(user)
        self.fields["organiser"].empty_label = None
        open_programmes = Programme.objects.published().open_for_submissions()
        if event.programme_id:
            open_programmes = Programme.objects.filter(pk=event.programme_id) | open_programmes
        self.fields["programme"].queryset = open_programmes.distinct()
        self.fields["format"].choices = EventFormat.choices
        if event.pk and event.moderation_state != ModerationState.DRAFT:
            self.fields["programme"].disabled = True
            self.fields["programme"].help_text = _(
                "Pour changer de programme, remettez d’abord l’événement en brouillon."
            )
        if event.pk:
            self.initial["commune"] = event.commune
            self.initial["audiences"] = event.audiences
            self.initial["themes"] = list(event.themes.all())
            self.initial["accessibility"] = [f for f in ACCESSIBILITY_FLAGS if getattr(event, f)]
            self.initial["partners"] = "\n".join(p.name for p in event.partners.all())
            self.initial["speakers"] = "\n".join(
                f"{s.name}, {s.role}" if s.role else s.name for s in event.speakers.all()
            )
            if event.organiser_id and not permissions.can_organise_for(user, event.organiser):
                # A coordinator edits an event but cannot give it to another organisation.
                self.fields["organiser"].queryset = self.fields[
                    "organiser"
                ].queryset.model.objects.filter(pk=event.organiser_id)

    def sections(self):
        return [(legend, [self[name] for name in names]) for legend, names in SECTIONS]

    def clean_image(self):
        upload = self.cleaned_data.get("image")
        return clean_image(upload) if upload else None

    def clean_partners(self) -> list:
        names = [n.strip() for n in self.cleaned_data.get("partners", "").splitlines()]
        partners, unknown = [], []
        for name in dict.fromkeys(n for n in names if n):
            found = Organisation.objects.filter(name__iexact=name).order_by("pk").first()
            if found is None:
                unknown.append(name)
            elif found not in partners:
                partners.append(found)
        if unknown:
            raise ValidationError(
                _(
                    "Aucune organisation d’Essaim ne s’appelle %(names)s : vérifiez "
                    "l’orthographe, ou retirez la ligne."
                )
                % {"names": ", ".join(f"« {n} »" for n in unknown)}
            )
        return partners

    def clean_speakers(self):
        return split_speakers(self.cleaned_data.get("speakers", ""))

    def clean(self):
        data = super().clean()
        if "commune" not in self.errors:
            try:
                services.check_programme_territory(
                    data.get("programme"), mode=data.get("mode"), commune=data.get("commune")
                )
            except ValidationError as error:
                self.add_error(None, error)
        coordinates = [data.get("latitude"), data.get("longitude")]
        if coordinates.count(None) == 1:
            self.add_error(
                "longitude" if coordinates[1] is None else "latitude",
                _("Indiquez la latitude et la longitude ensemble, ou laissez les deux vides."),
            )
        for name, value in zip(("latitude", "longitude"), coordinates, strict=True):
            if value is not None and name in data:
                data[name] = round(value, 5)
        if data.get("registration_mode") == RegistrationMode.EXTERNAL and not data.get(
            "registration_url"
        ):
            self.add_error(
                "registration_url",
                _("Donnez l’adresse du site où l’on s’inscrit, ou choisissez un autre mode."),
            )
        has_image = data.get("image") is not None or bool(self.instance.image)
        if has_image and not data.get("image_alt"):
            self.add_error(
                "image_alt",
                _("Décrivez l’image en une phrase pour les personnes qui ne la voient pas."),
            )
        if (
            data.get("online_url_registrants_only")
            and not data.get("online_url")
            and "online_url" not in self.errors
        ):
            self.add_error(
                "online_url",
                _("Donnez le lien de connexion, ou décochez « lien réservé aux inscrits »."),
            )
        return data

    def save(self, commit=False):
        event = super().save(commit=False)
        event.commune = self.cleaned_data.get("commune")
        event.audiences = list(self.cleaned_data.get("audiences") or [])
        chosen = set(self.cleaned_data.get("accessibility") or [])
        for field in ACCESSIBILITY_FLAGS:
            setattr(event, field, field in chosen)
        image = self.cleaned_data.get("image")
        if image is not None:
            upload = image.as_file("image")
            event.image.save(upload.name, upload, save=False)
        return event


class SessionForm(DsfrForm):
    day = forms.DateField(
        label=_("Jour"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text=_("Format attendu : JJ/MM/AAAA."),
    )
    starts = forms.TimeField(
        label=_("Début"),
        widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
        help_text=_("Heure de Paris, HH:MM."),
    )
    ends = forms.TimeField(
        label=_("Fin"),
        widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
        help_text=_("HH:MM ; le jour suivant si elle est avant le début."),
    )
    title = forms.CharField(
        label=_("Intitulé de la séance"),
        required=False,
        max_length=200,
        help_text=_("Facultatif, pour une série : « Séance 2 : les données »."),
    )

    def clean(self):
        data = super().clean()
        day, starts, ends = data.get("day"), data.get("starts"), data.get("ends")
        if day and starts and ends:
            start = datetime.datetime.combine(day, starts, tzinfo=PARIS)
            end = datetime.datetime.combine(day, ends, tzinfo=PARIS)
            if end <= start:  # e.g. an evening until 01:00
                end = datetime.datetime.combine(
                    day + datetime.timedelta(days=1), ends, tzinfo=PARIS
                )
            data["session"] = (start, end, data.get("title", ""))
        return data


class BaseSessionFormSet(forms.BaseFormSet):
    def __init__(self, *args, programme=None, **kwargs):
        self.programme = programme
        super().__init__(*args, **kwargs)

    def sessions(self) -> list[tuple]:
        return sorted(
            (
                form.cleaned_data["session"]
                for form in self.forms
                if form.cleaned_data.get("session") and not form.cleaned_data.get("DELETE")
            ),
            key=lambda s: s[0],
        )

    def clean(self):
        if any(self.errors):
            return
        sessions = self.sessions()
        if not sessions:
            raise ValidationError(
                _("Indiquez au moins une séance : son jour, son heure de début et de fin.")
            )
        services.check_programme_dates(self.programme, sessions)


SessionFormSet = forms.formset_factory(
    SessionForm, formset=BaseSessionFormSet, extra=1, max_num=60, validate_max=True, can_delete=True
)


def session_initial(event) -> list[dict]:
    return [
        {
            "day": session.starts_at.astimezone(PARIS).date(),
            "starts": session.starts_at.astimezone(PARIS).time(),
            "ends": session.ends_at.astimezone(PARIS).time(),
            "title": session.title,
        }
        for session in event.sessions.all()
    ]


class ImportForm(DsfrForm):
    file = forms.FileField(
        label=_("Fichier"),
        help_text=_("CSV (UTF-8, « ; » ou « , ») ou export JSON d’OpenAgenda, 2 Mo au plus."),
    )
    organiser = forms.ModelChoiceField(label=_("Organisation"), queryset=None, empty_label=None)
    programme = forms.ModelChoiceField(
        label=_("Programme"),
        queryset=None,
        required=False,
        empty_label=_("Aucun : l’agenda de mon organisation"),
    )
    default_format = forms.ChoiceField(
        label=_("Format par défaut"),
        choices=[("", _("— Aucun —")), *EventFormat.choices],
        required=False,
        help_text=_(
            "Pour un export OpenAgenda : le format des événements dont aucun mot-clé n’en nomme un."
        ),
    )
    submit = forms.BooleanField(
        label=_("Soumettre aussitôt les événements aux coordinateurs du programme"),
        required=False,
        help_text=_("Sinon, ils restent en brouillon : vous les relirez avant de les soumettre."),
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organiser"].queryset = permissions.organisations_for_events(user)
        self.fields["programme"].queryset = Programme.objects.published().open_for_submissions()

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_IMPORT_BYTES:
            raise ValidationError(
                _("Le fichier dépasse 2 Mo : découpez-le en plusieurs fichiers plus petits.")
            )
        name = upload.name.lower()
        if not name.endswith((".csv", ".json", ".txt")):
            raise ValidationError(
                _(
                    "Déposez un fichier .csv (tableur enregistré en CSV) ou .json (export "
                    "OpenAgenda)."
                )
            )
        return upload

    def clean(self):
        data = super().clean()
        if data.get("submit") and not data.get("programme"):
            self.add_error("submit", _("Choisissez le programme auquel soumettre les événements."))
        return data


class MessageForm(DsfrForm):
    subject = forms.CharField(label=_("Objet"), max_length=200)
    body = forms.CharField(
        label=_("Message"),
        max_length=10000,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_("Texte brut. Chaque inscrit le reçoit seul : les adresses restent privées."),
    )
    statuses = forms.MultipleChoiceField(
        label=_("Destinataires"),
        choices=[
            (RegistrationStatus.CONFIRMED, _("Les inscrits confirmés")),
            (RegistrationStatus.WAITLISTED, _("Les personnes sur liste d’attente")),
        ],
        initial=[RegistrationStatus.CONFIRMED],
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Cochez au moins un groupe de destinataires.")},
    )

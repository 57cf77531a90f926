"""Forms of the instruction pages: the table's filters, a state change, a message."""

from django import forms
from django.utils.translation import gettext_lazy as _

from essaim.core.forms import DsfrForm
from essaim.procedures.apply_forms import MessageFormMixin
from essaim.procedures.enums import DossierState
from essaim.procedures.instruction_services import correction_deadline


class FiltersForm(DsfrForm):
    """GET form; its field names are the query-string names read by `DossierFilters`."""

    q = forms.CharField(
        label=_("Rechercher"),
        required=False,
        max_length=200,
        help_text=_("Numéro de dossier, nom ou adresse du demandeur."),
    )
    etat = forms.ChoiceField(label=_("État"), required=False)
    groupe = forms.ChoiceField(label=_("Groupe instructeur"), required=False)
    retard = forms.BooleanField(label=_("Seulement les dossiers en retard"), required=False)
    tri = forms.ChoiceField(
        label=_("Trier par"),
        required=False,
        choices=[
            ("recents", _("Dépôt le plus récent")),
            ("anciens", _("Dépôt le plus ancien")),
            ("numero", _("Numéro")),
            ("maj", _("Dernière modification")),
        ],
    )

    def __init__(self, *args, counts, groups, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["etat"].choices = [("", _("Tous les états"))] + [
            (value, f"{label} ({counts.get(value, 0)})")
            for value, label in DossierState.choices
            if value != DossierState.DRAFT
        ]
        group_choices = [(str(g.pk), g.name) for g in groups]
        if len(group_choices) > 1:
            self.fields["groupe"].choices = [("", _("Tous mes groupes")), *group_choices]
        else:
            del self.fields["groupe"]
        self.fields["retard"].widget.attrs["value"] = "1"


class TransitionForm(DsfrForm):
    reason = forms.CharField(
        label=_("Message au demandeur"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    deadline = forms.DateField(
        label=_("À corriger avant le"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )

    def __init__(self, *args, transition=None, **kwargs):
        super().__init__(*args, **kwargs)
        if transition is not None:
            if transition.reason_required:
                label = (
                    _("Ce que le demandeur doit corriger")
                    if transition.name == "request_correction"
                    else _("Motif, envoyé au demandeur")
                )
                # DsfrBaseForm binds the fields in __init__: relabel the bound field too.
                self.fields["reason"].label = self["reason"].label = label
            if transition.name != "request_correction":
                del self.fields["deadline"]

    def deadline_at(self):
        """The deadline as the end of that day, Paris time (None when not given)."""
        return correction_deadline(self.cleaned_data.get("deadline"))


class MessageForm(MessageFormMixin, DsfrForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        label = _("Votre message au demandeur")
        self.fields["body"].label = self["body"].label = label  # the field is bound already


class OpinionRequestForm(DsfrForm):
    expert_email = forms.EmailField(
        label=_("Adresse électronique de l’expert"),
        help_text=_(
            "Un lien personnel, valable 30 jours, lui permet de lire le dossier et de répondre."
        ),
        error_messages={
            "required": _("Saisissez l’adresse de l’expert, par exemple nom@domaine.fr."),
            "invalid": _("Saisissez une adresse électronique valide, par exemple nom@domaine.fr."),
        },
    )
    question = forms.CharField(
        label=_("Votre question"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Écrivez la question posée à l’expert.")},
    )


class OpinionAnswerForm(DsfrForm):
    answer = forms.CharField(
        label=_("Votre avis"),
        max_length=10000,
        widget=forms.Textarea(attrs={"rows": 8}),
        error_messages={"required": _("Écrivez votre avis avant de l’envoyer.")},
    )

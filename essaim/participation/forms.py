"""Forms of the consultations (DSFR rendering through essaim.core.forms.DsfrForm)."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from essaim.core.forms import DsfrForm
from essaim.core.models import Commune
from essaim.participation import uploads
from essaim.participation.enums import AnswerKind, DigestFrequency
from essaim.participation.models import Proposal

# The box ticked after « Votre idée existe peut-être déjà »: publish anyway.
CONFIRM_FIELD = "similar_checked"


class ProposalForm(DsfrForm, forms.ModelForm):
    commune_name = forms.CharField(
        label=_("Commune concernée"),
        required=False,
        max_length=120,
        help_text=_("Facultatif. Son nom ou son code INSEE, par exemple « Lille » ou « 59350 »."),
    )

    class Meta:
        model = Proposal
        fields = ["title", "body", "theme", "attachment", "anonymous"]
        labels = {
            "title": _("Titre de votre proposition"),
            "body": _("Décrivez votre proposition"),
            "anonymous": _("Publier ma proposition sans afficher mon nom"),
        }
        help_texts = {
            "title": _(
                "Une phrase courte qui dit ce qu’il faudrait faire (150 caractères au plus)."
            ),
            "body": _(
                "Le problème constaté, ce que vous proposez, et qui en profiterait "
                "(5 000 caractères au plus)."
            ),
            "theme": _("Choisissez le thème le plus proche."),
            "attachment": _("Facultatif. PDF, image, ODT ou DOCX, 5 Mo au plus."),
            "anonymous": _(
                "Les organisateurs connaissent l’auteur ; le public voit « Participant ou "
                "participante anonyme »."
            ),
        }

    def __init__(self, *args, campaign, guest=False, **kwargs):
        """`guest`: a visitor without an account (`guests`), who publishes without a name and
        without an attachment; their e-mail address is asked by `GuestEmailForm`."""
        super().__init__(*args, **kwargs)
        if guest:
            del self.fields["attachment"]
            del self.fields["anonymous"]
        self.fields["theme"].queryset = campaign.themes.all()
        self.fields["theme"].required = campaign.themes.exists()
        self.fields["theme"].empty_label = _("Choisir un thème")
        if self.instance.commune_id:
            self.fields["commune_name"].initial = self.instance.commune.name

    def clean_attachment(self):
        upload = self.cleaned_data.get("attachment")
        if upload and hasattr(upload, "size"):
            uploads.check(upload)
        return upload

    def clean_commune_name(self):
        text = self.cleaned_data.get("commune_name", "").strip()
        if not text:
            return None
        found = Commune.objects.search(text).first()
        if found is None:
            raise ValidationError(
                _(
                    "Nous ne trouvons pas la commune « %(text)s » : vérifiez son orthographe ou "
                    "saisissez son code INSEE."
                )
                % {"text": text}
            )
        return found

    def proposal_data(self) -> dict:
        keys = ("title", "body", "theme", "anonymous")
        data = {key: self.cleaned_data[key] for key in keys if key in self.fields}
        data["commune"] = self.cleaned_data.get("commune_name")
        if self.cleaned_data.get("attachment") is not None:
            data["attachment"] = self.cleaned_data["attachment"]
        return data


class GuestEmailForm(DsfrForm):
    """The address of a visitor who proposes without an account (`guests`)."""

    email = forms.EmailField(
        label=_("Votre adresse électronique"),
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
        help_text=_(
            "Nous y envoyons le lien qui publie votre proposition ; elle n’est jamais "
            "affichée. Format attendu : prenom.nom@exemple.fr"
        ),
    )


class CommentForm(DsfrForm):
    body = forms.CharField(
        label=_("Votre commentaire"),
        max_length=3000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Restez courtois : les commentaires sont publics et modérés."),
    )
    parent = forms.IntegerField(required=False, widget=forms.HiddenInput)


class ReportForm(DsfrForm):
    reason = forms.CharField(
        label=_("Motif du signalement"),
        max_length=300,
        help_text=_("Par exemple : propos injurieux, données personnelles, publicité."),
    )
    comment = forms.IntegerField(required=False, widget=forms.HiddenInput)


class AnswerForm(DsfrForm):
    kind = forms.ChoiceField(label=_("Réponse"), choices=AnswerKind.choices)
    text = forms.CharField(
        label=_("Motif, rendu public"),
        max_length=3000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )


class BulkAnswerForm(AnswerForm):
    """One answer for the proposals ticked on the bulk answer page. The page draws its own
    checkboxes (one page of the list, never the whole campaign); this field checks that each
    ticked proposal can still be answered."""

    proposals = forms.ModelMultipleChoiceField(
        label=_("Propositions"),
        queryset=Proposal.objects.none(),
        error_messages={
            "required": _("Cochez au moins une proposition."),
            "invalid_choice": _(
                "Une des propositions cochées ne peut plus recevoir de réponse (fusionnée, "
                "retirée ou masquée entre-temps) : rechargez la page et recommencez."
            ),
            "invalid_pk_value": _("Cochez les propositions dans la liste."),
        },
    )

    def __init__(self, *args, proposals, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["proposals"].queryset = proposals


class MergeForm(DsfrForm):
    sources = forms.ModelMultipleChoiceField(
        label=_("Propositions à fusionner"),
        queryset=Proposal.objects.none(),
        widget=forms.CheckboxSelectMultiple,
    )
    into = forms.ModelChoiceField(
        label=_("Fusionner dans"),
        queryset=Proposal.objects.none(),
        required=False,
        empty_label=_("Une nouvelle proposition (titre et description ci-dessous)"),
    )
    title = forms.CharField(
        label=_("Titre de la nouvelle proposition"), required=False, max_length=150
    )
    body = forms.CharField(
        label=_("Description de la nouvelle proposition"), required=False, widget=forms.Textarea
    )
    reason = forms.CharField(label=_("Motif de la fusion"), max_length=300)

    def __init__(self, *args, proposals, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["sources"].queryset = proposals
        self.fields["into"].queryset = proposals


class FrequencyForm(DsfrForm):
    frequency = forms.ChoiceField(
        label=_("Recevoir des courriels sur ce que je suis"),
        choices=DigestFrequency.choices,
        widget=forms.RadioSelect,
        help_text=_("Ce choix vaut pour toutes vos consultations et propositions suivies."),
    )

"""Forms of Synthèses: upload a file, choose its columns, name a theme, validate."""

from django import forms
from django.utils.translation import gettext_lazy as _

from essaim.core.forms import DsfrForm
from essaim.synthesis.uploads import MAX_BYTES, UploadError, read_upload


class UploadForm(DsfrForm):
    title = forms.CharField(label=_("Titre de la synthèse"), max_length=200)
    organisation = forms.ModelChoiceField(label=_("Organisation"), queryset=None, empty_label=None)
    file = forms.FileField(
        label=_("Fichier des contributions"),
        help_text=_(
            "CSV (UTF-8 ou Windows-1252, séparateur « ; » ou « , ») ou classeur Excel .xlsx, "
            "%(size)s Mo au plus : une ligne d’en-tête, puis une ligne par contribution."
        )
        % {"size": MAX_BYTES // (1024 * 1024)},
    )

    def __init__(self, *args, organisations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations
        self.fields["file"].widget.attrs["accept"] = ".csv,.txt,.tsv,.xlsx"

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_BYTES:
            raise forms.ValidationError(
                _("Le fichier dépasse %(size)s Mo : découpez-le ou retirez les colonnes inutiles.")
                % {"size": MAX_BYTES // (1024 * 1024)}
            )
        try:
            self.table = read_upload(upload.name, upload.read())
        except UploadError as error:
            raise forms.ValidationError(str(error)) from error
        return upload


class ColumnsForm(DsfrForm):
    text = forms.ChoiceField(
        label=_("Colonne du texte des contributions"),
        help_text=_("La colonne dont les textes seront regroupés en thèmes."),
    )
    id = forms.ChoiceField(label=_("Colonne de l’identifiant (facultatif)"), required=False)
    question = forms.ChoiceField(label=_("Colonne de la question (facultatif)"), required=False)
    date = forms.ChoiceField(label=_("Colonne de la date (facultatif)"), required=False)
    territory = forms.ChoiceField(label=_("Colonne du territoire (facultatif)"), required=False)

    def __init__(self, *args, header: list[str], **kwargs):
        super().__init__(*args, **kwargs)
        choices = [(name, name) for name in header]
        self.fields["text"].choices = choices
        for name in ("id", "question", "date", "territory"):
            self.fields[name].choices = [("", _("— aucune —")), *choices]

    def clean(self):
        data = super().clean()
        text = data.get("text")
        for name in ("id", "question", "date", "territory"):
            if text and data.get(name) == text:
                self.add_error(
                    name, _("Cette colonne est déjà celle du texte : choisissez-en une autre.")
                )
        return data


class RenameForm(DsfrForm):
    label = forms.CharField(label=_("Nouveau nom du thème"), max_length=200)


class MethodNoteForm(DsfrForm):
    method_note = forms.CharField(
        label=_("Note de méthode"),
        min_length=20,
        help_text=_(
            "Publiée avec la synthèse : d’où viennent les contributions, comment les thèmes ont "
            "été trouvés et corrigés, par qui."
        ),
        widget=forms.Textarea(attrs={"rows": 5}),
    )

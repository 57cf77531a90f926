"""Forms of the builder's import pages (definition JSON, XLSForm, démarches-simplifiées)."""

import json

from django import forms
from django.utils.translation import gettext_lazy

from essaim.accounts.permissions import organisations_editable_by
from essaim.core.forms import DsfrForm

MAX_IMPORT_BYTES = 5 * 1024 * 1024


class ImportForm(DsfrForm):
    organisation = forms.ModelChoiceField(
        label=gettext_lazy("Organisation responsable"), queryset=None, empty_label=None
    )
    title = forms.CharField(
        label=gettext_lazy("Titre de la nouvelle démarche"),
        max_length=200,
        required=False,
        help_text=gettext_lazy("Facultatif : vide, le titre du fichier est repris."),
    )
    file = forms.FileField(
        label=gettext_lazy("Fichier"),
        error_messages={"required": gettext_lazy("Choisissez le fichier à importer.")},
    )

    def __init__(self, *args, user, accept: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations_editable_by(user)
        self.fields["file"].widget.attrs["accept"] = accept

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_IMPORT_BYTES:
            raise forms.ValidationError(
                gettext_lazy("Le fichier dépasse 5 Mo : importez un formulaire plus petit.")
            )
        return upload.read()


class JsonImportForm(ImportForm):
    def clean_file(self):
        content = super().clean_file()
        try:
            return json.loads(content.decode("utf-8-sig"))
        except (UnicodeDecodeError, ValueError) as error:
            raise forms.ValidationError(
                gettext_lazy(
                    "Ce fichier n’est pas du JSON lisible : choisissez le fichier « .json » "
                    "obtenu par « Exporter la définition »."
                )
            ) from error

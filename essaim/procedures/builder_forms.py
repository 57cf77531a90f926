"""Forms of the builder: a procedure's properties, a section, a field (with its parameters).

Conditions are typed in the French condition language (`age >= 18 et rempli(iban)`) and stored
as JSON; a mistake comes back with the parser's message, which says where and how to fix it.
"""

import re

from django import forms
from django.utils.html import escape
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from essaim.accounts.permissions import organisations_editable_by
from essaim.core.forms import DsfrForm
from essaim.procedures import builder_params, conditions
from essaim.procedures.enums import FieldType
from essaim.procedures.models import Procedure

OTHER_VALUE = "__other__"
# Shown escaped: DSFR's field templates print help texts as HTML.
RICH_TEXT_HELP = gettext_lazy(
    "Séparez les paragraphes par une ligne vide. Mise en forme acceptée\u00a0: "
    "<strong>gras</strong>, <em>italique</em>, liste <ul><li>un point</li></ul> "
    '(<ol> pour la numéroter), lien <a href="https://…">texte du lien</a> '
    "(adresses https, http ou mailto). Tout autre code est retiré."
)


class ConditionField(forms.CharField):
    """Condition text ↔ JSON. Empty text means « always »."""

    def __init__(self, **kwargs):
        kwargs.setdefault("required", False)
        kwargs.setdefault("max_length", 2000)
        kwargs.setdefault("widget", forms.TextInput(attrs={"spellcheck": "false"}))
        super().__init__(**kwargs)

    def prepare_value(self, value):
        if isinstance(value, dict):
            return conditions.to_text(value)
        return value

    def to_python(self, value):
        text = super().to_python(value)
        if isinstance(text, dict):
            return text
        if not text.strip():
            return None
        try:
            return conditions.parse(text)
        except conditions.ConditionError as error:
            raise forms.ValidationError(error.message) from error


def _lines(text: str) -> list[str]:
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


def options_to_text(field_type: str, options: list) -> str:
    """Stored options → the textarea of the builder (one option a line)."""
    lines = []
    if field_type == FieldType.LINKED_CHOICE:
        for option in options:
            children = option.get("children") or []
            if not children:
                lines.append(option["label"])
            for child in children:
                lines.append(f"{option['label']} > {child['label']}")
        return "\n".join(lines)
    for option in options:
        parts = [option["value"], option["label"]]
        if option.get("help"):
            parts.append(option["help"])
        lines.append(" | ".join(parts))
    return "\n".join(lines)


def _value(label: str) -> str:
    return slugify(re.sub(r"[’'`]", " ", label)).replace("-", "_")[:60] or "option"


def options_from_text(field_type: str, text: str) -> list:
    """The textarea → stored options; raises ValidationError with a French message."""
    if field_type == FieldType.LINKED_CHOICE:
        parents: dict[str, dict] = {}
        for line in _lines(text):
            parent, _sep, child = (part.strip() for part in line.partition(">"))
            entry = parents.setdefault(
                parent, {"value": _value(parent), "label": parent, "children": []}
            )
            if child:
                entry["children"].append({"value": _value(child), "label": child})
        return list(parents.values())
    options, seen = [], set()
    for number, line in enumerate(_lines(text), start=1):
        parts = [part.strip() for part in line.split("|")]
        if len(parts) == 1:
            value, label, help_text = _value(parts[0]), parts[0], ""
        else:
            value, label, help_text = parts[0], parts[1], "|".join(parts[2:]).strip()
        if not value or not label:
            raise forms.ValidationError(
                _("Ligne %(n)s : écrivez « libellé » ou « valeur | libellé | aide ».")
                % {"n": number}
            )
        if value in seen or value == OTHER_VALUE:
            raise forms.ValidationError(
                _("Ligne %(n)s : la valeur « %(value)s » est déjà utilisée ; changez-la.")
                % {"n": number, "value": value}
            )
        seen.add(value)
        option = {"value": value, "label": label}
        if help_text:
            option["help"] = help_text
        options.append(option)
    return options


class ProcedureForm(DsfrForm, forms.ModelForm):
    deadline_submitted = forms.IntegerField(
        label=gettext_lazy("Délai pour prendre en charge un dossier déposé (jours)"),
        required=False,
        min_value=1,
        max_value=3650,
        help_text=gettext_lazy("Au-delà, le dossier apparaît en retard aux instructeurs."),
    )
    deadline_in_instruction = forms.IntegerField(
        label=gettext_lazy("Délai pour décider d’un dossier en instruction (jours)"),
        required=False,
        min_value=1,
        max_value=3650,
    )
    documents_text = forms.CharField(
        label=gettext_lazy("Documents à préparer avant de commencer"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=gettext_lazy(
            "Un document par ligne, avec une aide facultative après « | » : "
            "« Avis d’imposition | le plus récent »."
        ),
    )

    class Meta:
        model = Procedure
        fields = [
            "title",
            "organisation",
            "description",
            "audience",
            "opens_at",
            "closes_at",
            "estimated_minutes",
            "allow_missing_document_explanation",
            "contact_email",
            "contact_phone",
            "contact_help",
            "retention_months",
            "decision_template",
        ]
        widgets = {
            "opens_at": forms.DateTimeInput(
                attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"
            ),
            "closes_at": forms.DateTimeInput(
                attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"
            ),
            "description": forms.Textarea(attrs={"rows": 5}),
            "contact_help": forms.Textarea(attrs={"rows": 3}),
            "decision_template": forms.Textarea(attrs={"rows": 6}),
        }
        help_texts = {
            "opens_at": gettext_lazy("Facultatif. Vide : dès la publication."),
            "closes_at": gettext_lazy("Facultatif. Vide : sans date de fin."),
            "retention_months": gettext_lazy(
                "Après ce délai, les dossiers et leurs pièces sont supprimés."
            ),
            "decision_template": gettext_lazy(
                "Texte de la lettre de décision ; {{ numero }}, {{ etat }}, {{ motif }} et les "
                "identifiants des champs sont remplacés par les valeurs du dossier."
            ),
        }

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations_editable_by(user)
        self.fields["organisation"].empty_label = None
        procedure = self.instance
        deadlines = procedure.state_deadlines or {}
        self.initial.setdefault("deadline_submitted", deadlines.get("submitted"))
        self.initial.setdefault("deadline_in_instruction", deadlines.get("in_instruction"))
        self.initial.setdefault(
            "documents_text",
            "\n".join(
                " | ".join(filter(None, [d.get("label", ""), d.get("help", "")]))
                for d in procedure.documents_to_prepare or []
            ),
        )

    def clean_decision_template(self):
        from essaim.procedures.decisions import BUILT_IN, unknown_placeholders

        text = self.cleaned_data.get("decision_template", "")
        procedure = self.instance
        version = (procedure.draft_version or procedure.published_version) if procedure.pk else None
        keys = set()
        if version:
            # Only top-level fields are placeholders: a block's children are in its rows.
            keys = set(version.fields.filter(parent__isnull=True).values_list("key", flat=True))
        unknown = unknown_placeholders(text, keys)
        if unknown:
            raise forms.ValidationError(
                _(
                    "Ces champs n’existent pas : %(unknown)s. Utilisez %(built_in)s ou "
                    "l’identifiant d’un champ du formulaire."
                )
                % {
                    "unknown": ", ".join(f"{{{{ {name} }}}}" for name in unknown),
                    "built_in": ", ".join(f"{{{{ {name} }}}}" for name in BUILT_IN),
                }
            )
        return text

    def clean(self):
        data = super().clean()
        opens, closes = data.get("opens_at"), data.get("closes_at")
        if opens and closes and closes <= opens:
            self.add_error(
                "closes_at",
                _("La clôture doit venir après l’ouverture : corrigez l’une des dates."),
            )
        return data

    def attributes(self) -> dict:
        """The procedure's attributes from the valid form (for the services)."""
        data = {name: self.cleaned_data[name] for name in self.Meta.fields}
        data["state_deadlines"] = {
            state: self.cleaned_data[name]
            for state, name in (
                ("submitted", "deadline_submitted"),
                ("in_instruction", "deadline_in_instruction"),
            )
            if self.cleaned_data.get(name)
        }
        documents = []
        for line in _lines(self.cleaned_data.get("documents_text", "")):
            label, _sep, help_text = (part.strip() for part in line.partition("|"))
            documents.append({"label": label, "help": help_text})
        data["documents_to_prepare"] = documents
        return data


class SectionForm(DsfrForm):
    title = forms.CharField(label=gettext_lazy("Titre de la partie"), max_length=200)
    description = forms.CharField(
        label=gettext_lazy("Présentation"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    condition = ConditionField(
        label=gettext_lazy("Afficher cette partie seulement si"),
        help_text=gettext_lazy(
            'Facultatif. Par exemple : situation = "salarie" et age >= 18. Vide : toujours.'
        ),
    )

    def __init__(self, *args, known_keys=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.known_keys = set(known_keys)

    def clean_condition(self):
        condition = self.cleaned_data["condition"]
        errors = conditions.check(condition, self.known_keys)
        if errors:
            raise forms.ValidationError(errors)
        return condition


class FieldForm(DsfrForm):
    """One field of a given type: common attributes, options, then the type's parameters."""

    label = forms.CharField(label=gettext_lazy("Libellé"), max_length=300)
    key = forms.SlugField(
        label=gettext_lazy("Identifiant"),
        required=False,
        max_length=60,
        help_text=gettext_lazy(
            "Lettres, chiffres et _ ; sert dans les conditions et les exports. Vide : fait à "
            "partir du libellé."
        ),
    )
    help_text = forms.CharField(
        label=gettext_lazy("Aide"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    help_more = forms.CharField(
        label=gettext_lazy("En savoir plus (repliable)"),
        required=False,
        max_length=10000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    required = forms.BooleanField(label=gettext_lazy("Réponse obligatoire"), required=False)
    required_condition = ConditionField(
        label=gettext_lazy("Obligatoire seulement si"),
        help_text=gettext_lazy(
            "Rempli, la réponse n’est exigée que si la condition est vraie, que la case\u00a0"
            "«\u00a0obligatoire\u00a0» soit cochée ou non."
        ),
    )
    condition = ConditionField(
        label=gettext_lazy("Afficher ce champ seulement si"),
        help_text=gettext_lazy("Facultatif. Par exemple : rempli(iban) ou enfants > 0."),
    )
    private = forms.BooleanField(
        label=gettext_lazy("Annotation privée"),
        required=False,
        help_text=gettext_lazy("Remplie par les instructeurs, jamais montrée au demandeur."),
    )
    options_text = forms.CharField(
        label=gettext_lazy("Choix proposés"),
        required=False,
        max_length=20000,
        widget=forms.Textarea(attrs={"rows": 6}),
    )

    def __init__(self, *args, field_type, known_keys=(), in_block=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.field_type = field_type
        self.known_keys = set(known_keys)
        self.in_block = in_block
        if field_type in builder_params.WITH_OPTIONS:
            self.fields["options_text"].required = True
            self.fields["options_text"].help_text = (
                _("Un choix par ligne : « Nord > Lille » pour un choix lié à un autre.")
                if field_type == FieldType.LINKED_CHOICE
                else _("Un choix par ligne : « libellé », ou « valeur | libellé | aide ».")
            )
        else:
            del self.fields["options_text"]
        if field_type == FieldType.EXPLANATION:
            self.fields["help_text"].help_text = escape(
                _("Le texte affiché au demandeur. %(format)s") % {"format": RICH_TEXT_HELP}
            )
        self.fields["help_more"].help_text = escape(
            _("Facultatif, affiché replié sous «\u00a0En savoir plus\u00a0». %(format)s")
            % {"format": RICH_TEXT_HELP}
        )
        if field_type in (FieldType.HEADING, FieldType.EXPLANATION, FieldType.COMPUTED):
            for name in ("required", "required_condition"):
                del self.fields[name]
        self.fields.update(builder_params.form_fields(field_type))
        if field_type == FieldType.ATTACHMENT:
            self._add_model_inputs()
        # DsfrBaseForm bound the fields before the help texts above were set.
        for bound in self._bound_fields_cache.values():
            bound.help_text = bound.field.help_text or ""

    def _add_model_inputs(self):
        """A model file to upload (kept in the field's params by `model_files.with_model`)."""
        self.fields["model_upload"] = forms.FileField(
            label=_("Modèle à télécharger (fichier)"),
            required=False,
            widget=forms.FileInput(attrs={"class": "fr-upload"}),
            help_text=_(
                "PDF, ODT, DOCX, ODS ou XLSX, 10 Mo au plus. Remplace l’adresse ci-dessus pour "
                "les demandeurs."
            ),
        )
        if self.initial.get(f"{builder_params.PREFIX}model_file"):
            self.fields["model_remove"] = forms.BooleanField(
                label=_("Retirer le modèle déposé (%(name)s)")
                % {"name": self.initial[f"{builder_params.PREFIX}model_file"].rsplit("/", 1)[-1]},
                required=False,
            )

    def clean_model_upload(self):
        from essaim.procedures import model_files
        from essaim.procedures.fields import FieldError

        upload = self.cleaned_data.get("model_upload")
        if upload:
            try:
                model_files.check(upload)
            except FieldError as error:
                raise forms.ValidationError(error.message) from error
        return upload

    def clean_key(self):
        from essaim.procedures.decisions import reserved_identifier_error

        key = self.cleaned_data["key"].replace("-", "_")
        # A block's children are not placeholders of the decision letter: any name is free.
        error = None if self.in_block else reserved_identifier_error(key)
        if error:
            raise forms.ValidationError(error)
        return key

    def clean_options_text(self):
        return options_from_text(self.field_type, self.cleaned_data["options_text"])

    def _check_condition(self, name):
        condition = self.cleaned_data.get(name)
        errors = conditions.check(condition, self.known_keys)
        if errors:
            raise forms.ValidationError(errors)
        return condition

    def clean_condition(self):
        return self._check_condition("condition")

    def clean_required_condition(self):
        return self._check_condition("required_condition")

    def clean(self):
        data = super().clean()
        if self.errors:
            return data
        from essaim.procedures.fields import registry

        params = builder_params.from_cleaned(self.field_type, data)
        options = data.get("options_text") or []
        errors = registry.get(self.field_type).param_errors(params, options)
        for error in errors:
            self.add_error(None, str(error))
        data["params"] = params
        return data

    def attributes(self) -> dict:
        data = self.cleaned_data
        attributes = {
            "label": data["label"],
            "help_text": data["help_text"],
            "help_more": data["help_more"],
            "required": data.get("required", False),
            "required_condition": data.get("required_condition"),
            "condition": data["condition"],
            "private": data["private"],
            "params": data["params"],
            "options": data.get("options_text") or [],
        }
        if data.get("key"):
            attributes["key"] = data["key"].replace("-", "_")
        return attributes

    @staticmethod
    def initial_for(field) -> dict:
        return {
            "label": field.label,
            "key": field.key,
            "help_text": field.help_text,
            "help_more": field.help_more,
            "required": field.required,
            "required_condition": field.required_condition,
            "condition": field.condition,
            "private": field.private,
            "options_text": options_to_text(field.type, field.options or []),
            **builder_params.initial(field.type, field.params),
        }


class FieldTypeForm(DsfrForm):
    type = forms.ChoiceField(label=gettext_lazy("Type de champ"), choices=FieldType.choices)


class PublishForm(DsfrForm):
    note = forms.CharField(
        label=gettext_lazy("Note de version (facultatif)"),
        required=False,
        max_length=300,
        help_text=gettext_lazy("Ce qui change pour les demandeurs, en une phrase."),
    )

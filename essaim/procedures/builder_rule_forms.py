"""The builder's form for an eligibility rule: what it announces, when, why, where to turn.

The condition is typed in the condition language (`age < 18 ou revenus > 20000`) and checked
against the form's fields; the parser's French message says where a mistake is.
"""

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from essaim.core.forms import DsfrForm
from essaim.procedures import conditions
from essaim.procedures.builder_forms import ConditionField
from essaim.procedures.builder_rules import RULE_ATTRIBUTES
from essaim.procedures.enums import EligibilityOutcome


class RuleForm(DsfrForm):
    outcome = forms.ChoiceField(
        label=gettext_lazy("Ce que la règle annonce au demandeur"),
        choices=EligibilityOutcome.choices,
        widget=forms.RadioSelect,
        help_text=gettext_lazy(
            "« Non éligible » : la démarche n’est pas pour lui, dites où s’adresser. "
            "« Droit probable » : une aide à laquelle il a sans doute droit."
        ),
    )
    condition = ConditionField(
        label=gettext_lazy("Quand les réponses vérifient"),
        required=True,
        help_text=gettext_lazy(
            'Par exemple : age < 18 ou (situation = "salarie" et revenus > 20000). '
            "Le message s’affiche dès que les réponses le permettent."
        ),
        error_messages={
            "required": gettext_lazy("Écrivez quand la règle s’applique, par exemple : age < 18.")
        },
    )
    title = forms.CharField(
        label=gettext_lazy("Titre du message"),
        max_length=200,
        help_text=gettext_lazy("Par exemple : « Cette aide est réservée aux majeurs »."),
    )
    message = forms.CharField(
        label=gettext_lazy("Explication (pourquoi)"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    link_url = forms.URLField(
        label=gettext_lazy("Où s’adresser à la place : adresse du lien"),
        required=False,
        assume_scheme="https",
        help_text=gettext_lazy("Facultatif. Par exemple : https://www.service-public.fr/"),
    )
    link_label = forms.CharField(
        label=gettext_lazy("Texte du lien"),
        required=False,
        max_length=200,
        help_text=gettext_lazy("Facultatif. Par exemple : « Contacter la mission locale »."),
    )
    blocks_submission = forms.BooleanField(
        label=gettext_lazy("Empêcher le dépôt du dossier tant que la règle s’applique"),
        required=False,
        help_text=gettext_lazy("Seulement pour une règle « Non éligible »."),
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

    def clean(self):
        data = super().clean()
        if data.get("blocks_submission") and data.get("outcome") == EligibilityOutcome.ENTITLED:
            self.add_error(
                "blocks_submission",
                _(
                    "Une règle « Droit probable » ne peut pas empêcher le dépôt : décochez la "
                    "case, ou choisissez « Non éligible »."
                ),
            )
        if data.get("link_label") and not data.get("link_url"):
            self.add_error("link_url", _("Indiquez l’adresse du lien, ou videz le texte du lien."))
        return data

    def attributes(self) -> dict:
        return {name: self.cleaned_data[name] for name in RULE_ATTRIBUTES}

    @staticmethod
    def initial_for(rule) -> dict:
        return {name: getattr(rule, name) for name in RULE_ATTRIBUTES}

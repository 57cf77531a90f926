"""The builder's operations on eligibility rules (« non éligible », « droit probable »).

A rule belongs to a form version and is frozen with it: rules are added and changed in the
draft version only (a published version refuses, with a French ValidationError). Moving and
deleting a rule go through `builder_services.move` and `builder_services.delete_item`, like
sections and fields. Callers check `permissions.can_edit_procedure` first.
"""

from django.db import transaction
from django.utils.translation import gettext as _

from essaim.procedures import conditions
from essaim.procedures.builder_services import locked_draft
from essaim.procedures.enums import FieldType
from essaim.procedures.models import EligibilityRule

RULE_ATTRIBUTES = (
    "outcome",
    "condition",
    "title",
    "message",
    "link_url",
    "link_label",
    "blocks_submission",
)

_NO_VALUE = (FieldType.HEADING, FieldType.EXPLANATION)


def rule_keys(version) -> set[str]:
    """The keys a rule may read: the answers and computed values of the whole form (top-level
    fields the applicant sees; private annotations and rows of blocks are not evaluated)."""
    return set(
        version.fields.filter(parent__isnull=True, private=False)
        .exclude(type__in=_NO_VALUE)
        .values_list("key", flat=True)
    )


def rule_problems(version) -> list[str]:
    """What in the rules prevents publishing `version`, in French (e.g. a field deleted since)."""
    known = rule_keys(version)
    return [
        _("Règle « %(title)s » : %(error)s") % {"title": rule.title, "error": error}
        for rule in version.eligibility_rules.order_by("position", "pk")
        for error in conditions.check(rule.condition, known)
    ]


@transaction.atomic
def add_rule(version, **attributes) -> EligibilityRule:
    """Append a rule to the draft `version`.

    Raises ValidationError when the version is published. Side effects: saves a rule.
    """
    version = locked_draft(version)
    return EligibilityRule.objects.create(
        version=version, position=version.eligibility_rules.count(), **attributes
    )


@transaction.atomic
def update_rule(rule, **attributes) -> EligibilityRule:
    """Change a rule of a draft version.

    Raises ValidationError when the version is published. Side effects: saves the rule.
    """
    locked_draft(rule.version)
    for name, value in attributes.items():
        setattr(rule, name, value)
    rule.save()
    return rule

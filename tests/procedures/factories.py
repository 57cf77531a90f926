"""Factories of the Démarches app, shared by the applicant and the builder/instruction tests.

`build_form` makes a whole form in one call:

    version = build_form(procedure, [
        ("Identité", [dict(key="nom", type="text", label="Nom", required=True)]),
        ("Enfants", [dict(key="enfants", type="repeatable", children=[dict(key="prenom", …)])]),
    ])
"""

import factory
from django.utils import timezone

from essaim.procedures.enums import DossierState, FieldType, ProcedureStatus
from essaim.procedures.models import (
    Dossier,
    EligibilityRule,
    Field,
    FormVersion,
    Instructor,
    InstructorGroup,
    Procedure,
    Section,
)
from tests.accounts.factories import OrganisationFactory, UserFactory


class ProcedureFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Procedure

    organisation = factory.SubFactory(OrganisationFactory)
    title = factory.Sequence(lambda n: f"Demande d’aide n° {n}")
    description = "Une démarche pour demander une aide."
    status = ProcedureStatus.PUBLISHED
    estimated_minutes = 10


class FormVersionFactory(factory.django.DjangoModelFactory):
    """A draft version; pass `published_at=timezone.now()` for a published one."""

    class Meta:
        model = FormVersion

    procedure = factory.SubFactory(ProcedureFactory)
    number = factory.Sequence(lambda n: n + 1)


class SectionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Section

    version = factory.SubFactory(FormVersionFactory)
    position = factory.Sequence(lambda n: n)
    title = factory.Sequence(lambda n: f"Partie {n}")


class FieldFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Field

    section = factory.SubFactory(SectionFactory)
    version = factory.SelfAttribute("section.version")
    position = factory.Sequence(lambda n: n)
    key = factory.Sequence(lambda n: f"champ_{n}")
    type = FieldType.TEXT
    label = factory.Sequence(lambda n: f"Question {n}")


class EligibilityRuleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = EligibilityRule

    version = factory.SubFactory(FormVersionFactory)
    outcome = "ineligible"
    condition = None
    title = "Vous n’êtes pas éligible"
    message = "Cette aide est réservée aux habitants du département."


class InstructorGroupFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = InstructorGroup

    procedure = factory.SubFactory(ProcedureFactory)
    name = factory.Sequence(lambda n: f"Groupe {n}")
    is_default = False


class InstructorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Instructor

    group = factory.SubFactory(InstructorGroupFactory)
    user = factory.SubFactory(UserFactory)


class DossierFactory(factory.django.DjangoModelFactory):
    """A draft of a published one-field form; `state=` other states for instruction tests."""

    class Meta:
        model = Dossier

    procedure = factory.SubFactory(ProcedureFactory)
    version = factory.LazyAttribute(
        lambda o: (
            o.procedure.published_version
            or build_form(o.procedure, [("Demande", [dict(key="nom", label="Nom")])])
        )
    )
    applicant = factory.SubFactory(UserFactory)
    state = DossierState.DRAFT
    submitted_at = factory.LazyAttribute(
        lambda o: None if o.state == DossierState.DRAFT else timezone.now()
    )


def _create_fields(version, section, specs, parent=None):
    for position, spec in enumerate(specs):
        spec = dict(spec)
        children = spec.pop("children", [])
        field = Field.objects.create(
            version=version,
            section=section,
            parent=parent,
            position=position,
            label=spec.pop("label", spec["key"].replace("_", " ").capitalize()),
            type=spec.pop("type", FieldType.TEXT),
            **spec,
        )
        _create_fields(version, section, children, parent=field)


def build_form(procedure, sections, *, publish=True, rules=()):
    """A new version of `procedure` holding `sections` [(title, [field dicts]) or
    (title, [field dicts], {"condition": …})], published unless `publish=False`.

    Field dicts take Field's attributes (key, type, label, required, options, params, condition,
    required_condition, help_text, private) plus `children` for a repeatable block.
    `rules` are EligibilityRule attribute dicts."""
    number = (procedure.versions.order_by("-number").values_list("number", flat=True).first()) or 0
    version = FormVersion.objects.create(procedure=procedure, number=number + 1)
    for position, entry in enumerate(sections):
        title, fields, extra = (*entry, {}) if len(entry) == 2 else entry
        section = Section.objects.create(version=version, position=position, title=title, **extra)
        _create_fields(version, section, fields)
    for position, rule in enumerate(rules):
        EligibilityRule.objects.create(version=version, position=position, **rule)
    if publish:
        version.published_at = timezone.now()
        version.save()
    return version

import datetime

import factory
from django.utils import timezone

from essaim.accounts.models import OrganisationKind
from essaim.catalogue.models import (
    Indicator,
    Initiative,
    PublicationState,
    Stage,
    StageChange,
    Theme,
)
from essaim.core.models import Territory
from tests.accounts.factories import OrganisationFactory


class RegionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Territory
        django_get_or_create = ["level", "code"]
        skip_postgeneration_save = True

    level = "region"
    code = factory.Sequence(lambda n: f"{(n % 80) + 10}")
    name = factory.Sequence(lambda n: f"Région {n}")

    @factory.post_generation
    def _self_region(obj, create, extracted, **kwargs):
        if create and obj.region_id is None:
            obj.region = obj
            obj.save(update_fields=["region", "search_name"])


class DepartmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Territory
        django_get_or_create = ["level", "code"]

    level = "department"
    code = factory.Sequence(lambda n: f"{(n % 90) + 1:02d}")
    name = factory.Sequence(lambda n: f"Département {n}")
    parent = factory.SubFactory(RegionFactory)
    region = factory.SelfAttribute("parent")


class CommuneFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Territory

    level = "commune"
    code = factory.Sequence(lambda n: f"{10000 + n}")
    name = factory.Sequence(lambda n: f"Commune {n}")
    parent = factory.SubFactory(DepartmentFactory)
    region = factory.SelfAttribute("parent.region")


class ThemeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Theme
        django_get_or_create = ["slug"]

    name = factory.Sequence(lambda n: f"Thème {n}")
    slug = factory.Sequence(lambda n: f"theme-{n}")


class LabFactory(OrganisationFactory):
    name = factory.Sequence(lambda n: f"Laboratoire {n}")
    kind = OrganisationKind.LAB


class InitiativeFactory(factory.django.DjangoModelFactory):
    """A published initiative; pass `carriers=[…]`, `labs=[…]`, `themes=[…]` as lists."""

    class Meta:
        model = Initiative
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Initiative {n}")
    pitch = "Une innovation publique qui simplifie la vie des usagers."
    problem = "<p>Un problème concret.</p>"
    solution = "<p>Une solution testée.</p>"
    stage = Stage.EXPERIMENT
    publication_state = PublicationState.PUBLISHED
    published_at = factory.LazyFunction(timezone.now)
    beneficiaries = factory.LazyFunction(lambda: ["citizens"])

    class Params:
        draft = factory.Trait(publication_state=PublicationState.DRAFT, published_at=None)
        archived = factory.Trait(publication_state=PublicationState.ARCHIVED)

    @factory.post_generation
    def themes(obj, create, extracted, **kwargs):
        if create and extracted:
            obj.themes.set(extracted)

    @factory.post_generation
    def carriers(obj, create, extracted, **kwargs):
        if create and extracted:
            obj.carriers.set(extracted)

    @factory.post_generation
    def labs(obj, create, extracted, **kwargs):
        if create and extracted:
            obj.labs.set(extracted)

    @factory.post_generation
    def refresh_search(obj, create, extracted, **kwargs):
        # Names of themes, carriers and labs are part of the searchable text.
        if create:
            obj.save()


class StageChangeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = StageChange

    initiative = factory.SubFactory(InitiativeFactory)
    stage = Stage.PROTOTYPE
    date = datetime.date(2020, 1, 15)


class IndicatorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Indicator

    initiative = factory.SubFactory(InitiativeFactory)
    label = "Usagers accompagnés"
    value = 1200
    unit = "personnes"
    measured_on = datetime.date(2020, 6, 30)
    source = "Rapport d’activité"

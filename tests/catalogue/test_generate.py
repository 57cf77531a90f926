import pytest
from django.core.management import call_command

from essaim.catalogue.models import Initiative, StageChange
from tests.accounts.factories import OrganisationFactory
from tests.catalogue.factories import CommuneFactory, LabFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def pools():
    CommuneFactory.create_batch(3)
    OrganisationFactory.create_batch(3)
    LabFactory.create_batch(2)


def _snapshot():
    return list(
        Initiative.objects.order_by("pk").values_list("title", "stage", "publication_state")
    )


def test_generate_initiatives_creates_the_count_with_related_rows(pools):
    call_command("generate", "initiatives", "--count", "2500", "--seed", "3")
    assert Initiative.objects.count() == 2500
    assert StageChange.objects.count() >= 2500
    sample = Initiative.objects.filter(publication_state="published").first()
    assert sample.themes.exists() and sample.carriers.exists()
    assert sample.search_document and sample.search_title
    assert Initiative.objects.filter(origin__isnull=False).exists()
    commune = Initiative.objects.filter(territory__level="commune").first()
    assert commune.department_id and commune.region_id


def test_generate_initiatives_same_seed_same_data(pools):
    call_command("generate", "initiatives", "--count", "50", "--seed", "7")
    first = _snapshot()
    Initiative.objects.all().delete()
    call_command("generate", "initiatives", "--count", "50", "--seed", "7")
    assert _snapshot() == first


def test_generate_initiatives_twice_never_collides():
    call_command("generate", "initiatives", "--count", "20", "--seed", "1")
    call_command("generate", "initiatives", "--count", "20", "--seed", "1")
    assert Initiative.objects.count() == 40

"""The demonstration synthesis of the DINUM call for ideas loads once and is published."""

import pytest

from essaim.accounts import demo as accounts_demo
from essaim.participation import demo as participation_demo
from essaim.synthesis import demo
from essaim.synthesis.enums import Publication, Status
from essaim.synthesis.models import Synthesis

pytestmark = pytest.mark.django_db


def test_demo_synthesis_is_computed_published_and_loaded_once(client):
    accounts_demo.load()
    participation_demo.load()
    first = demo.load()
    assert demo.load() == first
    synthesis = Synthesis.objects.get()
    assert synthesis.status == Status.DONE
    assert synthesis.publication == Publication.PUBLISHED
    assert synthesis.validated_by.email == demo.VALIDATOR
    assert len(synthesis.themes) >= 2
    page = client.get(synthesis.get_absolute_url()).content.decode()
    assert synthesis.themes[0]["label"] in page

import pytest

from tests.participation.factories import CampaignFactory


@pytest.fixture
def campaign(organisation):
    """An open campaign run by `organisation` (the cast's `editor` moderates it)."""
    return CampaignFactory(organisations=[organisation])

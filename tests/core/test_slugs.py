"""Addresses made from names: free, readable, and never one of a section's fixed pages."""

import pytest

from essaim.accounts.models import RESERVED_SLUGS
from tests.accounts.factories import OrganisationFactory

pytestmark = pytest.mark.django_db


def test_two_organisations_of_the_same_name_each_get_a_page_of_their_own(client):
    first = OrganisationFactory(name="Mairie de Sainte-Marie")
    second = OrganisationFactory(name="Mairie de Sainte-Marie")

    assert (first.slug, second.slug) == ("mairie-de-sainte-marie", "mairie-de-sainte-marie-2")
    for organisation in (first, second):
        response = client.get(f"/organisations/{organisation.slug}/")
        assert response.status_code == 200
        assert organisation.name in response.content.decode()


@pytest.mark.parametrize("word", sorted(RESERVED_SLUGS))
def test_an_organisation_named_like_a_fixed_page_does_not_hide_it(word):
    assert OrganisationFactory(name=word.capitalize()).slug == f"{word}-2"


def test_a_name_without_letters_still_gets_an_address():
    assert OrganisationFactory(name="« … »").slug == "organisation"

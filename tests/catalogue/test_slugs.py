import re

import pytest
from django.urls import URLPattern, URLResolver

from essaim.catalogue import urls as catalogue_urls
from essaim.catalogue.models import RESERVED_SLUGS, Initiative
from tests.catalogue.factories import InitiativeFactory

pytestmark = pytest.mark.django_db


def _fixed_first_words(patterns) -> set[str]:
    """The first segment of every catalogue URL that is a fixed word (not a <parameter>)."""
    words = set()
    for entry in patterns:
        if isinstance(entry, URLResolver):
            words |= _fixed_first_words(entry.url_patterns)
        elif isinstance(entry, URLPattern):
            first = re.split(r"[/.]", str(entry.pattern), maxsplit=1)[0]
            if first and "<" not in first:
                words.add(first)
    return words


def test_reserved_slugs_cover_every_fixed_word_of_the_catalogue_urls():
    assert _fixed_first_words(catalogue_urls.urlpatterns) <= RESERVED_SLUGS


@pytest.mark.parametrize("word", sorted(RESERVED_SLUGS))
def test_an_initiative_named_like_a_catalogue_page_gets_its_own_address(client, word):
    initiative = InitiativeFactory(title=word.capitalize(), slug="")

    assert initiative.slug == f"{word}-2"
    response = client.get(initiative.get_absolute_url())
    assert response.status_code == 200
    assert initiative.title in response.content.decode()


def test_the_map_page_is_still_the_map_when_an_initiative_is_called_carte(client):
    InitiativeFactory(title="Carte", slug="")
    InitiativeFactory(title="Carte", slug="")

    assert set(Initiative.objects.values_list("slug", flat=True)) == {"carte-2", "carte-3"}
    assert "Carte" in client.get("/initiatives/carte/").content.decode()

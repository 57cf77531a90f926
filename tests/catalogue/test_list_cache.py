"""The list keeps its facets and cards as cached HTML: every change must show at once."""

import re

import pytest
from django.urls import reverse

from essaim.catalogue.models import Theme
from tests.catalogue.factories import InitiativeFactory

pytestmark = pytest.mark.django_db


def _theme_count(body: str, name: str) -> int | None:
    match = re.search(rf"{name}&nbsp;<span[^>]*>\((\d+)\)</span>", body)
    return int(match.group(1)) if match else None


@pytest.mark.parametrize("query", [{}, {"theme": "sante"}])
def test_a_deleted_initiative_leaves_the_same_list_at_once(client, query):
    sante = Theme.objects.get(slug="sante")
    deleted, kept = InitiativeFactory.create_batch(2, themes=[sante])
    url = reverse("catalogue:list")
    assert deleted.title in client.get(url, query).content.decode()

    deleted.delete()

    body = client.get(url, query).content.decode()
    assert deleted.title not in body and kept.title in body
    assert "1 initiative" in body


def test_a_renamed_carrier_shows_its_new_name_on_the_cards(client, nord_autonomie):
    url = reverse("catalogue:list")
    carrier = nord_autonomie.carriers.get()
    assert carrier.name in client.get(url).content.decode()

    carrier.name = "Maison départementale des personnes handicapées du Nord"
    carrier.save()

    assert "Maison départementale des personnes handicapées du Nord" in (
        client.get(url).content.decode()
    )


def test_a_theme_removed_without_saving_the_initiative_updates_the_facet(client):
    sante = Theme.objects.get(slug="sante")
    first, _second = InitiativeFactory.create_batch(2, themes=[sante])
    url = reverse("catalogue:list")
    assert _theme_count(client.get(url).content.decode(), "Santé") == 2

    first.themes.remove(sante)

    assert _theme_count(client.get(url).content.decode(), "Santé") == 1

"""Where an event takes place, the Agenda's one rule (`services.check_place`), as the
organisers' form applies it: on site or hybrid needs its commune, online or hybrid its link."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from essaim.agenda import services
from essaim.agenda.models import Event
from tests.agenda.test_organiser_pages import _form_data
from tests.catalogue.factories import CommuneFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("mode", "commune", "link", "missing"),
    [
        ("online", False, False, {"online_url"}),
        ("onsite", False, True, {"commune"}),
        ("hybrid", False, False, {"commune", "online_url"}),
        ("hybrid", True, False, {"online_url"}),
        ("online", False, True, set()),
        ("onsite", True, False, set()),
        ("hybrid", True, True, set()),
    ],
)
def test_check_place_names_what_is_missing(mode, commune, link, missing):
    kwargs = {
        "mode": mode,
        "commune": CommuneFactory() if commune else None,
        "online_url": "https://visio.exemple.fr/salle" if link else "",
    }
    if not missing:
        services.check_place(**kwargs)
        return
    with pytest.raises(ValidationError) as refused:
        services.check_place(**kwargs)
    assert set(refused.value.message_dict) == missing


def test_organiser_form_refuses_an_online_event_without_its_link(client, agent, organisation):
    client.force_login(agent)

    response = client.post(
        reverse("agenda:organiser_create"), _form_data(organisation, online_url="")
    )

    assert response.status_code == 200
    assert "a besoin de son lien de connexion" in response.content.decode()
    assert not Event.objects.exists()


def test_organiser_form_says_once_what_to_fix_on_the_link(client, agent, organisation):
    """« Lien réservé aux inscrits » without a link: one message, not two."""
    client.force_login(agent)

    response = client.post(
        reverse("agenda:organiser_create"),
        _form_data(organisation, online_url="", online_url_registrants_only="on"),
    )

    page = response.content.decode()
    assert "a besoin de son lien de connexion" in page
    assert "Donnez le lien de connexion, ou décochez" not in page

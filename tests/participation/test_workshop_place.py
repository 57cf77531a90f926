"""A subject's workshops are Agenda events: online, on site or hybrid, with the Agenda's
fields and the Agenda's rule (on site needs its commune, online its link)."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from essaim.agenda.organiser_forms import EventPlaceForm
from essaim.participation import followup_services
from essaim.participation.models import Subject, Workshop
from tests.catalogue.factories import CommuneFactory

pytestmark = pytest.mark.django_db

LINK = "https://webinaire.exemple.fr/atelier-parapheur"


@pytest.fixture
def subject(campaign):
    return Subject.objects.create(campaign=campaign, title="Dématérialiser les signatures")


def _start():
    return (timezone.localtime() + timedelta(days=10)).replace(hour=14, minute=0, microsecond=0)


def _post(client, campaign, subject, **fields):
    start = _start()
    data = {
        "action": "workshop",
        "title": "Atelier 1 : cartographier les circuits",
        "starts_at": start.strftime("%Y-%m-%dT%H:%M"),
        "ends_at": (start + timedelta(hours=2)).strftime("%Y-%m-%dT%H:%M"),
        **fields,
    }
    return client.post(f"/consultations/{campaign.slug}/sujets/{subject.pk}/gestion/", data)


def test_workshop_form_offers_the_agenda_modes(client, campaign, subject, editor):
    client.force_login(editor)
    page = client.get(f"/consultations/{campaign.slug}/sujets/{subject.pk}/gestion/")
    html = page.content.decode()
    for value in ("online", "onsite", "hybrid"):
        assert f'name="mode" value="{value}"' in html
    assert 'name="online_url"' in html and 'name="commune"' in html


def test_online_workshop_gets_its_link_and_says_so(client, campaign, subject, editor):
    client.force_login(editor)

    response = _post(client, campaign, subject, mode="online", online_url=LINK)

    assert response.status_code == 302
    workshop = Workshop.objects.select_related("event").get()
    event = workshop.event
    assert (event.mode, event.online_url, event.commune, event.venue) == ("online", LINK, None, "")
    client.logout()
    public = client.get(f"/consultations/{campaign.slug}/sujets/{subject.pk}/").content.decode()
    assert "En ligne" in public and "visioconférence" not in public


def test_online_workshop_without_link_is_refused_with_the_agendas_message(
    client, campaign, subject, editor
):
    client.force_login(editor)

    response = _post(client, campaign, subject, mode="online", online_url="")

    assert response.status_code == 400
    agenda_form = EventPlaceForm({"mode": "online"})
    assert not agenda_form.is_valid()
    [message] = agenda_form.errors["online_url"]
    assert message in response.content.decode().replace("&#x27;", "'")
    assert not Workshop.objects.exists()


def test_onsite_workshop_without_commune_is_refused(client, campaign, subject, editor):
    client.force_login(editor)

    response = _post(client, campaign, subject, mode="onsite", venue="Hôtel du Département")

    assert response.status_code == 400
    assert "a besoin de sa commune" in response.content.decode()
    assert not Workshop.objects.exists()


def test_hybrid_workshop_has_its_place_and_its_link(client, campaign, subject, editor):
    roubaix = CommuneFactory(name="Roubaix", code="59512")
    client.force_login(editor)

    response = _post(
        client,
        campaign,
        subject,
        mode="hybrid",
        commune="59512",
        venue="UTPAS de Roubaix",
        address="1 place de la Liberté",
        online_url=LINK,
    )

    assert response.status_code == 302
    workshop = Workshop.objects.select_related("event").get()
    event = workshop.event
    assert (event.mode, event.commune, event.online_url) == ("hybrid", roubaix, LINK)
    assert event.address == "1 place de la Liberté"
    assert workshop.place == "UTPAS de Roubaix, Roubaix, et en ligne"


def test_schedule_workshop_applies_the_agenda_rule_itself(campaign, subject, editor):
    """The service refuses as the form does: callers without a form (the demo, an API) too."""
    start = _start()
    with pytest.raises(ValidationError) as refused:
        followup_services.schedule_workshop(
            subject,
            by=editor,
            title="Atelier",
            starts_at=start,
            ends_at=start + timedelta(hours=2),
            mode="onsite",
            venue="Quelque part",
        )
    assert "commune" in refused.value.message_dict
    assert not Workshop.objects.exists()


def test_workshop_is_refused_to_an_agent_who_does_not_organise(
    client, campaign, subject, other_agent
):
    client.force_login(other_agent)

    response = _post(client, campaign, subject, mode="online", online_url=LINK)

    assert response.status_code == 403
    assert not Workshop.objects.exists()

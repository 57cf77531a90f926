"""The Simplificathon's workshops in the demo: one source (the consultation's workshops, linked
to their subject), shown in the Mois de l'innovation publique 2020 by aggregation, on site with
their commune or online with their link."""

import pytest

from essaim.accounts import demo as accounts_demo
from essaim.agenda import demo as agenda_demo
from essaim.agenda.models import Event, Programme
from essaim.agenda.queries import programme_events
from essaim.participation import demo
from essaim.participation.models import Workshop
from tests.agenda.factories import EventFactory
from tests.agenda.test_demo import SEED_NAMES
from tests.catalogue.factories import CommuneFactory

pytestmark = pytest.mark.django_db

AMASES = "aides d’urgence en UTPAS"


@pytest.fixture
def loaded(db):
    """The demo as `make demo` loads it: territories first, then each app in order. A
    database holding the AMASES seed of an earlier demo loses it."""
    lille = CommuneFactory(name="Lille", code="59350")
    roubaix = CommuneFactory(name="Roubaix", code="59512")
    EventFactory(slug="simplificathon-ateliers-amases", title="Ateliers AMASES (ancien)")
    accounts_demo.load()
    agenda_demo.load()
    demo.load()
    return lille, roubaix


def test_amases_workshops_appear_once_in_the_mois_from_the_consultation(loaded):
    mois = Programme.objects.get(slug="mois-de-l-innovation-publique-2020")
    events = programme_events(mois)
    titles = " | ".join(events.values_list("title", flat=True))
    assert "AMASES" not in titles
    assert not Event.objects.filter(slug="simplificathon-ateliers-amases").exists()
    amases = events.filter(title__contains=AMASES)
    # 23 and 26 November; the third (3 December) is after the Mois.
    assert amases.count() == 2
    for event in amases:
        [workshop] = event.consultation_workshops.select_related("subject__campaign")
        assert workshop.subject.campaign.slug == demo.NORD_SLUG
        assert "aides d’urgence" in workshop.subject.title
    for name in SEED_NAMES:  # the item 8 stays whole
        assert name in titles, name


def test_demo_workshops_are_on_site_with_a_commune_or_online_with_a_link(loaded):
    lille, roubaix = loaded
    workshops = Workshop.objects.select_related("event")
    assert workshops.count() == 12
    assert not Event.objects.filter(venue__icontains="visioconférence").exists()
    modes = {w.event.mode for w in workshops}
    assert modes == {"online", "onsite"}
    for workshop in workshops:
        event = workshop.event
        if event.mode == "online":
            assert event.online_url.startswith("https://") and event.commune is None
            assert workshop.place == "En ligne"
        else:
            assert event.commune in (lille, roubaix) and not event.online_url


def test_demo_moves_an_earlier_visioconference_venue_online(loaded):
    workshop = Workshop.objects.filter(event__mode="online").select_related("event").first()
    Event.objects.filter(pk=workshop.event_id).update(
        mode="onsite", venue="En visioconférence", online_url=""
    )
    Workshop.objects.filter(pk=workshop.pk).update(place="En visioconférence")

    demo.load()

    workshop.refresh_from_db()
    workshop.event.refresh_from_db()
    assert (workshop.event.mode, workshop.event.venue) == ("online", "")
    assert workshop.event.online_url and workshop.place == "En ligne"

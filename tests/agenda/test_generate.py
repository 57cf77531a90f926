import pytest
from django.core.management import call_command
from django.db.models import F

from essaim.agenda.models import Event, EventSession, Registration
from tests.accounts.factories import OrganisationFactory
from tests.catalogue.factories import CommuneFactory

pytestmark = pytest.mark.django_db


def test_generate_events_then_registrations_never_overbooks():
    CommuneFactory.create_batch(3, population=10000)
    OrganisationFactory.create_batch(3)
    call_command("generate", "events", "--count", "120", "--seed", "3")
    assert Event.objects.published().count() == 120
    assert EventSession.objects.count() >= 120
    assert Event.objects.filter(starts_at__isnull=True).count() == 0
    # One event in 60 (at most 300: the feed measured by the bench) joins the load programme.
    assert Event.objects.filter(programme__slug="programme-de-charge").count() == 2
    call_command("generate", "registrations", "--count", "3000", "--seed", "3")
    assert Registration.objects.count() == 3000
    assert not Event.objects.filter(confirmed_count__gt=F("capacity")).exists()
    event = Event.objects.filter(capacity=20).first()
    assert event.confirmed_count == Registration.objects.confirmed().filter(event=event).count()

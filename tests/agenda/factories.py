"""Factories of the agenda: programmes, events with their sessions, speakers, registrations.

`EventFactory()` is a published webinar of the organisation's own agenda, with one session of
1 h 30 next week at 10:00 Paris time and registration on Essaim. Pass `sessions=[(start, end),
…]` (aware datetimes) to choose the sessions, `sessions=[]` for none.
"""

import datetime
from zoneinfo import ZoneInfo

import factory
from django.utils import timezone

from essaim.agenda.enums import EventFormat, Mode, ModerationState, RegistrationMode
from essaim.agenda.models import (
    CalendarFeed,
    Event,
    EventSession,
    Programme,
    Registration,
    Speaker,
)
from essaim.agenda.services import search_document, sync_schedule
from tests.accounts.factories import OrganisationFactory, UserFactory

PARIS = ZoneInfo("Europe/Paris")


def paris(year, month, day, hour=10, minute=0) -> datetime.datetime:
    """An aware datetime in Europe/Paris: `paris(2020, 11, 10, 14)`."""
    return datetime.datetime(year, month, day, hour, minute, tzinfo=PARIS)


def next_week_at(hour=10) -> datetime.datetime:
    day = timezone.localdate() + datetime.timedelta(days=7)
    return paris(day.year, day.month, day.day, hour)


class ProgrammeFactory(factory.django.DjangoModelFactory):
    """A published programme whose call for events is open today, over the next two months."""

    class Meta:
        model = Programme

    name = factory.Sequence(lambda n: f"Mois de l’innovation publique {2000 + n}")
    slug = factory.Sequence(lambda n: f"programme-{n}")
    summary = "Un mois d’événements pour les agents publics."
    starts_on = factory.LazyFunction(timezone.localdate)
    ends_on = factory.LazyFunction(lambda: timezone.localdate() + datetime.timedelta(days=60))
    call_opens_on = factory.LazyFunction(lambda: timezone.localdate() - datetime.timedelta(days=10))
    call_closes_on = factory.LazyFunction(
        lambda: timezone.localdate() + datetime.timedelta(days=30)
    )
    coordinator = factory.SubFactory(OrganisationFactory)


class EventFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Event
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Webinaire de l’innovation n° {n}")
    slug = factory.Sequence(lambda n: f"evenement-{n}")
    summary = "Une heure et demie pour découvrir une démarche d’innovation publique."
    format = EventFormat.WEBINAR
    mode = Mode.ONLINE
    online_url = "https://visio.exemple.fr/salle-innovation"
    organiser = factory.SubFactory(OrganisationFactory)
    audiences = factory.LazyFunction(lambda: ["agents"])
    registration_mode = RegistrationMode.ESSAIM
    moderation_state = ModerationState.PUBLISHED
    published_at = factory.LazyFunction(timezone.now)

    class Params:
        draft = factory.Trait(moderation_state=ModerationState.DRAFT, published_at=None)
        submitted = factory.Trait(
            moderation_state=ModerationState.SUBMITTED,
            published_at=None,
            submitted_at=factory.LazyFunction(timezone.now),
        )

    @factory.post_generation
    def sessions(obj, create, extracted, **kwargs):
        if not create:
            return
        if extracted is None:
            start = next_week_at(10)
            extracted = [(start, start + datetime.timedelta(minutes=90))]
        for starts_at, ends_at, *rest in extracted:
            EventSession.objects.create(
                event=obj, starts_at=starts_at, ends_at=ends_at, title=rest[0] if rest else ""
            )
        sync_schedule(obj)
        obj.search_document = search_document(obj)
        Event.objects.filter(pk=obj.pk).update(search_document=obj.search_document)


class EventSessionFactory(factory.django.DjangoModelFactory):
    """An extra session; call `sync_schedule(event)` afterwards if the event's dates matter."""

    class Meta:
        model = EventSession

    event = factory.SubFactory(EventFactory)
    starts_at = factory.LazyFunction(lambda: next_week_at(14))
    ends_at = factory.LazyAttribute(lambda o: o.starts_at + datetime.timedelta(hours=2))


class SpeakerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Speaker

    event = factory.SubFactory(EventFactory)
    name = factory.Faker("name", locale="fr_FR")
    role = "Cheffe de projet innovation"


class RegistrationFactory(factory.django.DjangoModelFactory):
    """A confirmed registration without an account. Counters are NOT updated: to test places,
    register through `essaim.agenda.registrations.register` instead."""

    class Meta:
        model = Registration

    event = factory.SubFactory(EventFactory)
    email = factory.Sequence(lambda n: f"participant{n}@exemple.fr")
    name = factory.Faker("name", locale="fr_FR")
    status = "confirmed"
    email_confirmed_at = factory.LazyFunction(timezone.now)
    confirmed_at = factory.LazyFunction(timezone.now)


class CalendarFeedFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CalendarFeed

    user = factory.SubFactory(UserFactory)

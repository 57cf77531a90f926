"""Never overbooked: 200 registrations from separate PostgreSQL connections at 50 places."""

import threading

import pytest
from django.core import mail
from django.db import connection
from django.utils import timezone

from essaim.accounts.models import User
from essaim.agenda import registrations
from essaim.agenda.enums import RegistrationStatus
from essaim.agenda.models import Registration
from tests.agenda.factories import EventFactory

WORKERS = 20  # separate connections, each firing its share of the 200 registrations

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="row locks are tested on PostgreSQL"
    ),
]


def _people(count: int) -> list[User]:
    now = timezone.now()
    User.objects.bulk_create(
        User(email=f"foule{i}@exemple.fr", email_confirmed_at=now, password="!")
        for i in range(count)
    )
    return list(User.objects.filter(email__startswith="foule").order_by("pk"))


def _fire(event, people) -> list[Exception]:
    barrier = threading.Barrier(WORKERS)
    errors: list[Exception] = []

    def work(chunk):
        try:
            barrier.wait()
            for person in chunk:
                registrations.register(event, user=person)
        except Exception as error:
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=work, args=(people[i::WORKERS],)) for i in range(WORKERS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return errors


def test_200_concurrent_registrations_fill_50_places_and_wait_150():
    event = EventFactory(capacity=50)
    people = _people(200)
    # Everyone submits twice: double submissions must not create a second registration.
    assert _fire(event, people + people) == []
    statuses = list(Registration.objects.filter(event=event).values_list("status", flat=True))
    assert len(statuses) == 200
    assert statuses.count(RegistrationStatus.CONFIRMED) == 50
    assert statuses.count(RegistrationStatus.WAITLISTED) == 150
    event.refresh_from_db()
    assert (event.confirmed_count, event.waitlist_count) == (50, 150)

    first_waiting = Registration.objects.waitlist().filter(event=event).first()
    holder = Registration.objects.confirmed().filter(event=event).first()
    mail.outbox.clear()
    registrations.cancel_registration(holder, by=None)
    first_waiting.refresh_from_db()
    assert first_waiting.status == RegistrationStatus.CONFIRMED
    assert Registration.objects.confirmed().filter(event=event).count() == 50
    promoted = [m for m in mail.outbox if m.to == [first_waiting.email]]
    assert len(promoted) == 1
    assert "Une place s’est libérée" in promoted[0].subject

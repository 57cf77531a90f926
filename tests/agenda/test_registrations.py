"""Registration: places, waitlist, promotion, e-mails with the .ics, self-service links."""

import icalendar
import pytest
from django.core import mail
from django.core.exceptions import ValidationError

from essaim.agenda import registrations
from essaim.agenda.enums import PublicStatus, RegistrationStatus
from essaim.agenda.models import Registration
from essaim.agenda.registration_links import registration_path
from tests.accounts.factories import UserFactory
from tests.agenda.factories import EventFactory

pytestmark = pytest.mark.django_db


def _ics(message) -> icalendar.Calendar:
    [(filename, content, mimetype)] = message.attachments
    assert filename == "invitation.ics"
    assert mimetype.startswith("text/calendar")
    return icalendar.Calendar.from_ical(content)


def test_register_with_account_confirms_and_mails_the_invitation(
    django_capture_on_commit_callbacks,
):
    event = EventFactory(capacity=10)
    user = UserFactory()
    with django_capture_on_commit_callbacks(execute=True):
        registration = registrations.register(event, user=user)
    assert registration.status == RegistrationStatus.CONFIRMED
    event.refresh_from_db()
    assert event.confirmed_count == 1
    [message] = mail.outbox
    assert message.to == [user.email]
    assert "Inscription confirmée" in message.subject
    calendar = _ics(message)
    assert calendar["METHOD"] == "REQUEST"
    [vevent] = calendar.walk("VEVENT")
    assert str(vevent["SUMMARY"]) == event.title
    assert "mailto:" + user.email in str(vevent["ATTENDEE"])


def test_register_twice_keeps_one_registration(django_capture_on_commit_callbacks):
    event = EventFactory(capacity=10)
    user = UserFactory()
    with django_capture_on_commit_callbacks(execute=True):
        first = registrations.register(event, user=user)
        second = registrations.register(event, user=user)
    assert first.pk == second.pk
    assert Registration.objects.filter(event=event).count() == 1
    event.refresh_from_db()
    assert event.confirmed_count == 1
    assert len(mail.outbox) == 1


def test_full_event_puts_people_on_the_waitlist_and_cancelling_promotes_the_first(
    django_capture_on_commit_callbacks,
):
    event = EventFactory(capacity=1)
    first, second, third = UserFactory(), UserFactory(), UserFactory()
    with django_capture_on_commit_callbacks(execute=True):
        holder = registrations.register(event, user=first)
        waiting = registrations.register(event, user=second)
        registrations.register(event, user=third)
    assert waiting.status == RegistrationStatus.WAITLISTED
    assert waiting.waitlist_position == 1
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        registrations.cancel_registration(holder, by=first)
    waiting.refresh_from_db()
    assert waiting.status == RegistrationStatus.CONFIRMED
    event.refresh_from_db()
    assert (event.confirmed_count, event.waitlist_count) == (1, 1)
    by_address = {m.to[0]: m for m in mail.outbox}
    assert set(by_address) == {first.email, second.email}
    assert _ics(by_address[first.email])["METHOD"] == "CANCEL"
    promoted = by_address[second.email]
    assert "Une place s’est libérée" in promoted.subject
    assert _ics(promoted)["METHOD"] == "REQUEST"


def test_registration_without_account_waits_for_the_address(django_capture_on_commit_callbacks):
    event = EventFactory(capacity=5)
    with django_capture_on_commit_callbacks(execute=True):
        registration = registrations.register(event, email="Camille@Exemple.fr", name="Camille")
    assert registration.status == RegistrationStatus.PENDING
    assert registration.email == "camille@exemple.fr"
    event.refresh_from_db()
    assert event.confirmed_count == 0
    [message] = mail.outbox
    assert registration_path(registration) in message.body
    assert not message.attachments
    with django_capture_on_commit_callbacks(execute=True):
        registration = registrations.confirm_email(registration)
        registrations.confirm_email(registration)  # the link followed twice
    assert registration.status == RegistrationStatus.CONFIRMED
    event.refresh_from_db()
    assert event.confirmed_count == 1
    assert len(mail.outbox) == 2


def test_agent_only_event_refuses_registration_without_account():
    event = EventFactory(requires_account=True)
    with pytest.raises(ValidationError, match="connectez-vous"):
        registrations.register(event, email="quelquun@exemple.fr", name="Quelqu’un")


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"draft": True}, "pas publié"),
        ({"registration_mode": "none"}, "ne prend pas d’inscription"),
        ({"status": PublicStatus.CANCELLED}, "annulé"),
    ],
)
def test_registration_is_refused_when_closed(overrides, message):
    event = EventFactory(**overrides)
    with pytest.raises(ValidationError, match=message):
        registrations.register(event, user=UserFactory())


def test_invalid_address_is_refused_in_french():
    with pytest.raises(ValidationError, match="adresse électronique valide"):
        registrations.register(EventFactory(), email="pas-une-adresse", name="X")


def test_raising_capacity_promotes_waiting_people(django_capture_on_commit_callbacks):
    event = EventFactory(capacity=0)
    people = [UserFactory() for _ in range(3)]
    for person in people:
        registrations.register(event, user=person)
    with django_capture_on_commit_callbacks(execute=True):
        registrations.set_capacity(event, capacity=2, by=None)
    statuses = dict(Registration.objects.values_list("email", "status"))
    assert [statuses[p.email] for p in people] == ["confirmed", "confirmed", "waitlisted"]


def test_attendance_only_for_confirmed_registrations():
    event = EventFactory(capacity=0)
    waiting = registrations.register(event, user=UserFactory())
    with pytest.raises(ValidationError):
        registrations.mark_attendance(waiting, attended=True, by=None)

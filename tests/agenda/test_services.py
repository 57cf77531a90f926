"""Moderation and public status: the transitions written once, refusals, side effects."""

import datetime

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.utils import timezone

from essaim.agenda import permissions, registrations, services
from essaim.agenda.enums import (
    MODERATION_TRANSITIONS,
    STATUS_TRANSITIONS,
    ModerationState,
    PublicStatus,
)
from essaim.agenda.models import Event, EventLogEntry
from tests.accounts.factories import MembershipFactory, UserFactory
from tests.agenda.factories import EventFactory, ProgrammeFactory, paris

pytestmark = pytest.mark.django_db


def test_every_state_has_a_transition_entry():
    assert set(MODERATION_TRANSITIONS) == set(ModerationState)
    assert set(STATUS_TRANSITIONS) == set(PublicStatus)
    assert STATUS_TRANSITIONS[PublicStatus.CANCELLED] == set()


def test_submit_publish_flow_in_a_programme(django_capture_on_commit_callbacks):
    programme = ProgrammeFactory()
    event = EventFactory(programme=programme, draft=True)
    with pytest.raises(ValidationError, match="soumettez-le d’abord"):
        services.publish(event, by=None)
    services.submit(event, by=None)
    with pytest.raises(ValidationError):
        services.submit(event, by=None)  # double submission refused, state unchanged
    services.publish(event, by=None)
    event.refresh_from_db()
    assert event.moderation_state == ModerationState.PUBLISHED
    assert EventLogEntry.objects.filter(event=event, kind="moderation").count() == 2


def test_submit_is_refused_when_the_call_is_closed():
    programme = ProgrammeFactory(
        call_opens_on=datetime.date(2020, 9, 1), call_closes_on=datetime.date(2020, 10, 31)
    )
    event = EventFactory(programme=programme, draft=True)
    with pytest.raises(ValidationError, match=r"appel à événements .* est fermé"):
        services.submit(event, by=None)


def test_refusal_requires_a_reason_and_tells_the_organiser(django_capture_on_commit_callbacks):
    author = UserFactory()
    event = EventFactory(programme=ProgrammeFactory(), submitted=True, created_by=author)
    with pytest.raises(ValidationError, match="motif obligatoire"):
        services.refuse(event, by=None, reason="  ")
    with django_capture_on_commit_callbacks(execute=True):
        services.refuse(event, by=None, reason="Hors des dates du programme.")
    event.refresh_from_db()
    assert event.moderation_state == ModerationState.REFUSED
    [message] = mail.outbox
    assert message.to == [author.email]
    assert "Hors des dates du programme." in message.body


def test_cancelled_event_stays_cancelled():
    event = EventFactory()
    services.change_status(event, to=PublicStatus.CANCELLED, by=None)
    with pytest.raises(ValidationError, match="Impossible"):
        services.change_status(event, to=PublicStatus.SCHEDULED, by=None)


def test_moving_online_needs_a_link():
    event = EventFactory(mode="onsite", online_url="")
    with pytest.raises(ValidationError, match="lien de connexion"):
        services.change_status(event, to=PublicStatus.MOVED_ONLINE, by=None)


def test_save_event_refuses_a_session_ending_before_it_starts():
    event = EventFactory()
    start = paris(2030, 3, 5, 14)
    with pytest.raises(ValidationError, match="finit avant de commencer"):
        services.save_event(event, by=None, sessions=[(start, start - datetime.timedelta(hours=1))])
    assert event.sessions.count() == 1


def test_save_event_without_calendar_change_mails_nobody(django_capture_on_commit_callbacks):
    event = EventFactory()
    registrations.register(event, user=UserFactory())
    mail.outbox.clear()
    event.description = "Une précision sans effet sur l’agenda."
    with django_capture_on_commit_callbacks(execute=True):
        services.save_event(event, by=None)
    assert mail.outbox == []
    event.refresh_from_db()
    assert event.sequence == 0


def test_permissions_of_the_standard_cast(agent, editor, other_agent, applicant, organisation):
    programme = ProgrammeFactory()
    coordinator = MembershipFactory(organisation=programme.coordinator, role="editor").user
    coordinator_member = MembershipFactory(organisation=programme.coordinator, role="member").user
    event = EventFactory(organiser=organisation, programme=programme, submitted=True)
    assert permissions.can_edit_event(agent, event)
    assert permissions.can_edit_event(coordinator, event)
    assert not permissions.can_edit_event(other_agent, event)
    assert not permissions.can_edit_event(applicant, event)
    assert permissions.can_coordinate(coordinator, programme)
    assert not permissions.can_coordinate(coordinator_member, programme)
    assert not permissions.can_coordinate(editor, programme)
    assert not permissions.can_publish_directly(editor, event)
    own = EventFactory(organiser=organisation, draft=True)
    assert permissions.can_publish_directly(editor, own)
    assert not permissions.can_publish_directly(agent, own)
    assert list(Event.objects.editable_by(other_agent)) == []


def test_reminders_are_sent_once_the_day_before(django_capture_on_commit_callbacks):
    tomorrow = timezone.localtime() + datetime.timedelta(hours=20)
    event = EventFactory(sessions=[(tomorrow, tomorrow + datetime.timedelta(hours=1))])
    EventFactory()  # next week: no reminder yet
    registrations.register(event, user=UserFactory())
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("send_event_reminders")
        call_command("send_event_reminders")
    [message] = mail.outbox
    assert "Rappel" in message.subject
    assert message.attachments[0][2].startswith("text/calendar")

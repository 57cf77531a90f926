"""The self-service link of a registration is signed: the one of the e-mail cancels (and the
waitlist moves up), a tampered or revoked one changes nothing and says why."""

import re

import pytest
from django.core import mail, signing
from django.urls import reverse

from essaim.agenda import registrations
from essaim.agenda.enums import RegistrationStatus
from essaim.agenda.models import Registration
from essaim.catalogue.alerts import UNSUBSCRIBE_SALT
from tests.accounts.factories import UserFactory
from tests.agenda.factories import EventFactory

pytestmark = pytest.mark.django_db

REFUSAL = "Ce lien d’inscription ne fonctionne pas"


def _link(message) -> str:
    """The path of the self-service link an e-mail carries."""
    url = re.search(r"https?://\S+/agenda/inscriptions/\S+/", message.body).group(0)
    return "/agenda/" + url.split("/agenda/", 1)[1]


def _registered(event, django_capture_on_commit_callbacks, **kwargs):
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        registration = registrations.register(event, user=UserFactory(), **kwargs)
    [message] = mail.outbox
    return registration, _link(message)


def test_link_of_the_email_cancels_and_the_first_waiting_person_gets_the_place(
    client, django_capture_on_commit_callbacks
):
    event = EventFactory(capacity=1)
    holder, link = _registered(event, django_capture_on_commit_callbacks)
    waiting, _link_of_waiting = _registered(event, django_capture_on_commit_callbacks)
    assert waiting.status == RegistrationStatus.WAITLISTED
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(link, {"action": "annuler"}, follow=True)

    assert "Votre inscription est annulée" in response.content.decode()
    holder.refresh_from_db()
    waiting.refresh_from_db()
    assert holder.status == RegistrationStatus.CANCELLED
    assert waiting.status == RegistrationStatus.CONFIRMED
    assert sorted(m.to[0] for m in mail.outbox) == sorted([holder.email, waiting.email])


@pytest.mark.parametrize(
    "tamper",
    [
        pytest.param(lambda link: link[:-2] + ("A" if link[-2] != "A" else "B") + "/", id="sig"),
        pytest.param(lambda link: link.replace("/inscriptions/e", "/inscriptions/f"), id="data"),
        pytest.param(lambda link: link.rsplit(":", 1)[0] + "/", id="unsigned"),
    ],
)
def test_tampered_link_is_refused_with_an_explanation_and_changes_nothing(
    client, django_capture_on_commit_callbacks, tamper
):
    event = EventFactory(capacity=5)
    registration, link = _registered(event, django_capture_on_commit_callbacks)
    tampered = tamper(link)
    assert tampered != link
    mail.outbox.clear()

    page = client.get(tampered)
    with django_capture_on_commit_callbacks(execute=True):
        posted = client.post(tampered, {"action": "annuler"})

    for response in (page, posted):
        assert response.status_code == 200
        assert REFUSAL in response.content.decode()
        assert registration.email not in response.content.decode()
    registration.refresh_from_db()
    assert registration.status == RegistrationStatus.CONFIRMED
    assert mail.outbox == []


def test_link_signed_for_another_purpose_is_refused(client):
    registration = registrations.register(EventFactory(), user=UserFactory())
    # The same content signed with the salt of another feature (the catalogue's alerts).
    forged = signing.Signer(salt=UNSUBSCRIBE_SALT).sign_object(
        {"id": registration.pk, "token": registration.token}
    )

    response = client.get(reverse("agenda:registration", args=[forged]))

    assert REFUSAL in response.content.decode()


def test_registering_again_after_cancelling_revokes_the_old_links(
    client, django_capture_on_commit_callbacks
):
    event = EventFactory(capacity=5)
    user = UserFactory()
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        registration = registrations.register(event, user=user)
    old_link = _link(mail.outbox[-1])
    registrations.cancel_registration(registration, by=user)
    with django_capture_on_commit_callbacks(execute=True):
        registrations.register(event, user=user)
    new_link = _link(mail.outbox[-1])

    assert REFUSAL in client.get(old_link).content.decode()
    client.post(old_link, {"action": "annuler"})
    assert Registration.objects.get(pk=registration.pk).status == RegistrationStatus.CONFIRMED
    assert REFUSAL not in client.get(new_link).content.decode()


def test_link_of_an_email_sent_before_links_were_signed_still_works(client):
    registration = registrations.register(EventFactory(), user=UserFactory())

    client.post(reverse("agenda:registration", args=[registration.token]), {"action": "annuler"})

    registration.refresh_from_db()
    assert registration.status == RegistrationStatus.CANCELLED

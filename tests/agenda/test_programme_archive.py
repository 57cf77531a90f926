"""« Archiver » a programme: its coordinators archive an edition; it leaves the agenda's list
of current programmes and its call for events closes, while its page and its events stay
readable with an « Édition archivée » notice."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from essaim.agenda import services
from essaim.agenda.organiser_forms import EventForm
from tests.accounts.factories import MembershipFactory
from tests.agenda.factories import EventFactory, ProgrammeFactory

pytestmark = pytest.mark.django_db

ARCHIVED = "Édition archivée"


@pytest.fixture
def programme(organisation):
    return ProgrammeFactory(coordinator=organisation, name="Mois de l’innovation publique 2020")


def _url(programme):
    return reverse("agenda:coordination_archive", args=[programme.slug])


def test_coordination_page_offers_to_archive(client, editor, programme):
    client.force_login(editor)

    page = client.get(reverse("agenda:coordination_programme", args=[programme.slug]))

    assert _url(programme) in page.content.decode()


def test_archive_page_asks_for_confirmation_and_changes_nothing(client, editor, programme):
    client.force_login(editor)

    response = client.get(_url(programme))

    assert response.status_code == 200
    assert 'name="csrfmiddlewaretoken"' in response.content.decode()
    programme.refresh_from_db()
    assert programme.archived_at is None


def test_coordinator_archives_the_programme(client, editor, programme, other_organisation):
    event = EventFactory(programme=programme)
    draft = EventFactory(programme=programme, organiser=other_organisation, draft=True)
    assert programme.get_absolute_url() in client.get(reverse("agenda:index")).content.decode()
    client.force_login(editor)

    response = client.post(_url(programme))

    assert response.status_code == 302
    programme.refresh_from_db()
    assert programme.is_archived
    client.logout()
    # Gone from the current programmes of the agenda…
    assert programme.get_absolute_url() not in client.get(reverse("agenda:index")).content.decode()
    # …but its page and its events stay readable, with the notice.
    page = client.get(programme.get_absolute_url())
    assert page.status_code == 200
    html = page.content.decode()
    assert ARCHIVED in html and event.title in html
    assert client.get(event.get_absolute_url()).status_code == 200
    # Its call for events is closed: no more choice in the form, no more submission.
    assert not programme.call_is_open()
    member = MembershipFactory(organisation=other_organisation, role="member").user
    assert programme not in EventForm(user=member).fields["programme"].queryset
    with pytest.raises(ValidationError, match="fermé"):
        services.submit(draft, by=member)


def test_archiving_twice_says_it_is_already_archived(client, editor, programme):
    client.force_login(editor)
    client.post(_url(programme))

    response = client.post(_url(programme), follow=True)

    assert "déjà archivé" in response.content.decode()


def test_archive_is_refused_to_an_agent_of_another_organisation(client, other_agent, programme):
    client.force_login(other_agent)

    response = client.post(_url(programme))

    assert response.status_code == 403
    programme.refresh_from_db()
    assert programme.archived_at is None


def test_archive_is_refused_to_a_mere_member_of_the_coordinating_organisation(
    client, agent, programme
):
    client.force_login(agent)

    response = client.post(_url(programme))

    assert response.status_code == 403
    programme.refresh_from_db()
    assert programme.archived_at is None


def test_archive_sends_anonymous_visitors_to_sign_in(client, programme):
    response = client.post(_url(programme))

    assert response.status_code == 302
    assert "connexion" in response.url or "login" in response.url
    programme.refresh_from_db()
    assert programme.archived_at is None

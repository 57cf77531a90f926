"""An anonymous visitor never sees a draft: not on its page, the list, the exports or the API."""

import pytest
from django.urls import reverse

from essaim.catalogue.models import Initiative
from tests.accounts.factories import MembershipFactory
from tests.catalogue.factories import InitiativeFactory, LabFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def draft(organisation):
    return InitiativeFactory(title="Projet confidentiel", draft=True, carriers=[organisation])


def _body(response):
    if response.streaming:
        return b"".join(response.streaming_content).decode()
    return response.content.decode()


def test_draft_page_is_not_found_for_anonymous(client, draft):
    assert client.get(draft.get_absolute_url()).status_code == 404


def test_draft_page_is_not_found_for_an_agent_of_another_organisation(client, draft, other_agent):
    client.force_login(other_agent)
    assert client.get(draft.get_absolute_url()).status_code == 404


def test_draft_page_is_not_found_for_a_mere_member_of_the_carrier(client, draft, agent):
    client.force_login(agent)
    assert client.get(draft.get_absolute_url()).status_code == 404


def test_draft_page_is_shown_to_an_editor_of_the_carrier(client, draft, editor):
    client.force_login(editor)
    response = client.get(draft.get_absolute_url())
    assert response.status_code == 200
    assert "Brouillon" in response.content.decode()


def test_draft_page_is_shown_to_an_editor_of_the_supporting_lab(client):
    lab = LabFactory()
    lab_editor = MembershipFactory(organisation=lab, role="editor").user
    draft = InitiativeFactory(draft=True, labs=[lab])
    client.force_login(lab_editor)
    assert client.get(draft.get_absolute_url()).status_code == 200


@pytest.mark.parametrize(
    "url",
    [
        reverse("catalogue:list"),
        reverse("catalogue:list") + "?q=confidentiel",
        reverse("catalogue:export_csv"),
        reverse("catalogue:export_json"),
        reverse("catalogue:map") + "?q=confidentiel",
        "/api/v1/initiatives",
        "/api/v1/initiatives?q=confidentiel",
    ],
)
def test_draft_is_absent_from_lists_exports_and_api(client, draft, editor, url):
    InitiativeFactory(title="Projet public")
    # Even its own editor sees only published initiatives in lists and open data.
    client.force_login(editor)
    response = client.get(url)
    assert response.status_code == 200
    body = _body(response)
    assert "Projet confidentiel" not in body
    assert draft.slug not in body


def test_draft_is_absent_from_the_api_detail(client, draft):
    assert client.get(f"/api/v1/initiatives/{draft.slug}").status_code == 404


def test_archived_initiative_page_stays_reachable_but_leaves_the_list(client):
    archived = InitiativeFactory(title="Ancienne initiative", archived=True)
    response = client.get(archived.get_absolute_url())
    assert response.status_code == 200
    assert "archivée" in response.content.decode()
    assert "Ancienne initiative" not in client.get(reverse("catalogue:list")).content.decode()


def test_draft_origin_is_never_linked_from_a_published_replication(client, draft):
    replication = InitiativeFactory(title="Reprise publique", origin=draft)
    body = client.get(replication.get_absolute_url()).content.decode()
    assert draft.get_absolute_url() not in body
    assert "confidentiel" not in body.lower()


def test_visible_to_gives_superusers_every_draft(draft, django_user_model):
    admin = django_user_model.objects.create_superuser("ops@exemple.fr", "x" * 16)
    assert list(Initiative.objects.visible_to(admin)) == [draft]

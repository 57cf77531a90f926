"""The links people need to find their way: alert for this search, propose, labs, history,
moderation. Each appears for those who may use it, and only for them."""

import pytest
from django.contrib.auth.models import Permission

from tests.accounts.factories import UserFactory
from tests.catalogue.factories import InitiativeFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def operator(db):
    user = UserFactory(is_staff=True)
    user.user_permissions.add(Permission.objects.get(codename="moderate_initiative"))
    return user


def test_list_offers_an_alert_for_the_current_search_and_the_labs(client):
    InitiativeFactory(title="Nord autonomie")

    html = client.get("/initiatives/?q=formulaire&etape=experiment").content.decode()

    assert 'href="/initiatives/alertes/nouvelle/?q=formulaire&amp;etape=experiment"' in html
    assert 'href="/initiatives/laboratoires/"' in html


def test_the_alert_link_leads_to_a_form_describing_that_search(client):
    html = client.get("/initiatives/alertes/nouvelle/?q=formulaire").content.decode()

    assert "formulaire" in html


def test_only_editors_are_offered_to_propose_an_initiative(client, editor):
    assert 'href="/initiatives/nouvelle/"' not in client.get("/initiatives/").content.decode()

    client.force_login(editor)
    assert 'href="/initiatives/nouvelle/"' in client.get("/initiatives/").content.decode()


def test_a_member_without_the_editor_role_is_not_offered_to_propose(client, agent):
    client.force_login(agent)
    assert 'href="/initiatives/nouvelle/"' not in client.get("/initiatives/").content.decode()


def test_detail_links_to_history_for_its_editors_only(client, editor, organisation, other_agent):
    initiative = InitiativeFactory(carriers=[organisation])
    history = f'href="/initiatives/{initiative.slug}/historique/"'

    assert history not in client.get(initiative.get_absolute_url()).content.decode()
    client.force_login(other_agent)
    assert history not in client.get(initiative.get_absolute_url()).content.decode()
    client.force_login(editor)
    assert history in client.get(initiative.get_absolute_url()).content.decode()
    assert client.get(f"/initiatives/{initiative.slug}/historique/").status_code == 200


def test_moderation_is_linked_for_moderators_only(client, editor, operator, organisation):
    initiative = InitiativeFactory(carriers=[organisation])
    moderation = 'href="/initiatives/moderation/"'

    client.force_login(editor)
    assert moderation not in client.get(initiative.get_absolute_url()).content.decode()
    assert moderation not in client.get("/initiatives/").content.decode()
    client.force_login(operator)
    assert moderation in client.get(initiative.get_absolute_url()).content.decode()
    assert moderation in client.get("/initiatives/").content.decode()
    assert client.get("/initiatives/moderation/").status_code == 200

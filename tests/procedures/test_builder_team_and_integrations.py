"""The builder's « Instructeurs » (editors) and « Intégrations » (administrators) pages."""

import pytest
from django.urls import reverse

from essaim.procedures.models import ApiToken, Instructor, InstructorGroup, Webhook
from tests.accounts.factories import UserFactory
from tests.procedures.factories import InstructorGroupFactory, ProcedureFactory, build_form

pytestmark = pytest.mark.django_db


@pytest.fixture
def procedure(organisation):
    procedure = ProcedureFactory(organisation=organisation)
    build_form(procedure, [("Demande", [dict(key="departement", label="Département")])])
    return procedure


@pytest.fixture
def group(procedure):
    return InstructorGroupFactory(procedure=procedure, name="Instructeurs", is_default=True)


def test_editor_adds_a_routed_group_and_an_agent(client, editor, procedure, group):
    client.force_login(editor)
    url = reverse("procedures:builder_team", args=[procedure.pk])
    response = client.post(
        url, {"groupe-name": "Nord", "groupe-routing_condition": 'departement = "59"'}
    )
    assert response.status_code == 302
    nord = InstructorGroup.objects.get(name="Nord")
    assert nord.routing_condition == {"field": "departement", "op": "eq", "value": "59"}
    assert not nord.is_default
    agent = UserFactory(email="ines.agent@nord.fr")
    client.post(
        reverse("procedures:builder_team_action", args=[procedure.pk, nord.pk]),
        {"action": "add", f"g{nord.pk}-email": "Ines.Agent@nord.fr"},
    )
    assert nord.members.get() == agent
    page = client.get(url).content.decode()
    assert "ines.agent@nord.fr" in page
    assert "Reçoit les dossiers où" in page


def test_routing_rule_on_an_unknown_field_is_explained(client, editor, procedure, group):
    client.force_login(editor)
    response = client.post(
        reverse("procedures:builder_team", args=[procedure.pk]),
        {"groupe-name": "Nord", "groupe-routing_condition": 'commune = "Lille"'},
    )
    assert response.status_code == 200
    assert "Le champ « commune » n’existe pas" in response.content.decode()
    assert not InstructorGroup.objects.filter(name="Nord").exists()


def test_adding_an_unknown_address_says_what_to_do(client, editor, procedure, group):
    client.force_login(editor)
    response = client.post(
        reverse("procedures:builder_team_action", args=[procedure.pk, group.pk]),
        {"action": "add", f"g{group.pk}-email": "personne@nulle-part.fr"},
        follow=True,
    )
    assert "demandez à cette personne de créer son compte" in response.content.decode()
    assert not Instructor.objects.exists()


def test_default_group_cannot_be_deleted(client, editor, procedure, group):
    client.force_login(editor)
    response = client.post(
        reverse("procedures:builder_team_action", args=[procedure.pk, group.pk]),
        {"action": "delete"},
        follow=True,
    )
    assert "groupe par défaut" in response.content.decode()
    assert InstructorGroup.objects.filter(pk=group.pk).exists()


@pytest.mark.parametrize("who", ["applicant", "agent", "other_agent"])
def test_team_page_refuses_non_editors(client, procedure, group, who, request):
    client.force_login(request.getfixturevalue(who))
    assert client.get(reverse("procedures:builder_team", args=[procedure.pk])).status_code == 403
    response = client.post(
        reverse("procedures:builder_team_action", args=[procedure.pk, group.pk]),
        {"action": "add", f"g{group.pk}-email": request.getfixturevalue(who).email},
    )
    assert response.status_code == 403
    assert not Instructor.objects.exists()


def test_administrator_adds_a_webhook_and_a_token_shown_once(client, org_admin, procedure):
    client.force_login(org_admin)
    client.post(
        reverse("procedures:builder_webhook_add", args=[procedure.pk]),
        {"webhook-url": "https://iodas.exemple.fr/essaim", "webhook-include_answers": "on"},
    )
    webhook = Webhook.objects.get()
    assert (webhook.url, webhook.include_answers) == ("https://iodas.exemple.fr/essaim", True)
    response = client.post(
        reverse("procedures:builder_token_add", args=[procedure.pk]),
        {"jeton-name": "IODAS", "jeton-write": "on", "jeton-only_this": "on"},
    )
    token = ApiToken.objects.get()
    page = response.content.decode()
    raw = page.split("<code>ess_", 1)[1].split("</code>", 1)[0]
    assert token.prefix == ("ess_" + raw)[:12]
    assert token.scopes == ["dossiers:read", "dossiers:write"]
    assert list(token.procedures.all()) == [procedure]
    # The clear token is never shown again.
    page = client.get(reverse("procedures:builder_integrations", args=[procedure.pk]))
    assert raw not in page.content.decode()
    client.post(reverse("procedures:builder_token_revoke", args=[procedure.pk, token.pk]))
    token.refresh_from_db()
    assert token.revoked_at is not None


@pytest.mark.parametrize("who", ["applicant", "agent", "editor", "other_agent"])
def test_integrations_are_for_administrators_only(client, procedure, who, request):
    client.force_login(request.getfixturevalue(who))
    url = reverse("procedures:builder_integrations", args=[procedure.pk])
    assert client.get(url).status_code == 403
    response = client.post(
        reverse("procedures:builder_webhook_add", args=[procedure.pk]),
        {"webhook-url": "https://pirate.exemple.fr/"},
    )
    assert response.status_code == 403
    response = client.post(
        reverse("procedures:builder_token_add", args=[procedure.pk]), {"jeton-name": "X"}
    )
    assert response.status_code == 403
    assert not Webhook.objects.exists() and not ApiToken.objects.exists()


def test_anonymous_visitors_are_sent_to_sign_in(client, procedure):
    for url in (
        reverse("procedures:builder_team", args=[procedure.pk]),
        reverse("procedures:builder_integrations", args=[procedure.pk]),
    ):
        response = client.get(url)
        assert response.status_code == 302
        assert "/compte/connexion/" in response["Location"]

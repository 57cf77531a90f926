"""Members of an organisation: roles, removal, leaving, and the last-administrator rule."""

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from essaim.accounts import org_services as services
from essaim.accounts.models import Membership, Role
from tests.accounts.factories import MembershipFactory

pytestmark = pytest.mark.django_db


def membership_of(user, organisation):
    return Membership.objects.get(user=user, organisation=organisation)


def test_members_page_lists_members_with_their_roles(client, organisation, org_admin, agent):
    client.force_login(org_admin)
    html = client.get(reverse("organisations:members", args=[organisation.slug])).content.decode()
    assert agent.display_name in html and agent.email in html
    assert f"Rôle de {agent.display_name}" in html


def test_change_role_by_administrator(client, organisation, org_admin, agent):
    client.force_login(org_admin)
    membership = membership_of(agent, organisation)
    url = reverse("organisations:change_role", args=[organisation.slug, membership.pk])
    response = client.post(url, {"role": Role.EDITOR}, follow=True)
    assert membership_of(agent, organisation).role == Role.EDITOR
    assert f"{agent.display_name} est maintenant « Éditeur »." in response.content.decode()


def test_change_role_unknown_role_is_refused(client, organisation, org_admin, agent):
    client.force_login(org_admin)
    membership = membership_of(agent, organisation)
    url = reverse("organisations:change_role", args=[organisation.slug, membership.pk])
    response = client.post(url, {"role": "king"}, follow=True)
    assert "Choisissez un rôle dans la liste." in response.content.decode()
    assert membership_of(agent, organisation).role == Role.MEMBER


def test_change_role_of_another_organisation_member_is_404(
    client, organisation, org_admin, other_agent, other_organisation
):
    client.force_login(org_admin)
    membership = membership_of(other_agent, other_organisation)
    url = reverse("organisations:change_role", args=[organisation.slug, membership.pk])
    assert client.post(url, {"role": Role.MEMBER}).status_code == 404
    assert membership_of(other_agent, other_organisation).role == Role.ADMIN


def test_change_role_get_is_not_allowed(client, organisation, org_admin):
    client.force_login(org_admin)
    membership = membership_of(org_admin, organisation)
    url = reverse("organisations:change_role", args=[organisation.slug, membership.pk])
    assert client.get(url).status_code == 405


def test_last_admin_cannot_demote_themselves(client, organisation, org_admin):
    client.force_login(org_admin)
    membership = membership_of(org_admin, organisation)
    url = reverse("organisations:change_role", args=[organisation.slug, membership.pk])
    response = client.post(url, {"role": Role.MEMBER}, follow=True)
    assert "Vous êtes le seul administrateur de l’organisation" in response.content.decode()
    assert membership_of(org_admin, organisation).role == Role.ADMIN


def test_admin_can_demote_themselves_when_another_admin_remains(client, organisation, org_admin):
    MembershipFactory(organisation=organisation, role=Role.ADMIN)
    client.force_login(org_admin)
    membership = membership_of(org_admin, organisation)
    url = reverse("organisations:change_role", args=[organisation.slug, membership.pk])
    response = client.post(url, {"role": Role.EDITOR})
    assert membership_of(org_admin, organisation).role == Role.EDITOR
    # No longer an administrator: sent back to the organisation's page, not the members page.
    assert response.url == reverse("organisations:detail", args=[organisation.slug])


def test_last_admin_cannot_be_removed(client, organisation, org_admin):
    client.force_login(org_admin)
    membership = membership_of(org_admin, organisation)
    url = reverse("organisations:remove_member", args=[organisation.slug, membership.pk])
    response = client.post(url, follow=True)
    assert "Vous êtes le seul administrateur" in response.content.decode()
    assert Membership.objects.filter(pk=membership.pk).exists()


def test_last_admin_cannot_leave(client, organisation, org_admin):
    client.force_login(org_admin)
    response = client.post(reverse("organisations:leave", args=[organisation.slug]), follow=True)
    assert "nommez d’abord un autre administrateur" in response.content.decode()
    assert membership_of(org_admin, organisation).role == Role.ADMIN


def test_last_admin_rule_holds_in_the_services(organisation, org_admin):
    other_admin = MembershipFactory(organisation=organisation, role=Role.ADMIN)
    services.change_role(membership=other_admin, role=Role.MEMBER, by=org_admin)
    with pytest.raises(services.OrganisationRuleError, match="seul administrateur"):
        services.change_role(
            membership=membership_of(org_admin, organisation), role=Role.EDITOR, by=org_admin
        )
    with pytest.raises(services.OrganisationRuleError, match="seul administrateur"):
        services.remove_member(membership=membership_of(org_admin, organisation), by=org_admin)
    assert membership_of(org_admin, organisation).role == Role.ADMIN


def test_services_refuse_non_administrators(organisation, agent, editor, other_agent):
    membership = membership_of(agent, organisation)
    for user in (agent, editor, other_agent):
        with pytest.raises(PermissionDenied):
            services.change_role(membership=membership, role=Role.ADMIN, by=user)
        with pytest.raises(PermissionDenied):
            services.invite_member(
                organisation=organisation, email="x@exemple.fr", role=Role.MEMBER, by=user
            )
    with pytest.raises(PermissionDenied):
        services.remove_member(membership=membership_of(editor, organisation), by=agent)
    assert membership_of(agent, organisation).role == Role.MEMBER


def test_remove_member_by_administrator(client, organisation, org_admin, agent):
    client.force_login(org_admin)
    membership = membership_of(agent, organisation)
    url = reverse("organisations:remove_member", args=[organisation.slug, membership.pk])
    assert "ne fera plus partie" in client.get(url).content.decode()
    response = client.post(url, follow=True)
    assert "ne fait plus partie de l’organisation" in response.content.decode()
    assert not Membership.objects.filter(pk=membership.pk).exists()


def test_remove_member_already_gone_says_so(organisation, org_admin, agent):
    membership = membership_of(agent, organisation)
    services.remove_member(membership=membership, by=org_admin)
    with pytest.raises(services.OrganisationRuleError, match="ne fait déjà plus partie"):
        services.remove_member(membership=membership, by=org_admin)


def test_member_leaves_the_organisation(client, organisation, agent):
    client.force_login(agent)
    url = reverse("organisations:leave", args=[organisation.slug])
    assert "Vous allez quitter l’organisation" in client.get(url).content.decode()
    response = client.post(url, follow=True)
    assert "Vous avez quitté l’organisation" in response.content.decode()
    assert not Membership.objects.filter(user=agent, organisation=organisation).exists()


def test_admin_leaves_when_another_admin_remains(client, organisation, org_admin):
    MembershipFactory(organisation=organisation, role=Role.ADMIN)
    client.force_login(org_admin)
    client.post(reverse("organisations:leave", args=[organisation.slug]))
    assert not Membership.objects.filter(user=org_admin, organisation=organisation).exists()

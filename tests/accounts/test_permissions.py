"""The rules of essaim.accounts.permissions, and every page that applies them."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.urls import reverse

from essaim.accounts import permissions
from essaim.accounts.models import Invitation, Membership, Role
from tests.accounts.factories import InvitationFactory, MembershipFactory, UserFactory

pytestmark = pytest.mark.django_db


def cast_member(request, name):
    return AnonymousUser() if name == "anonymous" else request.getfixturevalue(name)


@pytest.mark.parametrize(
    "name, member, can_edit, can_manage",
    [
        ("anonymous", False, False, False),
        ("applicant", False, False, False),
        ("other_agent", False, False, False),
        ("agent", True, False, False),
        ("editor", True, True, False),
        ("org_admin", True, True, True),
    ],
)
def test_permissions_follow_the_role(request, organisation, name, member, can_edit, can_manage):
    user = cast_member(request, name)
    assert permissions.is_member(user, organisation) is member
    assert permissions.can_see_members(user, organisation) is member
    assert permissions.can_edit_for(user, organisation) is can_edit
    assert permissions.can_manage_organisation(user, organisation) is can_manage


def test_permissions_superuser_manages_every_organisation(organisation):
    superuser = UserFactory(is_superuser=True, is_staff=True)
    assert permissions.can_manage_organisation(superuser, organisation)
    assert permissions.can_edit_for(superuser, organisation)
    assert not permissions.is_member(superuser, organisation)


def test_permissions_inactive_user_has_no_role(organisation):
    user = MembershipFactory(organisation=organisation, role=Role.ADMIN).user
    user.is_active = False
    assert not permissions.can_manage_organisation(user, organisation)


def test_permissions_create_organisation_needs_a_confirmed_email(applicant):
    assert permissions.can_create_organisation(applicant)
    assert not permissions.can_create_organisation(UserFactory(email_confirmed_at=None))
    assert not permissions.can_create_organisation(AnonymousUser())


def test_permissions_querysets_list_the_right_organisations(organisation, other_organisation):
    user = UserFactory()
    MembershipFactory(user=user, organisation=organisation, role=Role.EDITOR)
    MembershipFactory(user=user, organisation=other_organisation, role=Role.MEMBER)
    assert set(permissions.organisations_of(user)) == {organisation, other_organisation}
    assert list(permissions.organisations_editable_by(user)) == [organisation]
    assert not permissions.organisations_managed_by(user).exists()
    assert not permissions.organisations_of(AnonymousUser()).exists()


# Every page reserved to administrators refuses the others.


def _admin_only_requests(organisation, membership):
    invitation = InvitationFactory(organisation=organisation)
    slug = organisation.slug
    return [
        ("get", reverse("organisations:edit", args=[slug]), {}),
        ("post", reverse("organisations:edit", args=[slug]), {"name": "Piratée", "kind": "lab"}),
        ("get", reverse("organisations:members", args=[slug]), {}),
        (
            "post",
            reverse("organisations:members", args=[slug]),
            {"email": "intrus@exemple.fr", "role": "admin"},
        ),
        (
            "post",
            reverse("organisations:change_role", args=[slug, membership.pk]),
            {"role": "member"},
        ),
        ("get", reverse("organisations:remove_member", args=[slug, membership.pk]), {}),
        ("post", reverse("organisations:remove_member", args=[slug, membership.pk]), {}),
        ("post", reverse("organisations:cancel_invitation", args=[slug, invitation.pk]), {}),
    ]


@pytest.mark.parametrize("name", ["applicant", "agent", "editor", "other_agent"])
def test_admin_pages_refuse_signed_in_non_administrators(client, request, organisation, name):
    admin = MembershipFactory(organisation=organisation, role=Role.ADMIN)
    client.force_login(request.getfixturevalue(name))
    for method, url, data in _admin_only_requests(organisation, admin):
        response = getattr(client, method)(url, data)
        assert response.status_code == 403, (method, url)
        assert "Seuls les administrateurs" in response.content.decode()
    organisation.refresh_from_db()
    assert organisation.name != "Piratée"
    assert Membership.objects.get(pk=admin.pk).role == Role.ADMIN
    assert Invitation.objects.filter(organisation=organisation).count() == 1


def test_admin_pages_send_anonymous_visitors_to_login(client, organisation):
    admin = MembershipFactory(organisation=organisation, role=Role.ADMIN)
    for method, url, data in _admin_only_requests(organisation, admin):
        response = getattr(client, method)(url, data)
        assert response.status_code == 302, (method, url)
        assert response.url.startswith(reverse("accounts:login") + "?next=")


@pytest.mark.parametrize("url_name", ["edit", "members"])
def test_admin_pages_open_to_the_administrator(client, organisation, org_admin, url_name):
    client.force_login(org_admin)
    response = client.get(reverse(f"organisations:{url_name}", args=[organisation.slug]))
    assert response.status_code == 200


@pytest.mark.parametrize("url_name", ["leave", "create"])
def test_member_pages_send_anonymous_visitors_to_login(client, organisation, url_name):
    args = [organisation.slug] if url_name == "leave" else []
    response = client.get(reverse(f"organisations:{url_name}", args=args))
    assert response.status_code == 302
    assert response.url.startswith(reverse("accounts:login") + "?next=")


@pytest.mark.parametrize("name", ["applicant", "other_agent"])
def test_leave_refuses_non_members(client, request, organisation, name):
    client.force_login(request.getfixturevalue(name))
    response = client.post(reverse("organisations:leave", args=[organisation.slug]))
    assert response.status_code == 403
    assert "Vous ne faites pas partie de cette organisation" in response.content.decode()

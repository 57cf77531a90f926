"""Invitations: from the administrator's form to the invitee's membership, through e-mail."""

import re
from datetime import timedelta
from urllib.parse import parse_qs, urlsplit

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from essaim.accounts import org_services as services
from essaim.accounts.models import Invitation, Membership, Role
from tests.accounts.factories import (
    PASSWORD,
    InvitationFactory,
    MembershipFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

LINK = re.compile(r"https?://\S+?(/organisations/invitations/[\w-]+/)")


def invite(client, organisation, capture, email, role=Role.MEMBER):
    with capture(execute=True):
        return client.post(
            reverse("organisations:members", args=[organisation.slug]),
            {"email": email, "role": role},
            follow=True,
        )


def link_in(message) -> str:
    return LINK.search(message.body).group(1)


def test_invitation_end_to_end_for_a_new_person(
    client, organisation, org_admin, django_capture_on_commit_callbacks
):
    client.force_login(org_admin)
    response = invite(
        client, organisation, django_capture_on_commit_callbacks, "Camille@Exemple.fr", Role.EDITOR
    )
    assert "Invitation envoyée à camille@exemple.fr" in response.content.decode()
    [message] = mail.outbox
    assert message.to == ["camille@exemple.fr"]
    assert organisation.name in message.subject
    assert "Éditeur" in message.body
    assert org_admin.display_name in message.body
    link = link_in(message)
    assert link in message.alternatives[0][0]

    client.logout()
    response = client.get(link)
    assert response.status_code == 302
    target = urlsplit(response.url)
    assert target.path == reverse("accounts:signup")
    assert parse_qs(target.query) == {"next": [link], "email": ["camille@exemple.fr"]}

    camille = UserFactory(email="camille@exemple.fr")
    client.force_login(camille)
    page = client.get(link)
    assert page.status_code == 200
    assert f"vous invite à rejoindre l’organisation « {organisation.name} »" in (
        page.content.decode()
    )
    response = client.post(link, follow=True)
    assert f"Bienvenue dans l’organisation « {organisation.name} »" in response.content.decode()
    assert Membership.objects.get(user=camille, organisation=organisation).role == Role.EDITOR
    assert Invitation.objects.get().accepted_at is not None

    # The link was used: a second visit explains it.
    response = client.get(link)
    assert response.status_code == 410
    assert "Cette invitation a déjà été utilisée" in response.content.decode()


def sign_up_dominique(client, capture, **extra):
    with capture(execute=True):
        return client.post(
            reverse("accounts:signup"),
            {
                "email": "dominique@exemple.fr",
                "first_name": "Dominique",
                "last_name": "Petit",
                "password1": PASSWORD,
                "password2": PASSWORD,
                "accept_terms": "on",
                **extra,
            },
        )


def confirmation_link(message) -> str:
    return re.search(r"https?://\S+/compte/confirmation/\S+", message.body).group(0)


def test_invitation_new_person_signs_up_confirms_and_lands_back_on_the_invitation(
    client, organisation, django_capture_on_commit_callbacks, settings
):
    invitation = InvitationFactory(organisation=organisation, email="dominique@exemple.fr")
    link = reverse("organisations:invitation", args=[invitation.token])

    signup_page = client.get(link, follow=True)
    form = signup_page.context["form"]
    assert form["email"].value() == "dominique@exemple.fr"
    html = signup_page.content.decode()
    assert f'name="next" value="{link}"' in html
    # Someone who already has an account goes to sign in without losing the invitation.
    assert f'href="{reverse("accounts:login")}?next={link.replace("/", "%2F")}"' in html

    response = sign_up_dominique(client, django_capture_on_commit_callbacks, next=link)
    assert response.url == reverse("accounts:signup_done")
    confirm = confirmation_link(mail.outbox[-1])

    response = client.get(confirm.removeprefix(settings.SITE_URL), follow=True)
    assert response.redirect_chain[-1][0] == link
    assert f"invité à rejoindre l’organisation « {organisation.name} »" in (
        response.content.decode()
    )
    response = client.post(link, follow=True)
    assert f"Bienvenue dans l’organisation « {organisation.name} »" in response.content.decode()
    member = Membership.objects.get(organisation=organisation, user__email="dominique@exemple.fr")
    assert member.role == invitation.role


def test_signup_next_to_another_site_is_ignored_after_confirmation(
    client, django_capture_on_commit_callbacks, settings
):
    sign_up_dominique(client, django_capture_on_commit_callbacks, next="https://pirate.example/")
    confirm = confirmation_link(mail.outbox[-1])
    response = client.get(confirm.removeprefix(settings.SITE_URL))
    assert response.url == reverse("accounts:space")


def test_invitation_anonymous_with_an_account_is_sent_to_login(client, organisation):
    camille = UserFactory(email="camille@exemple.fr")
    invitation = InvitationFactory(organisation=organisation, email=camille.email)
    link = reverse("organisations:invitation", args=[invitation.token])
    response = client.get(link)
    target = urlsplit(response.url)
    assert target.path == reverse("accounts:login")
    assert parse_qs(target.query) == {"next": [link]}


def test_invitation_pending_email_is_resent_not_duplicated(
    client, organisation, org_admin, django_capture_on_commit_callbacks
):
    client.force_login(org_admin)
    invite(client, organisation, django_capture_on_commit_callbacks, "camille@exemple.fr")
    response = invite(
        client, organisation, django_capture_on_commit_callbacks, "CAMILLE@exemple.fr", Role.ADMIN
    )
    assert "avait déjà une invitation : nous la lui avons renvoyée" in response.content.decode()
    invitation = Invitation.objects.get()
    assert invitation.role == Role.ADMIN
    assert len(mail.outbox) == 2
    assert link_in(mail.outbox[0]) == link_in(mail.outbox[1])


def test_invitation_expired_can_be_sent_again(organisation, org_admin):
    invitation = InvitationFactory(
        organisation=organisation, expires_at=timezone.now() - timedelta(days=1)
    )
    again, created = services.invite_member(
        organisation=organisation, email=invitation.email, role=Role.MEMBER, by=org_admin
    )
    assert not created and again.pk == invitation.pk
    assert again.is_pending


def test_invitation_of_an_existing_member_is_refused(
    client, organisation, org_admin, agent, django_capture_on_commit_callbacks
):
    client.force_login(org_admin)
    response = invite(client, organisation, django_capture_on_commit_callbacks, agent.email)
    assert "est déjà membre de l’organisation" in response.content.decode()
    assert not Invitation.objects.exists()
    assert not mail.outbox


def test_invitation_form_wrong_email_says_how_to_fix(
    client, organisation, org_admin, django_capture_on_commit_callbacks
):
    client.force_login(org_admin)
    response = invite(client, organisation, django_capture_on_commit_callbacks, "camille@")
    assert "Saisissez une adresse de courriel valide" in response.content.decode()
    assert not Invitation.objects.exists()


def test_invitation_expired_gets_a_clear_page(client, organisation):
    camille = UserFactory()
    invitation = InvitationFactory(
        organisation=organisation,
        email=camille.email,
        expires_at=timezone.now() - timedelta(minutes=1),
    )
    for visitor in (None, camille):
        if visitor:
            client.force_login(visitor)
        url = reverse("organisations:invitation", args=[invitation.token])
        response = client.post(url)
        assert response.status_code == 410
        assert "Cette invitation a expiré" in response.content.decode()
    assert not Membership.objects.filter(user=camille).exists()


def test_invitation_for_another_address_is_refused(client, organisation, applicant):
    invitation = InvitationFactory(organisation=organisation, email="camille@exemple.fr")
    client.force_login(applicant)
    response = client.post(reverse("organisations:invitation", args=[invitation.token]))
    assert response.status_code == 403
    assert "Cette invitation a été envoyée à camille@exemple.fr" in response.content.decode()
    assert not Membership.objects.filter(user=applicant).exists()


def test_invitation_unknown_token_gets_a_clear_page(client):
    response = client.get(reverse("organisations:invitation", args=["pas-un-jeton"]))
    assert response.status_code == 404
    assert "Ce lien d’invitation n’est pas valide" in response.content.decode()


def test_invitation_cancelled_link_stops_working(client, organisation, org_admin):
    invitation = InvitationFactory(organisation=organisation)
    client.force_login(org_admin)
    url = reverse("organisations:cancel_invitation", args=[organisation.slug, invitation.pk])
    response = client.post(url, follow=True)
    assert f"L’invitation de {invitation.email} est annulée." in response.content.decode()
    link = reverse("organisations:invitation", args=[invitation.token])
    assert client.get(link).status_code == 404


def test_invitation_accepted_by_a_member_of_another_organisation(
    client, organisation, other_agent, other_organisation
):
    invitation = InvitationFactory(organisation=organisation, email=other_agent.email)
    client.force_login(other_agent)
    client.post(reverse("organisations:invitation", args=[invitation.token]))
    assert set(other_agent.organisations.all()) == {organisation, other_organisation}


def test_invitation_accepted_by_a_member_only_raises_the_role(organisation, agent, editor):
    services.accept_invitation(
        invitation=InvitationFactory(organisation=organisation, email=agent.email, role="admin"),
        user=agent,
    )
    services.accept_invitation(
        invitation=InvitationFactory(organisation=organisation, email=editor.email, role="member"),
        user=editor,
    )
    assert Membership.objects.get(user=agent).role == Role.ADMIN
    assert Membership.objects.get(user=editor).role == Role.EDITOR


def test_invitation_pending_listed_on_members_page(client, organisation, org_admin):
    InvitationFactory(organisation=organisation, email="camille@exemple.fr", role="editor")
    client.force_login(org_admin)
    html = client.get(reverse("organisations:members", args=[organisation.slug])).content.decode()
    assert "camille@exemple.fr" in html
    assert "Jusqu’au" in html


def test_invitation_by_non_administrator_sends_nothing(
    client, organisation, editor, django_capture_on_commit_callbacks
):
    MembershipFactory(organisation=organisation, role=Role.ADMIN)
    client.force_login(editor)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("organisations:members", args=[organisation.slug]),
            {"email": "camille@exemple.fr", "role": "admin"},
        )
    assert response.status_code == 403
    assert not mail.outbox
    assert not Invitation.objects.exists()

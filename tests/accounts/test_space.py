"""The personal space: identity, organisations, name, data download, account deletion."""

import json

import pytest
from django.contrib.auth.hashers import is_password_usable
from django.urls import reverse

from essaim.accounts.models import Invitation, Membership, User
from essaim.accounts.services import LastAdministratorError, anonymise_user
from tests.accounts.factories import PASSWORD, MembershipFactory, UserFactory

pytestmark = pytest.mark.django_db

SPACE_PAGES = ["space", "edit_profile", "export_data", "delete_account", "password_change"]


@pytest.mark.parametrize("name", SPACE_PAGES)
def test_space_pages_anonymous_redirected_to_login(client, name):
    url = reverse(f"accounts:{name}")
    response = client.get(url)
    assert response.status_code == 302
    assert response.url == f"{reverse('accounts:login')}?next={url}"


def test_space_shows_identity_and_organisations_with_role(client, editor, organisation):
    client.force_login(editor)
    html = client.get(reverse("accounts:space")).content.decode()
    assert editor.email in html
    assert editor.last_name in html
    assert organisation.name in html
    assert "Éditeur" in html


def test_space_links_each_organisation_page_when_it_exists(client, agent, organisation):
    client.force_login(agent)
    html = client.get(reverse("accounts:space")).content.decode()
    assert f"/organisations/{organisation.slug}/" in html


def test_space_without_organisation_says_so(client, applicant):
    client.force_login(applicant)
    html = client.get(reverse("accounts:space")).content.decode()
    assert "Vous n’appartenez à aucune organisation" in html


def test_edit_profile_saves_names(client, applicant):
    client.force_login(applicant)
    response = client.post(
        reverse("accounts:edit_profile"), {"first_name": "Dominique", "last_name": "Lefèvre"}
    )
    assert response.url == reverse("accounts:space")
    applicant.refresh_from_db()
    assert (applicant.first_name, applicant.last_name) == ("Dominique", "Lefèvre")


@pytest.mark.parametrize(
    "data, message",
    [
        ({"first_name": "", "last_name": "Lefèvre"}, "Ce champ est obligatoire"),
        ({"first_name": "D" * 151, "last_name": "Lefèvre"}, "au plus 150 caractères"),
        ({"first_name": "Do\x00", "last_name": "Lefèvre"}, "Le caractère nul n’est pas autorisé"),
    ],
)
def test_edit_profile_invalid_input_gives_french_error(client, applicant, data, message):
    client.force_login(applicant)
    response = client.post(reverse("accounts:edit_profile"), data)
    assert response.status_code == 200
    assert message in response.content.decode()


def test_export_data_downloads_account_and_memberships_as_json(client, org_admin, organisation):
    client.force_login(org_admin)
    response = client.get(reverse("accounts:export_data"))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/json")
    assert "attachment" in response["Content-Disposition"]
    data = json.loads(response.content)
    assert data["compte"]["adresse_electronique"] == org_admin.email
    assert data["compte"]["nom"] == org_admin.last_name
    assert data["organisations"] == [
        {
            "organisation": organisation.name,
            "adresse_courte": organisation.slug,
            "role": "admin",
            "role_libelle": "Administrateur",
            "depuis": data["organisations"][0]["depuis"],
        }
    ]


def test_delete_account_wrong_password_refused(client, agent):
    client.force_login(agent)
    response = client.post(reverse("accounts:delete_account"), {"password": "faux"})
    assert response.status_code == 200
    assert "Mot de passe incorrect" in response.content.decode()
    agent.refresh_from_db()
    assert agent.anonymised_at is None


def test_delete_account_anonymises_keeps_row_and_signs_out(client, agent, organisation):
    Invitation.objects.create(
        organisation=organisation,
        email=agent.email,
        role="editor",
        expires_at="2100-01-01T00:00:00Z",
    )
    client.force_login(agent)
    response = client.post(reverse("accounts:delete_account"), {"password": PASSWORD}, follow=True)
    assert response.redirect_chain[-1][0] == reverse("core:home")
    assert "Votre compte est supprimé" in response.content.decode()
    assert not response.context["user"].is_authenticated

    user = User.objects.get(pk=agent.pk)
    assert user.anonymised_at is not None
    assert user.email.endswith("@anonyme.invalid") and str(user.pk) in user.email
    assert (user.first_name, user.last_name) == ("", "")
    assert not user.is_active
    assert not is_password_usable(user.password)
    assert str(user) == "Compte supprimé"
    assert not Membership.objects.filter(user=user).exists()
    assert not Invitation.objects.filter(email=agent.email).exists()
    response = client.post(
        reverse("accounts:login"), {"username": agent.email, "password": PASSWORD}
    )
    assert response.status_code == 200
    assert not response.context["user"].is_authenticated


def test_delete_account_without_password_asks_for_typed_phrase(client):
    user = UserFactory(password=None)
    user.set_unusable_password()
    user.save()
    client.force_login(user)
    url = reverse("accounts:delete_account")
    assert "supprimer mon compte" in client.get(url).content.decode()
    response = client.post(url, {"phrase": "oui"})
    assert "Recopiez exactement la phrase" in response.content.decode()
    response = client.post(url, {"phrase": "  Supprimer  mon compte "})
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.anonymised_at is not None


def test_delete_account_last_admin_refused_with_instructions(client, org_admin, organisation):
    MembershipFactory(organisation=organisation, role="editor")
    client.force_login(org_admin)
    url = reverse("accounts:delete_account")
    html = client.get(url).content.decode()
    assert "Nommez d’abord un autre administrateur" in html
    assert organisation.name in html

    response = client.post(url, {"password": PASSWORD})
    assert response.status_code == 200
    assert "Nommez d’abord un autre administrateur" in response.content.decode()
    org_admin.refresh_from_db()
    assert org_admin.anonymised_at is None and org_admin.is_active


def test_anonymise_user_last_admin_raises(org_admin, organisation):
    with pytest.raises(LastAdministratorError) as error:
        anonymise_user(org_admin, by=org_admin)
    assert error.value.organisations == [organisation]


def test_anonymise_user_with_another_admin_succeeds(org_admin, organisation):
    MembershipFactory(organisation=organisation, role="admin")
    anonymise_user(org_admin, by=org_admin)
    org_admin.refresh_from_db()
    assert org_admin.anonymised_at is not None
    assert organisation.memberships.count() == 1


def test_anonymise_user_twice_changes_nothing_more(agent):
    anonymise_user(agent, by=agent)
    agent.refresh_from_db()
    first = (agent.email, agent.anonymised_at)
    anonymise_user(agent, by=agent)
    agent.refresh_from_db()
    assert (agent.email, agent.anonymised_at) == first


def test_anonymised_address_can_sign_up_again(client, agent, django_capture_on_commit_callbacks):
    email = agent.email
    anonymise_user(agent, by=agent)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("accounts:signup"),
            {
                "email": email,
                "first_name": "Nouvelle",
                "last_name": "Personne",
                "password1": PASSWORD,
                "password2": PASSWORD,
                "accept_terms": "on",
            },
        )
    assert response.status_code == 302
    assert User.objects.filter(email=email).exists()

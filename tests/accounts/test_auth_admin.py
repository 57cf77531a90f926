"""Django's admin is the operator's back office: superusers only."""

import pytest
from django.urls import reverse

from essaim.accounts.models import User
from tests.accounts.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("url_name", ["admin:index", "admin:accounts_user_changelist"])
def test_admin_staff_non_superuser_refused(client, url_name):
    client.force_login(UserFactory(is_staff=True, is_superuser=False))
    response = client.get(reverse(url_name))
    assert response.status_code == 302
    assert response.url.startswith(reverse("admin:login"))


def test_admin_anonymous_redirected_to_login(client):
    response = client.get(reverse("admin:index"))
    assert response.status_code == 302
    assert response.url.startswith(reverse("admin:login"))


@pytest.mark.parametrize(
    "url_name", ["admin:index", "admin:accounts_user_changelist", "admin:accounts_user_add"]
)
def test_admin_superuser_allowed(client, url_name):
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    assert client.get(reverse(url_name)).status_code == 200


def test_admin_user_search_and_change_page(client, applicant):
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    response = client.get(reverse("admin:accounts_user_changelist"), {"q": applicant.email})
    assert applicant.email in response.content.decode()
    url = reverse("admin:accounts_user_change", args=[applicant.pk])
    assert client.get(url).status_code == 200


def test_admin_anonymise_action_refuses_last_admin(client, org_admin, applicant):
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    response = client.post(
        reverse("admin:accounts_user_changelist"),
        {"action": "anonymise", "_selected_action": [org_admin.pk, applicant.pk]},
        follow=True,
    )
    assert "est le seul administrateur" in response.content.decode()
    org_admin.refresh_from_db()
    applicant.refresh_from_db()
    assert org_admin.anonymised_at is None
    assert applicant.anonymised_at is not None


def test_admin_create_user_with_email(client):
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    response = client.post(
        reverse("admin:accounts_user_add"),
        {
            "email": "nouvelle@exemple.fr",
            "usable_password": "true",
            "password1": "une-phrase-bien-longue-7",
            "password2": "une-phrase-bien-longue-7",
        },
    )
    assert response.status_code == 302
    assert User.objects.get(email="nouvelle@exemple.fr").has_usable_password()

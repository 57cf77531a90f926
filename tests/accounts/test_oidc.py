"""Sign-in through OpenID Connect, end to end against a real provider (django-oidc-provider).

Each test drives a real HTTP client through Essaim's login page, the provider's login and
consent pages, and Essaim's callback, which itself calls the provider's discovery, token,
userinfo and JWKS endpoints over HTTP.
"""

import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from django.urls import reverse

from essaim.accounts.models import OIDCIdentity, User
from tests.accounts import oidc_provider_support
from tests.accounts.factories import UserFactory
from tests.accounts.oidc_harness import Browser, forms_of, start_provider

AGENT, CITIZEN = "agent", "citizen"


@pytest.fixture(scope="session")
def rsa_private_key_pem():
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    return key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.TraditionalOpenSSL,
        serialization.NoEncryption(),
    ).decode()


@pytest.fixture
def provider(live_server, settings, rsa_private_key_pem):
    yield start_provider(
        live_server=live_server, settings=settings, rsa_private_key_pem=rsa_private_key_pem
    )
    oidc_provider_support.CLAIMS.clear()


@pytest.fixture
def browser(provider):
    browser = Browser(provider.essaim_root)
    yield browser
    browser.close()


def _new_browser(provider, request):
    browser = Browser(provider.essaim_root)
    request.addfinalizer(browser.close)
    return browser


def test_agent_sign_in_creates_account_with_confirmed_address(provider, browser):
    provider.register(AGENT)
    account = provider.account(
        email="Camille.Martin@Exemple.fr", given_name="Camille", usual_name="Martin"
    )

    response = browser.sign_in_with(AGENT, account)

    assert response.status_code == 200
    assert response.url == f"{provider.essaim_root}/compte/"
    assert "Camille Martin" in response.text
    user = browser.signed_in_user()
    assert user.email == "camille.martin@exemple.fr"
    assert (user.first_name, user.last_name) == ("Camille", "Martin")
    assert user.email_confirmed_at is not None
    assert not user.has_usable_password()
    assert OIDCIdentity.objects.get(user=user).sub == str(account.pk)


def test_agent_sign_in_again_maps_to_same_account_after_address_change(provider, browser, request):
    provider.register(AGENT)
    account = provider.account(email="c.martin@exemple.fr", given_name="Camille")
    browser.sign_in_with(AGENT, account)
    first = browser.signed_in_user()
    oidc_provider_support.CLAIMS[account.pk]["email"] = "camille.martin@nouvelle.fr"

    second_browser = _new_browser(provider, request)
    response = second_browser.sign_in_with(AGENT, account)

    assert response.url == f"{provider.essaim_root}/compte/"
    assert second_browser.signed_in_user() == first
    assert not User.objects.filter(email="camille.martin@nouvelle.fr").exists()


def test_citizen_sign_in_creates_account_with_family_name(provider, browser):
    provider.register(CITIZEN)
    account = provider.account(
        email="dominique.petit@exemple.fr", given_name="Dominique", family_name="Petit"
    )

    response = browser.sign_in_with(CITIZEN, account)

    assert response.url == f"{provider.essaim_root}/compte/"
    user = browser.signed_in_user()
    assert (user.email, user.last_name) == ("dominique.petit@exemple.fr", "Petit")
    assert user.oidc_identities.get().provider == CITIZEN


def test_sign_in_returns_to_the_page_asked_before(provider, browser):
    provider.register(CITIZEN)
    account = provider.account(email="dominique.petit@exemple.fr")

    response = browser.sign_in_with(CITIZEN, account, next_url="/compte/modifier/")

    assert response.url == f"{provider.essaim_root}/compte/modifier/"
    assert browser.signed_in_user().email == "dominique.petit@exemple.fr"


def test_both_providers_map_to_one_account_with_the_same_address(provider, browser, request):
    provider.register(AGENT)
    provider.register(CITIZEN)
    agent_account = provider.account(email="alex.durand@exemple.fr")
    citizen_account = provider.account(email="alex.durand@exemple.fr")

    browser.sign_in_with(AGENT, agent_account)
    second_browser = _new_browser(provider, request)
    second_browser.sign_in_with(CITIZEN, citizen_account)

    user = browser.signed_in_user()
    assert second_browser.signed_in_user() == user
    assert sorted(user.oidc_identities.values_list("provider", flat=True)) == [AGENT, CITIZEN]


def test_sign_in_links_existing_account_by_address(provider, browser):
    provider.register(AGENT)
    existing = UserFactory(email="camille.martin@exemple.fr", first_name="", last_name="")
    account = provider.account(
        email="CAMILLE.MARTIN@exemple.fr", given_name="Camille", usual_name="Martin"
    )

    browser.sign_in_with(AGENT, account)

    existing.refresh_from_db()
    assert browser.signed_in_user() == existing
    assert existing.has_usable_password()
    assert (existing.first_name, existing.last_name) == ("Camille", "Martin")


def test_sign_in_confirms_unconfirmed_account_and_drops_its_password(provider, browser):
    provider.register(AGENT)
    existing = UserFactory(email="camille.martin@exemple.fr", email_confirmed_at=None)
    account = provider.account(email="camille.martin@exemple.fr")

    browser.sign_in_with(AGENT, account)

    existing.refresh_from_db()
    assert browser.signed_in_user() == existing
    assert existing.email_confirmed_at is not None
    assert not existing.has_usable_password()


def test_sign_in_refused_when_address_already_linked_to_another_identity(
    provider, browser, request
):
    provider.register(AGENT)
    owner = provider.account(email="camille.martin@exemple.fr")
    browser.sign_in_with(AGENT, owner)
    impostor = provider.account(email="camille.martin@exemple.fr")

    second_browser = _new_browser(provider, request)
    response = second_browser.sign_in_with(AGENT, impostor)

    assert response.url == f"{provider.essaim_root}/compte/connexion/"
    assert "déjà relié à une autre identité ProConnect" in response.text
    assert second_browser.signed_in_user() is None


def test_answer_without_email_is_refused_with_message(provider, browser):
    provider.register(AGENT, SCOPES="openid given_name usual_name")
    account = provider.account(email="camille.martin@exemple.fr", given_name="Camille")
    users_before = User.objects.count()

    response = browser.sign_in_with(AGENT, account)

    assert response.url == f"{provider.essaim_root}/compte/connexion/"
    assert "ProConnect ne nous a pas transmis votre adresse électronique" in response.text
    assert browser.signed_in_user() is None
    assert User.objects.count() == users_before


def test_unverified_address_is_refused_with_message(provider, browser):
    provider.register(CITIZEN)
    account = provider.account(email="dominique.petit@exemple.fr", email_verified=False)

    response = browser.sign_in_with(CITIZEN, account)

    assert "n’est pas encore vérifiée chez FranceConnect" in response.text
    assert browser.signed_in_user() is None


def test_declined_consent_returns_to_login_page_with_message(provider, browser):
    provider.register(AGENT)
    account = provider.account(email="camille.martin@exemple.fr")

    response = browser.sign_in_with(AGENT, account, allow=False)

    assert response.url == f"{provider.essaim_root}/compte/connexion/"
    assert "La connexion avec ProConnect n’a pas abouti" in response.text
    assert browser.signed_in_user() is None


def test_callback_refuses_state_started_with_other_provider(provider, browser):
    provider.register(AGENT)
    provider.register(CITIZEN)
    start = browser.get("/compte/oidc/agent/connexion/", next="/compte/")
    state = start.history[0].headers["Location"].split("state=")[1].split("&")[0]

    response = browser.get("/compte/oidc/citoyen/retour/", state=state, code="stolen")

    assert response.url == f"{provider.essaim_root}/compte/connexion/?next=%2Fcompte%2F"
    assert "La connexion avec FranceConnect n’a pas abouti" in response.text


def test_unreachable_provider_is_reported_on_login_page(provider, browser, settings):
    provider.register(CITIZEN, ISSUER="http://127.0.0.1:9/injoignable")

    response = browser.get("/compte/oidc/citoyen/connexion/")

    assert response.url == f"{provider.essaim_root}/compte/connexion/"
    assert "FranceConnect ne répond pas pour le moment" in response.text


@pytest.mark.parametrize("step", ["login", "callback"])
def test_disabled_provider_is_not_found(client, db, settings, step):
    settings.OIDC_AGENT_ENABLED = True
    settings.OIDC_CITIZEN_ENABLED = False

    response = client.get(reverse(f"accounts:oidc:citizen-{step}"), {"state": "s", "code": "c"})

    assert response.status_code == 404


def test_login_page_shows_only_enabled_providers(client, db, settings):
    settings.OIDC_AGENT_ENABLED = True
    settings.OIDC_CITIZEN_ENABLED = False

    page = client.get(reverse("accounts:login")).content.decode()

    assert "S’identifier avec ProConnect" in page
    assert reverse("accounts:oidc:agent-login") in page
    assert "FranceConnect" not in page


def test_login_page_shows_no_provider_when_none_enabled(client, db, settings):
    settings.OIDC_AGENT_ENABLED = False
    settings.OIDC_CITIZEN_ENABLED = False

    page = client.get(reverse("accounts:login")).content.decode()

    assert "/compte/oidc/" not in page


def test_deleted_account_signing_in_again_with_provider_starts_a_new_empty_account(
    provider, browser, request
):
    provider.register(AGENT)
    account = provider.account(email="camille.martin@exemple.fr", given_name="Camille")
    browser.sign_in_with(AGENT, account)
    deleted = browser.signed_in_user()

    page = browser.get("/compte/supprimer/")
    [form] = [form for form in forms_of(page) if "phrase" in form.fields]
    response = browser.submit(page, form, phrase="supprimer mon compte")
    assert "Votre compte est supprimé" in response.text
    deleted.refresh_from_db()
    assert deleted.anonymised_at is not None
    assert not OIDCIdentity.objects.filter(user=deleted).exists()

    # The provider still knows the person: a new sign-in gives a fresh account, not a refusal.
    second_browser = _new_browser(provider, request)
    response = second_browser.sign_in_with(AGENT, account)
    assert response.url == f"{provider.essaim_root}/compte/"
    fresh = second_browser.signed_in_user()
    assert fresh.pk != deleted.pk
    assert fresh.email == "camille.martin@exemple.fr"
    assert OIDCIdentity.objects.get(provider=AGENT).user == fresh

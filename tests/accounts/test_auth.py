"""Sign-up, e-mail confirmation, sign-in, lockout, sign-out and password reset, end to end."""

import re

import pytest
from django.core import mail, signing
from django.test import override_settings
from django.urls import reverse

from essaim.accounts.models import User
from essaim.accounts.services import CONFIRMATION_MAX_AGE, make_confirmation_token
from tests.accounts.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db

NEW_PASSWORD = "une-toute-nouvelle-phrase-9"


def signup_data(**overrides):
    return {
        "email": "Camille.Martin@Exemple.fr",
        "first_name": "Camille",
        "last_name": "Martin",
        "password1": PASSWORD,
        "password2": PASSWORD,
        "accept_terms": "on",
        **overrides,
    }


def link_in(message, path_prefix):
    """The absolute link starting with SITE_URL + path_prefix in an e-mail's text."""
    match = re.search(r"https?://\S+" + re.escape(path_prefix) + r"\S+", message.body)
    assert match, message.body
    return match.group(0)


def path_of(url, settings):
    assert url.startswith(settings.SITE_URL)
    return url[len(settings.SITE_URL) :]


def sign_up(client, django_capture_on_commit_callbacks, **overrides):
    with django_capture_on_commit_callbacks(execute=True):
        return client.post(reverse("accounts:signup"), signup_data(**overrides))


def test_signup_sends_confirmation_then_link_confirms_and_signs_in(
    client, django_capture_on_commit_callbacks, settings
):
    response = sign_up(client, django_capture_on_commit_callbacks)
    assert response.status_code == 302
    assert response.url == reverse("accounts:signup_done")
    user = User.objects.get()
    assert user.email == "camille.martin@exemple.fr"
    assert user.email_confirmed_at is None

    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["camille.martin@exemple.fr"]
    assert settings.ESSAIM_SITE_NAME in message.subject
    assert "Bonjour Camille" in message.body
    html, mimetype = message.alternatives[0]
    assert mimetype == "text/html" and "Confirmer mon adresse" in html

    url = link_in(message, "/compte/confirmation/")
    response = client.get(path_of(url, settings), follow=True)
    assert response.redirect_chain[-1][0] == reverse("accounts:space")
    assert response.context["user"] == user
    assert "Votre adresse est confirmée" in response.content.decode()
    user.refresh_from_db()
    assert user.email_confirmed_at is not None


def test_confirmation_link_used_twice_does_not_sign_in_again(
    client, django_capture_on_commit_callbacks, settings
):
    sign_up(client, django_capture_on_commit_callbacks)
    path = path_of(link_in(mail.outbox[0], "/compte/confirmation/"), settings)
    client.get(path)
    client.post(reverse("accounts:logout"))

    response = client.get(path, follow=True)
    assert response.redirect_chain[-1][0] == reverse("accounts:login")
    assert "déjà confirmée" in response.content.decode()
    assert not response.context["user"].is_authenticated


def test_confirmation_link_tampered_shows_french_page_with_new_link_form(client):
    user = UserFactory(email_confirmed_at=None)
    token = make_confirmation_token(user)
    response = client.get(reverse("accounts:confirm_email", args=[token[:-2] + "xx"]))
    assert response.status_code == 400
    html = response.content.decode()
    assert "Ce lien n’est pas valide" in html
    assert reverse("accounts:resend_confirmation") in html
    user.refresh_from_db()
    assert user.email_confirmed_at is None


def test_confirmation_link_for_a_previous_address_is_invalid(client):
    user = UserFactory(email_confirmed_at=None, email="ancienne@exemple.fr")
    token = make_confirmation_token(user)
    user.email = "nouvelle@exemple.fr"
    user.save()
    response = client.get(reverse("accounts:confirm_email", args=[token]))
    assert response.status_code == 400
    # The address cannot be read back from the link either.
    assert b"ancienne" not in signing.b64_decode(token.split(":")[0].encode())


def test_confirmation_link_expired_says_so_and_offers_a_new_one(
    client, django_capture_on_commit_callbacks, monkeypatch
):
    user = UserFactory(email_confirmed_at=None)
    token = make_confirmation_token(user)
    later = signing.time.time() + CONFIRMATION_MAX_AGE.total_seconds() + 60
    monkeypatch.setattr(signing.time, "time", lambda: later)
    response = client.get(reverse("accounts:confirm_email", args=[token]))
    assert response.status_code == 400
    assert "Ce lien a expiré" in response.content.decode()

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("accounts:resend_confirmation"), {"email": user.email})
    assert response.status_code == 302
    assert len(mail.outbox) == 1 and mail.outbox[0].to == [user.email]


def test_signup_duplicate_email_any_case_shows_french_error_and_creates_nothing(
    client, django_capture_on_commit_callbacks
):
    UserFactory(email="camille.martin@exemple.fr")
    response = sign_up(
        client, django_capture_on_commit_callbacks, email="CAMILLE.martin@exemple.FR"
    )
    assert response.status_code == 200
    assert "Un compte existe déjà avec cette adresse" in response.content.decode()
    assert User.objects.count() == 1
    assert mail.outbox == []
    # Nothing lost: the other fields are still filled in.
    assert 'value="Camille"' in response.content.decode()


@pytest.mark.parametrize(
    "overrides, message",
    [
        ({"password2": "autre-chose-encore-42"}, "Les deux mots de passe diffèrent"),
        ({"password1": "court", "password2": "court"}, "Ce mot de passe est trop court"),
        ({"password1": "123456789012", "password2": "123456789012"}, "entièrement numérique"),
        ({"accept_terms": ""}, "Cochez cette case pour accepter"),
        ({"email": "pas-une-adresse"}, "Saisissez une adresse de courriel valide"),
        ({"first_name": "x" * 151}, "au plus 150 caractères"),
        ({"email": "a" * 250 + "@exemple.fr"}, "au plus 254 caractères"),
        ({"last_name": "Mar\x00tin"}, "Le caractère nul n’est pas autorisé"),
        ({"password1": "p" * 300, "password2": "p" * 300}, "au plus 256 caractères"),
    ],
)
def test_signup_invalid_input_gives_french_error_never_500(
    client, django_capture_on_commit_callbacks, overrides, message
):
    response = sign_up(client, django_capture_on_commit_callbacks, **overrides)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not User.objects.exists()


def test_signup_page_links_to_privacy_policy(client):
    html = client.get(reverse("accounts:signup")).content.decode()
    assert reverse("core:privacy") in html


def test_login_unconfirmed_account_refused_with_resend_option(
    client, django_capture_on_commit_callbacks
):
    user = UserFactory(email_confirmed_at=None)
    response = client.post(
        reverse("accounts:login"), {"username": user.email, "password": PASSWORD}
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "Vous devez d’abord confirmer votre adresse" in html
    assert "Recevoir un nouveau lien de confirmation" in html
    assert not response.context["user"].is_authenticated

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("accounts:resend_confirmation"), {"email": user.email})
    assert response.url == reverse("accounts:signup_done")
    assert [m.to for m in mail.outbox] == [[user.email]]


def test_login_wrong_password_does_not_reveal_unconfirmed_state(client):
    user = UserFactory(email_confirmed_at=None)
    response = client.post(reverse("accounts:login"), {"username": user.email, "password": "x"})
    html = response.content.decode()
    assert "Adresse électronique ou mot de passe incorrect" in html
    assert "confirmer votre adresse" not in html


def test_resend_confirmation_unknown_address_says_the_same_and_sends_nothing(
    client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("accounts:resend_confirmation"), {"email": "personne@nulle-part.fr"}
        )
    assert response.url == reverse("accounts:signup_done")
    assert mail.outbox == []


def test_login_email_any_case_signs_in_and_follows_safe_next(client, applicant):
    response = client.post(
        reverse("accounts:login") + "?next=/plan-du-site/",
        {"username": applicant.email.upper(), "password": PASSWORD, "next": "/plan-du-site/"},
    )
    assert response.status_code == 302
    assert response.url == "/plan-du-site/"


def test_login_ignores_next_to_another_site(client, applicant):
    response = client.post(
        reverse("accounts:login"),
        {"username": applicant.email, "password": PASSWORD, "next": "https://pirate.example/"},
    )
    assert response.status_code == 302
    assert response.url == reverse("accounts:space")


@override_settings(AXES_FAILURE_LIMIT=3)
def test_login_locked_out_after_failure_limit_even_with_right_password(client, applicant):
    url = reverse("accounts:login")
    for _ in range(2):
        response = client.post(url, {"username": applicant.email, "password": "mauvais"})
        assert response.status_code == 200
    response = client.post(url, {"username": applicant.email, "password": "mauvais"})
    assert response.status_code in (403, 429)
    html = response.content.decode()
    assert "Connexion temporairement bloquée" in html
    assert "Vous pourrez réessayer dans 15 minutes" in html
    assert reverse("accounts:password_reset") in html

    response = client.post(url, {"username": applicant.email, "password": PASSWORD})
    assert response.status_code in (403, 429)
    assert not client.session.get("_auth_user_id")


@override_settings(AXES_FAILURE_LIMIT=2)
def test_password_reset_lifts_the_lockout(client, applicant, django_capture_on_commit_callbacks):
    url = reverse("accounts:login")
    for _ in range(2):
        client.post(url, {"username": applicant.email, "password": "mauvais"})
    assert client.post(url, {"username": applicant.email, "password": PASSWORD}).status_code in (
        403,
        429,
    )
    _reset_password(client, applicant.email, django_capture_on_commit_callbacks)
    response = client.post(url, {"username": applicant.email, "password": NEW_PASSWORD})
    assert response.status_code == 302


def test_logout_is_post_only_and_signs_out(client, applicant):
    client.force_login(applicant)
    assert client.get(reverse("accounts:logout")).status_code == 405
    response = client.post(reverse("accounts:logout"), follow=True)
    assert not response.context["user"].is_authenticated
    assert "Vous êtes déconnecté" in response.content.decode()


def _reset_password(client, email, django_capture_on_commit_callbacks):
    from django.conf import settings

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("accounts:password_reset"), {"email": email})
    assert response.url == reverse("accounts:password_reset_done")
    message = mail.outbox[-1]
    assert message.to == [email]
    path = path_of(link_in(message, "/compte/mot-de-passe/reinitialiser/"), settings)
    response = client.get(path, follow=True)  # Django swaps the token for a session marker
    form_path = response.redirect_chain[-1][0]
    response = client.post(
        form_path, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD}
    )
    assert response.status_code == 302, response.content.decode()
    assert response.url == reverse("accounts:password_reset_complete")
    return message


def test_password_reset_end_to_end_in_french(client, applicant, django_capture_on_commit_callbacks):
    message = _reset_password(client, applicant.email, django_capture_on_commit_callbacks)
    assert message.subject == "Nouveau mot de passe sur Essaim"
    assert "choisir un nouveau mot de passe" in message.body
    assert message.alternatives[0][1] == "text/html"
    response = client.post(
        reverse("accounts:login"), {"username": applicant.email, "password": NEW_PASSWORD}
    )
    assert response.status_code == 302


def test_password_reset_confirms_an_unconfirmed_address(client, django_capture_on_commit_callbacks):
    user = UserFactory(email_confirmed_at=None)
    _reset_password(client, user.email, django_capture_on_commit_callbacks)
    user.refresh_from_db()
    assert user.email_confirmed_at is not None


def test_password_reset_unknown_address_sends_nothing_and_says_the_same(
    client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("accounts:password_reset"), {"email": "inconnu@exemple.fr"}, follow=True
        )
    assert "Si un compte utilise cette adresse" in response.content.decode()
    assert mail.outbox == []


def test_password_reset_link_tampered_offers_a_new_one(client, applicant):
    response = client.get(
        reverse("accounts:password_reset_confirm", kwargs={"uidb64": "MQ", "token": "faux-jeton"})
    )
    assert response.status_code == 200
    assert "Ce lien n’est plus valable" in response.content.decode()


def test_password_change_requires_old_password(client, applicant):
    client.force_login(applicant)
    url = reverse("accounts:password_change")
    response = client.post(
        url,
        {"old_password": "faux", "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
    )
    assert response.status_code == 200
    assert "Votre ancien mot de passe est incorrect" in response.content.decode()

    response = client.post(
        url,
        {"old_password": PASSWORD, "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
    )
    assert response.url == reverse("accounts:space")
    applicant.refresh_from_db()
    assert applicant.check_password(NEW_PASSWORD)


def test_password_change_without_password_lets_oidc_user_set_one(client):
    user = UserFactory(password=None)
    user.set_unusable_password()
    user.save()
    client.force_login(user)
    response = client.post(
        reverse("accounts:password_change"),
        {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
    )
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.check_password(NEW_PASSWORD)


def test_password_change_anonymous_redirected_to_login(client):
    response = client.get(reverse("accounts:password_change"))
    assert response.status_code == 302
    assert response.url.startswith(reverse("accounts:login"))

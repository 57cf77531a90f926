"""Whatever is typed into the sign-in and sign-up forms, the answer is a page, never a 500."""

import pytest
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

pytestmark = pytest.mark.django_db

ALLOWED = (200, 302, 403, 429)

# Ordinary text, every unicode plane (null bytes and control characters included),
# look-alike e-mail addresses, and a few very long values.
anything = st.one_of(
    st.text(max_size=300),
    st.text(alphabet=st.characters(codec="utf-8"), max_size=50),
    st.emails().map(lambda e: e.upper()),
    st.builds(
        lambda c, n: c * n,
        st.sampled_from(["a", "é", "\x00", "𝔘", "\u202e"]),
        st.integers(250, 20000),
    ),
)
fuzz_settings = settings(
    max_examples=50, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


@fuzz_settings
@given(username=anything, password=anything, next_url=anything)
def test_login_form_fuzzed_never_500(client, username, password, next_url):
    response = client.post(
        reverse("accounts:login"), {"username": username, "password": password, "next": next_url}
    )
    assert response.status_code in ALLOWED


@fuzz_settings
@given(
    email=anything,
    first_name=anything,
    last_name=anything,
    password1=anything,
    password2=anything,
    accept_terms=anything,
)
def test_signup_form_fuzzed_never_500(
    client, email, first_name, last_name, password1, password2, accept_terms
):
    response = client.post(
        reverse("accounts:signup"),
        {
            "email": email,
            "first_name": first_name,
            "last_name": last_name,
            "password1": password1,
            "password2": password2,
            "accept_terms": accept_terms,
        },
    )
    assert response.status_code in ALLOWED


@fuzz_settings
@given(email=anything)
def test_resend_and_reset_forms_fuzzed_never_500(client, email):
    for name in ("accounts:resend_confirmation", "accounts:password_reset"):
        assert client.post(reverse(name), {"email": email}).status_code in ALLOWED


@fuzz_settings
@given(email=st.emails(), first_name=anything, last_name=anything)
def test_signup_fuzzed_names_with_valid_password_never_500(
    client, django_capture_on_commit_callbacks, email, first_name, last_name
):
    password = "une-phrase-de-passe-solide-42"
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("accounts:signup"),
            {
                "email": email,
                "first_name": first_name,
                "last_name": last_name,
                "password1": password,
                "password2": password,
                "accept_terms": "on",
            },
        )
    assert response.status_code in ALLOWED

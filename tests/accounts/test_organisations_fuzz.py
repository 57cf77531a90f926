"""Fuzzing the organisation creation form: arbitrary text never breaks it nor slips through."""

import pytest
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from essaim.accounts.models import Organisation, OrganisationKind
from essaim.accounts.validators import validate_siret
from essaim.core.models import Level, Territory
from tests.accounts.factories import valid_siret

pytestmark = pytest.mark.django_db

# Text the test client can send: no lone surrogates (they cannot be encoded as UTF-8).
any_text = st.text(alphabet=st.characters(exclude_categories=["Cs"]), max_size=300)

fields = st.fixed_dictionaries(
    {
        "name": st.one_of(any_text, st.just("Mairie de Brest"), st.just("N" * 201)),
        "kind": st.one_of(any_text, *[st.just(kind) for kind in OrganisationKind.values[:3]]),
        "siret": st.one_of(
            any_text,
            st.just(""),
            st.from_regex(r"\A[0-9 ]{12,18}\Z"),
            st.integers(min_value=0, max_value=10**13 - 1).map(valid_siret),
        ),
        "territory": st.one_of(any_text, st.sampled_from(["Brest", "29", "Brest (29)", ""])),
        "website": st.one_of(any_text, st.sampled_from(["", "https://www.brest.fr", "brest.fr"])),
        "description": any_text,
    }
)


@pytest.fixture
def brest(db):
    finistere = Territory.objects.create(level=Level.DEPARTMENT, code="29", name="Finistère")
    return Territory.objects.create(
        level=Level.COMMUNE, code="29019", name="Brest", parent=finistere
    )


@settings(
    max_examples=80,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(data=fields)
def test_organisation_create_form_fuzzed_never_fails_nor_saves_a_wrong_siret(
    client, applicant, brest, data
):
    # Fixtures are shared by the examples: organisations pile up, which also fuzzes duplicates.
    client.force_login(applicant)
    # The test client raises any exception of the view: reaching the asserts means no 500.
    response = client.post(reverse("organisations:create"), data)
    assert response.status_code in (200, 302)
    for name, siret in Organisation.objects.values_list("name", "siret"):
        assert 0 < len(name) <= 200
        if siret:
            validate_siret(siret)
            assert len(siret) == 14

"""The /demarches/ page links editors to the builder and instructors to instruction."""

import pytest
from django.urls import reverse

from tests.procedures.factories import InstructorFactory

pytestmark = pytest.mark.django_db

BUILDER = reverse("procedures:builder_index")
INSTRUCTION = reverse("procedures:instruction_index")


def _links(client, user=None):
    if user is not None:
        client.force_login(user)
    html = client.get(reverse("procedures:list")).content.decode()
    return BUILDER in html, INSTRUCTION in html


def test_anonymous_sees_neither_link(client):
    assert _links(client) == (False, False)


def test_plain_citizen_sees_neither_link(client, applicant):
    assert _links(client, applicant) == (False, False)


def test_simple_member_is_not_sent_to_the_builder(client, agent):
    assert _links(client, agent) == (False, False)


@pytest.mark.parametrize("fixture", ["editor", "org_admin"])
def test_editors_and_admins_see_the_builder_link(client, request, fixture):
    assert _links(client, request.getfixturevalue(fixture)) == (True, False)


def test_instructor_sees_the_instruction_link(client, applicant):
    InstructorFactory(user=applicant)
    assert _links(client, applicant) == (False, True)

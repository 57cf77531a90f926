"""An event reserved to public agents takes only agents: members of a public organisation
(administration, local authority, public body, operator, lab) or people signed in through
ProConnect."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from essaim.accounts.models import OIDCIdentity, OrganisationKind
from essaim.agenda import registrations
from essaim.agenda.models import Registration
from tests.accounts.factories import MembershipFactory, OrganisationFactory, UserFactory
from tests.agenda.factories import EventFactory

pytestmark = pytest.mark.django_db


def test_agent_only_event_refuses_an_account_that_is_not_an_agent():
    event = EventFactory(requires_account=True)
    citizen = UserFactory()
    company_employee = MembershipFactory(
        organisation=OrganisationFactory(kind=OrganisationKind.COMPANY)
    ).user

    for person in (citizen, company_employee):
        with pytest.raises(ValidationError, match="réservé aux agents publics"):
            registrations.register(event, user=person)

    assert not Registration.objects.exists()


@pytest.mark.parametrize("kind", [OrganisationKind.LOCAL_AUTHORITY, OrganisationKind.LAB])
def test_agent_only_event_takes_a_member_of_a_public_organisation(kind):
    event = EventFactory(requires_account=True)
    agent = MembershipFactory(organisation=OrganisationFactory(kind=kind)).user

    registration = registrations.register(event, user=agent)

    assert registration.status == "confirmed"


def test_agent_only_event_takes_someone_signed_in_through_proconnect():
    event = EventFactory(requires_account=True)
    agent = UserFactory()
    OIDCIdentity.objects.create(user=agent, provider="agent", sub="proconnect-123")

    assert registrations.register(event, user=agent).status == "confirmed"


def test_event_page_tells_a_signed_in_non_agent_why_there_is_no_form(client):
    event = EventFactory(requires_account=True)
    client.force_login(UserFactory())

    body = client.get(event.get_absolute_url()).content.decode()

    assert "réservé aux agents publics, et votre compte n’est rattaché à aucune" in body
    assert "M’inscrire" not in body
    response = client.post(reverse("agenda:register", args=[event.slug]))
    assert response.status_code == 400
    assert not Registration.objects.exists()

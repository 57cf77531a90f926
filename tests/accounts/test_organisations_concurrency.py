"""Two administrators demoting each other at the same moment: one of them stays administrator."""

import threading

import pytest
from django.core.exceptions import PermissionDenied
from django.db import connection, connections

from essaim.accounts import org_services as services
from essaim.accounts.models import Membership, Role
from tests.accounts.factories import MembershipFactory, OrganisationFactory

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def _postgres_only():
    if connection.vendor != "postgresql":
        pytest.skip("row locks need PostgreSQL")


def test_last_admin_rule_holds_when_two_admins_demote_each_other():
    organisation = OrganisationFactory()
    first = MembershipFactory(organisation=organisation, role=Role.ADMIN)
    second = MembershipFactory(organisation=organisation, role=Role.ADMIN)
    barrier = threading.Barrier(2)
    outcomes = []

    def demote(membership, by):
        try:
            barrier.wait()
            services.change_role(membership=membership, role=Role.MEMBER, by=by)
            outcomes.append("done")
        except (services.OrganisationRuleError, PermissionDenied):
            outcomes.append("refused")
        finally:
            connections.close_all()

    threads = [
        threading.Thread(target=demote, args=(first, second.user)),
        threading.Thread(target=demote, args=(second, first.user)),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes) == ["done", "refused"]
    assert Membership.objects.filter(organisation=organisation, role=Role.ADMIN).count() == 1

"""The standard cast of users, shared by every permission test."""

import pytest

from tests.accounts.factories import MembershipFactory, OrganisationFactory, UserFactory


@pytest.fixture(autouse=True)
def _email_in_memory(settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"


@pytest.fixture(autouse=True)
def _tasks_run_immediately(settings):
    settings.TASKS = {
        "default": {
            "BACKEND": "django_tasks.backends.immediate.ImmediateBackend",
            "QUEUES": ["default", "email"],
        }
    }


@pytest.fixture
def organisation(db):
    return OrganisationFactory()


@pytest.fixture
def other_organisation(db):
    return OrganisationFactory()


@pytest.fixture
def applicant(db):
    """A confirmed citizen who belongs to no organisation."""
    return UserFactory()


@pytest.fixture
def agent(organisation):
    """A member (role membre) of `organisation`."""
    return MembershipFactory(organisation=organisation, role="member").user


@pytest.fixture
def editor(organisation):
    return MembershipFactory(organisation=organisation, role="editor").user


@pytest.fixture
def org_admin(organisation):
    return MembershipFactory(organisation=organisation, role="admin").user


@pytest.fixture
def other_agent(other_organisation):
    """An administrator of another organisation: must be refused in `organisation`."""
    return MembershipFactory(organisation=other_organisation, role="admin").user

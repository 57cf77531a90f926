import pytest
from django.core import mail
from django.core.management import CommandError, call_command
from django.urls import reverse
from django_tasks import task

from essaim.accounts.generators import GENERATED_PASSWORD
from essaim.accounts.models import Membership, Organisation, User
from essaim.core.demo_data import DEMO_PASSWORD
from essaim.core.models import Level, Territory
from tests.accounts.factories import OrganisationFactory

pytestmark = pytest.mark.django_db

SEED_ORGANISATIONS = ["ditp", "siilab", "ti-lab", "la-base", "fabrik59", "sdis-77"]


def _sign_in(client, email, password):
    response = client.post(reverse("accounts:login"), {"username": email, "password": password})
    assert response.status_code == 302, response.content.decode()


def _counts():
    return (Organisation.objects.count(), User.objects.count(), Membership.objects.count())


def test_load_demo_creates_seed_organisations_and_accounts(client):
    call_command("load_demo")
    slugs = set(Organisation.objects.values_list("slug", flat=True))
    assert set(SEED_ORGANISATIONS) <= slugs
    admin = User.objects.get(email="admin@essaim.example")
    assert admin.is_superuser and admin.email_confirmed
    _sign_in(client, "admin@essaim.example", DEMO_PASSWORD)
    assert client.get("/admin/").status_code == 200


def test_load_demo_twice_changes_nothing():
    call_command("load_demo")
    first = _counts()
    call_command("load_demo")
    assert _counts() == first


def test_load_demo_attaches_organisations_to_loaded_territories():
    hauts_de_france = Territory.objects.create(
        level=Level.REGION, code="32", name="Hauts-de-France"
    )
    call_command("load_demo")
    assert Organisation.objects.get(slug="siilab").territory == hauts_de_france
    assert Organisation.objects.get(slug="ditp").territory is None


def test_generate_organisations_creates_the_count_asked(client):
    before = Organisation.objects.count()
    call_command("generate", "organisations", "--count", "25", "--seed", "3")
    assert Organisation.objects.count() == before + 25
    generated = Organisation.objects.order_by("-pk").first()
    found = client.get("/api/v1/organisations", {"q": generated.name}).json()
    assert generated.slug in [item["slug"] for item in found["items"]]


def test_generate_users_join_existing_organisations(client):
    OrganisationFactory.create_batch(3)
    call_command("generate", "users", "--count", "10", "--seed", "1")
    generated = User.objects.filter(email__endswith="@generee.essaim.example")
    assert generated.count() == 10
    assert Membership.objects.filter(user__in=generated).count() == 10
    _sign_in(client, generated.first().email, GENERATED_PASSWORD)


def test_generate_refuses_unknown_kind():
    with pytest.raises(CommandError, match="invalid choice"):
        call_command("generate", "licornes")


def test_generate_refuses_zero_count():
    with pytest.raises(CommandError, match="nombre entier positif"):
        call_command("generate", "organisations", "--count", "0")


@task(queue_name="email")
def send_greeting(address):
    mail.send_mail("Bonjour", "Message de test.", None, [address])


# Transactional: the worker closes connections left inside a transaction, as in production.
@pytest.mark.django_db(transaction=True)
def test_worker_runs_tasks_waiting_in_the_database(settings):
    settings.TASKS = {
        "default": {
            "BACKEND": "django_tasks_db.DatabaseBackend",
            "QUEUES": ["default", "email"],
        }
    }
    send_greeting.enqueue("agent@exemple.fr")
    assert mail.outbox == []
    call_command("worker", "--batch", "--no-startup-delay", verbosity=0)
    assert [m.to for m in mail.outbox] == [["agent@exemple.fr"]]

import datetime as dt
import re

import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from essaim.catalogue import alerts
from essaim.catalogue.alerts_models import Alert, AlertDelivery
from essaim.catalogue.models import Theme
from tests.catalogue.factories import InitiativeFactory

pytestmark = pytest.mark.django_db


def _links(message) -> list[str]:
    return re.findall(r"https?://\S+", message.body)


def _path(url: str) -> str:
    return "/" + url.split("/", 3)[3]


@pytest.fixture
def confirmed_alert(db):
    """A weekly alert on the theme santé, confirmed a week ago."""
    alert = Alert.objects.create(
        email="camille@exemple.fr", query="theme=sante", frequency="weekly"
    )
    week_ago = timezone.now() - dt.timedelta(days=7)
    Alert.objects.filter(pk=alert.pk).update(confirmed_at=week_ago, last_sent_at=week_ago)
    alert.refresh_from_db()
    return alert


def _health(title):
    return InitiativeFactory(title=title, themes=[Theme.objects.get(slug="sante")])


def test_alert_create_sends_a_confirmation_then_confirming_starts_it(
    client, django_capture_on_commit_callbacks
):
    form = client.get(reverse("catalogue:alert_create"), {"q": "covid", "theme": "sante"})
    assert "mots : «\u00a0covid\u00a0»" in form.content.decode() or "covid" in form.content.decode()
    query = form.context["form"].initial["query"]
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("catalogue:alert_create"),
            {"email": "Camille@Exemple.fr", "frequency": "daily", "query": query},
        )
    assert response.status_code == 302 and "theme=sante" in response.url
    alert = Alert.objects.get()
    assert alert.email == "camille@exemple.fr" and not alert.is_active
    confirm_url = next(u for u in _links(mail.outbox[0]) if "confirmer" in u)
    page = client.get(_path(confirm_url))
    assert "Confirmer mon alerte" in page.content.decode()
    client.post(_path(confirm_url))
    alert.refresh_from_db()
    assert alert.is_active


def test_alert_create_twice_keeps_one_alert(client, django_capture_on_commit_callbacks):
    data = {"email": "a@exemple.fr", "frequency": "weekly", "query": "theme=sante"}
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("catalogue:alert_create"), data)
        client.post(reverse("catalogue:alert_create"), {**data, "frequency": "daily"})
    assert Alert.objects.get().frequency == "daily"


def test_alert_create_with_a_bad_address_says_how_to_fix_it(client):
    response = client.post(
        reverse("catalogue:alert_create"), {"email": "pas-une-adresse", "frequency": "weekly"}
    )
    assert response.status_code == 200 and "email" in response.context["form"].errors
    assert not Alert.objects.exists()


def test_alert_unconfirmed_receives_nothing(client):
    alert = Alert.objects.create(email="x@exemple.fr", query="", frequency="daily")
    _health("Covidom")
    assert alerts.send_alert_digest.call(alert_id=alert.pk) == 0
    assert not mail.outbox


def test_alert_digest_lists_new_matching_initiatives_once(confirmed_alert):
    _health("Covidom, le télésuivi")
    InitiativeFactory(title="Une initiative sur l’emploi")
    InitiativeFactory(
        title="Un brouillon de santé", draft=True, themes=[Theme.objects.get(slug="sante")]
    )
    assert alerts.send_alert_digest.call(alert_id=confirmed_alert.pk) == 1
    message = mail.outbox[0]
    assert "Covidom" in message.body and "emploi" not in message.body
    assert "brouillon" not in message.body.lower()
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert message.extra_headers["List-Unsubscribe"].startswith("<http")
    # Run again (a retried task): nothing is sent twice.
    assert alerts.send_alert_digest.call(alert_id=confirmed_alert.pk) == 0
    assert len(mail.outbox) == 1
    assert AlertDelivery.objects.filter(alert=confirmed_alert).count() == 1


def test_alert_digest_never_resends_a_changed_initiative(confirmed_alert):
    initiative = _health("Covidom")
    alerts.send_alert_digest.call(alert_id=confirmed_alert.pk)
    initiative.pitch = "Un nouveau pitch."
    initiative.save()
    assert alerts.send_alert_digest.call(alert_id=confirmed_alert.pk) == 0


def test_alert_digest_includes_an_older_initiative_changed_since(confirmed_alert):
    initiative = _health("Ancienne initiative")
    from essaim.catalogue.models import Initiative

    long_ago = timezone.now() - dt.timedelta(days=400)
    Initiative.objects.filter(pk=initiative.pk).update(published_at=long_ago, updated_at=long_ago)
    assert alerts.send_alert_digest.call(alert_id=confirmed_alert.pk) == 0
    initiative.refresh_from_db()
    initiative.save()  # changed now
    assert alerts.send_alert_digest.call(alert_id=confirmed_alert.pk) == 1
    assert "Mise à jour" in mail.outbox[0].body


def test_alert_unsubscribe_link_works_in_one_click(client, confirmed_alert):
    _health("Covidom")
    alerts.send_alert_digest.call(alert_id=confirmed_alert.pk)
    url = next(u for u in _links(mail.outbox[0]) if "desabonnement" in u)
    response = client.get(_path(url))
    assert response.status_code == 200 and "désabonné" in response.content.decode()
    confirmed_alert.refresh_from_db()
    assert not confirmed_alert.is_active
    _health("Autre")
    assert alerts.send_alert_digest.call(alert_id=confirmed_alert.pk) == 0


def test_alert_unsubscribe_by_mail_client_post_needs_no_csrf(confirmed_alert):
    from django.test import Client

    token = alerts.unsubscribe_token(confirmed_alert)
    client = Client(enforce_csrf_checks=True)
    response = client.post(
        reverse("catalogue:alert_unsubscribe", args=[token]), {"List-Unsubscribe": "One-Click"}
    )
    assert response.status_code == 200
    confirmed_alert.refresh_from_db()
    assert confirmed_alert.unsubscribed_at is not None


def test_alert_resubscribe_undoes_a_mistaken_click(client, confirmed_alert):
    token = alerts.unsubscribe_token(confirmed_alert)
    client.get(reverse("catalogue:alert_unsubscribe", args=[token]))
    client.post(reverse("catalogue:alert_resubscribe", args=[token]))
    confirmed_alert.refresh_from_db()
    assert confirmed_alert.is_active


@pytest.mark.parametrize("token", ["n-importe-quoi", "1:faux:signature", "x" * 300])
def test_alert_tampered_links_are_refused_politely(client, token):
    assert client.get(reverse("catalogue:alert_unsubscribe", args=[token])).status_code == 404
    assert client.get(reverse("catalogue:alert_confirm", args=[token])).status_code == 404


def test_send_alerts_command_enqueues_due_alerts_only(
    confirmed_alert, django_capture_on_commit_callbacks
):
    _health("Covidom")
    recent = Alert.objects.create(
        email="b@exemple.fr",
        query="theme=sante",
        frequency="weekly",
        confirmed_at=timezone.now(),
        last_sent_at=timezone.now(),
    )
    daily = Alert.objects.create(
        email="c@exemple.fr",
        query="",
        frequency="daily",
        confirmed_at=timezone.now() - dt.timedelta(days=2),
        last_sent_at=timezone.now() - dt.timedelta(days=2),
    )
    with django_capture_on_commit_callbacks(execute=True):
        call_command("send_alerts", "--frequency", "weekly")
    assert [m.to for m in mail.outbox] == [["camille@exemple.fr"]]
    assert not AlertDelivery.objects.filter(alert__in=[recent, daily]).exists()


def test_alert_describes_the_search_in_french(db):
    filters = alerts.filters_of(Alert(query="q=tablette&theme=sante&etape=scaling&essaimage=1"))
    assert alerts.describe_search(filters) == [
        "mots : « tablette »",
        "thème : Santé",
        "étape : Déploiement",
        "initiatives qui ont essaimé",
    ]

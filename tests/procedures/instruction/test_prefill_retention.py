"""The register of pre-filling links keeps a link's answers only while it can be used, and
forgets dead links after `retention.PREFILL_REGISTER_DAYS` (daily `procedures_purger`)."""

import datetime
import io
import logging
import time

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from essaim.procedures import prefill, retention
from essaim.procedures.models import PrefillLink

pytestmark = pytest.mark.django_db
DAYS = retention.PREFILL_REGISTER_DAYS


def _link(procedure, editor, name, days):
    url, _expires = prefill.make_link(procedure, {"nom": name}, days=days, label=name, by=editor)
    return PrefillLink.objects.get(label=name), url


def _path(url) -> str:
    return "/" + url.split("://", 1)[-1].split("/", 1)[-1]


def _text(response) -> str:
    return response.content.decode().replace("\xa0", " ")


def test_dead_links_leave_the_register_with_their_answers(procedure, editor):
    live, live_url = _link(procedure, editor, "Vivant", days=365)
    recent, _url = _link(procedure, editor, "Récent", days=30)
    _link(procedure, editor, "Ancien", days=1)
    revoked, _url = _link(procedure, editor, "Retiré", days=365)
    prefill.revoke_link(revoked, by=editor)
    revoked.refresh_from_db()
    assert revoked.url == ""  # its answers go at once
    later = timezone.now() + datetime.timedelta(days=DAYS + 2)

    assert retention.purge_prefill_links(now=later) == 2

    assert set(PrefillLink.objects.values_list("label", flat=True)) == {"Vivant", "Récent"}
    assert PrefillLink.objects.get(pk=live.pk).url == live_url  # still to copy
    assert PrefillLink.objects.get(pk=recent.pk).url == ""  # expired: listed, answers gone
    assert retention.purge_prefill_links(now=later) == 0  # idempotent


def test_a_forgotten_link_is_still_refused_for_the_right_reason(
    client, procedure, editor, applicant, monkeypatch
):
    _expired, expired_url = _link(procedure, editor, "Ancien", days=1)
    revoked, revoked_url = _link(procedure, editor, "Retiré", days=365)
    prefill.revoke_link(revoked, by=editor)
    later = timezone.now() + datetime.timedelta(days=DAYS + 2)
    assert retention.purge_prefill_links(now=later) == 2
    then = time.time() + (DAYS + 2) * 86400
    monkeypatch.setattr(prefill.time, "time", lambda: then)
    client.force_login(applicant)
    assert "a expiré" in _text(client.get(_path(expired_url), follow=True))
    assert "a été retiré par le service" in _text(client.get(_path(revoked_url), follow=True))


def test_daily_purger_empties_the_register_and_says_so(procedure, editor):
    old, _url = _link(procedure, editor, "Ancien", days=1)
    kept, _url = _link(procedure, editor, "Vivant", days=30)
    PrefillLink.objects.filter(pk=old.pk).update(
        expires_at=timezone.now() - datetime.timedelta(days=DAYS + 1)
    )
    out = io.StringIO()
    call_command("procedures_purger", stdout=out)
    assert "1 lien(s) de pré-remplissage supprimé(s)" in out.getvalue()
    assert list(PrefillLink.objects.values_list("pk", flat=True)) == [kept.pk]


def test_builder_page_tells_how_long_dead_links_stay(client, procedure, editor):
    client.force_login(editor)
    page = _text(client.get(reverse("procedures:builder_prefill_links", args=[procedure.pk])))
    assert f"disparaît de la liste {DAYS} jours plus tard" in page


def test_register_purge_logs_no_personal_data(procedure, editor, caplog):
    caplog.set_level(logging.DEBUG)
    link, url = _link(procedure, editor, "Zébulon-Trucmuche", days=1)
    prefill.revoke_link(link, by=editor)
    later = timezone.now() + datetime.timedelta(days=DAYS + 2)
    assert retention.purge_prefill_links(now=later) == 1
    logged = "\n".join(f"{record.getMessage()} {record.__dict__}" for record in caplog.records)
    assert "procedures.retention.prefill_links_purged" in logged
    for value in ["Zébulon", url.rsplit("/", 2)[-2], editor.email]:
        assert value not in logged, value

"""The instructors' table keeps its counts and processing times between views (cached) and
shows fresh ones as soon as a dossier changes state or is deleted; its pages list the right
dossiers, newest first, with the late ones marked."""

import datetime
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from essaim.procedures import retention, services
from tests.procedures.instruction.conftest import make_dossier

pytestmark = pytest.mark.django_db


def _table(client, procedure, query=""):
    url = reverse("procedures:instruction_procedure", args=[procedure.pk])
    return client.get(f"{url}?{query}").content.decode().replace("\xa0", " ")


def _label(page, label):
    """The count shown in the state filter's option `label`."""
    found = re.search(rf">{re.escape(label)} \((\d+)\)<", page)
    assert found, label
    return int(found.group(1))


def test_counts_follow_a_state_change_made_after_they_were_shown(
    client, procedure, nord, instructor
):
    first = make_dossier(procedure, nord)
    make_dossier(procedure, nord)
    client.force_login(instructor)
    page = _table(client, procedure)
    assert _label(page, "Déposé (en construction)") == 2
    assert _label(page, "En instruction") == 0
    assert "Délai de traitement" not in page

    services.transition(first, name="instruct", by=instructor)
    page = _table(client, procedure)
    assert _label(page, "Déposé (en construction)") == 1
    assert _label(page, "En instruction") == 1
    assert "1 dossier" in _table(client, procedure, "etat=in_instruction")

    services.transition(first, name="accept", by=instructor)
    page = _table(client, procedure)
    assert _label(page, "Accepté") == 1
    assert _label(page, "En instruction") == 0
    assert "Délai de traitement (du dépôt à la décision, 1 dossier décidé)" in page


def test_a_deleted_dossier_leaves_the_counts(client, procedure, nord, instructor):
    kept = make_dossier(procedure, nord)
    gone = make_dossier(procedure, nord)
    client.force_login(instructor)
    assert "2 dossiers" in _table(client, procedure, "etat=submitted")
    retention.delete_dossier(gone.pk)
    page = _table(client, procedure, "etat=submitted")
    assert "1 dossier" in page and "2 dossiers" not in page
    assert f"Dossier n° {kept.pk}" in page


def test_counts_are_those_of_the_instructors_groups(
    client, procedure, nord, pas_de_calais, instructor, other_instructor
):
    make_dossier(procedure, nord)
    make_dossier(procedure, pas_de_calais)
    make_dossier(procedure, pas_de_calais)
    client.force_login(instructor)
    assert _label(_table(client, procedure), "Déposé (en construction)") == 1
    client.force_login(other_instructor)
    assert _label(_table(client, procedure), "Déposé (en construction)") == 2


def test_pages_list_the_newest_first_with_late_dossiers_marked(client, procedure, nord, instructor):
    now = timezone.now()
    dossiers = []
    for age in range(55):  # the oldest are past the 5 days allowed in "déposé"
        dossier = make_dossier(procedure, nord, days_in_state=age)
        dossier.submitted_at = now - datetime.timedelta(days=age)
        dossier.save(update_fields=["submitted_at"])
        dossiers.append(dossier)
    client.force_login(instructor)
    second = _table(client, procedure, "etat=submitted&page=2")
    assert "55 dossiers" in second
    numbers = [int(n) for n in re.findall(r"Dossier n° (\d+)</a>", second)]
    assert numbers == [d.pk for d in dossiers[50:]]
    assert second.count("En retard") == 5
    first = _table(client, procedure, "etat=submitted")
    numbers = [int(n) for n in re.findall(r"Dossier n° (\d+)</a>", first)]
    assert numbers == [d.pk for d in dossiers[:50]]
    assert first.count("En retard") == 50 - 5  # less than 5 days: not late yet
    late_only = _table(client, procedure, "etat=submitted&retard=1")
    assert "50 dossiers" in late_only

"""Saved views of the instructors' table (per person) and the dashboard of deadlines."""

import pytest
from django.urls import reverse

from essaim.procedures.models import SavedView
from tests.accounts.factories import UserFactory
from tests.procedures.factories import InstructorFactory
from tests.procedures.instruction.conftest import make_dossier

pytestmark = pytest.mark.django_db


def _table(procedure):
    return reverse("procedures:instruction_procedure", args=[procedure.pk])


def test_instructor_saves_a_view_and_finds_it_again(client, procedure, instructor):
    client.force_login(instructor)
    response = client.post(
        reverse("procedures:instruction_save_view", args=[procedure.pk]),
        {"name": "  En retard  ", "query": "etat=submitted&retard=1&tri=anciens&page=3&x=1"},
    )
    view = SavedView.objects.get()
    assert (view.user, view.name) == (instructor, "En retard")
    assert view.query == "etat=submitted&retard=1&tri=anciens"
    assert response.url == f"{_table(procedure)}?etat=submitted&retard=1&tri=anciens"
    html = client.get(response.url).content.decode()
    assert 'href="?etat=submitted&amp;retard=1&amp;tri=anciens" aria-current="true"' in html
    # Saving again under the same name replaces the filters.
    client.post(
        reverse("procedures:instruction_save_view", args=[procedure.pk]),
        {"name": "En retard", "query": "retard=1"},
    )
    assert SavedView.objects.get().query == "retard=1"


def test_a_view_needs_a_name(client, procedure, instructor):
    client.force_login(instructor)
    response = client.post(
        reverse("procedures:instruction_save_view", args=[procedure.pk]),
        {"name": " ", "query": "etat=submitted"},
        follow=True,
    )
    assert "Donnez un nom à cette vue" in response.content.decode()
    assert not SavedView.objects.exists()


def test_views_are_personal(client, procedure, instructor, nord):
    SavedView.objects.create(user=instructor, procedure=procedure, name="Mes urgences", query="")
    colleague = InstructorFactory(group=nord).user
    client.force_login(colleague)
    assert "Mes urgences" not in client.get(_table(procedure)).content.decode()
    view = SavedView.objects.get()
    response = client.post(
        reverse("procedures:instruction_delete_view", args=[procedure.pk, view.pk])
    )
    assert response.status_code == 404
    assert SavedView.objects.exists()
    client.force_login(instructor)
    client.post(reverse("procedures:instruction_delete_view", args=[procedure.pk, view.pk]))
    assert not SavedView.objects.exists()


def test_non_instructors_cannot_save_views(client, procedure):
    url = reverse("procedures:instruction_save_view", args=[procedure.pk])
    response = client.post(url, {"name": "x", "query": ""})
    assert response.status_code == 302 and reverse("accounts:login") in response.url
    client.force_login(UserFactory())
    assert client.post(url, {"name": "x", "query": ""}).status_code == 403
    assert not SavedView.objects.exists()


def test_dashboard_counts_late_dossiers_per_state(
    client, procedure, nord, pas_de_calais, instructor
):
    make_dossier(procedure, nord, state="submitted", days_in_state=6)  # deadline 5 days: late
    make_dossier(procedure, nord, state="submitted", days_in_state=1)
    make_dossier(procedure, nord, state="in_instruction", days_in_state=20)  # 15 days: late
    make_dossier(procedure, pas_de_calais, state="submitted", days_in_state=30)  # not mine
    client.force_login(instructor)
    response = client.get(reverse("procedures:instruction_dashboard", args=[procedure.pk]))
    html = response.content.decode()
    assert response.status_code == 200
    assert "?etat=submitted&amp;retard=1" in html
    assert html.count("1 en retard") == 2
    assert "6,0 j" in html or "6.0 j" in html  # the oldest submitted dossier of my groups
    table = client.get(_table(procedure) + "?retard=1").content.decode()
    assert "2 dossiers" in table and "En retard" in table


def test_dashboard_is_refused_to_non_instructors(client, procedure):
    client.force_login(UserFactory())
    url = reverse("procedures:instruction_dashboard", args=[procedure.pk])
    assert client.get(url).status_code == 403

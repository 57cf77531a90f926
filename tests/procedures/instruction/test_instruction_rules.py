"""Rules of the instructors' side that had no test of their own: sorting the table, an
applicant's transition refused to an instructor (page, service and API), and the processing-time
figures (median and 90th percentile) on known data, on SQLite and PostgreSQL alike."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from essaim.procedures import instruction_figures, instruction_services
from essaim.procedures import integrations_services as integrations
from essaim.procedures.enums import DossierState
from essaim.procedures.models import Dossier
from tests.procedures.instruction.conftest import make_dossier

pytestmark = pytest.mark.django_db


def _table(client, procedure, query="") -> str:
    url = reverse("procedures:instruction_procedure", args=[procedure.pk])
    return client.get(f"{url}?{query}").content.decode().replace("\xa0", " ")


def _order(html, dossiers) -> list:
    """The dossiers in the order the table shows them."""
    positions = {d.pk: html.index(f"Dossier n° {d.pk}</a>") for d in dossiers}
    return sorted(positions, key=positions.get)


@pytest.fixture
def three_dossiers(procedure, nord):
    now = timezone.now()
    middle = make_dossier(procedure, nord, days_in_state=2)  # created first, submitted 2 days ago
    old = make_dossier(procedure, nord, days_in_state=9)
    new = make_dossier(procedure, nord, days_in_state=0)
    Dossier.objects.filter(pk=old.pk).update(updated_at=now)  # the last one changed
    Dossier.objects.filter(pk=new.pk).update(updated_at=now - datetime.timedelta(days=3))
    Dossier.objects.filter(pk=middle.pk).update(updated_at=now - datetime.timedelta(days=1))
    return middle, old, new


def test_the_instructors_table_sorts_as_asked(client, procedure, instructor, three_dossiers):
    middle, old, new = three_dossiers
    client.force_login(instructor)
    shown = lambda query: _order(_table(client, procedure, query), three_dossiers)  # noqa: E731
    assert shown("") == [new.pk, middle.pk, old.pk]  # most recently submitted first
    assert shown("tri=recents") == [new.pk, middle.pk, old.pk]
    assert shown("tri=anciens") == [old.pk, middle.pk, new.pk]
    assert shown("tri=numero") == [middle.pk, old.pk, new.pk]
    assert shown("tri=maj") == [old.pk, middle.pk, new.pk]
    assert shown("tri=nimporte") == [new.pk, middle.pk, old.pk]  # unknown: the default


def test_an_instructor_cannot_make_an_applicants_transition(
    client, procedure, nord, instructor, organisation
):
    dossier = make_dossier(procedure, nord, state="correction_requested")
    client.force_login(instructor)
    url = reverse("procedures:instruction_transition", args=[dossier.public_id])
    for name in ("resubmit", "submit"):
        response = client.post(url, {"transition": name}, follow=True)
        assert "Ce changement d’état n’est plus possible" in response.content.decode()
        with pytest.raises(ValidationError):
            instruction_services.change_state(dossier, name=name, by=instructor)
    _token, raw = integrations.create_token(
        organisation=organisation,
        name="Logiciel",
        scopes=integrations.SCOPES,
        procedures=[],
        by=None,
    )
    api = client.post(
        f"/api/v1/dossiers/{dossier.pk}/transitions",
        {"name": "resubmit"},
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {raw}",
    )
    assert api.status_code == 409
    dossier.refresh_from_db()
    assert dossier.state == DossierState.CORRECTION_REQUESTED
    assert not dossier.transitions.exists()


def _decided(procedure, group, days_list):
    now = timezone.now()
    for days in days_list:
        dossier = make_dossier(procedure, group, state="accepted")
        Dossier.objects.filter(pk=dossier.pk).update(
            submitted_at=now - datetime.timedelta(days=days), decided_at=now
        )


@pytest.mark.parametrize(
    "days, median, p90",
    [
        (range(1, 11), 5.0, 9.0),
        ([1, 2, 3, 4, 100], 3.0, 100.0),
        ([7], 7.0, 7.0),
        ([0.5, 1.5], 0.5, 1.5),
    ],
)
def test_processing_time_median_and_90th_percentile(procedure, nord, days, median, p90):
    _decided(procedure, nord, days)
    make_dossier(procedure, nord)  # not decided: not counted
    found = instruction_figures.figures(procedure, [nord.pk])["processing"]
    assert found == {"count": len(list(days)), "median": median, "p90": p90}


def test_the_table_shows_the_processing_times(client, procedure, nord, instructor):
    _decided(procedure, nord, range(1, 11))
    client.force_login(instructor)
    html = _table(client, procedure).replace("\xa0", " ")
    assert "10 dossiers décidés" in html
    assert "5,0 jours en médiane, 9,0 jours pour 9 dossiers sur 10" in html


def test_no_decided_dossier_gives_no_processing_time(procedure, nord):
    make_dossier(procedure, nord)
    found = instruction_figures.figures(procedure, [nord.pk])["processing"]
    assert found == {"count": 0, "median": None, "p90": None}


def test_processing_times_are_those_of_the_instructors_groups(procedure, nord, pas_de_calais):
    _decided(procedure, nord, [1, 2, 3])
    _decided(procedure, pas_de_calais, [50])
    assert instruction_figures.figures(procedure, [pas_de_calais.pk])["processing"]["median"] == 50
    both = instruction_figures.figures(procedure, [nord.pk, pas_de_calais.pk])["processing"]
    assert both == {"count": 4, "median": 2.0, "p90": 50.0}

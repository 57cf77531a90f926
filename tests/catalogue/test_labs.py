import datetime

import pytest
from django.urls import reverse

from essaim.catalogue.models import LabFigure, LabProfile, Theme
from tests.catalogue.factories import InitiativeFactory, LabFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def siilab(hauts_de_france):
    lab = LabFactory(name="SIILAB", territory=hauts_de_france)
    LabProfile.objects.create(
        organisation=lab, founded_on=datetime.date(2017, 1, 1), founding_members="DRJSCS, CRESS"
    )
    LabFigure.objects.create(
        organisation=lab,
        label="Ateliers animés",
        value=650,
        unit="ateliers",
        declared_on=datetime.date(2020, 11, 2),
        source="Dossier de presse 2020",
    )
    social = Theme.objects.get(slug="social")
    InitiativeFactory(
        title="Citoyens en communs", carriers=[lab], stage="exploration", themes=[social]
    )
    InitiativeFactory(title="#ESSHDF", labs=[lab], stage="scaling", themes=[social])
    InitiativeFactory(title="Les Assembleurs", labs=[lab], stage="scaling")
    InitiativeFactory(title="Brouillon secret", labs=[lab], draft=True)
    return lab


def test_lab_page_shows_computed_beside_declared_figures(client, siilab):
    response = client.get(reverse("catalogue:lab", args=[siilab.slug]))
    body = response.content.decode()
    figures = response.context["figures"]
    assert (figures.led, figures.supported) == (1, 2)
    assert dict(figures.by_stage) == {"Exploration": 1, "Déploiement": 2}
    assert [(name, n) for name, _slug, n in figures.by_theme] == [("Social", 2)]
    assert "Ateliers animés" in body and "650" in body and "2 novembre 2020" in body
    assert "Hauts-de-France" in body and "2017" in body and "DRJSCS, CRESS" in body
    assert "Citoyens en communs" in body and "Les Assembleurs" in body


def test_lab_page_never_shows_a_draft(client, siilab):
    body = client.get(reverse("catalogue:lab", args=[siilab.slug])).content.decode()
    assert "Brouillon secret" not in body


def test_lab_page_of_an_organisation_that_is_no_lab_is_not_found(client, organisation):
    assert client.get(reverse("catalogue:lab", args=[organisation.slug])).status_code == 404


def test_lab_list_counts_and_filters_by_region(client, siilab, seine_et_marne):
    LabFactory(name="Lab francilien", territory=seine_et_marne)
    response = client.get(reverse("catalogue:labs"))
    labs = {lab.name: lab for lab in response.context["page_obj"]}
    assert (labs["SIILAB"].led_count, labs["SIILAB"].supported_count) == (1, 2)
    response = client.get(reverse("catalogue:labs"), {"region": "32"})
    assert [lab.name for lab in response.context["page_obj"]] == ["SIILAB"]


@pytest.mark.parametrize("params", [{"region": "zz" * 500}, {"page": "9999"}, {"page": "-1"}])
def test_lab_list_bad_parameters_never_fail(client, siilab, params):
    assert client.get(reverse("catalogue:labs"), params).status_code == 200

import json
import re

import pytest
from django.urls import reverse

from essaim.catalogue.services import record_stage_change, set_origin
from tests.catalogue.factories import IndicatorFactory, InitiativeFactory

pytestmark = pytest.mark.django_db


def test_list_shows_results_facets_and_a_shareable_form(client, nord_autonomie, sdis_77):
    response = client.get(reverse("catalogue:list"), {"q": "formulaire MDPH"})
    body = response.content.decode()
    assert "1 initiative" in body
    assert "Nord autonomie" in body and sdis_77.title not in body
    assert 'hx-push-url="true"' in body
    assert 'method="get"' in body
    # The facet's checkbox carries the count of the results it leads to.
    assert re.search(r"Handicap&nbsp;<span[^>]*>\(1\)</span>", body)


def test_list_facet_link_count_matches_the_page_it_leads_to(client, nord_autonomie, sdis_77):
    facets = client.get(reverse("catalogue:list")).context["facets"]
    option = next(o for f in facets if f.attr == "themes" for o in f.options if o.value == "sante")
    response = client.get(reverse("catalogue:list") + option.querystring)
    assert response.context["page_obj"].paginator.count == option.count == 1


def test_list_answers_htmx_with_the_results_partial_only(client, nord_autonomie):
    response = client.get(
        reverse("catalogue:list"),
        {"q": "MDPH"},
        HTTP_HX_REQUEST="true",
        HTTP_HX_TARGET="catalogue-results",
    )
    body = response.content.decode()
    assert body.lstrip().startswith('<div id="catalogue-results"')
    assert "<html" not in body
    assert "Nord autonomie" in body
    assert "HX-Request" in response["Vary"]


def test_list_paginates_and_keeps_filters_in_links(client):
    InitiativeFactory.create_batch(25, pitch="Un guichet numérique")
    body = client.get(reverse("catalogue:list"), {"q": "guichet"}).content.decode()
    assert "25 initiatives" in body
    assert "q=guichet&amp;page=2" in body


def test_detail_shows_content_timeline_indicators_and_replications(client, nord_autonomie, editor):
    record_stage_change(nord_autonomie, stage="prototype", date=_date(2020, 11, 2), by=editor)
    IndicatorFactory(initiative=nord_autonomie, label="Formulaires déposés", value=1200)
    elsewhere = InitiativeFactory(title="Le formulaire guidé dans le Pas-de-Calais")
    set_origin(elsewhere, origin=nord_autonomie, by=editor)
    body = client.get(nord_autonomie.get_absolute_url()).content.decode()
    assert "Le problème" in body and "La solution" in body
    assert "Prototype" in body and "2 novembre 2020" in body
    assert "Formulaires déposés" in body
    assert elsewhere.get_absolute_url() in body
    replication_page = client.get(elsewhere.get_absolute_url()).content.decode()
    assert nord_autonomie.get_absolute_url() in replication_page


def test_detail_embeds_schema_org_json_ld_safely(client):
    initiative = InitiativeFactory(title="</script><script>alert(1)</script>")
    body = client.get(initiative.get_absolute_url()).content.decode()
    match = re.search(r'<script type="application/ld\+json">(.*?)</script>', body, re.S)
    data = json.loads(match.group(1))
    assert data["@type"] == "Project"
    assert data["name"] == initiative.title
    assert "<script>alert" not in body


def test_map_shades_regions_links_them_and_offers_a_table(client, nord_autonomie, sdis_77):
    body = client.get(reverse("catalogue:map"), {"theme": "handicap"}).content.decode()
    assert 'aria-label="Hauts-de-France : 1 initiative"' in body
    assert "catalogue-map__shade-5" in body
    # Each région links to the list filtered by it, the other filters kept.
    assert f"{reverse('catalogue:list')}?theme=handicap&amp;region=32" in body
    assert "<table>" in body and "Nombre d’initiatives par région" in body
    for overseas in ["Guadeloupe", "Martinique", "Guyane", "La Réunion", "Mayotte"]:
        assert overseas in body


def test_map_by_department(client, nord_autonomie):
    body = client.get(reverse("catalogue:map"), {"niveau": "departement"}).content.decode()
    assert 'aria-label="Nord : 1 initiative"' in body
    assert "departement=59" in body


def _date(*args):
    import datetime

    return datetime.date(*args)

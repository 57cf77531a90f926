"""The official geography shipped with Essaim: loading, look-up, search and suggestions."""

import csv
import gzip
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from essaim.core.models import Commune, Department, Level, Region, Territory
from essaim.core.services import COG_DIR, TerritoryDataError, load_territories

pytestmark = pytest.mark.django_db

OVERSEAS_REGIONS = {"Guadeloupe", "Martinique", "Guyane", "La Réunion", "Mayotte"}


@pytest.fixture(scope="module", autouse=True)
def territories(django_db_setup, django_db_blocker):
    """The shipped files, loaded once for the module (a few seconds), removed afterwards."""
    with django_db_blocker.unblock():
        summary = load_territories()
    yield summary
    with django_db_blocker.unblock():
        Territory.objects.update(parent=None, region=None)
        Territory.objects.all().delete()


def _names(text):
    return [t.name for t in Territory.objects.search(text)[:5]]


def _write_files(directory, regions, departments, communes):
    for name, header, rows in (
        ("regions.csv.gz", ["code", "name"], regions),
        ("departements.csv.gz", ["code", "region", "name"], departments),
        ("communes.csv.gz", ["code", "department", "region", "name", "population"], communes),
    ):
        text = StringIO()
        csv.writer(text).writerows([header, *rows])
        (directory / name).write_bytes(gzip.compress(text.getvalue().encode()))


def test_load_counts_every_level_of_the_geography(territories):
    assert territories.counts[Level.REGION].total == 18
    assert territories.counts[Level.DEPARTMENT].total == 101
    assert 34_000 <= territories.counts[Level.COMMUNE].total <= 36_000
    assert Region.objects.count() == 18
    assert Department.objects.count() == 101
    assert 34_000 <= Commune.objects.count() <= 36_000


def test_department_59_is_nord_in_hauts_de_france():
    nord = Department.objects.get_by_code("59")
    assert nord.name == "Nord"
    assert nord.parent.name == "Hauts-de-France"
    assert nord.region.name == "Hauts-de-France"
    assert nord.parent.region == nord.parent  # a région is its own région


def test_regions_include_the_five_overseas_regions():
    names = set(Region.objects.values_list("name", flat=True))
    assert names >= OVERSEAS_REGIONS
    assert Department.objects.get_by_code("976").parent.name == "Mayotte"
    assert Commune.objects.filter(region__name="La Réunion").count() == 24


def test_commune_lookup_by_code_gives_its_department_region_and_population():
    lille = Commune.objects.get_by_code("59350")
    assert lille.name == "Lille"
    assert lille.parent.code == "59"
    assert lille.region.name == "Hauts-de-France"
    assert lille.population > 200_000
    assert lille.label == "Lille (59)"
    assert Commune.objects.get_by_code(" 2a004 ").name == "Ajaccio"


def test_commune_lookup_by_unknown_code_raises_does_not_exist():
    with pytest.raises(Commune.DoesNotExist):
        Commune.objects.get_by_code("99999")


def test_paris_lyon_marseille_are_single_communes_with_their_arrondissements_population():
    assert not Commune.objects.filter(code="75101").exists()  # arrondissement, not a commune
    assert Commune.objects.get_by_code("75056").population > 2_000_000
    assert Commune.objects.get_by_code("13055").population > 800_000


def test_populations_add_up_to_departments_and_regions():
    nord = Department.objects.get_by_code("59")
    assert nord.population == sum(
        Commune.objects.filter(parent=nord).values_list("population", flat=True)
    )
    assert Region.objects.get_by_code("06").population is None  # Mayotte: not in the file


@pytest.mark.parametrize("text", ["villeneuve d'ascq", "villeneuve d ascq", "VILLENEUVE-D’ASCQ"])
def test_search_ignores_accents_case_and_punctuation(text):
    found = Territory.objects.search(text).first()
    assert (found.code, found.name) == ("59009", "Villeneuve-d'Ascq")


@pytest.mark.parametrize("text", ["Œting", "oeting", "OETING"])
def test_search_reads_ligatures_as_two_letters(text):
    assert _names(text)[0] == "Œting"


@pytest.mark.parametrize("text", ["saint etienne", "Saint-Étienne", "st etienne"])
def test_search_ranks_the_most_populated_of_equal_matches_first(text):
    results = list(Territory.objects.search(text)[:3])
    assert results[0].code == "42218"
    assert results[1].name.startswith("Saint-Étienne-")


def test_search_finds_an_exact_insee_code_first():
    assert Territory.objects.search("59350").first().name == "Lille"
    assert Territory.objects.search("59").first().name == "Nord"


def test_search_ranks_a_department_before_its_namesake_villages():
    assert _names("nord")[0] == "Nord"


@pytest.mark.parametrize("text", ["", "   ", "'-’", "\x00", "a" * 10_000, "é" * 10_000])
def test_search_of_empty_or_huge_text_finds_nothing(text):
    assert list(Territory.objects.search(text)[:20]) == []


def test_search_of_huge_repeated_name_is_cut_and_still_answers():
    assert _names("lille " * 2_000)[0] == "Lille"


def test_second_load_changes_nothing():
    summary = load_territories()
    for counts in summary.counts.values():
        assert counts.created == counts.updated == counts.absent == 0
    assert Commune.objects.count() == summary.counts[Level.COMMUNE].unchanged


def test_load_restores_a_territory_changed_by_hand():
    Commune.objects.filter(code="59350").update(name="Lile", search_name="lile", population=1)
    summary = load_territories()
    assert summary.counts[Level.COMMUNE].updated == 1
    lille = Commune.objects.get_by_code("59350")
    assert (lille.name, lille.search_name) == ("Lille", "lille")
    assert lille.population > 200_000


def test_load_refuses_a_commune_of_an_unknown_department_and_writes_nothing(tmp_path):
    _write_files(
        tmp_path,
        regions=[["99", "Région d’essai"]],
        departments=[["98", "99", "Département d’essai"]],
        communes=[["98001", "97", "99", "Commune d’essai", "10"]],
    )
    with pytest.raises(TerritoryDataError, match="Commune 98001 : le code department « 97 »"):
        load_territories(source_dir=tmp_path)
    assert not Territory.objects.filter(code__in=["99", "98"]).exists()


def test_load_refuses_a_missing_file_with_a_french_message(tmp_path):
    with pytest.raises(TerritoryDataError, match=r"Impossible de lire .*regions\.csv\.gz"):
        load_territories(source_dir=tmp_path)


def test_command_prints_a_plain_french_summary():
    out = StringIO()
    call_command("load_territories", stdout=out)
    output = out.getvalue()
    assert "Territoires chargés" in output
    assert "régions\u00a0: 18 (0 ajoutées, 0 mises à jour, 18 inchangées)" in output
    assert "départements\u00a0: 101 (0 ajoutés, 0 mis à jour, 101 inchangés)" in output


def test_command_reports_an_unreadable_folder_as_a_command_error(tmp_path):
    with pytest.raises(CommandError, match="Impossible de lire"):
        call_command("load_territories", source_dir=str(tmp_path), stdout=StringIO())


def test_shipped_files_stay_small():
    assert sum(path.stat().st_size for path in COG_DIR.glob("*.gz")) < 1_000_000
    assert (COG_DIR / "LICENCE").exists()


def test_territory_search_answers_best_matches_as_json(client):
    response = client.get("/territoires/recherche", {"q": "villeneuve d ascq"})
    assert response.status_code == 200
    assert response.json()[0] == {
        "code": "59009",
        "level": "commune",
        "name": "Villeneuve-d'Ascq",
        "label": "Villeneuve-d'Ascq (59)",
    }


def test_territory_search_labels_regions_and_departments(client):
    labels = [r["label"] for r in client.get("/territoires/recherche?q=93").json()]
    assert labels == ["Provence-Alpes-Côte d'Azur (région)", "Seine-Saint-Denis (département 93)"]


def test_territory_search_returns_at_most_20_suggestions(client):
    assert len(client.get("/territoires/recherche?q=saint").json()) == 20


def test_territory_search_narrows_to_the_requested_levels(client):
    results = client.get("/territoires/recherche?q=nord&level=commune&level=planet").json()
    assert results and {r["level"] for r in results} == {"commune"}


@pytest.mark.parametrize(
    "query", ["", "?q=", "?q=%20", "?x=lille", "?q=%ff%fe", "?q=" + "a" * 10_000]
)
def test_territory_search_of_missing_or_bad_text_is_an_empty_list(client, query):
    response = client.get("/territoires/recherche" + query)
    assert response.status_code == 200
    assert response.json() == []


def test_territory_search_refuses_post(client):
    assert client.post("/territoires/recherche", {"q": "lille"}).status_code == 405

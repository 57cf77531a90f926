import pytest
from django.db import connection

from essaim.catalogue.filters import Filters
from essaim.catalogue.queries import search_initiatives
from essaim.catalogue.search_text import query_stems, stem
from tests.catalogue.factories import InitiativeFactory

pytestmark = pytest.mark.django_db


def titles(**params):
    filters = Filters.from_querydict({k: v for k, v in params.items()})
    return [i.title for i in search_initiatives(filters)]


def test_search_formulaire_mdph_finds_nord_autonomie(nord_autonomie, sdis_77):
    assert titles(q="formulaire MDPH") == ["Nord autonomie"]


def test_search_without_accents_finds_sdis_77(nord_autonomie, sdis_77):
    assert "Des tablettes pour les bilans de secours" in titles(q="dematerialisation")


def test_search_plural_and_case_find_the_singular(sdis_77):
    assert titles(q="TABLETTE") == [sdis_77.title]
    assert titles(q="pompier") == [sdis_77.title]


def test_search_finds_initiatives_by_carrier_and_territory(nord_autonomie, sdis_77):
    assert titles(q="SDIS 77") == [sdis_77.title]
    assert titles(q="Seine-et-Marne") == [sdis_77.title]


def test_search_every_word_must_match(nord_autonomie, sdis_77):
    assert titles(q="formulaire pompiers") == []


def test_search_ranks_title_matches_first(db):
    in_text = InitiativeFactory(title="Un guichet unique", pitch="Avec un chatbot de réponse.")
    in_title = InitiativeFactory(title="Un chatbot pour les impôts", pitch="Des réponses.")
    assert titles(q="chatbot") == [in_title.title, in_text.title]


def test_search_sort_by_title(db):
    InitiativeFactory(title="Bêta")
    InitiativeFactory(title="Alpha")
    assert titles(tri="titre") == ["Alpha", "Bêta"]


def test_search_never_returns_drafts(sdis_77):
    InitiativeFactory(title="Des tablettes en brouillon", draft=True)
    InitiativeFactory(title="Des tablettes archivées", archived=True)
    assert titles(q="tablettes") == [sdis_77.title]


@pytest.mark.skipif(connection.vendor != "postgresql", reason="trigrams need PostgreSQL")
def test_search_tolerates_a_typo_on_postgresql(sdis_77):
    assert sdis_77.title in titles(q="tabletes")


def test_stem_strips_french_plurals_and_suffixes():
    assert stem("dematerialisation") == "dematerialis"
    assert stem("formulaires") == "formulair"
    assert "dematerialisation des comptes rendus".startswith(stem("dematerialisation"))
    assert query_stems("Les formulaires de la MDPH") == ["formulair", "mdph"]

import pytest

from essaim.catalogue.models import Theme
from tests.accounts.factories import OrganisationFactory
from tests.catalogue.factories import (
    DepartmentFactory,
    InitiativeFactory,
    LabFactory,
    RegionFactory,
)


@pytest.fixture
def hauts_de_france(db):
    return RegionFactory(code="32", name="Hauts-de-France")


@pytest.fixture
def nord(hauts_de_france):
    return DepartmentFactory(code="59", name="Nord", parent=hauts_de_france)


@pytest.fixture
def seine_et_marne(db):
    ile_de_france = RegionFactory(code="11", name="Île-de-France")
    return DepartmentFactory(code="77", name="Seine-et-Marne", parent=ile_de_france)


@pytest.fixture
def nord_autonomie(nord):
    """In the spirit of the seeds: the Nord's guided online form for MDPH requests."""
    return InitiativeFactory(
        title="Nord autonomie",
        pitch="Un formulaire dématérialisé, guidé et automatisé pour les demandes MDPH.",
        problem="<p>Les usagers remplissaient la demande sur papier et la renvoyaient avec les "
        "pièces justificatives ; les dossiers arrivaient souvent incomplets.</p>",
        solution="<p>Un formulaire en ligne qui aiguille la personne en situation de handicap "
        "jusqu’à un dossier complet dès le premier envoi, enregistré dans l’outil métier.</p>",
        territory=nord,
        carriers=[OrganisationFactory(name="Maison départementale des personnes handicapées")],
        themes=[Theme.objects.get(slug="handicap"), Theme.objects.get(slug="simplification")],
        beneficiaries=["citizens", "agents"],
    )


@pytest.fixture
def sdis_77(seine_et_marne):
    """The Seine-et-Marne fire service's tablets, which replaced paper rescue reports."""
    return InitiativeFactory(
        title="Des tablettes pour les bilans de secours",
        pitch="Les sapeurs-pompiers transmettent leurs bilans au SAMU depuis une tablette.",
        solution="<p>La dématérialisation, via tablette tactile connectée, de toutes les fiches "
        "bilans de secours d’urgence aux personnes transmises au SAMU.</p>",
        territory=seine_et_marne,
        carriers=[
            OrganisationFactory(
                name="Service départemental d’incendie et de secours de Seine-et-Marne (SDIS 77)",
                kind="public_body",
            )
        ],
        labs=[LabFactory(name="Laboratoire régional")],
        themes=[Theme.objects.get(slug="sante"), Theme.objects.get(slug="securite")],
        beneficiaries=["agents"],
    )

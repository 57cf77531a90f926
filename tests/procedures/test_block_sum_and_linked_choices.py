"""Two rules of Démarches that worked without a test of their own, through the applicant's pages:
the computed sum of a repeatable block's amounts read by a condition and by an eligibility rule
(the AMASES household's resources), and linked choices, where the first choice narrows the next
one, without JavaScript (one section per page)."""

import pytest
from django.urls import reverse

from essaim.procedures import conditions, engine
from essaim.procedures.enums import DossierState
from essaim.procedures.models import Dossier
from essaim.procedures.spec import FormSpec
from tests.procedures.factories import ProcedureFactory, build_form

pytestmark = pytest.mark.django_db

ABOVE_SCALE = "Ressources au-delà du barème"
NEXT_LIST = "Précisez votre choix dans la liste suivante (elle dépend du choix précédent)."


def _start(client, procedure, user):
    client.force_login(user)
    client.post(reverse("procedures:start", args=[procedure.slug]))
    return Dossier.objects.get(applicant=user, procedure=procedure)


def _step_url(dossier, index=0):
    return reverse("procedures:step", args=[dossier.public_id, index])


def _page(client, url):
    return client.get(url).content.decode().replace("\xa0", " ").replace("\u202f", " ")


@pytest.fixture
def emergency_aid():
    """AMASES-like: each person of the household with their monthly resources, their total
    computed, a question and a rule that read the total."""
    procedure = ProcedureFactory(title="Aide d’urgence")
    build_form(
        procedure,
        [
            (
                "Votre foyer",
                [
                    dict(
                        key="foyer",
                        type="repeatable",
                        label="Personnes du foyer",
                        required=True,
                        params={"min_rows": 1, "row_label": "Personne"},
                        children=[
                            dict(key="membre_prenom", label="Prénom", required=True),
                            dict(
                                key="membre_ressources",
                                type="decimal",
                                label="Ressources mensuelles (en euros)",
                                params={"min": 0, "decimal_places": 2},
                            ),
                        ],
                    ),
                    dict(
                        key="ressources_foyer",
                        type="computed",
                        label="Total des ressources du foyer",
                        params={
                            "formula": {
                                "op": "sum",
                                "block": "foyer",
                                "field": "membre_ressources",
                            },
                            "unit": "€",
                        },
                    ),
                    dict(
                        key="explication",
                        type="textarea",
                        label="Qu’est-ce qui vous met en difficulté malgré ces ressources ?",
                        required=True,
                        condition=conditions.parse("ressources_foyer > 4000"),
                    ),
                ],
            ),
        ],
        rules=[
            dict(
                outcome="ineligible",
                condition=conditions.parse("ressources_foyer > 4000"),
                title=ABOVE_SCALE,
                message="Avec ces ressources, l’aide ne peut pas être accordée.",
                link_url="https://lenord.fr/",
                link_label="Trouver mon UTPAS",
                blocks_submission=True,
            )
        ],
    )
    return procedure


def _household(*amounts):
    data = {"_shown": ["foyer"], "f-foyer__rows": str(len(amounts)), "action": "save"}
    for index, amount in enumerate(amounts):
        data[f"f-foyer__{index}__membre_prenom"] = f"Personne {index + 1}"
        data[f"f-foyer__{index}__membre_ressources"] = amount
    return data


def test_block_total_above_the_scale_tells_the_person_and_blocks_submission(
    client, applicant, emergency_aid
):
    dossier = _start(client, emergency_aid, applicant)
    client.post(_step_url(dossier), _household("2000", "2500,50"))
    page = _page(client, _step_url(dossier))
    assert "4 500,50 €" in page  # the total, shown to the person
    assert ABOVE_SCALE in page and "Trouver mon UTPAS" in page
    assert "malgré ces ressources" in page  # the question whose condition reads the total
    answered = _household("2000", "2500,50") | {
        "_shown": ["foyer", "explication"],
        "f-explication": "Une dette de loyer.",
    }
    client.post(_step_url(dossier), answered)
    summary = _page(client, reverse("procedures:summary", args=[dossier.public_id]))
    assert ABOVE_SCALE in summary and "Trouver mon UTPAS" in summary
    assert "vous ne remplissez pas les conditions de cette démarche" in summary  # nothing missing
    assert "Déposer mon dossier" not in summary
    client.post(reverse("procedures:submit", args=[dossier.public_id]))
    dossier.refresh_from_db()
    assert dossier.state == DossierState.DRAFT  # the server decides, whatever the page shows


def test_block_total_within_the_scale_says_nothing_and_the_file_can_be_submitted(
    client, applicant, emergency_aid
):
    dossier = _start(client, emergency_aid, applicant)
    client.post(_step_url(dossier), _household("2000", "2000"))  # 4 000: not above
    page = _page(client, _step_url(dossier))
    assert "4 000 €" in page
    assert ABOVE_SCALE not in page and "malgré ces ressources" not in page
    client.post(reverse("procedures:submit", args=[dossier.public_id]))
    dossier.refresh_from_db()
    assert dossier.state == DossierState.SUBMITTED


def test_a_row_added_or_removed_changes_the_total_the_rule_reads(emergency_aid):
    spec = FormSpec.for_version(emergency_aid.published_version)
    rows = [
        {"membre_prenom": "Lucas", "membre_ressources": "3500"},
        {"membre_prenom": "Léa", "membre_ressources": "600.01"},
    ]
    above = engine.evaluate(spec, {"foyer": rows})
    assert above.values["ressources_foyer"] == "4100.01"
    assert [rule.title for rule in above.ineligible] == [ABOVE_SCALE]
    assert above.visible("explication") and above.required("explication")
    within = engine.evaluate(spec, {"foyer": rows[:1]})
    assert within.values["ressources_foyer"] == 3500
    assert within.ineligible == [] and not within.visible("explication")


LIEUX = [
    {
        "value": "nord",
        "label": "Nord",
        "children": [
            {"value": "lille", "label": "Lille"},
            {"value": "roubaix", "label": "Roubaix"},
        ],
    },
    {
        "value": "pas-de-calais",
        "label": "Pas-de-Calais",
        "children": [{"value": "arras", "label": "Arras"}],
    },
]


@pytest.fixture
def antenna():
    procedure = ProcedureFactory(title="Rendez-vous en antenne")
    build_form(
        procedure,
        [
            (
                "Votre antenne",
                [
                    dict(
                        key="antenne",
                        type="linked_choice",
                        label="Antenne la plus proche",
                        required=True,
                        options=LIEUX,
                        params={"level_labels": ["Département", "Commune"]},
                    )
                ],
            )
        ],
    )
    return procedure


def _options_of(page, name):
    select = page.split(f'name="{name}"', 1)[1].split("</select>", 1)[0]
    return [part.split(">", 1)[1].split("<", 1)[0] for part in select.split("<option")[2:]]


def test_first_choice_narrows_the_second_list_without_javascript(client, applicant, antenna):
    dossier = _start(client, antenna, applicant)
    page = _page(client, _step_url(dossier))
    assert _options_of(page, "f-antenne__0") == ["Nord", "Pas-de-Calais"]
    assert 'name="f-antenne__1"' not in page  # nothing to choose before the department
    client.post(_step_url(dossier), {"_shown": ["antenne"], "f-antenne__0": "nord"})
    page = _page(client, _step_url(dossier))
    assert _options_of(page, "f-antenne__1") == ["Lille", "Roubaix"]  # not Arras
    assert NEXT_LIST in page  # the person is told the next list waits for them
    client.post(
        _step_url(dossier),
        {"_shown": ["antenne"], "f-antenne__0": "nord", "f-antenne__1": "roubaix"},
    )
    dossier.refresh_from_db()
    assert dossier.answers == {"antenne": ["nord", "roubaix"]}
    assert not dossier.invalid_inputs
    assert "Nord › Roubaix" in _page(
        client, reverse("procedures:summary", args=[dossier.public_id])
    )


def test_a_second_choice_the_first_does_not_allow_is_refused_in_french(client, applicant, antenna):
    dossier = _start(client, antenna, applicant)
    # Arras, left in the second list after the department was changed to Nord (or sent by hand).
    client.post(
        _step_url(dossier),
        {"_shown": ["antenne"], "f-antenne__0": "nord", "f-antenne__1": "arras"},
    )
    dossier.refresh_from_db()
    assert "antenne" not in dossier.answers
    assert dossier.invalid_inputs["antenne"]["message"] == NEXT_LIST
    page = _page(client, _step_url(dossier))
    assert NEXT_LIST in page
    assert _options_of(page, "f-antenne__1") == ["Lille", "Roubaix"]
    client.post(reverse("procedures:submit", args=[dossier.public_id]))
    dossier.refresh_from_db()
    assert dossier.state == DossierState.DRAFT
    client.post(_step_url(dossier), {"_shown": ["antenne"], "f-antenne__0": "oise"})
    page = _page(client, _step_url(dossier))
    assert "Choisissez l’une des réponses proposées." in page

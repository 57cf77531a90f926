"""Rules of Démarches that exist but had no test of their own: a question required only in some
situations, a section hidden by its condition, the help shown for one answer and « en savoir
plus », the applicant changing a dossier until instruction starts, the agents-only audience,
invalid territories, terms and checkboxes (the instructors' side is in
instruction/test_instruction_rules.py)."""

import re

import pytest
from django.urls import reverse

from essaim.core.models import Territory
from essaim.procedures import engine, instruction_services
from essaim.procedures.enums import DossierState, FieldType
from essaim.procedures.fields import FieldError, registry, required_message
from essaim.procedures.models import Dossier
from essaim.procedures.spec import FieldSpec, FormSpec
from tests.procedures.factories import ProcedureFactory, build_form

pytestmark = pytest.mark.django_db

STUDENT = {"field": "statut", "op": "eq", "value": "etudiant"}
EMPLOYEE = {"field": "statut", "op": "eq", "value": "salarie"}
STATUSES = [
    {"value": "salarie", "label": "Salarié", "help": "Joignez votre dernier bulletin de salaire."},
    {"value": "etudiant", "label": "Étudiant", "help": "Joignez votre certificat de scolarité."},
]


@pytest.fixture
def housing(organisation):
    procedure = ProcedureFactory(organisation=organisation, title="Aide au logement")
    build_form(
        procedure,
        [
            (
                "Situation",
                [
                    dict(
                        key="statut",
                        type="choice",
                        label="Votre statut",
                        required=True,
                        options=STATUSES,
                        help_more="Votre statut au 1er janvier.\nUn stage compte comme études.",
                    ),
                    dict(
                        key="boursier",
                        type="yes_no",
                        label="Êtes-vous boursier ?",
                        required=True,
                        required_condition=STUDENT,
                    ),
                    dict(
                        key="accepte", type="terms", label="J’accepte les conditions", required=True
                    ),
                ],
            ),
            (
                "Employeur",
                [dict(key="employeur", label="Employeur", required=True)],
                {"condition": EMPLOYEE},
            ),
        ],
    )
    return procedure


def _spec(procedure) -> FormSpec:
    return FormSpec.for_version(procedure.published_version)


def _start(client, procedure, user) -> Dossier:
    client.force_login(user)
    client.post(reverse("procedures:start", args=[procedure.slug]))
    return Dossier.objects.get(applicant=user, procedure=procedure)


def _step(dossier, index=0):
    return reverse("procedures:step", args=[dossier.public_id, index])


def _fill(client, dossier, **answers):
    data = {"_shown": ["statut", "boursier", "accepte"], "action": "save"}
    data.update({f"f-{key}": value for key, value in answers.items()})
    return client.post(_step(dossier), data)


def _summary(client, dossier) -> str:
    return client.get(reverse("procedures:summary", args=[dossier.public_id])).content.decode()


# ------------------------------------------------------------------ required only if…


def test_a_question_is_required_only_when_its_condition_holds(housing):
    spec = _spec(housing)
    student = engine.evaluate(spec, {"statut": "etudiant", "accepte": True})
    assert student.required("boursier")
    assert student.errors["boursier"] == required_message(spec.by_key["boursier"])
    assert "elle est obligatoire" in student.errors["boursier"]
    employee = engine.evaluate(spec, {"statut": "salarie", "accepte": True, "employeur": "Inria"})
    assert not employee.required("boursier")
    assert employee.visible("boursier")  # still asked, but optional
    assert employee.is_complete


def test_the_summary_asks_for_the_conditional_answer_only_in_its_situation(
    client, housing, applicant
):
    dossier = _start(client, housing, applicant)
    _fill(client, dossier, statut="etudiant", accepte="on")
    html = _summary(client, dossier)
    assert "Êtes-vous boursier" in html
    assert "Déposer mon dossier" not in html
    _fill(client, dossier, statut="etudiant", accepte="on", boursier="non")
    assert "Déposer mon dossier" in _summary(client, dossier)


# ------------------------------------------------------------------ a hidden section


def test_a_section_hidden_by_its_condition_is_skipped_and_not_required(client, housing, applicant):
    dossier = _start(client, housing, applicant)
    response = client.post(
        _step(dossier),
        {
            "_shown": ["statut", "boursier", "accepte"],
            "f-statut": "etudiant",
            "f-boursier": "oui",
            "f-accepte": "on",
            "action": "next",
        },
    )
    summary = reverse("procedures:summary", args=[dossier.public_id])
    assert response.url == summary  # straight to the summary: « Employeur » is skipped
    assert client.get(_step(dossier, 1)).url == summary  # and cannot be opened
    html = _summary(client, dossier)
    assert "Employeur" not in html
    assert "Votre dossier est complet" in html
    client.post(reverse("procedures:submit", args=[dossier.public_id]))
    dossier.refresh_from_db()
    assert dossier.state == DossierState.SUBMITTED


def test_a_section_shown_by_its_condition_is_required_like_any_other(client, housing, applicant):
    dossier = _start(client, housing, applicant)
    response = client.post(
        _step(dossier),
        {"_shown": ["statut", "boursier", "accepte"], "f-statut": "salarie", "f-accepte": "on"}
        | {"action": "next"},
    )
    assert response.url == _step(dossier, 1)
    assert "Employeur" in client.get(response.url).content.decode()
    assert "Employeur" in _summary(client, dossier)
    client.post(reverse("procedures:submit", args=[dossier.public_id]))
    dossier.refresh_from_db()
    assert dossier.state == DossierState.DRAFT
    assert engine.evaluate(_spec(housing), {"statut": "salarie"}).visible_sections == [0, 1]
    assert engine.evaluate(_spec(housing), {"statut": "etudiant"}).visible_sections == [0]


# ------------------------------------------------------------------ help


def test_the_help_of_the_chosen_answer_is_shown_under_the_question(client, housing, applicant):
    dossier = _start(client, housing, applicant)
    callout = '<p class="fr-callout__text fr-text--sm">'
    assert callout not in client.get(_step(dossier)).content.decode()  # nothing chosen yet
    _fill(client, dossier, statut="etudiant")
    html = client.get(_step(dossier)).content.decode()
    assert f"{callout}Joignez votre certificat de scolarité.</p>" in html
    assert html.count(callout) == 1
    _fill(client, dossier, statut="salarie")
    html = client.get(_step(dossier)).content.decode()
    assert f"{callout}Joignez votre dernier bulletin de salaire.</p>" in html
    assert html.count(callout) == 1


def test_en_savoir_plus_opens_the_longer_help_of_its_question(client, housing, applicant):
    dossier = _start(client, housing, applicant)
    html = client.get(_step(dossier)).content.decode()
    block = re.search(r'<details class="essaim-more[^"]*">(.*?)</details>', html, re.S)
    assert block, "no « En savoir plus » block"
    assert "En savoir plus" in block.group(1)
    assert '<span class="fr-sr-only">\xa0: Votre statut</span>' in block.group(1)
    assert "<p>Votre statut au 1er janvier.<br>Un stage compte comme études.</p>" in block.group(1)
    assert html.count('class="essaim-more') == 1  # only the question that has one


# ------------------------------------------------------------------ changing a submitted dossier


def test_the_applicant_changes_a_submitted_dossier_until_instruction_starts(
    client, housing, applicant, organisation
):
    from tests.procedures.factories import InstructorFactory, InstructorGroupFactory

    group = InstructorGroupFactory(procedure=housing, is_default=True)
    instructor = InstructorFactory(group=group).user
    dossier = _start(client, housing, applicant)
    _fill(client, dossier, statut="etudiant", boursier="non", accepte="on")
    client.post(reverse("procedures:submit", args=[dossier.public_id]))
    dossier.refresh_from_db()
    assert dossier.state == DossierState.SUBMITTED

    page = client.get(reverse("procedures:dossier", args=[dossier.public_id])).content.decode()
    assert "Modifier mon dossier" in page
    assert client.get(_step(dossier)).status_code == 200
    _fill(client, dossier, statut="etudiant", boursier="oui", accepte="on")
    dossier.refresh_from_db()
    assert dossier.answers["boursier"] is True
    assert dossier.state == DossierState.SUBMITTED  # changed, still « en construction »

    instruction_services.change_state(dossier, name="instruct", by=instructor)
    page = client.get(reverse("procedures:dossier", args=[dossier.public_id])).content.decode()
    assert "Modifier mon dossier" not in page
    response = client.get(_step(dossier), follow=True)
    assert "il ne peut plus être modifié" in response.content.decode()
    _fill(client, dossier, statut="etudiant", boursier="non", accepte="on")
    autosave = client.post(
        reverse("procedures:autosave", args=[dossier.public_id, 0]),
        {"_shown": ["boursier"], "f-boursier": "non"},
        headers={"HX-Request": "true"},
    )
    assert autosave.status_code == 409
    dossier.refresh_from_db()
    assert dossier.answers["boursier"] is True
    assert dossier.state == DossierState.IN_INSTRUCTION


# ------------------------------------------------------------------ audience


def test_a_procedure_for_agents_refuses_a_citizen_and_accepts_a_member(
    client, housing, applicant, agent
):
    housing.audience = "agents"
    housing.save()
    client.force_login(applicant)
    response = client.post(reverse("procedures:start", args=[housing.slug]), follow=True)
    assert "n’accepte pas de nouveau dossier de votre part" in response.content.decode()
    assert not Dossier.objects.exists()
    client.logout()
    assert client.post(reverse("procedures:start", args=[housing.slug])).status_code == 302
    assert not Dossier.objects.exists()  # sent to sign in, no guest draft
    client.force_login(agent)
    client.post(reverse("procedures:start", args=[housing.slug]))
    assert Dossier.objects.get().applicant == agent


# ------------------------------------------------------------------ invalid values


def _error(type, raw, **kwargs) -> str:
    spec = FieldSpec(key="q", type=type, label="Q", **kwargs)
    with pytest.raises(FieldError) as caught:
        registry.get(type).clean(raw, spec)
    return caught.value.message.replace("\xa0", " ")


@pytest.fixture
def territories(db):
    region = Territory.objects.create(level="region", code="32", name="Hauts-de-France")
    Territory.objects.create(level="region", code="11", name="Île-de-France")
    Territory.objects.create(
        level="department", code="59", name="Nord", parent=region, region=region
    )
    Territory.objects.create(
        level="department", code="62", name="Pas-de-Calais", parent=region, region=region
    )


def test_an_unknown_departement_or_region_is_refused_with_a_suggestion(territories):
    assert registry.get("department").clean("62", FieldSpec("q", "department", "Q")) == "62"
    assert "Vouliez-vous dire : « Pas-de-Calais (département 62) »" in _error(
        "department", "Pas-de-Calai"
    )
    message = _error("department", "Atlantide")
    assert "Nous ne trouvons pas « Atlantide » parmi les départements" in message
    assert "par exemple « Nord »" in message
    assert registry.get("region").clean("ile de france", FieldSpec("q", "region", "Q")) == "11"
    assert "parmi les régions" in _error("region", "Bretagne")
    assert "parmi les régions" in _error("region", "99")
    assert "parmi les départements" in _error("department", "32")  # a region's code
    assert _error("region", ["32"]) == "Saisissez un texte."


def test_terms_must_be_ticked_and_a_checkbox_takes_only_yes_or_no():
    terms = FieldSpec("cgu", FieldType.TERMS, "J’accepte les conditions", required=True)
    form = FormSpec(sections=(_section(terms),))
    for raw in (None, "", "off", "non", False):
        found = engine.evaluate(form, {"cgu": raw})
        assert found.errors["cgu"].replace("\xa0", " ") == (
            "Cochez la case pour accepter les conditions : le dépôt en dépend."
        ), raw
    assert engine.evaluate(form, {"cgu": "on"}).is_complete
    assert (
        required_message(terms) == found.errors["cgu"]
    )  # the message of terms, not the generic one
    assert _error("terms", "peut-être") == "Répondez par oui ou par non."
    assert _error("checkbox", "2") == "Répondez par oui ou par non."
    assert _error("checkbox", {"on": True}) == "Saisissez un texte."
    checkbox = FieldSpec("q", FieldType.CHECKBOX, "Q")
    assert registry.get("checkbox").clean("on", checkbox) is True
    assert registry.get("checkbox").clean("off", checkbox) is False
    assert registry.get("checkbox").is_empty(False)


def _section(*fields):
    from essaim.procedures.spec import SectionSpec

    return SectionSpec(index=0, title="Partie", fields=fields)


def test_a_nul_character_sent_in_an_answer_is_refused_in_french_not_a_crash(
    client, housing, applicant
):
    # PostgreSQL stores no NUL in text or JSON: what was sent is kept aside for correction.
    dossier = _start(client, housing, applicant)
    response = client.post(
        _step(dossier),
        {
            "_shown": ["statut", "boursier", "accepte"],
            "f-statut": "__other__",
            "f-statut__other": "Artiste\x00",
            "f-boursier": "oui\x00",
            "action": "save",
        },
    )
    assert response.status_code == 302
    html = client.get(_step(dossier)).content.decode().replace("\xa0", " ")
    assert html.count("Ce texte contient un caractère invalide : retapez-le.") >= 2
    dossier.refresh_from_db()
    assert set(dossier.invalid_inputs) == {"statut", "boursier"}
    assert dossier.invalid_inputs["boursier"]["raw"] == "oui"  # kept, to correct, without NUL

"""The applicant's journey: procedure page, steps, drafts, conditions, summary, submission."""

import pytest
from django.core import mail
from django.urls import reverse

from essaim.procedures.enums import DossierState
from essaim.procedures.models import Dossier
from tests.accounts.factories import UserFactory
from tests.procedures.factories import ProcedureFactory, build_form

pytestmark = pytest.mark.django_db

CHILDREN = {"field": "enfants", "op": "eq", "value": True}


@pytest.fixture
def procedure():
    procedure = ProcedureFactory(
        title="Aide aux loisirs",
        estimated_minutes=15,
        documents_to_prepare=[{"label": "Avis d’imposition", "help": "Le plus récent"}],
    )
    build_form(
        procedure,
        [
            (
                "Identité",
                [
                    dict(key="nom", label="Nom", required=True),
                    dict(key="naissance", type="date", label="Date de naissance", required=True),
                    dict(
                        key="age",
                        type="computed",
                        label="Âge",
                        params={"formula": {"op": "age", "field": "naissance"}},
                    ),
                    dict(
                        key="enfants", type="yes_no", label="Avez-vous des enfants ?", required=True
                    ),
                    dict(
                        key="nombre",
                        type="integer",
                        label="Combien ?",
                        required=True,
                        condition=CHILDREN,
                    ),
                ],
            ),
            (
                "Documents",
                [
                    dict(
                        key="livret",
                        type="attachment",
                        label="Livret de famille",
                        required=True,
                        condition=CHILDREN,
                    ),
                ],
            ),
        ],
        rules=[
            dict(
                outcome="ineligible",
                condition={"field": "age", "op": "lt", "value": 18},
                title="Cette aide est réservée aux majeurs",
                message="Adressez-vous à la mission locale.",
                link_url="https://www.service-public.fr/",
                blocks_submission=True,
            )
        ],
    )
    return procedure


def _start(client, procedure, user):
    client.force_login(user)
    response = client.post(reverse("procedures:start", args=[procedure.slug]))
    dossier = Dossier.objects.get(applicant=user)
    assert response.status_code == 302
    return dossier


def _step_url(dossier, index=0):
    return reverse("procedures:step", args=[dossier.public_id, index])


def test_procedure_page_lists_documents_time_and_situations(client, procedure):
    html = client.get(reverse("procedures:detail", args=[procedure.slug])).content.decode()
    assert "Temps estimé : 15 minutes" in html
    assert "Avis d’imposition" in html
    assert "Livret de famille" in html
    assert "Seulement si « Avez-vous des enfants ? » est « oui »." in html
    assert "Se connecter pour commencer" in html


def test_procedures_index_lists_open_procedures(client, procedure):
    ProcedureFactory(title="Démarche en brouillon", status="draft")
    html = client.get(reverse("procedures:list")).content.decode()
    assert "Aide aux loisirs" in html
    assert "Démarche en brouillon" not in html


def test_anonymous_visitor_is_sent_to_sign_in_to_start(client, procedure):
    response = client.post(reverse("procedures:start", args=[procedure.slug]))
    assert response.status_code == 302
    assert reverse("accounts:login") in response.url
    assert not Dossier.objects.exists()


def test_closed_procedure_refuses_new_dossiers(client, procedure, applicant):
    procedure.status = "closed"
    procedure.save()
    client.force_login(applicant)
    assert client.post(reverse("procedures:start", args=[procedure.slug])).status_code == 404
    assert not Dossier.objects.exists()


def test_invalid_input_is_kept_and_explained(client, procedure, applicant):
    dossier = _start(client, procedure, applicant)
    response = client.post(
        _step_url(dossier),
        {
            "_shown": ["nom", "naissance", "enfants"],
            "f-nom": "Curie",
            "f-naissance": "31/02/1990",
            "action": "next",
        },
    )
    assert response.url == _step_url(dossier)  # stays on the step
    html = client.get(response.url).content.decode()
    assert 'value="Curie"' in html
    assert 'value="31/02/1990"' in html  # what was typed, to correct
    assert "Saisissez une date réelle au format JJ/MM/AAAA" in html
    assert 'href="#champ-naissance"' in html  # error summary links to the field
    dossier.refresh_from_db()
    assert dossier.answers == {"nom": "Curie"}


def test_new_conditional_question_appears_without_javascript(client, procedure, applicant):
    dossier = _start(client, procedure, applicant)
    data = {
        "_shown": ["nom", "naissance", "enfants"],
        "f-nom": "Curie",
        "f-naissance": "1990-07-14",
        "f-enfants": "oui",
        "action": "next",
    }
    response = client.post(_step_url(dossier), data)
    assert response.url == _step_url(dossier)
    html = client.get(response.url).content.decode()
    assert "De nouvelles questions sont apparues" in html
    assert "Combien ?" in html
    assert 'Âge\u00a0:</span> <output aria-live="polite">' in html


def test_htmx_autosave_shows_conditional_question_and_announces_save(client, procedure, applicant):
    dossier = _start(client, procedure, applicant)
    url = reverse("procedures:autosave", args=[dossier.public_id, 0])
    response = client.post(
        url,
        {"_shown": ["nom", "naissance", "enfants"], "f-nom": "Curie", "f-enfants": "oui"},
        headers={"HX-Request": "true", "HX-Trigger": "zone-enfants"},
    )
    html = response.content.decode()
    assert "<html" not in html
    assert 'id="zone-nombre"' in html and "Combien\u00a0?" in html  # appeared in place
    assert 'id="zone-nom"' not in html  # what the person types is never redrawn
    assert "Brouillon enregistré à" in html
    dossier.refresh_from_db()
    assert dossier.answers == {"nom": "Curie", "enfants": True}


def test_eligibility_is_told_as_soon_as_answers_allow(client, procedure, applicant):
    dossier = _start(client, procedure, applicant)
    response = client.post(
        reverse("procedures:autosave", args=[dossier.public_id, 0]),
        {"_shown": ["nom", "naissance"], "f-naissance": "2015-01-01"},
        headers={"HX-Request": "true"},
    )
    html = response.content.decode()
    assert "Cette aide est réservée aux majeurs" in html
    assert "mission locale" in html


def test_draft_is_resumed_from_my_dossiers(client, procedure, applicant):
    dossier = _start(client, procedure, applicant)
    client.post(_step_url(dossier), {"_shown": ["nom"], "f-nom": "Curie", "action": "save"})
    html = client.get(reverse("procedures:my_dossiers")).content.decode()
    assert "Aide aux loisirs" in html and "Reprendre" in html
    page = client.get(reverse("procedures:dossier", args=[dossier.public_id])).content.decode()
    assert "Reprendre mon brouillon" in page
    assert 'value="Curie"' in client.get(_step_url(dossier)).content.decode()


def test_summary_lists_what_is_missing_and_submission_waits(client, procedure, applicant):
    dossier = _start(client, procedure, applicant)
    client.post(
        _step_url(dossier),
        {"_shown": ["nom", "naissance", "enfants"], "f-nom": "Curie", "f-enfants": "oui"},
    )
    html = client.get(reverse("procedures:summary", args=[dossier.public_id])).content.decode()
    assert "éléments manquent ou sont à corriger" in html
    assert f"{_step_url(dossier)}?verifier=1#champ-naissance" in html
    assert "Livret de famille" in html
    assert "Déposer mon dossier" not in html
    response = client.post(reverse("procedures:submit", args=[dossier.public_id]))
    assert response.url == reverse("procedures:summary", args=[dossier.public_id])
    dossier.refresh_from_db()
    assert dossier.state == DossierState.DRAFT
    checked = client.get(f"{_step_url(dossier)}?verifier=1").content.decode()
    assert "Répondez à cette question : elle est obligatoire." in checked


def test_complete_dossier_is_submitted_once_with_receipt(
    client, procedure, applicant, django_capture_on_commit_callbacks
):
    dossier = _start(client, procedure, applicant)
    client.post(
        _step_url(dossier),
        {
            "_shown": ["nom", "naissance", "enfants"],
            "f-nom": "Curie",
            "f-naissance": "1990-07-14",
            "f-enfants": "non",
        },
    )
    summary = client.get(reverse("procedures:summary", args=[dossier.public_id])).content.decode()
    assert "Votre dossier est complet" in summary
    assert "Livret de famille" not in summary  # not needed without children
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("procedures:submit", args=[dossier.public_id]))
    assert response.url == reverse("procedures:dossier", args=[dossier.public_id])
    again = client.post(reverse("procedures:submit", args=[dossier.public_id]), follow=True)
    assert "déjà déposé" in again.content.decode()
    dossier.refresh_from_db()
    assert dossier.state == DossierState.SUBMITTED
    assert dossier.transitions.count() == 1
    assert dossier.purge_after is not None
    assert len(mail.outbox) == 1
    assert "bien déposé" in mail.outbox[0].body
    receipt = client.get(reverse("procedures:receipt", args=[dossier.public_id])).content.decode()
    assert "a bien reçu le" in receipt and "Curie" in receipt
    pdf = client.get(reverse("procedures:receipt", args=[dossier.public_id]) + "?format=pdf")
    assert pdf["Content-Type"] == "application/pdf"
    assert pdf.content.startswith(b"%PDF-")


def test_ineligible_applicant_cannot_submit(client, procedure, applicant):
    dossier = _start(client, procedure, applicant)
    client.post(
        _step_url(dossier),
        {
            "_shown": ["nom", "naissance", "enfants"],
            "f-nom": "Curie",
            "f-naissance": "2015-07-14",
            "f-enfants": "non",
        },
    )
    client.post(reverse("procedures:submit", args=[dossier.public_id]))
    dossier.refresh_from_db()
    assert dossier.state == DossierState.DRAFT


def test_another_person_never_sees_the_dossier(client, procedure, applicant):
    dossier = _start(client, procedure, applicant)
    client.force_login(UserFactory())
    for name in ("dossier", "summary", "receipt"):
        assert (
            client.get(reverse(f"procedures:{name}", args=[dossier.public_id])).status_code == 404
        )
    assert client.get(_step_url(dossier)).status_code == 404
    assert client.post(_step_url(dossier), {"f-nom": "Pirate"}).status_code == 404
    assert client.post(reverse("procedures:submit", args=[dossier.public_id])).status_code == 404
    client.logout()
    assert client.get(_step_url(dossier)).status_code == 302  # to sign in


def test_repeatable_block_adds_rows_without_javascript(client, applicant):
    procedure = ProcedureFactory()
    build_form(
        procedure,
        [
            (
                "Foyer",
                [
                    dict(
                        key="enfants",
                        type="repeatable",
                        label="Enfants",
                        params={"row_label": "enfant", "max_rows": 3},
                        children=[
                            dict(key="prenom", label="Prénom", required=True),
                            dict(key="montant", type="decimal", label="Montant"),
                        ],
                    ),
                    dict(
                        key="total",
                        type="computed",
                        label="Total",
                        params={
                            "formula": {"op": "sum", "block": "enfants", "field": "montant"},
                            "unit": "€",
                        },
                    ),
                ],
            )
        ],
    )
    dossier = _start(client, procedure, applicant)
    response = client.post(
        _step_url(dossier),
        {
            "_shown": ["enfants"],
            "f-enfants__rows": "1",
            "f-enfants__0__prenom": "Léa",
            "f-enfants__0__montant": "10,5",
            "_add_row": "enfants",
        },
    )
    html = client.get(response.url).content.decode()
    assert "Enfant 2" in html
    assert 'name="f-enfants__1__prenom"' in html
    assert "10,50\u00a0€" in html
    dossier.refresh_from_db()
    assert dossier.answers["enfants"] == [{"prenom": "Léa", "montant": "10.50"}]


def test_my_space_leads_to_my_dossiers(client, applicant):
    client.force_login(applicant)
    html = client.get(reverse("accounts:space")).content.decode()
    assert reverse("procedures:my_dossiers") in html

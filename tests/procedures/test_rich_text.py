"""Explanations in rich text: what an editor may format, what never reaches the applicant."""

import pytest
from django.urls import reverse

from essaim.procedures import builder_services as builder
from essaim.procedures.models import Dossier
from tests.procedures.factories import ProcedureFactory, build_form

pytestmark = pytest.mark.django_db

FORMATTED = (
    "Cette aide est <strong>réservée aux familles</strong> du département.\n\n"
    "Préparez :\n"
    "<ul>\n<li>votre avis d’imposition</li>\n"
    "<li>un <em>relevé</em> d’identité bancaire</li>\n</ul>\n"
    'Plus d’informations sur <a href="https://www.service-public.fr/">Service-Public.fr</a>.'
)
HOSTILE = (
    "<script>alert('script')</script>"
    '<img src="x" onerror="alert(\'image\')">'
    "<p onclick=\"alert('clic')\">Texte sûr</p>"
    "<a href=\"javascript:alert('lien')\">Cliquez ici</a>"
    "<a href=\"JaVaScRiPt:alert('casse')\">Ou ici</a>"
    '<iframe src="https://pirate.example/"></iframe>'
    "<style>body { display: none }</style>"
)


def _applicant_page(client, applicant, **explanation):
    procedure = ProcedureFactory(title="Aide aux familles")
    build_form(
        procedure,
        [
            (
                "Votre demande",
                [
                    dict(key="a_savoir", type="explanation", label="À savoir", **explanation),
                    dict(key="nom", label="Nom"),
                ],
            )
        ],
    )
    client.force_login(applicant)
    client.post(reverse("procedures:start", args=[procedure.slug]))
    dossier = Dossier.objects.get(applicant=applicant)
    response = client.get(reverse("procedures:step", args=[dossier.public_id, 0]))
    assert response.status_code == 200
    return response.content.decode()


def _assert_neutralised(page):
    assert "Texte sûr" in page
    assert "Cliquez ici" in page
    for hostile in ("alert(", "onerror", "onclick", "javascript:", "<iframe", "pirate.example"):
        assert hostile not in page.lower(), hostile
    assert "display: none" not in page


def test_explanation_shows_bold_list_and_link_to_the_applicant(client, applicant):
    page = _applicant_page(client, applicant, help_text=FORMATTED)
    assert "<strong>réservée aux familles</strong>" in page
    assert "<p>Préparez :</p><ul><li>votre avis d’imposition</li>" in page
    assert "<em>relevé</em>" in page
    assert (
        '<a href="https://www.service-public.fr/" target="_blank" '
        'rel="noopener noreferrer nofollow" title="Service-Public.fr - nouvelle fenêtre">'
        "Service-Public.fr</a>"
    ) in page


def test_plain_explanation_keeps_its_paragraphs_and_shows_signs_as_typed(client, applicant):
    page = _applicant_page(
        client,
        applicant,
        help_text=(
            "Premier paragraphe,\nsur deux lignes.\n\nSecond paragraphe : revenus < 500 € & plus."
        ),
        help_more="Détail replié.\n\nAutre détail.",
    )
    assert "<p>Premier paragraphe,<br>sur deux lignes.</p>" in page
    assert "<p>Second paragraphe : revenus &lt; 500 € &amp; plus.</p>" in page
    # The « en savoir plus » part stays folded, with its own paragraphs.
    assert "<summary>En savoir plus" in page
    assert "<p>Détail replié.</p><p>Autre détail.</p>" in page


def test_hostile_explanation_is_neutralised_on_the_applicant_page(client, applicant):
    page = _applicant_page(client, applicant, help_text=HOSTILE, help_more=HOSTILE)
    _assert_neutralised(page)


def test_hostile_explanation_is_neutralised_in_the_preview(client, editor, organisation):
    procedure = builder.create_procedure(by=editor, organisation=organisation, title="Aide")
    version = procedure.draft_version
    section = builder.add_section(version, title="Votre demande")
    builder.add_field(
        version, section=section, type="explanation", label="À savoir", help_text=HOSTILE
    )
    builder.add_field(version, section=section, type="text", label="Nom", help_more=HOSTILE)
    client.force_login(editor)
    response = client.get(reverse("procedures:builder_preview", args=[procedure.pk]))
    assert response.status_code == 200
    _assert_neutralised(response.content.decode())


def test_builder_says_which_formatting_an_explanation_accepts(client, editor, organisation):
    procedure = builder.create_procedure(by=editor, organisation=organisation, title="Aide")
    section = builder.add_section(procedure.draft_version, title="Votre demande")
    client.force_login(editor)
    url = reverse("procedures:builder_field_create", args=[procedure.pk, section.pk])
    page = client.get(url + "?type=explanation").content.decode()
    assert "Séparez les paragraphes par une ligne vide." in page
    # The tags to type are shown, not interpreted.
    assert "&lt;strong&gt;gras&lt;/strong&gt;" in page
    assert "&lt;a href=&quot;https://…&quot;&gt;texte du lien&lt;/a&gt;" in page

    response = client.post(
        url + "?type=explanation",
        {"label": "À savoir", "help_text": FORMATTED, "condition": ""},
    )
    assert response.status_code == 302
    assert procedure.draft_version.fields.get().help_text == FORMATTED

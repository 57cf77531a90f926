"""Pages of Synthèses: upload, columns, progress, result, corrections, publication, exports,
and who is refused."""

import csv
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from essaim.synthesis import services
from essaim.synthesis.enums import Publication, Status
from essaim.synthesis.models import Synthesis
from essaim.synthesis.runs import run
from tests.participation.factories import CampaignFactory, ProposalFactory, ThemeFactory
from tests.synthesis.factories import SAMPLE, computed, uploaded

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def _url(name, synthesis, *args):
    return reverse(f"synthesis:{name}", args=[synthesis.pk, *args])


def test_editor_uploads_chooses_the_text_column_and_gets_the_result(
    client, organisation, editor, django_capture_on_commit_callbacks
):
    client.force_login(editor)
    upload = SimpleUploadedFile("idees.csv", SAMPLE.read_bytes(), content_type="text/csv")
    response = client.post(
        reverse("synthesis:new"),
        {"title": "Idées 2026", "organisation": organisation.pk, "file": upload},
    )
    synthesis = Synthesis.objects.get(title="Idées 2026")
    assert response.url == _url("columns", synthesis)
    page = client.get(response.url).content.decode()
    assert "Il faut plus de bus et de trains" in page  # the preview
    assert "41 lignes de contributions." in page
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(_url("columns", synthesis), {"text": "text", "id": "id"})
    page = client.get(response.url).content.decode()
    assert "41 contributions lues." in page
    assert "Les thèmes, du plus fréquent au moins fréquent" in page
    assert "Tout recalculer" in page
    rerun = reverse("synthesis:rerun", args=[synthesis.pk])
    assert f'action="{rerun}"' in page and 'name="mode" value="recompute"' in page


def test_hostile_upload_shows_the_error_and_keeps_the_title(client, organisation, editor):
    client.force_login(editor)
    upload = SimpleUploadedFile("scan.pdf", b"%PDF-1.7 ...", content_type="application/pdf")
    response = client.post(
        reverse("synthesis:new"),
        {"title": "Mon titre", "organisation": organisation.pk, "file": upload},
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "ni un CSV ni un classeur Excel" in page
    assert 'value="Mon titre"' in page
    assert not Synthesis.objects.exists()


def test_same_column_twice_is_refused(client, organisation, editor):
    synthesis = uploaded(organisation, by=editor)
    client.force_login(editor)
    response = client.post(_url("columns", synthesis), {"text": "text", "date": "text"})
    assert "déjà celle du texte" in response.content.decode()


def test_running_synthesis_shows_a_progress_bar_polled_and_refreshed(client, organisation, editor):
    synthesis = uploaded(organisation, by=editor)
    Synthesis.objects.filter(pk=synthesis.pk).update(
        status=Status.RUNNING, progress=42, step="Analyse des textes"
    )
    client.force_login(editor)
    page = client.get(_url("detail", synthesis)).content.decode()
    assert '<progress id="synthesis-progress"' in page and 'value="42"' in page
    assert 'hx-trigger="every 2s"' in page
    # Without JavaScript: a link, not a timed meta refresh (WCAG 2.2.1).
    assert "Rafraîchir" in page and 'http-equiv="refresh"' not in page
    fragment = client.get(_url("status", synthesis))
    assert "HX-Refresh" not in fragment
    Synthesis.objects.filter(pk=synthesis.pk).update(status=Status.FAILED, error="Colonne vide.")
    fragment = client.get(_url("status", synthesis))
    assert fragment["HX-Refresh"] == "true"
    assert "Colonne vide." in fragment.content.decode()


def test_result_filters_by_territory_and_theme_page_paginates(client, organisation, editor):
    synthesis = computed(organisation, by=editor)
    client.force_login(editor)
    territory = synthesis.items.exclude(territory="").first().territory
    page = client.get(_url("detail", synthesis), {"territoire": territory}).content.decode()
    count = synthesis.items.filter(territory=territory).count()
    assert f"Sur {count} contribution" in page
    theme = synthesis.themes[0]
    page = client.get(_url("theme", synthesis, theme["id"])).content.decode()
    assert theme["label"] in page and "Citations" in page
    assert client.get(_url("theme", synthesis, "non-classees")).status_code == 200
    assert client.get(_url("theme", synthesis, "T999")).status_code == 404


def test_coordinator_renames_with_a_form_post(client, organisation, editor):
    synthesis = computed(organisation, by=editor)
    key = synthesis.themes[0]["id"]
    client.force_login(editor)
    response = client.post(
        _url("correct", synthesis),
        {"operation": "rename", "theme": key, "label": "Transports à la campagne"},
        follow=True,
    )
    assert "Thème renommé." in response.content.decode()
    synthesis.refresh_from_db()
    assert synthesis.theme(key)["label"] == "Transports à la campagne"
    response = client.post(
        _url("correct", synthesis), {"operation": "rename", "theme": key, "label": " "}, follow=True
    )
    assert "ne peut pas être vide" in response.content.decode()


def test_publication_makes_the_result_public(client, organisation, editor):
    synthesis = computed(organisation, by=editor)
    assert client.get(_url("detail", synthesis)).status_code == 302  # anonymous: sign in
    client.force_login(editor)
    note = "Synthèse automatique relue et corrigée par l’équipe."
    client.post(_url("publication", synthesis), {"to": "validated", "method_note": note})
    client.post(_url("publication", synthesis), {"to": "published"})
    synthesis.refresh_from_db()
    assert synthesis.publication == Publication.PUBLISHED
    client.logout()
    page = client.get(_url("detail", synthesis)).content.decode()
    assert note in page and "Validée par" in page
    assert "Tout recalculer" not in page and "(CSV)" not in page
    assert synthesis.title in client.get(reverse("synthesis:list")).content.decode()
    assert client.get(_url("export_pdf", synthesis))["Content-Type"] == "application/pdf"


def test_csv_export_has_each_contribution_with_its_theme(client, organisation, editor):
    synthesis = computed(organisation, by=editor)
    client.force_login(editor)
    response = client.get(_url("export_csv", synthesis))
    body = response.content.decode("utf-8")
    assert body.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(body[1:]), delimiter=";"))
    assert rows[0][:2] == ["identifiant", "texte"] and len(rows) == 42
    labels = {t["id"]: t["label"] for t in synthesis.themes}
    first = synthesis.items.get(reference="t01")
    assert rows[1][0] == "t01" and rows[1][6] == labels.get(first.theme_key, "")


def test_moderator_launches_a_synthesis_from_the_campaign(
    client, organisation, editor, django_capture_on_commit_callbacks
):
    campaign = CampaignFactory(organisations=[organisation])
    for title in ("Des bus dans les villages", "Des trains à la campagne"):
        ProposalFactory(campaign=campaign, title=title)
    client.force_login(editor)
    assert (
        "Synthétiser les propositions" in client.get(campaign.get_absolute_url()).content.decode()
    )
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("synthesis:from_campaign", args=[campaign.slug]))
    synthesis = Synthesis.objects.get(campaign=campaign)
    assert response.url == synthesis.get_absolute_url()
    synthesis.refresh_from_db()
    assert synthesis.status == Status.DONE and synthesis.organisation == organisation


# Refusals -------------------------------------------------------------------------------


def test_member_without_editor_role_sees_but_cannot_correct_or_export(client, organisation, agent):
    synthesis = computed(organisation)
    client.force_login(agent)
    page = client.get(_url("detail", synthesis))
    assert page.status_code == 200 and "Tout recalculer" not in page.content.decode()
    key = synthesis.themes[0]["id"]
    assert (
        client.post(_url("correct", synthesis), {"operation": "delete", "theme": key}).status_code
        == 403
    )
    assert client.post(_url("rerun", synthesis), {"mode": "recompute"}).status_code == 403
    assert client.post(_url("publication", synthesis), {"to": "validated"}).status_code == 403
    assert client.get(_url("export_csv", synthesis)).status_code == 403
    synthesis.refresh_from_db()
    assert synthesis.theme(key) is not None


def test_other_organisation_cannot_see_a_draft(client, organisation, other_agent):
    synthesis = computed(organisation)
    client.force_login(other_agent)
    assert client.get(_url("detail", synthesis)).status_code == 403
    assert client.get(_url("theme", synthesis, synthesis.themes[0]["id"])).status_code == 403
    assert client.get(_url("export_pdf", synthesis)).status_code == 403
    assert synthesis.title not in client.get(reverse("synthesis:list")).content.decode()


def test_anonymous_is_sent_to_sign_in(client, organisation):
    synthesis = computed(organisation)
    for response in (
        client.get(reverse("synthesis:new")),
        client.get(_url("detail", synthesis)),
        client.post(_url("correct", synthesis), {"operation": "delete", "theme": "T1"}),
    ):
        assert response.status_code == 302 and "/compte/connexion/" in response.url


def test_person_without_organisation_cannot_upload(client, applicant):
    client.force_login(applicant)
    assert client.get(reverse("synthesis:new")).status_code == 403


def test_editor_cannot_upload_for_another_organisation(client, editor, other_organisation):
    client.force_login(editor)
    upload = SimpleUploadedFile("idees.csv", SAMPLE.read_bytes(), content_type="text/csv")
    response = client.post(
        reverse("synthesis:new"),
        {"title": "Intrus", "organisation": other_organisation.pk, "file": upload},
    )
    assert response.status_code == 200 and not Synthesis.objects.exists()


def test_non_organiser_cannot_synthesise_a_campaign(client, organisation, other_agent, applicant):
    campaign = CampaignFactory(organisations=[organisation])
    for user in (other_agent, applicant):
        client.force_login(user)
        response = client.post(reverse("synthesis:from_campaign", args=[campaign.slug]))
        assert response.status_code == 403
        assert (
            "Synthétiser les propositions"
            not in client.get(campaign.get_absolute_url()).content.decode()
        )
    assert not Synthesis.objects.exists()


def test_split_form_moves_the_checked_contributions_and_is_logged(client, organisation, editor):
    synthesis = computed(organisation, by=editor)
    theme = next(
        t for t in synthesis.themes if synthesis.items.filter(theme_key=t["id"]).count() >= 3
    )
    keys = list(synthesis.items.filter(theme_key=theme["id"]).values_list("key", flat=True))[:2]
    client.force_login(editor)
    page = client.get(_url("theme", synthesis, theme["id"])).content.decode()
    assert 'form="split-form"' in page and 'id="split-form"' in page
    response = client.post(
        _url("correct", synthesis),
        {"operation": "split", "theme": theme["id"], "contributions": keys, "label": "Vélo"},
        follow=True,
    )
    assert "Thème scindé" in response.content.decode()
    synthesis.refresh_from_db()
    new = next(t for t in synthesis.themes if t["label"] == "Vélo")
    assert set(synthesis.items.filter(theme_key=new["id"]).values_list("key", flat=True)) == set(
        keys
    )
    page = client.get(_url("detail", synthesis)).content.decode()
    assert "Dernières corrections" in page and "Thème scindé" in page


def test_campaign_result_filters_by_question(client, organisation, editor):
    campaign = CampaignFactory(organisations=[organisation])
    transport = ThemeFactory(campaign=campaign, name="Transports")
    culture = ThemeFactory(campaign=campaign, name="Culture")
    for title, theme in [
        ("Des bus dans les villages", transport),
        ("Des trains à la campagne", transport),
        ("Ouvrir les musées le soir", culture),
    ]:
        ProposalFactory(campaign=campaign, title=title, body=title, theme=theme)
    synthesis = services.create_from_campaign(
        by=editor, campaign=campaign, organisation=organisation
    )
    run(synthesis.pk)
    client.force_login(editor)
    page = client.get(_url("detail", synthesis), {"question": "Culture"}).content.decode()
    assert "Sur 1 contribution retenue par les filtres." in page
    assert '<option value="Transports"' in page


def test_result_filters_by_dates_and_ignores_an_invalid_one(client, organisation, editor):
    synthesis = computed(organisation, by=editor)
    client.force_login(editor)
    february = synthesis.items.filter(date__gte="2026-02-01").count()
    assert 0 < february < synthesis.items.count()
    page = client.get(_url("detail", synthesis), {"du": "2026-02-01"}).content.decode()
    assert f"Sur {february} contribution" in page
    page = client.get(_url("detail", synthesis), {"du": "1er février"}).content.decode()
    assert "retenue par les filtres" not in page

"""Organisers set up their own consultations without Django admin: a campaign (question,
audience, limits), its themes and dated phases, and the jury's scoring criteria. Every page
refuses who does not organise; an error keeps what was typed and says how to fix it."""

from datetime import timedelta

import pytest
from django.utils import timezone

from essaim.participation.enums import Audience, PhaseKind
from essaim.participation.models import Campaign, CampaignTheme, Criterion, Phase
from tests.accounts.factories import MembershipFactory
from tests.participation.factories import (
    CampaignFactory,
    CriterionFactory,
    JurorFactory,
    ProposalFactory,
    ThemeFactory,
)

pytestmark = pytest.mark.django_db

FORMAT = "%Y-%m-%dT%H:%M"


def _when(days, hour=9):
    moment = timezone.localtime() + timedelta(days=days)
    return moment.replace(hour=hour, minute=0, second=0, microsecond=0)


def _management(prefix, total, initial=0):
    return {
        f"{prefix}-TOTAL_FORMS": str(total),
        f"{prefix}-INITIAL_FORMS": str(initial),
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "1000",
    }


def _new_campaign_data(organisation, *, themes=(), phases=(), **fields):
    """What the « Nouvelle consultation » page posts: `phases` is a list of
    (kind, start, end); the page offers one row per kind, left empty when not given."""
    data = {
        "title": "Simplificathon de la préfecture",
        "question": "Quelles lourdeurs supprimer dans nos démarches ?",
        "context": "Trois semaines pour proposer.",
        "organisations": [organisation.pk],
        "audience": Audience.CITIZENS,
        "audience_email_domains": "",
        "supports_per_person": "3",
        "edit_window_minutes": "60",
        "auto_hide_reports": "3",
        "is_published": "on",
        **fields,
    }
    data.update(_management("themes", 3))
    for i, name in enumerate(themes):
        data[f"themes-{i}-name"] = name
    given = {kind: (start, end) for kind, start, end in phases}
    data.update(_management("phases", len(PhaseKind)))
    for i, kind in enumerate(PhaseKind.values):
        data[f"phases-{i}-kind"] = kind
        start, end = given.get(kind, ("", ""))
        data[f"phases-{i}-starts_at"] = start.strftime(FORMAT) if start else ""
        data[f"phases-{i}-ends_at"] = end.strftime(FORMAT) if end else ""
    return {key: value for key, value in data.items() if value is not None}


def test_editor_creates_a_campaign_with_themes_and_phases_and_it_is_public(
    client, editor, organisation
):
    client.force_login(editor)
    page = client.get("/consultations/organiser/nouvelle/")
    assert page.status_code == 200
    assert "Nouvelle consultation" in page.content.decode()
    data = _new_campaign_data(
        organisation,
        themes=["E-administration", "Ressources humaines"],
        phases=[
            (PhaseKind.SUBMISSION, _when(-1), _when(20)),
            (PhaseKind.SUPPORT, _when(-1), _when(30)),
        ],
    )
    response = client.post("/consultations/organiser/nouvelle/", data)
    campaign = Campaign.objects.get(title="Simplificathon de la préfecture")
    assert response.status_code == 302
    assert response["Location"] == f"/consultations/{campaign.slug}/parametres/"
    assert campaign.slug == "simplificathon-de-la-prefecture"
    assert list(campaign.organisations.all()) == [organisation]
    assert campaign.supports_per_person == 3
    assert [t.name for t in campaign.themes.all()] == ["E-administration", "Ressources humaines"]
    assert campaign.themes.get(name="E-administration").slug == "e-administration"
    assert sorted(campaign.phases.values_list("kind", flat=True)) == ["submission", "support"]

    client.logout()
    listing = client.get("/consultations/").content.decode()
    assert "Simplificathon de la préfecture" in listing
    public = client.get(f"/consultations/{campaign.slug}/").content.decode()
    assert "Quelles lourdeurs supprimer dans nos démarches ?" in public
    assert "Ressources humaines" in public and "Dépôt des propositions" in public


def test_campaign_in_preparation_is_hidden_but_its_organisers_find_it(client, editor, organisation):
    client.force_login(editor)
    data = _new_campaign_data(organisation, title="Appel à idées en préparation")
    del data["is_published"]
    client.post("/consultations/organiser/nouvelle/", data)
    campaign = Campaign.objects.get(title="Appel à idées en préparation")
    assert not campaign.is_published
    mine = client.get("/consultations/organiser/").content.decode()
    assert "Appel à idées en préparation" in mine and "En préparation" in mine
    assert client.get(f"/consultations/{campaign.slug}/parametres/").status_code == 200
    client.logout()
    assert "Appel à idées en préparation" not in client.get("/consultations/").content.decode()
    assert client.get(f"/consultations/{campaign.slug}/").status_code == 404


def test_phase_ending_before_its_start_is_refused_in_french_and_the_input_is_kept(
    client, editor, organisation
):
    client.force_login(editor)
    start = _when(10)
    data = _new_campaign_data(
        organisation,
        title="Consultation mal datée",
        themes=["Accueil du public"],
        phases=[(PhaseKind.SUBMISSION, start, start - timedelta(days=2))],
    )
    response = client.post("/consultations/organiser/nouvelle/", data)
    html = response.content.decode()
    assert response.status_code == 400
    assert not Campaign.objects.filter(title="Consultation mal datée").exists()
    assert "La fin de la phase doit venir après son début" in html
    assert "choisissez une date de fin plus tardive" in html
    assert "Certains champs sont à corriger" in html
    # Nothing typed is lost: the title, the theme and both dates are still there.
    assert 'value="Consultation mal datée"' in html
    assert 'value="Accueil du public"' in html
    assert f'value="{start.strftime(FORMAT)}"' in html
    assert f'value="{(start - timedelta(days=2)).strftime(FORMAT)}"' in html


def test_phase_with_a_missing_end_or_twice_the_same_kind_says_how_to_fix(client, editor, campaign):
    client.force_login(editor)
    path = f"/consultations/{campaign.slug}/parametres/"
    page = client.get(path)
    assert page.status_code == 200
    phases = list(campaign.phases.all())
    data = _settings_data(campaign, phases)
    data["phases-0-ends_at"] = ""
    response = client.post(path, data)
    assert response.status_code == 400
    assert "Indiquez la fin de la phase" in response.content.decode()

    data = _settings_data(campaign, phases)
    data["phases-1-kind"] = phases[0].kind
    response = client.post(path, data)
    assert response.status_code == 400
    assert "figure deux fois\u00a0: gardez une seule ligne par phase" in response.content.decode()
    assert campaign.phases.count() == 3


def _settings_data(campaign, phases, **fields):
    """What the settings page of an existing `campaign` posts, unchanged."""
    data = {
        "title": campaign.title,
        "question": campaign.question,
        "context": campaign.context,
        "organisations": [o.pk for o in campaign.organisations.all()],
        "audience": campaign.audience,
        "audience_email_domains": campaign.audience_email_domains,
        "supports_per_person": campaign.supports_per_person or "",
        "edit_window_minutes": campaign.edit_window_minutes,
        "auto_hide_reports": campaign.auto_hide_reports,
        "is_published": "on" if campaign.is_published else "",
    }
    themes = list(campaign.themes.all())
    data.update(_management("themes", len(themes) + 3, len(themes)))
    for i, theme in enumerate(themes):
        data[f"themes-{i}-id"] = theme.pk
        data[f"themes-{i}-name"] = theme.name
    missing = [k for k in PhaseKind.values if k not in {p.kind for p in phases}]
    data.update(_management("phases", len(phases) + len(missing), len(phases)))
    for i, phase in enumerate(phases):
        data[f"phases-{i}-id"] = phase.pk
        data[f"phases-{i}-kind"] = phase.kind
        data[f"phases-{i}-starts_at"] = timezone.localtime(phase.starts_at).strftime(FORMAT)
        data[f"phases-{i}-ends_at"] = timezone.localtime(phase.ends_at).strftime(FORMAT)
    for j, kind in enumerate(missing, start=len(phases)):
        data[f"phases-{j}-kind"] = kind
        data[f"phases-{j}-starts_at"] = ""
        data[f"phases-{j}-ends_at"] = ""
    data.update(fields)
    return {key: value for key, value in data.items() if value != ""}


def test_editor_changes_audience_limit_and_phases_of_a_campaign(client, editor, campaign):
    ThemeFactory(campaign=campaign, name="Achats")
    client.force_login(editor)
    path = f"/consultations/{campaign.slug}/parametres/"
    phases = list(campaign.phases.all())
    data = _settings_data(
        campaign,
        phases,
        audience=Audience.AGENTS,
        audience_email_domains="@LeNord.fr, dinum.gouv.fr",
        supports_per_person="5",
    )
    data["phases-2-DELETE"] = "on"  # the selection phase
    data["phases-3-starts_at"] = _when(40).strftime(FORMAT)  # the workshops (a new row)
    data["phases-3-ends_at"] = _when(50).strftime(FORMAT)
    data["themes-1-name"] = "Numérique"
    response = client.post(path, data)
    assert response.status_code == 302, response.content.decode()
    campaign.refresh_from_db()
    assert campaign.audience == Audience.AGENTS
    assert campaign.email_domains == ["lenord.fr", "dinum.gouv.fr"]
    assert campaign.supports_per_person == 5
    assert set(campaign.phases.values_list("kind", flat=True)) == {
        PhaseKind.SUBMISSION,
        PhaseKind.SUPPORT,
        PhaseKind.WORKSHOPS,
    }
    assert [t.name for t in campaign.themes.all()] == ["Achats", "Numérique"]


def test_agents_only_campaign_needs_organisations_or_domains(client, editor, campaign):
    client.force_login(editor)
    path = f"/consultations/{campaign.slug}/parametres/"
    data = _settings_data(
        campaign, list(campaign.phases.all()), audience=Audience.AGENTS, audience_email_domains=""
    )
    response = client.post(path, data)
    assert response.status_code == 400
    assert "réservée aux agents doit désigner" in response.content.decode()
    data["audience_email_domains"] = "pas un domaine"
    response = client.post(path, data)
    assert "n’est pas un domaine de messagerie" in response.content.decode()
    campaign.refresh_from_db()
    assert campaign.audience == Audience.OPEN


def test_theme_used_by_proposals_cannot_be_deleted(client, editor, campaign):
    theme = ThemeFactory(campaign=campaign, name="Achats")
    ProposalFactory(campaign=campaign, theme=theme)
    client.force_login(editor)
    data = _settings_data(campaign, list(campaign.phases.all()))
    data["themes-0-DELETE"] = "on"
    response = client.post(f"/consultations/{campaign.slug}/parametres/", data)
    assert response.status_code == 400
    assert "renommez-le plutôt que de le supprimer" in response.content.decode()
    assert CampaignTheme.objects.filter(pk=theme.pk).exists()


def test_co_organiser_the_editor_does_not_edit_for_is_kept(
    client, editor, organisation, other_organisation
):
    campaign = CampaignFactory(organisations=[organisation, other_organisation])
    client.force_login(editor)
    data = _settings_data(campaign, list(campaign.phases.all()))
    data["organisations"] = [organisation.pk]
    assert client.post(f"/consultations/{campaign.slug}/parametres/", data).status_code == 302
    assert set(campaign.organisations.all()) == {organisation, other_organisation}


def _criteria_data(rows, existing=()):
    data = _management("criteres", len(existing) + len(rows), len(existing))
    for i, criterion in enumerate(existing):
        data[f"criteres-{i}-id"] = criterion.pk
        data[f"criteres-{i}-name"] = criterion.name
        data[f"criteres-{i}-description"] = criterion.description
        data[f"criteres-{i}-max_score"] = criterion.max_score
    for i, (name, max_score) in enumerate(rows, start=len(existing)):
        data[f"criteres-{i}-name"] = name
        data[f"criteres-{i}-description"] = ""
        data[f"criteres-{i}-max_score"] = max_score
    return data


def test_criteria_defined_by_the_organiser_show_in_the_jury_grid(client, editor, campaign):
    ProposalFactory(campaign=campaign, title="Un parapheur électronique")
    juror = JurorFactory(campaign=campaign)
    client.force_login(editor)
    path = f"/consultations/{campaign.slug}/jury/criteres/"
    assert client.get(path).status_code == 200
    bad = client.post(path, _criteria_data([("Impact pour les usagers", "0")]))
    assert bad.status_code == 400
    assert "Choisissez une note maximale entre 1 et 100." in bad.content.decode()
    assert 'value="Impact pour les usagers"' in bad.content.decode()
    response = client.post(
        path, _criteria_data([("Impact pour les usagers", "10"), ("Faisabilité", "5")])
    )
    assert response.status_code == 302
    assert list(campaign.criteria.values_list("name", "max_score", "position")) == [
        ("Impact pour les usagers", 10, 0),
        ("Faisabilité", 5, 1),
    ]
    client.force_login(juror.user)
    grid = client.get(f"/consultations/{campaign.slug}/jury/").content.decode()
    assert "Impact pour les usagers (/10)" in grid and "Faisabilité (/5)" in grid
    score = client.get(
        f"/consultations/{campaign.slug}/propositions/{campaign.proposals.get().pk}/notation/"
    ).content.decode()
    assert "Impact pour les usagers" in score


def test_criterion_already_used_by_the_jury_is_kept(client, editor, campaign):
    from essaim.participation import selection_services

    criterion = CriterionFactory(campaign=campaign, name="Impact", max_score=10)
    juror = JurorFactory(campaign=campaign)
    proposal = ProposalFactory(campaign=campaign)
    selection_services.score(proposal, by=juror.user, criterion=criterion, value=8)
    client.force_login(editor)
    path = f"/consultations/{campaign.slug}/jury/criteres/"
    data = _criteria_data([], existing=[criterion])
    data["criteres-0-max_score"] = "5"
    response = client.post(path, data)
    assert response.status_code == 400
    assert "choisissez une note maximale d’au moins 8" in response.content.decode()
    data = _criteria_data([], existing=[criterion])
    data["criteres-0-DELETE"] = "on"
    response = client.post(path, data)
    assert response.status_code == 400
    assert "ne peut plus être supprimé" in response.content.decode()
    assert Criterion.objects.filter(pk=criterion.pk, max_score=10).exists()


def test_every_new_page_refuses_who_does_not_organise(
    client, campaign, organisation, agent, other_agent, applicant, editor
):
    """GET and POST: 302 to sign in when anonymous, 403 for a member who is not an editor,
    an administrator of another organisation and a citizen; nothing is written."""
    base = f"/consultations/{campaign.slug}/"
    campaign_pages = [base + "parametres/", base + "jury/criteres/"]
    creation_pages = ["/consultations/organiser/", "/consultations/organiser/nouvelle/"]
    data = _new_campaign_data(
        organisation,
        title="Intrusion",
        phases=[(PhaseKind.SUBMISSION, _when(1), _when(2))],
    )
    data.update(_criteria_data([("Intrus", "5")]))
    for path in campaign_pages + creation_pages:
        client.logout()
        assert client.get(path).status_code == 302, path
        assert client.post(path, data).status_code in (302, 405), path
        refused = (agent, applicant) + ((other_agent,) if path in campaign_pages else ())
        for person in refused:
            client.force_login(person)
            assert client.get(path).status_code == 403, (path, person)
            assert client.post(path, data).status_code in (403, 405), (path, person)
        client.force_login(editor)
        assert client.get(path).status_code == 200, path
    assert not Campaign.objects.filter(title="Intrusion").exists()
    assert not Criterion.objects.exists()
    assert campaign.phases.count() == 3
    campaign.refresh_from_db()
    assert campaign.title != "Intrusion"


def test_editor_cannot_make_another_organisation_run_a_campaign(
    client, editor, organisation, other_organisation
):
    client.force_login(editor)
    data = _new_campaign_data(other_organisation, title="Au nom d’une autre")
    response = client.post("/consultations/organiser/nouvelle/", data)
    assert response.status_code == 400
    assert not Campaign.objects.filter(title="Au nom d’une autre").exists()


def test_organisers_find_the_set_up_pages_from_their_tools(client, editor, campaign):
    client.force_login(editor)
    listing = client.get("/consultations/").content.decode()
    assert "/consultations/organiser/" in listing
    page = client.get(f"/consultations/{campaign.slug}/").content.decode()
    assert f"/consultations/{campaign.slug}/parametres/" in page
    dashboard = client.get(f"/consultations/{campaign.slug}/tableau-de-bord/").content.decode()
    assert f"/consultations/{campaign.slug}/parametres/" in dashboard
    assert f"/consultations/{campaign.slug}/jury/criteres/" in dashboard
    jurors = client.get(f"/consultations/{campaign.slug}/jury/membres/").content.decode()
    assert f"/consultations/{campaign.slug}/jury/criteres/" in jurors


def test_a_member_who_is_not_editor_is_not_offered_to_organise(client, agent):
    client.force_login(agent)
    assert "/consultations/organiser/" not in client.get("/consultations/").content.decode()


def test_new_campaign_slug_avoids_the_reserved_addresses(client, organisation):
    admin = MembershipFactory(organisation=organisation, role="admin").user
    client.force_login(admin)
    data = _new_campaign_data(organisation, title="Organiser")
    assert client.post("/consultations/organiser/nouvelle/", data).status_code == 302
    assert Campaign.objects.get(title="Organiser").slug == "organiser-2"
    assert Phase.objects.filter(campaign__title="Organiser").count() == 0

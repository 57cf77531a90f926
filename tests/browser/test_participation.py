"""Consultations in a real browser: a citizen is shown a similar proposal while typing and
supports it instead; a moderator merges and answers; a juror scores; the public sees the answer."""

import urllib.request

import pytest
from playwright.sync_api import expect

from essaim.participation.models import Proposal
from tests.accounts.factories import PASSWORD, MembershipFactory, UserFactory
from tests.participation.factories import (
    CampaignFactory,
    CriterionFactory,
    JurorFactory,
    ProposalFactory,
    ThemeFactory,
)

pytestmark = pytest.mark.browser


@pytest.fixture
def consultation(transactional_db, live_server):
    campaign = CampaignFactory(
        title="Simplificathon",
        question="Quelles lourdeurs supprimer pour faciliter notre travail au quotidien ?",
    )
    ThemeFactory(campaign=campaign, name="E-administration")
    existing = ProposalFactory(
        campaign=campaign,
        title="Zéro papier pour les bons de commande",
        body="Dématérialiser les commandes de fournitures.",
    )
    duplicate = ProposalFactory(
        campaign=campaign,
        title="Des bons de commande numériques",
        body="Plus de bons de commande imprimés.",
    )
    # A cold server builds its URL resolver and templates on the first request: do it here,
    # outside the browser's 10-second page timeout, when the machine is loaded.
    with urllib.request.urlopen(live_server.url + campaign.get_absolute_url(), timeout=120):
        pass
    return {"campaign": campaign, "existing": existing, "duplicate": duplicate}


def _sign_in(page, visit, axe, user):
    visit("/compte/connexion/", page=page)
    page.get_by_label("Adresse électronique").fill(user.email)
    page.get_by_label("Mot de passe").fill(PASSWORD)
    page.get_by_role("button", name="Se connecter").click()
    page.wait_for_load_state()
    axe(page)


def test_citizen_is_shown_a_similar_proposal_and_supports_it(page, visit, axe, consultation):
    campaign, existing = consultation["campaign"], consultation["existing"]
    _sign_in(page, visit, axe, UserFactory())
    visit(campaign.get_absolute_url())
    expect(page.get_by_role("heading", level=1)).to_have_text("Simplificathon")
    page.get_by_role("link", name="Faire une proposition").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Faire une proposition")
    axe()
    page.get_by_label("Titre de votre proposition").press_sequentially(
        "Commander les fournitures en ligne"
    )
    page.get_by_label("Décrivez votre proposition").press_sequentially(
        "sans imprimer de bon papier"
    )
    similar = page.locator("#semblables")
    expect(similar.get_by_role("link", name=existing.title)).to_be_visible()
    axe()
    similar.get_by_role("listitem").filter(has_text=existing.title).get_by_role(
        "button", name="Soutenir plutôt celle-ci"
    ).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(existing.title)
    expect(page.get_by_text("Merci : votre soutien est enregistré.")).to_be_visible()
    expect(page.locator("#soutiens")).to_have_text("1 soutien")
    axe()
    assert not Proposal.objects.filter(title="Commander les fournitures en ligne").exists()


def test_moderator_merges_juror_scores_and_the_public_sees_the_answer(
    page, new_page, visit, axe, consultation
):
    campaign, existing, duplicate = (
        consultation["campaign"],
        consultation["existing"],
        consultation["duplicate"],
    )
    moderator = MembershipFactory(organisation=campaign.organisations.first(), role="editor").user
    _sign_in(page, visit, axe, moderator)
    visit(f"{campaign.get_absolute_url()}fusion/")
    page.locator("label", has_text=duplicate.title).click()  # the DSFR label covers the box
    page.get_by_label("Fusionner dans").select_option(label=existing.title)
    page.get_by_label("Motif de la fusion").fill("Même idée")
    page.get_by_role("button", name="Fusionner").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(existing.title)
    expect(page.get_by_role("link", name=duplicate.title)).to_be_visible()
    axe()
    page.get_by_role("link", name="Répondre publiquement").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Répondre à une proposition")
    axe()
    page.get_by_label("Réponse").select_option("selected")
    page.get_by_label("Motif, rendu public").fill("Retenue : trois ateliers en novembre.")
    page.get_by_role("button", name="Publier la réponse").click()
    expect(page.get_by_role("heading", name="Réponse publique : Retenue")).to_be_visible()
    axe()

    criterion = CriterionFactory(campaign=campaign, name="Utilité")
    juror = JurorFactory(campaign=campaign, user=UserFactory())
    jury_page = new_page()
    _sign_in(jury_page, visit, axe, juror.user)
    visit(f"{campaign.get_absolute_url()}propositions/{existing.pk}/notation/", page=jury_page)
    jury_page.get_by_label("Utilité").fill("4")
    jury_page.get_by_role("button", name="Enregistrer mes notes").click()
    expect(jury_page.get_by_role("heading", level=1)).to_have_text("Grille du jury")
    expect(jury_page.get_by_role("row", name=existing.title)).to_contain_text("4")
    axe(jury_page)
    jury_page.get_by_role("link", name="Notes par critère").click()
    expect(jury_page.get_by_role("row", name=juror.user.display_name)).to_contain_text("4")
    axe(jury_page)
    assert criterion.scores.get().value == 4

    public = new_page()
    visit(f"{campaign.get_absolute_url()}reponses/", page=public)
    expect(public.get_by_role("row", name=existing.title)).to_contain_text(
        "Retenue : trois ateliers"
    )


def test_organiser_pages_follow_and_subject_chain_are_accessible(page, visit, axe, consultation):
    """Dashboard with its figures, following, « mes abonnements », the selection pages, a
    subject's public page and the space that groups partners' campaigns (« Citoyens en
    communs »): each is audited by axe-core as it loads."""
    from essaim.participation.models import Space, Subject

    campaign, existing = consultation["campaign"], consultation["existing"]
    existing.state = "selected"
    existing.save()
    space = Space.objects.create(
        slug="citoyens-en-communs",
        name="Citoyens en communs",
        description="Une plateforme commune à onze acteurs de la participation citoyenne.",
    )
    space.partners.set(campaign.organisations.all())
    campaign.space = space
    campaign.save(update_fields=["space"])
    partner = CampaignFactory(space=space, title="Engagement des jeunes")
    subject = Subject.objects.create(campaign=campaign, title="Bons de commande numériques")
    subject.proposals.set([existing])
    moderator = MembershipFactory(organisation=campaign.organisations.first(), role="editor").user
    _sign_in(page, visit, axe, moderator)
    base = campaign.get_absolute_url()
    visit(f"{base}tableau-de-bord/")
    expect(page.get_by_role("table", name="Par thème")).to_be_visible()
    visit(base)
    page.get_by_role("button", name="Suivre cette consultation").click()
    expect(page.get_by_role("button", name="Ne plus suivre")).to_be_visible()
    axe()
    visit("/consultations/mes-abonnements/")
    expect(page.get_by_role("link", name="Simplificathon")).to_be_visible()
    visit(f"{base}jury/membres/")
    visit(f"{base}sujets/")
    visit(f"{base}sujets/{subject.pk}/gestion/")
    visit(f"{base}sujets/{subject.pk}/")
    expect(page.get_by_role("link", name=existing.title)).to_be_visible()
    visit("/consultations/")
    page.get_by_role("link", name="Citoyens en communs").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Citoyens en communs")
    axe()
    for title in ("Simplificathon", partner.title):
        expect(page.get_by_role("link", name=title)).to_be_visible()


def test_editor_sets_up_a_campaign_without_django_admin(page, visit, axe, live_server):
    """An organisation's editor creates a campaign (a wrong phase first: the French error keeps
    the input), then its jury's scoring grid; every set-up page is audited by axe-core."""
    from datetime import timedelta

    from django.utils import timezone

    from essaim.participation.models import Campaign

    editor = MembershipFactory(role="editor").user
    _sign_in(page, visit, axe, editor)
    visit("/consultations/")
    page.get_by_role("link", name="Organiser une consultation").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Mes consultations")
    axe()
    page.get_by_role("link", name="Nouvelle consultation").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Nouvelle consultation")
    axe()
    page.get_by_label("Titre de la consultation").fill("Appel à idées des agents")
    page.get_by_label("Question posée aux participants").fill("Que simplifier en premier ?")
    page.locator("#id_themes-0-name").fill("Achats")
    start = (timezone.localtime() - timedelta(days=1)).replace(second=0, microsecond=0)
    page.locator("#id_phases-0-starts_at").fill(start.strftime("%Y-%m-%dT%H:%M"))
    page.locator("#id_phases-0-ends_at").fill(
        (start - timedelta(days=1)).strftime("%Y-%m-%dT%H:%M")
    )
    page.locator("label", has_text="Publier la consultation").click()
    page.get_by_role("button", name="Créer la consultation").click()
    expect(page.get_by_text("La fin de la phase doit venir après son début")).to_be_visible()
    expect(page.locator("#id_themes-0-name")).to_have_value("Achats")
    axe()
    page.locator("#id_phases-0-ends_at").fill(
        (start + timedelta(days=20)).strftime("%Y-%m-%dT%H:%M")
    )
    page.get_by_role("button", name="Créer la consultation").click()
    expect(page.get_by_text("Consultation créée.")).to_be_visible()
    axe()
    page.get_by_role("link", name="Grille de notation du jury").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Grille de notation du jury")
    axe()
    page.locator("#id_criteres-0-name").fill("Utilité")
    page.locator("#id_criteres-0-max_score").fill("10")
    page.get_by_role("button", name="Enregistrer la grille").click()
    expect(page.get_by_text("Grille de notation enregistrée.")).to_be_visible()
    axe()
    campaign = Campaign.objects.get(title="Appel à idées des agents")
    assert list(campaign.criteria.values_list("name", "max_score")) == [("Utilité", 10)]
    visit(campaign.get_absolute_url())
    expect(page.get_by_role("heading", level=1)).to_have_text("Appel à idées des agents")
    expect(page.get_by_role("link", name="Faire une proposition")).to_be_visible()

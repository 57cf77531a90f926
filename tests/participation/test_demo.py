"""The demonstration consultations load, twice without duplicates, and hold together."""

import pytest
from django.utils import timezone

from essaim.accounts import demo as accounts_demo
from essaim.accounts.models import User
from essaim.agenda.enums import ModerationState, RegistrationMode
from essaim.catalogue import demo as catalogue_demo
from essaim.catalogue.models import PublicationState
from essaim.core.demo_data import DEMO_PASSWORD
from essaim.participation import demo
from essaim.participation.enums import PhaseKind, ProposalState
from essaim.participation.figures import campaign_figures
from essaim.participation.models import Campaign, Proposal, Score, Space, Support, Workshop

pytestmark = pytest.mark.django_db


def test_demo_loads_the_three_consultations_idempotently():
    accounts_demo.load()
    catalogue_demo.load()
    first = demo.load()
    assert "Simplificathon" in first
    proposals = Proposal.objects.count()
    supports = Support.objects.count()
    assert demo.load() == first
    assert (Proposal.objects.count(), Support.objects.count()) == (proposals, supports)
    assert Workshop.objects.count() == 12

    nord = Campaign.objects.get(slug=demo.NORD_SLUG)
    assert nord.proposals.count() == 120
    assert nord.themes.count() == 4
    assert nord.subjects.count() == 4
    assert sum(s.workshops.count() for s in nord.subjects.all()) == 12
    assert (
        not nord.proposals.filter(answer__isnull=True).exclude(state=ProposalState.MERGED).exists()
    )
    merged = nord.proposals.get(state=ProposalState.MERGED)
    assert merged.merged_into.supports.count() == merged.merged_into.support_count
    assert campaign_figures(nord)["proposals"] == 120

    dinum = Campaign.objects.get(slug=demo.DINUM_SLUG)
    assert dinum.question == "À quelles données publiques rêvez-vous d’avoir accès ?"
    space = Space.objects.get(slug="citoyens-en-communs")
    assert space.campaigns.count() == 2


def test_every_nord_subject_has_its_workshops_in_the_agenda_and_its_initiative(client):
    accounts_demo.load()
    catalogue_demo.load()
    demo.load()
    nord = Campaign.objects.get(slug=demo.NORD_SLUG)
    # A workshop left by the earlier demo (no Agenda event) is replaced on the next load.
    Workshop.objects.create(
        subject=nord.subjects.first(), title="Atelier 1 de co-design", starts_at=timezone.now()
    )
    demo.load()
    workshops = Workshop.objects.filter(subject__campaign=nord).select_related("event")
    assert len(workshops) == 12
    assert len({w.event_id for w in workshops}) == 12
    for workshop in workshops:
        event = workshop.event
        assert event.moderation_state == ModerationState.PUBLISHED
        assert event.registration_mode == RegistrationMode.ESSAIM
        assert event.capacity
        assert event.starts_at == workshop.starts_at
        assert workshop.minutes  # all were held in 2020
    # After the selection, « du 23 novembre au 3 décembre » 2020 (Paris time).
    days = sorted(w.starts_at.astimezone(demo.PARIS).date() for w in workshops)
    assert (days[0].isoformat(), days[-1].isoformat()) == ("2020-11-23", "2020-12-03")
    assert all(s.workshops.count() == 3 for s in nord.subjects.all())

    subjects = nord.subjects.select_related("initiative")
    assert all(s.initiative is not None for s in subjects)
    assert all(s.initiative.publication_state == PublicationState.PUBLISHED for s in subjects)
    fictional = [s.initiative for s in subjects if "fictif" in s.description]
    assert len(fictional) == 2
    assert all("démonstration" in i.title and "fictive" in i.pitch for i in fictional)

    subject = nord.subjects.get(title__contains="parapheur")
    page = client.get(f"/consultations/{nord.slug}/sujets/{subject.pk}/").content.decode()
    assert "inscriptions dans l’agenda" in page
    assert "Compte rendu" in page
    assert subject.initiative.get_absolute_url() in page
    assert "Prototype" in page


def test_demo_proposals_are_marked_as_demonstration_wherever_they_are_read(client):
    from essaim.participation import demo_seeds

    accounts_demo.load()
    catalogue_demo.load()
    demo.load()
    campaigns = list(Campaign.objects.filter(proposals__isnull=False).distinct())
    assert len(campaigns) == 4  # the Nord, the DINUM and the space's two partner campaigns
    assert Proposal.objects.count() > 120
    assert not Proposal.objects.exclude(body__endswith=demo_seeds.DEMO_NOTE).exists()

    for campaign in campaigns:
        page = client.get(campaign.get_absolute_url()).content.decode()
        assert "Données de démonstration" in page, campaign.slug
        proposal = campaign.proposals.public().first()
        page = client.get(proposal.get_absolute_url()).content.decode()
        assert demo_seeds.DEMO_NOTE in page, campaign.slug
        items = client.get(
            "/api/v1/proposals", {"campaign": campaign.slug, "page_size": 100}
        ).json()["items"]
        assert items and all(demo_seeds.DEMO_NOTE in p["body"] for p in items)
    space = Space.objects.get(slug="citoyens-en-communs")
    assert "Démonstration" in client.get(space.get_absolute_url()).content.decode()


def test_the_demo_juror_can_score_right_away_in_the_campaign_in_selection(client):
    accounts_demo.load()
    demo.load()
    campaign = Campaign.objects.get(slug=demo.SPACE_JURY_SLUG)
    now = timezone.now()
    phases = {p.kind: p for p in campaign.phases.all()}
    assert phases[PhaseKind.SELECTION].is_open(now)
    assert phases[PhaseKind.SUBMISSION].ends_at <= now
    assert phases[PhaseKind.SUPPORT].ends_at <= now
    assert phases[PhaseKind.ANSWER].starts_at > now
    # The other partner campaign still takes proposals.
    (other,) = Campaign.objects.filter(space__slug="citoyens-en-communs").exclude(pk=campaign.pk)
    assert other.phases.get(kind=PhaseKind.SUBMISSION).is_open(now)

    juror = User.objects.get(email=demo.JUROR)
    assert juror.check_password(DEMO_PASSWORD)  # the account the demo banner lists
    client.force_login(juror)
    jury = client.get(f"{campaign.get_absolute_url()}jury/").content.decode()
    assert "Hélène Caron" in jury and "Claire Vasseur" in jury
    assert campaign.proposals.filter(supports__isnull=False).distinct().count() >= 5
    already = Score.objects.filter(proposal__campaign=campaign).count()
    assert already > 0

    criteria = list(campaign.criteria.all())
    unscored = campaign.proposals.get(title="Des permis de végétaliser les trottoirs")
    url = f"{campaign.get_absolute_url()}propositions/{unscored.pk}/notation/"
    response = client.post(url, {f"criterion-{c.pk}": 4 for c in criteria} | {"action": "score"})
    assert response.status_code == 302
    mine = Score.objects.filter(juror__user__email=demo.JUROR, proposal=unscored)
    assert sorted(mine.values_list("value", flat=True)) == [4, 4, 4]

    title, _reason = demo.seeds.SPACE_CONFLICT
    tied = campaign.proposals.get(title=title)
    url = f"{campaign.get_absolute_url()}propositions/{tied.pk}/notation/"
    page = client.post(url, {f"criterion-{c.pk}": 5 for c in criteria} | {"action": "score"})
    assert "conflit d’intérêts" in page.content.decode()
    assert not Score.objects.filter(juror__user__email=demo.JUROR, proposal=tied).exists()
    assert Score.objects.filter(proposal__campaign=campaign).count() == already + len(criteria)

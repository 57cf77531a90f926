"""Coordinators' pages: the queue, publish or refuse with a message, featured events, aggregated
agendas and figures — and everyone else refused."""

import datetime

import pytest
from django.core import mail
from django.urls import reverse

from essaim.agenda.models import Event
from tests.accounts.factories import MembershipFactory, OrganisationFactory, UserFactory
from tests.agenda.factories import EventFactory, ProgrammeFactory, RegistrationFactory, paris
from tests.catalogue.factories import CommuneFactory, ThemeFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def programme(db):
    return ProgrammeFactory()


@pytest.fixture
def coordinator(programme):
    return MembershipFactory(organisation=programme.coordinator, role="editor").user


@pytest.fixture
def author(organisation):
    return MembershipFactory(organisation=organisation, role="member").user


@pytest.fixture
def submitted(programme, organisation, author):
    return EventFactory(
        programme=programme, organiser=organisation, submitted=True, created_by=author
    )


DAY = datetime.timedelta(days=1)
PROGRAMME_PAGES = ["coordination_programme", "coordination_aggregation", "coordination_figures"]
EVENT_ACTIONS = [
    ("coordination_review", "get"),
    ("coordination_publish", "post"),
    ("coordination_refuse", "post"),
    ("coordination_feature", "post"),
]


def _refused_users(programme, organisation):
    """A citizen, the event's own organiser, a mere member of the coordinating organisation,
    and an administrator of another organisation."""
    return {
        "citizen": UserFactory(),
        "organiser": MembershipFactory(organisation=organisation, role="admin").user,
        "coordinator member": MembershipFactory(
            organisation=programme.coordinator, role="member"
        ).user,
        "other organisation": MembershipFactory(
            organisation=OrganisationFactory(), role="admin"
        ).user,
    }


@pytest.mark.parametrize("name", PROGRAMME_PAGES)
def test_programme_pages_refuse_everyone_but_coordinators(client, programme, organisation, name):
    url = reverse(f"agenda:{name}", args=[programme.slug])
    assert client.get(url).status_code == 302  # anonymous: sign in first
    for who, user in _refused_users(programme, organisation).items():
        client.force_login(user)
        response = client.get(url)
        assert response.status_code == 403, who
        assert "coordonne ce programme" in response.content.decode()


@pytest.mark.parametrize(("name", "method"), EVENT_ACTIONS)
def test_event_actions_refuse_everyone_but_coordinators(
    client, programme, organisation, submitted, name, method
):
    url = reverse(f"agenda:{name}", args=[programme.slug, submitted.slug])
    data = {"reason": "Non", "featured": "1"}
    assert getattr(client, method)(url, data).status_code == 302
    for who, user in _refused_users(programme, organisation).items():
        client.force_login(user)
        assert getattr(client, method)(url, data).status_code == 403, who
    submitted.refresh_from_db()
    assert submitted.moderation_state == "submitted"
    assert not submitted.featured


def test_coordination_home_refuses_people_who_coordinate_nothing(client, applicant):
    client.force_login(applicant)
    assert client.get(reverse("agenda:coordination_home")).status_code == 403


def test_coordinator_of_another_programme_cannot_touch_this_one(client, programme, submitted):
    other = ProgrammeFactory()
    stranger = MembershipFactory(organisation=other.coordinator, role="admin").user
    client.force_login(stranger)

    response = client.post(
        reverse("agenda:coordination_publish", args=[programme.slug, submitted.slug])
    )
    assert response.status_code == 403
    # Through its own programme's address, the event is not found.
    response = client.post(
        reverse("agenda:coordination_publish", args=[other.slug, submitted.slug])
    )
    assert response.status_code == 404


def test_queue_lists_submitted_events_oldest_first(client, programme, coordinator, organisation):
    first = EventFactory(programme=programme, organiser=organisation, submitted=True, title="A")
    second = EventFactory(programme=programme, organiser=organisation, submitted=True, title="B")
    Event.objects.filter(pk=first.pk).update(
        submitted_at=second.submitted_at - datetime.timedelta(hours=1)
    )
    EventFactory(programme=programme, organiser=organisation, draft=True, title="Brouillon caché")
    client.force_login(coordinator)

    page = client.get(
        reverse("agenda:coordination_programme", args=[programme.slug])
    ).content.decode()

    assert "2 événements à modérer" in page
    assert page.index(">A<") < page.index(">B<")
    assert "Brouillon caché" not in page


def test_publish_tells_the_organiser_by_email(
    client, programme, coordinator, submitted, author, django_capture_on_commit_callbacks
):
    client.force_login(coordinator)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("agenda:coordination_publish", args=[programme.slug, submitted.slug]),
            {"note": "Bravo, belle proposition."},
        )

    assert response.url == reverse("agenda:coordination_programme", args=[programme.slug])
    submitted.refresh_from_db()
    assert submitted.moderation_state == "published"
    assert submitted.moderated_by == coordinator
    (message,) = mail.outbox
    assert message.to == [author.email]
    assert submitted.title in message.subject
    assert "Bravo, belle proposition." in message.body


def test_refuse_needs_a_message_and_sends_it(
    client, programme, coordinator, submitted, author, django_capture_on_commit_callbacks
):
    client.force_login(coordinator)
    url = reverse("agenda:coordination_refuse", args=[programme.slug, submitted.slug])

    response = client.post(url, {"reason": ""})
    assert "Expliquez à l’organisateur" in response.content.decode()
    submitted.refresh_from_db()
    assert submitted.moderation_state == "submitted"

    with django_capture_on_commit_callbacks(execute=True):
        client.post(url, {"reason": "Les dates sortent du programme."})

    submitted.refresh_from_db()
    assert submitted.moderation_state == "refused"
    assert submitted.refusal_reason == "Les dates sortent du programme."
    (message,) = mail.outbox
    assert message.to == [author.email]
    assert "Les dates sortent du programme." in message.body


def test_coordinator_edits_a_submitted_event(client, programme, coordinator, submitted):
    client.force_login(coordinator)

    response = client.get(reverse("agenda:organiser_edit", args=[submitted.slug]))

    assert response.status_code == 200
    assert submitted.title in response.content.decode()


def test_coordinator_saves_changes_to_a_submitted_event(
    client, programme, coordinator, submitted, organisation
):
    day = programme.starts_on + 10 * DAY
    client.force_login(coordinator)

    response = client.post(
        reverse("agenda:organiser_edit", args=[submitted.slug]),
        {
            "programme": programme.pk,
            "organiser": organisation.pk,
            "title": "Les Mardis de l’innovation : gouvernement ouvert",
            "summary": "Titre et horaires corrigés par la coordination.",
            "format": "conference",
            "mode": "online",
            "online_url": "https://visio.exemple.fr/mardis",
            "language": "fr",
            "audiences": ["agents"],
            "registration_mode": "essaim",
            "capacity": "200",
            "seances-TOTAL_FORMS": "1",
            "seances-INITIAL_FORMS": "0",
            "seances-MIN_NUM_FORMS": "0",
            "seances-MAX_NUM_FORMS": "1000",
            "seances-0-day": day.isoformat(),
            "seances-0-starts": "09:30",
            "seances-0-ends": "11:30",
        },
    )

    assert response.status_code == 302
    submitted.refresh_from_db()
    assert submitted.title == "Les Mardis de l’innovation : gouvernement ouvert"
    assert submitted.capacity == 200
    assert (submitted.organiser, submitted.programme) == (organisation, programme)
    assert submitted.moderation_state == "submitted"  # still in the queue, for the review
    [session] = submitted.sessions.all()
    assert session.starts_at == paris(day.year, day.month, day.day, 9, 30)
    queue = client.get(reverse("agenda:coordination_programme", args=[programme.slug]))
    assert "gouvernement ouvert" in queue.content.decode()


def test_feature_and_unfeature_a_published_event(client, programme, coordinator, organisation):
    event = EventFactory(programme=programme, organiser=organisation)
    client.force_login(coordinator)
    url = reverse("agenda:coordination_feature", args=[programme.slug, event.slug])

    client.post(url, {"featured": "1"})
    event.refresh_from_db()
    assert event.featured

    client.post(url, {"featured": "0"})
    event.refresh_from_db()
    assert not event.featured


def test_submitted_event_cannot_be_featured(client, programme, coordinator, submitted):
    client.force_login(coordinator)

    client.post(
        reverse("agenda:coordination_feature", args=[programme.slug, submitted.slug]),
        {"featured": "1"},
    )

    submitted.refresh_from_db()
    assert not submitted.featured


def test_aggregated_agenda_brings_matching_events_with_their_origin(client, programme, coordinator):
    lab = OrganisationFactory(name="Lab Occitanie")
    theme = ThemeFactory(name="Thème de test agrégé", slug="theme-de-test-agrege")
    programme.themes.add(theme)
    day = programme.starts_on + datetime.timedelta(days=3)
    inside = EventFactory(
        organiser=lab,
        title="Atelier du Lab",
        sessions=[
            (paris(day.year, day.month, day.day, 9), paris(day.year, day.month, day.day, 12))
        ],
    )
    inside.themes.add(theme)
    EventFactory(
        organiser=lab,
        title="Hors thème",
        sessions=[
            (paris(day.year, day.month, day.day, 14), paris(day.year, day.month, day.day, 15))
        ],
    )
    client.force_login(coordinator)
    url = reverse("agenda:coordination_aggregation", args=[programme.slug])

    response = client.post(url, {"organisation": "Lab Occitanie"})
    assert response.status_code == 302
    assert list(programme.aggregated_organisations.all()) == [lab]

    page = client.get(
        reverse("agenda:coordination_programme", args=[programme.slug])
    ).content.decode()
    assert "Atelier du Lab" in page
    assert "Agenda de Lab Occitanie" in page
    assert "Hors thème" not in page

    client.post(url, {"remove": lab.pk})
    assert programme.aggregated_organisations.count() == 0


def test_unknown_organisation_to_aggregate_says_so(client, programme, coordinator):
    client.force_login(coordinator)

    response = client.post(
        reverse("agenda:coordination_aggregation", args=[programme.slug]),
        {"organisation": "Nulle part"},
    )

    assert "Aucune organisation ne s’appelle « Nulle part »" in response.content.decode()


def test_figures_count_events_registrations_and_attendance(client, programme, coordinator):
    nantes = CommuneFactory(code="44109", name="Nantes")
    onsite = EventFactory(programme=programme, format="workshop", mode="onsite", commune=nantes)
    EventFactory(programme=programme, format="webinar")
    EventFactory(programme=programme, format="webinar")
    EventFactory(programme=programme, format="webinar", draft=True)
    RegistrationFactory(event=onsite, attended=True)
    RegistrationFactory(event=onsite, attended=False)
    RegistrationFactory(event=onsite, status="waitlisted")
    client.force_login(coordinator)

    response = client.get(reverse("agenda:coordination_figures", args=[programme.slug]))

    figures = response.context["figures"]
    assert figures.events == 3
    assert figures.by_format == [("Webinaire", 2), ("Atelier participatif", 1)]
    assert (nantes.region.name, 1) in figures.by_region
    assert dict(figures.registrations) == {"Inscrit": 2, "Sur liste d’attente": 1}
    assert dict(figures.attendance)["Présents"] == 1
    assert "3 événements publiés" in response.content.decode()


def test_figures_count_events_by_paris_day_and_by_organiser_type(client, programme, coordinator):
    day = programme.starts_on + datetime.timedelta(days=3)
    lab = OrganisationFactory(kind="lab")
    town = OrganisationFactory(kind="local_authority")

    def at(hour, minute=0):
        return paris(day.year, day.month, day.day, hour, minute)

    # 00:30 in Paris is still the day before in UTC: the figures count Paris days.
    EventFactory(programme=programme, organiser=lab, sessions=[(at(0, 30), at(1, 30))])
    EventFactory(programme=programme, organiser=lab, sessions=[(at(14), at(15))])
    EventFactory(programme=programme, organiser=town, sessions=[(at(10) + DAY, at(11) + DAY)])
    client.force_login(coordinator)

    figures = client.get(reverse("agenda:coordination_figures", args=[programme.slug])).context[
        "figures"
    ]

    assert figures.by_day == [(day, 2), (day + DAY, 1)]
    assert dict(figures.by_organiser_kind) == {
        "Laboratoire d'innovation publique": 2,
        "Collectivité territoriale": 1,
    }

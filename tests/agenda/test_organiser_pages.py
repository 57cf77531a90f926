"""Organisers' pages: the guided form and its preview, submit, publish, duplicate, registrants."""

import datetime

import icalendar
import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from essaim.agenda import registrations, services
from essaim.agenda.models import Event, EventMessage
from tests.accounts.factories import MembershipFactory, UserFactory
from tests.agenda.factories import EventFactory, ProgrammeFactory, RegistrationFactory
from tests.catalogue.factories import CommuneFactory

pytestmark = pytest.mark.django_db


def _day(offset):
    return datetime.date.today() + datetime.timedelta(days=offset)


def _form_data(organisation, programme=None, **overrides):
    data = {
        "programme": programme.pk if programme else "",
        "organiser": organisation.pk,
        "title": "Les Mardis de l’innovation",
        "summary": "Une heure pour découvrir la donnée au service des usagers.",
        "description": "Trois retours d’expérience.",
        "format": "webinar",
        "mode": "online",
        "online_url": "https://visio.exemple.fr/mardis",
        "language": "fr",
        "audiences": ["agents"],
        "accessibility": ["has_subtitles"],
        "registration_mode": "essaim",
        "capacity": "100",
        "speakers": "Marie Dupont, DITP\nKarim Benali",
        "seances-TOTAL_FORMS": "2",
        "seances-INITIAL_FORMS": "0",
        "seances-MIN_NUM_FORMS": "0",
        "seances-MAX_NUM_FORMS": "1000",
        "seances-0-day": _day(10).isoformat(),
        "seances-0-starts": "11:00",
        "seances-0-ends": "12:00",
        "seances-1-day": _day(17).isoformat(),
        "seances-1-starts": "11:00",
        "seances-1-ends": "12:00",
    }
    data.update(overrides)
    return data


@pytest.fixture
def programme(db):
    return ProgrammeFactory()


# --- Permissions -------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["organiser_dashboard", "organiser_create", "organiser_import"])
def test_organiser_pages_send_anonymous_visitors_to_sign_in(client, name):
    response = client.get(reverse(f"agenda:{name}"))

    assert response.status_code == 302
    assert "/connexion" in response.url or "login" in response.url


@pytest.mark.parametrize("name", ["organiser_dashboard", "organiser_create", "organiser_import"])
def test_organiser_pages_refuse_citizens_and_say_why(client, applicant, name):
    client.force_login(applicant)

    response = client.get(reverse(f"agenda:{name}"))

    assert response.status_code == 403
    assert "membre d’une organisation" in response.content.decode()


EVENT_PAGES = [
    ("organiser_edit", "get"),
    ("organiser_preview", "get"),
    ("organiser_registrants", "get"),
    ("organiser_registrants_export", "get"),
    ("organiser_submit", "post"),
    ("organiser_duplicate", "post"),
    ("organiser_attendance", "post"),
    ("organiser_message", "post"),
    ("organiser_publish", "post"),
    ("organiser_status", "get"),
    ("organiser_status", "post"),
]


@pytest.mark.parametrize(("name", "method"), EVENT_PAGES)
def test_event_pages_refuse_members_of_another_organisation(
    client, organisation, other_agent, name, method
):
    event = EventFactory(organiser=organisation)
    client.force_login(other_agent)

    response = getattr(client, method)(reverse(f"agenda:{name}", args=[event.slug]))

    assert response.status_code == 403


@pytest.mark.parametrize(("name", "method"), EVENT_PAGES)
def test_event_pages_refuse_citizens_and_hide_drafts(client, organisation, applicant, name, method):
    published = EventFactory(organiser=organisation)
    draft = EventFactory(organiser=organisation, draft=True)
    client.force_login(applicant)

    assert (
        getattr(client, method)(reverse(f"agenda:{name}", args=[published.slug])).status_code == 403
    )
    assert getattr(client, method)(reverse(f"agenda:{name}", args=[draft.slug])).status_code == 404


@pytest.mark.parametrize(("name", "method"), EVENT_PAGES)
def test_event_pages_send_anonymous_visitors_to_sign_in(client, organisation, name, method):
    event = EventFactory(organiser=organisation)

    response = getattr(client, method)(reverse(f"agenda:{name}", args=[event.slug]))

    assert response.status_code == 302


# --- The guided form, its preview, submit --------------------------------------------------


def test_member_creates_a_draft_then_previews_and_submits_it(
    client, organisation, agent, programme
):
    client.force_login(agent)

    response = client.post(reverse("agenda:organiser_create"), _form_data(organisation, programme))

    event = Event.objects.get()
    assert response.status_code == 302
    assert response.url == reverse("agenda:organiser_preview", args=[event.slug])
    assert event.moderation_state == "draft"
    assert event.sessions.count() == 2
    assert event.has_subtitles
    assert [s.role for s in event.speakers.all()] == ["DITP", ""]
    preview = client.get(response.url).content.decode()
    assert "Aperçu de votre événement" in preview
    assert f"Soumettre à « {programme.name} »" in preview

    client.post(reverse("agenda:organiser_submit", args=[event.slug]))

    event.refresh_from_db()
    assert event.moderation_state == "submitted"
    assert event.submitted_at is not None


def test_form_errors_keep_everything_typed(client, organisation, agent):
    client.force_login(agent)
    data = _form_data(organisation, title="", mode="onsite")

    response = client.post(reverse("agenda:organiser_create"), data)

    page = response.content.decode()
    assert response.status_code == 200
    assert Event.objects.count() == 0
    assert "Une heure pour découvrir la donnée au service des usagers." in page
    assert "Marie Dupont, DITP" in page
    assert "a besoin de sa commune" in page
    assert _day(17).isoformat() in page


def test_event_entirely_outside_the_programme_dates_is_refused_and_kept(
    client, organisation, agent, programme
):
    client.force_login(agent)
    after = programme.ends_on + datetime.timedelta(days=3)
    data = _form_data(
        organisation,
        programme,
        **{
            "seances-0-day": after.isoformat(),
            "seances-1-day": (after + datetime.timedelta(days=7)).isoformat(),
        },
    )

    response = client.post(reverse("agenda:organiser_create"), data)

    page = response.content.decode()
    assert "n’a lieu à aucun moment pendant" in page
    assert "placez au moins une séance entre ces dates" in page
    assert after.isoformat() in page  # nothing typed is lost
    assert Event.objects.count() == 0


@pytest.mark.parametrize(
    ("first", "last"),
    [
        (25, 60 + 60),  # a series that starts during the edition and runs on (the DGFiP's)
        (-40, 60 + 5),  # launched before, results after (the Simplificathon)
    ],
)
def test_series_that_takes_place_partly_during_the_programme_is_accepted(
    client, organisation, agent, first, last
):
    programme = ProgrammeFactory(
        starts_on=_day(30), ends_on=_day(60), call_opens_on=_day(-5), call_closes_on=_day(20)
    )
    client.force_login(agent)
    data = _form_data(
        organisation,
        programme,
        **{"seances-0-day": _day(first).isoformat(), "seances-1-day": _day(last).isoformat()},
    )

    response = client.post(reverse("agenda:organiser_create"), data)

    assert response.status_code == 302, response.content.decode()
    event = Event.objects.get()
    assert event.programme == programme
    assert event.sessions.count() == 2
    services.submit(event, by=agent)
    assert event.moderation_state == "submitted"


def test_end_before_start_means_the_next_day(client, organisation, agent):
    client.force_login(agent)
    data = _form_data(organisation, **{"seances-0-starts": "20:00", "seances-0-ends": "01:00"})

    client.post(reverse("agenda:organiser_create"), data)

    session = Event.objects.get().sessions.first()
    assert session.ends_at - session.starts_at == datetime.timedelta(hours=5)


def test_add_session_button_adds_a_row_without_saving(client, organisation, agent):
    client.force_login(agent)

    response = client.post(
        reverse("agenda:organiser_create"), _form_data(organisation, add_session="1")
    )

    assert Event.objects.count() == 0
    assert 'name="seances-2-day"' in response.content.decode()


def test_onsite_event_needs_a_commune_and_finds_it_by_code(client, organisation, agent):
    nantes = CommuneFactory(code="44109", name="Nantes")
    client.force_login(agent)

    client.post(
        reverse("agenda:organiser_create"),
        _form_data(organisation, mode="onsite", commune="44109", online_url=""),
    )

    assert Event.objects.get().commune == nantes


def test_place_coordinates_typed_as_a_map_shows_them_go_together_and_are_rounded(
    client, organisation, agent
):
    CommuneFactory(code="44109", name="Nantes")
    client.force_login(agent)
    onsite = dict(mode="onsite", commune="44109", online_url="")

    response = client.post(
        reverse("agenda:organiser_create"),
        _form_data(organisation, latitude="47,218371", **onsite),
    )
    assert "Indiquez la latitude et la longitude ensemble" in response.content.decode()
    assert "47,218371" in response.content.decode()  # kept
    assert not Event.objects.exists()

    client.post(
        reverse("agenda:organiser_create"),
        _form_data(organisation, latitude="47,218371", longitude="-1,553621", **onsite),
    )
    event = Event.objects.get()
    assert (str(event.latitude), str(event.longitude)) == ("47.21837", "-1.55362")


def test_member_cannot_create_for_another_organisation(client, agent, other_organisation):
    client.force_login(agent)

    response = client.post(reverse("agenda:organiser_create"), _form_data(other_organisation))

    assert "Sélectionnez un choix valide" in response.content.decode()
    assert Event.objects.count() == 0


def test_editing_keeps_sessions_and_saves_changes(client, organisation, agent):
    event = EventFactory(organiser=organisation, draft=True)
    client.force_login(agent)
    form = client.get(reverse("agenda:organiser_edit", args=[event.slug])).content.decode()
    assert 'name="seances-0-day"' in form

    data = _form_data(organisation, title="Nouveau titre")
    client.post(reverse("agenda:organiser_edit", args=[event.slug]), data)

    event.refresh_from_db()
    assert event.title == "Nouveau titre"
    assert event.sessions.count() == 2


def test_member_cannot_publish_directly_but_an_editor_can(client, organisation, agent, editor):
    event = EventFactory(organiser=organisation, draft=True)
    client.force_login(agent)
    assert client.post(reverse("agenda:organiser_publish", args=[event.slug])).status_code == 403
    event.refresh_from_db()
    assert event.moderation_state == "draft"

    client.force_login(editor)
    client.post(reverse("agenda:organiser_publish", args=[event.slug]))

    event.refresh_from_db()
    assert event.moderation_state == "published"


def test_duplicate_makes_a_draft_copy_without_registrations(client, organisation, agent):
    event = EventFactory(organiser=organisation, external_id="X1", external_source="csv")
    RegistrationFactory(event=event)
    client.force_login(agent)

    response = client.post(reverse("agenda:organiser_duplicate", args=[event.slug]))

    copy = Event.objects.exclude(pk=event.pk).get()
    assert response.url == reverse("agenda:organiser_edit", args=[copy.slug])
    assert copy.title == f"{event.title} (copie)"
    assert copy.moderation_state == "draft"
    assert copy.duplicated_from == event
    assert copy.external_id == ""
    assert copy.sessions.count() == event.sessions.count()
    assert copy.registrations.count() == 0


# --- Registrants -----------------------------------------------------------------------------


def test_registrants_list_export_and_attendance(client, organisation, agent):
    event = EventFactory(organiser=organisation)
    alice = RegistrationFactory(event=event, name="Alice Martin", email="alice@exemple.fr")
    RegistrationFactory(
        event=event, name="=HYPERLINK(1)", status="waitlisted", waitlisted_at=alice.created_at
    )
    client.force_login(agent)

    page = client.get(reverse("agenda:organiser_registrants", args=[event.slug])).content.decode()
    assert "alice@exemple.fr" in page

    export = client.get(reverse("agenda:organiser_registrants_export", args=[event.slug]))
    text = export.content.decode()
    assert export["Content-Type"] == "text/csv; charset=utf-8"
    assert text.startswith("\ufeffNom;Adresse électronique;Organisation;État")
    assert "Alice Martin;alice@exemple.fr;;Inscrit;" in text
    assert "'=HYPERLINK(1);" in text

    response = client.post(
        reverse("agenda:organiser_attendance", args=[event.slug]),
        {f"presence-{alice.pk}": "present"},
        follow=True,
    )
    assert "Présences enregistrées (1 changement)." in response.content.decode()
    alice.refresh_from_db()
    assert alice.attended is True
    assert alice.attendance_marked_by == agent


def test_message_reaches_each_chosen_registrant_separately(
    client, organisation, agent, django_capture_on_commit_callbacks
):
    event = EventFactory(organiser=organisation)
    RegistrationFactory(event=event, email="alice@exemple.fr")
    RegistrationFactory(event=event, email="bob@exemple.fr")
    RegistrationFactory(event=event, email="attente@exemple.fr", status="waitlisted")
    client.force_login(agent)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("agenda:organiser_message", args=[event.slug]),
            {"subject": "Salle changée", "body": "Rendez-vous salle B.", "statuses": ["confirmed"]},
        )

    assert response.status_code == 302
    page = client.get(response.url).content.decode()
    assert "Message envoyé à 2 personnes." in page
    assert sorted(message.to[0] for message in mail.outbox) == [
        "alice@exemple.fr",
        "bob@exemple.fr",
    ]
    assert all(len(message.to) == 1 for message in mail.outbox)
    assert "Rendez-vous salle B." in mail.outbox[0].body
    assert mail.outbox[0].subject.startswith("Salle changée")
    assert EventMessage.objects.get().recipients_count == 2


def test_message_without_recipients_group_is_refused_and_kept(client, organisation, agent):
    event = EventFactory(organiser=organisation)
    client.force_login(agent)

    response = client.post(
        reverse("agenda:organiser_message", args=[event.slug]),
        {"subject": "Salle changée", "body": "Rendez-vous salle B."},
    )

    page = response.content.decode()
    assert "Cochez au moins un groupe" in page
    assert "Rendez-vous salle B." in page
    assert mail.outbox == []


def test_coordinator_sees_registrants_of_a_programme_event(client, organisation, programme):
    coordinator = MembershipFactory(organisation=programme.coordinator, role="editor").user
    event = EventFactory(organiser=organisation, programme=programme)
    client.force_login(coordinator)

    response = client.get(reverse("agenda:organiser_registrants", args=[event.slug]))

    assert response.status_code == 200


def test_dashboard_lists_my_events_and_open_calls(client, organisation, agent, programme):
    EventFactory(organiser=organisation, title="Mon atelier")
    EventFactory(title="Événement d’un autre")
    client.force_login(agent)

    page = client.get(reverse("agenda:organiser_dashboard")).content.decode()

    assert "Mon atelier" in page
    assert "Événement d’un autre" not in page
    assert programme.name in page


def test_posting_the_form_twice_creates_one_event(client, organisation, agent):
    client.force_login(agent)
    data = _form_data(organisation, submission_token="jeton-1")

    first = client.post(reverse("agenda:organiser_create"), data)
    second = client.post(reverse("agenda:organiser_create"), data)

    assert Event.objects.count() == 1
    assert second.url == first.url


def test_sending_the_same_message_twice_sends_it_once(
    client, organisation, agent, django_capture_on_commit_callbacks
):
    event = EventFactory(organiser=organisation)
    RegistrationFactory(event=event, email="alice@exemple.fr")
    client.force_login(agent)
    data = {
        "subject": "Rappel",
        "body": "À demain.",
        "statuses": ["confirmed"],
        "submission_token": "jeton-2",
    }

    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("agenda:organiser_message", args=[event.slug]), data)
        client.post(reverse("agenda:organiser_message", args=[event.slug]), data)

    assert len(mail.outbox) == 1
    assert EventMessage.objects.count() == 1


def test_submitted_event_cannot_be_moved_to_another_programme(client, organisation, agent):
    first, second = ProgrammeFactory(), ProgrammeFactory()
    event = EventFactory(organiser=organisation, programme=first, submitted=True)
    client.force_login(agent)

    client.post(
        reverse("agenda:organiser_edit", args=[event.slug]),
        _form_data(organisation, second),
    )

    event.refresh_from_db()
    assert event.programme == first


def _png() -> bytes:
    from io import BytesIO

    from PIL import Image

    out = BytesIO()
    Image.new("RGB", (40, 30), "navy").save(out, format="PNG")
    return out.getvalue()


def test_image_needs_its_alternative_text_then_is_stored(
    client, organisation, agent, settings, tmp_path
):
    from django.core.files.uploadedfile import SimpleUploadedFile

    settings.MEDIA_ROOT = tmp_path
    client.force_login(agent)

    data = _form_data(organisation, image=SimpleUploadedFile("affiche.png", _png()))
    response = client.post(reverse("agenda:organiser_create"), data)
    assert "Décrivez l’image" in response.content.decode()
    assert Event.objects.count() == 0

    data = _form_data(
        organisation,
        image=SimpleUploadedFile("affiche.png", _png()),
        image_alt="Affiche bleue des Mardis",
    )
    client.post(reverse("agenda:organiser_create"), data)

    event = Event.objects.get()
    assert event.image.name.endswith(".jpg")
    assert event.image_alt == "Affiche bleue des Mardis"


def test_form_saves_partners_and_the_registration_closing_date(
    client, organisation, agent, other_organisation
):
    client.force_login(agent)
    data = _form_data(
        organisation,
        partners=f"{other_organisation.name.upper()}\n\n",
        registration_closes_at=f"{_day(9).isoformat()}T18:00",
    )
    client.post(reverse("agenda:organiser_create"), data)

    event = Event.objects.get()
    assert list(event.partners.all()) == [other_organisation]
    closes = timezone.localtime(event.registration_closes_at)
    assert (closes.date(), closes.hour, closes.minute) == (_day(9), 18, 0)
    edit = client.get(reverse("agenda:organiser_edit", args=[event.slug])).content.decode()
    assert other_organisation.name in edit
    assert f"{_day(9).isoformat()}T18:00" in edit
    page = client.get(reverse("agenda:organiser_preview", args=[event.slug])).content.decode()
    assert other_organisation.name in page


def test_unknown_partner_is_explained_and_everything_typed_is_kept(client, organisation, agent):
    client.force_login(agent)
    data = _form_data(organisation, partners="Laboratoire imaginaire")
    response = client.post(reverse("agenda:organiser_create"), data)

    assert response.status_code == 200
    body = response.content.decode()
    assert "Aucune organisation d’Essaim ne s’appelle « Laboratoire imaginaire »" in body
    assert "Laboratoire imaginaire" in body and "Les Mardis de l’innovation" in body
    assert not Event.objects.exists()


def test_editing_a_published_event_sends_registrants_the_updated_invitation_and_frees_places(
    client, organisation, agent, django_capture_on_commit_callbacks
):
    """New times reach every registrant's calendar (same UID, next SEQUENCE); one more place
    goes to the first person waiting, who is told."""
    event = EventFactory(organiser=organisation, capacity=1)
    holder, waiting = UserFactory(), UserFactory()
    registrations.register(event, user=holder)
    registrations.register(event, user=waiting)
    [old_uid] = [f"{s.uid}" for s in event.sessions.all()]
    client.force_login(agent)
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("agenda:organiser_edit", args=[event.slug]),
            _form_data(organisation, capacity="2", **{"seances-TOTAL_FORMS": "1"}),
        )

    event.refresh_from_db()
    assert (event.confirmed_count, event.waitlist_count, event.sequence) == (2, 0, 1)
    subjects = {m.to[0]: [] for m in mail.outbox}
    for message in mail.outbox:
        subjects[message.to[0]].append(message)
    [changed] = [m for m in subjects[holder.email] if m.attachments]
    [vevent] = icalendar.Calendar.from_ical(changed.attachments[0][1]).walk("VEVENT")
    assert str(vevent["UID"]).startswith(old_uid)
    assert vevent["SEQUENCE"] == 1
    assert vevent.decoded("DTSTART").date() == _day(10)
    assert any("place" in m.body.lower() for m in subjects[waiting.email])


def test_an_edit_form_loaded_before_registrations_keeps_their_count(organisation):
    """The form's copy of the event is older than the registrations made meanwhile."""
    event = EventFactory(organiser=organisation, capacity=1)
    stale = Event.objects.get(pk=event.pk)
    registrations.register(event, user=UserFactory())
    stale.description = "Une précision."
    services.save_event(stale, by=None)

    event.refresh_from_db()
    assert event.confirmed_count == 1
    assert event.description == "Une précision."
    registrations.register(event, user=UserFactory())
    event.refresh_from_db()
    assert (event.confirmed_count, event.waitlist_count) == (1, 1)

"""Public pages: agenda, programme, event; registration without JavaScript; who sees what."""

import re

import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from essaim.agenda import registrations
from essaim.agenda.models import Registration
from essaim.agenda.registration_links import registration_path
from essaim.core.pagination import CappedPaginator
from tests.accounts.factories import MembershipFactory, UserFactory
from tests.agenda.factories import EventFactory, ProgrammeFactory, SpeakerFactory, paris
from tests.catalogue.factories import (
    CommuneFactory,
    DepartmentFactory,
    RegionFactory,
    ThemeFactory,
)

pytestmark = pytest.mark.django_db


def test_agenda_lists_upcoming_published_events_by_day_and_links_its_feed(client):
    EventFactory(title="Atelier design des politiques publiques")
    EventFactory(title="Brouillon secret", draft=True)
    EventFactory(
        title="Vieux webinaire", sessions=[(paris(2020, 11, 3, 10), paris(2020, 11, 3, 11))]
    )
    body = client.get(reverse("agenda:index")).content.decode()
    assert "Atelier design des politiques publiques" in body
    assert "Brouillon secret" not in body and "Vieux webinaire" not in body
    assert reverse("agenda:feed") in body
    assert "1 événement" in body


def test_agenda_filters_by_theme_region_format_audience_and_accessibility(client):
    lille = CommuneFactory(name="Lille")
    theme = ThemeFactory(name="Inclusion numérique", slug="inclusion-numerique")
    wanted = EventFactory(
        title="Café inclusion à Lille",
        format="workshop",
        mode="onsite",
        commune=lille,
        audiences=["general_public"],
        accessible_motor=True,
    )
    wanted.themes.add(theme)
    EventFactory(title="Webinaire des agents", audiences=["agents"])
    query = {
        "theme": "inclusion-numerique",
        "region": lille.region.code,
        "format": "workshop",
        "public": "general_public",
        "accessibilite": "moteur",
    }
    response = client.get(reverse("agenda:index"), query)
    titles = [e.title for e in response.context["page_obj"].object_list]
    assert titles == ["Café inclusion à Lille"]


def test_agenda_search_ignores_accents_and_case(client):
    EventFactory(title="Les Mardis de l’innovation : la donnée")
    EventFactory(title="Hackathon")
    response = client.get(reverse("agenda:index"), {"q": "MARDIS donnee"})
    assert [e.title for e in response.context["page_obj"].object_list] == [
        "Les Mardis de l’innovation : la donnée"
    ]


def test_bad_filters_are_explained_and_the_page_still_answers(client):
    response = client.get(
        reverse("agenda:index"), {"du": "32/13/2020", "format": "karaoke", "page": "x"}
    )
    assert response.status_code == 200
    body = response.content.decode()
    assert "est illisible" in body and "karaoke" in body


def test_programme_page_shows_its_past_events_and_aggregated_ones(client):
    programme = ProgrammeFactory(
        starts_on=paris(2020, 11, 2).date(), ends_on=paris(2020, 11, 30).date()
    )
    EventFactory(
        programme=programme,
        title="Simplificathon",
        sessions=[(paris(2020, 11, 5, 9), paris(2020, 11, 5, 18))],
    )
    lab_event = EventFactory(
        title="Atelier du Lab’ Occitanie",
        sessions=[(paris(2020, 11, 17, 14), paris(2020, 11, 17, 16))],
    )
    programme.aggregated_organisations.add(lab_event.organiser)
    EventFactory(
        organiser=lab_event.organiser,
        title="Hors dates",
        sessions=[(paris(2020, 12, 15, 14), paris(2020, 12, 15, 16))],
    )
    body = client.get(programme.get_absolute_url()).content.decode()
    assert "Simplificathon" in body and "Atelier du Lab’ Occitanie" in body
    assert "Hors dates" not in body
    assert lab_event.organiser.name in body  # each event shows its origin


def test_event_page_has_sessions_json_ld_and_a_registration_form(client):
    event = EventFactory(
        sessions=[
            (paris(2030, 11, 23, 9), paris(2030, 11, 23, 12)),
            (paris(2030, 12, 3, 9), paris(2030, 12, 3, 12)),
        ],
        capacity=20,
    )
    body = client.get(event.get_absolute_url()).content.decode()
    assert '"@type": "Event"' in body
    assert "samedi 23 novembre 2030, de 09:00 à 12:00" in body
    assert f'action="{reverse("agenda:register", args=[event.slug])}"' in body
    assert "20 places disponibles" in body


def test_registration_form_without_javascript_then_confirm_then_cancel(
    client, django_capture_on_commit_callbacks
):
    event = EventFactory(capacity=3, online_url_registrants_only=True)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("agenda:register", args=[event.slug]),
            {"name": "Camille Martin", "email": "camille@exemple.fr"},
            follow=True,
        )
    registration = Registration.objects.get(event=event)
    url = registration_path(registration)
    assert response.redirect_chain[-1][0] == url
    assert "confirmez votre adresse" in response.content.decode()
    assert event.online_url not in response.content.decode()
    [message] = mail.outbox
    assert url in message.body
    body = client.post(url, {"action": "confirmer"}, follow=True).content.decode()
    assert "Vous êtes inscrit" in body
    assert event.online_url in body  # revealed once registered
    client.post(url, {"action": "annuler"})
    registration.refresh_from_db()
    assert registration.status == "cancelled"


def test_registration_form_errors_keep_what_was_typed(client):
    event = EventFactory()
    response = client.post(
        reverse("agenda:register", args=[event.slug]),
        {"name": "Camille Martin", "email": "camille@"},
    )
    assert response.status_code == 400
    body = response.content.decode()
    assert "adresse électronique valide" in body
    assert 'value="Camille Martin"' in body
    assert not Registration.objects.exists()


def test_signed_in_person_registers_in_one_click_and_sees_the_link(client):
    event = EventFactory(online_url_registrants_only=True)
    user = UserFactory()
    client.force_login(user)
    assert event.online_url not in client.get(event.get_absolute_url()).content.decode()
    client.post(reverse("agenda:register", args=[event.slug]), {})
    assert Registration.objects.get(event=event).user == user
    assert event.online_url in client.get(event.get_absolute_url()).content.decode()
    client.post(reverse("agenda:cancel_own", args=[event.slug]))
    assert Registration.objects.get(event=event).status == "cancelled"


def test_agent_only_event_asks_to_sign_in(client):
    event = EventFactory(requires_account=True)
    body = client.get(event.get_absolute_url()).content.decode()
    assert "connectez-vous pour vous inscrire" in body
    response = client.post(
        reverse("agenda:register", args=[event.slug]), {"name": "X", "email": "x@exemple.fr"}
    )
    assert response.status_code == 400
    assert not Registration.objects.exists()


@pytest.mark.parametrize("who", ["anonymous", "applicant", "other_agent"])
def test_draft_event_page_is_refused_to_outsiders(client, who, request):
    event = EventFactory(draft=True)
    if who != "anonymous":
        client.force_login(request.getfixturevalue(who))
    assert client.get(event.get_absolute_url()).status_code == 404
    assert (
        client.post(
            reverse("agenda:register", args=[event.slug]), {"name": "X", "email": "x@exemple.fr"}
        ).status_code
        == 404
    )


def test_draft_event_page_is_shown_to_its_organisers(client, agent, organisation):
    event = EventFactory(draft=True, organiser=organisation)
    client.force_login(agent)
    body = client.get(event.get_absolute_url()).content.decode()
    assert "n’est pas public" in body


def test_programme_coordinator_sees_submitted_events(client):
    programme = ProgrammeFactory()
    coordinator = MembershipFactory(organisation=programme.coordinator, role="editor").user
    event = EventFactory(programme=programme, submitted=True)
    client.force_login(coordinator)
    assert client.get(event.get_absolute_url()).status_code == 200


def test_my_registrations_requires_sign_in_and_gives_a_secret_feed(client):
    response = client.get(reverse("agenda:my_registrations"))
    assert response.status_code == 302
    user = UserFactory()
    event = EventFactory(title="Citoyens en communs")
    registrations.register(event, user=user)
    client.force_login(user)
    body = client.get(reverse("agenda:my_registrations")).content.decode()
    assert "Citoyens en communs" in body
    assert "/agenda/mon-agenda/" in body


def test_unknown_registration_link_explains_itself(client):
    response = client.get(reverse("agenda:registration", args=["inconnu"]))
    assert response.status_code == 200
    assert "Ce lien d’inscription ne fonctionne pas" in response.content.decode()


def test_month_view_places_events_on_their_days(client):
    EventFactory(
        title="Mardi de l’innovation", sessions=[(paris(2020, 11, 10, 10), paris(2020, 11, 10, 11))]
    )
    body = client.get(reverse("agenda:month_of", args=[2020, 11])).content.decode()
    assert "Novembre 2020" in body
    assert "Mardi de l’innovation" in body
    assert client.get(reverse("agenda:month_of", args=[2020, 13])).status_code == 200


def test_agenda_and_programme_pages_read_a_constant_number_of_queries(
    client, django_assert_max_num_queries
):
    programme = ProgrammeFactory()
    for _ in range(25):
        event = EventFactory(programme=programme, commune=CommuneFactory())
        event.themes.add(ThemeFactory())
    with django_assert_max_num_queries(15):
        client.get(reverse("agenda:index"))
    with django_assert_max_num_queries(15):
        client.get(programme.get_absolute_url())


def test_map_counts_events_by_region_and_links_to_the_filtered_list(client):
    nord = DepartmentFactory(code="59", parent=RegionFactory(code="32", name="Hauts-de-France"))
    lille = CommuneFactory(name="Lille", parent=nord)
    EventFactory(mode="onsite", commune=lille)
    EventFactory(mode="onsite", commune=CommuneFactory(parent=lille.parent))
    EventFactory(mode="online")
    response = client.get(reverse("agenda:map"))
    area = next(a for a in response.context["france_map"].areas if a.code == lille.region.code)
    assert area.count == 2
    assert area.href == f"{reverse('agenda:index')}?region={lille.region.code}"
    assert response.context["online_count"] == 1


def test_public_pages_link_members_to_their_dashboard_and_coordinators_to_coordination(client):
    programme = ProgrammeFactory()
    dashboard = reverse("agenda:organiser_dashboard")
    coordination = reverse("agenda:coordination_programme", args=[programme.slug])
    propose = reverse("agenda:organiser_create") + f"?programme={programme.slug}"

    member = MembershipFactory(role="member").user
    client.force_login(member)
    index = client.get(reverse("agenda:index")).content.decode()
    page = client.get(programme.get_absolute_url()).content.decode()
    assert dashboard in index and reverse("agenda:coordination_home") not in index
    assert dashboard in page and propose in page and coordination not in page

    coordinator = MembershipFactory(organisation=programme.coordinator, role="editor").user
    client.force_login(coordinator)
    assert (
        reverse("agenda:coordination_home") in client.get(reverse("agenda:index")).content.decode()
    )
    assert coordination in client.get(programme.get_absolute_url()).content.decode()


@pytest.mark.parametrize("who", ["anonymous", "outsider"])
def test_public_pages_show_no_workspace_links_to_others(client, who):
    programme = ProgrammeFactory()
    if who == "outsider":
        client.force_login(UserFactory())
    for url in (reverse("agenda:index"), programme.get_absolute_url()):
        body = client.get(url).content.decode()
        assert reverse("agenda:organiser_dashboard") not in body
        assert "/agenda/coordination/" not in body


def test_event_page_links_its_organisers_to_the_edit_form(client, agent, organisation):
    event = EventFactory(organiser=organisation)
    edit = reverse("agenda:organiser_edit", args=[event.slug])
    assert edit not in client.get(event.get_absolute_url()).content.decode()
    client.force_login(agent)
    assert edit in client.get(event.get_absolute_url()).content.decode()


def test_event_page_shows_speakers_language_image_text_and_external_registration(
    client, settings, tmp_path
):
    from io import BytesIO

    from django.core.files.base import ContentFile
    from PIL import Image

    settings.MEDIA_ROOT = tmp_path
    event = EventFactory(
        language="en",
        registration_mode="external",
        registration_url="https://inscription.exemple.org/open-gov",
        image_alt="Affiche bleue du Mardi de l’innovation",
    )
    SpeakerFactory(event=event, name="Henri Verdier", role="Ambassadeur pour le numérique")
    SpeakerFactory(event=event, name="Mathilde Imer", role="")
    png = BytesIO()
    Image.new("RGB", (40, 30), "navy").save(png, format="PNG")
    event.image.save("affiche.png", ContentFile(png.getvalue()))

    body = client.get(event.get_absolute_url()).content.decode()

    assert "Intervenants" in body
    assert "Henri Verdier" in body and "Ambassadeur pour le numérique" in body
    assert "Mathilde Imer" in body
    assert "<dd>Anglais</dd>" in body
    assert f'src="{event.image.url}" alt="Affiche bleue du Mardi de l’innovation"' in body
    assert 'href="https://inscription.exemple.org/open-gov"' in body
    assert "S’inscrire sur le site de l’organisateur" in body
    assert f'action="{reverse("agenda:register", args=[event.slug])}"' not in body


def test_agenda_lists_events_under_a_heading_for_each_day(client):
    EventFactory(
        title="Table ronde du jeudi", sessions=[(paris(2030, 11, 14, 17), paris(2030, 11, 14, 19))]
    )
    EventFactory(title="Mardi matin", sessions=[(paris(2030, 11, 12, 9), paris(2030, 11, 12, 11))])
    EventFactory(
        title="Mardi après-midi", sessions=[(paris(2030, 11, 12, 14), paris(2030, 11, 12, 16))]
    )

    body = client.get(reverse("agenda:index")).content.decode()

    headings = [" ".join(h.split()) for h in re.findall(r"<h3[^>]*>(.*?)</h3>", body, re.S)]
    assert headings[:2] == ["Mardi 12 novembre 2030", "Jeudi 14 novembre 2030"]
    tuesday, thursday = body.index("Mardi 12 novembre 2030"), body.index("Jeudi 14 novembre 2030")
    assert tuesday < body.index("Mardi matin") < body.index("Mardi après-midi") < thursday
    assert thursday < body.index("Table ronde du jeudi")


def test_event_page_offers_its_calendar_and_share_links(client):
    event = EventFactory()

    body = client.get(event.get_absolute_url()).content.decode()

    assert reverse("agenda:event_feed", args=[event.slug]) in body
    shared = f"http%3A//testserver{event.get_absolute_url()}"
    assert f"linkedin.com/shareArticle?url={shared}" in body
    assert f"&body={shared}" in body  # "Partager par courriel"


def test_filtered_pages_link_the_feed_of_the_same_filters(client):
    programme = ProgrammeFactory()
    hackathon = reverse("agenda:programme_feed", args=[programme.slug]) + "?format=hackathon"

    programme_page = client.get(programme.get_absolute_url() + "?format=hackathon")
    agenda_page = client.get(reverse("agenda:index") + "?format=hackathon")

    assert hackathon in programme_page.content.decode()
    assert reverse("agenda:feed") + "?format=hackathon" in agenda_page.content.decode()


def test_filter_form_offers_departements_and_filters_by_them(client):
    nord = DepartmentFactory(code="59", name="Nord")
    EventFactory(title="Atelier à Lille", mode="onsite", commune=CommuneFactory(parent=nord))
    EventFactory(title="Webinaire national")
    response = client.get(reverse("agenda:index"), {"departement": "59"})
    body = response.content.decode()
    assert 'name="departement"' in body and "59 – Nord" in body
    assert [e.title for e in response.context["page_obj"].object_list] == ["Atelier à Lille"]


def test_new_theme_and_region_appear_in_the_cached_filter_choices(client):
    ThemeFactory(name="Données ouvertes locales", slug="donnees-locales")
    first = client.get(reverse("agenda:index")).content.decode()
    assert "Données ouvertes locales" in first and "Sobriété des agents" not in first
    ThemeFactory(name="Sobriété des agents", slug="sobriete-agents")
    RegionFactory(code="94", name="Corse du test")
    second = client.get(reverse("agenda:index")).content.decode()
    assert "Sobriété des agents" in second and "Corse du test" in second


def test_filter_choices_are_read_from_the_cache_until_something_changes(client):
    ThemeFactory()
    client.get(reverse("agenda:index"))
    with CaptureQueriesContext(connection) as second:
        client.get(reverse("agenda:index"))
    warm = {q["sql"] for q in second.captured_queries}
    assert not any('FROM "catalogue_theme"' in sql for sql in warm)
    assert not any('FROM "core_territory"' in sql for sql in warm)


def test_htmx_filtering_answers_the_results_and_the_links_that_follow_them(client):
    EventFactory(title="Hackathon des données", format="hackathon")
    EventFactory(title="Webinaire", format="webinar")
    response = client.get(
        reverse("agenda:index"),
        {"format": "hackathon", "q": "", "du": ""},
        headers={"HX-Request": "true", "HX-Target": "agenda-resultats"},
    )
    body = response.content.decode()
    assert "<html" not in body and 'id="agenda-resultats"' in body
    assert "Hackathon des données" in body and "Webinaire" not in body
    # The links outside the results are swapped out of band with the same filters.
    assert 'id="agenda-liens"' in body and 'hx-swap-oob="true"' in body
    assert f'href="{reverse("agenda:feed")}?format=hackathon"' in body
    assert f"{reverse('agenda:export_csv')}?format=hackathon" in body
    assert response["HX-Push-Url"] == reverse("agenda:index") + "?format=hackathon"
    assert "HX-Request" in response["Vary"]


def test_agenda_form_works_without_javascript_and_carries_the_htmx_enhancement(client):
    EventFactory(title="Hackathon des données", format="hackathon")
    body = client.get(reverse("agenda:index"), {"format": "hackathon"}).content.decode()
    assert "<html" in body and 'method="get"' in body
    assert 'hx-target="#agenda-resultats"' in body and 'hx-push-url="true"' in body
    assert "<script>" not in body  # no inline JavaScript (CSP)
    month = f"{reverse('agenda:month')}?format=hackathon"
    assert month in body  # the month calendar keeps the filters too


def test_broad_lists_stop_counting_at_the_cap_and_say_so(client, monkeypatch):
    monkeypatch.setattr(CappedPaginator, "CAP", 2)  # instead of creating 1,001 events
    for title in ("Hackathon des données", "Atelier du lab", "Webinaire des agents"):
        EventFactory(title=title)
    response = client.get(reverse("agenda:index"))
    body = response.content.decode()
    assert "Plus de 1 000 événements" in body and "Précisez les dates" in body
    assert response.context["page_obj"].paginator.more
    narrow = client.get(reverse("agenda:index"), {"q": "hackathon"}).content.decode()
    assert "1 événement" in narrow and "Plus de" not in narrow


def test_programme_page_shows_its_territories_and_themes_as_filters(client):
    programme = ProgrammeFactory()
    programme.territories.add(DepartmentFactory(code="44", name="Loire-Atlantique"))
    programme.themes.add(ThemeFactory(name="Design des politiques publiques", slug="design-pp"))
    body = client.get(programme.get_absolute_url()).content.decode()
    assert "Loire-Atlantique" in body
    assert f'href="{programme.get_absolute_url()}?theme=design-pp"' in body
    national = ProgrammeFactory()
    assert "programme national" in client.get(national.get_absolute_url()).content.decode()


def test_programme_page_puts_featured_events_on_top(client):
    programme = ProgrammeFactory()
    EventFactory(programme=programme, title="Simplificathon", featured=True)
    EventFactory(programme=programme, title="Café numérique")
    body = client.get(programme.get_absolute_url()).content.decode()
    assert "À la une" in body
    assert body.index("Simplificathon") < body.index("Café numérique")
    plain = ProgrammeFactory()
    EventFactory(programme=plain, title="Café numérique")
    assert "À la une" not in client.get(plain.get_absolute_url()).content.decode()


def test_the_replay_link_shows_once_the_event_has_begun(client):
    replay = "https://video.exemple.fr/replay-mardi"
    coming = EventFactory(
        replay_url=replay, sessions=[(paris(2030, 11, 3, 9), paris(2030, 11, 3, 10))]
    )
    past = EventFactory(
        replay_url=replay, sessions=[(paris(2020, 11, 3, 9), paris(2020, 11, 3, 10))]
    )
    assert replay not in client.get(coming.get_absolute_url()).content.decode()
    assert replay in client.get(past.get_absolute_url()).content.decode()

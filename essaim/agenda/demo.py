"""Demonstration agenda: the Mois de l’innovation publique 2020, the Semaine 2017, a lab's
ordinary agenda, and an open call with an event waiting for moderation (see demo_seeds.py).

Idempotent, keyed by slug: a second run changes nothing. Relies on the organisations of the
accounts and catalogue demos; an organisation they lack is created with a plain name.
"""

import datetime
from zoneinfo import ZoneInfo

from django.utils import timezone

from essaim.accounts.models import Organisation, OrganisationKind, User
from essaim.agenda import demo_seeds as seeds
from essaim.agenda import registrations, services
from essaim.agenda.enums import ModerationState, RegistrationStatus
from essaim.agenda.models import Event, Programme, Registration
from essaim.catalogue.demo import typography
from essaim.catalogue.models import Theme
from essaim.core.models import Territory

PARIS = ZoneInfo("Europe/Paris")
EXTRA_ORGANISATIONS = {
    "menjs-mesri": (
        "Ministères de l’Éducation nationale et de l’Enseignement supérieur (MENJS-MESRI)",
        OrganisationKind.CENTRAL,
    ),
}
OPEN_CALL = {
    "slug": "rencontres-de-l-innovation-publique-demonstration",
    "name": "Rencontres de l’innovation publique (programme de démonstration)",
    "summary": "Un programme dont l’appel à événements est ouvert : proposez un événement, "
    "les coordinateurs de la DITP le modèrent.",
    "coordinator": "ditp",
}


def _organisation(slug: str) -> Organisation:
    organisation = Organisation.objects.filter(slug=slug).first()
    if organisation is None:
        name, kind = EXTRA_ORGANISATIONS.get(slug, (slug.replace("-", " ").title(), "central"))
        organisation = Organisation.objects.create(slug=slug, name=name, kind=kind)
    return organisation


def _at(text: str) -> datetime.datetime:
    return datetime.datetime.strptime(text, "%Y-%m-%d %H:%M").replace(tzinfo=PARIS)


def _programme(data: dict) -> Programme:
    def day(value):
        return datetime.date.fromisoformat(value) if value else None

    programme, _created = Programme.objects.update_or_create(
        slug=data["slug"],
        defaults={
            "name": typography(data["name"]),
            "summary": typography(data["summary"]),
            "description": typography(data["description"]),
            "starts_on": day(data["starts_on"]),
            "ends_on": day(data["ends_on"]),
            "call_opens_on": day(data["call_opens_on"]),
            "call_closes_on": day(data["call_closes_on"]),
            "coordinator": _organisation(data["coordinator"]),
        },
    )
    programme.aggregated_organisations.set([_organisation(s) for s in data["aggregated"]])
    return programme


def _event(data: dict, *, programme, state=ModerationState.PUBLISHED) -> Event:
    event = Event.objects.filter(slug=data["slug"]).first()
    if event is not None:
        return event  # never overwrite what a demo user changed
    commune = (
        Territory.objects.filter(level="commune", code=data["commune"]).first()
        if data.get("commune")
        else None
    )
    event = Event(
        slug=data["slug"],
        programme=programme,
        title=typography(data["title"]),
        summary=typography(data["summary"]),
        description=typography(
            data.get("description", "") + ("\n\nHoraires indicatifs." if data.get("hours") else "")
        ).strip(),
        format=data["format"],
        mode=data["mode"],
        commune=commune,
        organiser=_organisation(data["organiser"]),
        audiences=data["audiences"],
        online_url="https://webinaire.exemple.fr/" + data["slug"]
        if data["mode"] != "onsite"
        else "",
        online_url_registrants_only=data["mode"] != "onsite",
        registration_mode=data.get("registration_mode", "essaim"),
        capacity=data.get("capacity"),
        requires_account=data.get("requires_account", False),
        featured=data.get("featured", False),
        has_subtitles=data.get("has_subtitles", False),
        accessible_motor=data.get("accessible_motor", False),
        moderation_state=state,
        published_at=timezone.now() if state == ModerationState.PUBLISHED else None,
        submitted_at=timezone.now() if state == ModerationState.SUBMITTED else None,
    )
    services.save_event(
        event,
        by=None,
        sessions=[(_at(s), _at(e), typography(t)) for s, e, t in data["sessions"]],
        speakers=[(typography(n), typography(r)) for n, r in data["speakers"]],
        partners=[_organisation(s) for s in data.get("partners", [])],
        themes=Theme.objects.filter(slug__in=data["themes"]),
    )
    return event


def _press_events(programme) -> list[Event]:
    """The DITP's press meetings; one after the Mois stays in the DITP's own agenda (an event
    of a programme takes place during it: `services.check_programme_dates`)."""
    events = []
    for key, city, lab, commune, day in seeds.PRESS_2020:
        during = programme.starts_on <= datetime.date.fromisoformat(day) <= programme.ends_on
        events.append(
            _event(
                {
                    "slug": f"rencontre-presse-{key}-2020",
                    "title": f"Rencontre avec la presse à {city} : passer à l’échelle",
                    "organiser": "ditp",
                    "partners": [lab],
                    "format": "seminar",
                    "mode": "online",
                    "commune": commune,
                    "sessions": [(f"{day} 09:30", f"{day} 12:30", "")],
                    "audiences": ["general_public"],
                    "themes": [],
                    "summary": "Une matinée pour rencontrer les porteurs de projets du territoire, "
                    "puis des ateliers de travail sur le passage à l’échelle, avec le laboratoire "
                    "d’innovation publique de la région.",
                    "speakers": [],
                    "registration_mode": "none",
                    "hours": "indicatives",
                },
                programme=programme if during else None,
            )
        )
    return events


def _loire_atlantique(programme) -> list[Event]:
    events = []
    for suffix, title, format_, theme, day in seeds.LOIRE_ATLANTIQUE_2017:
        events.append(
            _event(
                {
                    "slug": f"loire-atlantique-2017-{suffix}",
                    "title": title,
                    "organiser": "departement-de-loire-atlantique",
                    "format": format_,
                    "mode": "onsite",
                    "commune": "44109",
                    "sessions": [(f"2017-11-{day} 10:00", f"2017-11-{day} 12:00", "")],
                    "audiences": ["agents", "general_public"],
                    "themes": [theme],
                    "summary": "L’un des plus de quarante temps forts du Département de "
                    "Loire-Atlantique pendant la Semaine : découvrir, partager, comprendre.",
                    "speakers": [],
                    "hours": "indicatives",
                },
                programme=programme,
            )
        )
    return events


def _upcoming() -> list[Event]:
    today = timezone.localdate()
    events = []
    for (
        slug,
        title,
        organiser,
        format_,
        mode,
        commune,
        days,
        hour,
        capacity,
        summary,
    ) in seeds.UPCOMING:
        day = today + datetime.timedelta(days=days)
        start = f"{day.isoformat()} {hour:02d}:00"
        end = f"{day.isoformat()} {hour + 2:02d}:30"
        events.append(
            _event(
                {
                    "slug": slug,
                    "title": title,
                    "organiser": organiser,
                    "format": format_,
                    "mode": mode,
                    "commune": commune,
                    "sessions": [(start, end, "")],
                    "audiences": ["agents"],
                    "themes": [],
                    "summary": summary + " (Événement de démonstration.)",
                    "speakers": [],
                    "capacity": capacity,
                },
                programme=None,
            )
        )
    return events


def _open_call() -> Programme:
    today = timezone.localdate()
    programme, _created = Programme.objects.get_or_create(
        slug=OPEN_CALL["slug"],
        defaults={
            "name": typography(OPEN_CALL["name"]),
            "summary": typography(OPEN_CALL["summary"]),
            "starts_on": today,
            "ends_on": today + datetime.timedelta(days=60),
            "call_opens_on": today - datetime.timedelta(days=7),
            "call_closes_on": today + datetime.timedelta(days=30),
            "coordinator": _organisation(OPEN_CALL["coordinator"]),
        },
    )
    day = (today + datetime.timedelta(days=20)).isoformat()
    _event(
        {
            "slug": "simplificathon-restitution-publique-demonstration",
            "title": "Simplificathon : restitution ouverte au public",
            "organiser": "departement-du-nord",
            "format": "conference",
            "mode": "hybrid",
            "commune": "59350",
            "sessions": [(f"{day} 17:00", f"{day} 18:30", "")],
            "audiences": ["general_public", "agents"],
            "themes": ["simplification"],
            "summary": "Les agents présentent les mesures de simplification issues du "
            "Simplificathon. (Événement de démonstration, en attente de modération.)",
            "speakers": [],
            "capacity": 40,
        },
        programme=programme,
        state=ModerationState.SUBMITTED,
    )
    return programme


def _registrations(event: Event, emails: list[str]) -> None:
    """Demo registrations written directly (no e-mails), then the counters recounted."""
    for index, email in enumerate(emails):
        user = User.objects.filter(email=email).first()
        if user is None or Registration.objects.filter(event=event, email=email).exists():
            continue
        has_place = event.capacity is None or index < event.capacity
        now = timezone.now()
        Registration.objects.create(
            event=event,
            user=user,
            email=email,
            name=user.get_full_name(),
            status=RegistrationStatus.CONFIRMED if has_place else RegistrationStatus.WAITLISTED,
            email_confirmed_at=now,
            confirmed_at=now if has_place else None,
            waitlisted_at=None if has_place else now,
        )
    registrations.recount(event)


# Seeds of earlier versions of this demo, now shown from another source: the AMASES workshops
# are the Simplificathon consultation's (participation demo), which the Mois aggregates.
SUPERSEDED_SLUGS = ["simplificathon-ateliers-amases"]


def load() -> str:
    """Create the demo programmes and events (see the module docstring).

    Side effects: saves Programme, Event, EventSession, Speaker, Registration rows and the
    organisations the other demos lack; overwrites nothing, and deletes only the events of
    `SUPERSEDED_SLUGS`.
    """
    Event.objects.filter(slug__in=SUPERSEDED_SLUGS).delete()
    mois = _programme(seeds.MOIS_2020)
    semaine = _programme(seeds.SEMAINE_2017)
    events = [_event(d, programme=mois) for d in seeds.EVENTS_2020]
    events += _press_events(mois)
    events += [_event(d, programme=None) for d in seeds.SIILAB_AGENDA_2020]
    events += [_event(d, programme=semaine) for d in seeds.EVENTS_2017]
    events += _loire_atlantique(semaine)
    upcoming = _upcoming()
    _open_call()
    people = [
        "lucas.moreau@essaim.example",
        "julie.petit@essaim.example",
        "marc.dubois@essaim.example",
        "ines.lefebvre@essaim.example",
    ]
    for event in upcoming:
        _registrations(event, people)
    total = Event.objects.count()
    return (
        f"{Programme.objects.count()} programmes, {total} événements "
        f"(dont {len(events)} des éditions 2017 et 2020)"
    )

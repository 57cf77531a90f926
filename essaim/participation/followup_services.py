"""After the jury: remove a juror, hold a subject's workshops as Agenda events with
registration, record their minutes. (Appointing jurors, subjects and the link to a Catalogue
initiative are in `selection_services`.)

Every function is keyword-only after its subject, runs in one transaction and lists its side
effects. Refusals raise `permissions.Refused` with a French sentence.
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from essaim.accounts.permissions import can_edit_for
from essaim.agenda import services as agenda_services
from essaim.agenda.enums import EventFormat, Mode, RegistrationMode
from essaim.agenda.models import Event
from essaim.participation import permissions
from essaim.participation.models import JuryMember, Subject, Workshop


@transaction.atomic
def remove_juror(juror: JuryMember, *, by) -> None:
    """Side effects: deletes the seat, with its scores and declared conflicts."""
    permissions.can_moderate(by, juror.campaign).check()
    juror.delete()


def _organiser_for(campaign, by):
    """The organising organisation `by` may publish events for (the workshop's organiser)."""
    organisations = list(campaign.organisations.order_by("pk"))
    for organisation in organisations:
        if by.is_superuser or can_edit_for(by, organisation):
            return organisation
    raise permissions.Refused(_("Seuls les modérateurs de cette consultation peuvent faire cela."))


def place_label(*, mode, commune, venue) -> str:
    """The workshop's place in a few words, as the subject's pages list it."""
    on_site = ", ".join(p for p in [venue, commune.name if commune else ""] if p)
    if mode == Mode.ONLINE:
        return _("En ligne")
    if mode == Mode.HYBRID:
        return _("%(place)s, et en ligne") % {"place": on_site}
    return on_site


@transaction.atomic
def schedule_workshop(
    subject: Subject,
    *,
    by,
    title: str,
    starts_at,
    ends_at,
    mode: str = Mode.ONSITE,
    commune=None,
    venue: str = "",
    address: str = "",
    online_url: str = "",
    capacity=None,
) -> Workshop:
    """A co-design workshop of `subject`, published in the Agenda with registration on Essaim
    (volunteers sign up there, within `capacity` places, then on the waiting list).

    `mode` (en ligne, sur place, hybride), `commune`, `venue`, `address` and `online_url` are
    the Agenda event's, under the Agenda's rule (`agenda.services.check_place`: on site needs
    its commune, online its link). Raises ValidationError when they break it.
    Side effects: creates and publishes an Agenda Event (through the Agenda's services, which
    log it) and saves a Workshop linked to it.
    """
    campaign = subject.campaign
    permissions.can_moderate(by, campaign).check()
    if not title.strip():
        raise ValidationError(_("Donnez un titre à l’atelier."))
    agenda_services.check_place(mode=mode, commune=commune, online_url=online_url)
    event = Event(
        title=title.strip(),
        summary=_("Atelier de co-conception : %(subject)s") % {"subject": subject.title},
        description=_(
            "Atelier de la consultation « %(campaign)s », sur le sujet retenu « %(subject)s ». "
            "Agents et usagers volontaires y construisent ensemble la solution."
        )
        % {"campaign": campaign.title, "subject": subject.title},
        format=EventFormat.WORKSHOP,
        mode=mode,
        commune=commune if mode != Mode.ONLINE else None,
        venue=venue.strip() if mode != Mode.ONLINE else "",
        address=address.strip() if mode != Mode.ONLINE else "",
        online_url=online_url.strip() if mode != Mode.ONSITE else "",
        organiser=_organiser_for(campaign, by),
        registration_mode=RegistrationMode.ESSAIM,
        capacity=capacity,
    )
    agenda_services.save_event(event, by=by, sessions=[(starts_at, ends_at)])
    agenda_services.publish(event, by=by)
    return Workshop.objects.create(
        subject=subject,
        title=event.title,
        starts_at=starts_at,
        place=place_label(mode=mode, commune=event.commune, venue=event.venue)[:200],
        event=event,
    )


@transaction.atomic
def record_minutes(workshop: Workshop, *, by, minutes: str) -> Workshop:
    """The workshop's minutes, public on the subject's page. Side effects: saves them."""
    permissions.can_moderate(by, workshop.subject.campaign).check()
    workshop.minutes = (minutes or "").strip()
    workshop.save(update_fields=["minutes"])
    return workshop

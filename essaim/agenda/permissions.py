"""Who may do what in the agenda, in one place. Every function answers False for anonymous users.

- Any member of an organisation creates events for it, edits them and submits them to a
  programme whose call is open; its editors and administrators also publish them directly
  when they stand outside any programme (the organisation's own agenda).
- A programme's coordinators (editors and administrators of its coordinating organisation),
  and operators holding `agenda.moderate_event`, moderate, edit and feature its events, and
  edit and archive the programme itself. Any editor or administrator of an organisation
  creates a programme that this organisation coordinates.
- Organisers and coordinators withdraw a published event from the agenda.
- Organisers (any member) see registrants, message them, export the list, mark attendance.
"""

from django.db.models import Q, QuerySet

from essaim.accounts import permissions as org_permissions
from essaim.accounts.models import Organisation

MODERATE_PERMISSION = "agenda.moderate_event"


def _signed_in(user) -> bool:
    return bool(user and user.is_authenticated and user.is_active)


def is_operator(user) -> bool:
    return _signed_in(user) and (user.is_superuser or user.has_perm(MODERATE_PERMISSION))


def can_organise_for(user, organisation) -> bool:
    """Creates, edits and submits events in the name of `organisation` (any member)."""
    return is_operator(user) or org_permissions.is_member(user, organisation)


def organisations_for_events(user) -> QuerySet:
    """The organisations in whose name `user` may create events (choices of a form)."""
    if is_operator(user):
        return Organisation.objects.all()
    return org_permissions.organisations_of(user)


def can_coordinate(user, programme) -> bool:
    """Moderates the programme's queue, edits and features its events, sees its figures."""
    if programme is None:
        return False
    return is_operator(user) or org_permissions.can_edit_for(user, programme.coordinator)


def can_archive_programme(user, programme) -> bool:
    """Archives the programme (« Archiver »): its coordinators."""
    return can_coordinate(user, programme)


def programme_coordinator_choices(user) -> QuerySet:
    """The organisations that `user` may make a programme's coordinator: those whose editor or
    administrator they are (every organisation for operators)."""
    if not _signed_in(user):
        return Organisation.objects.none()
    if is_operator(user):
        return Organisation.objects.all()
    return org_permissions.organisations_of(user, roles=org_permissions.EDITOR_ROLES)


def can_create_programme(user) -> bool:
    """Creates a programme coordinated by one of the organisations they edit for. Editing it
    afterwards is `can_coordinate`."""
    return programme_coordinator_choices(user).exists()


def can_edit_event(user, event) -> bool:
    return can_organise_for(user, event.organiser) or can_coordinate(user, event.programme)


def can_withdraw_event(user, event) -> bool:
    """Withdraws a published event from the agenda (« Retirer de l’agenda »): its organisers
    and its programme's coordinators, as for editing it."""
    return can_edit_event(user, event)


def can_publish_directly(user, event) -> bool:
    """Publish without moderation: outside a programme, an editor of the organiser."""
    if event.programme_id is None:
        return is_operator(user) or org_permissions.can_edit_for(user, event.organiser)
    return can_coordinate(user, event.programme)


def can_manage_registrations(user, event) -> bool:
    """Sees, messages and exports the registrants, marks attendance."""
    return can_edit_event(user, event)


def events_editable_by(user, queryset) -> QuerySet:
    """`queryset` narrowed to the events `user` may edit."""
    if not _signed_in(user):
        return queryset.none()
    if is_operator(user):
        return queryset
    member_of = org_permissions.organisations_of(user).values("pk")
    coordinating = org_permissions.organisations_of(
        user, roles=org_permissions.EDITOR_ROLES
    ).values("pk")
    return queryset.filter(Q(organiser__in=member_of) | Q(programme__coordinator__in=coordinating))


def programmes_coordinated_by(user, queryset) -> QuerySet:
    if not _signed_in(user):
        return queryset.none()
    if is_operator(user):
        return queryset
    coordinating = org_permissions.organisations_of(
        user, roles=org_permissions.EDITOR_ROLES
    ).values("pk")
    return queryset.filter(coordinator__in=coordinating)

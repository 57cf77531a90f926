"""Who may do what with procedures and dossiers: every rule in one place."""

from essaim.accounts.permissions import can_edit_for, is_member, organisations_editable_by
from essaim.procedures.enums import APPLICANT_EDITABLE_STATES, Audience


def _signed_in(user) -> bool:
    return bool(user and user.is_authenticated and user.is_active)


def can_apply(user, procedure) -> bool:
    """May start a dossier: the procedure is open and the person is of its audience. A
    procedure open to everyone accepts people without an account (`user` None or anonymous:
    their draft is held by a resume link, see `guests`); the others need a signed-in account."""
    if not procedure.is_open():
        return False
    if not _signed_in(user):
        return procedure.audience == Audience.ANYONE
    if procedure.audience == Audience.AGENTS:
        return is_member(user, procedure.organisation) or user.is_superuser
    return True


def can_edit_procedure(user, procedure) -> bool:
    """Editor or administrator of the procedure's organisation."""
    return can_edit_for(user, procedure.organisation)


def can_use_builder(user) -> bool:
    """Editor or administrator of at least one organisation: may open the procedure builder."""
    return _signed_in(user) and (user.is_superuser or organisations_editable_by(user).exists())


def is_instructor(user) -> bool:
    """Holds a seat in at least one instructor group: may open the instruction pages."""
    from essaim.procedures.models import Instructor

    return _signed_in(user) and Instructor.objects.filter(user=user).exists()


def is_applicant(user, dossier) -> bool:
    return _signed_in(user) and dossier.applicant_id == user.pk


def can_edit_answers(user, dossier) -> bool:
    return is_applicant(user, dossier) and dossier.state in APPLICANT_EDITABLE_STATES


def can_instruct(user, dossier) -> bool:
    """Member of the dossier's instructor group (or a platform operator)."""
    if not _signed_in(user):
        return False
    if user.is_superuser:
        return True
    return dossier.group_id is not None and dossier.group.instructors.filter(user=user).exists()


def can_see_dossier(user, dossier) -> bool:
    return is_applicant(user, dossier) or can_instruct(user, dossier)

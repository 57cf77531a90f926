"""Instructor groups of a procedure and the agents in them (the builder's « Instructeurs » page).

A dossier goes, on submission, to the first group whose routing condition holds on its answers
(`services.route`), else to the default group: exactly one group is the default.
"""

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from essaim.accounts.models import User
from essaim.procedures.models import Instructor, InstructorGroup


def add_group(procedure, *, name: str, routing_condition=None, by) -> InstructorGroup:
    """Side effects: saves an InstructorGroup (the default one when it is the first)."""
    try:
        with transaction.atomic():
            return InstructorGroup.objects.create(
                procedure=procedure,
                name=name,
                routing_condition=routing_condition,
                position=procedure.instructor_groups.count(),
                is_default=not procedure.instructor_groups.exists(),
            )
    except IntegrityError as error:
        raise ValidationError(
            _("Un groupe porte déjà ce nom dans cette démarche : choisissez-en un autre.")
        ) from error


def update_group(group, *, name: str, routing_condition, by) -> InstructorGroup:
    group.name = name
    group.routing_condition = routing_condition
    try:
        with transaction.atomic():
            group.save(update_fields=["name", "routing_condition"])
    except IntegrityError as error:
        raise ValidationError(
            _("Un groupe porte déjà ce nom dans cette démarche : choisissez-en un autre.")
        ) from error
    return group


@transaction.atomic
def make_default(group, *, by) -> InstructorGroup:
    """Side effects: the other groups of the procedure stop being the default."""
    InstructorGroup.objects.filter(procedure_id=group.procedure_id, is_default=True).exclude(
        pk=group.pk
    ).update(is_default=False)
    group.is_default = True
    group.save(update_fields=["is_default"])
    return group


def delete_group(group, *, by) -> None:
    """Refused for the default group and for a group that holds dossiers (they would become
    invisible to every instructor). Side effects: deletes the group and its seats."""
    if group.is_default:
        raise ValidationError(
            _("C’est le groupe par défaut : choisissez d’abord un autre groupe par défaut.")
        )
    if group.dossiers.exists():
        raise ValidationError(
            _(
                "Ce groupe a des dossiers : il ne peut pas être supprimé. Retirez-en plutôt "
                "les agents."
            )
        )
    group.delete()


def add_instructor(group, *, email: str, by) -> Instructor:
    """Seat the person whose account has `email` in `group` (idempotent).

    Raises ValidationError (French) when no account has this address.
    """
    user = User.objects.filter(email__iexact=email.strip(), is_active=True).first()
    if user is None:
        raise ValidationError(
            _(
                "Aucun compte n’utilise l’adresse %(email)s : demandez à cette personne de créer "
                "son compte, puis ajoutez-la."
            )
            % {"email": email}
        )
    seat, _created = Instructor.objects.get_or_create(group=group, user=user)
    return seat


def remove_instructor(seat, *, by) -> None:
    """Side effects: deletes the seat; the person no longer sees the group's dossiers."""
    seat.delete()

"""Every operation that changes an organisation, its members or its invitations.

Callers (views, API, commands) check permissions first for a friendly answer; each service
checks them again and raises `PermissionDenied`, so no caller can forget. A rule that refuses
the operation raises `OrganisationRuleError`, whose `message` is French and says what to do.
"""

from datetime import timedelta

from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from essaim.accounts import permissions
from essaim.accounts.models import Invitation, Membership, Organisation, Role
from essaim.accounts.org_queries import admin_count
from essaim.core.emails import absolute_url, enqueue_templated_email

INVITATION_VALIDITY = timedelta(days=14)
ROLE_RANK = {Role.MEMBER: 0, Role.EDITOR: 1, Role.ADMIN: 2}
EDITABLE_FIELDS = ("name", "kind", "siret", "territory", "website", "description")


class OrganisationRuleError(Exception):
    def __init__(self, message: str, *, code: str = ""):
        super().__init__(message)
        self.message = message
        self.code = code


class InvitationUnusable(OrganisationRuleError):
    """The invitation was already used, has expired, or was sent to someone else (`code`)."""


def _duplicate_siret_error() -> OrganisationRuleError:
    return OrganisationRuleError(
        _(
            "Une organisation avec ce SIRET existe déjà sur la plateforme : vérifiez le numéro, "
            "ou demandez à ses administrateurs de vous inviter."
        )
    )


def _lock(organisation) -> Organisation:
    """Lock the organisation's row: its membership changes then run one after the other."""
    return Organisation.objects.select_for_update().get(pk=organisation.pk)


def _save_checked(organisation) -> None:
    organisation.full_clean(exclude=["slug", "search_name"])  # both are computed by save()
    try:
        with transaction.atomic():
            organisation.save()
    except IntegrityError as exc:  # the same SIRET saved by someone else meanwhile
        raise _duplicate_siret_error() from exc


def create_organisation(
    *, by, name, kind, siret="", territory=None, website="", description=""
) -> Organisation:
    """Create an organisation whose first administrator is `by`.

    Side effects: saves the organisation and an administrator membership for `by`.
    Raises `ValidationError` on invalid data (a wrong or already registered SIRET…),
    `OrganisationRuleError` if the same SIRET was registered meanwhile, `PermissionDenied` if
    `by` has no confirmed e-mail address.
    """
    if not permissions.can_create_organisation(by):
        raise PermissionDenied
    organisation = Organisation(
        name=name,
        kind=kind,
        siret=siret,
        territory=territory,
        website=website,
        description=description,
    )
    with transaction.atomic():
        _save_checked(organisation)
        Membership.objects.create(user=by, organisation=organisation, role=Role.ADMIN)
    return organisation


def update_organisation(*, organisation, by, **fields) -> Organisation:
    """Change some of `EDITABLE_FIELDS` of `organisation` (its address, the slug, stays).

    Side effects: saves the organisation.
    Raises `ValidationError`, `OrganisationRuleError` (SIRET registered meanwhile) or
    `PermissionDenied` (`by` is not an administrator).
    """
    if not permissions.can_manage_organisation(by, organisation):
        raise PermissionDenied
    unknown = set(fields) - set(EDITABLE_FIELDS)
    if unknown:
        raise TypeError(f"Not editable: {', '.join(sorted(unknown))}")
    for field, value in fields.items():
        setattr(organisation, field, value)
    with transaction.atomic():
        _save_checked(organisation)
    return organisation


def invite_member(*, organisation, email, role, by) -> tuple[Invitation, bool]:
    """Invite `email` to join `organisation` with `role`; returns (invitation, created).

    Inviting an address that already has a pending (or expired) invitation updates its role,
    gives it a new validity period and sends it again: never two invitations for one address.
    Side effects: saves the invitation; once committed, e-mails the invitation link.
    Raises `OrganisationRuleError` if the address is already a member's, `PermissionDenied`
    if `by` is not an administrator.
    """
    if not permissions.can_manage_organisation(by, organisation):
        raise PermissionDenied
    email = email.strip().lower()
    role = Role(role)
    if Membership.objects.filter(organisation=organisation, user__email__iexact=email).exists():
        raise OrganisationRuleError(
            _(
                "%(email)s est déjà membre de l’organisation : pour changer son rôle, "
                "utilisez la liste des membres."
            )
            % {"email": email}
        )
    expires_at = timezone.now() + INVITATION_VALIDITY
    with transaction.atomic():
        _lock(organisation)
        invitation = (
            Invitation.objects.select_for_update()
            .filter(organisation=organisation, email__iexact=email, accepted_at__isnull=True)
            .first()
        )
        created = invitation is None
        if created:
            invitation = Invitation(organisation=organisation, email=email)
        invitation.role = role
        invitation.invited_by = by
        invitation.expires_at = expires_at
        invitation.save()
        _send_invitation(invitation)
    return invitation, created


def _send_invitation(invitation) -> None:
    organisation = invitation.organisation
    enqueue_templated_email(
        to=invitation.email,
        template_prefix="accounts/organisations/emails/invitation",
        context={
            "organisation_name": organisation.name,
            "inviter_name": invitation.invited_by.display_name if invitation.invited_by else "",
            "role_label": str(Role(invitation.role).label),
            "accept_url": absolute_url(
                reverse("organisations:invitation", args=[invitation.token])
            ),
            "expires_on": formats.date_format(
                timezone.localtime(invitation.expires_at), "DATE_FORMAT"
            ),
        },
    )


def check_invitation(*, invitation, user=None) -> None:
    """Raise `InvitationUnusable` with the reason if `invitation` cannot be accepted (by `user`).

    Without `user`, only checks that the invitation is neither used nor expired.
    """
    if invitation.accepted_at is not None:
        raise InvitationUnusable(
            _(
                "Cette invitation a déjà été utilisée. Si vous l’avez acceptée, "
                "connectez-vous pour retrouver l’organisation dans votre espace."
            ),
            code="used",
        )
    if invitation.expires_at <= timezone.now():
        raise InvitationUnusable(
            _(
                "Cette invitation a expiré. Demandez à un administrateur de l’organisation "
                "de vous inviter à nouveau."
            ),
            code="expired",
        )
    if user is not None and user.email.lower() != invitation.email.lower():
        raise InvitationUnusable(
            _(
                "Cette invitation a été envoyée à %(invited)s, mais vous êtes connecté avec "
                "%(current)s. Déconnectez-vous, puis connectez-vous avec l’adresse invitée."
            )
            % {"invited": invitation.email, "current": user.email},
            code="wrong_user",
        )


def accept_invitation(*, invitation, user) -> Membership:
    """`user` joins the organisation with the invitation's role.

    A person who is already a member keeps their role, unless the invitation gives a higher one.
    Side effects: saves or upgrades a membership, marks the invitation as used.
    Raises `InvitationUnusable` (used, expired, or addressed to another e-mail address).
    """
    with transaction.atomic():
        invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
        check_invitation(invitation=invitation, user=user)
        membership, created = Membership.objects.get_or_create(
            user=user,
            organisation_id=invitation.organisation_id,
            defaults={"role": invitation.role},
        )
        if not created and ROLE_RANK[invitation.role] > ROLE_RANK[membership.role]:
            membership.role = invitation.role
            membership.save(update_fields=["role"])
        invitation.accepted_at = timezone.now()
        invitation.save(update_fields=["accepted_at"])
    return membership


def cancel_invitation(*, invitation, by) -> None:
    """Withdraw a pending invitation: its link stops working.

    Side effects: deletes the invitation.
    """
    if not permissions.can_manage_organisation(by, invitation.organisation):
        raise PermissionDenied
    Invitation.objects.filter(pk=invitation.pk, accepted_at__isnull=True).delete()


def _last_admin_error(*, membership, by) -> OrganisationRuleError:
    if membership.user_id == by.pk:
        return OrganisationRuleError(
            _(
                "Vous êtes le seul administrateur de l’organisation : nommez d’abord un autre "
                "administrateur dans la liste des membres."
            )
        )
    return OrganisationRuleError(
        _(
            "%(name)s est le seul administrateur de l’organisation : nommez d’abord un autre "
            "administrateur."
        )
        % {"name": membership.user.display_name}
    )


def _locked_membership(membership) -> Membership:
    _lock(membership.organisation)
    current = (
        Membership.objects.select_for_update()
        .select_related("user", "organisation")
        .filter(pk=membership.pk)
        .first()
    )
    if current is None:
        raise OrganisationRuleError(_("Cette personne ne fait déjà plus partie de l’organisation."))
    return current


def _require_manager(by, organisation, *, unless_self=None) -> None:
    if unless_self is not None and unless_self.user_id == by.pk:
        return
    if not permissions.can_manage_organisation(by, organisation):
        raise PermissionDenied


def change_role(*, membership, role, by) -> Membership:
    """Give `membership` the role `role`, unless that leaves the organisation without admin.

    Side effects: saves the membership.
    Raises `OrganisationRuleError` (last administrator), `PermissionDenied` (`by` is not an
    administrator).
    """
    _require_manager(by, membership.organisation)
    role = Role(role)
    with transaction.atomic():
        membership = _locked_membership(membership)
        # Checked again under the lock: another administrator may just have demoted `by`.
        _require_manager(by, membership.organisation)
        if (
            membership.role == Role.ADMIN
            and role != Role.ADMIN
            and admin_count(membership.organisation) <= 1
        ):
            raise _last_admin_error(membership=membership, by=by)
        membership.role = role
        membership.save(update_fields=["role"])
    return membership


def remove_member(*, membership, by) -> None:
    """Remove `membership` (an administrator removes anyone; anyone may remove themselves).

    Side effects: deletes the membership.
    Raises `OrganisationRuleError` (last administrator), `PermissionDenied`.
    """
    _require_manager(by, membership.organisation, unless_self=membership)
    with transaction.atomic():
        membership = _locked_membership(membership)
        _require_manager(by, membership.organisation, unless_self=membership)
        if membership.role == Role.ADMIN and admin_count(membership.organisation) <= 1:
            raise _last_admin_error(membership=membership, by=by)
        membership.delete()

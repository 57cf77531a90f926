"""Who may do what with an organisation: every rule of the platform about roles, in one place.

Other apps import these functions (never query `Membership` themselves) so that a rule changes
in one place. Each function accepts an anonymous user and answers False for it.

Roles, from least to most: member (membre) < editor (éditeur) < admin (administrateur).
Superusers (the platform's operators) pass every organisation rule.
"""

from django.db.models import QuerySet

from essaim.accounts.models import (
    Membership,
    OIDCIdentity,
    OIDCProvider,
    Organisation,
    OrganisationKind,
    Role,
)

EDITOR_ROLES = frozenset({Role.EDITOR, Role.ADMIN})
ADMIN_ROLES = frozenset({Role.ADMIN})
# Organisations whose members are public agents (associations and companies are not).
PUBLIC_ORGANISATION_KINDS = frozenset(
    {
        OrganisationKind.CENTRAL,
        OrganisationKind.DECENTRALISED,
        OrganisationKind.LOCAL_AUTHORITY,
        OrganisationKind.PUBLIC_BODY,
        OrganisationKind.OPERATOR,
        OrganisationKind.LAB,
    }
)


def _signed_in(user) -> bool:
    return bool(user and user.is_authenticated and user.is_active)


def role_in(user, organisation) -> str | None:
    """`user`'s role in `organisation` (a `Role` value), or None if not a member."""
    if not _signed_in(user) or organisation is None:
        return None
    return (
        Membership.objects.filter(user=user, organisation=organisation)
        .values_list("role", flat=True)
        .first()
    )


def is_member(user, organisation) -> bool:
    """Any role in `organisation`: sees its members list."""
    return role_in(user, organisation) is not None


def can_edit_for(user, organisation) -> bool:
    """Editor or administrator: publishes content (initiatives, events…) for `organisation`."""
    if _signed_in(user) and user.is_superuser:
        return True
    return role_in(user, organisation) in EDITOR_ROLES


def can_manage_organisation(user, organisation) -> bool:
    """Administrator: edits the organisation, invites, changes roles and removes members."""
    if _signed_in(user) and user.is_superuser:
        return True
    return role_in(user, organisation) in ADMIN_ROLES


def can_see_members(user, organisation) -> bool:
    return is_member(user, organisation) or (_signed_in(user) and user.is_superuser)


def can_create_organisation(user) -> bool:
    """A signed-in person whose e-mail address is confirmed."""
    return _signed_in(user) and user.email_confirmed


def organisations_of(user, *, roles=None) -> QuerySet:
    """The organisations `user` belongs to, optionally only with one of `roles`."""
    if not _signed_in(user):
        return Organisation.objects.none()
    memberships = Membership.objects.filter(user=user)
    if roles is not None:
        memberships = memberships.filter(role__in=list(roles))
    return Organisation.objects.filter(pk__in=memberships.values("organisation_id"))


def is_public_agent(user) -> bool:
    """A public agent: signed in through the agents' provider (ProConnect), or a member of a
    public organisation (administration, local authority, public body, operator, lab).
    Superusers pass."""
    if not _signed_in(user):
        return False
    if user.is_superuser:
        return True
    if OIDCIdentity.objects.filter(user=user, provider=OIDCProvider.AGENT).exists():
        return True
    return organisations_of(user).filter(kind__in=PUBLIC_ORGANISATION_KINDS).exists()


def organisations_editable_by(user) -> QuerySet:
    """Where `user` may publish (editor or administrator): e.g. the choices of a "carrier"."""
    if _signed_in(user) and user.is_superuser:
        return Organisation.objects.all()
    return organisations_of(user, roles=EDITOR_ROLES)


def organisations_managed_by(user) -> QuerySet:
    """Where `user` is an administrator."""
    if _signed_in(user) and user.is_superuser:
        return Organisation.objects.all()
    return organisations_of(user, roles=ADMIN_ROLES)

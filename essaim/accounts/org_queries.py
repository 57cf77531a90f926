"""Read-only queries about organisations, shared by views, the API and other apps."""

from django.db.models import Q, QuerySet
from django.utils import timezone

from essaim.accounts.models import Invitation, Membership, Organisation, Role
from essaim.core.text import fold


def search_organisations(*, text: str = "", kind: str = "") -> QuerySet:
    """Organisations whose name contains every word of `text` (accents and case ignored)."""
    organisations = Organisation.objects.select_related("territory")
    for word in fold(text).split():
        organisations = organisations.filter(search_name__contains=word)
    if kind:
        organisations = organisations.filter(kind=kind)
    return organisations.order_by("search_name", "pk")


def memberships_of(organisation) -> QuerySet:
    """The members of `organisation`, administrators first, then by name."""
    return (
        Membership.objects.filter(organisation=organisation)
        .select_related("user")
        .order_by(
            # Admin, editor, member: the alphabetical order of the role values.
            "role",
            "user__last_name",
            "user__first_name",
            "user__email",
        )
    )


def admin_count(organisation) -> int:
    return Membership.objects.filter(organisation=organisation, role=Role.ADMIN).count()


def pending_invitations(organisation) -> QuerySet:
    """Invitations not accepted yet (expired ones included: they can be sent again)."""
    return Invitation.objects.filter(organisation=organisation, accepted_at__isnull=True).order_by(
        "email"
    )


def pending_invitation_for(*, organisation, email: str):
    return Invitation.objects.filter(
        organisation=organisation, email__iexact=email, accepted_at__isnull=True
    ).first()


def live_invitations_for(email: str) -> QuerySet:
    """Pending, unexpired invitations addressed to `email` (e.g. to show in "Mon espace")."""
    return Invitation.objects.filter(
        Q(email__iexact=email), accepted_at__isnull=True, expires_at__gt=timezone.now()
    ).select_related("organisation")

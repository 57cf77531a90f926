"""Who may see and change a synthesis (the organisation's roles, see accounts.permissions).

- see: anyone once it is published; before, the members of its organisation;
- coordinate (run, correct, publish, export the contributions): its organisation's editors and
  administrators, and the platform's operators;
- start one from a file: an editor or administrator of some organisation;
- start one on a consultation: the consultation's organisers (its moderators).
"""

from essaim.accounts.permissions import (
    can_edit_for,
    is_member,
    organisations_editable_by,
)
from essaim.participation.permissions import can_moderate
from essaim.synthesis.enums import Publication


def _signed_in(user) -> bool:
    return bool(user and user.is_authenticated and user.is_active)


def can_view(user, synthesis) -> bool:
    if synthesis.publication == Publication.PUBLISHED:
        return True
    if _signed_in(user) and user.is_superuser:
        return True
    return is_member(user, synthesis.organisation)


def can_coordinate(user, synthesis) -> bool:
    return can_edit_for(user, synthesis.organisation)


def can_create(user) -> bool:
    return _signed_in(user) and organisations_editable_by(user).exists()


def can_synthesise_campaign(user, campaign) -> bool:
    return bool(can_moderate(user, campaign))


def owner_for_campaign(user, campaign):
    """The organisation that owns a synthesis of `campaign` started by `user`."""
    organisations = list(campaign.organisations.all())
    for organisation in organisations:
        if can_edit_for(user, organisation):
            return organisation
    return organisations[0] if organisations else None

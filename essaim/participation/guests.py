"""Proposing without an account, in a campaign open to all (`Audience.OPEN`).

The visitor writes their proposal (the same `ProposalForm`) and gives an e-mail address. The
proposal is kept as a draft of a passwordless account found or created for that address (an
existing account is only its draft's author: nobody is signed in), and a signed link, valid
`LINK_VALIDITY`, is e-mailed there. Opening it and confirming (a button, as for the agenda's
registrations without an account, so that a mail client fetching links publishes nothing)
confirms the address and publishes the draft, if submissions are still open. The same link
then lets its holder correct the proposal within the campaign's editing window, as a signed-in
author could (`edit_guest_proposal`).

The link is signed like the Démarches' guest links (`procedures.guests`): Django's
`TimestampSigner` with a salt of its own, nothing secret stored. It names the proposal and a
digest of the address it was sent to, so it stops working if the account changes address.
Guests publish without their name (`Proposal.anonymous`): the account may have none, and its
address must never show.

A proposal nobody confirmed is deleted `settings.PARTICIPATION_GUEST_PURGE_DAYS` days after it
was written, with the account made for it if that account holds nothing else
(`purge_unconfirmed`, run daily by cron through `essaim purge_guest_proposals`).
"""

import datetime
import logging

from django.conf import settings
from django.contrib.auth.hashers import UNUSABLE_PASSWORD_PREFIX
from django.contrib.auth.models import AnonymousUser
from django.core import signing
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.crypto import constant_time_compare, salted_hmac
from django.utils.translation import gettext as _

from essaim.accounts.models import User
from essaim.accounts.services import mark_email_confirmed, normalise_email
from essaim.core.emails import absolute_url, enqueue_templated_email
from essaim.participation import permissions, services
from essaim.participation.enums import PhaseKind, ProposalState
from essaim.participation.models import Campaign, Proposal

logger = logging.getLogger(__name__)
SALT = "essaim.participation.guest-proposal"
LINK_VALIDITY = datetime.timedelta(hours=24)
# Unconfirmed proposals one address may have in a campaign within LINK_VALIDITY: beyond, the
# page asks to open the links already received (nobody can flood an address with e-mails).
PENDING_LIMIT = 5


class InvalidGuestLink(Exception):
    """The link was altered or names nothing any more; `str(error)` says so in French."""


class ExpiredGuestLink(InvalidGuestLink):
    """The link is genuine but older than `LINK_VALIDITY`."""


def _address_digest(email: str) -> str:
    return salted_hmac(SALT, normalise_email(email)).hexdigest()[:20]


def link_token(proposal: Proposal) -> str:
    data = {"p": proposal.pk, "e": _address_digest(proposal.author.email)}
    return signing.TimestampSigner(salt=SALT).sign_object(data)


def link_url(proposal: Proposal) -> str:
    return absolute_url(
        reverse("participation:guest_confirm", args=[proposal.campaign.slug, link_token(proposal)])
    )


def read_link(token: str, *, campaign: Campaign) -> Proposal:
    """The proposal a genuine, unexpired link of `campaign` names.

    Raises ExpiredGuestLink or InvalidGuestLink (with the French sentence to show).
    """
    signer = signing.TimestampSigner(salt=SALT)
    try:
        data = signer.unsign_object(token, max_age=LINK_VALIDITY)
    except signing.SignatureExpired as error:
        raise ExpiredGuestLink(
            _(
                "Ce lien a expiré : il n’est valable que 24 heures. Votre proposition n’a pas "
                "été publiée ; vous pouvez la déposer à nouveau."
            )
        ) from error
    except (signing.BadSignature, ValueError) as error:
        raise InvalidGuestLink(_invalid_reason()) from error
    if not isinstance(data, dict):
        raise InvalidGuestLink(_invalid_reason())
    proposal = (
        Proposal.objects.select_related("author")
        .filter(pk=data.get("p"), campaign=campaign)
        .first()
    )
    if proposal is None or not constant_time_compare(
        _address_digest(proposal.author.email), str(data.get("e", ""))
    ):
        raise InvalidGuestLink(_invalid_reason())
    proposal.campaign = campaign
    return proposal


def _invalid_reason() -> str:
    return _(
        "Ce lien n’est pas valide : vérifiez qu’il est complet, tel qu’il figure dans le "
        "courriel reçu. Votre proposition n’a pas été publiée."
    )


def _author_for(email: str) -> User:
    """The account that uses `email`, or a new one without a password (it cannot sign in
    until its owner sets one through « mot de passe oublié »)."""
    email = normalise_email(email)
    user = User.objects.filter(email__iexact=email).first()
    if user is not None:
        return user
    try:
        with transaction.atomic():
            user = User(email=email)
            user.set_unusable_password()
            user.save()
    except IntegrityError:  # the same address, at the same moment
        user = User.objects.get(email__iexact=email)
    return user


@transaction.atomic
def propose_as_guest(*, campaign: Campaign, email: str, data: dict) -> Proposal | None:
    """Keep a visitor's proposal as a draft and e-mail them the link that publishes it.

    `data` is `ProposalForm.proposal_data()`; the proposal is published without a name and
    without an attachment. Returns the draft, or None when the address belongs to a closed
    account (then nothing is saved nor sent; the page says the same as otherwise, so that
    nobody learns which addresses have an account).
    Side effects: may create a User without a password; saves a draft Proposal (`services.
    save_proposal`); on commit, e-mails the signed link to `email`.
    Raises permissions.Refused when the campaign is not open to all, submissions are closed,
    or `PENDING_LIMIT` proposals of this address already wait for their confirmation.
    """
    permissions.can_propose_without_account(AnonymousUser(), campaign).check()
    author = _author_for(email)
    if not author.is_active or author.anonymised_at is not None:
        return None
    pending = Proposal.objects.filter(
        campaign=campaign,
        author=author,
        state=ProposalState.DRAFT,
        created_at__gt=timezone.now() - LINK_VALIDITY,
    )
    if pending.count() >= PENDING_LIMIT:
        raise permissions.Refused(
            _(
                "Plusieurs propositions attendent déjà d’être confirmées avec cette adresse : "
                "ouvrez les liens reçus par courriel avant d’en déposer d’autres."
            )
        )
    data = {**data, "anonymous": True}
    data.pop("attachment", None)
    proposal = services.save_proposal(campaign=campaign, author=author, data=data, publish=False)
    enqueue_templated_email(
        to=author.email,
        template_prefix="participation/emails/guest_proposal",
        context={
            "title": proposal.title,
            "campaign": campaign.title,
            "url": link_url(proposal),
            "hours": int(LINK_VALIDITY.total_seconds() // 3600),
            "minutes": campaign.edit_window_minutes,
        },
    )
    return proposal


@transaction.atomic
def confirm_guest_proposal(proposal: Proposal) -> tuple[Proposal, bool]:
    """The visitor followed their link and confirmed: their address is confirmed and the draft
    published. Returns (proposal, newly published); a second use changes nothing.

    Side effects: sets the author's `email_confirmed_at`; publishes the draft
    (`services.publish_draft`: state, follow, notice).
    Raises permissions.Refused when submissions have closed in the meantime (the draft stays
    a draft).
    """
    campaign = proposal.campaign
    proposal = Proposal.objects.select_for_update().select_related("author").get(pk=proposal.pk)
    proposal.campaign = campaign
    mark_email_confirmed(user=proposal.author)
    if proposal.state != ProposalState.DRAFT:
        return proposal, False
    if not permissions.phase_open(campaign, PhaseKind.SUBMISSION):
        raise permissions.Refused(
            _(
                "Votre adresse est confirmée, mais le dépôt des propositions est clos : votre "
                "proposition ne peut plus être publiée."
            )
        )
    return services.publish_draft(proposal), True


def can_edit(proposal: Proposal) -> permissions.Verdict:
    """Whether the holder of a genuine link (`read_link`) may correct the proposal: the link
    proves they are its author, so the signed-in author's rule applies
    (`permissions.can_edit_proposal`: the campaign's editing window after publication)."""
    return permissions.can_edit_proposal(proposal.author, proposal)


def edit_guest_proposal(proposal: Proposal, *, data: dict) -> Proposal:
    """The guest corrects their proposal through their link, under `can_edit`; it stays
    without a name and without an attachment. `data` is `ProposalForm.proposal_data()`.

    Side effects: saves the Proposal (`services.save_proposal`, which checks the rules again).
    Raises permissions.Refused when the editing window or the submissions have closed.
    """
    can_edit(proposal).check()
    data = {**data, "anonymous": True}
    data.pop("attachment", None)
    return services.save_proposal(
        campaign=proposal.campaign,
        author=proposal.author,
        data=data,
        proposal=proposal,
        publish=False,
    )


def kept_for() -> datetime.timedelta:
    """How long an unconfirmed proposal waits: the setting, never less than its link's life."""
    return max(datetime.timedelta(days=settings.PARTICIPATION_GUEST_PURGE_DAYS), LINK_VALIDITY)


def _guest_accounts():
    """Accounts only ever used through guest links (`_author_for`): no password, never signed
    in, not anonymised. All their drafts were written without an account."""
    return User.objects.filter(
        password__startswith=UNUSABLE_PASSWORD_PREFIX,
        last_login__isnull=True,
        anonymised_at__isnull=True,
    )


def purge_unconfirmed(*, now=None) -> tuple[int, int]:
    """Delete the guests' proposals left unconfirmed for `kept_for()`, then the accounts made
    for them that never confirmed their address and hold no proposal any more.

    Returns (proposals deleted, accounts deleted). Safe to run twice; never logs personal data.
    Side effects: deletes draft Proposals (with their similarity terms) and Users.
    """
    limit = (now or timezone.now()) - kept_for()
    drafts = Proposal.objects.filter(
        state=ProposalState.DRAFT, created_at__lt=limit, author__in=_guest_accounts()
    )
    proposals = _delete_in_batches(drafts)
    unused = _guest_accounts().filter(
        email_confirmed_at__isnull=True, date_joined__lt=limit, proposals__isnull=True
    )
    accounts = _delete_in_batches(unused)
    logger.info("participation.guests.purged", extra={"proposals": proposals, "accounts": accounts})
    return proposals, accounts


def _delete_in_batches(queryset, size: int = 500) -> int:
    """Delete `queryset`'s rows by batches of `size`, each checked again against `queryset`
    when it goes (a guest may propose again meanwhile). Returns the rows of its model deleted."""
    label = queryset.model._meta.label
    ids = list(queryset.values_list("pk", flat=True))
    count = 0
    for start in range(0, len(ids), size):
        with transaction.atomic():
            deleted = queryset.filter(pk__in=ids[start : start + size]).delete()[1]
        count += deleted.get(label, 0)
    return count

"""Who may do what in a consultation: every rule in one place, each with a French reason.

Functions take the user (possibly anonymous) and answer a `Verdict`: truthy when allowed,
with the French sentence to show otherwise. Services raise `Refused(verdict.reason)`.

What each dated phase of a campaign controls (all of it here):
- dépôt des propositions: writing a proposal (`can_propose`, `can_propose_without_account`);
- soutiens: supporting (`can_support`; during the dépôt when the campaign has no such phase);
- dépôt, soutiens or sélection: commenting (`can_comment`);
- sélection: the jury's scoring (`can_score`; at any time when the campaign has no such phase).
  Declaring a conflict of interest is always possible (best done before scoring opens), and
  the public answers are not tied to a phase: they are given during the selection and the
  restitution alike;
- ateliers, restitution: shown in the calendar; they allow or refuse nothing.
"""

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from essaim.accounts.permissions import (
    can_edit_for,
    organisations_editable_by,
    organisations_of,
)
from essaim.participation.enums import Audience, PhaseKind


class Refused(PermissionDenied):
    """A rule refused the action; `str(error)` is the French sentence for the user."""


@dataclass(frozen=True)
class Verdict:
    allowed: bool
    reason: str = ""

    def __bool__(self):
        return self.allowed

    def check(self) -> None:
        if not self.allowed:
            raise Refused(self.reason)


ALLOWED = Verdict(True)


def _signed_in(user) -> bool:
    return bool(user and user.is_authenticated and user.is_active)


def in_audience(user, campaign) -> Verdict:
    """The campaign's audience rule: open, signed-in people, or agents of given organisations
    (a membership of one of them, or an e-mail address at one of the admitted domains)."""
    if campaign.audience == Audience.OPEN:
        return ALLOWED if _signed_in(user) else Verdict(False, _open_sign_in_reason())
    if not _signed_in(user):
        return Verdict(False, _sign_in_reason())
    if campaign.audience == Audience.CITIZENS or user.is_superuser:
        return ALLOWED
    domain = user.email.rsplit("@", 1)[-1].lower()
    if domain in campaign.email_domains:
        return ALLOWED
    allowed_orgs = campaign.audience_organisations.values("pk")
    if organisations_of(user).filter(pk__in=allowed_orgs).exists():
        return ALLOWED
    return Verdict(
        False,
        _(
            "Cette consultation est réservée aux agents des organisations qui l’organisent. "
            "Connectez-vous avec votre adresse professionnelle ou demandez à rejoindre "
            "votre organisation sur la plateforme."
        ),
    )


def _sign_in_reason() -> str:
    return _("Connectez-vous pour participer à cette consultation.")


def _open_sign_in_reason() -> str:
    return _(
        "Connectez-vous pour soutenir ou commenter. Sans compte, vous pouvez seulement "
        "déposer une proposition : elle est publiée quand vous confirmez votre adresse."
    )


def can_propose_without_account(user, campaign, *, at=None) -> Verdict:
    """A visitor who is not signed in writes a proposal and gives their e-mail address
    (`guests`): only in a campaign open to all, while submissions are open. Supporting and
    commenting still need an account; a signed-in person proposes through `can_propose`."""
    if _signed_in(user) or campaign.audience != Audience.OPEN:
        return Verdict(False, _sign_in_reason())
    return phase_open(campaign, PhaseKind.SUBMISSION, at=at)


def phase_open(campaign, *kinds, at=None) -> Verdict:
    """One of the phases `kinds` of `campaign` is open at `at` (now by default)."""
    at = at or timezone.now()
    for phase in campaign.phases.all():
        if phase.kind in kinds and phase.is_open(at):
            return ALLOWED
    labels = ", ".join(str(PhaseKind(k).label).lower() for k in kinds)
    return Verdict(
        False,
        _("Ce n’est pas possible en ce moment : la phase « %(phases)s » n’est pas ouverte.")
        % {"phases": labels},
    )


def support_phases(campaign) -> tuple[str, ...]:
    """Supports are taken in the support phase, or during submission if there is none."""
    kinds = {phase.kind for phase in campaign.phases.all()}
    return (PhaseKind.SUPPORT,) if PhaseKind.SUPPORT in kinds else (PhaseKind.SUBMISSION,)


def _both(first: Verdict, second_factory) -> Verdict:
    return first if not first else second_factory()


def can_propose(user, campaign, *, at=None) -> Verdict:
    """Write a proposal: in the audience, while submissions are open."""
    return _both(
        in_audience(user, campaign), lambda: phase_open(campaign, PhaseKind.SUBMISSION, at=at)
    )


def can_start_proposal(user, campaign, *, at=None) -> Verdict:
    """Whether the « Faire une proposition » button leads somewhere: `can_propose`, or for a
    visitor who is not signed in in a campaign open to all, `can_propose_without_account`."""
    if not _signed_in(user) and campaign.audience == Audience.OPEN:
        return can_propose_without_account(user, campaign, at=at)
    return can_propose(user, campaign, at=at)


def can_support(user, proposal, *, at=None) -> Verdict:
    campaign = proposal.campaign
    return _both(
        in_audience(user, campaign),
        lambda: phase_open(campaign, *support_phases(campaign), at=at),
    )


def can_comment(user, proposal, *, at=None) -> Verdict:
    campaign = proposal.campaign
    return _both(
        in_audience(user, campaign),
        lambda: phase_open(
            campaign, PhaseKind.SUBMISSION, PhaseKind.SUPPORT, PhaseKind.SELECTION, at=at
        ),
    )


def can_edit_proposal(user, proposal, *, at=None) -> Verdict:
    """The author, on a draft, or within the campaign's editing window after publication."""
    if not _signed_in(user) or proposal.author_id != user.pk:
        return Verdict(False, _("Seul l’auteur ou l’autrice peut modifier cette proposition."))
    if proposal.state == "draft":
        return ALLOWED
    at = at or timezone.now()
    deadline = edit_deadline(proposal)
    if proposal.state != "published" or deadline is None or at > deadline:
        return Verdict(
            False,
            _("Le délai de modification (%(minutes)s minutes après la publication) est passé.")
            % {"minutes": proposal.campaign.edit_window_minutes},
        )
    return ALLOWED


def edit_deadline(proposal):
    """When the author's editing window closes: the campaign's `edit_window_minutes` after
    publication (None before publication)."""
    if not proposal.published_at:
        return None
    return proposal.published_at + timezone.timedelta(minutes=proposal.campaign.edit_window_minutes)


def can_moderate(user, campaign) -> Verdict:
    """Editors and administrators of an organising organisation, and the platform's operators."""
    if _signed_in(user) and (
        user.is_superuser or any(can_edit_for(user, org) for org in campaign.organisations.all())
    ):
        return ALLOWED
    return Verdict(False, _("Seuls les modérateurs de cette consultation peuvent faire cela."))


def can_create_campaign(user) -> Verdict:
    """Open a new consultation: editors and administrators of at least one organisation (it
    runs the consultation), and the platform's operators. Once created, the campaign is set up
    by the people who moderate it (`can_moderate`)."""
    if _signed_in(user) and organisations_editable_by(user).exists():
        return ALLOWED
    return Verdict(
        False,
        _(
            "Pour organiser une consultation, il faut être éditeur ou administrateur d’une "
            "organisation. Demandez à un administrateur de votre organisation de vous donner "
            "ce rôle."
        ),
    )


def juror_seat(user, campaign):
    """The `JuryMember` of `user` in `campaign`, or None."""
    if not _signed_in(user):
        return None
    return campaign.jurors.filter(user=user).first()


def can_judge(user, campaign) -> Verdict:
    if juror_seat(user, campaign) is not None:
        return ALLOWED
    return Verdict(False, _("Seuls les membres du jury de cette consultation peuvent noter."))


def selection_phase(campaign):
    """The campaign's « sélection » phase, or None (read from its prefetched phases)."""
    return next((p for p in campaign.phases.all() if p.kind == PhaseKind.SELECTION), None)


def _when(moment) -> str:
    return formats.date_format(timezone.localtime(moment), "j F Y à H:i")


def scoring_open(campaign, *, at=None) -> Verdict:
    """The jury scores while the campaign's « sélection » phase is open; a campaign without
    such a phase leaves scoring open to its jury at any time."""
    phase = selection_phase(campaign)
    if phase is None:
        return ALLOWED
    status = phase.status(at)
    if status == "open":
        return ALLOWED
    labels = {
        "phase": PhaseKind.SELECTION.label,
        "start": _when(phase.starts_at),
        "end": _when(phase.ends_at),
    }
    if status == "upcoming":
        return Verdict(
            False,
            _(
                "La notation du jury n’est pas encore ouverte : elle ouvre le %(start)s, avec "
                "la phase « %(phase)s », et se ferme le %(end)s."
            )
            % labels,
        )
    return Verdict(
        False,
        _("La notation du jury est close : la phase « %(phase)s » s’est terminée le %(end)s.")
        % labels,
    )


def can_score(user, campaign, *, at=None) -> Verdict:
    """A member of the jury, while scoring is open (`scoring_open`)."""
    return _both(can_judge(user, campaign), lambda: scoring_open(campaign, at=at))

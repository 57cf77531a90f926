"""Who hears about what: follows and the e-mails of a consultation.

Authors follow their proposal on publication (immediate e-mails); anyone may follow a campaign
or a proposal with a frequency (none, immediate, daily, weekly). Immediate notices leave as
background e-mails once the transaction commits; daily and weekly digests are the
`participation_digest` command's job (not built yet).
"""

from django.utils.translation import gettext as _

from essaim.core.emails import absolute_url, enqueue_templated_email
from essaim.participation.enums import DigestFrequency
from essaim.participation.models import Follow


def follow(*, user, campaign=None, proposal=None, immediate=False, frequency=None) -> Follow:
    """Subscribe `user` to a campaign or a proposal (idempotent). Side effects: saves a Follow."""
    frequency = frequency or (DigestFrequency.IMMEDIATE if immediate else DigestFrequency.DAILY)
    target = {"campaign": campaign} if campaign is not None else {"proposal": proposal}
    found, _created = Follow.objects.update_or_create(
        user=user, **target, defaults={"frequency": frequency}
    )
    return found


def _author_wants_now(proposal) -> bool:
    return Follow.objects.filter(
        user_id=proposal.author_id, proposal=proposal, frequency=DigestFrequency.IMMEDIATE
    ).exists()


def _send(proposal, *, subject: str, message: str, url: str) -> None:
    enqueue_templated_email(
        to=proposal.author.email,
        template_prefix="participation/emails/notice",
        context={
            "subject": subject,
            "message": message,
            "url": absolute_url(url),
            "campaign": proposal.campaign.title,
        },
    )


def proposal_supported(proposal, *, by) -> None:
    """E-mail the author that someone supports their proposal (if they chose immediate)."""
    if by.pk == proposal.author_id or not _author_wants_now(proposal):
        return
    _send(
        proposal,
        subject=_("Un nouveau soutien pour votre proposition"),
        message=_("Votre proposition « %(title)s » a reçu un nouveau soutien.")
        % {"title": proposal.title},
        url=proposal.get_absolute_url(),
    )


def proposal_answered(proposal) -> None:
    """E-mail the author the public answer to their proposal (unless they chose none)."""
    if Follow.objects.filter(
        user_id=proposal.author_id, proposal=proposal, frequency=DigestFrequency.NONE
    ).exists():
        return
    _send(
        proposal,
        subject=_("Réponse à votre proposition"),
        message=_("Votre proposition « %(title)s » a reçu une réponse : %(kind)s.")
        % {"title": proposal.title, "kind": proposal.answer.get_kind_display().lower()},
        url=proposal.get_absolute_url(),
    )


def proposal_merged(proposal, *, into) -> None:
    """E-mail the author that their proposal was merged into `into`."""
    _send(
        proposal,
        subject=_("Votre proposition a été fusionnée"),
        message=_(
            "Votre proposition « %(title)s » ressemblait à d’autres : les modérateurs l’ont "
            "fusionnée dans « %(target)s ». Elle reste lisible et vos soutiens sont repris."
        )
        % {"title": proposal.title, "target": into.title},
        url=into.get_absolute_url(),
    )

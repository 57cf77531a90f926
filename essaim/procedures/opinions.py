"""Expert opinions (avis): an instructor asks someone, by e-mail, to read a dossier and answer.

The expert needs no account: the e-mail carries a secret link (`ExpertOpinion.token`) that opens
the dossier read-only, with its documents, while the request is open (not answered, not older
than OPEN_DAYS). Once answered, the link shows only the answer.
"""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from essaim.core.emails import absolute_url, enqueue_templated_email
from essaim.procedures.models import ExpertOpinion

OPEN_DAYS = 30


def is_open(opinion, now=None) -> bool:
    """The expert may still read the dossier and answer."""
    now = now or timezone.now()
    return opinion.answered_at is None and opinion.requested_at > now - datetime.timedelta(
        days=OPEN_DAYS
    )


def open_until(opinion):
    return opinion.requested_at + datetime.timedelta(days=OPEN_DAYS)


def request_opinion(dossier, *, expert_email: str, question: str, by) -> ExpertOpinion:
    """Ask `expert_email` for an opinion on `dossier`.

    Side effects: saves an ExpertOpinion; on commit, e-mails the expert the secret link.
    Raises ValidationError (French) when the question is empty.
    """
    question = question.strip()
    if not question:
        raise ValidationError(_("Écrivez la question posée à l’expert."))
    opinion = ExpertOpinion.objects.create(
        dossier=dossier, expert_email=expert_email.strip(), question=question, requested_by=by
    )
    enqueue_templated_email(
        to=opinion.expert_email,
        template_prefix="procedures/emails/opinion_requested",
        context={
            "procedure": dossier.procedure.title,
            "number": dossier.pk,
            "question": question,
            "asked_by": by.display_name if by else "",
            "url": absolute_url(reverse("procedures:opinion", args=[opinion.token])),
            "until": open_until(opinion).strftime("%d/%m/%Y"),
        },
    )
    return opinion


def answer_opinion(opinion, *, answer: str) -> ExpertOpinion:
    """Record the expert's answer (once).

    Side effects: saves the opinion; on commit, e-mails the instructor who asked.
    Raises ValidationError (French) when the answer is empty or the request is closed.
    """
    answer = answer.strip()
    if not answer:
        raise ValidationError(_("Écrivez votre avis avant de l’envoyer."))
    with transaction.atomic():
        locked = ExpertOpinion.objects.select_for_update().get(pk=opinion.pk)
        if not is_open(locked):
            raise ValidationError(
                _(
                    "Cette demande d’avis est close : votre avis a déjà été transmis ou le délai "
                    "est passé. Contactez l’instructeur qui vous l’a demandé."
                )
            )
        locked.answer, locked.answered_at = answer, timezone.now()
        locked.save(update_fields=["answer", "answered_at"])
        asker = locked.requested_by
        if asker is not None and asker.email:
            enqueue_templated_email(
                to=asker.email,
                template_prefix="procedures/emails/opinion_answered",
                context={
                    "procedure": locked.dossier.procedure.title,
                    "number": locked.dossier.pk,
                    "expert": locked.expert_email,
                    "url": absolute_url(
                        reverse("procedures:instruction_dossier", args=[locked.dossier.public_id])
                    ),
                },
            )
    return locked

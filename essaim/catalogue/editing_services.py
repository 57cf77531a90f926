"""Operations of the editing pages: save, moderate, restore a version, manage images.

Who may do what:
- editors (role éditeur or administrateur of a carrying organisation or supporting lab) create
  initiatives (always as drafts), edit them — changes to a published initiative are live at
  once and kept in the history — restore an earlier version, and submit a draft for publication;
- operators moderate: a superuser, or a staff account given the permission
  `catalogue.moderate_initiative` ("Modérer les initiatives publiées") in the admin. They
  publish, refuse (with a note to the editors), send back to draft and archive, and may edit any
  initiative.
Every operation writes a `history.Revision`.
"""

import secrets

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import OuterRef, Q, Subquery
from django.urls import reverse
from django.utils.translation import gettext as _

from essaim.catalogue import history, services
from essaim.catalogue.history import Revision, RevisionAction
from essaim.catalogue.images import CleanImage
from essaim.catalogue.models import (
    MODERATE_PERMISSION,
    Initiative,
    InitiativeImage,
    PublicationState,
)
from essaim.core.emails import absolute_url, enqueue_templated_email

PUBLICATION_ACTIONS = [
    RevisionAction.SUBMITTED,
    RevisionAction.PUBLISHED,
    RevisionAction.REJECTED,
    RevisionAction.UNPUBLISHED,
    RevisionAction.ARCHIVED,
]


def is_operator(user) -> bool:
    """Superuser, or staff member with the `catalogue.moderate_initiative` permission."""
    if not (user and user.is_authenticated and user.is_active):
        return False
    return user.is_superuser or user.has_perm(MODERATE_PERMISSION)


def can_edit(user, initiative: Initiative) -> bool:
    return Initiative.objects.editable_by(user).filter(pk=initiative.pk).exists()


def _save_formset(formset, initiative, by) -> None:
    formset.instance = initiative
    objects = formset.save(commit=False)
    for obj in formset.deleted_objects:
        obj.delete()
    for position, obj in enumerate(objects):
        if hasattr(obj, "recorded_by_id") and obj.pk is None:
            obj.recorded_by = by
        if hasattr(obj, "position"):
            obj.position = position
        obj.save()


@transaction.atomic
def save_initiative(*, form, formsets, by) -> Initiative:
    """Save the editing form and its formsets (indicators, stage changes, links).

    A new initiative is a draft created by `by`. The current stage becomes the stage of the
    latest dated step. Side effects: saves the initiative, its themes, carriers, labs, origin,
    indicators, stage changes and links; writes a Revision (none if nothing changed).
    """
    created = form.instance.pk is None
    initiative = form.save(commit=False)
    if created:
        initiative.created_by = by
        initiative.publication_state = PublicationState.DRAFT
    initiative.origin = form.cleaned_data.get("origin_reference")
    initiative.save()
    form.save_m2m()
    for formset in formsets:
        _save_formset(formset, initiative, by)
    latest = initiative.stage_changes.order_by("-date", "-pk").first()
    if latest is not None:
        initiative.stage = latest.stage
    initiative.save()  # search document now includes themes, carriers and labs
    history.record(
        initiative, action=RevisionAction.CREATED if created else RevisionAction.EDITED, by=by
    )
    return initiative


def pending_submission(initiative: Initiative) -> Revision | None:
    """The submission awaiting a decision, if the latest publication event is one."""
    latest = initiative.revisions.filter(action__in=PUBLICATION_ACTIONS).order_by("-number").first()
    if latest and latest.action == RevisionAction.SUBMITTED:
        return latest
    return None


def moderation_queue():
    """Drafts submitted for publication and not yet decided, oldest first."""
    latest = (
        Revision.objects.filter(initiative=OuterRef("pk"), action__in=PUBLICATION_ACTIONS)
        .order_by("-number")
        .values("action")[:1]
    )
    submitted_at = (
        Revision.objects.filter(initiative=OuterRef("pk"), action=RevisionAction.SUBMITTED)
        .order_by("-number")
        .values("created_at")[:1]
    )
    return (
        Initiative.objects.filter(publication_state=PublicationState.DRAFT)
        .annotate(last_event=Subquery(latest), submitted_at=Subquery(submitted_at))
        .filter(last_event=RevisionAction.SUBMITTED)
        .order_by("submitted_at")
    )


def _operator_emails() -> list[str]:
    users = get_user_model().objects.filter(is_active=True)
    return list(
        users.filter(
            Q(is_superuser=True)
            | Q(user_permissions__codename="moderate_initiative")
            | Q(groups__permissions__codename="moderate_initiative")
        )
        .distinct()
        .values_list("email", flat=True)
    )


@transaction.atomic
def submit(initiative: Initiative, *, by) -> Revision:
    """Ask the operators to publish a draft.

    Side effects: writes a SUBMITTED Revision; e-mails every operator (on commit).
    Raises ValidationError if the initiative is not a draft or already awaits a decision.
    """
    if initiative.publication_state != PublicationState.DRAFT:
        raise ValidationError(_("Seul un brouillon peut être proposé à la publication."))
    if pending_submission(initiative):
        raise ValidationError(_("Cette initiative attend déjà la décision d’un modérateur."))
    revision = history.record(initiative, action=RevisionAction.SUBMITTED, by=by)
    recipients = _operator_emails()
    if recipients:
        enqueue_templated_email(
            to=recipients,
            template_prefix="catalogue/edit/emails/submitted",
            context={
                "title": initiative.title,
                "author": by.display_name,
                "queue_url": absolute_url(reverse("catalogue:moderation")),
            },
        )
    return revision


def _notify_editors(initiative: Initiative, *, template: str, note: str = "") -> None:
    submission = initiative.revisions.filter(action=RevisionAction.SUBMITTED).first()
    if submission and submission.author and submission.author.email:
        enqueue_templated_email(
            to=submission.author.email,
            template_prefix=f"catalogue/edit/emails/{template}",
            context={
                "title": initiative.title,
                "note": note,
                "url": absolute_url(initiative.get_absolute_url()),
            },
        )


@transaction.atomic
def moderate(initiative: Initiative, *, action: str, by, note: str = "") -> Revision:
    """An operator's decision: publish, reject (with `note`), unpublish or archive.

    Side effects: changes the publication state (except reject) through `services`; writes a
    Revision; e-mails the editor who submitted it when published or rejected.
    Raises ValidationError for a transition that is not allowed or a rejection without note.
    """
    if action == RevisionAction.PUBLISHED:
        services.publish(initiative, by=by)
        _notify_editors(initiative, template="published")
    elif action == RevisionAction.ARCHIVED:
        services.archive(initiative, by=by)
    elif action == RevisionAction.UNPUBLISHED:
        services.unpublish(initiative, by=by)
    elif action == RevisionAction.REJECTED:
        if not pending_submission(initiative):
            raise ValidationError(_("Cette initiative n’attend pas de décision."))
        if not note.strip():
            raise ValidationError(_("Expliquez aux éditeurs ce qu’il faut changer."))
        _notify_editors(initiative, template="rejected", note=note)
    else:
        raise ValidationError(_("Action de modération inconnue."))
    return history.record(initiative, action=action, by=by, note=note)


@transaction.atomic
def revert(initiative: Initiative, *, revision: Revision, by) -> Revision:
    """Put back the content of `revision` (its publication state stays as it is now).

    Side effects: saves the initiative and replaces its related rows (see
    `history.apply_snapshot`); writes a REVERTED Revision.
    """
    if revision.initiative_id != initiative.pk:
        raise ValidationError(_("Cette version appartient à une autre initiative."))
    history.apply_snapshot(initiative, revision.snapshot)
    return history.record(
        initiative,
        action=RevisionAction.REVERTED,
        by=by,
        note=_("Version %(number)s restaurée.") % {"number": revision.number},
    )


@transaction.atomic
def add_image(
    initiative: Initiative, *, image: CleanImage, alt_text: str, caption: str, by
) -> InitiativeImage:
    """Store a cleaned image (see `images.clean_image`) with its alternative text.

    Side effects: writes the file to the default storage; creates an InitiativeImage;
    writes an IMAGES Revision.
    """
    position = initiative.images.count()
    stem = f"{initiative.slug[:60]}-{secrets.token_hex(4)}"
    created = InitiativeImage.objects.create(
        initiative=initiative,
        image=image.as_file(stem),
        alt_text=alt_text.strip(),
        caption=caption.strip(),
        position=position,
    )
    history.record(initiative, action=RevisionAction.IMAGES, by=by)
    return created


@transaction.atomic
def delete_image(image: InitiativeImage, *, by) -> None:
    """Remove an image. Side effects: deletes the row, then the file once committed."""
    initiative, file = image.initiative, image.image
    image.delete()
    transaction.on_commit(lambda: file.storage.delete(file.name))
    history.record(initiative, action=RevisionAction.IMAGES, by=by)

"""Comments, reports, moderation log and merges of proposals (imported by `models`)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from essaim.participation.enums import ModerationAction


class CommentQuerySet(models.QuerySet):
    def visible(self):
        """The one definition of a visible comment, read by the proposal page, the exports, the
        API, the figures and `Proposal.comment_count`: a comment not hidden by moderation.

        Hiding a comment hides that comment only (as Decidim does): the page shows a notice with
        the reason in its place, and its replies, which nobody moderated, stay visible and
        counted everywhere. Restoring it brings it back everywhere."""
        return self.filter(hidden_at__isnull=True)


class Comment(models.Model):
    """A comment on a proposal. Threads: `root` is the top-level comment of the thread (None for
    a top-level comment itself), `parent` the comment answered. Pages of top-level comments are
    read by keyset (`id > last id`) on the index (proposal, root, id): constant time at any depth.
    """

    proposal = models.ForeignKey(
        "participation.Proposal", on_delete=models.CASCADE, related_name="comments"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="proposal_comments"
    )
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.CASCADE, related_name="replies"
    )
    root = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.CASCADE, related_name="thread"
    )
    body = models.TextField(_("commentaire"), max_length=3000)
    created_at = models.DateTimeField(auto_now_add=True)
    hidden_at = models.DateTimeField(_("masqué le"), null=True, blank=True)
    hidden_reason = models.CharField(_("motif du masquage"), max_length=300, blank=True)

    objects = CommentQuerySet.as_manager()

    class Meta:
        verbose_name = _("commentaire")
        verbose_name_plural = _("commentaires")
        ordering = ["id"]
        indexes = [models.Index(fields=["proposal", "root", "id"], name="comment_thread")]

    def __str__(self):
        return self.body[:60]


class Report(models.Model):
    """A user's report of a comment or of a proposal, until a moderator handles it."""

    proposal = models.ForeignKey(
        "participation.Proposal",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="reports",
    )
    comment = models.ForeignKey(
        Comment, null=True, blank=True, on_delete=models.CASCADE, related_name="reports"
    )
    reporter = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    reason = models.CharField(_("motif"), max_length=300)
    created_at = models.DateTimeField(auto_now_add=True)
    handled_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("signalement")
        verbose_name_plural = _("signalements")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(proposal__isnull=True) ^ models.Q(comment__isnull=True),
                name="report_one_target",
            ),
            models.UniqueConstraint(
                fields=["reporter", "comment"],
                condition=models.Q(comment__isnull=False),
                name="report_unique_comment",
            ),
            models.UniqueConstraint(
                fields=["reporter", "proposal"],
                condition=models.Q(proposal__isnull=False),
                name="report_unique_proposal",
            ),
        ]
        indexes = [models.Index(fields=["handled_at", "created_at"], name="report_queue")]

    def __str__(self):
        return self.reason


class ModerationLog(models.Model):
    """The moderators' log: who did what to which content, why, when. `actor` None: automatic."""

    campaign = models.ForeignKey(
        "participation.Campaign", on_delete=models.CASCADE, related_name="moderation_log"
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    action = models.CharField(_("action"), max_length=10, choices=ModerationAction.choices)
    proposal = models.ForeignKey(
        "participation.Proposal", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    comment = models.ForeignKey(
        Comment, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    reason = models.CharField(_("motif"), max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("journal de modération")
        verbose_name_plural = _("journal de modération")
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return f"{self.get_action_display()} — {self.created_at:%Y-%m-%d %H:%M}"


class Merge(models.Model):
    """Moderators merged `sources` into `target`; the sources stay readable and point at it."""

    target = models.ForeignKey(
        "participation.Proposal", on_delete=models.PROTECT, related_name="merges"
    )
    sources = models.ManyToManyField("participation.Proposal", related_name="+")
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    reason = models.CharField(_("motif"), max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("fusion")
        verbose_name_plural = _("fusions")
        ordering = ["-created_at"]

    def __str__(self):
        return str(self.target)

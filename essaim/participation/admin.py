"""Django admin of the consultations: for the platform's operators, to look and repair.

Counters (supports, comments) are read-only here: they are kept by the services.
"""

from django.contrib import admin

from essaim.participation import models


class ThemeInline(admin.TabularInline):
    model = models.CampaignTheme
    extra = 0
    prepopulated_fields = {"slug": ["name"]}


class PhaseInline(admin.TabularInline):
    model = models.Phase
    extra = 0


class CriterionInline(admin.TabularInline):
    model = models.Criterion
    extra = 0


class JurorInline(admin.TabularInline):
    model = models.JuryMember
    extra = 0
    raw_id_fields = ["user"]


@admin.register(models.Space)
class SpaceAdmin(admin.ModelAdmin):
    list_display = ["name", "slug"]
    prepopulated_fields = {"slug": ["name"]}
    filter_horizontal = ["partners"]


@admin.register(models.Campaign)
class CampaignAdmin(admin.ModelAdmin):
    list_display = ["title", "audience", "space", "is_published", "created_at"]
    list_filter = ["audience", "is_published", "space"]
    search_fields = ["title", "question"]
    prepopulated_fields = {"slug": ["title"]}
    filter_horizontal = ["organisations", "audience_organisations"]
    inlines = [ThemeInline, PhaseInline, CriterionInline, JurorInline]


class AnswerInline(admin.StackedInline):
    model = models.Answer
    extra = 0
    raw_id_fields = ["decided_by"]


@admin.register(models.Proposal)
class ProposalAdmin(admin.ModelAdmin):
    list_display = ["title", "campaign", "state", "support_count", "comment_count", "published_at"]
    list_filter = ["state", "campaign"]
    search_fields = ["title", "search_text"]
    raw_id_fields = ["author", "commune", "merged_into", "theme"]
    readonly_fields = ["support_count", "comment_count", "created_at", "updated_at"]
    list_select_related = ["campaign"]
    show_full_result_count = False
    inlines = [AnswerInline]


@admin.register(models.Comment)
class CommentAdmin(admin.ModelAdmin):
    list_display = ["__str__", "proposal", "created_at", "hidden_at"]
    raw_id_fields = ["proposal", "author", "parent", "root"]
    search_fields = ["body"]
    show_full_result_count = False


@admin.register(models.Report)
class ReportAdmin(admin.ModelAdmin):
    list_display = ["reason", "proposal", "comment", "created_at", "handled_at"]
    raw_id_fields = ["proposal", "comment", "reporter"]


@admin.register(models.ModerationLog)
class ModerationLogAdmin(admin.ModelAdmin):
    list_display = ["campaign", "action", "actor", "reason", "created_at"]
    list_filter = ["action"]
    raw_id_fields = ["actor", "proposal", "comment"]

    def has_change_permission(self, request, obj=None):
        return False  # the moderators' log is a record, never rewritten


@admin.register(models.Merge)
class MergeAdmin(admin.ModelAdmin):
    list_display = ["target", "by", "created_at"]
    raw_id_fields = ["target", "by", "sources"]


class WorkshopInline(admin.StackedInline):
    model = models.Workshop
    extra = 0
    raw_id_fields = ["event"]


@admin.register(models.Subject)
class SubjectAdmin(admin.ModelAdmin):
    list_display = ["title", "campaign", "initiative", "position"]
    raw_id_fields = ["proposals", "initiative"]
    inlines = [WorkshopInline]


@admin.register(models.Conflict)
class ConflictAdmin(admin.ModelAdmin):
    list_display = ["juror", "proposal", "reason", "created_at"]
    raw_id_fields = ["juror", "proposal"]


@admin.register(models.Follow)
class FollowAdmin(admin.ModelAdmin):
    list_display = ["user", "campaign", "proposal", "created_at"]
    raw_id_fields = ["user", "campaign", "proposal"]


@admin.register(models.EmailPreference)
class EmailPreferenceAdmin(admin.ModelAdmin):
    list_display = ["user", "frequency", "last_digest_at"]
    list_filter = ["frequency"]
    raw_id_fields = ["user"]


@admin.register(models.Notice)
class NoticeAdmin(admin.ModelAdmin):
    list_display = ["kind", "campaign", "proposal", "created_at"]
    list_filter = ["kind"]
    raw_id_fields = ["campaign", "proposal", "actor"]
    show_full_result_count = False

from django.contrib import admin

from essaim.catalogue import models


@admin.register(models.Theme)
class ThemeAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "position"]
    prepopulated_fields = {"slug": ["name"]}


class StageChangeInline(admin.TabularInline):
    model = models.StageChange
    extra = 0
    raw_id_fields = ["recorded_by"]


class IndicatorInline(admin.TabularInline):
    model = models.Indicator
    extra = 0


class LinkInline(admin.TabularInline):
    model = models.InitiativeLink
    extra = 0


class ImageInline(admin.TabularInline):
    model = models.InitiativeImage
    extra = 0


@admin.register(models.Initiative)
class InitiativeAdmin(admin.ModelAdmin):
    list_display = ["title", "stage", "publication_state", "region", "published_at"]
    list_filter = ["publication_state", "stage", "themes"]
    search_fields = ["title", "pitch"]
    raw_id_fields = ["territory", "origin", "published_by", "archived_by", "created_by"]
    filter_horizontal = ["themes", "carriers", "labs"]
    readonly_fields = ["created_at", "updated_at", "region", "department"]
    inlines = [StageChangeInline, IndicatorInline, LinkInline, ImageInline]


@admin.register(models.LabProfile)
class LabProfileAdmin(admin.ModelAdmin):
    list_display = ["organisation", "founded_on"]
    raw_id_fields = ["organisation"]


@admin.register(models.LabFigure)
class LabFigureAdmin(admin.ModelAdmin):
    list_display = ["organisation", "label", "value", "declared_on"]
    raw_id_fields = ["organisation"]

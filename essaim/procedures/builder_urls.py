"""URLs of the builder, under /demarches/gestion/ (names prefixed `builder_`)."""

from django.urls import path

from essaim.procedures import builder_exchange_views as exchange_views
from essaim.procedures import builder_form_views as form_views
from essaim.procedures import builder_team_views as team_views
from essaim.procedures import builder_views as views
from essaim.procedures import integrations_views, prefill_views

urlpatterns = [
    path("", views.builder_index, name="builder_index"),
    path("nouvelle/", views.builder_create, name="builder_create"),
    path(
        "importer/<str:kind>/",
        exchange_views.import_procedure,
        name="builder_import",
    ),
    path(
        "<int:pk>/definition.json",
        exchange_views.export_definition,
        name="builder_export_definition",
    ),
    path("<int:pk>/", views.builder_detail, name="builder_detail"),
    path("<int:pk>/proprietes/", views.builder_properties, name="builder_properties"),
    path("<int:pk>/nouvelle-version/", views.builder_new_version, name="builder_new_version"),
    path("<int:pk>/publier/", views.builder_publish, name="builder_publish"),
    path("<int:pk>/etat/", views.builder_status, name="builder_status"),
    path("<int:pk>/dupliquer/", views.builder_duplicate, name="builder_duplicate"),
    path("<int:pk>/apercu/", views.builder_preview, name="builder_preview"),
    path("<int:pk>/instructeurs/", team_views.team_page, name="builder_team"),
    path(
        "<int:pk>/instructeurs/<int:group_pk>/",
        team_views.team_action,
        name="builder_team_action",
    ),
    path(
        "<int:pk>/instructeurs/retirer/<int:seat_pk>/",
        team_views.team_remove,
        name="builder_team_remove",
    ),
    path(
        "<int:pk>/integrations/",
        integrations_views.integrations_page,
        name="builder_integrations",
    ),
    path(
        "<int:pk>/integrations/webhooks/",
        integrations_views.webhook_add,
        name="builder_webhook_add",
    ),
    path(
        "<int:pk>/integrations/webhooks/<int:webhook_pk>/supprimer/",
        integrations_views.webhook_delete,
        name="builder_webhook_delete",
    ),
    path(
        "<int:pk>/integrations/envois/<int:delivery_pk>/relancer/",
        integrations_views.delivery_retry,
        name="builder_delivery_retry",
    ),
    path("<int:pk>/integrations/jetons/", integrations_views.token_add, name="builder_token_add"),
    path(
        "<int:pk>/integrations/jetons/<int:token_pk>/revoquer/",
        integrations_views.token_revoke,
        name="builder_token_revoke",
    ),
    path(
        "<int:pk>/liens-pre-remplis/",
        prefill_views.prefill_links,
        name="builder_prefill_links",
    ),
    path(
        "<int:pk>/liens-pre-remplis/<int:link_pk>/retirer/",
        prefill_views.prefill_link_revoke,
        name="builder_prefill_link_revoke",
    ),
    path("<int:pk>/parties/nouvelle/", form_views.section_edit, name="builder_section_create"),
    path(
        "<int:pk>/parties/<int:section_pk>/",
        form_views.section_edit,
        name="builder_section_edit",
    ),
    path(
        "<int:pk>/parties/<int:section_pk>/champs/nouveau/",
        form_views.field_create,
        name="builder_field_create",
    ),
    path(
        "<int:pk>/parties/<int:container_pk>/ordre/",
        form_views.item_reorder,
        {"kind": "field"},
        name="builder_field_reorder",
    ),
    path(
        "<int:pk>/parties/ordre/",
        form_views.item_reorder,
        {"kind": "section"},
        name="builder_section_reorder",
    ),
    path("<int:pk>/champs/<int:field_pk>/", form_views.field_edit, name="builder_field_edit"),
    path("<int:pk>/regles/", form_views.rules_page, name="builder_rules"),
    path("<int:pk>/regles/nouvelle/", form_views.rule_edit, name="builder_rule_create"),
    path("<int:pk>/regles/<int:rule_pk>/", form_views.rule_edit, name="builder_rule_edit"),
    path(
        "<int:pk>/<str:kind>/<int:item_pk>/supprimer/",
        form_views.item_delete,
        name="builder_item_delete",
    ),
    path(
        "<int:pk>/<str:kind>/<int:item_pk>/deplacer/",
        form_views.item_move,
        name="builder_item_move",
    ),
]

"""URLs of instruction, under /demarches/instruction/ (names prefixed `instruction_`)."""

from django.urls import path

from essaim.procedures import exports, opinion_views, saved_view_views
from essaim.procedures import instruction_views as views

urlpatterns = [
    path("", views.instruction_index, name="instruction_index"),
    path("<int:pk>/", views.instruction_procedure, name="instruction_procedure"),
    path("<int:pk>/export.csv", exports.export_csv, name="instruction_export_csv"),
    path("<int:pk>/export.json", exports.export_json, name="instruction_export_json"),
    path("<int:pk>/export.xlsx", exports.export_xlsx, name="instruction_export_xlsx"),
    path("<int:pk>/documents.zip", exports.export_documents, name="instruction_export_documents"),
    path("dossiers/<uuid:public_id>/", views.instruction_dossier, name="instruction_dossier"),
    path(
        "dossiers/<uuid:public_id>/etat/",
        views.instruction_transition,
        name="instruction_transition",
    ),
    path(
        "dossiers/<uuid:public_id>/annotations/",
        views.instruction_annotations,
        name="instruction_annotations",
    ),
    path(
        "dossiers/<uuid:public_id>/messages/",
        views.instruction_message,
        name="instruction_message",
    ),
    path(
        "dossiers/<uuid:public_id>/avis/",
        opinion_views.request_opinion,
        name="instruction_opinion",
    ),
    path("<int:pk>/vues/", saved_view_views.save_view, name="instruction_save_view"),
    path(
        "<int:pk>/vues/<int:view_pk>/supprimer",
        saved_view_views.delete_view,
        name="instruction_delete_view",
    ),
    path("<int:pk>/delais/", views.instruction_dashboard, name="instruction_dashboard"),
]

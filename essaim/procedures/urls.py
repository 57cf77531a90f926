from django.urls import include, path

from essaim.procedures import (
    applicant_message_views,
    commune_views,
    decision_views,
    guest_views,
    model_file_views,
    my_data,
    opinion_views,
    prefill_views,
)
from essaim.procedures import applicant_views as views

app_name = "procedures"

urlpatterns = [
    # Builder and instruction (procedures-builder's modules), before the slug routes.
    path("gestion/", include("essaim.procedures.builder_urls")),
    path("instruction/", include("essaim.procedures.instruction_urls")),
    path("", views.procedure_list, name="list"),
    path("mes-dossiers/", views.my_dossiers, name="my_dossiers"),
    path("mes-dossiers/mes-donnees/", my_data.my_data, name="my_data"),
    path("documents/<str:token>/", views.document, name="document"),
    path("modeles/<uuid:file_id>/", model_file_views.field_model, name="field_model"),
    path("reprise/<str:token>/", guest_views.resume, name="resume"),
    path("reprise/<str:token>/nouveau-lien", guest_views.resume_renew, name="resume_renew"),
    path("communes/", commune_views.commune_suggestions, name="commune_suggestions"),
    path("avis/<str:token>/", opinion_views.opinion, name="opinion"),
    path("dossiers/<uuid:public_id>/", views.dossier_detail, name="dossier"),
    path("dossiers/<uuid:public_id>/etape/<int:index>/", views.step, name="step"),
    path(
        "dossiers/<uuid:public_id>/etape/<int:index>/enregistrer", views.autosave, name="autosave"
    ),
    path("dossiers/<uuid:public_id>/recapitulatif/", views.summary, name="summary"),
    path("dossiers/<uuid:public_id>/deposer", views.submit, name="submit"),
    path("dossiers/<uuid:public_id>/accuse-de-reception/", views.receipt, name="receipt"),
    path(
        "dossiers/<uuid:public_id>/messages/",
        applicant_message_views.dossier_message,
        name="dossier_message",
    ),
    path(
        "dossiers/<uuid:public_id>/decision.pdf",
        decision_views.decision_letter,
        name="decision_letter",
    ),
    # Keep the procedure's slug routes last: they match any word.
    path("<slug:slug>/", views.procedure_detail, name="detail"),
    path("<slug:slug>/commencer", views.start, name="start"),
    path("<slug:slug>/preremplir/<str:token>/", prefill_views.prefill_start, name="prefill"),
]

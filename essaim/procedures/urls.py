from django.urls import include, path

from essaim.procedures import applicant_views as views

app_name = "procedures"

urlpatterns = [
    # Builder and instruction (procedures-builder's modules), before the slug routes.
    path("gestion/", include("essaim.procedures.builder_urls")),
    path("instruction/", include("essaim.procedures.instruction_urls")),
    path("", views.procedure_list, name="list"),
    path("mes-dossiers/", views.my_dossiers, name="my_dossiers"),
    path("documents/<str:token>/", views.document, name="document"),
    path("dossiers/<uuid:public_id>/", views.dossier_detail, name="dossier"),
    path("dossiers/<uuid:public_id>/etape/<int:index>/", views.step, name="step"),
    path(
        "dossiers/<uuid:public_id>/etape/<int:index>/enregistrer", views.autosave, name="autosave"
    ),
    path("dossiers/<uuid:public_id>/recapitulatif/", views.summary, name="summary"),
    path("dossiers/<uuid:public_id>/deposer", views.submit, name="submit"),
    path("dossiers/<uuid:public_id>/accuse-de-reception/", views.receipt, name="receipt"),
    # Keep the procedure's slug routes last: they match any word.
    path("<slug:slug>/", views.procedure_detail, name="detail"),
    path("<slug:slug>/commencer", views.start, name="start"),
]

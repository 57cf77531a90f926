"""URLs of the editing, lab and alert pages, included by `catalogue.urls` before "<slug>/"."""

from django.urls import path

from essaim.catalogue import alerts_views, labs_views
from essaim.catalogue import editing_views as views

urlpatterns = [
    path("laboratoires/", labs_views.lab_list, name="labs"),
    path("laboratoires/<slug:slug>/", labs_views.lab_detail, name="lab"),
    path("alertes/nouvelle/", alerts_views.alert_create, name="alert_create"),
    path("alertes/confirmer/<str:token>/", alerts_views.alert_confirm, name="alert_confirm"),
    path(
        "alertes/desabonnement/<str:token>/",
        alerts_views.alert_unsubscribe,
        name="alert_unsubscribe",
    ),
    path(
        "alertes/reabonnement/<str:token>/",
        alerts_views.alert_resubscribe,
        name="alert_resubscribe",
    ),
    path("nouvelle/", views.initiative_create, name="create"),
    path("moderation/", views.moderation_queue, name="moderation"),
    path("<slug:slug>/modifier/", views.initiative_edit, name="edit"),
    path("<slug:slug>/images/", views.initiative_images, name="images"),
    path("<slug:slug>/images/<int:pk>/supprimer/", views.image_delete, name="image_delete"),
    path("<slug:slug>/publication/", views.initiative_publication, name="publication"),
    path("<slug:slug>/historique/", views.initiative_history, name="history"),
    path("<slug:slug>/historique/<int:number>/", views.revision_detail, name="revision"),
]

"""Routes of the organisers' pages, included by `essaim/agenda/urls.py` (under /agenda/)."""

from django.urls import path

from essaim.agenda import organiser_import_views, organiser_registrant_views, organiser_views

P = "mes-evenements/"

urlpatterns = [
    path(P, organiser_views.dashboard, name="organiser_dashboard"),
    path(P + "nouveau/", organiser_views.event_create, name="organiser_create"),
    path(P + "importer/", organiser_import_views.import_events, name="organiser_import"),
    path(
        P + "importer/modele.csv",
        organiser_import_views.import_template,
        name="organiser_import_template",
    ),
    path(P + "<slug:slug>/modifier/", organiser_views.event_edit, name="organiser_edit"),
    path(P + "<slug:slug>/apercu/", organiser_views.event_preview, name="organiser_preview"),
    path(P + "<slug:slug>/soumettre/", organiser_views.event_submit, name="organiser_submit"),
    path(P + "<slug:slug>/publier/", organiser_views.event_publish, name="organiser_publish"),
    path(P + "<slug:slug>/dupliquer/", organiser_views.event_duplicate, name="organiser_duplicate"),
    path(P + "<slug:slug>/statut/", organiser_views.event_status, name="organiser_status"),
    path(P + "<slug:slug>/retirer/", organiser_views.event_withdraw, name="organiser_withdraw"),
    path(
        P + "<slug:slug>/inscrits/",
        organiser_registrant_views.registrants,
        name="organiser_registrants",
    ),
    path(
        P + "<slug:slug>/inscrits/presences/",
        organiser_registrant_views.attendance,
        name="organiser_attendance",
    ),
    path(
        P + "<slug:slug>/inscrits/export.csv",
        organiser_registrant_views.registrants_export,
        name="organiser_registrants_export",
    ),
    path(
        P + "<slug:slug>/inscrits/message/",
        organiser_registrant_views.message,
        name="organiser_message",
    ),
]

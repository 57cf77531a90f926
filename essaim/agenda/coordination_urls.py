"""Routes of the coordinators' pages, included by `essaim/agenda/urls.py` (under /agenda/)."""

from django.urls import path

from essaim.agenda import coordination_views as views

P = "coordination/"

urlpatterns = [
    path(P, views.home, name="coordination_home"),
    # Two segments: no programme slug can hide this page.
    path(P + "programmes/nouveau/", views.programme_create, name="coordination_create"),
    path(P + "<slug:slug>/modifier/", views.programme_edit, name="coordination_edit"),
    path(P + "<slug:slug>/", views.programme_page, name="coordination_programme"),
    path(P + "<slug:slug>/agendas/", views.aggregation, name="coordination_aggregation"),
    path(P + "<slug:slug>/chiffres/", views.figures, name="coordination_figures"),
    path(P + "<slug:slug>/archiver/", views.archive, name="coordination_archive"),
    path(
        P + "<slug:slug>/evenements/<slug:event_slug>/",
        views.review,
        name="coordination_review",
    ),
    path(
        P + "<slug:slug>/evenements/<slug:event_slug>/publier/",
        views.publish,
        name="coordination_publish",
    ),
    path(
        P + "<slug:slug>/evenements/<slug:event_slug>/refuser/",
        views.refuse,
        name="coordination_refuse",
    ),
    path(
        P + "<slug:slug>/evenements/<slug:event_slug>/une/",
        views.feature,
        name="coordination_feature",
    ),
]

from django.urls import path

from essaim.synthesis import action_views, views

app_name = "synthesis"

S = "<int:pk>/"

urlpatterns = [
    path("", views.synthesis_list, name="list"),
    path("nouvelle/", views.new, name="new"),
    path("consultation/<slug:slug>/", action_views.from_campaign, name="from_campaign"),
    path(S, views.detail, name="detail"),
    path(S + "avancement/", views.status, name="status"),
    path(S + "colonnes/", views.columns, name="columns"),
    path(S + "themes/<str:key>/", views.theme, name="theme"),
    path(S + "corriger/", action_views.correct, name="correct"),
    path(S + "relancer/", action_views.rerun, name="rerun"),
    path(S + "publication/", action_views.publication, name="publication"),
    path(S + "contributions.csv", action_views.export_csv, name="export_csv"),
    path(S + "rapport.pdf", action_views.export_pdf, name="export_pdf"),
]

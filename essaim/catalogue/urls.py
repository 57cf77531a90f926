from django.urls import include, path

from essaim.catalogue import exports, views

app_name = "catalogue"

urlpatterns = [
    path("", views.initiative_list, name="list"),
    path("carte/", views.initiative_map, name="map"),
    path("export.csv", exports.export_csv, name="export_csv"),
    path("export.json", exports.export_json, name="export_json"),
    # Content pages (editing, labs, alerts) go here, BEFORE the catch-all "<slug:slug>/".
    path("", include("essaim.catalogue.editing_urls")),
    path("<slug:slug>/", views.initiative_detail, name="detail"),
]
